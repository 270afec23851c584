"""An outsider on the internet sends what no kiosk would (issue 15, break 9; THREAT-MODEL.md: "a
500 ... must not"): every public way in that takes answers without signing in (the kiosks' JSON
endpoint, the survey without JavaScript, the families' form) answers hostile input with a 4xx and
stores nothing. These tests are that outsider: they post the bytes themselves, on SQLite and on
PostgreSQL (a JSON column there refuses a NUL character)."""

from __future__ import annotations

import json
import time
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from voice.constants import Audience, Channel, Eligibility
from voice.models import EligibilityToken, Response, SafeguardingAlert, SealedResponse
from voice.services import survey_create, survey_publish
from voice.tests.helpers import CHOICE_QUESTIONS, involvement_lead, published_survey
from voice.tests.test_kiosk_views import begin, payload, state_of, step

pytestmark = pytest.mark.django_db

HUGE = 2**70  # more than any database integer holds (SQLite and PostgreSQL stop at 2**63 - 1)
NUMBER_QUESTIONS = [*CHOICE_QUESTIONS, {"id": "visits", "type": "number", "text": {"en": "How many visits?"}}]


def stored() -> tuple[int, int, int, int]:
    """Everything a submission can write: a response, a sealed response, an alert, a pass spent."""
    return (
        Response.objects.count(),
        SealedResponse.objects.count(),
        SafeguardingAlert.objects.count(),
        EligibilityToken.objects.count(),
    )


def post_raw(raw: str | bytes):
    # A bare client: no cookie, no session, no CSRF token, as an outsider posts.
    return Client().post(reverse("voice:api-responses"), raw, content_type="application/json")


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    "make",
    [
        lambda s: json.dumps(payload(s, survey_id=HUGE)),
        lambda s: json.dumps(payload(s, version=HUGE)),
        lambda s: json.dumps(payload(s, survey_id=-HUGE, version=-HUGE)),
        lambda s: nested(100_000),
        lambda s: '{"answers": ' + nested(100_000) + "}",
        lambda s: '{"survey_id": ' + "1" * 5000 + "}",  # more digits than Python turns into a number
        lambda s: json.dumps(payload(s, answers={"overall": "good", "food": "yes", "overall_why": "a\x00b"})),
        lambda s: json.dumps(payload(s, answers={"overall": "good", "food": "yes", "overall_why": "\ud800"})),
        lambda s: json.dumps(payload(s, answers={"overall": "good", "food": "yes", "\ud800": "x"})),
        lambda s: json.dumps(payload(s, **{"pass": "\ud800"})),
        lambda s: json.dumps(payload(s, name_offer="\ud800")),
        lambda s: json.dumps(payload(s, language="\ud800")),
        lambda s: json.dumps(payload(s, submission_id="\ud800")),
        lambda s: json.dumps(payload(s, channel="\ud800")),
        lambda s: json.dumps(payload(s, answers={"overall": [[[[[[[[[[[[["good"]]]]]]]]]]]]], "food": "yes"})),
        lambda s: b'{"survey_id": 1, "answers": {"overall": "\xff"}}',  # not UTF-8
    ],
    ids=[
        "survey-id-2**70",
        "version-2**70",
        "negative-2**70",
        "100000-nested-brackets",
        "100000-nested-brackets-in-answers",
        "5000-digit-number",
        "nul-in-free-text",
        "lone-surrogate-in-free-text",
        "lone-surrogate-as-question-id",
        "lone-surrogate-as-pass",
        "lone-surrogate-as-name-offer",
        "lone-surrogate-as-language",
        "lone-surrogate-as-submission-id",
        "lone-surrogate-as-channel",
        "nested-lists-as-answer",
        "not-utf-8",
    ],
)
def test_the_kiosk_endpoint_answers_hostile_input_with_a_4xx_and_stores_nothing(make):
    survey = published_survey()
    before = stored()
    response = post_raw(make(survey))
    assert 400 <= response.status_code < 500, response.content[:300]
    assert response.json()["error"]
    assert stored() == before
    # And the endpoint still takes a good answer afterwards.
    assert post_raw(json.dumps(payload(survey))).status_code == 201


def test_an_organisation_numbered_2_to_the_70_is_refused():
    lead = involvement_lead()
    survey = survey_create(
        acting_user=lead, title="Anywhere", audience=Audience.IN_CUSTODY, eligibility=Eligibility.OPEN
    )
    survey_publish(acting_user=lead, survey_id=survey.pk)
    response = post_raw(json.dumps(payload(survey, organisation_id=HUGE, answers={"overall": "good"})))
    assert response.status_code == 400
    assert stored() == (0, 0, 0, 0)
    assert post_raw(json.dumps(payload(survey, answers={"overall": "good"}))).status_code == 201


