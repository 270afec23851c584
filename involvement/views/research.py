"""Involvement: peer research projects (issue 6, item 3). Thin views over
involvement.research_services and involvement.research_selectors; only involvement leads (their own
organisation's projects) and administrators see them. Another organisation's project is a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.decorators import allowed_if
from common.service_forms import form_page, posted
from involvement import research_selectors as selectors
from involvement import research_services as services
from involvement import rules
from involvement.constants import ApprovalDecision, ProjectStage
from involvement.models import PeerResearcher, PeerResearchProject, ResearchConsent
from involvement.research_forms import (
    ApprovalForm,
    ConsentForm,
    LeaveForm,
    ProjectForm,
    ResearcherForm,
    StageForm,
    TrainingForm,
    WithdrawForm,
)
from organisations.models import Organisation

STAGE_TAGS = {
    ProjectStage.PROPOSED: "govuk-tag--grey",
    ProjectStage.SEEKING_APPROVAL: "govuk-tag--yellow",
    ProjectStage.TRAINING: "govuk-tag--light-blue",
    ProjectStage.FIELDWORK: "govuk-tag--blue",
    ProjectStage.ANALYSIS: "govuk-tag--purple",
    ProjectStage.REPORTING: "govuk-tag--turquoise",
    ProjectStage.COMPLETE: "govuk-tag--green",
    ProjectStage.STOPPED: "govuk-tag--red",
}
DECISION_TAGS = {
    ApprovalDecision.APPROVED: "govuk-tag--green",
    ApprovalDecision.CONDITIONS: "govuk-tag--yellow",
    ApprovalDecision.REFUSED: "govuk-tag--red",
}


def activity_url(activity_id: int) -> str | None:
    """The activity's page, once the activities pages exist (they are built apart from these)."""
    try:
        return reverse("involvement:activity", args=[activity_id])
    except NoReverseMatch:
        return None


def _project(request: HttpRequest, project_id: int) -> PeerResearchProject:
    try:
        return selectors.project_for_user(request.user, project_id)
    except PeerResearchProject.DoesNotExist:
        raise Http404 from None


def _researcher(project: PeerResearchProject, researcher_id: int) -> PeerResearcher:
    try:
        return selectors.researcher_for_project(project, researcher_id)
    except PeerResearcher.DoesNotExist:
        raise Http404 from None


def _consent(project: PeerResearchProject, consent_id: int) -> ResearchConsent:
    try:
        return selectors.consent_for_project(project, consent_id)
    except ResearchConsent.DoesNotExist:
        raise Http404 from None


def _project_url(project: PeerResearchProject) -> str:
    return reverse("involvement:research-project", args=[project.pk])


@allowed_if(rules.can_run_involvement)
def project_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.project_rows_for_user(request.user, today=timezone.localdate())
    return render(
        request,
        "involvement/research/list.html",
        {
            "rows": rows,
            "stage_tags": STAGE_TAGS,
            "show_organisation": request.user.role == Role.ADMINISTRATOR,  # type: ignore[union-attr]
        },
    )


@allowed_if(rules.can_run_involvement)
def project_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    is_admin = user.role == Role.ADMINISTRATOR
    organisations = list(Organisation.objects.filter(active=True).order_by("name")) if is_admin else None
    form = ProjectForm(posted(request), organisations=organisations)
    created: list[PeerResearchProject] = []

    def save(data: dict[str, Any]) -> object:
        project = services.project_create(
            acting_user=user,
            organisation_id=data.get("organisation"),
            title=data["title"],
            question=data["question"],
            proposed_on=data["proposed_on"],
            submission_id=data["submission_id"],
            request=request,
        )
        created.append(project)
        return project

    response = form_page(
        request,
        form=form,
        save=save,
        done=_("Project proposed"),
        back=reverse("involvement:research-projects"),
        template="involvement/research/form.html",
        context={
            "title": _("Propose a peer research project"),
            "button": _("Propose the project"),
            "fields": [
                ("select", "organisation"),
                ("input", "title"),
                ("textarea", "question"),
                ("date", "proposed_on"),
            ],
            "back_url": reverse("involvement:research-projects"),
            "back_text": _("Back to peer research projects"),
        },
    )
    if created:
        return redirect(_project_url(created[0]))
    return response


