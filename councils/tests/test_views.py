from __future__ import annotations

import uuid

import pytest

from councils import selectors, services
from councils.models import VoterMark
from councils.tests.helpers import ballots_in_box, council_setup, election_voting

pytestmark = pytest.mark.django_db


@pytest.fixture
def voting(client):
    setup = council_setup(people=5)
    election = election_voting(setup, seats=1, candidates=2)
    client.force_login(setup.lead)
    return setup, election


def test_polling_station_then_private_ballot(client, voting):
    setup, election = voting
    line = election.voters.get(person=setup.people[3])
    page = client.get(f"/councils/elections/{election.pk}/polling-station/")
    assert setup.people[3].prison_number in page.content.decode()
    response = client.post(f"/councils/elections/{election.pk}/polling-station/", {"voter": line.pk})
    assert response.status_code == 302 and response["Location"].endswith("/polling-station/ballot/")
    ballot_page = client.get(response["Location"]).content.decode()
    assert "Your ballot" in ballot_page and setup.people[3].prison_number not in ballot_page
    candidate = selectors.candidates_standing(election=election)[0]
    done = client.post(response["Location"], {"choices": [candidate.pk]}, follow=True)
    assert "Your vote has been cast in secret" in done.content.decode()
    assert len(ballots_in_box()) == 1 and VoterMark.objects.count() == 1
    # They are no longer offered at the polling station, and cannot vote again.
    assert setup.people[3].prison_number not in done.content.decode()


def test_too_many_choices_are_refused_on_the_ballot_and_nothing_changes(client, voting):
    setup, election = voting
    client.post(f"/councils/elections/{election.pk}/polling-station/", {"voter": election.voters.first().pk})
    choices = [c.pk for c in selectors.candidates_standing(election=election)]
    page = client.post(f"/councils/elections/{election.pk}/polling-station/ballot/", {"choices": choices})
    assert page.status_code == 200
    assert "Choose no more than 1 candidate" in page.content.decode()
    assert not ballots_in_box() and not VoterMark.objects.exists()


def test_the_ballot_page_needs_a_voter_chosen_first(client, voting):
    _setup, election = voting
    response = client.get(f"/councils/elections/{election.pk}/polling-station/ballot/")
    assert response.status_code == 302 and response["Location"].endswith("/polling-station/")


def test_a_second_paper_ballot_for_the_same_voter_is_refused_with_a_message(client, voting):
    setup, election = voting
    line = election.voters.get(person=setup.people[0])
    candidate = selectors.candidates_standing(election=election)[0].pk
    first = client.post(f"/councils/elections/{election.pk}/paper/", {"voter": line.pk, "choices": [candidate]})
    assert first.status_code == 302
    again = client.post(f"/councils/elections/{election.pk}/paper/", {"voter": line.pk, "choices": [candidate]})
    assert again.status_code == 200  # the voter is no longer a choice on the form
    assert "Select a valid choice" in again.content.decode()
    assert len(ballots_in_box()) == 1


def test_full_result_is_public_and_verifiable(client, voting):
    setup, election = voting
    candidate = selectors.candidates_standing(election=election)[0]
    line = election.voters.get(person=setup.people[4])
    services.ballot_cast(
        acting_user=setup.lead, election_id=election.pk, voter_id=line.pk, candidate_ids=[candidate.pk], channel="paper"
    )
    client.post(f"/councils/elections/{election.pk}/close/")
    client.post(f"/councils/elections/{election.pk}/publish/")
    client.logout()
    board = client.get(f"/councils/board/{setup.council.pk}/").content.decode()
    assert "Council election" in board
    result = client.get(f"/councils/board/elections/{election.pk}/?verify=1").content.decode()
    assert "The count is verified" in result
    assert selectors.public_name(candidate.person) in result
    assert candidate.person.family_name not in result  # the public board gives initials only


def test_an_unpublished_result_is_not_found(client, voting):
    _setup, election = voting
    assert client.get(f"/councils/board/elections/{election.pk}/").status_code == 404


def test_council_pages_render_for_the_lead(client, voting):
    setup, election = voting
    for url in (
        "/councils/",
        f"/councils/{setup.council.pk}/",
        f"/councils/{setup.council.pk}/members/new/",
        f"/councils/{setup.council.pk}/meetings/new/",
        f"/councils/{setup.council.pk}/elections/new/",
        f"/councils/elections/{election.pk}/",
        f"/councils/elections/{election.pk}/voters/",
        f"/councils/elections/{election.pk}/paper/",
    ):
        assert client.get(url).status_code == 200, url


def test_meeting_form_records_decisions(client, voting):
    setup, _election = voting
    submission_id = str(uuid.uuid4())  # what the page draws in its hidden field
    done = client.post(
        f"/councils/{setup.council.pk}/meetings/new/",
        {
            "submission_id": submission_id,
            "held_on_day": "2",
            "held_on_month": "3",
            "held_on_year": "2026",
            "agenda": "Showers",
            "minutes": "",
            "decisions": "Fix the showers\nMore fruit",
        },
        follow=True,
    )
    assert "Meeting recorded" in done.content.decode()
    assert "More fruit" in client.get(f"/councils/board/{setup.council.pk}/").content.decode()
