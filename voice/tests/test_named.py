"""Named feedback (issue 5): a person signed in to their own view may choose to give their name
with their answers, "so staff can tell me what happens". Anonymous is the default; the name is
stored only when chosen; the privacy promise says so; a name that was not offered is refused."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.core import signing
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import CustodyEpisodeFactory
from voice.constants import Channel
from voice.models import Response
from voice.selectors import version_current
from voice.tests.helpers import published_survey
from voice.views.kiosk_names import NAME_SALT, name_offer_for, named_person_from
from voice.views.kiosk_pages import start_page
from voice.views.kiosk_place import Place

pytestmark = pytest.mark.django_db

CHOICE = "Give my name so staff can tell me what happens"
PROMISE = "At the end you can choose to give your name"


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def data_of(response) -> dict:
    found = re.search(r'id="voice-survey-data" type="application/json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(found.group(1))


@pytest.fixture
def survey():
    return published_survey()


@pytest.fixture
def person(survey):
    return CustodyEpisodeFactory(establishment=survey.about).person


def start(survey, **kwargs):
    place = Place(channel=Channel.KIOSK, organisation=survey.about)
    request = RequestFactory().post("/my-plan/surveys/take/")
    return start_page(request, survey, version_current(survey), place, **kwargs)


def to_check(client, survey, *, name_offer=None):
    url = reverse("voice:survey-answer", args=[survey.pk])
    data = {"go": "begin", "channel": "kiosk", "at": survey.about_id, "language": "en"}
    if name_offer:
        data["name_offer"] = name_offer
    page = client.post(url, data)
    for go, answer in (("start", None), ("next", "good"), ("next", ""), ("next", "yes")):
        step = {"go": go, **form_of(page)}
        if answer is not None:
            step["answer"] = answer
        page = client.post(url, step)
    assert "Check your answers" in text(page)
    return page


def form_of(page) -> dict[str, str]:
    """The page's hidden fields, as a browser sends them back: the state, and the sealed name
    offer, which travels apart from the answers (issue 15, break 3)."""
    return dict(re.findall(r'<input type="hidden" name="(state|name_offer)" value="([^"]*)"', page.content.decode()))


def send(client, survey, page, **extra):
    return client.post(reverse("voice:survey-answer", args=[survey.pk]), {"go": "submit", **form_of(page), **extra})


def test_the_start_page_offers_the_choice_only_to_a_signed_in_person(survey, person):
    offered = start(survey, named_person_id=person.pk)
    data = data_of(offered)
    assert named_person_from(data["name_offer"]) == person.pk
    assert f'name="name_offer" value="{data["name_offer"]}"' in offered.content.decode()
    assert any(PROMISE in line for line in data["languages"]["en"]["promise_named"])
    assert not any(PROMISE in line for line in data["languages"]["en"]["promise"])
    assert data["languages"]["en"]["words"]["give_name"] == CHOICE

    anonymous = data_of(start(survey))
    assert anonymous["name_offer"] is None
    assert 'name="name_offer"' not in start(survey).content.decode()


def test_the_promise_and_the_check_screen_show_the_choice(client, survey, person):
    url = reverse("voice:survey-answer", args=[survey.pk])
    promise = client.post(
        url,
        {
            "go": "begin",
            "channel": "kiosk",
            "at": survey.about_id,
            "language": "en",
            "name_offer": name_offer_for(person.pk),
        },
    )
    assert PROMISE in text(promise) and "anonymous unless you choose to give your name" in text(promise)
    check = to_check(client, survey, name_offer=name_offer_for(person.pk))
    assert CHOICE in text(check)
    assert 'name="named" type="checkbox" value="yes">' in check.content.decode()  # not ticked: anonymous


def test_without_the_offer_there_is_no_choice(client, survey):
    check = to_check(client, survey)
    assert CHOICE not in text(check)
    # Ticking a box that was not offered names no one.
    send(client, survey, check, named="yes")
    assert Response.objects.get().named_person_id is None


def test_left_unticked_the_answers_are_anonymous(client, survey, person):
    check = to_check(client, survey, name_offer=name_offer_for(person.pk))
    thanks = send(client, survey, check)
    assert thanks.status_code == 200 and "You gave your name" not in text(thanks)
    assert Response.objects.get().named_person_id is None


def test_ticked_the_answers_carry_the_persons_name(client, survey, person):
    check = to_check(client, survey, name_offer=name_offer_for(person.pk))
    thanks = send(client, survey, check, named="yes")
    assert thanks.status_code == 200
    assert "You gave your name, so staff can tell you what happens" in text(thanks)
    assert Response.objects.get().named_person_id == person.pk


@pytest.mark.parametrize(
    "offer",
    [
        lambda pk: signing.dumps(pk, salt="another.salt"),
        lambda pk: "not-a-signed-value",
        lambda pk: signing.dumps("x", salt=NAME_SALT),
    ],
)
def test_a_name_not_offered_by_the_service_is_refused_and_nothing_is_stored(client, survey, person, offer):
    check = to_check(client, survey, name_offer=offer(person.pk))
    refused = send(client, survey, check, named="yes")
    assert refused.status_code == 400
    assert "Your name could not be added to your answers" in text(refused)
    assert Response.objects.count() == 0


def payload(survey, **extra):
    return {
        "survey_id": survey.pk,
        "version": 1,
        "answers": {"overall": "good", "food": "yes"},
        "submission_id": str(uuid.uuid4()),
        "channel": Channel.KIOSK,
        "organisation_id": survey.about_id,
        **extra,
    }


def post(client, body):
    return client.post(reverse("voice:api-responses"), json.dumps(body), content_type="application/json")


def test_the_queue_stores_the_name_only_when_sent(client, survey, person):
    assert post(client, payload(survey)).status_code == 201
    assert post(client, payload(survey, name_offer=name_offer_for(person.pk))).status_code == 201
    assert sorted(Response.objects.values_list("named_person_id", flat=True), key=str) == sorted(
        [None, person.pk], key=str
    )


def test_the_queue_refuses_a_forged_name(client, survey, person):
    response = post(client, payload(survey, name_offer=signing.dumps(person.pk, salt="another.salt")))
    assert response.status_code == 400 and response.json()["code"] == "name"
    assert Response.objects.count() == 0
