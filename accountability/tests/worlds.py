"""A small world whose figures were worked out by hand (accountability/tests/test_figures.py), for
the figures, the pages and the command.

Period 2025-q1 (April to June 2025), seen on 8 December 2026. First-night checkpoints:
- Prison A (region North): settled, homeless, approved premises, recorded "not known", never
  recorded → housed 2 of 3 known-housed-or-not; 3 known of 5 in scope.
- Prison B (region North): rough sleeping, other housed, settled but recorded late, and homeless
  (a person whose only referral was sent before their reception) → housed 1 of 3; 3 known of 4.
- Prison C (region South): settled; and a same-day recall (released and received again that day),
  settled, which is out of scope → housed 1 of 1; 1 known of 1.
National: housed 4 of 7, known 7 of 10. North 3 of 6, known 6 of 9. South 1 of 1.
6-week checkpoints (prison A): employed, unemployed, unavailable, education → 1 of 3, known 4 of 4.
Handovers: A's settled and homeless releases went to unit North-1 → housed 1 of 2 there.
A referral under contract HOUSE-1 accepted for A's settled and A's homeless people (sent after
reception, before the checkpoint) → housed 1 of 2 for the contract and its provider.
Releases in the period (all on 10 April 2025): A 9, B 4, C 1 (the same-day recall is out of scope);
A's homeless person is received again on 1 September 2025 → back in custody within 12 months: 1 of
9 at A, 1 of 14 nationally. Nobody had a mentor: 0 of 14."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.utils import timezone

from accounts.constants import Role
from accounts.models import User
from organisations.constants import EstablishmentType, Pathway
from organisations.models import Contract, Organisation
from people.models import CustodyEpisode
from referrals.models import Referral
from release.constants import CheckpointKind
from release.models import Checkpoint, Handover
from tests.factories import (
    ContractFactory,
    CustodyEpisodeFactory,
    DeliveryUnitFactory,
    EstablishmentFactory,
    ProviderFactory,
    RegionFactory,
    ServiceUserFactory,
    UserFactory,
)
from voice.models import Response, Survey, SurveyVersion

TODAY = datetime.date(2026, 12, 8)
PERIOD_KEY = "2025-q1"
RELEASED = datetime.date(2025, 4, 10)


@dataclass
class World:
    north: Organisation
    south: Organisation
    a: Organisation
    b: Organisation
    c: Organisation
    unit: Organisation
    contract: Contract
    officer: User


def _release(prison: Organisation, *, released: datetime.date = RELEASED) -> CustodyEpisode:
    return CustodyEpisodeFactory(establishment=prison, received_on=datetime.date(2024, 6, 1), released_on=released)


def _checkpoint(
    episode: CustodyEpisode,
    officer: User,
    *,
    kind: str = CheckpointKind.FIRST_NIGHT,
    accommodation: str = "",
    employment: str = "",
    late: bool = False,
) -> Checkpoint:
    days = {CheckpointKind.FIRST_NIGHT: 1, CheckpointKind.WEEK_6: 42}[kind]
    recorded = bool(accommodation)
    return Checkpoint.objects.create(
        custody_episode=episode,
        person=episode.person,
        kind=kind,
        due_on=episode.released_on + datetime.timedelta(days=days),
        accommodation=accommodation,
        employment=employment,
        late=late,
        recorded_at=timezone.now() if recorded else None,
        recorded_by=officer if recorded else None,
        answerable=episode.establishment,
    )


def _accepted_referral(episode: CustodyEpisode, contract: Contract, officer: User, *, sent: datetime.date) -> None:
    """A referral for the episode's person under the contract, sent by their prison and accepted."""
    sent_at = timezone.make_aware(datetime.datetime.combine(sent, datetime.time(10)))
    Referral.objects.create(
        person=episode.person,
        contract=contract,
        provider=contract.provider,
        pathway=Pathway.ACCOMMODATION,
        details="Somewhere to live",
        sent_at=sent_at,
        sent_by=officer,
        referring_organisation=episode.establishment,
        accepted_at=sent_at + datetime.timedelta(days=2),
        accepted_by=officer,
    )


