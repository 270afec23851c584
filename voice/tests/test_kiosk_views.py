"""The person-facing survey pages (voice/views/kiosk*.py): the survey without JavaScript, one
question per screen on the server; the JSON endpoint a kiosk's queue sends to; the service
worker; and Welsh."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.urls import reverse

from tests.factories import DeliveryUnitFactory
from voice import services
from voice.constants import Audience, Channel, Eligibility
from voice.models import EligibilitySpend, EligibilityToken, Response
from voice.tests.helpers import involvement_lead, published_survey

pytestmark = pytest.mark.django_db

# The Welsh catalogue is compiled for every voice test (voice/tests/conftest.py).


def state_of(response) -> str:
    found = re.search(r'name="state" value="([^"]+)"', response.content.decode())
    assert found, "the page carries no state"
    return found.group(1)


def begin(client, survey, *, language="en", reading="plain", channel=Channel.KIOSK, token=None):
    data = {"go": "begin", "channel": channel, "at": survey.about_id, "language": language, "reading": reading}
    if token:
        data["pass"] = token
    response = client.post(reverse("voice:survey-answer", args=[survey.pk]), data)
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def step(client, survey, response, go, answer=None):
    data = {"go": go, "state": state_of(response)}
    if answer is not None:
        data["answer"] = answer
    return client.post(reverse("voice:survey-answer", args=[survey.pk]), data)


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# Listing and starting.


def test_the_kiosk_lists_the_open_surveys_at_its_service_only():
    lead = involvement_lead()
    here = published_survey(lead=lead, title="Life on the wing")
    published_survey(title="Another prison's survey")
    published_survey(lead=lead, title="For families", audience=Audience.FAMILIES)
    response = Client_get(reverse("voice:kiosk", args=[lead.organisation_id]))
    body = text(response)
    assert "Life on the wing" in body
    assert "Another prison's survey" not in body and "For families" not in body
    assert reverse("voice:survey-start", args=[here.pk]) in response.content.decode()


def Client_get(url):  # noqa: N802 - a tiny helper for one anonymous GET
    from django.test import Client

    response = Client().get(url)
    assert response.status_code == 200
    return response


def test_the_families_form_and_visits_kiosk_list_family_surveys():
    lead = involvement_lead()
    published_survey(lead=lead, title="Visiting day", audience=Audience.FAMILIES)
    published_survey(lead=lead, title="Life on the wing")
    families = reverse("voice:families") + f"?at={lead.organisation_id}"
    for url in (families, reverse("voice:visits", args=[lead.organisation_id])):
        body = text(Client_get(url))
        assert "Visiting day" in body and "Life on the wing" not in body


def test_the_start_page_embeds_the_survey_safely_and_offers_welsh(client):
    survey = published_survey()
    response = client.get(reverse("voice:survey-start", args=[survey.pk]) + f"?channel=kiosk&at={survey.about_id}")
    assert response.status_code == 200
    page = response.content.decode()
    found = re.search(r'<script id="voice-survey-data" type="application/json">(.*?)</script>', page, re.S)
    data = json.loads(found.group(1))
    assert set(data["languages"]) == {"en", "cy"}
    assert data["languages"]["en"]["questions"][0]["options"][0] == {
        "value": "very_good",
        "text": "Very good",
        "easy_read": "Very good",
        "face": "😄",
    }
    assert data["pass"] is None
    assert 'lang="cy">Cymraeg' in page
    # No inline script of our own: the JSON is data, the code comes from kiosk.js.
    assert len(re.findall(r"<script(?![^>]*(src=|application/json|nonce=))", page)) == 0


def test_a_one_per_person_survey_cannot_be_started_without_signing_in(client):
    survey = published_survey(eligibility=Eligibility.ONE_PER_PERSON)
    url = reverse("voice:survey-start", args=[survey.pk]) + f"?channel=kiosk&at={survey.about_id}"
    assert "Sign in to answer this survey" in text(client.get(url))
    response = client.post(
        reverse("voice:survey-answer", args=[survey.pk]),
        {"go": "begin", "channel": "kiosk", "at": survey.about_id, "language": "en"},
    )
    assert "Sign in to answer this survey" in text(response)


def test_a_closed_survey_says_so(client):
    survey = published_survey()
    services.survey_close(acting_user=survey.created_by, survey_id=survey.pk)
    response = client.get(reverse("voice:survey-start", args=[survey.pk]) + f"?channel=kiosk&at={survey.about_id}")
    assert response.status_code == 410
    assert "This survey has closed" in text(response)


def test_a_survey_for_people_in_prison_is_not_on_the_families_form(client):
    survey = published_survey()
    response = client.get(reverse("voice:survey-start", args=[survey.pk]) + "?channel=public_web")
    assert response.status_code == 404


# The survey without JavaScript.


def test_the_whole_survey_without_javascript_with_skip_logic_back_and_the_check_screen(client):
    survey = published_survey()
    page = begin(client, survey)
    body = text(page)
    assert "Before you start" in body
    assert "anonymous unless you choose to give your name" in body
    assert "Independent Monitoring Board" in body and "Prisons and Probation Ombudsman" in body
    assert "safer custody team" in body

    page = step(client, survey, page, "start")
    body = text(page)
    assert "Question 1 of 3" in body
    assert "Overall, how was your experience of our service?" in body
    assert '<span class="voice-face" aria-hidden="true">😄</span> Very good' in page.content.decode()

    # A required answer is refused with a message, and the same question is shown again.
    refused = step(client, survey, page, "next")
    assert refused.status_code == 400
    assert "Answer question 1" in text(refused) and "Question 1 of 3" in text(refused)

    page = step(client, survey, refused, "next", "good")
    assert "Question 2 of 3" in text(page) and "Please tell us why" in text(page)
    page = step(client, survey, page, "next", "")  # optional
    assert "Question 3 of 3" in text(page) and "Do you get enough to eat?" in text(page)

    # "No" shows the follow-up question (skip logic): now 4 questions.
    page = step(client, survey, page, "next", "no")
    assert "Question 4 of 4" in text(page) and "What would make it better?" in text(page)

    # Back, and change "no" to "yes": the follow-up is skipped and its answer forgotten.
    page = step(client, survey, page, "back")
    assert "Question 3 of 4" in text(page)
    assert 'value="no" checked' in page.content.decode()
    page = step(client, survey, page, "next", "yes")
    body = text(page)
    assert "Check your answers" in body
    assert "What would make it better?" not in body
    assert "Good" in body and "Yes" in body

    # Change an answer from the check screen.
    page = step(client, survey, page, "change:overall")
    assert "Question 1 of 3" in text(page)
    page = step(client, survey, page, "next", "very_good")
    page = step(client, survey, page, "next", "The library is open more")
    page = step(client, survey, page, "next", "yes")
    assert "Check your answers" in text(page)

    assert Response.objects.count() == 0  # nothing is stored until they send it
    thanks = step(client, survey, page, "submit")
    assert thanks.status_code == 200
    assert "Thank you" in text(thanks) and "What happens next" in text(thanks)
    stored = Response.objects.get()
    assert stored.answers == {"overall": "very_good", "overall_why": "The library is open more", "food": "yes"}
    assert stored.channel == Channel.KIOSK and stored.organisation_id == survey.about_id
    # Nothing of the survey was put in the session.
    assert not client.session.keys()

    # The same page sent again (the back button, a double tap) stores nothing more.
    again = step(client, survey, page, "submit")
    assert again.status_code == 200
    assert Response.objects.count() == 1


def test_a_tampered_state_is_refused(client):
    survey = published_survey()
    page = begin(client, survey)
    response = client.post(
        reverse("voice:survey-answer", args=[survey.pk]), {"go": "start", "state": state_of(page)[:-3] + "abc"}
    )
    assert response.status_code == 400
    assert "Start again" in text(response)


def test_safeguarding_and_complaints_are_signposted_on_the_thank_you_page(client):
    survey = published_survey()
    page = step(client, survey, begin(client, survey), "start")
    page = step(client, survey, page, "next", "very_poor")
    page = step(client, survey, page, "next", "I want to make a complaint. I feel like I want to kill myself")
    page = step(client, survey, page, "next", "yes")
    thanks = step(client, survey, page, "submit")
    body = text(thanks)
    assert "passed your words, but not your name, to the safer custody team" in body
    assert "formal complaints process" in body


def test_the_survey_in_welsh_and_easy_read(client):
    survey = published_survey()
    page = begin(client, survey, language="cy", reading="easy")
    assert '<html lang="cy"' in page.content.decode()
    assert "Cyn i chi ddechrau" in text(page)
    page = step(client, survey, page, "start")
    body = text(page)
    assert "Cwestiwn 1 o 3" in body
    assert "Da iawn" in body  # the built-in scale, in Welsh
    page = step(client, survey, page, "next", "good")
    page = step(client, survey, page, "next", "")
    assert "Ydych chi'n cael digon i'w fwyta?" in text(page).replace("&#x27;", "'").replace("&#39;", "'")
    page = step(client, survey, page, "next", "yes")
    step(client, survey, page, "submit")
    stored = Response.objects.get()
    assert stored.language == "cy" and stored.easy_read


# Without JavaScript, a shared kiosk is wiped for the next person after its idle time.

IDLE_REFRESH = re.compile(r'<noscript><meta http-equiv="refresh" content="(\d+); url=([^"]+)"></noscript>')


def idle_refresh(response) -> tuple[int, str] | None:
    """The no-JavaScript wipe in the page's head: (seconds, where to), or None."""
    head = response.content.decode().split("</head>")[0]
    found = IDLE_REFRESH.findall(head)
    assert len(found) <= 1
    return (int(found[0][0]), found[0][1].replace("&amp;", "&")) if found else None


