import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from accounts.constants import Role
from audit.models import Event
from tests.factories import ProviderFactory, UserFactory
from yousaid import selectors, services, workdays
from yousaid.constants import ActionStatus, ConfirmedBy, IssueStatus, NotificationKind, Source
from yousaid.models import Action, ActionProgress, Issue, Notification
from yousaid.tests.conftest import TODAY, WORDS, days, feedback_response


def _messages(e):
    return e.value.message_dict if hasattr(e.value, "error_dict") else e.value.messages


def action_for(lead, issue, **kw):
    return services.action_add(
        acting_user=lead,
        issue_id=issue.pk,
        description="Fix the boiler on C wing",
        owner_organisation_id=kw.get("owner_organisation_id", issue.organisation_id),
        due_on=kw.get("due_on", days(14)),
    )


def test_raise_by_hand_sets_the_deadline_in_working_days(lead, issue):
    assert issue.organisation == lead.organisation
    assert issue.response_due_on == workdays.add_working_days(TODAY, 20)
    assert selectors.issue_status(issue) == IssueStatus.OPEN
    assert issue.named_person is None
    event = Event.objects.get(record_type="yousaid_issue", record_id=str(issue.pk))
    assert WORDS not in event.summary  # the words are never in the audit log


@override_settings(YOUSAID_RESPONSE_WORKING_DAYS=5)
def test_the_setting_and_an_organisation_override_change_the_deadline(lead):
    issue = services.issue_raise(acting_user=lead, organisation_id=None, source=Source.BY_HAND, said="Too cold")
    assert issue.response_due_on == workdays.add_working_days(TODAY, 5)
    services.deadline_set(acting_user=lead, organisation_id=lead.organisation_id, working_days=10)
    issue = services.issue_raise(acting_user=lead, organisation_id=None, source=Source.BY_HAND, said="Too hot")
    assert issue.response_due_on == workdays.add_working_days(TODAY, 10)
    with pytest.raises(ValidationError):
        services.deadline_set(acting_user=lead, organisation_id=lead.organisation_id, working_days=0)


def test_a_lead_raises_only_for_their_own_organisation(lead, other_lead):
    issue = services.issue_raise(
        acting_user=lead, organisation_id=other_lead.organisation_id, source=Source.BY_HAND, said="Hello"
    )
    assert issue.organisation_id == lead.organisation_id


def test_raise_refuses_bad_input_and_changes_nothing(lead):
    with pytest.raises(ValidationError) as e:
        services.issue_raise(acting_user=lead, organisation_id=None, source="rumour", said="  ", named_identifier="Z9")
    assert set(_messages(e)) == {"source", "said", "named_identifier"}
    assert not Issue.objects.exists()


def test_other_roles_cannot_raise(prison):
    officer = UserFactory(role=Role.PRISON_STAFF, organisation=prison)
    with pytest.raises(PermissionDenied):
        services.issue_raise(acting_user=officer, organisation_id=None, source=Source.BY_HAND, said="x")


def test_raise_from_feedback_copies_the_words_and_names_no_one(lead, prison, person):
    response = feedback_response(prison)
    issue = services.issue_raise(
        acting_user=lead,
        organisation_id=None,
        source=Source.FEEDBACK,
        said="",
        feedback_response_id=response.pk,
        feedback_question="overall_why",
    )
    assert issue.said == WORDS and issue.feedback_response_id == response.pk and issue.named_person_id is None
    with pytest.raises(ValidationError) as e:  # anonymous feedback cannot be given a name
        services.issue_raise(
            acting_user=lead,
            organisation_id=None,
            source=Source.FEEDBACK,
            said="",
            feedback_response_id=response.pk,
            feedback_question="overall_why",
            named_identifier=person.prison_number,
        )
    assert "named_identifier" in _messages(e)


def test_feedback_that_named_its_writer_tells_them(lead, prison, person):
    response = feedback_response(prison, named_person=person)
    issue = services.issue_raise(
        acting_user=lead,
        organisation_id=None,
        source=Source.FEEDBACK,
        said="Cold showers",
        feedback_response_id=response.pk,
        feedback_question="overall_why",
    )
    assert issue.named_person_id == person.pk and issue.said == "Cold showers"


@pytest.mark.parametrize("kind", ["restricted", "other_organisation", "no_such_question", "bad_id"])
def test_feedback_that_may_not_be_raised_is_refused(lead, prison, other_lead, kind):
    response = feedback_response(
        other_lead.organisation if kind == "other_organisation" else prison, restricted=kind == "restricted"
    )
    with pytest.raises(ValidationError) as e:
        services.issue_raise(
            acting_user=lead,
            organisation_id=None,
            source=Source.FEEDBACK,
            said="",
            feedback_response_id="not-a-uuid" if kind == "bad_id" else response.pk,
            feedback_question="overall" if kind == "no_such_question" else "overall_why",
        )
    assert "said" in _messages(e)
    assert not Issue.objects.exists()


