from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import allowed_if
from audit.constants import Action
from audit.services import event_record
from common.service_forms import submit
from people.models import ServiceUser
from people.services import person_open
from work import matching, rules, selectors, services
from work.constants import NEXT_STEPS, ApplicationStatus, LicenceCondition, OffenceCategory, Skill, Step, Travel
from work.forms import REQUIREMENTS, ApplicationForm, OpportunityForm, OpportunityNewForm, StepForm, WorkProfileForm
from work.models import Application, Opportunity, status_of

LABELS = {
    "skills": dict(Skill.choices),
    "offences": dict(OffenceCategory.choices),
    "conditions": dict(LicenceCondition.choices),
    "travel": dict(Travel.choices),
    "status": dict(ApplicationStatus.choices),
    "steps": dict(Step.choices),
}


def _open(request: HttpRequest, person_id: int) -> ServiceUser:
    """A page about one person opens their record, audited (people.services.person_open)."""
    try:
        return person_open(acting_user=request.user, person_id=person_id, request=request)
    except ServiceUser.DoesNotExist:
        raise Http404 from None


def _opportunity(request: HttpRequest, opportunity_id: int) -> Opportunity:
    try:
        return selectors.opportunity_for_user(user=request.user, opportunity_id=opportunity_id)
    except Opportunity.DoesNotExist:
        raise Http404 from None


# --- the person page panel ----------------------------------------------------------------------------


def person_panel(request: HttpRequest, person: ServiceUser) -> str:
    """Work on release on a person's page, for the prison and probation staff who match people to work."""
    if not rules.can_match_work(request.user):
        return ""
    profile = selectors.work_profile(person=person)
    eligible, _excluded = selectors.matches_for_person(person=person, profile=profile) if profile else ([], [])
    return render_to_string(
        "work/_person_panel.html",
        {
            "person": person,
            "profile": profile,
            "eligible": eligible,
            "applications": selectors.applications_for_person(person=person),
            "labels": LABELS,
        },
        request=request,
    )


# --- employers' opportunities -------------------------------------------------------------------------


@allowed_if(rules.can_view_opportunities)
def opportunity_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    opportunities = [(o, o.is_open(today=today)) for o in selectors.opportunity_list_for_user(user=request.user)]
    return render(
        request,
        "work/opportunity_list.html",
        {"opportunities": opportunities, "is_employer": rules.is_employer(request.user)},
    )


def _details(form: OpportunityForm) -> services.OpportunityDetails:
    return services.OpportunityDetails(**form.details_kwargs())


@allowed_if(rules.is_employer)
def opportunity_new(request: HttpRequest) -> HttpResponse:
    form = OpportunityNewForm(request.POST if request.method == "POST" else None)
    made: list[Opportunity] = []

    def save(data: dict[str, Any]) -> None:
        made.append(
            services.opportunity_post(
                acting_user=request.user,
                details=_details(form),
                submission_id=data["submission_id"],
                request=request,
            )
        )

    if submit(request, form, save):
        messages.success(request, _("Opportunity posted"))
        return redirect("work:opportunity", opportunity_id=made[0].pk)
    return render(request, "work/opportunity_form.html", {"form": form, "once_only": True, "opportunity": None})