@pytest.mark.parametrize(
    ("channel", "audience", "home", "seconds"),
    [
        (Channel.KIOSK, Audience.IN_CUSTODY, "voice:kiosk", 120),
        (Channel.VISITS_KIOSK, Audience.FAMILIES, "voice:visits", 120),
    ],
)
def test_every_survey_page_on_a_shared_kiosk_goes_back_to_the_start_after_the_idle_time(
    client, channel, audience, home, seconds
):
    survey = published_survey(audience=audience)
    expected = (seconds, reverse(home, args=[survey.about_id]))
    start = client.get(reverse("voice:survey-start", args=[survey.pk]), {"channel": channel, "at": survey.about_id})
    assert idle_refresh(start) == expected
    page = begin(client, survey, channel=channel)  # the privacy promise
    assert idle_refresh(page) == expected
    page = step(client, survey, page, "start")
    assert "Question 1 of 3" in text(page) and idle_refresh(page) == expected
    refused = step(client, survey, page, "next")  # an error page holds the answers too
    assert refused.status_code == 400 and idle_refresh(refused) == expected
    for go, answer in (("next", "good"), ("next", ""), ("next", "yes")):
        page = step(client, survey, page, go, answer)
    assert "Check your answers" in text(page) and idle_refresh(page) == expected
    thanks = step(client, survey, page, "submit")
    assert "Thank you" in text(thanks) and idle_refresh(thanks) == expected
    # The start itself (the list of surveys) stays.
    assert idle_refresh(client.get(reverse(home, args=[survey.about_id]))) is None


