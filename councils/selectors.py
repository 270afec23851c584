"""Reads for councils and elections. The count lives here: `count_ballots` is the one function
that turns stored ballots into totals, used both when a result is published and whenever anyone
asks to verify it, so the two can only differ if the stored ballots or totals were changed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.constants import ElectionStatus
from councils.models import (
    Ballot,
    Candidate,
    Council,
    Election,
    Meeting,
    Membership,
    ResultTotal,
    SealedBallot,
    Voter,
    VoterMark,
)
from councils.secrecy import ballot_digest, voter_digest
from organisations.constants import OrganisationKind
from organisations.models import Organisation
from people.models import ServiceUser


def eligible_people(*, organisation: Organisation) -> QuerySet[ServiceUser]:
    """The people a council's body serves now: in custody at the prison, or with an open probation
    case in the delivery unit (or any delivery unit of the region). They may sit on its council,
    stand in its elections and vote in them."""
    if organisation.kind == OrganisationKind.ESTABLISHMENT:
        people = ServiceUser.objects.filter(
            custody_episodes__establishment=organisation, custody_episodes__released_on__isnull=True
        )
    elif organisation.kind == OrganisationKind.DELIVERY_UNIT:
        people = ServiceUser.objects.filter(
            probation_cases__delivery_unit=organisation, probation_cases__ended_on__isnull=True
        )
    elif organisation.kind == OrganisationKind.PROBATION_REGION:
        people = ServiceUser.objects.filter(
            probation_cases__delivery_unit__region=organisation, probation_cases__ended_on__isnull=True
        )
    else:
        people = ServiceUser.objects.none()
    return people.distinct()


def eligible_person_find(*, organisation: Organisation, identifier: str) -> ServiceUser:
    """The person with this prison number or case reference number among those the body serves."""
    identifier = identifier.strip().upper()
    person = eligible_people(organisation=organisation).filter(prison_number=identifier).first()
    person = person or eligible_people(organisation=organisation).filter(crn=identifier).first()
    if person is None:
        raise ValidationError(
            {
                "identifier": _(
                    "No one with that prison number or case reference number is in custody at, or supervised by, "
                    "%(place)s"
                )
                % {"place": organisation.name}
            }
        )
    return person


def council_list() -> QuerySet[Council]:
    return Council.objects.select_related("organisation").order_by("organisation__name", "name")


def council_get(*, council_id: int) -> Council:
    return Council.objects.select_related("organisation").get(pk=council_id)


@dataclass
class CouncilPage:
    council: Council
    current: list[Membership]
    past: list[Membership]
    meetings: list[Meeting]
    elections: list[Election]


def council_page(*, council: Council) -> CouncilPage:
    memberships = list(council.memberships.select_related("person").order_by("term_starts_on", "id"))
    meetings = list(council.meetings.prefetch_related(Prefetch("decisions")))
    return CouncilPage(
        council=council,
        current=[m for m in memberships if m.is_current],
        past=[m for m in memberships if not m.is_current],
        meetings=meetings,
        elections=list(council.elections.all()),
    )


def membership_get(*, council: Council, membership_id: int) -> Membership:
    return council.memberships.select_related("person").get(pk=membership_id)


def election_get(*, election_id: int) -> Election:
    return Election.objects.select_related("council__organisation", "vacancy__person").get(pk=election_id)


def candidates_standing(*, election: Election) -> list[Candidate]:
    return list(election.candidates.filter(withdrawn_at__isnull=True).select_related("person"))


def candidates_all(*, election: Election) -> list[Candidate]:
    return list(election.candidates.select_related("person"))


@dataclass
class VoterLine:
    voter: Voter
    has_voted: bool


def voter_list(*, election: Election) -> list[VoterLine]:
    """The marked register: who is on the list and whether they have voted (never how)."""
    marks = set(VoterMark.objects.filter(election=election).values_list("voter_digest", flat=True))
    return [
        VoterLine(voter=v, has_voted=voter_digest(election_id=election.pk, person_id=v.person_id) in marks)
        for v in election.voters.select_related("person")
    ]


def voters_yet_to_vote(*, election: Election) -> list[Voter]:
    return [line.voter for line in voter_list(election=election) if not line.has_voted]


def voter_get(*, election: Election, voter_id: int) -> Voter:
    return election.voters.select_related("person").get(pk=voter_id)


def elections_open_to_person(*, person_id: int, now: Any = None) -> list[Election]:
    """The elections this person can vote in now from their own view: they are on the voter list,
    voting is open, and they have not voted (their keyed mark is not there). Soonest to close first."""
    now = now or timezone.now()
    elections = list(
        Election.objects.filter(
            voters__person_id=person_id,
            voter_list_made_at__isnull=False,
            closed_at__isnull=True,
            published_at__isnull=True,
            opens_at__lte=now,
            closes_at__gt=now,
        )
        .select_related("council")
        .order_by("closes_at", "pk")
    )
    digests = {e.pk: voter_digest(election_id=e.pk, person_id=person_id) for e in elections}
    marked = set(VoterMark.objects.filter(voter_digest__in=digests.values()).values_list("voter_digest", flat=True))
    return [e for e in elections if digests[e.pk] not in marked]


def election_for_voter(*, election_id: int, person_id: int) -> Election | None:
    """The election, if this person is on its voter list; None otherwise (no such election, or not theirs)."""
    return Election.objects.filter(pk=election_id, voters__person_id=person_id).select_related("council").first()


def person_has_voted(*, election: Election, person_id: int) -> bool:
    """Whether this person's keyed mark is there, so their own view can say they have voted."""
    return VoterMark.objects.filter(voter_digest=voter_digest(election_id=election.pk, person_id=person_id)).exists()


