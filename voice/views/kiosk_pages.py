"""The pages that list the surveys at a place (a kiosk, a phone, the visits hall, the families'
web form and its choice of prison) and the first page of a survey, which kiosk.js takes over on
the device; without JavaScript the survey goes on in voice/views/kiosk_survey.py."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import json_script
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_GET

from organisations.constants import OrganisationKind
from organisations.models import Organisation
from voice import selectors
from voice.constants import Audience, Channel, Eligibility
from voice.models import Survey, SurveyVersion
from voice.views.kiosk_names import name_offer_for
from voice.views.kiosk_offline import kept_offline
from voice.views.kiosk_place import LANGUAGE_NAMES, Place, place_from, prison_from, service_from, survey_data

# The language of the pages before a survey. Once a survey has begun, its pages are in the
# language chosen on its start page (one the survey is written in), carried in the survey's state.


def known_language(code: Any) -> str | None:
    """A language other than English that we have the words for, or None (English, the default)."""
    return code if code in LANGUAGE_NAMES and code != "en" else None


def language_from(request: HttpRequest) -> str | None:
    """The language a person chose for the pages before a survey: `lang` in the address, carried
    from page to page."""
    return known_language(request.GET.get("lang"))


def in_language(language: str | None) -> AbstractContextManager[Any]:
    """Show a page in the language, or in the default one when it is None."""
    return override(language) if language else nullcontext()


def _with_language(params: dict[str, Any], language: str | None) -> dict[str, Any]:
    return {**params, "lang": language} if language else params


# Pages that list the surveys at a place.


def _listing(request: HttpRequest, place: Place, surveys: Any) -> HttpResponse:
    surveys = list(surveys)
    language = language_from(request)
    rows = [
        {
            "survey": s,
            "needs_pass": s.eligibility == Eligibility.ONE_PER_PERSON,
            "start": reverse("voice:survey-start", args=[s.pk])
            + f"?channel={place.channel}"
            + (f"&at={place.organisation_id}" if place.organisation_id else "")
            + (f"&lang={language}" if language else ""),
        }
        for s in surveys
    ]
    with in_language(language):
        return render(
            request,
            "voice/kiosk/list.html",
            {"place": place, "rows": rows, "is_kiosk": place.shared, "sign_in_url": sign_in_url(place)},
        )


def sign_in_url(place: Place) -> str:
    # The person's own view is another app; voice only links to it by name, never imports it.
    return reverse("myplan:sign-in") + ("?kiosk=1" if place.shared else "")


@kept_offline
@require_GET
def kiosk(request: HttpRequest, organisation_id: int) -> HttpResponse:
    place = Place(channel=Channel.KIOSK, organisation=service_from(organisation_id))
    return _listing(
        request, place, selectors.surveys_open_at(organisation=place.organisation, audiences=place.audiences())
    )


@kept_offline
@require_GET
def phone(request: HttpRequest, organisation_id: int) -> HttpResponse:
    place = Place(channel=Channel.PHONE, organisation=service_from(organisation_id))
    return _listing(
        request, place, selectors.surveys_open_at(organisation=place.organisation, audiences=place.audiences())
    )


@kept_offline
@require_GET
def visits(request: HttpRequest, organisation_id: int) -> HttpResponse:
    place = Place(channel=Channel.VISITS_KIOSK, organisation=service_from(organisation_id))
    return _listing(
        request, place, selectors.surveys_open_at(organisation=place.organisation, audiences=(Audience.FAMILIES,))
    )


def choose_prison(
    request: HttpRequest,
    *,
    action: str,
    refused: bool = False,
    hidden: dict[str, str] | None = None,
    language: str | None = None,
) -> HttpResponse:
    """Ask families and visitors which prison their feedback is about: a form that works without
    JavaScript (GET, so the answer is in the address of the next page and nothing is stored). It is
    offered in Welsh as well as English (`lang`); the language chosen goes on to the next page."""
    prisons = Organisation.objects.filter(active=True, kind=OrganisationKind.ESTABLISHMENT).order_by("name", "pk")
    hidden = hidden or {}
    other_languages = []
    for code, name in LANGUAGE_NAMES.items():
        if code != (language or "en"):
            query = urlencode(_with_language(hidden, known_language(code)))
            other_languages.append((code, name, f"{action}?{query}" if query else action))
    with in_language(language):
        return render(
            request,
            "voice/kiosk/choose_prison.html",
            {
                "place": Place(channel=Channel.PUBLIC_WEB, organisation=None),
                "prisons": list(prisons.values_list("pk", "name")),
                "action": action,
                "hidden": _with_language(hidden, language),
                "error": _prison_refused() if refused else None,
                "chosen": request.GET.get("at", ""),
                "other_languages": other_languages,
                "is_kiosk": False,
            },
            status=400 if refused else 200,
        )


def _prison_refused() -> str:
    return _("Select the prison your feedback is about from the list")


@kept_offline
@require_GET
def families(request: HttpRequest) -> HttpResponse:
    """The families' and visitors' public web form: first which prison the feedback is about, then
    the families' surveys there. The prison chosen is stored with the answers (voice.Response's
    organisation); an unknown one is refused with a message."""
    language = language_from(request)
    if "at" not in request.GET:
        return choose_prison(request, action=reverse("voice:families"), language=language)
    prison = prison_from(request.GET["at"])
    if prison is None:
        return choose_prison(request, action=reverse("voice:families"), refused=True, language=language)
    place = Place(channel=Channel.PUBLIC_WEB, organisation=prison)
    return _listing(request, place, selectors.surveys_open_at(organisation=prison, audiences=(Audience.FAMILIES,)))


# One survey.


def open_survey(survey_id: Any, place: Place) -> tuple[Survey, SurveyVersion] | None:
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None or not place.offers(survey):
        raise Http404
    version = selectors.version_current(survey)
    if version is None or not selectors.survey_is_open(survey):
        return None
    return survey, version


def closed_page(request: HttpRequest, place: Place) -> HttpResponse:
    return render(request, "voice/kiosk/closed.html", {"place": place, "is_kiosk": place.shared}, status=410)


def start_page(
    request: HttpRequest,
    survey: Survey,
    version: SurveyVersion,
    place: Place,
    *,
    token: str | None = None,
    named_person_id: int | None = None,
    language: str | None = None,
) -> HttpResponse:
    """The first page of a survey: language and reading choice. kiosk.js runs the rest on the
    device; without it, the form starts the survey on the server. Also drawn by the person's own
    view (myplan) with their one-time pass, which travels only in the page (never the URL), and
    with `named_person_id` so that they may choose to give their name (anonymous unless they do).
    A `language` chosen on the pages before is chosen here too when the survey is written in it
    (and the page shown in it); otherwise the page offers the survey's first language."""
    name_offer = name_offer_for(named_person_id) if named_person_id is not None else None
    data = survey_data(survey, version, place, token, name_offer)
    languages = list(data["languages"])
    chosen = language if language in languages else languages[0]
    with in_language(chosen if language else None):
        return render(
            request,
            "voice/kiosk/start.html",
            {
                "place": place,
                "survey": survey,
                "version": version,
                "languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in languages],
                "chosen": chosen,
                "token": token,
                "name_offer": name_offer,
                "data_script": json_script(data, "voice-survey-data"),
                "is_kiosk": place.shared,
                "state": None,
            },
        )