def feedback(world: World, organisation: Organisation, answers: list[tuple[datetime.date, str]]) -> None:
    """Mixed responses to a survey about the organisation, one per (month, overall-experience answer)."""
    survey = Survey.objects.create(
        title="Your say",
        owner=organisation,
        about=organisation,
        audience="in_custody",
        eligibility="open",
        created_by=world.officer,
    )
    version = SurveyVersion.objects.create(
        survey=survey,
        number=1,
        definition={"questions": [{"id": "overall", "type": "fft", "required": True, "text": {}, "easy_read": {}}]},
        created_by=world.officer,
    )
    for index, (month, value) in enumerate(answers):
        Response.objects.create(
            version=version,
            organisation=organisation,
            month=month,
            channel="paper",
            answers={"overall": value},
            submission_digest=hashlib.sha256(f"{organisation.pk}-{index}".encode()).hexdigest(),
        )


def hand_worked_world() -> World:
    north = RegionFactory(name="North")
    south = RegionFactory(name="South")
    a = EstablishmentFactory(name="HMP Alder", code="ZZA", region=north, establishment_type=EstablishmentType.TRAINING)
    b = EstablishmentFactory(name="HMP Birch", code="ZZB", region=north, establishment_type=EstablishmentType.TRAINING)
    c = EstablishmentFactory(
        name="HMP Cedar", code="ZZC", region=south, establishment_type=EstablishmentType.RECEPTION_LOCAL
    )
    unit = DeliveryUnitFactory(name="North-1 PDU", region=north)
    officer = UserFactory(role=Role.PRISON_STAFF, organisation=a)
    contract = ContractFactory(reference="HOUSE-1", provider=ProviderFactory(name="Roofs Trust"), region=north)

    settled_a = _release(a)
    _checkpoint(settled_a, officer, accommodation="settled")
    homeless_a = _release(a)
    _checkpoint(homeless_a, officer, accommodation="homeless")
    _checkpoint(_release(a), officer, accommodation="approved_premises")
    _checkpoint(_release(a), officer, accommodation="not_known")
    _checkpoint(_release(a), officer)
    for employment in ("employed", "unemployed", "unavailable", "education"):
        _checkpoint(_release(a), officer, kind=CheckpointKind.WEEK_6, accommodation="settled", employment=employment)

    _checkpoint(_release(b), officer, accommodation="rough_sleeping")
    _checkpoint(_release(b), officer, accommodation="other_housed")
    _checkpoint(_release(b), officer, accommodation="settled", late=True)

    _checkpoint(_release(c), officer, accommodation="settled")
    recalled = _release(c)
    _checkpoint(recalled, officer, accommodation="settled")
    CustodyEpisodeFactory(person=recalled.person, establishment=c, received_on=RELEASED, released_on=None)

    for episode in (settled_a, homeless_a):
        Handover.objects.create(
            custody_episode=episode,
            person=episode.person,
            from_organisation=a,
            to_organisation=unit,
            handover_on=RELEASED,
            recorded_by=officer,
        )
        _accepted_referral(episode, contract, officer, sent=datetime.date(2025, 3, 1))
    # Back in custody five months after release: counts against prison A within 12 months.
    CustodyEpisodeFactory(person=homeless_a.person, establishment=b, received_on=datetime.date(2025, 9, 1))
    # A referral to the same contract sent before this person's reception does not attribute.
    early = _release(b)
    _accepted_referral(early, contract, officer, sent=datetime.date(2024, 1, 1))
    _checkpoint(early, officer, accommodation="homeless")
    return World(north, south, a, b, c, unit, contract, officer)


__all__ = ["PERIOD_KEY", "TODAY", "World", "hand_worked_world", "ServiceUserFactory"]
