"""Disclosure control (ENGINEERING.md, "Disclosure control"): the rounding and suppression of one
cell, and differencing attacks on whole families of cells (the nation and its prisons, a region and
its prisons, a year and its quarters) that must fail to recover any suppressed count. Pure: no
database.

The attacker here is written apart from accountability.disclosure's own check, from published
values only: a rounded r stands for r-2..r+2 (to the nearest 5, halves up), and for at least 10
people in scope (a published cell) or at least 8 (a count shown at all); `*` inside a published
cell stands for 1..7; a 0 for 0; a suppressed cell for 1..9 people if hidden only for its size, or
for any number once secondary suppression may have hidden it. It propagates parent = sum of the
children, field by field, and numerator <= denominator <= known <= in scope within each cell, to a
fixed point."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountability.disclosure import (
    MIN_PEOPLE,
    SUPPRESSED,
    PublicFigures,
    protect_siblings,
    public,
    round_count,
)
from accountability.measures import Figures

FIELDS = ("numerator", "denominator", "known", "in_scope")
RATES = ("rate", "known_rate", "ci_low", "ci_high")
LOTS = 10**9
ATTACK = settings(max_examples=200, deadline=None)


# --- one count, one cell -------------------------------------------------------------------------


ROUNDED = [(8, 10), (9, 10), (10, 10), (11, 10), (12, 10), (13, 15), (17, 15), (18, 20), (1002, 1000)]


@pytest.mark.parametrize(("count", "shown"), [(0, 0), *((n, "*") for n in range(1, 8)), *ROUNDED])
def test_round_count(count, shown):
    assert round_count(count) == shown


def test_round_count_refuses_a_negative():
    with pytest.raises(ValueError):
        round_count(-1)


@given(st.integers(8, 10**6))
def test_a_shown_count_is_within_2_of_the_truth_and_a_multiple_of_5(count):
    shown = round_count(count)
    assert isinstance(shown, int) and shown % 5 == 0 and abs(shown - count) <= 2


def figures(in_scope: int, known: int, denominator: int, numerator: int) -> Figures:
    return Figures(numerator=numerator, denominator=denominator, known=known, in_scope=in_scope)


@pytest.mark.parametrize("in_scope", range(1, MIN_PEOPLE))
def test_a_cell_about_fewer_than_10_people_shows_nothing(in_scope):
    shown = public(figures(in_scope, in_scope, in_scope, in_scope))
    assert shown.suppressed
    assert all(value == SUPPRESSED for value in asdict(shown).values())


def test_a_cell_with_nobody_in_scope_says_no_data_not_0_percent():
    shown = public(Figures())
    assert (shown.numerator, shown.denominator, shown.in_scope, shown.known) == (0, 0, 0, 0)
    assert (shown.rate, shown.known_rate, shown.ci_low, shown.ci_high) == (None, None, None, None)
    assert not shown.suppressed


def test_rates_come_from_the_rounded_counts():
    # 12 of 23, 23 of 33 known: published as 10 of 25 and 25 of 35, not 52% and 70%.
    shown = public(figures(33, 23, 23, 12))
    assert (shown.numerator, shown.denominator, shown.known, shown.in_scope) == (10, 25, 25, 35)
    assert shown.rate == pytest.approx(10 / 25)
    assert shown.known_rate == pytest.approx(25 / 35)


def test_a_small_count_in_a_published_cell_hides_its_rate():
    shown = public(figures(40, 30, 30, 5))
    assert shown.numerator == SUPPRESSED and shown.rate == SUPPRESSED
    assert shown.ci_low == SUPPRESSED and shown.ci_high == SUPPRESSED
    assert shown.in_scope == 40 and shown.denominator == 30


SIZES = st.one_of(st.integers(0, 12), st.integers(0, 40), st.integers(0, 400))
NEAR_THE_THRESHOLD = st.integers(0, 14)
# Where rounding is tightest: hidden cells of 1 or 9, shown cells at the ends of their range.
EDGES = st.sampled_from([0, 1, 2, 8, 9, 10, 11, 12, 13, 17, 18, 22, 23, 27, 28])


@st.composite
def cells(draw, sizes=SIZES):
    """True figures of one cell, small numbers most likely."""
    n = draw(sizes)
    if sizes is EDGES:
        k = draw(st.sampled_from(sorted({v for v in (0, 1, 7, 8, 9, n - 2, n - 1, n) if 0 <= v <= n})))
        d = draw(st.sampled_from(sorted({v for v in (0, 1, 7, 8, k - 1, k) if 0 <= v <= k})))
        return figures(n, k, d, draw(st.sampled_from(sorted({v for v in (0, 1, 7, 8, d - 1, d) if 0 <= v <= d}))))
    k = draw(st.integers(0, n))
    d = draw(st.integers(0, k))
    return figures(n, k, d, draw(st.integers(0, d)))


@settings(max_examples=200, deadline=None)
@given(cells())
def test_never_a_number_where_a_star_is_due(truth):
    shown = public(truth)
    published = json.loads(json.dumps(asdict(shown)))
    if 0 < truth.in_scope < MIN_PEOPLE:
        assert set(published.values()) == {SUPPRESSED}
        return
    for field in FIELDS:
        count = getattr(truth, field)
        if 1 <= count < 8:
            assert published[field] == SUPPRESSED
        else:
            assert published[field] == round_count(count)
    if SUPPRESSED in (published["numerator"], published["denominator"]):
        assert published["rate"] == SUPPRESSED
    for rate in RATES:
        value = published[rate]
        assert value is None or value == SUPPRESSED or (isinstance(value, float) and 0 <= value <= 1)
    if truth.in_scope == 0:
        assert published["rate"] is None and published["known_rate"] is None


# --- the attacker --------------------------------------------------------------------------------


def could_be(cell: PublicFigures, field: str, hidden_most: int) -> list[int]:
    """[least, most] the true count behind one published value may be."""
    if cell.suppressed:
        return [1 if field == "in_scope" else 0, hidden_most]
    value = getattr(cell, field)
    if value == SUPPRESSED:
        return [1, 7]
    if value == 0:
        return [0, 0]
    return [max(value - 2, 10 if field == "in_scope" else 8), value + 2]


def attack(parent: PublicFigures, children: list[PublicFigures], hidden_most: int) -> list[dict] | None:
    """Bounds on every true count of the family, or None where no data could give what is published."""
    family = [parent, *children]
    known = [{field: could_be(cell, field, hidden_most) for field in FIELDS} for cell in family]
    changed = True
    while changed:
        changed = False

        def tighten(bounds: list[int], least: int, most: int) -> None:
            nonlocal changed
            if least > bounds[0]:
                bounds[0], changed = least, True
            if most < bounds[1]:
                bounds[1], changed = most, True

        for field in FIELDS:
            whole = known[0][field]
            parts = [k[field] for k in known[1:]]
            tighten(whole, sum(p[0] for p in parts), sum(p[1] for p in parts))
            for i, part in enumerate(parts):
                rest = [p for j, p in enumerate(parts) if j != i]
                tighten(part, whole[0] - sum(p[1] for p in rest), whole[1] - sum(p[0] for p in rest))
        for k in known:
            for smaller, larger in zip(FIELDS, FIELDS[1:], strict=False):
                tighten(k[smaller], k[smaller][0], k[larger][1])
                tighten(k[larger], k[smaller][0], k[larger][1])
        if any(b[0] > b[1] for k in known for b in k.values()):
            return None
    return known


def assert_nothing_recovered(parent: Figures, children: list[Figures]) -> None:
    shown_parent, shown = protect_siblings(parent, children)
    truth = [parent, *children]
    # Whatever secondary suppression hid, the rest is exactly what `public` shows.
    for cell, published in zip(truth, [shown_parent, *shown], strict=True):
        assert published == public(cell) or all(v == SUPPRESSED for v in asdict(published).values())
    assert shown_parent == public(parent) or shown_parent.suppressed
    # An attacker who allows for secondary suppression reasons soundly: the truth is always within reach.
    sound = attack(shown_parent, shown, LOTS)
    assert sound is not None
    for cell, bounds in zip(truth, sound, strict=True):
        for field in FIELDS:
            assert bounds[field][0] <= getattr(cell, field) <= bounds[field][1]
    # One who takes every hidden cell for 1 to 9 people may be misled, but must not pin anything down.
    naive = attack(shown_parent, shown, MIN_PEOPLE - 1)
    for found in (sound, naive):
        if found is None:
            continue
        for cell, published, bounds in zip(children, shown, found[1:], strict=True):
            if not published.suppressed:
                continue
            for field in FIELDS:
                if getattr(shown_parent, field) == 0:
                    continue  # a parent's published 0 says the same of every child: that is the rule
                least, most = bounds[field]
                assert least < most, (field, getattr(cell, field), bounds[field], shown_parent, shown)


def total(children: list[Figures]) -> Figures:
    whole = Figures()
    for child in children:
        whole += child
    return whole


def prisons(least: int = 1, most: int = 8):
    return st.lists(cells(), min_size=least, max_size=most)


def small_prisons():
    """Prisons clustered round the threshold, or at the edges of rounding, where differencing bites."""
    return st.one_of(
        st.lists(cells(NEAR_THE_THRESHOLD), min_size=1, max_size=8),
        st.lists(cells(EDGES), min_size=1, max_size=8),
    )


@ATTACK
@given(st.one_of(prisons(), small_prisons(), small_prisons()))
def test_the_nation_less_its_prisons_recovers_no_suppressed_count(children):
    assert_nothing_recovered(total(children), children)


@ATTACK
@given(st.one_of(prisons(), small_prisons()), st.one_of(prisons(0, 4), small_prisons()))
def test_a_region_less_its_prisons_recovers_no_suppressed_count(region, elsewhere):
    # The region is published by itself; the nation beside it holds other regions' prisons too.
    assert_nothing_recovered(total(region), region)
    assert_nothing_recovered(total(region + elsewhere), region + elsewhere)


@ATTACK
@given(st.lists(st.one_of(cells(), cells(NEAR_THE_THRESHOLD), cells(EDGES)), min_size=4, max_size=4))
def test_a_year_less_its_quarters_recovers_no_suppressed_count(quarters):
    assert_nothing_recovered(total(quarters), quarters)


# --- the attacks that rounding alone does not stop, and secondary suppression does ----------------


def people(n: int) -> Figures:
    return figures(n, n, n, n)


@pytest.mark.parametrize(
    "children",
    [
        # Two prisons of 1 and one of 10: the nation's 12 shows as 10, and a published cell holds at
        # least 10, so the hidden two hold 2 between them: 1 each.
        [people(1), people(1), people(10)],
        # Two prisons of 9 and no other: 18 shows as 20, at least 18, so both hold 9.
        [people(9), people(9)],
        # Four quarters of a year: 1 + 1 + 10 + 10 = 22 shows as 20, and the two published
        # quarters hold at least 20, so the hidden two hold at most 2: 1 each.
        [people(1), people(10), people(1), people(10)],
    ],
)
def test_rounding_alone_lets_a_hidden_count_be_differenced_and_protection_stops_it(children):
    parent = total(children)
    naive = attack(public(parent), [public(c) for c in children], MIN_PEOPLE - 1)
    assert naive is not None
    pinned = [
        b["in_scope"][0] == b["in_scope"][1] == c.in_scope
        for c, b in zip(children, naive[1:], strict=True)
        if public(c).suppressed
    ]
    assert any(pinned)
    assert_nothing_recovered(parent, children)


def test_protection_hides_nothing_more_where_nothing_can_be_recovered():
    children = [people(5), people(40), people(23)]
    shown_parent, shown = protect_siblings(total(children), children)
    assert shown_parent == public(total(children))
    assert shown == [public(c) for c in children]


def test_a_secondary_suppression_looks_like_any_other():
    children = [people(1), people(1), people(10), people(10)]
    shown_parent, shown = protect_siblings(total(children), children)
    # The smallest published prison is hidden as well, and nothing more.
    assert shown_parent == public(total(children))
    assert shown[3] == public(children[3])
    assert shown[2].suppressed and all(v == SUPPRESSED for v in asdict(shown[2]).values())
    assert json.loads(json.dumps(asdict(shown[2]))) == {field: "*" for field in asdict(shown[2])}
