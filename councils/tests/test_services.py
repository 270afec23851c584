from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.constants import Role
from audit.models import Event
from councils import selectors, services
from councils.constants import ElectionStatus, LeavingReason, MemberRole
from councils.models import Ballot, Election, Membership, ResultTotal, SealedBallot, VoterMark
from councils.tests.helpers import ballots_in_box, cast, council_setup, election_voting
from tests.factories import CustodyEpisodeFactory, EstablishmentFactory, ServiceUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def _nothing_changed(election: Election, ballots: int, marks: int) -> None:
    assert len(ballots_in_box(election)) == ballots
    assert VoterMark.objects.filter(election=election).count() == marks


def test_a_ballot_marks_the_voter_and_stores_the_choices_sorted():
    setup = council_setup()
    election = election_voting(setup)
    c1, c2 = [c.pk for c in selectors.candidates_standing(election=election)][:2]
    cast(setup, election, setup.people[4], [c2, c1])
    assert ballots_in_box() == [sorted([c1, c2])]
    assert VoterMark.objects.count() == 1
    lines = {line.voter.person_id: line.has_voted for line in selectors.voter_list(election=election)}
    assert lines[setup.people[4].pk] is True and lines[setup.people[3].pk] is False


def test_a_ballot_from_someone_not_on_the_voter_list_is_refused():
    setup = council_setup()
    election = election_voting(setup)
    other = election_voting(council_setup())  # a voter-list line from another election
    candidate = selectors.candidates_standing(election=election)[0].pk
    with pytest.raises(ValidationError, match="not on the voter list"):
        services.ballot_cast(
            acting_user=setup.lead,
            election_id=election.pk,
            voter_id=other.voters.first().pk,
            candidate_ids=[candidate],
            channel="paper",
        )
    _nothing_changed(election, 0, 0)


def test_someone_received_after_the_list_was_made_is_not_on_it():
    setup = council_setup()
    election = election_voting(setup)
    late = CustodyEpisodeFactory(establishment=setup.prison).person
    assert not election.voters.filter(person=late).exists()


def test_a_second_ballot_from_the_same_voter_is_refused():
    setup = council_setup()
    election = election_voting(setup)
    candidate = selectors.candidates_standing(election=election)[0].pk
    cast(setup, election, setup.people[0], [candidate])
    with pytest.raises(ValidationError, match="already voted"):
        cast(setup, election, setup.people[0], [candidate], channel="paper")
    _nothing_changed(election, 1, 1)


def test_a_ballot_after_the_close_is_refused():
    setup = council_setup()
    election = election_voting(setup)
    services.election_close(acting_user=setup.lead, election_id=election.pk)
    with pytest.raises(ValidationError, match="closed"):
        cast(setup, election, setup.people[0], [selectors.candidates_standing(election=election)[0].pk])
    _nothing_changed(election, 0, 0)


def test_a_ballot_after_the_closing_time_is_refused_even_before_anyone_closes_it():
    setup = council_setup()
    election = election_voting(setup)
    Election.objects.filter(pk=election.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=2), closes_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError, match="closed"):
        cast(setup, election, setup.people[0], [selectors.candidates_standing(election=election)[0].pk])
    _nothing_changed(election, 0, 0)


def test_a_ballot_before_the_opening_is_refused():
    setup = council_setup()
    election = election_voting(setup)
    Election.objects.filter(pk=election.pk).update(opens_at=timezone.now() + datetime.timedelta(hours=2))
    election.refresh_from_db()
    assert election.status() == ElectionStatus.SCHEDULED
    with pytest.raises(ValidationError, match="not opened"):
        cast(setup, election, setup.people[0], [selectors.candidates_standing(election=election)[0].pk])
    _nothing_changed(election, 0, 0)


def test_more_choices_than_seats_are_refused():
    setup = council_setup()
    election = election_voting(setup, seats=2, candidates=3)
    with pytest.raises(ValidationError, match="no more than 2"):
        cast(setup, election, setup.people[0], [c.pk for c in selectors.candidates_standing(election=election)])
    _nothing_changed(election, 0, 0)


@pytest.mark.parametrize("bad", ["not a candidate", "withdrawn", "duplicate", "empty", "garbage"])
def test_a_choice_that_is_not_a_standing_candidate_is_refused(bad):
    setup = council_setup(people=6)
    now = timezone.now()
    election = services.election_create(
        acting_user=setup.lead,
        council_id=setup.council.pk,
        title="Election",
        seats=3,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(hours=5),
    )
    candidates = [
        services.candidate_nominate(
            acting_user=setup.lead, election_id=election.pk, identifier=p.prison_number, statement="Vote for me"
        )
        for p in setup.people[:3]
    ]
    services.candidate_withdraw(acting_user=setup.lead, candidate_id=candidates[2].pk)
    services.election_open(acting_user=setup.lead, election_id=election.pk)
    other = election_voting(council_setup())
    choices = {
        "not a candidate": [selectors.candidates_standing(election=other)[0].pk],
        "withdrawn": [candidates[2].pk],
        "duplicate": [candidates[0].pk, candidates[0].pk],
        "empty": [],
        "garbage": ["x"],
    }[bad]
    with pytest.raises(ValidationError):
        cast(setup, election, setup.people[5], choices)
    _nothing_changed(election, 0, 0)


