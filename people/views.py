from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import rules
from accounts.constants import Role
from accounts.decorators import allowed_if
from audit.constants import Action
from audit.services import event_record
from common.links import url_for_id
from common.pagination import CountedPaginator
from people import selectors, services
from people.forms import PersonRecordForm, PersonSearchForm
from people.models import ServiceUser
from people.panels import render_panels
from people.rules import can_see_protected_characteristics

PAGE_SIZE = 25  # a screenful: long tables are hard to scan and to read aloud


@allowed_if(rules.can_view_people)
def person_list(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    # A probation practitioner's list opens on their own cases (their caseload), with everyone
    # their unit supervises a link away; a search looks through everyone they may see.
    tabs = request.user.role == Role.PROBATION_PRACTITIONER and selectors.has_own_cases(user=request.user)
    own_only = tabs and request.GET.get("show") != "all" and not search
    people = selectors.person_list_for_user(user=request.user, search=search, own_cases_only=own_only)
    count = selectors.person_count_for_user(user=request.user, search=search, own_cases_only=own_only)
    page = CountedPaginator(people, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    if search:
        # Searching for someone by identifier is itself a look-up of their record.
        event_record(
            actor=request.user,
            action=Action.SEARCH,
            record_type="person",
            summary=f"Searched for {search!r}",
            request=request,
        )
    return render(
        request,
        "people/list.html",
        {
            "search_form": form,
            "search": search,
            "page": page,
            "rows": _list_rows(list(page)),
            "can_record_person": rules.can_record_person(request.user),
            "tabs": tabs and not search,
            "own_only": own_only,
        },
    )


def _list_rows(people: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each row of a page of the list, with its link and where the person is now. The link is
    reversed and the labels translated once a page, not once a row: either costs as much as the
    rest of a row."""
    places = selectors.person_placements(person_ids=[person["pk"] for person in people])
    detail_url = url_for_id("people:detail")
    in_custody, supervised = _("In custody at %(prison)s"), _("Supervised by %(unit)s")
    rows = []
    for person in people:
        prison, unit = places[person["pk"]]
        where = [in_custody % {"prison": prison}] if prison else []
        if unit:
            where.append(supervised % {"unit": unit})
        rows.append({**person, "url": detail_url(person["pk"]), "where": "; ".join(where)})
    return rows


def _asks_for(role: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the questions about where the person is, those of them that must be answered) for a role."""
    if role == Role.PRISON_STAFF:
        return ("received_on",), ("received_on",)
    if role == Role.PROBATION_PRACTITIONER:
        return ("probation_started_on",), ("probation_started_on",)
    return ("establishment_code", "received_on"), ()


@allowed_if(rules.can_record_person)
def person_new(request: HttpRequest) -> HttpResponse:
    asks, requires = _asks_for(request.user.role)
    form = PersonRecordForm(request.POST if request.method == "POST" else None, asks=asks, requires=requires)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_record(
                acting_user=request.user,
                details=services.PersonDetails(
                    given_name=data["given_name"],
                    family_name=data["family_name"],
                    date_of_birth=data["date_of_birth"],
                    prison_number=data["prison_number"],
                    crn=data["crn"],
                    pnc_number=data["pnc_number"],
                ),
                received_on=data.get("received_on"),
                establishment_code=data.get("establishment_code", ""),
                probation_started_on=data.get("probation_started_on"),
                request=request,
            )
        except ValidationError as e:
            for field, errors in e.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("%(name)s has been recorded") % {"name": person.full_name})
            return redirect("people:detail", person_id=person.pk)
    return render(request, "people/new.html", {"form": form})


@allowed_if(rules.can_view_people)
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    try:
        person = services.person_open(acting_user=request.user, person_id=person_id, request=request)
    except ServiceUser.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "custody": selectors.person_custody_history(person=person),
            "probation": selectors.person_probation_history(person=person),
            "panels": render_panels(request, person),
            "shows_characteristics": can_see_protected_characteristics(request.user),
        },
    )
