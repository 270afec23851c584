"""'Not done yet': the council, the people who raised an issue or the named person say an action
staff claimed done is not done. The claim is withdrawn, their words go on the action's progress
(and so on the public board); refusals say why and change nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.constants import Role
from audit.models import Event
from tests.factories import UserFactory
from yousaid import selectors, services
from yousaid.constants import ActionStatus, ConfirmedBy
from yousaid.models import Action, ActionProgress, Issue
from yousaid.tests.conftest import TODAY, days
from yousaid.tests.test_views import submission


def action_for(lead, issue):
    return services.action_add(
        acting_user=lead,
        issue_id=issue.pk,
        description="Fix the boiler on C wing",
        owner_organisation_id=issue.organisation_id,
        due_on=days(14),
    )


@pytest.fixture
def claimed(lead, issue):
    action = action_for(lead, issue)
    services.action_claim_done(acting_user=lead, action_id=action.pk, note="Boiler fixed")
    return action


def url(action):
    return reverse("yousaid:action-claim-reject", args=[action.issue_id, action.pk])


def snapshot(action):
    action.refresh_from_db()
    return (
        action.done_claimed_at,
        action.done_claim_note,
        action.confirmed_at,
        ActionProgress.objects.filter(action=action).count(),
        Event.objects.count(),
    )


def test_the_detail_page_links_to_not_done_yet_only_for_a_claim(client, lead, issue, claimed):
    client.force_login(lead)
    other = action_for(lead, issue)
    page = client.get(reverse("yousaid:detail", args=[issue.pk])).content.decode()
    assert url(claimed) in page
    assert url(other) not in page


def test_the_council_says_it_is_not_done(client, lead, issue, claimed):
    client.force_login(lead)
    page = client.get(url(claimed))
    text = page.content.decode()
    assert "Who says it is not done yet?" in text
    assert str(ConfirmedBy.NAMED_PERSON.label) not in text  # no one gave their name
    response = client.post(
        url(claimed),
        {"submission_id": submission(page), "said_by": ConfirmedBy.COUNCIL, "note": "Still cold on the landing"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("yousaid:detail", args=[issue.pk])
    claimed.refresh_from_db()
    assert claimed.done_claimed_at is None and claimed.done_claim_note == ""
    assert selectors.action_status(claimed) == ActionStatus.IN_PROGRESS
    note = ActionProgress.objects.get(action=claimed)
    assert note.note == "The council says this is not done yet: Still cold on the landing"
    assert note.noted_on == TODAY
    event = Event.objects.filter(record_type="yousaid_action", record_id=str(claimed.pk)).latest("pk")
    assert "not confirmed by the council" in event.summary and "landing" not in event.summary

    # The public board shows their words; the action can be claimed and confirmed again.
    board = client.get(reverse("yousaid:board", args=[issue.organisation_id])).content.decode()
    assert "The council says this is not done yet: Still cold on the landing" in board
    services.action_claim_done(acting_user=lead, action_id=claimed.pk)
    services.action_confirm(
        acting_user=lead, action_id=claimed.pk, confirmed_by=ConfirmedBy.COUNCIL, confirmed_on=TODAY, note="Warm now"
    )
    claimed.refresh_from_db()
    assert selectors.action_status(claimed) == ActionStatus.CONFIRMED


def test_the_named_person_is_a_choice_when_someone_gave_their_name(client, lead, named_issue):
    action = action_for(lead, named_issue)
    services.action_claim_done(acting_user=lead, action_id=action.pk)
    client.force_login(lead)
    page = client.get(url(action))
    assert str(ConfirmedBy.NAMED_PERSON.label) in page.content.decode()
    client.post(url(action), {"submission_id": submission(page), "said_by": ConfirmedBy.NAMED_PERSON, "note": "No"})
    assert ActionProgress.objects.get().note == "The person who raised it says this is not done yet: No"


def test_missing_answers_say_why_and_change_nothing(client, lead, claimed):
    client.force_login(lead)
    page = client.get(url(claimed))
    before = snapshot(claimed)
    response = client.post(url(claimed), {"submission_id": submission(page), "said_by": "", "note": "  "})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Select who says it is not done yet" in text and "Enter what they said" in text
    assert snapshot(claimed) == before
    # the submission id was not spent: the same form, corrected, goes through
    client.post(url(claimed), {"submission_id": submission(page), "said_by": ConfirmedBy.PEOPLE, "note": "Not yet"})
    claimed.refresh_from_db()
    assert claimed.done_claimed_at is None


def test_the_named_person_is_refused_when_no_one_gave_their_name(client, lead, claimed):
    client.force_login(lead)
    page = client.get(url(claimed))
    before = snapshot(claimed)
    response = client.post(
        url(claimed), {"submission_id": submission(page), "said_by": ConfirmedBy.NAMED_PERSON, "note": "No"}
    )
    assert response.status_code == 200
    assert snapshot(claimed) == before


def test_sent_twice_changes_nothing_the_second_time(client, lead, claimed):
    client.force_login(lead)
    page = client.get(url(claimed))
    data = {"submission_id": submission(page), "said_by": ConfirmedBy.COUNCIL, "note": "Still cold"}
    client.post(url(claimed), data)
    services.action_claim_done(acting_user=lead, action_id=claimed.pk)  # claimed again meanwhile
    before = snapshot(claimed)
    again = client.post(url(claimed), data)
    assert "already been sent" in again.content.decode()
    assert snapshot(claimed) == before


def _not_claimed(lead, issue):
    return action_for(lead, issue), "not marked as done"


def _confirmed(lead, issue):
    action = action_for(lead, issue)
    services.action_claim_done(acting_user=lead, action_id=action.pk)
    services.action_confirm(
        acting_user=lead, action_id=action.pk, confirmed_by=ConfirmedBy.COUNCIL, confirmed_on=TODAY, note="Yes"
    )
    return action, "already confirmed as done"


def _cancelled(lead, issue):
    action = action_for(lead, issue)
    services.action_claim_done(acting_user=lead, action_id=action.pk)
    services.action_cancel(acting_user=lead, action_id=action.pk, reason="Not needed")
    return action, "was cancelled"


def _closed(lead, issue):
    action = action_for(lead, issue)
    services.action_claim_done(acting_user=lead, action_id=action.pk)
    # The service closes only an issue whose actions are finished; a claim left open on a closed
    # issue (older data, an import) must still be refused.
    services.issue_respond(acting_user=lead, issue_id=issue.pk, response="We fixed it")
    Issue.objects.filter(pk=issue.pk).update(closed_at=timezone.now(), closed_by=lead)
    return action, "issue is closed"


@pytest.mark.parametrize("arrange", [_not_claimed, _confirmed, _cancelled, _closed])
def test_refused_when_there_is_no_open_claim(client, lead, issue, arrange):
    action, message = arrange(lead, issue)
    client.force_login(lead)
    page = client.get(url(action))
    before = snapshot(action)
    response = client.post(
        url(action), {"submission_id": submission(page), "said_by": ConfirmedBy.COUNCIL, "note": "Not done"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text and message in text
    assert snapshot(action) == before


@pytest.mark.parametrize("arrange", [_not_claimed, _confirmed, _cancelled, _closed])
def test_the_service_refuses_when_there_is_no_open_claim(lead, issue, arrange):
    from django.core.exceptions import ValidationError

    action, message = arrange(lead, issue)
    before = snapshot(action)
    with pytest.raises(ValidationError, match=message):
        services.action_claim_reject(acting_user=lead, action_id=action.pk, said_by=ConfirmedBy.COUNCIL, note="No")
    assert snapshot(action) == before


def test_the_service_refuses_an_unknown_speaker(lead, claimed):
    from django.core.exceptions import ValidationError

    before = snapshot(claimed)
    with pytest.raises(ValidationError) as e:
        services.action_claim_reject(acting_user=lead, action_id=claimed.pk, said_by="the governor", note="No")
    assert set(e.value.message_dict) == {"said_by"}
    assert snapshot(claimed) == before


def test_another_organisations_lead_gets_not_found(client, other_lead, claimed):
    client.force_login(other_lead)
    assert client.get(url(claimed)).status_code == 404
    response = client.post(url(claimed), {"submission_id": "0" * 32, "said_by": ConfirmedBy.COUNCIL, "note": "No"})
    assert response.status_code == 404
    claimed.refresh_from_db()
    assert claimed.done_claimed_at is not None


def test_an_administrator_may_and_other_staff_may_not(client, admin, prison, claimed):
    client.force_login(UserFactory(role=Role.PRISON_STAFF, organisation=prison))
    assert client.get(url(claimed)).status_code == 403
    client.force_login(admin)
    assert client.get(url(claimed)).status_code == 200


def test_an_action_of_another_issue_is_not_found(client, lead, issue, claimed):
    from yousaid.constants import Source

    other = services.issue_raise(acting_user=lead, organisation_id=None, source=Source.BY_HAND, said="Other")
    client.force_login(lead)
    wrong = reverse("yousaid:action-claim-reject", args=[other.pk, claimed.pk])
    assert client.get(wrong).status_code == 404
    assert Action.objects.get(pk=claimed.pk).done_claimed_at is not None
