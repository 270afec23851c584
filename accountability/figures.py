"""The figures behind every scorecard, the public dashboard and `throughgate metrics`: each measure
counted per place at one level for one period, with the national benchmark, the contract's target,
the Wilson interval and the red/amber/green rating. Read from the record only through its selectors
(release.selectors, organisations.selectors); one grouped query per level, whatever the number of
places, so a national scorecard costs a handful of queries.

Levels and how a release is attributed to each (docs/measures.md, "Levels"):
- national: every release;
- establishment: the prison that released the person;
- region: the probation region that prison belongs to;
- delivery unit: the unit the prison handed the person over to (a release with no handover counts
  nationally, in its prison and its region, and in no unit);
- contract and provider: every contract under which the person had a referral accepted that was
  sent between their reception into custody and the checkpoint's date, and that contract's provider
  (a release may count for several; a provider counts each release once)."""

from __future__ import annotations

import datetime
import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from accountability.measures import (
    CHECKPOINT_MEASURES,
    MEASURES,
    RELEASE_MEASURES,
    RETURN_WINDOW_DAYS,
    VOICE_MEASURES,
    Figures,
    Measure,
    Outcome,
)
from accountability.stats import rag, wilson
from common.periods import Period
from mentoring import selectors as mentoring_selectors
from organisations import selectors as organisation_selectors
from organisations.constants import OrganisationKind, TargetDirection
from people import selectors as people_selectors
from release import selectors as release_selectors
from voice import selectors as voice_selectors


class Level(enum.StrEnum):
    NATIONAL = "national"
    ESTABLISHMENT = "establishment"
    REGION = "region"
    DELIVERY_UNIT = "delivery_unit"
    PROVIDER = "provider"
    CONTRACT = "contract"


LEVEL_LABELS = {
    Level.NATIONAL: "National",
    Level.ESTABLISHMENT: "Prisons",
    Level.REGION: "Probation regions",
    Level.DELIVERY_UNIT: "Probation delivery units",
    Level.PROVIDER: "Providers",
    Level.CONTRACT: "Contracts",
}
# The checkpoint group each level is counted by (release.selectors.FACT_GROUPS, REFERRAL_GROUPS).
GROUP_OF_LEVEL = {
    Level.ESTABLISHMENT: "establishment_id",
    Level.REGION: "region_id",
    Level.DELIVERY_UNIT: "unit_id",
    Level.PROVIDER: "provider_id",
    Level.CONTRACT: "contract_id",
}
KIND_OF_LEVEL = {
    Level.ESTABLISHMENT: OrganisationKind.ESTABLISHMENT,
    Level.REGION: OrganisationKind.PROBATION_REGION,
    Level.DELIVERY_UNIT: OrganisationKind.DELIVERY_UNIT,
    Level.PROVIDER: OrganisationKind.PROVIDER,
}
NATIONAL_CODE = "national"


@dataclass(frozen=True)
class Place:
    level: Level
    pk: int | None
    code: str  # what URLs and the command name it by: a prison's code, a contract's reference, else its id
    name: str
    establishment_type: str = ""
    region_pk: int | None = None
    obligations: tuple[dict[str, Any], ...] = ()


NATIONAL = Place(Level.NATIONAL, None, NATIONAL_CODE, "England and Wales")


@dataclass(frozen=True)
class Target:
    percent: Decimal
    direction: str

    @property
    def fraction(self) -> float:
        return float(self.percent) / 100

    def met_by(self, rate: float) -> bool:
        return rate >= self.fraction if self.direction == TargetDirection.AT_LEAST else rate <= self.fraction


@dataclass
class Cell:
    """One measure at one place for the period."""

    measure: Measure
    figures: Figures
    benchmark: float | None = None
    target: Target | None = None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson(self.figures.numerator, self.figures.denominator)

    @property
    def rag(self) -> str:
        target = None
        if self.target is not None:
            target = self.target.fraction
        return rag(
            self.interval, benchmark=self.benchmark, target=target, higher_is_better=self.measure.higher_is_better
        )

    @property
    def has_data(self) -> bool:
        return self.figures.in_scope > 0


@dataclass
class Row:
    place: Place
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass
class Scorecard:
    period: Period
    level: Level
    national: Row
    rows: list[Row]

    def row(self, code: str) -> Row | None:
        return next((r for r in self.rows if r.place.code == code), None)