def test_a_nul_is_refused_with_a_message_that_says_so_and_nothing_is_stored():
    survey = published_survey()
    answers = {"overall": "good", "food": "yes", "overall_why": "fine\x00"}
    response = post_raw(json.dumps(payload(survey, answers=answers)))
    assert response.status_code == 400
    assert "Question 2" in response.json()["error"]
    assert stored() == (0, 0, 0, 0)


def test_a_pass_that_is_not_a_pass_is_refused_on_a_one_per_person_survey():
    survey = published_survey(eligibility=Eligibility.ONE_PER_PERSON)
    for token, status in (("\ud800", 400), ("a\x00b", 409), ("x" * 10_000, 409)):
        response = post_raw(json.dumps(payload(survey, **{"pass": token})))
        assert response.status_code == status, token[:10]
    assert stored() == (0, 0, 0, 0)


@pytest.mark.parametrize("number", ["1e999999999", "-1e999999999", 10**400, "9" * 4000, "1e16"])
def test_an_enormous_number_is_refused_quickly(number):
    """A number with an exponent of a billion was turned into an integer of a billion digits: one
    request held a worker for as long as it took."""
    survey = published_survey(questions=NUMBER_QUESTIONS)
    answers = {"overall": "good", "food": "yes", "visits": number}
    started = time.monotonic()
    response = post_raw(json.dumps(payload(survey, answers=answers)))
    assert time.monotonic() - started < 2
    assert response.status_code == 400
    assert stored() == (0, 0, 0, 0)


def test_an_ordinary_number_is_still_taken():
    survey = published_survey(questions=NUMBER_QUESTIONS)
    response = post_raw(json.dumps(payload(survey, answers={"overall": "good", "food": "yes", "visits": 3})))
    assert response.status_code == 201


# The survey without JavaScript, and the families' form: the same answers by form fields.


def test_the_survey_without_javascript_refuses_a_nul_in_free_text_and_stores_nothing(client):
    survey = published_survey()
    page = begin(client, survey)
    page = step(client, survey, page, "start")
    page = step(client, survey, page, "next", "good")
    refused = step(client, survey, page, "next", "some\x00words")
    assert refused.status_code == 400
    assert "cannot be stored" in refused.content.decode()
    # The state it carries on holds no NUL, so submitting it cannot store one either.
    page = step(client, survey, refused, "next", "")
    page = step(client, survey, page, "next", "yes")
    done = step(client, survey, page, "submit")
    assert done.status_code == 200
    assert stored()[:2] in ((1, 0), (0, 1))


@pytest.mark.parametrize(
    "data",
    [
        {"go": "begin", "channel": Channel.KIOSK, "at": str(HUGE)},
        {"go": "begin", "channel": Channel.PUBLIC_WEB, "at": str(HUGE)},
        {"go": "begin", "channel": Channel.KIOSK, "at": "9" * 5000},
        {"go": "begin", "channel": "\x00", "at": "1"},
        {"go": "next", "state": "\x00"},
    ],
    ids=["kiosk-at-2**70", "families-at-2**70", "5000-digits", "nul-channel", "nul-state"],
)
def test_the_survey_without_javascript_refuses_hostile_places(client, data):
    survey = published_survey()
    response = client.post(reverse("voice:survey-answer", args=[survey.pk]), data)
    assert 400 <= response.status_code < 500
    assert stored() == (0, 0, 0, 0)


def test_a_survey_numbered_2_to_the_70_is_not_found(client):
    published_survey()
    for name in ("voice:survey-answer", "voice:survey-start"):
        url = reverse(name, args=[1]).replace("/1/", f"/{HUGE}/")
        response = client.post(url, {"go": "begin", "channel": "kiosk"}) if "answer" in name else client.get(url)
        assert response.status_code == 404, name
    assert client.get(reverse("voice:families"), {"at": str(HUGE)}).status_code == 400
    assert client.get(reverse("voice:kiosk", args=[1]).replace("/1/", f"/{HUGE}/")).status_code == 404


def test_the_families_form_refuses_a_nul_in_free_text(client):
    survey = published_survey(audience=Audience.FAMILIES)
    page = begin(client, survey, channel=Channel.PUBLIC_WEB)
    page = step(client, survey, page, "start")
    page = step(client, survey, page, "next", "good")
    refused = step(client, survey, page, "next", "\x00")
    assert refused.status_code == 400
    assert state_of(refused)
    assert stored() == (0, 0, 0, 0)


def test_replaying_a_stored_submission_with_a_huge_survey_id_is_still_refused():
    """A replay is recognised by its submission id; one with a version no database can hold is
    refused, not looked up."""
    survey = published_survey()
    body = payload(survey)
    assert post_raw(json.dumps(body)).status_code == 201
    body["version"] = HUGE
    response = post_raw(json.dumps(body))
    assert response.status_code in (200, 400)
    assert uuid.UUID(body["submission_id"])
