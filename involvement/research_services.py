"""Writes for peer research projects (issue 6, item 3). Each function is one transaction taking the
acting user: it checks the user may run involvement for the project's organisation (another
organisation's project raises DoesNotExist, a 404), validates with GOV.UK-style messages (bad input
raises ValidationError and changes nothing), writes, and records its audit event. Forms that create
something carry a submission id, spent here, so that sending one twice changes nothing.

The stage rules are plain functions (`stage_move_errors`) so that they can be read and tested
apart from the database."""

from __future__ import annotations

import datetime
import re
import uuid
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.constants import Role
from audit.constants import Action as AuditAction
from audit.services import event_record
from common.once import submission_spend
from involvement import rules
from involvement.constants import ApprovalDecision, ProjectStage, RoleKind
from involvement.models import (
    PeerResearcher,
    PeerResearchProject,
    ProjectApproval,
    ProjectStageChange,
    ResearchConsent,
    ResearchTraining,
)
from involvement.research_selectors import (
    FINISHED_STAGES,
    consent_allowed_at,
    current_stage,
    fieldwork_missing,
    reaches_fieldwork,
    stage_index,
)
from organisations.models import Organisation
from people.models import ServiceUser
from people.selectors import person_by_identifier
from people.validators import CRN_RE, PNC_RE, PRISON_NUMBER_RE, normalise_identifier

if TYPE_CHECKING:
    from django.http import HttpRequest

TEXT_MAX = 2000
CODE_MAX = 20
# A participant code is the project's own label, like P-014: letters, digits and hyphens.
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]*$")
Errors = dict[str, list[str]]


# --- plain rules ----------------------------------------------------------------------------------


def date_errors(
    value: datetime.date | None,
    *,
    field: str,
    missing: str,
    today: datetime.date,
    not_before: datetime.date | None = None,
    before_message: str = "",
    errors: Errors,
) -> None:
    """A date that is given, not in the future and, where it follows something, not before it."""
    if value is None:
        errors[field] = [missing]
    elif value > today:
        errors[field] = [_("The date cannot be in the future")]
    elif not_before is not None and value < not_before:
        errors[field] = [before_message]


def stage_move_errors(
    *,
    current: str,
    current_on: datetime.date | None,
    stage: str,
    on: datetime.date | None,
    note: str,
    today: datetime.date,
    fieldwork_gaps: list[str],
) -> Errors:
    """Why a project at `current` (since `current_on`) may not move to `stage` on `on`.

    - Nothing comes after complete or stopped.
    - Stages go forward in STAGE_ORDER, any distance; a project never goes back.
    - A project may stop at any point before it is complete, saying why.
    - The date may not be in the future, nor before the date of the stage it leaves.
    - Moving from before fieldwork to fieldwork or beyond needs what `fieldwork_gaps` lists
      (fieldwork_missing: a standing approval and every current researcher trained). Later moves
      are not checked again: researchers leave once their fieldwork is done.
    """
    errors: Errors = {}
    if current in FINISHED_STAGES:
        message = (
            _("This project is complete, so its stage cannot change")
            if current == ProjectStage.COMPLETE
            else _("This project has stopped, so its stage cannot change")
        )
        return {"__all__": [message]}
    if stage not in ProjectStage.values:
        errors["stage"] = [_("Select the stage the project is moving to")]
    elif stage != ProjectStage.STOPPED and stage_index(stage) <= stage_index(current):
        errors["stage"] = [
            _("Select a stage after %(stage)s: a project only moves forward") % {"stage": ProjectStage(current).label}
        ]
    if stage == ProjectStage.STOPPED and not note.strip():
        errors["note"] = [_("Enter why the project stopped")]
    elif len(note) > TEXT_MAX:
        errors["note"] = [_("Use %(n)d characters or fewer") % {"n": TEXT_MAX}]
    date_errors(
        on,
        field="on",
        missing=_("Enter the date the project moved to this stage"),
        today=today,
        not_before=current_on,
        before_message=(
            _("The date must be on or after %(date)s, when the project moved to %(stage)s")
            % {"date": date_format(current_on, "j F Y") if current_on else "", "stage": ProjectStage(current).label}
        ),
        errors=errors,
    )
    if not errors and reaches_fieldwork(stage) and not reaches_fieldwork(current):
        errors["stage"] = fieldwork_gaps
    return {k: v for k, v in errors.items() if v}