@dataclass
class Reference:
    """The organisations and contracts every level is named and folded by, read once (two queries)
    and shared by every level of a scorecard, and the period's feedback answers (read once too)."""

    organisations: list[dict[str, Any]]
    contracts: list[dict[str, Any]]
    fft: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    placed: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def read(cls) -> Reference:
        return cls(organisation_selectors.reporting_places(), organisation_selectors.reporting_contracts())

    def fft_rows(self, period: Period) -> list[dict[str, Any]]:
        if period.key not in self.fft:
            self.fft[period.key] = voice_selectors.fft_answer_counts(month_from=period.start, month_to=period.end)
        return self.fft[period.key]


def places(level: Level, reference: Reference | None = None) -> list[Place]:
    """Every place reported at a level, in name order (contracts by reference)."""
    if level is Level.NATIONAL:
        return [NATIONAL]
    if level is Level.CONTRACT:
        return [
            Place(
                level, c["pk"], c["reference"], f"{c['reference']}: {c['title']}", obligations=tuple(c["obligations"])
            )
            for c in sorted(
                reference.contracts if reference else organisation_selectors.reporting_contracts(),
                key=lambda c: c["reference"],
            )
        ]
    kind = KIND_OF_LEVEL[level]
    return [
        Place(
            level,
            o["pk"],
            o["code"] or str(o["pk"]),
            o["name"],
            establishment_type=o["establishment_type"] or "",
            region_pk=o["region_id"],
        )
        for o in (reference.organisations if reference else organisation_selectors.reporting_places())
        if o["kind"] == kind
    ]


def place(level: Level, code: str) -> Place | None:
    return next((p for p in places(level) if p.code == code), None)


RESULT_FIELDS = ("kind", "accommodation", "employment", "late", "recorded", "pending")


def count_measures(
    checkpoint_rows: Iterable[dict[str, Any]],
    release_rows: Iterable[dict[str, Any]],
    group: tuple[str, ...],
    voice_rows: Iterable[dict[str, Any]] = (),
) -> dict[Any, dict[str, Figures]]:
    """Fold grouped checkpoint and release counts into each measure's Figures, per value of the
    group (one field: its value; several: a tuple; none: None). Rows outside every group value (a
    release with no handover, for delivery units) are left out."""
    by_kind: dict[str, list[Measure]] = defaultdict(list)
    for measure in CHECKPOINT_MEASURES:
        by_kind[measure.checkpoint_kind].append(measure)
    counted: dict[Any, dict[str, Figures]] = defaultdict(lambda: {key: Figures() for key in MEASURES})

    def key_of(row: dict[str, Any]) -> Any:
        values = tuple(row[g] for g in group)
        return None if not group else values[0] if len(group) == 1 else values

    # Many rows share a result (kind, accommodation, employment, late, recorded, pending): each is
    # classified once.
    classified: dict[tuple[Any, ...], list[tuple[str, Outcome]]] = {}
    for row in checkpoint_rows:
        key = key_of(row)
        if group and key is None:
            continue
        result = tuple(row[f] for f in RESULT_FIELDS)
        outcomes = classified.get(result)
        if outcomes is None:
            outcomes = classified[result] = [(m.key, m.classify(row)) for m in by_kind[row["kind"]]]
        for measure_key, outcome in outcomes:
            counted[key][measure_key].add(outcome, row["n"])
    for rows, measures in ((release_rows, RELEASE_MEASURES), (voice_rows, VOICE_MEASURES)):
        for row in rows:
            key = key_of(row)
            if group and key is None:
                continue
            for measure in measures:
                counted[key][measure.key].add(measure.classify(row), row["n"])
    return counted


# Voice answers are placed by the organisation (or contract) the survey was about; what each group
# field means for them. Anonymous answers have no person, so no protected characteristic.
VOICE_GROUPS = ("establishment_id", "region_id", "unit_id", "provider_id", "contract_id", "month")


def voice_rows(period: Period, group: tuple[str, ...], reference: Reference) -> list[dict[str, Any]]:
    """The period's Friends and Family Test answers, with the group fields worked out from where
    they were given: a prison's, a delivery unit's or a region's survey counts in its region; a
    provider's, or one about a contract, for the provider. Empty when grouped by a characteristic.
    Worked out once per period and reference, whatever the level."""
    if any(name not in VOICE_GROUPS for name in group):
        return []
    if period.key in reference.placed:
        return reference.placed[period.key]
    organisations = {o["pk"]: o for o in reference.organisations}
    contract_provider = {c["pk"]: c["provider_id"] for c in reference.contracts}
    rows = []
    for row in reference.fft_rows(period):
        org = organisations.get(row["organisation_id"]) or {}
        kind = org.get("kind")
        region = org.get("pk") if kind == OrganisationKind.PROBATION_REGION else org.get("region_id")
        provider = org.get("pk") if kind == OrganisationKind.PROVIDER else contract_provider.get(row["contract_id"])
        rows.append(
            {
                **row,
                "establishment_id": org.get("pk") if kind == OrganisationKind.ESTABLISHMENT else None,
                "region_id": region,
                "unit_id": org.get("pk") if kind == OrganisationKind.DELIVERY_UNIT else None,
                "provider_id": provider,
            }
        )
    reference.placed[period.key] = rows
    return rows


