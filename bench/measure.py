"""Timing and memory helpers for the benchmarks: medians over repeated runs, peak RSS, query counts."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass
class Result:
    name: str
    figure: float
    unit: str
    baseline: float
    ratio: float
    target: float
    passed: bool
    peak_rss_mb: float
    note: str = ""
    # A share that must reach its target (a recall), rather than a ratio that must stay under it.
    at_least: bool = False

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["pass"] = data.pop("passed")
        return data


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def paired_median_seconds(
    baseline: Callable[[], object], measured: Callable[[], object], *, repeat: int, warmup: int = 2
) -> tuple[float, float]:
    """The medians of `baseline` and `measured`, timed in turn (baseline, measured, baseline, …),
    so that a machine that slows down or speeds up during the run slows or speeds both alike.
    Timing all of one and then all of the other let a shared machine's drift between the two
    move a ratio by half (one make bench run measured the same timeline page at 0.95x for one
    user and 2.97x for the other, where other runs measured 1.8x to 2.4x)."""
    for _ in range(warmup):
        baseline()
        measured()
    base, timed = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        baseline()
        between = time.perf_counter()
        measured()
        base.append(between - started)
        timed.append(time.perf_counter() - between)
    return statistics.median(base), statistics.median(timed)


def count_queries(action: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


def ratio_result(
    *, name: str, figure: float, baseline: float, target: float, unit: str = "ms", note: str = ""
) -> Result:
    """A timing compared with its baseline from the same run: passes when figure/baseline <= target."""
    ratio = figure / baseline if baseline else float("inf")
    return Result(
        name=name,
        figure=round(figure * 1000, 2) if unit == "ms" else round(figure, 2),
        unit=unit,
        baseline=round(baseline * 1000, 2) if unit == "ms" else round(baseline, 2),
        ratio=round(ratio, 2),
        target=target,
        passed=ratio <= target,
        peak_rss_mb=peak_rss_mb(),
        note=note,
    )


def share_result(*, name: str, figure: float, target: float, at_least: bool, note: str = "") -> Result:
    """A measured share (a recall, an alert rate) against its target: at least it, or at most it."""
    return Result(
        name=name,
        figure=round(figure, 3),
        unit="share",
        baseline=1.0,
        ratio=round(figure, 3),
        target=target,
        passed=figure >= target if at_least else figure <= target,
        peak_rss_mb=peak_rss_mb(),
        note=note,
        at_least=at_least,
    )


def bound_result(*, name: str, figure: float, baseline: float, target: float, unit: str, note: str = "") -> Result:
    """A count that must not grow: passes when the figure is within target of the baseline's."""
    return Result(
        name=name,
        figure=figure,
        unit=unit,
        baseline=baseline,
        ratio=round(figure / baseline, 2) if baseline else float(figure),
        target=target,
        passed=figure <= baseline * target if baseline else figure <= target,
        peak_rss_mb=peak_rss_mb(),
        note=note,
    )
