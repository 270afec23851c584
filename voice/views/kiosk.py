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

Views are thin: the rules are in voice/definition.py, voice/selectors.py and voice/services.py."""

from __future__ import annotations

from django.urls import URLPattern, path

from voice.views.kiosk_api import api_responses
from voice.views.kiosk_names import NAME_SALT, NameRefused, name_offer_for, named_person_from
from voice.views.kiosk_offline import service_worker
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

urlpatterns: list[URLPattern] = [
    # First: the kiosks' queues send every answer here, and Django tries each pattern in turn.
    path("api/responses/", api_responses, name="api-responses"),
    path("kiosk/<int:organisation_id>/", kiosk, name="kiosk"),
    path("services/<int:organisation_id>/", phone, name="phone"),
    path("visits/<int:organisation_id>/", visits, name="visits"),
    path("families/", families, name="families"),
    path("surveys/<int:survey_id>/start/", survey_start, name="survey-start"),
    path("surveys/<int:survey_id>/answer/", survey_answer, name="survey-answer"),
    path("sw.js", service_worker, name="service-worker"),
]