def participant_code_errors(code: str) -> list[str]:
    """A participant code is the project's own (P-014), never a prison number, case reference
    number or PNC number: research data is kept apart from the case record."""
    if not code:
        return [_("Enter the participant code")]
    squeezed = normalise_identifier(code)
    if PRISON_NUMBER_RE.match(squeezed) or CRN_RE.match(squeezed) or PNC_RE.match(squeezed):
        return [_("Use the project's participant code, not a prison number or case reference")]
    if len(code) > CODE_MAX:
        return [_("Use %(n)d characters or fewer") % {"n": CODE_MAX}]
    if not CODE_RE.match(code):
        return [_("Use letters, numbers and hyphens only, like P-014")]
    return []


def _text(value: str, *, field: str, missing: str, limit: int, errors: Errors) -> str:
    value = (value or "").strip()
    if not value:
        errors[field] = [missing]
    elif len(value) > limit:
        errors[field] = [_("Use %(n)d characters or fewer") % {"n": limit}]
    return value


def _optional_text(value: str, *, field: str, limit: int, errors: Errors) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        errors[field] = [_("Use %(n)d characters or fewer") % {"n": limit}]
    return value


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


# --- helpers ----------------------------------------------------------------------------------------


def _project(acting_user: Any, project_id: int) -> PeerResearchProject:
    """The project, locked, if it is in the user's remit; DoesNotExist otherwise."""
    if not rules.can_run_involvement(acting_user):
        raise PermissionDenied
    project = PeerResearchProject.objects.select_for_update().get(pk=project_id)
    if not rules.in_remit(acting_user, project.organisation_id):
        raise PeerResearchProject.DoesNotExist
    return project


def _not_finished(project: PeerResearchProject, what: str) -> str:
    stage, _on = current_stage(project)
    if stage in FINISHED_STAGES:
        raise ValidationError(
            _("This project is %(stage)s, so %(what)s cannot be recorded")
            % {"stage": str(ProjectStage(stage).label).lower(), "what": what},
            code="finished",
        )
    return stage


def _record(acting_user: Any, action: str, record_type: str, record_id: int, summary: str, **extra: Any) -> None:
    event_record(
        actor=acting_user, action=action, record_type=record_type, record_id=record_id, summary=summary, **extra
    )


# --- projects ---------------------------------------------------------------------------------------


