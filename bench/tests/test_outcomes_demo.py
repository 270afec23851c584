"""Recorded outcomes, prison types and protected characteristics in the demo worlds
(bench.outcomes_demo, issue 16 §2): distributed realistically and differently by prison, keeping
the rules of release.services.checkpoint_record, and with published and suppressed cells."""

from __future__ import annotations

import datetime
import time
from collections import Counter, defaultdict

import pytest
from django.db.models import Q
from django.utils import timezone

from bench import dataset
from organisations.constants import EstablishmentType, OrganisationKind
from organisations.models import Organisation
from people.constants import EthnicGroup, Sex
from people.models import CustodyEpisode, ServiceUser
from release.constants import ASKS_EMPLOYMENT, Accommodation, CheckpointKind, Employment
from release.models import Checkpoint
from release.selectors import GRACE
from release.services import checkpoints_generate

pytestmark = pytest.mark.django_db

HOUSED = {Accommodation.SETTLED, Accommodation.OTHER_HOUSED, Accommodation.APPROVED_PREMISES}
PUBLISHABLE = 10  # fewer people than this and a public figure is suppressed


def _not_known(checkpoint: Checkpoint) -> bool:
    return checkpoint.recorded_at is None or checkpoint.late or checkpoint.accommodation == Accommodation.NOT_KNOWN


def _past_grace(today: datetime.date, kind: str | None = None) -> list[Checkpoint]:
    rows = Checkpoint.objects.filter(due_on__lt=today - GRACE).select_related("custody_episode")
    return list(rows.filter(kind=kind) if kind else rows)


def _by_prison(checkpoints: list[Checkpoint]) -> dict[int, list[Checkpoint]]:
    grouped: dict[int, list[Checkpoint]] = defaultdict(list)
    for checkpoint in checkpoints:
        grouped[checkpoint.custody_episode.establishment_id].append(checkpoint)
    return grouped


def _rate(checkpoints: list[Checkpoint], good: set[str], field: str = "accommodation") -> float:
    known = [c for c in checkpoints if not _not_known(c) and getattr(c, field) not in ("", "not_known")]
    if field == "employment":
        known = [c for c in known if c.employment != Employment.UNAVAILABLE]
    return sum(getattr(c, field) in good for c in known) / len(known)


def _checks_the_recording_rules(today: datetime.date) -> None:
    for checkpoint in Checkpoint.objects.filter(recorded_at__isnull=False):
        recorded_on = timezone.localdate(checkpoint.recorded_at)
        assert checkpoint.accommodation and checkpoint.recorded_by_id, checkpoint.pk
        assert checkpoint.due_on <= recorded_on <= today, checkpoint.pk
        assert checkpoint.late == (recorded_on > checkpoint.due_on + GRACE), checkpoint.pk
        assert bool(checkpoint.employment) == (checkpoint.kind in ASKS_EMPLOYMENT), checkpoint.pk
    assert (
        not Checkpoint.objects.filter(recorded_at__isnull=False, due_on__gte=today)
        .exclude(recorded_by__isnull=False)
        .exists()
    )


def test_the_small_world_records_outcomes_differently_in_every_prison():
    today = timezone.localdate()
    dataset.generate(size="small", today=today)
    prisons = set(Organisation.objects.filter(kind=OrganisationKind.ESTABLISHMENT).values_list("pk", flat=True))
    first_nights = _past_grace(today, CheckpointKind.FIRST_NIGHT)
    by_prison = _by_prison(first_nights)
    recorded = set(
        Checkpoint.objects.filter(recorded_at__isnull=False).values_list("custody_episode__establishment_id", flat=True)
    )
    assert recorded == prisons  # every prison has some recorded outcomes
    every = _past_grace(today)
    assert 0.10 <= sum(map(_not_known, every)) / len(every) <= 0.20
    assert 0.10 <= sum(map(_not_known, first_nights)) / len(first_nights) <= 0.20
    assert Checkpoint.objects.filter(late=True).exists()
    assert Checkpoint.objects.filter(recorded_at__isnull=False, accommodation=Accommodation.NOT_KNOWN).exists()
    assert Checkpoint.objects.filter(accommodation=Accommodation.ROUGH_SLEEPING).exists()
    # Housed on release: most, but not all; and not the same everywhere.
    housed = _rate(first_nights, HOUSED)
    assert 0.6 <= housed <= 0.9
    rates = [_rate(rows, HOUSED) for rows in by_prison.values() if len(rows) >= 15]
    assert len(rates) >= 2 and max(rates) - min(rates) >= 0.05
    settled = _rate(_past_grace(today, CheckpointKind.MONTH_3), {Accommodation.SETTLED})
    assert settled < housed
    employed = _rate(
        _past_grace(today, CheckpointKind.WEEK_6),
        {Employment.EMPLOYED},
        field="employment",
    )
    assert 0.08 <= employed <= 0.35
    week_6 = Counter(
        Checkpoint.objects.filter(kind=CheckpointKind.WEEK_6, recorded_at__isnull=False).values_list(
            "employment", flat=True
        )
    )
    assert week_6[Employment.EDUCATION] and week_6[Employment.UNAVAILABLE] and week_6[Employment.UNEMPLOYED]
    _checks_the_recording_rules(today)