def test_respond_on_time_then_late(lead, issue):
    services.issue_respond(acting_user=lead, issue_id=issue.pk, response="We have called in the plumber")
    issue.refresh_from_db()
    assert selectors.issue_status(issue) == IssueStatus.RESPONDED_ON_TIME
    late = services.issue_raise(acting_user=lead, organisation_id=None, source=Source.BY_HAND, said="Late one")
    Issue.objects.filter(pk=late.pk).update(response_due_on=days(-1))
    late.refresh_from_db()
    assert selectors.issue_status(late) == IssueStatus.OVERDUE
    services.issue_respond(acting_user=lead, issue_id=late.pk, response="Sorry")
    late.refresh_from_db()
    assert selectors.issue_status(late) == IssueStatus.RESPONDED_LATE


def test_respond_refuses_empty_twice_and_after_close(lead, issue):
    with pytest.raises(ValidationError):
        services.issue_respond(acting_user=lead, issue_id=issue.pk, response=" ")
    services.issue_respond(acting_user=lead, issue_id=issue.pk, response="Fixed")
    with pytest.raises(ValidationError, match="already has a response"):
        services.issue_respond(acting_user=lead, issue_id=issue.pk, response="Again")
    services.issue_close(acting_user=lead, issue_id=issue.pk)
    with pytest.raises(ValidationError, match="closed"):
        services.issue_respond(acting_user=lead, issue_id=issue.pk, response="After")
    issue.refresh_from_db()
    assert issue.response == "Fixed" and selectors.issue_status(issue) == IssueStatus.CLOSED


def test_close_needs_a_response_and_finished_actions(lead, issue):
    with pytest.raises(ValidationError, match="response before"):
        services.issue_close(acting_user=lead, issue_id=issue.pk)
    services.issue_respond(acting_user=lead, issue_id=issue.pk, response="We will fix it")
    action = action_for(lead, issue)
    with pytest.raises(ValidationError, match="not yet confirmed"):
        services.issue_close(acting_user=lead, issue_id=issue.pk)
    services.action_cancel(acting_user=lead, action_id=action.pk, reason="The wing is closing")
    services.issue_close(acting_user=lead, issue_id=issue.pk)
    with pytest.raises(ValidationError, match="closed"):
        action_for(lead, issue)


def test_another_organisations_issue_does_not_exist_for_a_lead(issue, other_lead, admin):
    with pytest.raises(Issue.DoesNotExist):
        services.issue_respond(acting_user=other_lead, issue_id=issue.pk, response="Not mine")
    with pytest.raises(Issue.DoesNotExist):
        selectors.issue_for_user(other_lead, issue.pk)
    services.issue_respond(acting_user=admin, issue_id=issue.pk, response="Administrators can")


def test_action_bad_input(lead, issue, other_lead):
    with pytest.raises(ValidationError) as e:
        services.action_add(acting_user=lead, issue_id=issue.pk, description="", due_on=None)
    assert set(_messages(e)) == {"description", "owner", "due_on"}
    with pytest.raises(ValidationError) as e:
        services.action_add(
            acting_user=lead, issue_id=issue.pk, description="x", owner_user_id=other_lead.pk, due_on=days(-30)
        )
    assert set(_messages(e)) == {"owner", "due_on"}
    with pytest.raises(ValidationError):
        services.action_add(
            acting_user=lead,
            issue_id=issue.pk,
            description="x",
            owner_user_id=lead.pk,
            owner_organisation_id=lead.organisation_id,
            due_on=days(3),
        )
    assert not Action.objects.exists()


def test_an_action_is_done_only_when_confirmed(lead, issue):
    provider = ProviderFactory(name="Wold Plumbing Co-op")
    action = action_for(lead, issue, owner_organisation_id=provider.pk)
    assert selectors.action_status(action) == ActionStatus.IN_PROGRESS
    with pytest.raises(ValidationError, match="Mark the action as done before"):
        services.action_confirm(
            acting_user=lead, action_id=action.pk, confirmed_by=ConfirmedBy.COUNCIL, confirmed_on=TODAY, note="Yes"
        )
    services.action_progress_add(acting_user=lead, action_id=action.pk, noted_on=TODAY, note="Parts ordered")
    services.action_claim_done(acting_user=lead, action_id=action.pk, note="Boiler replaced")
    action.refresh_from_db()
    assert selectors.action_status(action) == ActionStatus.DONE_CLAIMED
    assert selectors.issue_figures(organisation_ids=[issue.organisation_id]).actions_confirmed == 0
    with pytest.raises(ValidationError, match="already marked as done"):
        services.action_claim_done(acting_user=lead, action_id=action.pk)
    services.action_confirm(
        acting_user=lead,
        action_id=action.pk,
        confirmed_by=ConfirmedBy.COUNCIL,
        confirmed_on=TODAY,
        note=f"Confirmed by the council at its meeting on {TODAY:%d %B}",
    )
    action.refresh_from_db()
    assert selectors.action_status(action) == ActionStatus.CONFIRMED
    with pytest.raises(ValidationError, match="already confirmed"):
        services.action_cancel(acting_user=lead, action_id=action.pk, reason="Too late")


