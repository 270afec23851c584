"""A person on the voter list votes by themselves from their own view (issue 6, item 2): the same
checks and the same secret ballot as the polling station, with no member of staff to name, and an
audit event that names the election alone."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import Event
from common.models import UsedSubmission
from councils import selectors, services
from councils.constants import STAFF_CHANNELS, Channel
from councils.models import Election, VoterMark
from councils.tests.helpers import ballots_in_box, cast, council_setup, election_voting
from tests.factories import ServiceUserFactory

pytestmark = pytest.mark.django_db
SUBMISSION = "6f1c1b7e-3f0a-4d55-9a65-2a3c1d1e8b01"


def _unchanged(election: Election, ballots: int = 0, marks: int = 0) -> None:
    assert len(ballots_in_box(election)) == ballots
    assert VoterMark.objects.filter(election=election).count() == marks


def _vote(person, election: Election, choices: list[int], **kwargs) -> None:
    services.ballot_cast_by_voter(person_id=person.pk, election_id=election.pk, candidate_ids=choices, **kwargs)


@pytest.fixture
def setup():
    return council_setup(people=6)


@pytest.fixture
def election(setup):
    return election_voting(setup, seats=2, candidates=3)


@pytest.fixture
def standing(election):
    return [c.pk for c in selectors.candidates_standing(election=election)]


def test_a_voter_casts_a_secret_ballot_and_the_election_no_longer_shows(setup, election, standing):
    voter = setup.people[4]
    assert selectors.elections_open_to_person(person_id=voter.pk) == [election]
    _vote(voter, election, [standing[2], standing[0]], submission_id=SUBMISSION)
    assert ballots_in_box() == [sorted([standing[0], standing[2]])]
    assert selectors.person_has_voted(election=election, person_id=voter.pk)
    assert selectors.elections_open_to_person(person_id=voter.pk) == []
    assert selectors.elections_open_to_person(person_id=setup.people[5].pk) == [election]
    lines = {line.voter.person_id: line.has_voted for line in selectors.voter_list(election=election)}
    assert lines[voter.pk] is True and lines[setup.people[5].pk] is False
    assert UsedSubmission.objects.filter(submission_id=SUBMISSION).exists()


def test_the_audit_event_names_the_election_and_no_one(setup, election, standing):
    _vote(setup.people[4], election, [standing[0]])
    event = Event.objects.get(summary__contains="own view")
    assert event.summary == f"A ballot was cast from the person's own view for election {election.title}"
    assert (event.record_type, event.record_id) == ("councils.Election", str(election.pk))
    assert event.person_id is None and event.actor_id is None and event.actor_username == ""
    assert str(setup.people[4].pk) not in event.summary + event.path + str(event.changes)


def test_the_count_includes_own_view_ballots_with_the_others(setup, election, standing):
    _vote(setup.people[3], election, [standing[0]])
    cast(setup, election, setup.people[4], [standing[0], standing[1]])
    cast(setup, election, setup.people[5], [standing[1]], channel="paper")
    services.election_close(acting_user=setup.lead, election_id=election.pk)
    assert selectors.election_count(election=election) == {standing[0]: 2, standing[1]: 2, standing[2]: 0}


def test_someone_not_on_the_voter_list_is_refused_and_nothing_changes(setup, election, standing):
    stranger = ServiceUserFactory()
    assert selectors.elections_open_to_person(person_id=stranger.pk) == []
    with pytest.raises(ValidationError, match="not on the voter list"):
        _vote(stranger, election, [standing[0]], submission_id=SUBMISSION)
    _unchanged(election)
    assert not UsedSubmission.objects.exists()
    assert not Event.objects.filter(summary__contains="own view").exists()


def test_voting_twice_is_refused_whichever_channel_came_first(setup, election, standing):
    _vote(setup.people[4], election, [standing[0]])
    with pytest.raises(ValidationError, match="already voted"):
        _vote(setup.people[4], election, [standing[1]])
    cast(setup, election, setup.people[5], [standing[0]])
    with pytest.raises(ValidationError, match="already voted"):
        _vote(setup.people[5], election, [standing[1]])
    with pytest.raises(ValidationError, match="already voted"):
        cast(setup, election, setup.people[4], [standing[1]], channel="paper")
    _unchanged(election, 2, 2)
    assert Event.objects.filter(summary__contains="own view").count() == 1


def test_the_same_form_sent_twice_casts_one_ballot(setup, election, standing):
    _vote(setup.people[4], election, [standing[0]], submission_id=SUBMISSION)
    with pytest.raises(ValidationError, match="already voted"):
        _vote(setup.people[4], election, [standing[0]], submission_id=SUBMISSION)
    _unchanged(election, 1, 1)


def test_a_spent_submission_id_undoes_the_mark_and_the_ballot(setup, election, standing):
    UsedSubmission.objects.create(submission_id=SUBMISSION)
    with pytest.raises(ValidationError, match="already been sent"):
        _vote(setup.people[4], election, [standing[0]], submission_id=SUBMISSION)
    _unchanged(election)
    assert not selectors.person_has_voted(election=election, person_id=setup.people[4].pk)


@pytest.mark.parametrize(
    ("choose", "message"),
    [
        (lambda s: [], "Choose at least one candidate"),
        (lambda s: s, "Choose no more than 2 candidate"),
        (lambda s: [s[0], s[0]], "no more than once"),
        (lambda s: [s[0] + 1000], "Only candidates standing"),
        (lambda s: ["x"], "could not be read"),
    ],
    ids=["none", "too-many", "twice", "not-standing", "unreadable"],
)
def test_a_bad_ballot_is_refused_and_nothing_changes(setup, election, standing, choose, message):
    with pytest.raises(ValidationError, match=message) as caught:
        _vote(setup.people[4], election, choose(standing), submission_id=SUBMISSION)
    assert set(caught.value.error_dict) == {"choices"}
    _unchanged(election)
    assert not UsedSubmission.objects.exists()
    assert selectors.elections_open_to_person(person_id=setup.people[4].pk) == [election]


def test_a_withdrawn_candidate_cannot_be_chosen():
    setup = council_setup(people=6)
    now = timezone.now()
    election = services.election_create(
        acting_user=setup.lead,
        council_id=setup.council.pk,
        title="By hand",
        seats=1,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    kept, gone = (
        services.candidate_nominate(
            acting_user=setup.lead, election_id=election.pk, identifier=p.prison_number, statement="Vote for me"
        )
        for p in setup.people[:2]
    )
    services.candidate_withdraw(acting_user=setup.lead, candidate_id=gone.pk)
    services.election_open(acting_user=setup.lead, election_id=election.pk)
    with pytest.raises(ValidationError, match="Only candidates standing"):
        _vote(setup.people[4], election, [gone.pk])
    _vote(setup.people[4], election, [kept.pk])
    _unchanged(election, 1, 1)


def test_after_the_close_the_vote_is_refused_and_the_election_no_longer_shows(setup, election, standing):
    services.election_close(acting_user=setup.lead, election_id=election.pk)
    assert selectors.elections_open_to_person(person_id=setup.people[4].pk) == []
    with pytest.raises(ValidationError, match="closed"):
        _vote(setup.people[4], election, [standing[0]])
    _unchanged(election)


def test_after_the_closing_time_the_vote_is_refused_before_anyone_closes_it(setup, election, standing):
    Election.objects.filter(pk=election.pk).update(
        opens_at=election.opens_at - datetime.timedelta(days=3),
        closes_at=election.opens_at - datetime.timedelta(days=1),
    )
    assert selectors.elections_open_to_person(person_id=setup.people[4].pk) == []
    with pytest.raises(ValidationError, match="closed"):
        _vote(setup.people[4], election, [standing[0]])
    _unchanged(election)


def test_before_voting_opens_the_vote_is_refused_and_the_election_does_not_show(setup, election, standing):
    Election.objects.filter(pk=election.pk).update(opens_at=election.closes_at - datetime.timedelta(hours=1))
    assert selectors.elections_open_to_person(person_id=setup.people[4].pk) == []
    with pytest.raises(ValidationError, match="not opened yet"):
        _vote(setup.people[4], election, [standing[0]])
    _unchanged(election)


def test_an_election_still_taking_nominations_does_not_show(setup):
    now = timezone.now()
    services.election_create(
        acting_user=setup.lead,
        council_id=setup.council.pk,
        title="Not yet",
        seats=1,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    assert selectors.elections_open_to_person(person_id=setup.people[0].pk) == []


def test_only_the_elections_the_person_is_listed_for_show():
    first, second = council_setup(people=3), council_setup(people=3)
    mine, theirs = election_voting(first, seats=1, candidates=2), election_voting(second, seats=1, candidates=2)
    assert selectors.elections_open_to_person(person_id=first.people[2].pk) == [mine]
    assert selectors.elections_open_to_person(person_id=second.people[2].pk) == [theirs]
    assert selectors.election_for_voter(election_id=theirs.pk, person_id=first.people[2].pk) is None
    assert selectors.election_for_voter(election_id=mine.pk, person_id=first.people[2].pk) == mine


def test_staff_cannot_use_the_own_view_channel():
    assert Channel.OWN_VIEW not in STAFF_CHANNELS
    setup = council_setup(people=3)
    election = election_voting(setup, seats=1, candidates=2)
    with pytest.raises(ValidationError, match="Unknown voting channel"):
        cast(setup, election, setup.people[2], [selectors.candidates_standing(election=election)[0].pk], "own_view")
    _unchanged(election)
