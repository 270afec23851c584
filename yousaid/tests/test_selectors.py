from django.utils import timezone

from accounts.constants import Role
from tests.factories import DeliveryUnitFactory, UserFactory
from yousaid import selectors, services
from yousaid.constants import ConfirmedBy, Source
from yousaid.models import Issue
from yousaid.tests.conftest import TODAY, days, feedback_response


def test_issue_figures(lead, prison):
    def raise_(said):
        return services.issue_raise(acting_user=lead, organisation_id=None, source=Source.BY_HAND, said=said)

    on_time, late, overdue, waiting = raise_("a"), raise_("b"), raise_("c"), raise_("d")
    Issue.objects.filter(pk__in=[late.pk, overdue.pk]).update(response_due_on=days(-1))
    services.issue_respond(acting_user=lead, issue_id=on_time.pk, response="Yes")
    services.issue_respond(acting_user=lead, issue_id=late.pk, response="Sorry")
    done = services.action_add(
        acting_user=lead, issue_id=on_time.pk, description="x", owner_user_id=lead.pk, due_on=days(3)
    )
    claimed = services.action_add(
        acting_user=lead, issue_id=on_time.pk, description="y", owner_user_id=lead.pk, due_on=TODAY
    )
    services.action_claim_done(acting_user=lead, action_id=done.pk)
    services.action_confirm(
        acting_user=lead, action_id=done.pk, confirmed_by=ConfirmedBy.PEOPLE, confirmed_on=TODAY, note="At the forum"
    )
    services.action_claim_done(acting_user=lead, action_id=claimed.pk)
    figures = selectors.issue_figures(organisation_ids=[prison.pk], today=days(1))
    assert (figures.raised, figures.answered_on_time, figures.answered_late) == (4, 1, 1)
    assert (figures.not_answered, figures.overdue) == (2, 1)
    assert (figures.actions_promised, figures.actions_done_claimed, figures.actions_confirmed) == (2, 2, 1)
    assert figures.actions_overdue == 1
    assert waiting.pk and selectors.issue_figures(organisation_ids=[prison.pk], start=days(1)).raised == 0


def test_region_lead_sees_the_region_and_its_members(prison, lead, region):
    services.issue_raise(acting_user=lead, organisation_id=None, source=Source.BY_HAND, said="a")
    DeliveryUnitFactory(region=region)
    region_lead = UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=region)
    rows = selectors.report_rows_for_user(region_lead)
    assert rows[0].organisation == region
    assert {r.organisation.name: r.figures.raised for r in rows}[prison.name] == 1
    assert selectors.report_rows_for_user(UserFactory(role=Role.PRISON_STAFF)) == []


def test_feedback_held_for_safeguarding_is_not_offered(prison):
    from voice.models import SafeguardingAlert

    response = feedback_response(prison)
    assert len(selectors.feedback_answers(organisation=prison)) == 1
    SafeguardingAlert.objects.create(response=response, organisation=prison, raised_on=TODAY)
    assert selectors.feedback_answers(organisation=prison) == []


def test_board_and_notifications(lead, prison, named_issue, person):
    assert list(selectors.board_organisations()) == [prison]
    Issue.objects.filter(pk=named_issue.pk).update(restricted=True)
    assert list(selectors.board_organisations()) == []
    assert list(selectors.board_issues(organisation=prison)) == []
    assert list(selectors.notifications_for_person(person.pk)) == []
    assert selectors.issue_status(named_issue, today=named_issue.response_due_on) == "open"
    assert selectors.issue_status(named_issue, today=timezone.localdate(named_issue.raised_at)) == "open"
