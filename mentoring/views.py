from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.decorators import allowed_if
from common.service_forms import form_page, posted
from mentoring import rules, selectors, services
from mentoring.constants import ContactMethod, ContactOutcome, ContactRating, ContactSetting, EndReason, MentoringFlag
from mentoring.forms import AllocationForm, ContactForm, EndForm, MentorForm, MentorUnavailableForm, yes_no
from mentoring.models import Allocation, Mentor
from people.models import ServiceUser
from people.services import person_open

LABELS = {
    "method": dict(ContactMethod.choices),
    "setting": dict(ContactSetting.choices),
    "outcome": dict(ContactOutcome.choices),
    "rating": dict(ContactRating.choices),
    "reason": dict(EndReason.choices),
    "flag": dict(MentoringFlag.choices),
}


def person_panel(request: HttpRequest, person: ServiceUser) -> str:
    """The mentoring part of a person's page, as the viewer may see it."""
    user = request.user
    if not (rules.can_view_all_mentoring(user) or rules.can_view_mentoring_caseload(user)):
        return ""
    mentoring = selectors.person_mentoring(person=person, viewer=user, today=timezone.localdate())
    return render_to_string(
        "mentoring/_person_panel.html",
        {
            "person": person,
            "mentoring": mentoring,
            "labels": LABELS,
            "can_allocate": rules.can_allocate_mentor(user),
            "can_record_contact": rules.can_record_contact(user),
            "can_end": rules.can_end_allocation(user),
        },
        request=request,
    )


def _open(request: HttpRequest, person_id: int) -> ServiceUser:
    """A page about one person: the read is audited, and anyone out of scope gets 404."""
    try:
        return person_open(acting_user=request.user, person_id=person_id, request=request)
    except ServiceUser.DoesNotExist:
        raise Http404 from None


def _allocation(request: HttpRequest, person: ServiceUser, allocation_id: int) -> Allocation:
    """One of the person's allocations that the user may see (a partner: only its own)."""
    return get_object_or_404(
        Allocation.objects.filter(selectors.allocations_visible_to(viewer=request.user)).select_related(
            "mentor__organisation"
        ),
        pk=allocation_id,
        person=person,
    )


def _person_url(person: ServiceUser) -> str:
    return reverse("people:detail", args=[person.pk]) + "#mentoring"


@allowed_if(rules.can_allocate_mentor)
def allocate(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _open(request, person_id)
    form = AllocationForm(posted(request), mentors=list(selectors.mentors_available()))

    def save(data: dict[str, Any]) -> object:
        return services.allocation_add(
            acting_user=request.user,
            person_id=person.pk,
            mentor_id=data["mentor"],
            started_on=data["started_on"],
            goals=data["goals"],
            consent=yes_no(data["consent"]),
            submission_id=data["submission_id"],
            request=request,
        )

    return form_page(
        request,
        form=form,
        save=save,
        done=_("Mentor allocated"),
        back=_person_url(person),
        template="mentoring/allocate.html",
        context={"person": person},
    )


@allowed_if(rules.can_record_contact)
def contact_new(request: HttpRequest, person_id: int, allocation_id: int) -> HttpResponse:
    person = _open(request, person_id)
    allocation = _allocation(request, person, allocation_id)
    form = ContactForm(posted(request))

    def save(data: dict[str, Any]) -> object:
        return services.contact_record(
            acting_user=request.user,
            person_id=person.pk,
            allocation_id=allocation.pk,
            contact_on=data["contact_on"],
            method=data["method"],
            setting=data["setting"],
            outcome=data["outcome"],
            note=data["note"],
            rating=data["rating"],
            submission_id=data["submission_id"],
            request=request,
        )

    return form_page(
        request,
        form=form,
        save=save,
        done=_("Contact recorded"),
        back=_person_url(person),
        template="mentoring/contact_new.html",
        context={"person": person, "allocation": allocation},
    )


@allowed_if(rules.can_end_allocation)
def end(request: HttpRequest, person_id: int, allocation_id: int) -> HttpResponse:
    person = _open(request, person_id)
    allocation = _allocation(request, person, allocation_id)
    form = EndForm(posted(request))

    def save(data: dict[str, Any]) -> object:
        return services.allocation_end(
            acting_user=request.user,
            person_id=person.pk,
            allocation_id=allocation.pk,
            ended_on=data["ended_on"],
            reason=data["reason"],
            note=data["note"],
            request=request,
        )

    return form_page(
        request,
        form=form,
        save=save,
        done=_("Mentoring ended"),
        back=_person_url(person),
        template="mentoring/end.html",
        context={"person": person, "allocation": allocation},
    )


@allowed_if(rules.can_view_mentoring_caseload)
def caseload(request: HttpRequest) -> HttpResponse:
    """The organisation's mentees, with who has gone 4 weeks or more without a contact; for a prison,
    also who is due for release soon with no mentor."""
    today = timezone.localdate()
    user = request.user
    rows = selectors.caseload_for_organisation(organisation_id=user.organisation_id, today=today)
    release_soon = (
        list(selectors.release_soon_without_mentor(prison_id=user.organisation_id, today=today)[:100])
        if user.role == Role.PRISON_STAFF
        else []
    )
    return render(
        request,
        "mentoring/caseload.html",
        {
            "active": [r for r in rows if r.allocation.is_active],
            "ended": [r for r in rows if not r.allocation.is_active],
            "release_soon": release_soon,
            "is_prison": user.role == Role.PRISON_STAFF,
            "labels": LABELS,
        },
    )


@allowed_if(rules.can_manage_mentors)
def mentor_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "mentoring/mentors.html",
        {"mentors": selectors.mentors_for_organisation(organisation_id=request.user.organisation_id)},
    )


@allowed_if(rules.can_manage_mentors)
def mentor_new(request: HttpRequest) -> HttpResponse:
    form = MentorForm(posted(request), organisation_id=request.user.organisation_id)

    def save(data: dict[str, Any]) -> object:
        return services.mentor_add(
            acting_user=request.user,
            name=data["name"],
            kind=data["kind"],
            lived_experience=yes_no(data["lived_experience"]),
            user_id=data["user"],
            submission_id=data["submission_id"],
            request=request,
        )

    return form_page(
        request,
        form=form,
        save=save,
        done=_("Mentor added"),
        back=reverse("mentoring:mentors"),
        template="mentoring/mentor_new.html",
        context={},
    )


@allowed_if(rules.can_manage_mentors)
def mentor_unavailable(request: HttpRequest, mentor_id: int) -> HttpResponse:
    mentor = get_object_or_404(Mentor, pk=mentor_id, organisation_id=request.user.organisation_id)
    form = MentorUnavailableForm(posted(request))

    def save(data: dict[str, Any]) -> object:
        return services.mentor_mark_unavailable(
            acting_user=request.user, mentor_id=mentor.pk, reason=data["reason"], request=request
        )

    return form_page(
        request,
        form=form,
        save=save,
        done=_("%(name)s is marked as unavailable") % {"name": mentor.name},
        back=reverse("mentoring:mentors"),
        template="mentoring/mentor_unavailable.html",
        context={"mentor": mentor, "active_count": mentor.allocations.filter(ended_on__isnull=True).count()},
    )