@transaction.atomic
def project_create(
    *,
    acting_user: Any,
    organisation_id: int | None,
    title: str,
    question: str,
    proposed_on: datetime.date | None = None,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> PeerResearchProject:
    """Propose a project for the lead's own organisation (an administrator chooses one). It starts
    with a "proposed" stage change, dated today unless the project was proposed earlier (a lead
    recording a project already under way), so its timeline has a beginning."""
    if not rules.can_run_involvement(acting_user):
        raise PermissionDenied
    if acting_user.role != Role.ADMINISTRATOR:
        organisation_id = acting_user.organisation_id
    submission_spend(submission_id=submission_id)
    errors: Errors = {}
    organisation = Organisation.objects.filter(pk=organisation_id, active=True).first() if organisation_id else None
    if organisation is None:
        errors["organisation"] = [_("Select the organisation running the project")]
    title = _text(title, field="title", missing=_("Enter the project's title"), limit=200, errors=errors)
    question = _text(
        question, field="question", missing=_("Enter the research question"), limit=TEXT_MAX, errors=errors
    )
    today = timezone.localdate()
    if proposed_on is not None and proposed_on > today:
        errors["proposed_on"] = [_("The date cannot be in the future")]
    _raise(errors)
    assert organisation is not None
    now = timezone.now()
    project = PeerResearchProject.objects.create(
        organisation=organisation, title=title, question=question, created_at=now, created_by=acting_user
    )
    ProjectStageChange.objects.create(
        project=project,
        stage=ProjectStage.PROPOSED,
        on=proposed_on or today,
        recorded_at=now,
        recorded_by=acting_user,
    )
    _record(
        acting_user,
        AuditAction.CREATE,
        "involvement_project",
        project.pk,
        f"Proposed peer research project {project.pk} for {organisation}",
        request=request,
    )
    return project


@transaction.atomic
def project_stage_move(
    *,
    acting_user: Any,
    project_id: int,
    stage: str,
    on: datetime.date | None,
    note: str = "",
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> ProjectStageChange:
    """Move the project to a later stage, or stop it (stage_move_errors says when it may)."""
    project = _project(acting_user, project_id)
    submission_spend(submission_id=submission_id)
    current, current_on = current_stage(project)
    note = (note or "").strip()
    gaps = fieldwork_missing(project, on=on) if on is not None and reaches_fieldwork(stage) else []
    errors = stage_move_errors(
        current=current,
        current_on=current_on,
        stage=stage,
        on=on,
        note=note,
        today=timezone.localdate(),
        fieldwork_gaps=gaps,
    )
    if "__all__" in errors:
        raise ValidationError(errors["__all__"][0], code="finished")
    _raise(errors)
    assert on is not None
    change = ProjectStageChange.objects.create(project=project, stage=stage, on=on, note=note, recorded_by=acting_user)
    _record(
        acting_user,
        AuditAction.UPDATE,
        "involvement_project",
        project.pk,
        f"Moved peer research project {project.pk} from {current} to {stage} on {on.isoformat()}",
        request=request,
    )
    return change


# --- approvals --------------------------------------------------------------------------------------


@transaction.atomic
def approval_record(
    *,
    acting_user: Any,
    project_id: int,
    body: str,
    decision: str,
    decided_on: datetime.date | None,
    reference: str = "",
    conditions: str = "",
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> ProjectApproval:
    """Record a decision by a body whose approval the project needs. Conditions are written down
    for "approved with conditions", and the reason for a refusal."""
    project = _project(acting_user, project_id)
    _not_finished(project, _("a decision"))
    submission_spend(submission_id=submission_id)
    errors: Errors = {}
    body = _text(body, field="body", missing=_("Enter who made the decision"), limit=200, errors=errors)
    if decision not in ApprovalDecision.values:
        errors["decision"] = [_("Select the decision")]
    date_errors(
        decided_on,
        field="decided_on",
        missing=_("Enter the date of the decision"),
        today=timezone.localdate(),
        errors=errors,
    )
    reference = _optional_text(reference, field="reference", limit=100, errors=errors)
    conditions = (conditions or "").strip()
    if decision == ApprovalDecision.CONDITIONS and not conditions:
        errors["conditions"] = [_("Enter the conditions of the approval")]
    elif decision == ApprovalDecision.REFUSED and not conditions:
        errors["conditions"] = [_("Enter the reason for the refusal")]
    elif len(conditions) > TEXT_MAX:
        errors["conditions"] = [_("Use %(n)d characters or fewer") % {"n": TEXT_MAX}]
    _raise(errors)
    assert decided_on is not None
    approval = ProjectApproval.objects.create(
        project=project,
        body=body,
        decision=decision,
        decided_on=decided_on,
        reference=reference,
        conditions=conditions,
        recorded_by=acting_user,
    )
    _record(
        acting_user,
        AuditAction.CREATE,
        "involvement_approval",
        approval.pk,
        f"Recorded decision {decision} on peer research project {project.pk}",
        request=request,
    )
    return approval


# --- peer researchers and their training --------------------------------------------------------


def _person(identifier: str) -> ServiceUser | None:
    """The person by prison number or case reference number, as "you said, we did" finds a named
    person: peer researchers have lived experience and are often released, so they need not be in
    the organisation's custody or caseload now."""
    return person_by_identifier(identifier)


@transaction.atomic
def researcher_add(
    *,
    acting_user: Any,
    project_id: int,
    identifier: str,
    kind: str,
    joined_on: datetime.date | None,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> PeerResearcher:
    project = _project(acting_user, project_id)
    _not_finished(project, _("a new peer researcher"))
    submission_spend(submission_id=submission_id)
    errors: Errors = {}
    person = _person(identifier)
    if not (identifier or "").strip():
        errors["identifier"] = [_("Enter their prison number or case reference number")]
    elif person is None:
        errors["identifier"] = [_("No one with that prison number or case reference number is recorded")]
    elif project.researchers.filter(person=person).exists():
        errors["identifier"] = [_("%(name)s is already a peer researcher on this project") % {"name": person.full_name}]
    if kind not in RoleKind.values:
        errors["kind"] = [_("Select whether they are paid or a volunteer")]
    date_errors(
        joined_on, field="joined_on", missing=_("Enter the date they joined"), today=timezone.localdate(), errors=errors
    )
    _raise(errors)
    assert person is not None and joined_on is not None
    try:
        with transaction.atomic():
            researcher = PeerResearcher.objects.create(
                project=project, person=person, kind=kind, joined_on=joined_on, added_by=acting_user
            )
    except IntegrityError:  # added by someone else a moment ago
        raise ValidationError(
            {"identifier": [_("%(name)s is already a peer researcher on this project") % {"name": person.full_name}]}
        ) from None
    _record(
        acting_user,
        AuditAction.CREATE,
        "involvement_researcher",
        researcher.pk,
        f"Added a {kind} peer researcher to project {project.pk}",
        person_id=person.pk,
        request=request,
    )
    return researcher


def _researcher(project: PeerResearchProject, researcher_id: int) -> PeerResearcher:
    return PeerResearcher.objects.select_for_update().select_related("person").get(project=project, pk=researcher_id)


@transaction.atomic
def researcher_leave(
    *,
    acting_user: Any,
    project_id: int,
    researcher_id: int,
    left_on: datetime.date | None,
    request: HttpRequest | None = None,
) -> PeerResearcher:
    """Record that a peer researcher left the project (allowed after it ends, too)."""
    project = _project(acting_user, project_id)
    researcher = _researcher(project, researcher_id)
    if researcher.left_on is not None:
        raise ValidationError(_("This peer researcher has already left the project"), code="left")
    errors: Errors = {}
    date_errors(
        left_on,
        field="left_on",
        missing=_("Enter the date they left"),
        today=timezone.localdate(),
        not_before=researcher.joined_on,
        before_message=_("The date they left must be on or after the date they joined"),
        errors=errors,
    )
    _raise(errors)
    researcher.left_on = left_on
    researcher.save(update_fields=["left_on"])
    _record(
        acting_user,
        AuditAction.UPDATE,
        "involvement_researcher",
        researcher.pk,
        f"Peer researcher left project {project.pk}",
        person_id=researcher.person_id,
        request=request,
    )
    return researcher


@transaction.atomic
def training_record(
    *,
    acting_user: Any,
    project_id: int,
    researcher_id: int,
    course: str,
    completed_on: datetime.date | None,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> ResearchTraining:
    """Record a course a peer researcher completed. Training done before they joined counts (people
    bring earlier research training with them), so the only date rule is that it has happened."""
    project = _project(acting_user, project_id)
    _not_finished(project, _("training"))
    researcher = _researcher(project, researcher_id)
    if researcher.left_on is not None:
        raise ValidationError(_("This peer researcher has left the project"), code="left")
    submission_spend(submission_id=submission_id)
    errors: Errors = {}
    course = _text(course, field="course", missing=_("Enter the name of the course"), limit=200, errors=errors)
    date_errors(
        completed_on,
        field="completed_on",
        missing=_("Enter the date they completed the course"),
        today=timezone.localdate(),
        errors=errors,
    )
    _raise(errors)
    assert completed_on is not None
    training = ResearchTraining.objects.create(
        researcher=researcher, course=course, completed_on=completed_on, recorded_by=acting_user
    )
    _record(
        acting_user,
        AuditAction.CREATE,
        "involvement_training",
        training.pk,
        f"Recorded training for peer researcher {researcher.pk} on project {project.pk}",
        person_id=researcher.person_id,
        request=request,
    )
    return training


# --- consent ------------------------------------------------------------------------------------------


@transaction.atomic
def consent_record(
    *,
    acting_user: Any,
    project_id: int,
    participant_code: str,
    form_version: str,
    given_on: datetime.date | None,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> ResearchConsent:
    """Record a participant's consent under the project's own code (consent_allowed_at says at
    which stages). Codes are kept in capitals so that p-014 and P-014 are one participant."""
    project = _project(acting_user, project_id)
    stage, _on = current_stage(project)
    if stage in FINISHED_STAGES:
        _not_finished(project, _("consent"))
    if not consent_allowed_at(stage):
        raise ValidationError(
            _("Consent is recorded from fieldwork onwards. Move the project to fieldwork first."), code="too_early"
        )
    submission_spend(submission_id=submission_id)
    errors: Errors = {}
    code = " ".join((participant_code or "").split()).upper()
    code_problems = participant_code_errors(code)
    if code_problems:
        errors["participant_code"] = code_problems
    elif project.consents.filter(participant_code=code).exists():
        errors["participant_code"] = [_("Participant code %(code)s is already used on this project") % {"code": code}]
    form_version = _text(
        form_version, field="form_version", missing=_("Enter the version of the consent form"), limit=40, errors=errors
    )
    date_errors(
        given_on,
        field="given_on",
        missing=_("Enter the date consent was given"),
        today=timezone.localdate(),
        errors=errors,
    )
    _raise(errors)
    assert given_on is not None
    try:
        with transaction.atomic():
            consent = ResearchConsent.objects.create(
                project=project,
                participant_code=code,
                form_version=form_version,
                given_on=given_on,
                recorded_by=acting_user,
            )
    except IntegrityError:
        raise ValidationError(
            {"participant_code": [_("Participant code %(code)s is already used on this project") % {"code": code}]}
        ) from None
    # The code is the project's own, but it stays out of the audit log all the same.
    _record(
        acting_user,
        AuditAction.CREATE,
        "involvement_consent",
        consent.pk,
        f"Recorded consent {consent.pk} on peer research project {project.pk}",
        request=request,
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *,
    acting_user: Any,
    project_id: int,
    consent_id: int,
    withdrawn_on: datetime.date | None,
    request: HttpRequest | None = None,
) -> ResearchConsent:
    """Record that a participant withdrew their consent. Always possible, even once the project
    has ended: withdrawing is the participant's right."""
    project = _project(acting_user, project_id)
    consent = ResearchConsent.objects.select_for_update().get(project=project, pk=consent_id)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent has already been withdrawn"), code="withdrawn")
    errors: Errors = {}
    date_errors(
        withdrawn_on,
        field="withdrawn_on",
        missing=_("Enter the date consent was withdrawn"),
        today=timezone.localdate(),
        not_before=consent.given_on,
        before_message=_("The date must be on or after the date consent was given"),
        errors=errors,
    )
    _raise(errors)
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    _record(
        acting_user,
        AuditAction.UPDATE,
        "involvement_consent",
        consent.pk,
        f"Consent {consent.pk} withdrawn on peer research project {project.pk}",
        request=request,
    )
    return consent