def test_no_ballot_while_taking_nominations():
    setup = council_setup()
    now = timezone.now()
    election = services.election_create(
        acting_user=setup.lead,
        council_id=setup.council.pk,
        title="Election",
        seats=1,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(hours=5),
    )
    with pytest.raises(ValidationError, match="not opened"):
        services.ballot_cast(
            acting_user=setup.lead, election_id=election.pk, voter_id=1, candidate_ids=[1], channel="paper"
        )


def test_only_the_councils_own_involvement_lead_or_an_administrator_takes_ballots():
    setup = council_setup()
    election = election_voting(setup)
    elsewhere = UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=EstablishmentFactory())
    prison_staff = UserFactory(role=Role.PRISON_STAFF, organisation=setup.prison)
    for user in (elsewhere, prison_staff):
        with pytest.raises(PermissionDenied):
            services.ballot_cast(
                acting_user=user,
                election_id=election.pk,
                voter_id=election.voters.first().pk,
                candidate_ids=[selectors.candidates_standing(election=election)[0].pk],
                channel="paper",
            )
    _nothing_changed(election, 0, 0)


def test_a_paper_ballot_is_audited_by_election_without_the_ballot_or_voter():
    setup = council_setup()
    election = election_voting(setup)
    cast(setup, election, setup.people[1], [selectors.candidates_standing(election=election)[0].pk], channel="paper")
    event = Event.objects.filter(summary__startswith="Paper ballot entered").get()
    assert event.summary == f"Paper ballot entered for election {election.title}"
    assert event.record_id == str(election.pk) and event.person_id is None
    assert str(SealedBallot.objects.get().pk) not in str(vars(event))
    services.election_close(acting_user=setup.lead, election_id=election.pk)
    assert str(Ballot.objects.get().pk) not in str(vars(event))


def test_publish_stores_totals_elects_and_seats_the_winners():
    setup = council_setup(people=6)
    election = election_voting(setup, seats=2, candidates=3)
    a, b, c = selectors.candidates_standing(election=election)
    for person, choices in zip(setup.people, [[a.pk, b.pk], [a.pk], [b.pk, c.pk], [a.pk, c.pk], [b.pk]], strict=False):
        cast(setup, election, person, choices)
    with pytest.raises(ValidationError, match="Close voting"):
        services.election_publish(acting_user=setup.lead, election_id=election.pk)
    services.election_close(acting_user=setup.lead, election_id=election.pk)
    services.election_publish(acting_user=setup.lead, election_id=election.pk)
    totals = {t.candidate_id: (t.votes, t.elected, t.tied) for t in ResultTotal.objects.filter(election=election)}
    assert totals == {a.pk: (3, True, False), b.pk: (3, True, False), c.pk: (2, False, False)}
    seated = set(Membership.objects.filter(council=setup.council).values_list("person_id", flat=True))
    assert seated == {a.person_id, b.person_id}
    with pytest.raises(ValidationError, match="already been published"):
        services.election_publish(acting_user=setup.lead, election_id=election.pk)


def test_a_tie_for_the_last_seat_is_noted_not_decided():
    outcome = selectors.decide(totals={1: 5, 2: 3, 3: 3, 4: 1}, seats=2)
    assert outcome.elected == {1} and outcome.tied == {2, 3}
    assert selectors.decide(totals={1: 2, 2: 2}, seats=2).elected == {1, 2}
    assert selectors.decide(totals={1: 0}, seats=3).elected == {1}


def test_the_voter_list_is_everyone_in_custody_at_the_prison_when_it_opens():
    setup = council_setup(people=4)
    released = CustodyEpisodeFactory(
        establishment=setup.prison, released_on=datetime.date(2026, 2, 1), person=ServiceUserFactory()
    ).person
    CustodyEpisodeFactory(establishment=EstablishmentFactory())  # another prison's
    election = election_voting(setup)
    assert set(election.voters.values_list("person_id", flat=True)) == {p.pk for p in setup.people}
    assert not election.voters.filter(person=released).exists()


