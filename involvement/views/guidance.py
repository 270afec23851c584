"""Involvement: the guidance library. Every member of staff reads it; involvement leads and
administrators write it (involvement/rules.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from accounts.decorators import allowed_if
from common.service_forms import posted, submit
from involvement import guidance_selectors as selectors
from involvement import guidance_services as services
from involvement import rules
from involvement.guidance_forms import GuidancePageForm
from involvement.guidance_text import guidance_html
from involvement.models import GuidancePage


def _page(slug: str) -> GuidancePage:
    try:
        return selectors.guidance_page(slug=slug)
    except GuidancePage.DoesNotExist:
        raise Http404 from None


def _helpers(request: HttpRequest) -> dict[str, Any]:
    return {
        "guidance_html": guidance_html,
        "kind_labels": selectors.kind_labels,
        "can_edit": rules.can_edit_guidance(request.user),
    }


@allowed_if(rules.can_read_guidance)
def guidance_list(request: HttpRequest) -> HttpResponse:
    pages = list(selectors.guidance_pages())
    return render(request, "involvement/guidance/list.html", {"pages": pages, **_helpers(request)})


@allowed_if(rules.can_read_guidance)
def guidance_page(request: HttpRequest, slug: str) -> HttpResponse:
    page = _page(slug)
    return render(request, "involvement/guidance/page.html", {"page": page, **_helpers(request)})


@allowed_if(rules.can_read_guidance)
def guidance_history(request: HttpRequest, slug: str) -> HttpResponse:
    page = _page(slug)
    versions = selectors.guidance_versions(page=page)
    return render(
        request, "involvement/guidance/history.html", {"page": page, "versions": versions, **_helpers(request)}
    )


def _form_data(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": data["title"],
        "summary": data["summary"],
        "body": data["body"],
        "for_kinds": list(data["for_kinds"]),
        "submission_id": data["submission_id"],
    }


@allowed_if(rules.can_edit_guidance)
def guidance_edit(request: HttpRequest, slug: str) -> HttpResponse:
    page = _page(slug)
    form = GuidancePageForm(
        posted(request),
        initial={
            "title": page.title,
            "summary": page.summary,
            "body": page.body,
            "for_kinds": page.for_kinds,
            "version": page.version,
        },
    )

    def save(data: dict[str, Any]) -> object:
        return services.guidance_page_update(
            acting_user=request.user, slug=slug, expected_version=data["version"], request=request, **_form_data(data)
        )

    if submit(request, form, save):
        messages.success(request, _("Page saved"))
        return redirect("involvement:guidance-page", slug=slug)
    current = _page(slug)
    opened = form["version"].value()
    # A refused stale save shows the version saved in between; the form now carries that version,
    # so saving again (after reading it) is a deliberate choice.
    stale = request.method == "POST" and str(opened) != str(current.version)
    context = {
        "page": current,
        "stale": stale,
        "version": current.version if stale else (opened or current.version),
        **_helpers(request),
    }
    return render(request, "involvement/guidance/edit.html", {"form": form, **context})


@allowed_if(rules.can_edit_guidance)
def guidance_new(request: HttpRequest) -> HttpResponse:
    form = GuidancePageForm(posted(request))
    made: list[GuidancePage] = []

    def save(data: dict[str, Any]) -> object:
        made.append(services.guidance_page_create(acting_user=request.user, request=request, **_form_data(data)))
        return made[-1]

    if submit(request, form, save):
        messages.success(request, _("Page added"))
        return redirect("involvement:guidance-page", slug=made[0].slug)
    return render(request, "involvement/guidance/edit.html", {"form": form, "page": None, **_helpers(request)})


urlpatterns: list[URLPattern] = [
    path("guidance/", guidance_list, name="guidance"),
    path("guidance/new/", guidance_new, name="guidance-new"),
    path("guidance/<slug:slug>/", guidance_page, name="guidance-page"),
    path("guidance/<slug:slug>/edit/", guidance_edit, name="guidance-edit"),
    path("guidance/<slug:slug>/history/", guidance_history, name="guidance-history"),
]
