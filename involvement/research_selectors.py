"""Reads for peer research projects. A project's stage, its approvals state and whether it is ready
for fieldwork are derived from what was recorded (docs/decisions.md §10), never stored, so the
same functions answer the list, the project page and the services' checks."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from accounts.constants import Role
from involvement import rules
from involvement.constants import APPROVING_DECISIONS, STAGE_ORDER, ApprovalDecision, ProjectStage
from involvement.models import (
    Activity,
    PeerResearcher,
    PeerResearchProject,
    ProjectApproval,
    ProjectStageChange,
    ResearchConsent,
    ResearchTraining,
)

# Stages after which nothing more happens to a project, except people leaving and consent being withdrawn.
FINISHED_STAGES = (ProjectStage.COMPLETE, ProjectStage.STOPPED)
FIELDWORK_INDEX = STAGE_ORDER.index(ProjectStage.FIELDWORK)


def stage_index(stage: str) -> int:
    """Where a stage stands in STAGE_ORDER; STOPPED stands after every stage."""
    return STAGE_ORDER.index(stage) if stage in STAGE_ORDER else len(STAGE_ORDER)


def reaches_fieldwork(stage: str) -> bool:
    """Fieldwork and every stage after it in the order (not STOPPED, which ends a project)."""
    return stage in STAGE_ORDER and STAGE_ORDER.index(stage) >= FIELDWORK_INDEX


def latest_stage_change(changes: Iterable[ProjectStageChange]) -> ProjectStageChange | None:
    """The change that sets the current stage: the latest by date, then by when it was recorded."""
    return max(changes, key=lambda c: (c.on, c.recorded_at, c.pk or 0), default=None)


def current_stage(project: PeerResearchProject) -> tuple[str, datetime.date | None]:
    """The project's stage and the date it moved there. A project with no stage recorded is proposed."""
    latest = latest_stage_change(project.stage_changes.all())
    if latest is None:
        return ProjectStage.PROPOSED.value, None
    return latest.stage, latest.on


def stages_after(stage: str) -> list[str]:
    """The stages a project may move to next: any later stage in the order, or stopped; nothing
    once it is complete or stopped."""
    if stage in FINISHED_STAGES:
        return []
    return [*STAGE_ORDER[STAGE_ORDER.index(stage) + 1 :], ProjectStage.STOPPED.value]


def _body_key(body: str) -> str:
    return " ".join(body.split()).casefold()


def standing_decisions(
    approvals: Iterable[ProjectApproval], *, on: datetime.date | None = None
) -> list[ProjectApproval]:
    """Each body's latest decision (made on or before `on`, when given): a later decision from the
    same body replaces an earlier one, so an approval followed by a refusal no longer stands."""
    latest: dict[str, ProjectApproval] = {}
    for approval in sorted(approvals, key=lambda a: (a.decided_on, a.recorded_at, a.pk or 0)):
        if on is None or approval.decided_on <= on:
            latest[_body_key(approval.body)] = approval
    return sorted(latest.values(), key=lambda a: (a.decided_on, a.pk or 0))


def approvals_state(approvals: Iterable[ProjectApproval]) -> str:
    """One word for the list: no decision yet, refused (some body's latest word is no), approved
    with conditions, or approved."""
    standing = standing_decisions(approvals)
    decisions = {a.decision for a in standing}
    if not decisions:
        return ""
    if ApprovalDecision.REFUSED in decisions:
        return ApprovalDecision.REFUSED.value
    if ApprovalDecision.CONDITIONS in decisions:
        return ApprovalDecision.CONDITIONS.value
    return ApprovalDecision.APPROVED.value


def researcher_is_current(researcher: PeerResearcher, *, on: datetime.date) -> bool:
    """On the project that day: joined on or before it and not yet left (leaving on the day ends it)."""
    return researcher.joined_on <= on and (researcher.left_on is None or researcher.left_on > on)


def researcher_trained_by(researcher: PeerResearcher, *, on: datetime.date) -> bool:
    return any(t.completed_on <= on for t in researcher.training.all())


def fieldwork_missing(project: PeerResearchProject, *, on: datetime.date) -> list[str]:
    """What stops the project's fieldwork starting on `on`, in words for the person moving it
    (issue 6, item 3). Empty when nothing does. Decisions and training count only if they were in
    place by that date."""
    missing = []
    standing = standing_decisions(project.approvals.all(), on=on)
    if not any(a.decision in APPROVING_DECISIONS for a in standing):
        missing.append(_("Record an approval before fieldwork starts"))
    # A standing refusal from any body stops fieldwork, even with another body's approval: the
    # research may not go ahead where someone whose approval it needs has said no.
    for refusal in (a for a in standing if a.decision == ApprovalDecision.REFUSED):
        missing.append(
            _("%(body)s refused the project: record their new decision before fieldwork starts")
            % {"body": refusal.body}
        )
    current = [r for r in project.researchers.all() if researcher_is_current(r, on=on)]
    if not current:
        missing.append(_("Add a peer researcher before fieldwork starts"))
    untrained = sum(1 for r in current if not researcher_trained_by(r, on=on))
    if untrained:
        missing.append(_("Train every peer researcher before fieldwork: %(n)d not trained") % {"n": untrained})
    return missing


