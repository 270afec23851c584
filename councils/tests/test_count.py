"""A count re-run from the stored ballots always gives the published totals (issue 6)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councils import selectors, services
from councils.models import Ballot, Election, ResultTotal
from councils.tests.helpers import cast, council_setup, election_voting

pytestmark = pytest.mark.django_db


@given(
    ballots=st.lists(st.lists(st.integers(0, 3), min_size=1, max_size=4, unique=True), max_size=30),
    seats=st.integers(1, 4),
)
def test_count_gives_one_vote_per_choice(ballots, seats):
    valid = [b[:seats] for b in ballots]
    totals = selectors.count_ballots(candidate_ids=range(4), ballots=valid)
    assert sum(totals.values()) == sum(len(b) for b in valid)
    assert set(totals) == {0, 1, 2, 3}
    outcome = selectors.decide(totals=totals, seats=seats)
    assert len(outcome.elected) <= seats
    assert not outcome.elected & outcome.tied
    if not outcome.tied:
        assert len(outcome.elected) == min(seats, 4)
    # Nobody elected has fewer votes than anybody not elected.
    losers = set(totals) - outcome.elected
    assert all(totals[w] >= totals[loser] for w in outcome.elected for loser in losers)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_recount_from_stored_ballots_always_gives_the_published_totals(data):
    setup = council_setup(people=7)
    seats = data.draw(st.integers(1, 3), label="seats")
    election = election_voting(setup, seats=seats, candidates=4)
    candidates = [c.pk for c in selectors.candidates_standing(election=election)]
    for person in setup.people:
        if data.draw(st.booleans(), label="votes"):
            choices = data.draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=seats, unique=True))
            cast(setup, election, person, choices, channel=data.draw(st.sampled_from(["paper", "polling_station"])))
    services.election_close(acting_user=setup.lead, election_id=election.pk)
    services.election_publish(acting_user=setup.lead, election_id=election.pk)
    verification = selectors.election_verify(election=Election.objects.get(pk=election.pk))
    assert verification.matches
    assert len(verification.ballots) == Ballot.objects.filter(election=election).count()
    # And the published totals are exactly one vote per choice on the stored ballots.
    by_hand: dict[int, int] = dict.fromkeys(candidates, 0)
    for choices in Ballot.objects.filter(election=election).values_list("choices", flat=True):
        for c in choices:
            by_hand[c] += 1
    assert {t.candidate_id: t.votes for t in ResultTotal.objects.filter(election=election)} == by_hand


def test_a_changed_ballot_is_caught_by_verify():
    setup = council_setup()
    election = election_voting(setup, seats=1, candidates=2)
    a, b = [c.pk for c in selectors.candidates_standing(election=election)]
    cast(setup, election, setup.people[0], [a])
    services.election_close(acting_user=setup.lead, election_id=election.pk)
    services.election_publish(acting_user=setup.lead, election_id=election.pk)
    Ballot.objects.filter(election=election).update(choices=[b])  # tampering with raw access
    assert not selectors.election_verify(election=election).matches


def test_ballot_digests_are_listed_in_digest_order_not_arrival():
    setup = council_setup(people=3)
    election = election_voting(setup, seats=1, candidates=3)
    for person, c in zip(setup.people, selectors.candidates_standing(election=election), strict=True):
        cast(setup, election, person, [c.pk])
    Election.objects.filter(pk=election.pk).update(closes_at=election.opens_at + datetime.timedelta(hours=1))
    services.election_publish(acting_user=setup.lead, election_id=election.pk)
    digests = [b["digest"] for b in selectors.election_verify(election=election).ballots]
    assert digests == sorted(digests) and len(digests) == 3
