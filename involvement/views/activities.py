"""Involvement: activities (with their participants, what was fed back, the staff's rung and the
participants' ratings) and lived-experience roles. Involvement leads see their own organisation's;
administrators see all. Another organisation's record answers 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.constants import Role
from accounts.decorators import allowed_if
from common.service_forms import form_page, posted
from involvement import activity_selectors as selectors
from involvement import activity_services as services
from involvement import rules
from involvement.activity_forms import (
    ActivityForm,
    FeedbackForm,
    ParticipantForm,
    RoleEndForm,
    RoleForm,
    SlipsForm,
    StaffRatingForm,
    rung_radio_items,
)
from involvement.constants import Rung
from involvement.models import Activity, LivedExperienceRole
from organisations.models import Organisation


def _is_admin(request: HttpRequest) -> bool:
    return request.user.role == Role.ADMINISTRATOR  # type: ignore[union-attr]


def _organisations() -> list[Organisation]:
    return list(Organisation.objects.filter(active=True).order_by("name"))


def _activity(request: HttpRequest, activity_id: int) -> Activity:
    activity = (
        Activity.objects.select_related("organisation", "contract", "council_meeting__council", "project", "role")
        .filter(pk=activity_id)
        .first()
    )
    if activity is None or not rules.in_remit(request.user, activity.organisation_id):
        raise Http404
    return activity


def _activity_url(activity: Activity) -> str:
    return reverse("involvement:activity", args=[activity.pk])


def guidance_url(slug: str) -> str:
    """The guidance page's address, or "" while the guidance library has no such page name."""
    try:
        return reverse("involvement:guidance-page", args=[slug])
    except NoReverseMatch:
        return ""


def _helpers() -> dict[str, Any]:
    return {"rung_label": selectors.rung_label, "band_name": selectors.band_name, "Rung": Rung}


# ---------------------------------------------------------------------------------------------
# Activities.


@allowed_if(rules.can_run_involvement)
def activity_list(request: HttpRequest) -> HttpResponse:
    organisation = None
    organisations: list[Organisation] = []
    if _is_admin(request):
        organisations = _organisations()
        chosen = request.GET.get("organisation", "")
        organisation = next((o for o in organisations if str(o.pk) == chosen), None)
    else:
        organisation = request.user.organisation  # type: ignore[union-attr]
    if organisation is None and not _is_admin(request):
        rows = []  # a lead with no organisation has no remit
    else:
        rows = selectors.activity_list(organisation_id=organisation.pk if organisation else None)
    return render(
        request,
        "involvement/activities/list.html",
        {"rows": rows, "organisation": organisation, "organisations": organisations, **_helpers()},
    )


@allowed_if(rules.can_run_involvement)
def activity_new(request: HttpRequest) -> HttpResponse:
    is_admin = _is_admin(request)
    data = posted(request)
    if is_admin:
        chosen = (data or request.GET).get("organisation") or ""
        organisation = Organisation.objects.filter(pk=chosen, active=True).first() if chosen.isdigit() else None
    else:
        organisation = request.user.organisation  # type: ignore[union-attr]
    options: dict[str, list[Any]] = {"contracts": [], "meetings": [], "projects": [], "roles": []}
    if organisation is not None:
        options = {
            "contracts": services.contracts_for(organisation),
            "meetings": services.meetings_for(organisation),
            "projects": services.projects_for(organisation),
            "roles": services.roles_for(organisation),
        }
    form = ActivityForm(
        data,
        initial={"organisation": organisation.pk} if organisation else {},
        organisations=_organisations() if is_admin else None,
        **options,
    )
    created: list[Activity] = []

    def save(cleaned: dict[str, Any]) -> object:
        activity = services.activity_log(
            acting_user=request.user,  # type: ignore[arg-type]
            organisation_id=cleaned.get("organisation"),
            kind=cleaned["kind"],
            title=cleaned["title"],
            held_on=cleaned["held_on"],
            purpose=cleaned["purpose"],
            staff_rung=cleaned["staff_rung"],
            staff_rung_reason=cleaned["staff_rung_reason"],
            other_participants=cleaned.get("other_participants") or 0,
            contract_id=cleaned.get("contract"),
            council_meeting_id=cleaned.get("council_meeting"),
            project_id=cleaned.get("project"),
            role_id=cleaned.get("role"),
            submission_id=cleaned["submission_id"],
            request=request,
        )
        created.append(activity)
        return activity

    response = form_page(
        request,
        form=form,
        save=save,
        done=_("Activity logged. Now add the people who took part."),
        back=reverse("involvement:activities"),
        template="involvement/activities/new.html",
        context={"rung_items": rung_radio_items(form["staff_rung"]), "organisation": organisation},
    )
    if created:
        return redirect("involvement:activity", created[0].pk)
    return response