def _projects() -> QuerySet[PeerResearchProject]:
    return PeerResearchProject.objects.select_related("organisation").prefetch_related(
        "stage_changes",
        "approvals",
        "consents",
        Prefetch("researchers", queryset=PeerResearcher.objects.prefetch_related("training")),
    )


def projects_for_user(user: Any) -> QuerySet[PeerResearchProject]:
    """An involvement lead's own organisation's projects; every project for an administrator."""
    if not rules.can_run_involvement(user):
        return PeerResearchProject.objects.none()
    projects = _projects()
    if user.role != Role.ADMINISTRATOR:
        projects = projects.filter(organisation_id=user.organisation_id)
    return projects


def project_for_user(user: Any, project_id: int) -> PeerResearchProject:
    """The project, if it is in the user's remit; PeerResearchProject.DoesNotExist otherwise (a 404)."""
    project = _projects().get(pk=project_id)
    if not rules.in_remit(user, project.organisation_id):
        raise PeerResearchProject.DoesNotExist
    return project


@dataclass
class ProjectRow:
    project: PeerResearchProject
    stage: str
    stage_on: datetime.date | None
    approvals: str
    trained: int
    untrained: int
    consents_current: int
    consents_withdrawn: int

    @property
    def stage_label(self) -> str:
        return str(ProjectStage(self.stage).label)

    @property
    def approvals_label(self) -> str:
        return str(ApprovalDecision(self.approvals).label) if self.approvals else _("None recorded")

    @property
    def researchers_summary(self) -> str:
        if not self.trained and not self.untrained:
            return _("None")
        if not self.untrained:
            return _("%(n)d, all trained") % {"n": self.trained}
        return _("%(trained)d trained, %(untrained)d not trained") % {
            "trained": self.trained,
            "untrained": self.untrained,
        }


def project_row(project: PeerResearchProject, *, today: datetime.date) -> ProjectRow:
    stage, stage_on = current_stage(project)
    current = [r for r in project.researchers.all() if researcher_is_current(r, on=today)]
    trained = sum(1 for r in current if researcher_trained_by(r, on=today))
    consents = list(project.consents.all())
    withdrawn = sum(1 for c in consents if c.withdrawn_on is not None)
    return ProjectRow(
        project=project,
        stage=stage,
        stage_on=stage_on,
        approvals=approvals_state(project.approvals.all()),
        trained=trained,
        untrained=len(current) - trained,
        consents_current=len(consents) - withdrawn,
        consents_withdrawn=withdrawn,
    )


def project_rows_for_user(user: Any, *, today: datetime.date, limit: int = 500) -> list[ProjectRow]:
    return [project_row(p, today=today) for p in projects_for_user(user)[:limit]]


@dataclass
class ResearcherLine:
    researcher: PeerResearcher
    current: bool
    trained: bool
    training: list[ResearchTraining] = field(default_factory=list)


@dataclass
class ProjectPage:
    """Everything the project page shows."""

    project: PeerResearchProject
    row: ProjectRow
    timeline: list[ProjectStageChange]
    next_stages: list[str]
    approvals: list[ProjectApproval]
    standing: list[ProjectApproval]
    researchers: list[ResearcherLine]
    consents: list[ResearchConsent]
    activities: list[Activity]
    # What would stop fieldwork starting today; empty once the project is past that point.
    fieldwork_missing: list[str]

    @property
    def finished(self) -> bool:
        return self.row.stage in FINISHED_STAGES

    @property
    def consent_open(self) -> bool:
        return consent_allowed_at(self.row.stage)


def consent_allowed_at(stage: str) -> bool:
    """Consent is recorded from fieldwork onwards (analysis and reporting too, for paper forms
    entered late), not before: fieldwork is the stage the approval and training gate guards, so a
    consent is never taken for research no one has yet approved; and not once the project has ended."""
    return reaches_fieldwork(stage) and stage != ProjectStage.COMPLETE


def project_page(project: PeerResearchProject, *, today: datetime.date) -> ProjectPage:
    row = project_row(project, today=today)
    researchers = sorted(
        project.researchers.select_related("person").prefetch_related("training"),
        key=lambda r: (r.left_on is not None, r.person.family_name, r.person.given_name, r.pk),
    )
    return ProjectPage(
        project=project,
        row=row,
        timeline=sorted(project.stage_changes.all(), key=lambda c: (c.on, c.recorded_at, c.pk)),
        next_stages=stages_after(row.stage),
        approvals=list(project.approvals.all()),
        standing=standing_decisions(project.approvals.all()),
        researchers=[
            ResearcherLine(
                researcher=r,
                current=researcher_is_current(r, on=today),
                trained=researcher_trained_by(r, on=today),
                training=list(r.training.all()),
            )
            for r in researchers
        ],
        consents=list(project.consents.all()),
        activities=list(project.activities.order_by("-held_on", "-pk")),
        fieldwork_missing=[] if stage_index(row.stage) >= FIELDWORK_INDEX else fieldwork_missing(project, on=today),
    )


def researcher_for_project(project: PeerResearchProject, researcher_id: int) -> PeerResearcher:
    return PeerResearcher.objects.select_related("person").get(project=project, pk=researcher_id)


def consent_for_project(project: PeerResearchProject, consent_id: int) -> ResearchConsent:
    return ResearchConsent.objects.get(project=project, pk=consent_id)