def test_every_prison_has_a_type_and_everyone_protected_characteristics():
    dataset.generate(size="small", today=timezone.localdate(), with_resettlement=False)
    prisons = Organisation.objects.filter(kind=OrganisationKind.ESTABLISHMENT)
    assert not prisons.filter(establishment_type="").exists()
    for prison in prisons:
        prison.full_clean()  # a prison's type is required
    assert {EstablishmentType.RECEPTION_LOCAL, EstablishmentType.TRAINING, EstablishmentType.WOMEN} <= set(
        prisons.values_list("establishment_type", flat=True)
    )
    women = prisons.filter(establishment_type=EstablishmentType.WOMEN)
    held_by_women_prisons = ServiceUser.objects.filter(custody_episodes__establishment__in=women).distinct()
    assert held_by_women_prisons.exists()
    assert set(held_by_women_prisons.values_list("sex", flat=True)) == {Sex.FEMALE}
    men_prisons = CustodyEpisode.objects.exclude(establishment__in=women).values("person_id")
    sexes = Counter(ServiceUser.objects.filter(pk__in=men_prisons).values_list("sex", flat=True))
    assert sexes[Sex.MALE] / sexes.total() >= 0.9
    in_custody = Counter(
        ServiceUser.objects.filter(custody_episodes__isnull=False).distinct().values_list("sex", flat=True)
    )
    assert 0.85 <= in_custody[Sex.MALE] / in_custody.total() <= 0.98
    groups = Counter(ServiceUser.objects.values_list("ethnic_group", flat=True))
    assert groups[EthnicGroup.WHITE] / groups.total() > 0.6
    assert all(groups[g] for g in (EthnicGroup.BLACK, EthnicGroup.ASIAN, EthnicGroup.MIXED))
    disability = Counter(ServiceUser.objects.values_list("disability", flat=True))
    assert len(disability) == 3


def _last_complete_quarter_and_year(
    today: datetime.date,
) -> tuple[tuple[datetime.date, ...], tuple[datetime.date, ...]]:
    """Financial quarters run April–June, July–September, October–December and January–March."""
    starts = sorted(datetime.date(year, month, 1) for year in (today.year - 1, today.year) for month in (1, 4, 7, 10))
    this_quarter = max(s for s in starts if s <= today)
    last_quarter = max(s for s in starts if s < this_quarter)
    this_year = datetime.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    day = datetime.timedelta(days=1)
    return (last_quarter, this_quarter - day), (this_year.replace(year=this_year.year - 1), this_year - day)


@pytest.mark.parametrize(
    "today",
    [datetime.date(2026, 12, 8), datetime.date(2026, 4, 1), datetime.date(2026, 3, 31), datetime.date(2027, 7, 15)],
)
def test_the_small_world_has_published_and_suppressed_cells(today):
    dataset.generate(size="small", today=today, with_resettlement=False)
    checkpoints_generate()
    prisons = Organisation.objects.filter(kind=OrganisationKind.ESTABLISHMENT).count()
    for start, end in _last_complete_quarter_and_year(today):
        due = Counter(
            Checkpoint.objects.filter(kind=CheckpointKind.FIRST_NIGHT, due_on__gte=start, due_on__lte=end).values_list(
                "custody_episode__establishment_id", flat=True
            )
        )
        published = [n for n in due.values() if n >= PUBLISHABLE]
        assert len(published) >= 2, (start, end, due)
        assert prisons - len(published) >= 3, (start, end, due)  # the rest are suppressed (or empty)
        assert any(0 < n < PUBLISHABLE for n in due.values()), (start, end, due)


def test_the_national_world_records_outcomes_in_bulk_in_every_prison():
    today = datetime.date(2026, 6, 1)
    started = time.monotonic()
    dataset.generate(size="national", scale=0.002, chunk_size=150, today=today)
    took = time.monotonic() - started
    first_nights = _past_grace(today, CheckpointKind.FIRST_NIGHT)
    by_prison = _by_prison(first_nights)
    recorded = Checkpoint.objects.filter(recorded_at__isnull=False)
    assert recorded.count() > 0.7 * Checkpoint.objects.filter(due_on__lt=today).count()
    with_results = set(recorded.values_list("custody_episode__establishment_id", flat=True))
    assert with_results == set(by_prison)  # every prison with a past release has results
    every = _past_grace(today)
    assert 0.10 <= sum(map(_not_known, every)) / len(every) <= 0.20
    assert 0.6 <= _rate(first_nights, HOUSED) <= 0.9
    assert not Organisation.objects.filter(kind=OrganisationKind.ESTABLISHMENT, establishment_type="").exists()
    assert not ServiceUser.objects.filter(Q(sex="") | Q(ethnic_group="") | Q(disability="")).exists()
    _checks_the_recording_rules(today)
    assert took < 120


def test_the_demo_contracts_check_their_housing_and_work_outcomes_against_measures():
    dataset.generate(size="small", today=timezone.localdate(), with_resettlement=False)
    from organisations.models import ContractObligation

    measured = ContractObligation.objects.exclude(measure="")
    assert measured.filter(measure="housed_on_release", target_percent=75, direction="at_least").exists()
    for obligation in ContractObligation.objects.all():
        obligation.full_clean()
    assert ContractObligation.objects.filter(measure="").exists()  # the rest: "not measured"