def test_the_idle_time_without_javascript_is_the_kiosks_own(client, settings):
    settings.VOICE_IDLE_SECONDS = 7
    survey = published_survey()
    page = begin(client, survey, channel=Channel.KIOSK)
    assert idle_refresh(page) == (7, reverse("voice:kiosk", args=[survey.about_id]))
    # The same seconds as kiosk.js is given.
    assert 'data-voice-idle="7"' in page.content.decode()


def test_a_persons_own_phone_and_the_families_web_form_are_never_wiped(client):
    survey = published_survey()
    page = begin(client, survey, channel=Channel.PHONE)
    assert idle_refresh(page) is None
    assert idle_refresh(step(client, survey, page, "start")) is None
    start = client.get(reverse("voice:survey-start", args=[survey.pk]), {"channel": "phone", "at": survey.about_id})
    assert idle_refresh(start) is None
    families = published_survey(audience=Audience.FAMILIES)
    page = begin(client, families, channel=Channel.PUBLIC_WEB)
    assert idle_refresh(page) is None
    assert idle_refresh(step(client, families, page, "start")) is None
    assert idle_refresh(client.get(reverse("voice:families"))) is None


# The JSON endpoint for the device's queue.


def payload(survey, **overrides):
    body = {
        "submission_id": str(uuid.uuid4()),
        "survey_id": survey.pk,
        "version": 1,
        "answers": {"overall": "good", "food": "yes"},
        "channel": "kiosk",
        "language": "en",
        "easy_read": False,
        "organisation_id": survey.about_id,
    }
    body.update(overrides)
    return body


def post_json(client, body):
    return client.post(reverse("voice:api-responses"), json.dumps(body), content_type="application/json")


def test_the_queue_endpoint_stores_once_and_acknowledges_replays(client):
    survey = published_survey()
    body = payload(survey)
    first = post_json(client, body)
    assert first.status_code == 201
    assert first.json() == {"status": "stored", "signpost_complaints": False, "routed_to_safer_custody": False}
    replay = post_json(client, body)
    assert replay.status_code == 200 and replay.json()["status"] == "duplicate"
    assert Response.objects.count() == 1
    for answer in (first, replay, post_json(client, {"survey_id": "nonsense"})):
        # No cache anywhere keeps an answer (the endpoint writes the headers never_cache would).
        assert "no-store" in answer["Cache-Control"] and "private" in answer["Cache-Control"]
        assert answer["Expires"] == "Thu, 01 Jan 1970 00:00:00 GMT"


