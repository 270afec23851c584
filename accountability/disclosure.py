"""Disclosure control for every public output (ENGINEERING.md, "Disclosure control"; docs/measures.md).

- Nothing for fewer than 10 people: a cell whose people in scope are under 10 shows no figure.
- Counts from 1 to 7 are shown as `*`; every other count is rounded to the nearest 5 (0 stays 0).
- Percentages are worked out from the rounded counts, never from the true ones.
- Periods and levels are fixed (common.periods), so no suppressed figure can be recovered by taking
  one published figure from another: rounding every published count independently leaves any
  difference uncertain by more than the range a suppressed count could take (the property tests in
  accountability/tests/test_disclosure.py attack it).

A suppressed value is the string "*", never a number, wherever it goes (page, CSV or JSON)."""

from __future__ import annotations

from dataclasses import dataclass

from accountability.measures import Figures
from accountability.stats import wilson

SUPPRESSED = "*"
MIN_PEOPLE = 10
SMALLEST_SHOWN = 8
ROUND_TO = 5

Shown = int | str
ShownRate = float | str | None


def round_count(count: int) -> Shown:
    """A count as the public may see it: 0, `*` for 1 to 7, otherwise to the nearest 5 (halves up)."""
    if count < 0:
        raise ValueError("A count cannot be negative")
    if count == 0:
        return 0
    if count < SMALLEST_SHOWN:
        return SUPPRESSED
    return ROUND_TO * ((count + ROUND_TO // 2) // ROUND_TO)


@dataclass(frozen=True)
class PublicFigures:
    """One measure in one cell, as published: every value a rounded number, `*` or None (no data)."""

    numerator: Shown
    denominator: Shown
    in_scope: Shown
    known: Shown
    rate: ShownRate
    known_rate: ShownRate
    ci_low: ShownRate
    ci_high: ShownRate

    @property
    def suppressed(self) -> bool:
        return self.in_scope == SUPPRESSED


def _ratio(top: Shown, bottom: Shown) -> ShownRate:
    if isinstance(top, str) or isinstance(bottom, str):
        return SUPPRESSED
    return top / bottom if bottom else None


def public(figures: Figures) -> PublicFigures:
    """What the public sees of one cell. A cell about fewer than 10 people shows nothing at all;
    otherwise each count is rounded by itself and every rate and interval comes from rounded counts."""
    if figures.in_scope == 0:
        return PublicFigures(0, 0, 0, 0, None, None, None, None)
    if figures.in_scope < MIN_PEOPLE:
        s = SUPPRESSED
        return PublicFigures(s, s, s, s, s, s, s, s)
    numerator = round_count(figures.numerator)
    denominator = round_count(figures.denominator)
    in_scope = round_count(figures.in_scope)
    known = round_count(figures.known)
    rate = _ratio(numerator, denominator)
    low: ShownRate = SUPPRESSED if rate == SUPPRESSED else None
    high: ShownRate = low
    if isinstance(numerator, int) and isinstance(denominator, int) and denominator:
        interval = wilson(min(numerator, denominator), denominator)
        if interval:
            low, high = interval
    return PublicFigures(numerator, denominator, in_scope, known, rate, _ratio(known, in_scope), low, high)