@allowed_if(rules.can_run_involvement)
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    page = selectors.project_page(project, today=timezone.localdate())
    activities = [(a, activity_url(a.pk)) for a in page.activities]
    return render(
        request,
        "involvement/research/detail.html",
        {
            "page": page,
            "project": project,
            "activities": activities,
            "stage_tags": STAGE_TAGS,
            "decision_tags": DECISION_TAGS,
            "ProjectStage": ProjectStage,
        },
    )


def _project_form(
    request: HttpRequest,
    project: PeerResearchProject,
    *,
    form: Any,
    save: Callable[[dict[str, Any]], object],
    done: str,
    title: str,
    button: str,
    fields: list[tuple[str, str]],
    closed: str = "",
    inset: str = "",
) -> HttpResponse:
    """A form about one project, going back to the project page. `closed` says why the form is not
    offered (the service would refuse it)."""
    return form_page(
        request,
        form=form,
        save=save,
        done=done,
        back=_project_url(project),
        template="involvement/research/form.html",
        context={
            "project": project,
            "title": title,
            "button": button,
            "fields": fields,
            "closed": closed,
            "inset": inset,
            "back_url": _project_url(project),
            "back_text": _("Back to the project"),
        },
    )


def _finished_message(project: PeerResearchProject) -> str:
    stage, _on = selectors.current_stage(project)
    if stage in selectors.FINISHED_STAGES:
        return _("This project is %(stage)s, so nothing more can be added to it.") % {
            "stage": str(ProjectStage(stage).label).lower()
        }
    return ""