@allowed_if(rules.can_run_involvement)
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _activity(request, activity_id)
    pages = [(page, guidance_url(page.slug)) for page in selectors.guidance_for_kind(kind=activity.kind)]
    return render(
        request,
        "involvement/activities/detail.html",
        {
            "activity": activity,
            "participants": list(selectors.activity_participants(activity=activity)),
            "summary": selectors.activity_rating_summary(activity=activity),
            "waiting": selectors.activity_ratings_waiting(activity=activity),
            "guidance": [(page, link) for page, link in pages if link],
            **_helpers(),
        },
    )


@allowed_if(rules.can_run_involvement)
def activity_participant_add(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _activity(request, activity_id)
    form = ParticipantForm(posted(request))
    return form_page(
        request,
        form=form,
        save=lambda data: services.activity_participant_add(
            acting_user=request.user,  # type: ignore[arg-type]
            activity_id=activity.pk,
            identifier=data["identifier"],
            recognition=data["recognition"],
            amount_pounds=data["amount"],
            submission_id=data["submission_id"],
            request=request,
        ),
        done=_("Participant added"),
        back=_activity_url(activity),
        template="involvement/activities/participant.html",
        context={"activity": activity},
    )


@allowed_if(rules.can_run_involvement)
@require_POST
def activity_participant_remove(request: HttpRequest, activity_id: int, participant_id: int) -> HttpResponse:
    activity = _activity(request, activity_id)
    try:
        services.activity_participant_remove(
            acting_user=request.user,  # type: ignore[arg-type]
            activity_id=activity.pk,
            participant_id=participant_id,
            request=request,
        )
    except ValidationError as e:
        messages.warning(request, e.messages[0])
    except ObjectDoesNotExist:  # a participant of another activity, or none
        raise Http404 from None
    else:
        messages.success(request, _("Participant removed"))
    return redirect(_activity_url(activity))


@allowed_if(rules.can_run_involvement)
def activity_feedback(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _activity(request, activity_id)
    form = FeedbackForm(posted(request), initial={"fed_back": activity.fed_back, "fed_back_on": activity.fed_back_on})
    return form_page(
        request,
        form=form,
        save=lambda data: services.activity_feedback_record(
            acting_user=request.user,  # type: ignore[arg-type]
            activity_id=activity.pk,
            fed_back=data["fed_back"],
            fed_back_on=data["fed_back_on"],
            request=request,
        ),
        done=_("What was fed back is recorded"),
        back=_activity_url(activity),
        template="involvement/activities/feedback.html",
        context={"activity": activity},
    )


@allowed_if(rules.can_run_involvement)
def activity_rating(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _activity(request, activity_id)
    form = StaffRatingForm(
        posted(request),
        initial={
            "version": activity.version,
            "staff_rung": str(activity.staff_rung),
            "staff_rung_reason": activity.staff_rung_reason,
        },
    )
    return form_page(
        request,
        form=form,
        save=lambda data: services.activity_staff_rating_edit(
            acting_user=request.user,  # type: ignore[arg-type]
            activity_id=activity.pk,
            expected_version=data.get("version"),
            staff_rung=data["staff_rung"],
            staff_rung_reason=data["staff_rung_reason"],
            request=request,
        ),
        done=_("Staff rating changed"),
        back=_activity_url(activity),
        template="involvement/activities/rating.html",
        context={"activity": activity, "rung_items": rung_radio_items(form["staff_rung"])},
    )


@allowed_if(rules.can_run_involvement)
def activity_slips(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = _activity(request, activity_id)
    form = SlipsForm(posted(request))
    return form_page(
        request,
        form=form,
        save=lambda data: services.activity_slips_enter(
            acting_user=request.user,  # type: ignore[arg-type]
            activity_id=activity.pk,
            counts=form.counts(),
            submission_id=data["submission_id"],
            request=request,
        ),
        done=_("Rating slips entered"),
        back=_activity_url(activity),
        template="involvement/activities/slips.html",
        context={"activity": activity, "Rung": Rung},
    )


# ---------------------------------------------------------------------------------------------
# Lived-experience roles.


def _role(request: HttpRequest, role_id: int) -> LivedExperienceRole:
    role = LivedExperienceRole.objects.select_related("person", "organisation").filter(pk=role_id).first()
    if role is None or not rules.in_remit(request.user, role.organisation_id):
        raise Http404
    return role


@allowed_if(rules.can_run_involvement)
def role_list(request: HttpRequest) -> HttpResponse:
    organisation_id = None if _is_admin(request) else request.user.organisation_id  # type: ignore[union-attr]
    current: list[LivedExperienceRole] = []
    ended: list[LivedExperienceRole] = []
    if organisation_id is not None or _is_admin(request):  # a lead with no organisation has no remit
        current, ended = selectors.role_lists(organisation_id=organisation_id, today=timezone.localdate())
    return render(request, "involvement/roles/list.html", {"current": current, "ended": ended})


@allowed_if(rules.can_run_involvement)
def role_new(request: HttpRequest) -> HttpResponse:
    form = RoleForm(posted(request), organisations=_organisations() if _is_admin(request) else None)
    return form_page(
        request,
        form=form,
        save=lambda data: services.role_add(
            acting_user=request.user,  # type: ignore[arg-type]
            organisation_id=data.get("organisation"),
            identifier=data["identifier"],
            title=data["title"],
            kind=data["kind"],
            pay_pounds=data["pay"],
            hours_per_week=data["hours_per_week"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            description=data["description"],
            submission_id=data["submission_id"],
            request=request,
        ),
        done=_("Role recorded"),
        back=reverse("involvement:roles"),
        template="involvement/roles/new.html",
        context={},
    )


@allowed_if(rules.can_run_involvement)
def role_end(request: HttpRequest, role_id: int) -> HttpResponse:
    role = _role(request, role_id)
    if role.end_reason:
        messages.warning(request, _("This role has already ended"))
        return redirect("involvement:roles")
    form = RoleEndForm(posted(request))
    return form_page(
        request,
        form=form,
        save=lambda data: services.role_end(
            acting_user=request.user,  # type: ignore[arg-type]
            role_id=role.pk,
            ends_on=data["ends_on"],
            end_reason=data["end_reason"],
            request=request,
        ),
        done=_("Role ended"),
        back=reverse("involvement:roles"),
        template="involvement/roles/end.html",
        context={"role": role},
    )


urlpatterns: list[URLPattern] = [
    path("activities/", activity_list, name="activities"),
    path("activities/new/", activity_new, name="activity-new"),
    path("activities/<int:activity_id>/", activity_detail, name="activity"),
    path("activities/<int:activity_id>/participants/add/", activity_participant_add, name="activity-participant-add"),
    path(
        "activities/<int:activity_id>/participants/<int:participant_id>/remove/",
        activity_participant_remove,
        name="activity-participant-remove",
    ),
    path("activities/<int:activity_id>/fed-back/", activity_feedback, name="activity-feedback"),
    path("activities/<int:activity_id>/staff-rating/", activity_rating, name="activity-rating"),
    path("activities/<int:activity_id>/slips/", activity_slips, name="activity-slips"),
    path("roles/", role_list, name="roles"),
    path("roles/new/", role_new, name="role-new"),
    path("roles/<int:role_id>/end/", role_end, name="role-end"),
]