def test_the_queue_endpoint_needs_no_csrf_token_or_cookie():
    from django.test import Client

    survey = published_survey()
    response = post_json(Client(enforce_csrf_checks=True), payload(survey))
    assert response.status_code == 201


@pytest.mark.parametrize(
    "make",
    [
        lambda survey: "not json",
        lambda survey: ["a", "list"],
        lambda survey: payload(survey, answers={"overall": "good"}),  # "food" is required
        lambda survey: payload(survey, answers={"overall": "brilliant", "food": "yes"}),
        lambda survey: payload(survey, answers={"overall": "good", "food": "yes", "food_why": "skipped"}),
        lambda survey: payload(survey, answers="overall=good"),
        lambda survey: payload(survey, submission_id="not-a-uuid"),
        lambda survey: payload(survey, channel="paper"),
        lambda survey: payload(survey, channel="carrier pigeon"),
        lambda survey: payload(survey, organisation_id="7"),
        lambda survey: payload(survey, version=99),
    ],
    ids=[
        "not-json",
        "a-list",
        "required-missing",
        "not-an-option",
        "skipped-answered",
        "answers-not-a-mapping",
        "bad-submission-id",
        "paper",
        "unknown-channel",
        "organisation-not-a-number",
        "unknown-version",
    ],
)
def test_malformed_submissions_are_refused_and_change_nothing(client, make):
    survey = published_survey()
    body = make(survey)
    raw = body if isinstance(body, str) else json.dumps(body)
    response = client.post(reverse("voice:api-responses"), raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]
    assert Response.objects.count() == 0


def test_a_closed_survey_is_410(client):
    survey = published_survey()
    services.survey_close(acting_user=survey.created_by, survey_id=survey.pk)
    response = post_json(client, payload(survey))
    assert response.status_code == 410
    assert "closed" in response.json()["error"]
    assert Response.objects.count() == 0


def test_a_pass_is_needed_and_works_once(client):
    survey = published_survey(eligibility=Eligibility.ONE_PER_PERSON)
    from tests.factories import ServiceUserFactory

    person = ServiceUserFactory()
    token = services.eligibility_pass_issue(person_id=person.pk, survey_id=survey.pk)
    assert post_json(client, payload(survey)).status_code == 409
    assert post_json(client, payload(survey, **{"pass": "made-up"})).status_code == 409
    assert post_json(client, payload(survey, **{"pass": token})).status_code == 201
    used_again = post_json(client, payload(survey, **{"pass": token}))
    assert used_again.status_code == 409
    assert "used already" in used_again.json()["error"]
    assert Response.objects.count() == 1


def test_a_probation_kiosk_offers_probation_surveys():
    unit = DeliveryUnitFactory()
    lead = involvement_lead(unit)
    published_survey(lead=lead, title="Your probation office", audience=Audience.ON_PROBATION)
    assert "Your probation office" in text(Client_get(reverse("voice:kiosk", args=[unit.pk])))
    assert "Your probation office" in text(Client_get(reverse("voice:phone", args=[unit.pk])))


def test_the_service_worker_is_served_for_the_survey_pages(client):
    response = client.get(reverse("voice:service-worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    # Served from the kiosk's own prefix, so its scope is the kiosk's pages (docs/decisions.md 27).
    assert response.request["PATH_INFO"] == "/voice/have-your-say/sw.js"
    assert "Service-Worker-Allowed" not in response
    assert "/static/voice/kiosk.js" in response.content.decode()


def test_unknown_places_are_not_found(client):
    assert client.get(reverse("voice:kiosk", args=[999999])).status_code == 404
    survey = published_survey()
    assert client.get(reverse("voice:survey-start", args=[survey.pk]) + "?channel=paper&at=1").status_code == 404


def test_no_pass_is_left_after_the_survey_and_the_spend_stays(client):
    survey = published_survey(eligibility=Eligibility.ONE_PER_PERSON)
    from tests.factories import ServiceUserFactory

    person = ServiceUserFactory()
    token = services.eligibility_pass_issue(person_id=person.pk, survey_id=survey.pk)
    page = step(client, survey, begin(client, survey, token=token), "start")
    page = step(client, survey, page, "next", "good")
    page = step(client, survey, page, "next", "")
    page = step(client, survey, page, "next", "yes")
    assert step(client, survey, page, "submit").status_code == 200
    assert Response.objects.get().named_person is None
    assert not EligibilityToken.objects.exists()
    assert EligibilitySpend.objects.count() == 1
