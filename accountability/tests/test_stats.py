"""The statistics behind a scorecard: Wilson intervals against published values, red/amber/green
in every case, and group comparisons against scipy. Pure: no database."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as scipy_stats

from accountability.stats import SIGNIFICANCE, Z_95, Comparison, Rag, compare, rag, wilson

FAST = settings(max_examples=200, deadline=None)


def wilson_by_quadratic(x: int, n: int) -> tuple[float, float]:
    """The Wilson bounds as the two roots in p of (x/n - p)^2 = z^2 p (1 - p) / n, solved directly."""
    z2 = Z_95 * Z_95
    phat = x / n
    a = 1 + z2 / n
    b = -(2 * phat + z2 / n)
    c = phat * phat
    root = math.sqrt(max(b * b - 4 * a * c, 0.0))
    return (-b - root) / (2 * a), (-b + root) / (2 * a)


# Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in
# Medicine 17:857-872, Table II, method 3 (score interval without continuity correction), to 4 places.
NEWCOMBE = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("x", "n", "low", "high"), NEWCOMBE)
def test_wilson_matches_newcombes_published_values(x, n, low, high):
    got = wilson(x, n)
    assert got is not None
    assert round(got[0], 4) == low
    assert round(got[1], 4) == high


@pytest.mark.parametrize(
    ("x", "n", "low", "high"),
    [
        # z^2 / (n + z^2) at the edges: 3.8415 / 13.8415.
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (5, 10, 0.2366, 0.7634),
    ],
)
def test_wilson_small_counts_and_the_edges(x, n, low, high):
    got = wilson(x, n)
    assert got is not None
    assert got[0] == pytest.approx(low, abs=5e-5)
    assert got[1] == pytest.approx(high, abs=5e-5)
    # At 0 and n the interval reaches the edge exactly, never beyond.
    if x == 0:
        assert got[0] == 0.0
    if x == n:
        assert got[1] == 1.0


@FAST
@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_is_the_closed_form_within_0_1_and_holds_the_rate(case):
    x, n = case
    got = wilson(x, n)
    assert got is not None
    low, high = got
    expected = wilson_by_quadratic(x, n)
    assert low == pytest.approx(expected[0], abs=1e-9)
    assert high == pytest.approx(expected[1], abs=1e-9)
    assert 0.0 <= low <= x / n <= high <= 1.0
    # Narrower as n grows at the same rate.
    wider = wilson(x, n)
    narrower = wilson(10 * x, 10 * n)
    assert narrower is not None and wider is not None
    assert narrower[1] - narrower[0] <= wider[1] - wider[0] + 1e-12


@pytest.mark.parametrize("n", [0, -1])
def test_wilson_without_a_denominator_is_none(n):
    assert wilson(0, n) is None


# --- red, amber, green ---------------------------------------------------------------------------


def test_green_when_the_whole_interval_is_above_the_benchmark():
    assert rag((0.61, 0.8), benchmark=0.6) == Rag.GREEN


def test_red_when_the_whole_interval_is_below_and_the_target_is_out_of_reach():
    assert rag((0.3, 0.5), benchmark=0.6) == Rag.RED
    assert rag((0.3, 0.5), benchmark=0.6, target=0.55) == Rag.RED


def test_amber_when_below_the_benchmark_but_reaching_the_target():
    assert rag((0.3, 0.5), benchmark=0.6, target=0.45) == Rag.AMBER
    assert rag((0.3, 0.5), benchmark=0.6, target=0.5) == Rag.AMBER


@pytest.mark.parametrize("interval", [(0.5, 0.7), (0.6, 0.7), (0.5, 0.6), (0.6, 0.6)])
def test_too_few_to_say_when_the_interval_holds_the_benchmark(interval):
    assert rag(interval, benchmark=0.6) == Rag.TOO_FEW
    assert rag(interval, benchmark=0.6, higher_is_better=False) == Rag.TOO_FEW


def test_too_few_to_say_without_an_interval_or_a_benchmark():
    assert rag(None, benchmark=0.6) == Rag.TOO_FEW
    assert rag((0.1, 0.2), benchmark=None) == Rag.TOO_FEW


def test_lower_is_better_flips_the_colours():
    assert rag((0.1, 0.2), benchmark=0.3, higher_is_better=False) == Rag.GREEN
    assert rag((0.4, 0.5), benchmark=0.3, higher_is_better=False) == Rag.RED
    # Worse than the benchmark (higher), but the target of at most 0.42 is within reach.
    assert rag((0.4, 0.5), benchmark=0.3, target=0.42, higher_is_better=False) == Rag.AMBER
    assert rag((0.4, 0.5), benchmark=0.3, target=0.38, higher_is_better=False) == Rag.RED


rates = st.floats(0, 1, allow_nan=False)


@FAST
@given(rates, rates, rates, st.one_of(st.none(), rates), st.booleans())
def test_rag_follows_the_rule_and_flips_with_direction(a, b, bench, target, higher):
    low, high = min(a, b), max(a, b)
    got = rag((low, high), benchmark=bench, target=target, higher_is_better=higher)
    better = low > bench if higher else high < bench
    worse = high < bench if higher else low > bench
    reaches = target is not None and (high >= target if higher else low <= target)
    if better:
        assert got == Rag.GREEN
    elif worse:
        assert got == (Rag.AMBER if reaches else Rag.RED)
    else:
        assert got == Rag.TOO_FEW
    # The mirror image with the direction flipped gives the same colour.
    mirrored_target = None if target is None else 1 - target
    mirrored = rag((1 - high, 1 - low), benchmark=1 - bench, target=mirrored_target, higher_is_better=not higher)
    if abs(low - bench) > 1e-9 and abs(high - bench) > 1e-9 and (target is None or abs(high - target) > 1e-9):
        assert mirrored == got


# --- comparisons between groups ------------------------------------------------------------------


def test_fisher_where_an_expected_count_is_under_5():
    # Expected yes in group b: 10 * 6 / 30 = 2.
    got = compare(5, 20, 1, 10)
    assert got.test == "fisher"
    assert got.p_value == pytest.approx(scipy_stats.fisher_exact([[5, 15], [1, 9]]).pvalue)


def test_chi_square_where_every_expected_count_is_at_least_5():
    got = compare(60, 100, 30, 100)
    assert got.test == "chi-square"
    expected = scipy_stats.chi2_contingency([[60, 40], [30, 70]], correction=False).pvalue
    assert got.p_value == pytest.approx(expected)
    assert got.significant and got.direction == 1
    flipped = compare(30, 100, 60, 100)
    assert flipped.significant and flipped.direction == -1


def test_significance_is_at_p_below_0_01_not_0_05():
    # 55% against 45% of 200 each: p is about 0.046 (significant at 5%, not at 1%).
    got = compare(110, 200, 90, 200)
    assert 0.01 < got.p_value < 0.05
    assert not got.significant and got.direction == 0


@pytest.mark.parametrize(
    "args",
    [
        (0, 0, 3, 10),  # an empty group
        (3, 10, 0, 0),
        (0, 10, 0, 20),  # nobody said yes
        (10, 10, 20, 20),  # everybody said yes
    ],
)
def test_nothing_to_test(args):
    assert compare(*args) == Comparison(None, "", False, 0)


def tables():
    return st.tuples(st.integers(1, 250), st.integers(1, 250)).flatmap(
        lambda totals: st.tuples(
            st.integers(0, totals[0]), st.just(totals[0]), st.integers(0, totals[1]), st.just(totals[1])
        )
    )


@FAST
@given(tables())
def test_compare_agrees_with_scipy(case):
    a_yes, a_total, b_yes, b_total = case
    got = compare(a_yes, a_total, b_yes, b_total)
    yes, no = a_yes + b_yes, a_total + b_total - a_yes - b_yes
    if yes == 0 or no == 0:
        assert got == Comparison(None, "", False, 0)
        return
    table = [[a_yes, a_total - a_yes], [b_yes, b_total - b_yes]]
    total = a_total + b_total
    smallest_expected = min(r * c / total for r in (a_total, b_total) for c in (yes, no))
    if smallest_expected < 5:
        assert got.test == "fisher"
        expected = scipy_stats.fisher_exact(table).pvalue
    else:
        assert got.test == "chi-square"
        expected = scipy_stats.chi2_contingency(table, correction=False).pvalue
    assert got.p_value == pytest.approx(float(expected), rel=1e-12, abs=1e-300)
    assert got.significant == (got.p_value < SIGNIFICANCE)
    if got.significant:
        assert got.direction == (1 if a_yes / a_total > b_yes / b_total else -1)
    else:
        assert got.direction == 0
    # Swapping the groups changes nothing but the sign.
    swapped = compare(b_yes, b_total, a_yes, a_total)
    assert swapped.test == got.test
    assert swapped.p_value == pytest.approx(got.p_value, rel=1e-9, abs=1e-300)
    assert swapped.direction == -got.direction