@allowed_if(rules.is_employer)
def opportunity_edit(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = _opportunity(request, opportunity_id)
    initial = {
        name: getattr(opportunity, name)
        for name in OpportunityForm.base_fields
        if name not in ("requirements",) and hasattr(opportunity, name)
    }
    initial["requirements"] = [name for name, _label in REQUIREMENTS if getattr(opportunity, name)]
    form = OpportunityForm(request.POST if request.method == "POST" else None, initial=initial)

    def save(data: dict[str, Any]) -> None:
        services.opportunity_edit(
            acting_user=request.user, opportunity_id=opportunity.pk, details=_details(form), request=request
        )

    if submit(request, form, save):
        messages.success(request, _("Opportunity changed"))
        return redirect("work:opportunity", opportunity_id=opportunity.pk)
    return render(request, "work/opportunity_form.html", {"form": form, "once_only": False, "opportunity": opportunity})


@allowed_if(rules.is_employer)
def opportunity_close(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = _opportunity(request, opportunity_id)
    form = Form(request.POST if request.method == "POST" else None)

    def save(data: dict[str, Any]) -> None:
        services.opportunity_close(acting_user=request.user, opportunity_id=opportunity.pk, request=request)

    if submit(request, form, save):
        messages.success(request, _("Opportunity closed"))
        return redirect("work:opportunity", opportunity_id=opportunity.pk)
    return render(request, "work/opportunity_close.html", {"form": form, "opportunity": opportunity})


@allowed_if(rules.can_view_opportunities)
def opportunity_detail(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    """The employer sees its applications; prison and probation staff see the people they may see who
    are approaching release, eligible or not, and why."""
    opportunity = _opportunity(request, opportunity_id)
    today = timezone.localdate()
    own = rules.is_employer(request.user) and opportunity.employer_id == request.user.organisation_id
    context: dict[str, Any] = {
        "opportunity": opportunity,
        "is_open": opportunity.is_open(today=today),
        "own": own,
        "applications": selectors.applications_for_opportunity(user=request.user, opportunity=opportunity),
        "labels": LABELS,
        "requirements": [label for name, label in REQUIREMENTS if getattr(opportunity, name)],
        "can_match": rules.can_match_work(request.user),
    }
    if context["can_match"] and context["is_open"]:
        eligible, excluded = matching.people_for(
            opportunity=opportunity,
            candidates=selectors.candidates_approaching_release(user=request.user, today=today),
            today=today,
        )
        context.update(eligible=eligible, excluded=excluded)
    return render(request, "work/opportunity_detail.html", context)


# --- applications ---------------------------------------------------------------------------------------


def _application(request: HttpRequest, application_id: int) -> Application:
    try:
        return selectors.application_for_user(user=request.user, application_id=application_id)
    except Application.DoesNotExist:
        raise Http404 from None


def _allowed_steps(request: HttpRequest, application: Application, status: str) -> list[str]:
    employer = rules.is_employer(request.user) and application.opportunity.employer_id == request.user.organisation_id
    return [s for s in NEXT_STEPS[status] if employer or s not in services.EMPLOYER_STEPS]


@allowed_if(rules.can_view_application)
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    """What the employer needs to decide (name, skills, disclosure statement, who supports them), and
    each step so far. Reading it is a read of the person's record, so it is audited."""
    application = _application(request, application_id)
    steps = list(application.steps.all())
    status = status_of(steps)
    event_record(
        actor=request.user,
        action=Action.VIEW,
        record_type="work_application",
        record_id=application.pk,
        person_id=application.person_id,
        summary="Viewed application",
        request=request,
    )
    return render(
        request,
        "work/application_detail.html",
        {
            "application": application,
            "steps": steps,
            "status": status,
            "labels": LABELS,
            "can_record": bool(_allowed_steps(request, application, status)),
            "is_staff_view": rules.can_match_work(request.user),
        },
    )


@allowed_if(rules.can_view_application)
def application_step(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _application(request, application_id)
    status = status_of(list(application.steps.all()))
    steps = _allowed_steps(request, application, status)
    if not steps:
        messages.info(request, _("Nothing more can be recorded on this application"))
        return redirect("work:application", application_id=application.pk)
    form = StepForm(request.POST if request.method == "POST" else None, steps=steps)

    def save(data: dict[str, Any]) -> None:
        services.application_record_step(
            acting_user=request.user,
            application_id=application.pk,
            step=data["step"],
            reason=data["reason"],
            note=data["note"],
            submission_id=data["submission_id"],
            request=request,
        )

    if submit(request, form, save):
        messages.success(request, _("Recorded"))
        return redirect("work:application", application_id=application.pk)
    return render(request, "work/application_step.html", {"form": form, "application": application})


# --- practitioners: matches for a person, putting them forward, approaching release ---------------------


@allowed_if(rules.can_match_work)
def person_matches(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _open(request, person_id)
    profile = selectors.work_profile(person=person)
    eligible, excluded = selectors.matches_for_person(person=person, profile=profile)
    return render(
        request,
        "work/person_matches.html",
        {"person": person, "profile": profile, "eligible": eligible, "excluded": excluded, "labels": LABELS},
    )


@allowed_if(rules.can_match_work)
def profile_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _open(request, person_id)
    profile = selectors.work_profile(person=person)
    initial: dict[str, Any] = {}
    if profile:
        initial = {
            name: getattr(profile, name)
            for name in ("skills", "release_town", "release_district", "travel", "offences", "licence_conditions")
        }
        initial["exclusion_zone"] = ", ".join(profile.exclusion_zone)
    form = WorkProfileForm(request.POST if request.method == "POST" else None, initial=initial)

    def save(data: dict[str, Any]) -> None:
        services.work_profile_save(
            acting_user=request.user, person_id=person.pk, details=services.ProfileDetails(**data), request=request
        )

    if submit(request, form, save):
        messages.success(request, _("Work profile saved"))
        return redirect("work:person", person_id=person.pk)
    return render(request, "work/profile_form.html", {"form": form, "person": person, "profile": profile})


@allowed_if(rules.can_match_work)
def application_new(request: HttpRequest, person_id: int, opportunity_id: int) -> HttpResponse:
    person = _open(request, person_id)
    opportunity = _opportunity(request, opportunity_id)
    profile = selectors.work_profile(person=person)
    match = matching.assess(profile=profile, opportunity=opportunity, today=timezone.localdate()) if profile else None
    form = ApplicationForm(request.POST if request.method == "POST" else None)

    def save(data: dict[str, Any]) -> None:
        services.application_make(
            acting_user=request.user,
            person_id=person.pk,
            opportunity_id=opportunity.pk,
            disclosure_statement=data["disclosure_statement"],
            consent_to_share=data["consent_to_share"],
            submission_id=data["submission_id"],
            request=request,
        )

    if submit(request, form, save):
        messages.success(
            request,
            _("%(name)s has been put forward for %(title)s") % {"name": person.full_name, "title": opportunity.title},
        )
        return redirect("work:person", person_id=person.pk)
    return render(
        request,
        "work/application_new.html",
        {"form": form, "person": person, "opportunity": opportunity, "match": match, "labels": LABELS},
    )


@allowed_if(rules.can_match_work)
def approaching_release(request: HttpRequest) -> HttpResponse:
    rows = selectors.approaching_release_with_matches(user=request.user)
    return render(request, "work/approaching_release.html", {"rows": rows, "labels": LABELS})
