"""Peer research writes (issue 6, item 3): each rule, each refusal (which changes nothing), the
audit trail and once-only forms."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.constants import Role
from audit.models import Event
from common.models import UsedSubmission
from involvement import research_services as services
from involvement.constants import ApprovalDecision, ProjectStage, RoleKind
from involvement.models import (
    PeerResearcher,
    PeerResearchProject,
    ProjectApproval,
    ProjectStageChange,
    ResearchConsent,
    ResearchTraining,
)
from involvement.research_selectors import current_stage
from involvement.tests import helpers_research as helpers
from involvement.tests.helpers_research import add_researcher, approve, days_ago, move, project, project_in_fieldwork
from tests.factories import EstablishmentFactory, ServiceUserFactory, UserFactory

TODAY = days_ago(0)

admin, lead, other_lead, person, prison = (
    helpers.admin,
    helpers.lead,
    helpers.other_lead,
    helpers.person,
    helpers.prison,
)


def snapshot() -> tuple[int, ...]:
    models = (
        PeerResearchProject,
        ProjectStageChange,
        ProjectApproval,
        PeerResearcher,
        ResearchTraining,
        ResearchConsent,
        Event,
        UsedSubmission,
    )
    return tuple(m.objects.count() for m in models)


def refused(call, *, field: str | None = None, message: str = "") -> ValidationError:
    """Call, expect a ValidationError (on `field`, containing `message`) and nothing changed."""
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        call()
    assert snapshot() == before
    error = caught.value
    if field is not None:
        assert field in error.message_dict, error
        texts = error.message_dict[field]
    else:
        texts = error.messages
    assert any(message in t for t in texts), texts
    return error


# --- the stage rules, as plain functions --------------------------------------------------------


def rule(current="training", current_on=None, stage="analysis", on=None, note="", gaps=()):
    return services.stage_move_errors(
        current=current,
        current_on=current_on or days_ago(20),
        stage=stage,
        on=on or days_ago(5),
        note=note,
        today=TODAY,
        fieldwork_gaps=list(gaps),
    )


def test_stages_go_forward_any_distance():
    assert rule(current="proposed", stage="training") == {}
    assert rule(current="proposed", stage="reporting") == {}
    assert rule(current="analysis", stage="complete") == {}


@pytest.mark.parametrize("stage", ["proposed", "seeking_approval", "training"])
def test_stages_never_go_back_or_stand_still(stage):
    errors = rule(current="training", stage=stage)
    assert errors["stage"] == ["Select a stage after Training peer researchers: a project only moves forward"]


def test_stopping_is_allowed_from_any_unfinished_stage_with_a_reason():
    for current in ("proposed", "fieldwork", "reporting"):
        assert rule(current=current, stage="stopped", note="Funding ended") == {}
    assert rule(current="fieldwork", stage="stopped")["note"] == ["Enter why the project stopped"]


@pytest.mark.parametrize(
    ("current", "message"),
    [("complete", "This project is complete"), ("stopped", "This project has stopped")],
)
def test_nothing_comes_after_complete_or_stopped(current, message):
    errors = rule(current=current, stage="stopped", note="x")
    assert message in errors["__all__"][0]


def test_the_date_is_not_in_the_future_nor_before_the_last_stage():
    assert rule(on=days_ago(-1))["on"] == ["The date cannot be in the future"]
    errors = rule(current_on=days_ago(5), on=days_ago(6))
    assert errors["on"][0].startswith("The date must be on or after")
    assert "Training peer researchers" in errors["on"][0]
    assert rule(current_on=days_ago(5), on=days_ago(5)) == {}
    assert services.stage_move_errors(
        current="proposed", current_on=None, stage="training", on=None, note="", today=TODAY, fieldwork_gaps=[]
    )["on"] == ["Enter the date the project moved to this stage"]


def test_the_fieldwork_gate_applies_when_a_move_reaches_fieldwork_or_beyond():
    gaps = ["Record an approval before fieldwork starts"]
    assert rule(current="training", stage="fieldwork", gaps=gaps)["stage"] == gaps
    assert rule(current="seeking_approval", stage="analysis", gaps=gaps)["stage"] == gaps
    assert rule(current="proposed", stage="complete", gaps=gaps)["stage"] == gaps
    # Once past it, later moves are not checked again (researchers leave after fieldwork).
    assert rule(current="fieldwork", stage="analysis", gaps=gaps) == {}
    # Stopping needs no approval.
    assert rule(current="training", stage="stopped", note="No approval", gaps=gaps) == {}


@pytest.mark.parametrize("code", ["Z1234AB", "z1234ab", "z 1234 ab", "X123456", "2002/0073319Z"])
def test_participant_codes_are_never_a_persons_identifiers(code):
    assert services.participant_code_errors(code.upper()) == [
        "Use the project's participant code, not a prison number or case reference"
    ]


def test_participant_codes_are_short_and_plain():
    assert services.participant_code_errors("P-014") == []
    assert services.participant_code_errors("") == ["Enter the participant code"]
    assert services.participant_code_errors("ALEX ASHDOWN") == ["Use letters, numbers and hyphens only, like P-014"]
    assert services.participant_code_errors("P" * 21) == ["Use 20 characters or fewer"]


# --- projects -------------------------------------------------------------------------------------


def test_a_lead_proposes_a_project_for_their_own_organisation(lead, prison):
    other = EstablishmentFactory()
    made = services.project_create(acting_user=lead, organisation_id=other.pk, title=" Getting ID ", question="Why?")
    assert made.organisation == prison and made.title == "Getting ID"
    change = made.stage_changes.get()
    assert (change.stage, change.on) == (ProjectStage.PROPOSED, TODAY)
    event = Event.objects.get(record_type="involvement_project")
    assert event.action == "create" and event.record_id == str(made.pk)


def test_an_administrator_chooses_the_organisation_and_a_date_proposed(admin, prison):
    made = services.project_create(
        acting_user=admin, organisation_id=prison.pk, title="T", question="Q", proposed_on=days_ago(90)
    )
    assert made.organisation == prison and current_stage(made) == (ProjectStage.PROPOSED, days_ago(90))
    refused(
        lambda: services.project_create(acting_user=admin, organisation_id=None, title="T", question="Q"),
        field="organisation",
        message="Select the organisation",
    )


def test_a_project_needs_a_title_a_question_and_a_past_date(lead):
    error = refused(
        lambda: services.project_create(
            acting_user=lead, organisation_id=None, title=" ", question="", proposed_on=days_ago(-1)
        ),
        field="title",
        message="Enter the project's title",
    )
    assert error.message_dict["question"] == ["Enter the research question"]
    assert error.message_dict["proposed_on"] == ["The date cannot be in the future"]


def test_a_project_form_sent_twice_makes_one_project(lead):
    sid = uuid.uuid4()
    services.project_create(acting_user=lead, organisation_id=None, title="T", question="Q", submission_id=sid)
    refused(
        lambda: services.project_create(
            acting_user=lead, organisation_id=None, title="T", question="Q", submission_id=sid
        ),
        message="already been sent",
    )
    assert PeerResearchProject.objects.count() == 1


@pytest.mark.parametrize("role", [Role.PRISON_STAFF, Role.COMMISSIONER, Role.PARTNER_CASEWORKER])
def test_only_involvement_leads_and_administrators_run_projects(lead, role):
    someone = UserFactory(role=role)
    with pytest.raises(PermissionDenied):
        services.project_create(acting_user=someone, organisation_id=None, title="T", question="Q")
    p = project(lead)
    with pytest.raises(PermissionDenied):
        services.approval_record(acting_user=someone, project_id=p.pk, body="B", decision="approved", decided_on=TODAY)


def test_another_organisations_project_does_not_exist_for_a_lead(lead, other_lead, person):
    p = project(lead)
    before = snapshot()
    calls = [
        lambda: services.project_stage_move(acting_user=other_lead, project_id=p.pk, stage="training", on=TODAY),
        lambda: services.approval_record(
            acting_user=other_lead, project_id=p.pk, body="B", decision="approved", decided_on=TODAY
        ),
        lambda: services.researcher_add(
            acting_user=other_lead, project_id=p.pk, identifier=person.prison_number, kind="paid", joined_on=TODAY
        ),
    ]
    for call in calls:
        with pytest.raises(PeerResearchProject.DoesNotExist):
            call()
    assert snapshot() == before


# --- moving stage ---------------------------------------------------------------------------------


def test_a_project_moves_forward_and_each_move_is_audited(lead):
    p = project(lead)
    move(lead, p, ProjectStage.SEEKING_APPROVAL, on=50)
    move(lead, p, ProjectStage.TRAINING, on=40)
    assert current_stage(p) == (ProjectStage.TRAINING, days_ago(40))
    assert Event.objects.filter(record_type="involvement_project", action="update").count() == 2
    refused(lambda: move(lead, p, ProjectStage.SEEKING_APPROVAL, on=30), field="stage", message="only moves forward")
    refused(lambda: move(lead, p, ProjectStage.ANALYSIS, on=45), field="on", message="on or after")


def test_fieldwork_is_refused_without_an_approval_or_trained_researchers(lead):
    p = project(lead)
    error = refused(lambda: move(lead, p, ProjectStage.FIELDWORK), field="stage", message="Record an approval")
    assert "Add a peer researcher before fieldwork starts" in error.message_dict["stage"]
    approve(lead, p)
    add_researcher(lead, p, trained=None)
    add_researcher(lead, p, trained=None)
    add_researcher(lead, p)
    error = refused(lambda: move(lead, p, ProjectStage.FIELDWORK), field="stage", message="Train every")
    assert error.message_dict["stage"] == ["Train every peer researcher before fieldwork: 2 not trained"]


def test_fieldwork_starts_once_approved_and_everyone_is_trained(lead):
    p = project_in_fieldwork(lead)
    assert current_stage(p) == (ProjectStage.FIELDWORK, days_ago(10))


def test_only_what_was_in_place_by_the_move_date_counts(lead):
    p = project(lead)
    approve(lead, p, on=5)  # approved after the date the move claims
    add_researcher(lead, p, joined=35, trained=3)  # trained after it too
    error = refused(lambda: move(lead, p, ProjectStage.FIELDWORK, on=10), field="stage", message="Record an approval")
    assert "Train every peer researcher before fieldwork: 1 not trained" in error.message_dict["stage"]
    move(lead, p, ProjectStage.FIELDWORK, on=2)


def test_a_researcher_who_left_does_not_count_nor_need_training(lead):
    p = project(lead)
    approve(lead, p)
    add_researcher(lead, p)
    gone = add_researcher(lead, p, trained=None)
    services.researcher_leave(acting_user=lead, project_id=p.pk, researcher_id=gone.pk, left_on=days_ago(20))
    move(lead, p, ProjectStage.FIELDWORK)


def test_a_later_refusal_from_the_same_body_withdraws_its_approval(lead):
    p = project(lead)
    add_researcher(lead, p)
    approve(lead, p, on=40, body="The governor")
    approve(lead, p, on=30, body="the  Governor", decision=ApprovalDecision.REFUSED)
    error = refused(lambda: move(lead, p, ProjectStage.FIELDWORK), field="stage", message="Record an approval")
    assert (
        "the  Governor refused the project: record their new decision before fieldwork starts"
        in (error.message_dict["stage"])
    )
    approve(lead, p, on=20, body="The governor", decision=ApprovalDecision.CONDITIONS)
    move(lead, p, ProjectStage.FIELDWORK)


def test_a_standing_refusal_from_another_body_also_stops_fieldwork(lead):
    p = project(lead)
    add_researcher(lead, p)
    approve(lead, p, body="University ethics committee")
    approve(lead, p, body="The governor", decision=ApprovalDecision.REFUSED)
    refused(lambda: move(lead, p, ProjectStage.FIELDWORK), field="stage", message="The governor refused the project")


def test_stopping_needs_a_reason_and_ends_the_project(lead, person):
    p = project(lead)
    refused(lambda: move(lead, p, ProjectStage.STOPPED), field="note", message="Enter why the project stopped")
    move(lead, p, ProjectStage.STOPPED, note="The governor withdrew support")
    refused(lambda: move(lead, p, ProjectStage.TRAINING), message="This project has stopped")
    refused(lambda: approve(lead, p), message="This project is stopped")
    refused(
        lambda: services.researcher_add(
            acting_user=lead, project_id=p.pk, identifier=person.prison_number, kind="paid", joined_on=TODAY
        ),
        message="This project is stopped",
    )


# --- approvals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "message"),
    [(ApprovalDecision.CONDITIONS, "Enter the conditions"), (ApprovalDecision.REFUSED, "Enter the reason")],
)
def test_conditions_and_reasons_are_written_down(lead, decision, message):
    p = project(lead)
    call = lambda: services.approval_record(  # noqa: E731
        acting_user=lead, project_id=p.pk, body="NRC", decision=decision, decided_on=TODAY, conditions=" "
    )
    refused(call, field="conditions", message=message)


def test_an_approval_needs_who_what_and_a_past_date(lead):
    p = project(lead)
    error = refused(
        lambda: services.approval_record(
            acting_user=lead, project_id=p.pk, body="", decision="maybe", decided_on=days_ago(-1)
        ),
        field="body",
        message="Enter who made the decision",
    )
    assert error.message_dict["decision"] == ["Select the decision"]
    assert error.message_dict["decided_on"] == ["The date cannot be in the future"]


def test_an_approval_is_recorded_and_audited(lead):
    p = project(lead)
    made = services.approval_record(
        acting_user=lead,
        project_id=p.pk,
        body="HMPPS National Research Committee",
        decision=ApprovalDecision.APPROVED,
        decided_on=days_ago(3),
        reference="2026-123",
        submission_id=uuid.uuid4(),
    )
    assert made.reference == "2026-123"
    assert Event.objects.filter(record_type="involvement_approval", record_id=str(made.pk)).exists()


# --- peer researchers and training ----------------------------------------------------------------


def test_a_peer_researcher_is_found_by_prison_number_or_case_reference(lead, person):
    p = project(lead)
    made = services.researcher_add(
        acting_user=lead, project_id=p.pk, identifier=" z123456 ", kind=RoleKind.PAID, joined_on=days_ago(2)
    )
    assert made.person == person
    event = Event.objects.get(record_type="involvement_researcher")
    assert event.person_id == person.pk
    refused(
        lambda: services.researcher_add(
            acting_user=lead, project_id=p.pk, identifier="Z1234AB", kind=RoleKind.PAID, joined_on=TODAY
        ),
        field="identifier",
        message="Alex Ashdown is already a peer researcher on this project",
    )


def test_a_peer_researcher_needs_a_known_person_a_kind_and_a_past_date(lead):
    p = project(lead)
    error = refused(
        lambda: services.researcher_add(
            acting_user=lead, project_id=p.pk, identifier="Z9999ZZ", kind="", joined_on=days_ago(-1)
        ),
        field="identifier",
        message="No one with that prison number or case reference number is recorded",
    )
    assert error.message_dict["kind"] == ["Select whether they are paid or a volunteer"]
    assert error.message_dict["joined_on"] == ["The date cannot be in the future"]


def test_leaving_is_not_before_joining_and_happens_once(lead):
    p = project(lead)
    researcher = add_researcher(lead, p, joined=10)
    leave = lambda on: services.researcher_leave(  # noqa: E731
        acting_user=lead, project_id=p.pk, researcher_id=researcher.pk, left_on=on
    )
    refused(lambda: leave(days_ago(11)), field="left_on", message="on or after the date they joined")
    refused(lambda: leave(None), field="left_on", message="Enter the date they left")
    leave(days_ago(1))
    refused(lambda: leave(TODAY), message="already left")
    refused(
        lambda: services.training_record(
            acting_user=lead, project_id=p.pk, researcher_id=researcher.pk, course="C", completed_on=TODAY
        ),
        message="has left the project",
    )


def test_training_needs_a_course_and_a_date_that_has_passed(lead):
    p = project(lead)
    researcher = add_researcher(lead, p, trained=None)
    error = refused(
        lambda: services.training_record(
            acting_user=lead, project_id=p.pk, researcher_id=researcher.pk, course="", completed_on=days_ago(-1)
        ),
        field="course",
        message="Enter the name of the course",
    )
    assert error.message_dict["completed_on"] == ["The date cannot be in the future"]
    # Training from before they joined counts: people bring it with them.
    services.training_record(
        acting_user=lead, project_id=p.pk, researcher_id=researcher.pk, course="Ethics", completed_on=days_ago(400)
    )


def test_a_researcher_on_another_project_is_not_found_here(lead):
    p, q = project(lead), project(lead, title="Other")
    researcher = add_researcher(lead, q)
    with pytest.raises(PeerResearcher.DoesNotExist):
        services.training_record(
            acting_user=lead, project_id=p.pk, researcher_id=researcher.pk, course="C", completed_on=TODAY
        )


# --- consent ----------------------------------------------------------------------------------------


def consent(lead, p, code="P-014", given=3, **kw):
    return services.consent_record(
        acting_user=lead, project_id=p.pk, participant_code=code, form_version="v2", given_on=days_ago(given), **kw
    )


def test_consent_is_recorded_from_fieldwork_onwards(lead):
    p = project(lead)
    move(lead, p, ProjectStage.TRAINING)
    refused(lambda: consent(lead, p), message="Consent is recorded from fieldwork onwards")
    q = project_in_fieldwork(lead)
    made = consent(lead, q, code=" p-014 ")
    assert made.participant_code == "P-014"
    event = Event.objects.get(record_type="involvement_consent")
    assert "P-014" not in event.summary and event.person_id is None
    move(lead, q, ProjectStage.ANALYSIS, on=1)
    consent(lead, q, code="P-015")


def test_consent_is_refused_under_a_prison_number_or_a_used_code(lead, person):
    p = project_in_fieldwork(lead)
    refused(
        lambda: consent(lead, p, code=person.prison_number),
        field="participant_code",
        message="Use the project's participant code, not a prison number or case reference",
    )
    consent(lead, p, code="P-014")
    refused(
        lambda: consent(lead, p, code="p-014"),
        field="participant_code",
        message="Participant code P-014 is already used on this project",
    )
    refused(lambda: consent(lead, p, code="P-016", given=-1), field="given_on", message="cannot be in the future")


def test_consent_form_sent_twice_records_one_consent(lead):
    p = project_in_fieldwork(lead)
    sid = uuid.uuid4()
    consent(lead, p, code="P-001", submission_id=sid)
    refused(lambda: consent(lead, p, code="P-002", submission_id=sid), message="already been sent")


def test_withdrawal_is_not_before_consent_and_is_allowed_after_the_project_ends(lead):
    p = project_in_fieldwork(lead)
    given = consent(lead, p, given=5)
    move(lead, p, ProjectStage.COMPLETE, on=1)
    refused(lambda: consent(lead, p, code="P-099"), message="This project is complete")
    withdraw = lambda on: services.consent_withdraw(  # noqa: E731
        acting_user=lead, project_id=p.pk, consent_id=given.pk, withdrawn_on=on
    )
    refused(lambda: withdraw(days_ago(6)), field="withdrawn_on", message="on or after the date consent was given")
    withdraw(days_ago(0))
    given.refresh_from_db()
    assert given.withdrawn_on == TODAY
    refused(lambda: withdraw(TODAY), message="already been withdrawn")


def test_a_researcher_may_be_anyone_on_record_even_if_released(lead):
    released = ServiceUserFactory()
    p = project(lead)
    add_researcher(lead, p, person=released)
    assert p.researchers.get().person == released