def test_election_steps_refuse_out_of_order():
    setup = council_setup()
    now = timezone.now()
    election = services.election_create(
        acting_user=setup.lead,
        council_id=setup.council.pk,
        title="Election",
        seats=1,
        opens_at=now,
        closes_at=now + datetime.timedelta(hours=5),
    )
    with pytest.raises(ValidationError, match="at least one candidate"):
        services.election_open(acting_user=setup.lead, election_id=election.pk)
    with pytest.raises(ValidationError, match="not opened"):
        services.election_close(acting_user=setup.lead, election_id=election.pk)
    with pytest.raises(ValidationError, match="Close voting"):
        services.election_publish(acting_user=setup.lead, election_id=election.pk)
    with pytest.raises(ValidationError, match="close after it opens"):
        services.election_create(
            acting_user=setup.lead, council_id=setup.council.pk, title="E", seats=1, opens_at=now, closes_at=now
        )
    services.candidate_nominate(
        acting_user=setup.lead, election_id=election.pk, identifier=setup.people[0].prison_number, statement="Me"
    )
    with pytest.raises(ValidationError, match="already a candidate"):
        services.candidate_nominate(
            acting_user=setup.lead, election_id=election.pk, identifier=setup.people[0].prison_number, statement="Me"
        )
    with pytest.raises(ValidationError, match="No one with that prison number"):
        services.candidate_nominate(
            acting_user=setup.lead, election_id=election.pk, identifier="Z9999ZZ", statement="Me"
        )
    services.election_open(acting_user=setup.lead, election_id=election.pk)
    with pytest.raises(ValidationError, match="Nominations closed"):
        services.candidate_nominate(
            acting_user=setup.lead, election_id=election.pk, identifier=setup.people[1].prison_number, statement="Me"
        )
    with pytest.raises(ValidationError, match="already been made"):
        services.election_open(acting_user=setup.lead, election_id=election.pk)


def test_members_join_leave_and_a_by_election_fills_the_seat():
    setup = council_setup()
    today = timezone.localdate()
    membership = services.member_add(
        acting_user=setup.lead,
        council_id=setup.council.pk,
        identifier=setup.people[0].prison_number.lower(),
        role=MemberRole.CHAIR,
        term_starts_on=today - datetime.timedelta(days=30),
    )
    with pytest.raises(ValidationError, match="already a member"):
        services.member_add(
            acting_user=setup.lead,
            council_id=setup.council.pk,
            identifier=setup.people[0].prison_number,
            role=MemberRole.MEMBER,
            term_starts_on=today,
        )
    with pytest.raises(ValidationError, match="has not left"):
        services.election_create(
            acting_user=setup.lead,
            council_id=setup.council.pk,
            title="By-election",
            seats=1,
            opens_at=timezone.now(),
            closes_at=timezone.now() + datetime.timedelta(days=1),
            vacancy_id=membership.pk,
        )
    with pytest.raises(ValidationError, match="Say why"):
        services.member_leave(
            acting_user=setup.lead, membership_id=membership.pk, left_on=today, reason=LeavingReason.OTHER
        )
    services.member_leave(
        acting_user=setup.lead, membership_id=membership.pk, left_on=today, reason=LeavingReason.TRANSFERRED
    )
    with pytest.raises(ValidationError, match="already left"):
        services.member_leave(
            acting_user=setup.lead, membership_id=membership.pk, left_on=today, reason=LeavingReason.RESIGNED
        )
    by_election = services.election_create(
        acting_user=setup.lead,
        council_id=setup.council.pk,
        title="By-election",
        seats=3,  # a by-election is always for the one seat
        opens_at=timezone.now(),
        closes_at=timezone.now() + datetime.timedelta(days=1),
        vacancy_id=membership.pk,
    )
    assert by_election.by_election and by_election.seats == 1 and by_election.vacancy == membership
    with pytest.raises(ValidationError, match="already been called"):
        services.election_create(
            acting_user=setup.lead,
            council_id=setup.council.pk,
            title="Again",
            seats=1,
            opens_at=timezone.now(),
            closes_at=timezone.now() + datetime.timedelta(days=1),
            vacancy_id=membership.pk,
        )


def test_a_meeting_keeps_its_decisions_in_order():
    setup = council_setup()
    meeting = services.meeting_record(
        acting_user=setup.lead,
        council_id=setup.council.pk,
        held_on=timezone.localdate(),
        agenda="1. Showers\n2. Canteen",
        minutes="Discussed both.",
        decisions=["Ask the works department about the showers", "", "Canteen list to add fruit"],
    )
    assert [d.text for d in meeting.decisions.all()] == [
        "Ask the works department about the showers",
        "Canteen list to add fruit",
    ]
    with pytest.raises(ValidationError, match="not happened yet"):
        services.meeting_record(
            acting_user=setup.lead,
            council_id=setup.council.pk,
            held_on=timezone.localdate() + datetime.timedelta(days=3),
            agenda="Plans",
            decisions=["Something"],
        )
    with pytest.raises(ValidationError, match="agenda"):
        services.meeting_record(
            acting_user=setup.lead, council_id=setup.council.pk, held_on=timezone.localdate(), agenda="  "
        )


def test_a_council_belongs_to_a_prison_or_probation_service_only():
    setup = council_setup()
    admin = UserFactory(role=Role.ADMINISTRATOR)
    with pytest.raises(ValidationError, match="already has a council"):
        services.council_create(acting_user=admin, organisation_id=setup.prison.pk, name="prisoner COUNCIL")
    with pytest.raises(ValidationError, match="belongs to a prison"):
        services.council_create(acting_user=admin, organisation_id=admin.organisation_id, name="National")
    with pytest.raises(PermissionDenied):
        services.council_create(
            acting_user=setup.lead, organisation_id=EstablishmentFactory().pk, name="Someone else's"
        )
