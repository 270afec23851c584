"""The person-facing side of feedback and surveys: kiosks at a service, the person's own phone,
the families' public web form and the visits-hall kiosk.

Every page here is open to anyone and names no one. A survey runs two ways:
- without JavaScript, one question per screen on the server (voice/views/kiosk_survey.py). What
  the person has answered so far travels in a signed value in a hidden field of the page (`state`),
  never in a session: nothing on the server links the answers to a browser, and nothing is left
  once the page is gone;
- with JavaScript (voice/static/voice/kiosk.js), the whole survey runs on the device from the
  definition embedded in the start page as JSON, and the answers are queued on the device and sent
  to `api-responses` (voice/views/kiosk_api.py) until the server has them, each exactly once (the
  submission id).

The views are in modules named for what they do; this one gathers their URLs, and the names other
code uses (the person's own view, myplan, draws a survey's start page with `start_page`):
- kiosk_place.py: where a survey is taken (`Place`), the idle time of a shared device, the privacy
  promise and the words and data kiosk.js runs a survey from;
- kiosk_names.py: the signed offer that lets a signed-in person give their name with their answers;
- kiosk_pages.py: the lists of surveys at a place, the families' choice of prison, a survey's
  start page;
- kiosk_survey.py: a survey without JavaScript, one question per screen;
- kiosk_api.py: the endpoint a kiosk's queue sends answers to;
- kiosk_offline.py: the service worker that keeps survey pages on the device for use offline.

The pages have a prefix of their own, /voice/have-your-say/ (`KIOSK_PREFIX`), the scope of the
service worker, which no staff page shares (docs/decisions.md 27). Their earlier addresses directly
under /voice/ send the browser on, with its query and, for a form, its POST (308).

Views are thin: the rules are in voice/definition.py, voice/selectors.py and voice/services.py."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import URLPattern, URLResolver, include, path, reverse
from django.views.decorators.csrf import csrf_exempt

from voice.views.kiosk_api import api_responses
from voice.views.kiosk_names import NAME_SALT, NameRefused, name_offer_for, named_person_from
from voice.views.kiosk_offline import KIOSK_PREFIX, retired_service_worker, service_worker
from voice.views.kiosk_pages import families, kiosk, phone, start_page, survey_start, visits
from voice.views.kiosk_place import Place, idle_seconds, place_from, privacy_promise, survey_data
from voice.views.kiosk_survey import survey_answer

__all__ = [
    "NAME_SALT",
    "NameRefused",
    "Place",
    "idle_seconds",
    "name_offer_for",
    "named_person_from",
    "place_from",
    "privacy_promise",
    "start_page",
    "survey_data",
    "urlpatterns",
]

# The kiosk's pages, under KIOSK_PREFIX: the service worker's scope.
pages: list[URLPattern] = [
    path("kiosk/<int:organisation_id>/", kiosk, name="kiosk"),
    path("services/<int:organisation_id>/", phone, name="phone"),
    path("visits/<int:organisation_id>/", visits, name="visits"),
    path("families/", families, name="families"),
    path("surveys/<int:survey_id>/start/", survey_start, name="survey-start"),
    path("surveys/<int:survey_id>/answer/", survey_answer, name="survey-answer"),
    path("sw.js", service_worker, name="service-worker"),
]


def moved_to(name: str) -> Any:
    """The page's earlier address, directly under /voice/: kiosks and printed links may still use
    it. 308 keeps the method and body, so a no-JavaScript survey page loaded before the move can
    still send its answers; the CSRF check is the new address's own."""

    @csrf_exempt
    def moved(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        target = reverse(f"voice:{name}", kwargs=kwargs) + (f"?{query}" if query else "")
        return HttpResponsePermanentRedirect(target, preserve_request=True)

    return moved


urlpatterns: list[URLPattern | URLResolver] = [
    # First: the kiosks' queues send every answer here, and Django tries each pattern in turn.
    path("api/responses/", api_responses, name="api-responses"),
    path(KIOSK_PREFIX, include(pages)),
    # The earlier addresses (unnamed, so nothing new links to them).
    *(
        path(old, moved_to(name))
        for old, name in (
            ("kiosk/<int:organisation_id>/", "kiosk"),
            ("services/<int:organisation_id>/", "phone"),
            ("visits/<int:organisation_id>/", "visits"),
            ("families/", "families"),
            ("surveys/<int:survey_id>/start/", "survey-start"),
            ("surveys/<int:survey_id>/answer/", "survey-answer"),
        )
    ),
    # The worker that answered for all of /voice/: what replaces it where it is still registered.
    path("sw.js", retired_service_worker),
]