def voting_refusal(*, election: Election, now: Any = None) -> str | None:
    """Why no ballot can be taken now, or None when voting is open."""
    status = election.status(now or timezone.now())
    if status == ElectionStatus.VOTING:
        return None
    if status in (ElectionStatus.NOMINATIONS, ElectionStatus.SCHEDULED):
        return _("Voting has not opened yet. It opens at %(when)s.") % {
            "when": timezone.localtime(election.opens_at).strftime("%H:%M on %d %B %Y")
        }
    return _("Voting has closed, so no more ballots can be taken.")


def count_ballots(*, candidate_ids: Iterable[int], ballots: Iterable[list[int]]) -> dict[int, int]:
    """Totals per candidate: one vote for each candidate chosen on each ballot. Every candidate
    has a total, zero included."""
    totals = dict.fromkeys(candidate_ids, 0)
    counted = Counter(choice for choices in ballots for choice in choices)
    for candidate_id, votes in counted.items():
        totals[candidate_id] = totals.get(candidate_id, 0) + votes
    return totals


@dataclass
class Outcome:
    elected: set[int] = field(default_factory=set)
    tied: set[int] = field(default_factory=set)


def decide(*, totals: dict[int, int], seats: int) -> Outcome:
    """Who the count elects. The `seats` candidates with most votes win; where candidates tie for
    the last seat(s) and there are not enough seats for all of them, none of the tied candidates is
    elected by the count and the tie is noted, for the council's rules (a new vote, or lots) to
    settle."""
    ordered = sorted(totals.values(), reverse=True)
    if len(ordered) <= seats:
        return Outcome(elected=set(totals))
    cutoff = ordered[seats - 1]
    above = {c for c, v in totals.items() if v > cutoff}
    at = {c for c, v in totals.items() if v == cutoff}
    if len(above) + len(at) <= seats:
        return Outcome(elected=above | at)
    return Outcome(elected=above, tied=at)


def election_count(*, election: Election) -> dict[int, int]:
    """The count re-run from the stored ballots, over the candidates standing. Refused while any
    ballot is still sealed (not yet mixed into the count): a count then would leave those voters
    out, and would say how the last few voted by the difference from a later count."""
    if SealedBallot.objects.filter(election=election).exists():
        raise ValidationError(_("Some ballots are still in the sealed box. Close voting before counting."))
    return count_ballots(
        candidate_ids=[c.pk for c in candidates_standing(election=election)],
        ballots=Ballot.objects.filter(election=election).values_list("choices", flat=True),
    )


def result_totals(*, election: Election) -> list[ResultTotal]:
    return list(election.totals.select_related("candidate__person"))


@dataclass
class Verification:
    published: dict[int, int]
    recounted: dict[int, int]
    ballots: list[dict[str, Any]]

    @property
    def matches(self) -> bool:
        return self.published == self.recounted


def election_verify(*, election: Election) -> Verification:
    """Re-run the count from the stored ballots and set it beside the published totals, with every
    ballot (in the order of its fingerprint, which says nothing of when it came) so that anyone can
    count them again by hand."""
    names = {c.pk: public_name(c.person) for c in candidates_all(election=election)}
    ballots: list[dict[str, Any]] = [
        {"digest": ballot_digest(ballot_id=b.pk, choices=b.choices), "choices": sorted(names[c] for c in b.choices)}
        for b in Ballot.objects.filter(election=election)
    ]
    ballots.sort(key=lambda b: str(b["digest"]))
    return Verification(
        published={t.candidate_id: t.votes for t in election.totals.all()},
        recounted=election_count(election=election),
        ballots=ballots,
    )


def public_name(person: ServiceUser) -> str:
    """How the public board names a person: first name and the initial of their last name, so that
    a board anyone can open does not publish full names of people in prison or on probation."""
    return f"{person.given_name} {person.family_name[:1]}."


@dataclass
class Board:
    council: Council
    members: list[Membership]
    meetings: list[Meeting]
    elections: list[Election]


def board(*, council: Council) -> Board:
    return Board(
        council=council,
        members=list(council.memberships.filter(left_on__isnull=True).select_related("person")),
        meetings=list(council.meetings.prefetch_related("decisions")[:20]),
        elections=list(council.elections.filter(published_at__isnull=False)),
    )