def test_confirm_bad_input_changes_nothing(lead, issue):
    action = action_for(lead, issue)
    services.action_claim_done(acting_user=lead, action_id=action.pk)
    with pytest.raises(ValidationError) as e:
        services.action_confirm(
            acting_user=lead, action_id=action.pk, confirmed_by=ConfirmedBy.NAMED_PERSON, confirmed_on=days(2), note=""
        )
    assert set(_messages(e)) == {"confirmed_by", "confirmed_on", "note"}
    with pytest.raises(ValidationError) as e:
        services.action_confirm(
            acting_user=lead, action_id=action.pk, confirmed_by="someone", confirmed_on=days(-10), note="x"
        )
    assert set(_messages(e)) == {"confirmed_by", "confirmed_on"}
    action.refresh_from_db()
    assert action.confirmed_at is None


def test_a_claim_can_be_refused_by_the_council(lead, issue):
    action = action_for(lead, issue)
    with pytest.raises(ValidationError):
        services.action_claim_reject(acting_user=lead, action_id=action.pk, note="No")
    services.action_claim_done(acting_user=lead, action_id=action.pk)
    services.action_claim_reject(acting_user=lead, action_id=action.pk, note="Still cold on the landing")
    action.refresh_from_db()
    assert action.done_claimed_at is None
    assert "Still cold" in ActionProgress.objects.get(action=action).note


def test_cancelled_actions_take_nothing_more(lead, issue):
    action = action_for(lead, issue)
    with pytest.raises(ValidationError):
        services.action_cancel(acting_user=lead, action_id=action.pk, reason="")
    services.action_cancel(acting_user=lead, action_id=action.pk, reason="Not needed")
    for call in (
        lambda: services.action_claim_done(acting_user=lead, action_id=action.pk),
        lambda: services.action_progress_add(acting_user=lead, action_id=action.pk, noted_on=TODAY, note="x"),
        lambda: services.action_cancel(acting_user=lead, action_id=action.pk, reason="again"),
    ):
        with pytest.raises(ValidationError, match="cancelled"):
            call()
    action.refresh_from_db()
    assert selectors.action_status(action) == ActionStatus.CANCELLED


def test_progress_bad_dates(lead, issue):
    action = action_for(lead, issue)
    with pytest.raises(ValidationError) as e:
        services.action_progress_add(acting_user=lead, action_id=action.pk, noted_on=days(1), note="")
    assert set(_messages(e)) == {"noted_on", "note"}
    with pytest.raises(ValidationError):
        services.action_progress_add(acting_user=lead, action_id=action.pk, noted_on=None, note="x")
    assert not ActionProgress.objects.exists()


def test_overdue_actions_are_flagged_even_when_claimed(lead, issue):
    action = action_for(lead, issue, due_on=TODAY)
    assert selectors.action_status(action, today=days(1)) == ActionStatus.OVERDUE
    services.action_claim_done(acting_user=lead, action_id=action.pk)
    action.refresh_from_db()
    assert selectors.action_status(action, today=days(1)) == ActionStatus.OVERDUE


def test_the_named_person_is_told_of_every_change(lead, named_issue, person):
    services.issue_respond(acting_user=lead, issue_id=named_issue.pk, response="We will fix it")
    action = action_for(lead, named_issue)
    services.action_claim_done(acting_user=lead, action_id=action.pk)
    services.action_confirm(
        acting_user=lead,
        action_id=action.pk,
        confirmed_by=ConfirmedBy.NAMED_PERSON,
        confirmed_on=TODAY,
        note="Alex said it is fixed",
    )
    services.issue_close(acting_user=lead, issue_id=named_issue.pk)
    kinds = [n.kind for n in selectors.notifications_for_person(person.pk)]
    assert kinds == [
        NotificationKind.CLOSED,
        NotificationKind.ACTION_CONFIRMED,
        NotificationKind.ACTION_CLAIMED,
        NotificationKind.ACTION_ADDED,
        NotificationKind.RESPONDED,
    ]


def test_anonymous_issues_notify_no_one(lead, issue):
    services.issue_respond(acting_user=lead, issue_id=issue.pk, response="Done")
    assert not Notification.objects.exists()


def test_a_refused_change_sends_no_notification(lead, named_issue):
    with pytest.raises(ValidationError):
        services.issue_respond(acting_user=lead, issue_id=named_issue.pk, response="")
    assert not Notification.objects.exists()


def test_the_named_person_is_told_when_a_done_claim_is_refused_and_why(lead, named_issue, person):
    action = action_for(lead, named_issue)
    services.action_claim_done(acting_user=lead, action_id=action.pk)
    services.action_claim_reject(
        acting_user=lead, action_id=action.pk, said_by=ConfirmedBy.COUNCIL, note="The showers are still cold"
    )
    told = selectors.notifications_for_person(person.pk).first()
    assert told.kind == NotificationKind.ACTION_NOT_DONE
    assert action.description in told.message
    assert "The council says this is not done yet: The showers are still cold" in told.message
