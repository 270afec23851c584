"""The person votes in a council election from their own view (issue 6, item 2): the election is
listed on their home while they can vote, the ballot shows each candidate's statement, too many or
no choices get a clear message, the vote is counted in secret, and no one can vote twice, after the
close, or in an election they are not listed for. Bad input changes nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from audit.models import Event
from councils import selectors as council_selectors
from councils import services as council_services
from councils.models import VoterMark
from councils.tests.helpers import ballots_in_box, council_setup, election_voting
from myplan.services import pin_set
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PIN = "2580"
HOME = reverse("myplan:home")
CONFIRMATION = "Your vote is in the ballot box. It is secret: no one can see who you voted for."


@pytest.fixture
def setup():
    return council_setup(people=5)


@pytest.fixture
def election(setup):
    return election_voting(setup, seats=2, candidates=3)


def pin_for(person, prison) -> None:
    pin_set(acting_user=UserFactory(role="prison_staff", organisation=prison), person_id=person.pk, pin=PIN)


@pytest.fixture
def voter(setup):
    person = setup.people[4]
    pin_for(person, setup.prison)
    return person


@pytest.fixture
def standing(election):
    return council_selectors.candidates_standing(election=election)


def signs_in(client, person, *, kiosk: bool = True) -> None:
    data = {"identifier": person.prison_number, "pin": PIN}
    data |= {"kiosk": "1"} if kiosk else {"channel": "phone"}
    assert client.post(reverse("myplan:sign-in") + ("?kiosk=1" if kiosk else ""), data).status_code == 303


def submission(html: str) -> str:
    return re.search(r'name="submission_id" value="([^"]+)"', html).group(1)


def url(election) -> str:
    return reverse("myplan:election-vote", args=[election.pk])


def nothing_stored() -> None:
    assert not ballots_in_box() and not VoterMark.objects.exists()


def test_the_person_sees_the_election_votes_and_it_no_longer_shows(client, election, voter, standing):
    signs_in(client, voter)
    home = client.get(HOME).content.decode()
    assert "Elections you can vote in" in home and "Vote in: Council election" in home
    assert url(election) in home and "You can vote until" in home
    page = client.get(url(election)).content.decode()
    assert "Your ballot" in page and "Cast my vote" in page
    for candidate in standing:
        assert candidate.statement in page and candidate.person.full_name in page
    assert "There are 2 seats, so you can choose up to 2" in page
    sid = submission(page)
    done = client.post(url(election), {"submission_id": sid, "choices": [standing[0].pk, standing[2].pk]})
    assert done.status_code == 303 and done["Location"] == url(election)
    confirmation = client.get(url(election)).content.decode()
    assert CONFIRMATION in confirmation and "Cast my vote" not in confirmation
    assert ballots_in_box() == [sorted([standing[0].pk, standing[2].pk])]
    assert "Elections you can vote in" not in client.get(HOME).content.decode()


def test_on_a_phone_too(client, election, voter, standing):
    signs_in(client, voter, kiosk=False)
    sid = submission(client.get(url(election)).content.decode())
    assert client.post(url(election), {"submission_id": sid, "choices": [standing[1].pk]}).status_code == 303
    assert len(ballots_in_box()) == 1


def test_no_choice_or_too_many_get_a_clear_message_and_nothing_changes(client, election, voter, standing):
    signs_in(client, voter)
    sid = submission(client.get(url(election)).content.decode())
    none = client.post(url(election), {"submission_id": sid})
    assert none.status_code == 200 and "Choose at least one candidate" in none.content.decode()
    assert "govuk-error-summary" in none.content.decode()
    too_many = client.post(url(election), {"submission_id": sid, "choices": [c.pk for c in standing]})
    text = too_many.content.decode()
    assert "Choose no more than 2 candidates: there are 2 seats" in text and "govuk-error-summary" in text
    crafted = client.post(url(election), {"submission_id": sid, "choices": [standing[0].pk + 1000]})
    assert "Select a valid choice" in crafted.content.decode() or "Only candidates" in crafted.content.decode()
    nothing_stored()
    # The same form, put right, is still accepted: a refused ballot did not spend it.
    assert client.post(url(election), {"submission_id": sid, "choices": [standing[0].pk]}).status_code == 303
    assert len(ballots_in_box()) == 1


def test_voting_twice_is_refused_with_a_clear_message(client, election, voter, standing):
    signs_in(client, voter)
    sid = submission(client.get(url(election)).content.decode())
    client.post(url(election), {"submission_id": sid, "choices": [standing[0].pk]})
    again = client.post(url(election), {"submission_id": sid, "choices": [standing[1].pk]})
    text = again.content.decode()
    assert again.status_code == 200 and "You have already voted in this election" in text and CONFIRMATION in text
    fresh = client.post(
        url(election), {"submission_id": "0b7c8a57-6a8e-4a0e-93c0-3d2f2c0e1a11", "choices": [standing[1].pk]}
    )
    assert "You have already voted in this election" in fresh.content.decode()
    assert ballots_in_box() == [[standing[0].pk]] and VoterMark.objects.count() == 1


def test_after_the_close_the_person_is_told_and_nothing_changes(client, setup, election, voter, standing):
    signs_in(client, voter)
    sid = submission(client.get(url(election)).content.decode())
    council_services.election_close(acting_user=setup.lead, election_id=election.pk)
    assert "Elections you can vote in" not in client.get(HOME).content.decode()
    late = client.post(url(election), {"submission_id": sid, "choices": [standing[0].pk]})
    text = late.content.decode()
    assert late.status_code == 200 and "Voting has closed" in text and "Cast my vote" not in text
    assert text.count("Voting has closed") == 1
    assert "Voting has closed" in client.get(url(election)).content.decode()
    nothing_stored()


def test_someone_not_on_the_voter_list_is_told_and_nothing_changes(client, setup, election, standing):
    elsewhere = council_setup(people=1)
    outsider = elsewhere.people[0]  # in custody at another prison
    pin_for(outsider, elsewhere.prison)
    signs_in(client, outsider)
    assert "Elections you can vote in" not in client.get(HOME).content.decode()
    page = client.get(url(election))
    assert page.status_code == 404 and "You are not on the voter list" in page.content.decode()
    crafted = client.post(
        url(election), {"submission_id": "0b7c8a57-6a8e-4a0e-93c0-3d2f2c0e1a11", "choices": [standing[0].pk]}
    )
    assert crafted.status_code == 404 and "Nothing has been changed" in crafted.content.decode()
    assert client.get(reverse("myplan:election-vote", args=[election.pk + 1000])).status_code == 404
    nothing_stored()


def test_staff_and_people_not_signed_in_are_sent_to_the_persons_sign_in(client, setup, election, standing):
    assert client.get(url(election)).status_code == 303
    client.force_login(setup.lead)
    answer = client.post(url(election), {"choices": [standing[0].pk]})
    assert answer.status_code == 303 and "/my-plan/sign-in/" in answer["Location"]
    nothing_stored()


def test_the_ballot_page_adds_no_event_naming_the_person(client, election, voter, standing):
    signs_in(client, voter)
    before = Event.objects.filter(person_id=voter.pk).count()
    sid = submission(client.get(url(election)).content.decode())
    client.post(url(election), {"submission_id": sid, "choices": [standing[0].pk]})
    client.get(url(election))
    assert Event.objects.filter(person_id=voter.pk).count() == before
    event = Event.objects.get(summary__contains="own view for election")
    assert event.person_id is None and event.actor_id is None
