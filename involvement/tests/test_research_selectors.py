"""Peer research reads: the derived stage, approvals state, counts on the list, and remit."""

from __future__ import annotations

import pytest
from django.utils import timezone

from involvement import research_selectors as selectors
from involvement import research_services as services
from involvement.constants import ActivityKind, ApprovalDecision, ProjectStage
from involvement.models import Activity, PeerResearchProject, ProjectStageChange
from involvement.tests import helpers_research as helpers
from involvement.tests.helpers_research import add_researcher, approve, days_ago, move, project, project_in_fieldwork

TODAY = days_ago(0)

admin, lead, other_lead, person, prison = (
    helpers.admin,
    helpers.lead,
    helpers.other_lead,
    helpers.person,
    helpers.prison,
)


def test_a_project_with_no_stage_recorded_is_proposed(lead, prison):
    bare = PeerResearchProject.objects.create(organisation=prison, title="T", question="Q", created_by=lead)
    assert selectors.current_stage(bare) == ("proposed", None)
    assert selectors.stages_after("proposed")[0] == "seeking_approval"


def test_the_current_stage_is_the_latest_by_date_then_by_recording(lead):
    p = project(lead)
    move(lead, p, ProjectStage.TRAINING, on=20)
    # Recorded later but dated earlier: the training move still stands.
    ProjectStageChange.objects.create(project=p, stage="seeking_approval", on=days_ago(30), recorded_by=lead)
    assert selectors.current_stage(p) == ("training", days_ago(20))
    ProjectStageChange.objects.create(project=p, stage="fieldwork", on=days_ago(20), recorded_by=lead)
    assert selectors.current_stage(p) == ("fieldwork", days_ago(20))


def test_stages_after_complete_or_stopped_are_none():
    assert selectors.stages_after("complete") == [] and selectors.stages_after("stopped") == []
    assert selectors.stages_after("reporting") == ["complete", "stopped"]


def test_approvals_state_takes_each_bodys_latest_decision(lead):
    p = project(lead)
    assert selectors.approvals_state(p.approvals.all()) == ""
    approve(lead, p, on=30, body="Governor")
    assert selectors.approvals_state(p.approvals.all()) == ApprovalDecision.APPROVED
    approve(lead, p, on=25, body="Ethics", decision=ApprovalDecision.CONDITIONS)
    assert selectors.approvals_state(p.approvals.all()) == ApprovalDecision.CONDITIONS
    approve(lead, p, on=20, body="GOVERNOR", decision=ApprovalDecision.REFUSED)
    assert selectors.approvals_state(p.approvals.all()) == ApprovalDecision.REFUSED
    standing = selectors.standing_decisions(p.approvals.all())
    assert [a.body for a in standing] == ["Ethics", "GOVERNOR"]


def test_the_list_counts_researchers_and_consents(lead, other_lead):
    p = project_in_fieldwork(lead)
    add_researcher(lead, p, trained=None)
    gone = add_researcher(lead, p, trained=None)
    services.researcher_leave(acting_user=lead, project_id=p.pk, researcher_id=gone.pk, left_on=TODAY)
    for code in ("P-001", "P-002"):
        services.consent_record(
            acting_user=lead, project_id=p.pk, participant_code=code, form_version="v1", given_on=TODAY
        )
    withdrawn = p.consents.get(participant_code="P-002")
    services.consent_withdraw(acting_user=lead, project_id=p.pk, consent_id=withdrawn.pk, withdrawn_on=TODAY)
    project(other_lead, title="Not theirs")
    [row] = selectors.project_rows_for_user(lead, today=TODAY)
    assert (row.stage, row.stage_on, row.approvals) == ("fieldwork", days_ago(10), "approved")
    assert (row.trained, row.untrained) == (1, 1)
    assert row.researchers_summary == "1 trained, 1 not trained"
    assert (row.consents_current, row.consents_withdrawn) == (1, 1)


def test_an_administrator_sees_every_project_and_others_see_none(lead, other_lead, admin):
    project(lead)
    project(other_lead)
    assert len(selectors.project_rows_for_user(admin, today=TODAY)) == 2
    from tests.factories import UserFactory

    assert not selectors.projects_for_user(UserFactory(role="prison_staff")).exists()


def test_another_organisations_project_is_not_found(lead, other_lead, admin):
    p = project(lead)
    with pytest.raises(PeerResearchProject.DoesNotExist):
        selectors.project_for_user(other_lead, p.pk)
    assert selectors.project_for_user(admin, p.pk) == p


def test_the_project_page_says_what_fieldwork_still_needs(lead, prison):
    p = project(lead)
    page = selectors.project_page(p, today=TODAY)
    assert page.fieldwork_missing == [
        "Record an approval before fieldwork starts",
        "Add a peer researcher before fieldwork starts",
    ]
    assert not page.consent_open and not page.finished
    q = project_in_fieldwork(lead)
    Activity.objects.create(
        organisation=prison,
        kind=ActivityKind.PEER_RESEARCH,
        title="Interviews on B wing",
        held_on=days_ago(2),
        purpose="Fieldwork",
        staff_rung=6,
        staff_rung_reason="Peer researchers chose the questions",
        project=q,
        recorded_by=lead,
        recorded_at=timezone.now(),
    )
    page = selectors.project_page(q, today=TODAY)
    assert page.fieldwork_missing == [] and page.consent_open
    assert [a.title for a in page.activities] == ["Interviews on B wing"]
    assert [line.trained for line in page.researchers] == [True]
