"""Synthetic councils and elections for the tests (invented names, prison numbers starting Z)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from accounts.constants import Role
from common.sealing import open_sealed
from councils import services
from councils.models import Ballot, Council, Election, SealedBallot
from tests.factories import CustodyEpisodeFactory, EstablishmentFactory, ServiceUserFactory, UserFactory


@dataclass
class Setup:
    prison: Any
    lead: Any
    council: Council
    people: list[Any]


def council_setup(*, people: int = 5, prison: Any = None, lead: Any = None) -> Setup:
    prison = prison or EstablishmentFactory()
    lead = lead or UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=prison)
    council = services.council_create(acting_user=lead, organisation_id=prison.pk, name="Prisoner council")
    in_custody = [
        CustodyEpisodeFactory(establishment=prison, person=ServiceUserFactory(given_name=f"Voter{n}")).person
        for n in range(people)
    ]
    return Setup(prison=prison, lead=lead, council=council, people=in_custody)


def election_voting(setup: Setup, *, seats: int = 2, candidates: int = 3) -> Election:
    """An election whose voter list is made and whose voting is open now."""
    now = timezone.now()
    election = services.election_create(
        acting_user=setup.lead,
        council_id=setup.council.pk,
        title="Council election",
        seats=seats,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    for person in setup.people[:candidates]:
        services.candidate_nominate(
            acting_user=setup.lead,
            election_id=election.pk,
            identifier=person.prison_number,
            statement=f"I will stand up for wing {person.pk}.",
        )
    services.election_open(acting_user=setup.lead, election_id=election.pk)
    election.refresh_from_db()
    return election


def cast(setup: Setup, election: Election, person: Any, choices: list[int], channel: str = "polling_station") -> None:
    voter = election.voters.get(person=person)
    services.ballot_cast(
        acting_user=setup.lead, election_id=election.pk, voter_id=voter.pk, candidate_ids=choices, channel=channel
    )


def ballots_in_box(election: Election | None = None) -> list[list[int]]:
    """Every stored ballot's choices, sealed (not yet mixed) or counted, sorted: what a test means
    by "the ballots stored" whatever the mixing batch (councils.models.Ballot)."""
    sealed = SealedBallot.objects.all() if election is None else SealedBallot.objects.filter(election=election)
    counted = Ballot.objects.all() if election is None else Ballot.objects.filter(election=election)
    opened = [
        open_sealed("councils.ballot", blob, scope=election_id)["choices"]
        for election_id, blob in sealed.values_list("election_id", "sealed")
    ]
    return sorted([*opened, *counted.values_list("choices", flat=True)])
