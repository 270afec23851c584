"""The families' and visitors' public web form (issue 5): it asks which prison the feedback is
about, stores that prison with the answers, and refuses an unknown one, changing nothing."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.urls import reverse

from tests.factories import DeliveryUnitFactory, EstablishmentFactory
from voice.constants import Audience, Channel
from voice.models import Response
from voice.tests.helpers import involvement_lead, published_survey

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def survey_about_no_prison(title: str = "Visiting day"):
    """A families' survey run by a prison's lead but about no one prison: the person says which."""
    survey = published_survey(lead=involvement_lead(), title=title, audience=Audience.FAMILIES)
    survey.about = None
    survey.save(update_fields=["about"])
    return survey


def state_of(response) -> str:
    found = re.search(r'name="state" value="([^"]+)"', response.content.decode())
    assert found, "the page carries no state"
    return found.group(1)


def test_the_form_first_asks_which_prison_from_the_active_prisons(client):
    here = EstablishmentFactory(name="HMP Testhaven North")
    EstablishmentFactory(name="HMP Closed Down", active=False)
    DeliveryUnitFactory(name="Testshire PDU")
    response = client.get(reverse("voice:families"))
    assert response.status_code == 200
    body = text(response)
    assert "Which prison is your feedback about?" in body
    assert "HMP Testhaven North" in body
    assert "HMP Closed Down" not in body and "Testshire PDU" not in body
    assert f'<option value="{here.pk}">' in response.content.decode()


@pytest.mark.parametrize("at", ["", "nonsense", "999999"])
def test_an_unknown_prison_is_refused_clearly(client, at):
    survey_about_no_prison()
    response = client.get(reverse("voice:families") + f"?at={at}")
    assert response.status_code == 400
    body = text(response)
    assert "There is a problem" in body and "Select the prison your feedback is about from the list" in body
    assert "Visiting day" not in body


def test_a_probation_office_is_not_a_prison(client):
    response = client.get(reverse("voice:families") + f"?at={DeliveryUnitFactory().pk}")
    assert response.status_code == 400


def test_the_chosen_prison_lists_its_families_surveys_and_carries_into_the_survey(client):
    survey = survey_about_no_prison()
    prison = EstablishmentFactory()
    response = client.get(reverse("voice:families") + f"?at={prison.pk}")
    assert response.status_code == 200
    assert "Visiting day" in text(response) and prison.name in text(response)
    start = reverse("voice:survey-start", args=[survey.pk]) + f"?channel=public_web&amp;at={prison.pk}"
    assert start in response.content.decode()
    page = client.get(reverse("voice:survey-start", args=[survey.pk]) + f"?channel=public_web&at={prison.pk}")
    data = json.loads(
        re.search(r'id="voice-survey-data" type="application/json">(.*?)</script>', page.content.decode(), re.S).group(
            1
        )
    )
    assert data["organisation_id"] == prison.pk
    assert data["home"] == reverse("voice:families") + f"?at={prison.pk}"


def test_a_survey_started_with_no_prison_asks_for_one(client):
    survey = survey_about_no_prison()
    response = client.get(reverse("voice:survey-start", args=[survey.pk]) + "?channel=public_web")
    assert response.status_code == 200
    assert "Which prison is your feedback about?" in text(response)
    assert 'name="channel" value="public_web"' in response.content.decode()


def test_without_javascript_the_answers_are_stored_with_the_chosen_prison(client):
    survey = survey_about_no_prison()
    prison = EstablishmentFactory()
    url = reverse("voice:survey-answer", args=[survey.pk])
    page = client.post(url, {"go": "begin", "channel": "public_web", "at": prison.pk, "language": "en"})
    for go, answer in (("start", None), ("next", "good"), ("next", ""), ("next", "yes")):
        data = {"go": go, "state": state_of(page)}
        if answer is not None:
            data["answer"] = answer
        page = client.post(url, data)
    assert "Check your answers" in text(page)
    thanks = client.post(url, {"go": "submit", "state": state_of(page)})
    assert thanks.status_code == 200
    stored = Response.objects.get()
    assert stored.organisation_id == prison.pk and stored.channel == Channel.PUBLIC_WEB


def test_without_javascript_a_begin_with_no_prison_is_refused_and_stores_nothing(client):
    survey = survey_about_no_prison()
    url = reverse("voice:survey-answer", args=[survey.pk])
    response = client.post(url, {"go": "begin", "channel": "public_web", "language": "en"})
    assert response.status_code == 400
    assert "Select the prison your feedback is about from the list" in text(response)
    assert Response.objects.count() == 0


def test_a_survey_about_one_prison_needs_no_choice_and_is_stored_with_it(client):
    survey = published_survey(audience=Audience.FAMILIES)
    page = client.get(reverse("voice:survey-start", args=[survey.pk]) + "?channel=public_web")
    assert page.status_code == 200 and f'name="at" value="{survey.about_id}"' in page.content.decode()


def payload(survey, organisation_id):
    return {
        "survey_id": survey.pk,
        "version": 1,
        "answers": {"overall": "good", "food": "yes"},
        "submission_id": str(uuid.uuid4()),
        "channel": Channel.PUBLIC_WEB,
        "organisation_id": organisation_id,
    }


@pytest.mark.parametrize("which", ["none", "unknown", "probation", "closed prison"])
def test_the_queue_refuses_families_feedback_about_no_known_prison(client, which):
    survey = survey_about_no_prison()
    organisation_id = {
        "none": lambda: None,
        "unknown": lambda: 999999,
        "probation": lambda: DeliveryUnitFactory().pk,
        "closed prison": lambda: EstablishmentFactory(active=False).pk,
    }[which]()
    response = client.post(
        reverse("voice:api-responses"), json.dumps(payload(survey, organisation_id)), content_type="application/json"
    )
    assert response.status_code == 400
    assert "prison" in response.json()["error"]
    assert Response.objects.count() == 0


def test_the_queue_stores_families_feedback_with_the_prison(client):
    survey = survey_about_no_prison()
    prison = EstablishmentFactory()
    response = client.post(
        reverse("voice:api-responses"), json.dumps(payload(survey, prison.pk)), content_type="application/json"
    )
    assert response.status_code == 201
    assert Response.objects.get().organisation_id == prison.pk
