"""Disclosure control for every public output (ENGINEERING.md, "Disclosure control"; docs/measures.md).

- Nothing for fewer than 10 people: a cell whose people in scope are under 10 shows no figure.
- Counts from 1 to 7 are shown as `*`; every other count is rounded to the nearest 5 (0 stays 0).
- Percentages are worked out from the rounded counts, never from the true ones.
- Periods and levels are fixed (common.periods), so no suppressed figure can be recovered by taking
  one published figure from another. Rounding each count by itself is not enough for that: where
  the hidden children of a parent sit at the edge of what a hidden cell may hold, the parent less
  the published children pins them down (see `protect_siblings`). A family of cells (the nation or a
  region and its prisons, a year and its quarters) is therefore published through
  `protect_siblings`, which hides one more child, or the parent, while any hidden count could be
  recovered (the property tests in accountability/tests/test_disclosure.py attack it).

A suppressed value is the string "*", never a number, wherever it goes (page, CSV or JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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


# Secondary suppression. Rounding each cell by itself is not enough: where the suppressed children of
# a parent (the prisons of a region or of the nation, the quarters of a year) sit at the edge of what
# a suppressed cell may hold, the published parent less the published siblings can pin them down.
# Two prisons of 1 person beside one of 10 give a national 12, published as 10; each published
# cell holds at least 10 people, so the two hidden prisons hold 2 between them, 1 each. Two prisons
# of 9 and none other give a national 18, published as 20: both must hold 9. So after rounding, the
# family is attacked as anyone could (from published values alone, by bound propagation), and while
# a hidden count can be pinned, one more child is hidden (the published child with the fewest
# people), or at last the parent. A count the parent publishes as 0 is 0 in every child: that is
# what the published 0 says, and is not counted as a recovery.

COUNT_FIELDS = ("numerator", "denominator", "known", "in_scope")
_UNBOUNDED = 10**12


def _bounds(cell: PublicFigures, field: str, hidden_most: int) -> tuple[int, int]:
    """The true values a published count may stand for. A hidden cell holds 1 to `hidden_most`
    people (9 if it is hidden only for its size, unbounded once secondary suppression is possible)."""
    shown = getattr(cell, field)
    if cell.suppressed:
        return (1 if field == "in_scope" else 0), hidden_most
    if shown == SUPPRESSED:
        return 1, SMALLEST_SHOWN - 1
    assert isinstance(shown, int)
    if shown == 0:
        return 0, 0
    least = MIN_PEOPLE if field == "in_scope" else SMALLEST_SHOWN
    return max(shown - ROUND_TO // 2, least), shown + ROUND_TO // 2


Bounds = dict[str, tuple[int, int]]


def attack(parent: PublicFigures, children: list[PublicFigures], hidden_most: int) -> list[Bounds] | None:
    """What an attacker can say of each count from the published family alone (parent first, then
    the children): the bounds left after propagating parent = sum of children, field by field, and
    numerator <= denominator <= known <= in scope within a cell, to a fixed point. None where the
    published figures cannot come from any data within these bounds."""
    cells = [parent, *children]
    bounds = [{f: list(_bounds(cell, f, hidden_most)) for f in COUNT_FIELDS} for cell in cells]
    for _ in range(100):
        before = [{f: tuple(b[f]) for f in COUNT_FIELDS} for b in bounds]
        for f in COUNT_FIELDS:
            top, parts = bounds[0][f], [b[f] for b in bounds[1:]]
            low_sum, high_sum = sum(p[0] for p in parts), sum(p[1] for p in parts)
            top[0], top[1] = max(top[0], low_sum), min(top[1], high_sum)
            for p in parts:
                low, high = p
                p[0], p[1] = max(low, top[0] - (high_sum - high)), min(high, top[1] - (low_sum - low))
        for b in bounds:
            for smaller, larger in zip(COUNT_FIELDS, COUNT_FIELDS[1:], strict=False):
                b[smaller][1] = min(b[smaller][1], b[larger][1])
            for smaller, larger in reversed(list(zip(COUNT_FIELDS, COUNT_FIELDS[1:], strict=False))):
                b[larger][0] = max(b[larger][0], b[smaller][0])
        if any(b[f][0] > b[f][1] for b in bounds for f in COUNT_FIELDS):
            return None
        if before == [{f: tuple(b[f]) for f in COUNT_FIELDS} for b in bounds]:
            break
    return [{f: (b[f][0], b[f][1]) for f in COUNT_FIELDS} for b in bounds]


def pinned(parent: PublicFigures, children: list[PublicFigures]) -> bool:
    """Whether any hidden count of a child can be told exactly from the published family, by an
    attacker who takes every hidden cell for a small one (1 to 9 people) or one who allows for
    secondary suppression. A count the parent shows as 0 is left out (see above)."""
    if not any(child.suppressed for child in children):
        return False  # nothing hidden, nothing to recover
    for hidden_most in (MIN_PEOPLE - 1, _UNBOUNDED):
        found = attack(parent, children, hidden_most)
        if found is None:
            continue
        for child, bounds in zip(children, found[1:], strict=True):
            if not child.suppressed:
                continue
            for f in COUNT_FIELDS:
                if getattr(parent, f) != 0 and bounds[f][0] == bounds[f][1]:
                    return True
    return False


HIDDEN = PublicFigures(*(SUPPRESSED,) * 8)


def protect_siblings(parent: Figures, children: list[Figures]) -> tuple[PublicFigures, list[PublicFigures]]:
    """A parent and its children (a region or the nation and its prisons, a year and its quarters)
    as published: each by `public`, then more children hidden, fewest people first, while any hidden
    count could be recovered by differencing; the parent too if hiding every child is not enough."""
    shown_parent = public(parent)
    shown = [public(child) for child in children]
    while not shown_parent.suppressed and pinned(shown_parent, shown):
        candidates = [i for i, cell in enumerate(shown) if not cell.suppressed and children[i].in_scope > 0]
        if not candidates:
            shown_parent = HIDDEN
            break
        shown[min(candidates, key=lambda i: (children[i].in_scope, i))] = HIDDEN
    return shown_parent, shown


def protect(cells: dict[Any, Figures], families: list[tuple[Any, list[Any]]]) -> dict[Any, PublicFigures]:
    """Every cell of a publication as published, where cells sit in several families at once (a
    prison in its region's and in the nation's, a quarter in its year's): each cell by `public`, then
    `protect_siblings`' rule applied family by family, with every cell hidden so far staying hidden,
    until no family changes. Hiding only ever grows, so this ends."""
    shown = {key: public(figures) for key, figures in cells.items()}
    changed = True
    while changed:
        changed = False
        for parent, children in families:
            while not shown[parent].suppressed and pinned(shown[parent], [shown[c] for c in children]):
                candidates = [c for c in children if not shown[c].suppressed and cells[c].in_scope > 0]
                changed = True
                if not candidates:
                    shown[parent] = HIDDEN
                    break
                shown[min(candidates, key=lambda c: (cells[c].in_scope, str(c)))] = HIDDEN
    return shown
