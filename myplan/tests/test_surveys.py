"""Surveys for you (issue 5): a person signed in to their own view takes a one-per-person survey.
The pass is issued, their own-view session ends before they answer, the pass travels only in the
page, and a second attempt is refused with a clear message."""

import re

import pytest
from django.urls import reverse

from myplan.services import pin_set
from myplan.tests.records import make_story
from voice.constants import Eligibility
from voice.models import EligibilitySpend, EligibilityToken, Response
from voice.tests.helpers import involvement_lead, published_survey

pytestmark = pytest.mark.django_db
PIN = "2580"
HOME = reverse("myplan:home")


@pytest.fixture
def story():
    story = make_story()
    pin_set(acting_user=story.officer, person_id=story.person.pk, pin=PIN)
    return story


def signs_in(client, story):
    data = {"identifier": story.person.prison_number, "pin": PIN, "kiosk": "1"}
    assert client.post(reverse("myplan:sign-in") + "?kiosk=1", data).status_code == 303


def hidden_fields(page) -> dict[str, str]:
    """The survey page's state and sealed name offer, sent back as a browser sends them."""
    return dict(re.findall(r'<input type="hidden" name="(state|name_offer)" value="([^"]*)"', page.content.decode()))


def prison_of(story):
    return story.person.custody_episodes.get(released_on__isnull=True).establishment


def test_the_person_takes_a_survey_anonymously_and_only_once(client, story):
    survey = published_survey(
        lead=involvement_lead(prison_of(story)), title="Life on the wing", eligibility=Eligibility.ONE_PER_PERSON
    )
    signs_in(client, story)
    home = client.get(HOME).content.decode()
    assert "Surveys for you" in home and "Life on the wing" in home and "Take this survey" in home

    page = client.post(reverse("myplan:survey-take", args=[survey.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "no-store" in page["Cache-Control"]
    token = re.search(r'name="pass" value="([^"]+)"', html).group(1)
    # Their one response is spent with their answers, not now (issue 15, break 11).
    assert EligibilityToken.objects.count() == 1 and EligibilitySpend.objects.count() == 0
    # Their own-view session is over before they answer.
    assert not client.session.keys()
    assert client.get(HOME).status_code == 303

    # They answer with the pass (no session, nothing naming them).
    answer = reverse("voice:survey-answer", args=[survey.pk])
    page = client.post(answer, {"go": "begin", "channel": "kiosk", "at": prison_of(story).pk, "pass": token})
    for go, value in (("start", None), ("next", "good"), ("next", ""), ("next", "yes"), ("submit", None)):
        data = {"go": go, "state": re.search(r'name="state" value="([^"]+)"', page.content.decode()).group(1)}
        if value is not None:
            data["answer"] = value
        page = client.post(answer, data)
    assert "Thank you" in page.content.decode()
    stored = Response.objects.get()
    assert stored.named_person is None

    # A second attempt: the home page says so, and taking it again is refused.
    signs_in(client, story)
    home = client.get(HOME).content.decode()
    assert "You have already answered this survey. Thank you." in home
    refused = client.post(reverse("myplan:survey-take", args=[survey.pk]))
    assert refused.status_code == 303 and refused["Location"] == HOME
    assert "You have already answered this survey" in client.get(HOME).content.decode()
    assert EligibilityToken.objects.count() == 0 and Response.objects.count() == 1


def test_the_person_can_choose_to_give_their_name_and_only_then_is_it_kept(client, story):
    """From their own view the person is offered the choice on the check screen; ticking it keeps
    their name with the response (so staff can tell them what happens), and nothing else does."""
    lead = involvement_lead(prison_of(story))
    for give_name in (False, True):
        survey = published_survey(lead=lead, title=f"Named {give_name}", eligibility=Eligibility.ONE_PER_PERSON)
        signs_in(client, story)
        page = client.post(reverse("myplan:survey-take", args=[survey.pk]))
        html = page.content.decode()
        offer = re.search(r'name="name_offer" value="([^"]+)"', html).group(1)
        token = re.search(r'name="pass" value="([^"]+)"', html).group(1)
        answer = reverse("voice:survey-answer", args=[survey.pk])
        page = client.post(
            answer,
            {"go": "begin", "channel": "kiosk", "at": prison_of(story).pk, "pass": token, "name_offer": offer},
        )
        for go, value in (("start", None), ("next", "good"), ("next", ""), ("next", "yes")):
            data = {"go": go, **hidden_fields(page)}
            if value is not None:
                data["answer"] = value
            page = client.post(answer, data)
        assert "Give my name so staff can tell me what happens" in page.content.decode()
        data = {"go": "submit", **hidden_fields(page)}
        if give_name:
            data["named"] = "yes"
        assert "Thank you" in client.post(answer, data).content.decode()
        stored = Response.objects.get(version__survey=survey)
        assert stored.named_person_id == (story.person.pk if give_name else None)


def test_a_survey_elsewhere_cannot_be_taken(client, story):
    survey = published_survey(title="Another prison", eligibility=Eligibility.ONE_PER_PERSON)
    signs_in(client, story)
    assert "Another prison" not in client.get(HOME).content.decode()
    response = client.post(reverse("myplan:survey-take", args=[survey.pk]))
    assert response.status_code == 303
    assert not EligibilitySpend.objects.exists()


def test_the_person_is_told_what_happened_to_the_issue_they_raised(client, story):
    from yousaid.constants import Source
    from yousaid.services import issue_raise, issue_respond

    lead = involvement_lead(prison_of(story))
    issue = issue_raise(
        acting_user=lead,
        organisation_id=lead.organisation_id,
        source=Source.BY_HAND,
        said="The kettle on the landing has been broken for a month",
        named_identifier=story.person.prison_number,
    )
    issue_respond(acting_user=lead, issue_id=issue.pk, response="A new kettle is on order and arrives on Friday")
    signs_in(client, story)
    home = client.get(HOME).content.decode()
    assert "What happened to what you told us" in home
    assert "kettle" in home.lower()