def figures_by(
    period: Period, *, today: datetime.date, group: tuple[str, ...], reference: Reference | None = None
) -> dict[Any, dict[str, Figures]]:
    """Every measure for the period, per value of the group fields (release.selectors.FACT_GROUPS
    and people.selectors.RELEASE_GROUPS share their names). Two queries."""
    checkpoint_rows = release_selectors.checkpoint_fact_counts(
        due_from=period.start, due_to=period.end, today=today, by=group
    )
    flags = {
        "mentored": mentoring_selectors.mentor_allocated_by_release(),
        "returned": people_selectors.returned_to_custody_within(RETURN_WINDOW_DAYS),
        "window_ended": people_selectors.released_on_or_before(today - datetime.timedelta(days=RETURN_WINDOW_DAYS)),
    }
    release_rows = people_selectors.release_counts(
        released_from=period.start, released_to=period.end, flags=flags, by=group
    )
    voice = voice_rows(period, group, reference or Reference.read()) if not set(group) - set(VOICE_GROUPS) else []
    return count_measures(checkpoint_rows, release_rows, group, voice)


def level_figures(
    level: Level, period: Period, *, today: datetime.date, reference: Reference | None = None
) -> dict[Any, dict[str, Figures]]:
    """{place pk (None for national): {measure key: Figures}} for one level and period."""
    group = GROUP_OF_LEVEL.get(level)
    return figures_by(period, today=today, group=(group,) if group else (), reference=reference)


def _target(place: Place, key: str) -> Target | None:
    for obligation in place.obligations:
        if obligation["measure"] == key and obligation["target_percent"] is not None:
            return Target(obligation["target_percent"], obligation["direction"])
    return None


def _row(place: Place, figures: dict[str, Figures] | None, benchmark: dict[str, float | None]) -> Row:
    row = Row(place)
    for key, measure in MEASURES.items():
        counted = figures[key] if figures else Figures()
        row.cells[key] = Cell(measure, counted, benchmark=benchmark.get(key), target=_target(place, key))
    return row


def scorecard(
    level: Level,
    period: Period,
    *,
    today: datetime.date,
    codes: Iterable[str] | None = None,
    national: dict[str, Figures] | None = None,
    reference: Reference | None = None,
    counted: dict[Any, dict[str, Figures]] | None = None,
) -> Scorecard:
    """Every place at the level (or only those with the codes given), each measure against the
    national benchmark for the same period and, for a contract, its target. `national`: the
    national figures, and `reference` the organisations, when already read."""
    reference = reference or Reference.read()
    national_figures = national or level_figures(Level.NATIONAL, period, today=today, reference=reference)[None]
    benchmark = {key: f.rate for key, f in national_figures.items()}
    national_row = _row(NATIONAL, national_figures, benchmark)
    if level is Level.NATIONAL:
        return Scorecard(period, level, national_row, [national_row])
    wanted = set(codes) if codes is not None else None
    if counted is None:
        counted = level_figures(level, period, today=today, reference=reference)
    rows = [
        _row(p, counted.get(p.pk), benchmark) for p in places(level, reference) if wanted is None or p.code in wanted
    ]
    return Scorecard(period, level, national_row, rows)


def every_scorecard(period: Period, *, today: datetime.date) -> dict[Level, Scorecard]:
    """The whole national picture for a period: every level's scorecard. The organisations and the
    feedback answers are read once; the nation's and the regions' record measures are added up from
    the prisons' (every release has a releasing prison), so only the prisons, delivery units,
    contracts and providers are counted by the database."""
    reference = Reference.read()
    by_prison = level_figures(Level.ESTABLISHMENT, period, today=today, reference=reference)
    region_of = {o["pk"]: o["region_id"] for o in reference.organisations}
    national = count_measures([], [], (), voice_rows(period, (), reference))[None]
    by_region = count_measures([], [], ("region_id",), voice_rows(period, ("region_id",), reference))
    for prison, figures in by_prison.items():
        region = region_of.get(prison)
        for measure in (*CHECKPOINT_MEASURES, *RELEASE_MEASURES):
            national[measure.key] += figures[measure.key]
            if region is not None:
                by_region[region][measure.key] += figures[measure.key]
    given = {Level.ESTABLISHMENT: by_prison, Level.REGION: by_region}
    return {
        level: scorecard(level, period, today=today, national=national, reference=reference, counted=given.get(level))
        for level in Level
    }
