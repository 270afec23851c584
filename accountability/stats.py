"""The statistics a scorecard shows: the Wilson 95% interval of a rate, whether it differs from the
benchmark (red, amber, green) and comparisons between groups (chi-square, or Fisher's exact test
where expected counts are small), as the prison inspectorate's survey reports them."""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import stats as scipy_stats

Z_95 = 1.959963984540054
# A difference between groups is reported only at p < 0.01 (the inspectorate's threshold).
SIGNIFICANCE = 0.01
# Below this expected count in any cell, chi-square is not trusted and Fisher's exact test is used.
SMALL_EXPECTED = 5


def wilson(numerator: int, denominator: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval (Wilson 1927): sound for small counts and rates near 0 or 1, where
    the usual normal interval goes below 0 or above 1. None when there is no denominator."""
    if denominator <= 0:
        return None
    p = numerator / denominator
    z2 = z * z
    centre = (p + z2 / (2 * denominator)) / (1 + z2 / denominator)
    half = z * math.sqrt(p * (1 - p) / denominator + z2 / (4 * denominator * denominator)) / (1 + z2 / denominator)
    # The exact interval always holds p (it reaches 0 at 0 and 1 at n); rounding must not lose that.
    return min(max(0.0, centre - half), p), max(min(1.0, centre + half), p)


class Rag:
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    TOO_FEW = "too_few"


RAG_LABELS = {
    Rag.GREEN: "Better than the benchmark",
    Rag.AMBER: "Worse than the benchmark, but meets the target",
    Rag.RED: "Worse than the benchmark",
    Rag.TOO_FEW: "Too few to say",
}


def rag(
    interval: tuple[float, float] | None,
    *,
    benchmark: float | None,
    target: float | None = None,
    higher_is_better: bool = True,
) -> str:
    """Green where the whole interval is better than the benchmark; red where the whole interval is
    worse; amber where it is worse than the benchmark yet the rate's interval still reaches the
    contract's target (worse than others, but doing what was asked). Where the interval holds the
    benchmark, the figures cannot tell this place from the benchmark: "too few to say"."""
    if interval is None or benchmark is None:
        return Rag.TOO_FEW
    low, high = interval
    # Compared as given, never as 1 - x, so that a rate near 0 is not lost to rounding.
    better, worse = (low > benchmark, high < benchmark) if higher_is_better else (high < benchmark, low > benchmark)
    if better:
        return Rag.GREEN
    if worse:
        reaches = target is not None and (high >= target if higher_is_better else low <= target)
        return Rag.AMBER if reaches else Rag.RED
    return Rag.TOO_FEW


@dataclass(frozen=True)
class Comparison:
    p_value: float | None
    test: str  # "chi-square", "fisher" or "" (nothing to test)
    significant: bool
    direction: int  # +1 the first group's rate is higher, -1 lower, 0 not significant


def compare(a_yes: int, a_total: int, b_yes: int, b_total: int) -> Comparison:
    """Whether two groups' rates differ at p < 0.01: chi-square on the 2×2 table, or Fisher's exact
    test where any expected count is under 5. Nothing to test where either group is empty or
    every answer is the same."""
    table = [[a_yes, a_total - a_yes], [b_yes, b_total - b_yes]]
    column_yes, column_no = a_yes + b_yes, a_total + b_total - a_yes - b_yes
    if a_total <= 0 or b_total <= 0 or column_yes == 0 or column_no == 0:
        return Comparison(None, "", False, 0)
    total = a_total + b_total
    expected = [row * col / total for row in (a_total, b_total) for col in (column_yes, column_no)]
    if min(expected) < SMALL_EXPECTED:
        p = float(scipy_stats.fisher_exact(table).pvalue)
        test = "fisher"
    else:
        p = float(scipy_stats.chi2_contingency(table, correction=False).pvalue)
        test = "chi-square"
    significant = p < SIGNIFICANCE
    direction = 0
    if significant:
        direction = 1 if a_yes / a_total > b_yes / b_total else -1
    return Comparison(p, test, significant, direction)