def choose_prison_to_start(
    request: HttpRequest, survey: Survey, *, language: str | None, refused: bool = False
) -> HttpResponse:
    """Ask which prison a families' survey is about, the answer going on to its start page."""
    return choose_prison(
        request,
        action=reverse("voice:survey-start", args=[survey.pk]),
        hidden={"channel": Channel.PUBLIC_WEB},
        refused=refused,
        language=language,
    )


def families_place(survey: Survey, place: Place) -> Place | None:
    """On the families' web form the answers must say which prison they are about: the one the
    person chose, else the one the survey is about; None when neither is known yet."""
    if place.channel != Channel.PUBLIC_WEB or place.organisation is not None:
        return place
    about = prison_from(survey.about_id) if survey.about_id else None
    return Place(channel=place.channel, organisation=about) if about else None


@kept_offline
@require_GET
def survey_start(request: HttpRequest, survey_id: int) -> HttpResponse:
    language = language_from(request)
    place = place_from(request.GET.get("channel", Channel.PUBLIC_WEB), request.GET.get("at"))
    found = open_survey(survey_id, place)
    if found is None:
        with in_language(language):
            return closed_page(request, place)
    survey, version = found
    chosen = families_place(survey, place)
    if chosen is None:
        return choose_prison_to_start(request, survey, language=language)
    place = chosen
    if survey.eligibility == Eligibility.ONE_PER_PERSON:
        with in_language(language):
            return render(
                request,
                "voice/kiosk/sign_in_first.html",
                {"place": place, "survey": survey, "sign_in_url": sign_in_url(place), "is_kiosk": place.shared},
            )
    return start_page(request, survey, version, place, language=language)
