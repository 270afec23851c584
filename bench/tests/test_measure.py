"""Paired timing (bench/measure.py): a page and its baseline are timed in turn, so a machine that
drifts during the run moves both alike. Timed with a fake clock, so the test measures nothing."""

from __future__ import annotations

import statistics

from bench import measure


class Clock:
    """A clock that each action moves on by its cost times how slow the machine is by then."""

    def __init__(self, slowing: float) -> None:
        self.now, self.slowness, self.slowing = 0.0, 1.0, slowing
        self.calls: list[str] = []

    def perf_counter(self) -> float:
        return self.now

    def action(self, name: str, cost: float):
        def run() -> None:
            self.calls.append(name)
            self.now += cost * self.slowness
            self.slowness *= self.slowing

        return run


def test_the_baseline_and_the_page_are_timed_in_turn(monkeypatch):
    clock = Clock(slowing=1.0)
    monkeypatch.setattr(measure.time, "perf_counter", clock.perf_counter)
    base, page = measure.paired_median_seconds(clock.action("base", 1.0), clock.action("page", 3.0), repeat=5, warmup=1)
    assert clock.calls == ["base", "page"] * 6
    assert (base, page) == (1.0, 3.0)


def test_a_machine_that_slows_during_the_run_leaves_the_ratio_as_it_is(monkeypatch):
    clock = Clock(slowing=1.01)  # 1% slower with every request
    monkeypatch.setattr(measure.time, "perf_counter", clock.perf_counter)
    base, page = measure.paired_median_seconds(clock.action("base", 1.0), clock.action("page", 3.0), repeat=31)
    assert abs(page / base - 3.0) < 0.1
    # Timing all the baselines first, then all the pages, would have read the same drift as a
    # slower page: the control shows by how much.
    clock = Clock(slowing=1.01)
    timings = {}
    for name, cost in (("base", 1.0), ("page", 3.0)):
        action = clock.action(name, cost)
        runs = []
        for _ in range(31):
            started = clock.perf_counter()
            action()
            runs.append(clock.perf_counter() - started)
        timings[name] = statistics.median(runs)
    assert timings["page"] / timings["base"] > 3.9
