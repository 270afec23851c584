"""What the public dashboard and `throughgate metrics --public` publish: every public cell of a
financial year computed together, so that each figure is published the same whichever page or
download asks for it, and hidden where differencing could recover a hidden one
(accountability.disclosure.protect).

The families checked, for each measure and for the year and each of its begun quarters:
- the nation and its prisons; the nation and its regions (when every prison has a region); each
  region and its prisons;
- every place's year and its quarters (the nation, each prison, region and provider).
Providers are not a partition of the nation (a release may count for several providers or none), so
no sum links them to the nation."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from accountability.disclosure import PublicFigures, protect
from accountability.figures import (
    NATIONAL_CODE,
    Level,
    Place,
    Reference,
    count_measures,
    figures_by,
    places,
    voice_rows,
)
from accountability.measures import CHECKPOINT_MEASURES, MEASURES, RELEASE_MEASURES, VOICE_MEASURES, Figures
from accountability.models import PublishedTable
from accountability.stats import Rag, rag
from common.periods import Period, quarters_of, year_of

PUBLIC_LEVELS = (Level.NATIONAL, Level.ESTABLISHMENT, Level.REGION, Level.PROVIDER)
Key = tuple[str, str, str]  # (level, code, period key)


def _families(periods: list[Period], year: Period, levels: dict[Level, list[Any]]) -> list[tuple[Key, list[Key]]]:
    prisons = levels[Level.ESTABLISHMENT]
    regions = levels[Level.REGION]
    families: list[tuple[Key, list[Key]]] = []
    for period in periods:
        p = period.key
        national: Key = (Level.NATIONAL, NATIONAL_CODE, p)
        families.append((national, [(Level.ESTABLISHMENT, e.code, p) for e in prisons]))
        region_of = {e.code: e.region_pk for e in prisons}
        if all(region_of.values()):
            families.append((national, [(Level.REGION, r.code, p) for r in regions]))
        for r in regions:
            members: list[Key] = [(Level.ESTABLISHMENT, e.code, p) for e in prisons if e.region_pk == r.pk]
            if members:
                families.append(((Level.REGION, r.code, p), members))
    quarters = [q for q in periods if q.key != year.key]
    for level, found in levels.items():
        for place in found:
            families.append(((level, place.code, year.key), [(level, place.code, q.key) for q in quarters]))
    return families


def _voice_by(period: Period, group: tuple[str, ...], reference: Reference) -> dict[Any, dict[str, Figures]]:
    """Feedback answers alone, grouped (no query beyond the reference's one read of them)."""
    counted = count_measures([], [], group, voice_rows(period, group, reference))
    return {key if isinstance(key, tuple) else (key,): figures for key, figures in counted.items()}


def _year_cells(
    periods: list[Period], levels: dict[Level, list[Place]], *, today: datetime.date, reference: Reference
) -> dict[str, dict[Key, Figures]]:
    """Every public cell's true figures for a financial year and its quarters, from four grouped
    reads (checkpoints and releases, by month and prison, and by month and provider): a prison's
    figures add up to its region's and the nation's, and a month's to its quarter's and year's."""
    year = periods[0]
    quarter_of = {}
    for quarter in periods[1:]:
        month = quarter.start
        while month <= quarter.end:
            quarter_of[month] = quarter.key
            month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    cells: dict[str, dict[Key, Figures]] = {key: {} for key in MEASURES}
    for level, found in levels.items():
        for place in found:
            for period in periods:
                for key in MEASURES:
                    cells[key][(level, place.code, period.key)] = Figures()
    prisons = {p.pk: p for p in levels[Level.ESTABLISHMENT]}
    regions = {p.pk: p for p in levels[Level.REGION]}
    providers = {p.pk: p for p in levels[Level.PROVIDER]}

    def add(
        targets: list[tuple[Level, str]], month: datetime.date, figures: dict[str, Figures], keys: Iterable[str]
    ) -> None:
        for period_key in (year.key, quarter_of.get(month)):
            if period_key is None:
                continue
            for level, code in targets:
                for key in keys:
                    cells[key][(level, code, period_key)] += figures[key]

    # The record measures: every release has a releasing prison, so a prison's add up to its
    # region's and the nation's. Feedback is given at delivery units and providers too, so the
    # nation's and the regions' feedback is counted from the answers themselves.
    record = [m.key for m in (*CHECKPOINT_MEASURES, *RELEASE_MEASURES)]
    voice = [m.key for m in VOICE_MEASURES]
    for (month, prison_pk), figures in figures_by(
        year, today=today, group=("month", "establishment_id"), reference=reference
    ).items():
        prison = prisons.get(prison_pk)
        if prison is None:
            continue
        add([(Level.ESTABLISHMENT, prison.code)], month, figures, MEASURES)
        wider = [(Level.NATIONAL, NATIONAL_CODE)]
        if prison.region_pk in regions:
            wider.append((Level.REGION, regions[prison.region_pk].code))
        add(wider, month, figures, record)
    for (month,), figures in _voice_by(year, ("month",), reference).items():
        add([(Level.NATIONAL, NATIONAL_CODE)], month, figures, voice)
    for (month, region_pk), figures in _voice_by(year, ("month", "region_id"), reference).items():
        if region_pk in regions:
            add([(Level.REGION, regions[region_pk].code)], month, figures, voice)
    for (month, provider_pk), figures in figures_by(
        year, today=today, group=("month", "provider_id"), reference=reference
    ).items():
        if provider_pk in providers:
            add([(Level.PROVIDER, providers[provider_pk].code)], month, figures, MEASURES)
    return cells


def publication(
    period: Period, *, today: datetime.date, reference: Reference | None = None
) -> dict[str, dict[Key, PublicFigures]]:
    """{measure key: {(level, code, period key): published figures}} for every public cell of the
    financial year holding `period` (the year and its begun quarters)."""
    year = year_of(period, today=today)
    periods = [year, *(q for q in quarters_of(year, today=today) if q.start <= today)]
    reference = reference or Reference.read()
    levels: dict[Level, list[Place]] = {level: places(level, reference) for level in PUBLIC_LEVELS}
    cells = _year_cells(periods, levels, today=today, reference=reference)
    families = _families(periods, year, levels)
    return {key: protect(cells[key], families) for key in MEASURES}


def _cell(shown: PublicFigures, national: PublicFigures, higher_is_better: bool) -> dict[str, Any]:
    benchmark = national.rate
    rating: str | None = None
    if shown.suppressed:
        rating = "*"
    elif isinstance(shown.ci_low, float) and isinstance(shown.ci_high, float) and isinstance(benchmark, float):
        rating = rag((shown.ci_low, shown.ci_high), benchmark=benchmark, higher_is_better=higher_is_better)
    elif shown.in_scope != 0:
        rating = Rag.TOO_FEW
    return {
        "numerator": shown.numerator,
        "denominator": shown.denominator,
        "in_scope": shown.in_scope,
        "rate": shown.rate,
        "known_rate": shown.known_rate,
        "ci_low": shown.ci_low,
        "ci_high": shown.ci_high,
        "benchmark": benchmark,
        "rag": rating,
    }


def _tables(
    published: dict[str, dict[Key, PublicFigures]], periods: list[Period], reference: Reference
) -> dict[tuple[str, Level], list[dict[str, Any]]]:
    tables: dict[tuple[str, Level], list[dict[str, Any]]] = {}
    for period in periods:
        national_key: Key = (Level.NATIONAL, NATIONAL_CODE, period.key)
        for level in PUBLIC_LEVELS:
            rows = []
            for place in places(level, reference):
                key: Key = (level, place.code, period.key)
                measures = {
                    m: _cell(published[m][key], published[m][national_key], MEASURES[m].higher_is_better)
                    for m in MEASURES
                }
                rows.append({"code": place.code, "name": place.name, "measures": measures})
            tables[(period.key, level)] = rows
    return tables


def publish(period: Period, *, today: datetime.date) -> dict[tuple[str, Level], list[dict[str, Any]]]:
    """Make and store today's publication of the financial year holding `period` (every public
    level and every period of the year), replacing the year's earlier ones. Two requests racing to
    publish the same day store one; the other's work is dropped."""
    year = year_of(period, today=today)
    periods = [year, *(q for q in quarters_of(year, today=today) if q.start <= today)]
    reference = Reference.read()
    tables = _tables(publication(period, today=today, reference=reference), periods, reference)
    with transaction.atomic():
        PublishedTable.objects.filter(year=year.key).exclude(made_on=today).delete()
        PublishedTable.objects.bulk_create(
            [
                PublishedTable(year=year.key, made_on=today, period=period_key, level=level, rows=rows)
                for (period_key, level), rows in tables.items()
            ],
            ignore_conflicts=True,
        )
    return tables


def public_tables(
    period: Period, *, today: datetime.date, levels: tuple[Level, ...]
) -> dict[Level, list[dict[str, Any]]]:
    """{level: rows} of the public figures for the period, as published today: read from today's
    publication, made first if there is none yet."""
    for level in levels:
        if level not in PUBLIC_LEVELS:
            raise ValueError(f"{level} is not published")
    stored = {
        row.level: row.rows
        for row in PublishedTable.objects.filter(made_on=today, period=period.key, level__in=[str(x) for x in levels])
    }
    if len(stored) == len(set(levels)):
        return {level: stored[str(level)] for level in levels}
    made = publish(period, today=today)
    return {level: made[(period.key, level)] for level in levels}


def public_data(level: Level, period: Period, *, today: datetime.date) -> dict[str, Any]:
    """The public scorecard for a level and period, shaped as accountability.publish.scorecard_data."""
    rows = public_tables(period, today=today, levels=(level,))[level]
    return {"period": period.key, "level": str(level), "rows": rows}