@allowed_if(rules.can_run_involvement)
def stage_move(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    stage, _on = selectors.current_stage(project)
    stages = selectors.stages_after(stage)
    return _project_form(
        request,
        project,
        form=StageForm(posted(request), stages=stages),
        save=lambda data: services.project_stage_move(
            acting_user=request.user,
            project_id=project.pk,
            stage=data["stage"],
            on=data["on"],
            note=data["note"],
            submission_id=data["submission_id"],
            request=request,
        ),
        done=_("Stage recorded"),
        title=_("Move to the next stage"),
        button=_("Record the stage"),
        fields=[("radios", "stage"), ("date", "on"), ("textarea", "note")],
        closed="" if stages else _finished_message(project),
        inset=_("The project is at: %(stage)s. Fieldwork needs an approval and every peer researcher trained.")
        % {"stage": ProjectStage(stage).label},
    )


@allowed_if(rules.can_run_involvement)
def approval_new(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    return _project_form(
        request,
        project,
        form=ApprovalForm(posted(request)),
        save=lambda data: services.approval_record(
            acting_user=request.user,
            project_id=project.pk,
            body=data["body"],
            decision=data["decision"],
            decided_on=data["decided_on"],
            reference=data["reference"],
            conditions=data["conditions"],
            submission_id=data["submission_id"],
            request=request,
        ),
        done=_("Decision recorded"),
        title=_("Record a decision on approval"),
        button=_("Record the decision"),
        fields=[
            ("input", "body"),
            ("radios", "decision"),
            ("date", "decided_on"),
            ("input", "reference"),
            ("textarea", "conditions"),
        ],
        closed=_finished_message(project),
    )


@allowed_if(rules.can_run_involvement)
def researcher_new(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    return _project_form(
        request,
        project,
        form=ResearcherForm(posted(request)),
        save=lambda data: services.researcher_add(
            acting_user=request.user,
            project_id=project.pk,
            identifier=data["identifier"],
            kind=data["kind"],
            joined_on=data["joined_on"],
            submission_id=data["submission_id"],
            request=request,
        ),
        done=_("Peer researcher added"),
        title=_("Add a peer researcher"),
        button=_("Add the peer researcher"),
        fields=[("identifier", "identifier"), ("radios", "kind"), ("date", "joined_on")],
        closed=_finished_message(project),
    )


@allowed_if(rules.can_run_involvement)
def researcher_leave(request: HttpRequest, project_id: int, researcher_id: int) -> HttpResponse:
    project = _project(request, project_id)
    researcher = _researcher(project, researcher_id)
    return _project_form(
        request,
        project,
        form=LeaveForm(posted(request)),
        save=lambda data: services.researcher_leave(
            acting_user=request.user,
            project_id=project.pk,
            researcher_id=researcher.pk,
            left_on=data["left_on"],
            request=request,
        ),
        done=_("Leaving recorded"),
        title=_("%(name)s is leaving the project") % {"name": researcher.person.full_name},
        button=_("Record leaving"),
        fields=[("date", "left_on")],
        closed=_("%(name)s has already left the project.") % {"name": researcher.person.full_name}
        if researcher.left_on
        else "",
    )


@allowed_if(rules.can_run_involvement)
def training_new(request: HttpRequest, project_id: int, researcher_id: int) -> HttpResponse:
    project = _project(request, project_id)
    researcher = _researcher(project, researcher_id)
    closed = _finished_message(project)
    if not closed and researcher.left_on:
        closed = _("%(name)s has left the project.") % {"name": researcher.person.full_name}
    return _project_form(
        request,
        project,
        form=TrainingForm(posted(request)),
        save=lambda data: services.training_record(
            acting_user=request.user,
            project_id=project.pk,
            researcher_id=researcher.pk,
            course=data["course"],
            completed_on=data["completed_on"],
            submission_id=data["submission_id"],
            request=request,
        ),
        done=_("Training recorded"),
        title=_("Record training for %(name)s") % {"name": researcher.person.full_name},
        button=_("Record the training"),
        fields=[("input", "course"), ("date", "completed_on")],
        closed=closed,
    )


@allowed_if(rules.can_run_involvement)
def consent_new(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    stage, _on = selectors.current_stage(project)
    closed = _finished_message(project)
    if not closed and not selectors.consent_allowed_at(stage):
        closed = _("Consent is recorded from fieldwork onwards. Move the project to fieldwork first.")
    return _project_form(
        request,
        project,
        form=ConsentForm(posted(request)),
        save=lambda data: services.consent_record(
            acting_user=request.user,
            project_id=project.pk,
            participant_code=data["participant_code"],
            form_version=data["form_version"],
            given_on=data["given_on"],
            submission_id=data["submission_id"],
            request=request,
        ),
        done=_("Consent recorded"),
        title=_("Record a participant's consent"),
        button=_("Record consent"),
        fields=[("identifier", "participant_code"), ("input", "form_version"), ("date", "given_on")],
        closed=closed,
        inset=_("Research records use the project's own participant codes, so that no one can be traced from them."),
    )


@allowed_if(rules.can_run_involvement)
def consent_withdraw(request: HttpRequest, project_id: int, consent_id: int) -> HttpResponse:
    project = _project(request, project_id)
    consent = _consent(project, consent_id)
    return _project_form(
        request,
        project,
        form=WithdrawForm(posted(request)),
        save=lambda data: services.consent_withdraw(
            acting_user=request.user,
            project_id=project.pk,
            consent_id=consent.pk,
            withdrawn_on=data["withdrawn_on"],
            request=request,
        ),
        done=_("Withdrawal recorded"),
        title=_("Participant %(code)s withdraws consent") % {"code": consent.participant_code},
        button=_("Record the withdrawal"),
        fields=[("date", "withdrawn_on")],
        closed=_("Participant %(code)s has already withdrawn consent.") % {"code": consent.participant_code}
        if consent.withdrawn_on
        else "",
    )


urlpatterns: list[URLPattern] = [
    path("research/", project_list, name="research-projects"),
    path("research/new/", project_new, name="research-project-new"),
    path("research/<int:project_id>/", project_detail, name="research-project"),
    path("research/<int:project_id>/stage/", stage_move, name="research-stage"),
    path("research/<int:project_id>/approvals/new/", approval_new, name="research-approval-new"),
    path("research/<int:project_id>/researchers/new/", researcher_new, name="research-researcher-new"),
    path(
        "research/<int:project_id>/researchers/<int:researcher_id>/leave/",
        researcher_leave,
        name="research-researcher-leave",
    ),
    path(
        "research/<int:project_id>/researchers/<int:researcher_id>/training/new/",
        training_new,
        name="research-training-new",
    ),
    path("research/<int:project_id>/consents/new/", consent_new, name="research-consent-new"),
    path(
        "research/<int:project_id>/consents/<int:consent_id>/withdraw/",
        consent_withdraw,
        name="research-consent-withdraw",
    ),
]
