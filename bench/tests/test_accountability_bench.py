"""The accountability benchmark's baseline counts what the scorecards count: the hand-written SQL
and the ORM agree on every level's totals, on both databases (a baseline that read less would make
any ratio look good)."""

from __future__ import annotations

import pytest

from accountability.figures import GROUP_OF_LEVEL, Level, figures_by
from accountability.tests.worlds import PERIOD_KEY, TODAY, hand_worked_world
from bench.accountability_bench import LEVELS, hand_written_aggregates, hand_written_rows
from common.periods import period_for_key

pytestmark = pytest.mark.django_db
PERIOD = period_for_key(PERIOD_KEY, today=TODAY)


def totals(counted):
    return sorted(
        (str(group), key, f.numerator, f.denominator, f.known, f.in_scope)
        for group, by_measure in counted.items()
        for key, f in by_measure.items()
        if f.in_scope or f.pending
    )


@pytest.mark.parametrize("level", list(LEVELS))
def test_the_hand_written_sql_counts_what_the_scorecard_counts(level):
    hand_worked_world()
    checkpoints, releases = hand_written_rows(level, PERIOD.start, PERIOD.end, TODAY)
    group = GROUP_OF_LEVEL.get(Level(level))
    orm = figures_by(PERIOD, today=TODAY, group=(group,) if group else ())
    checkpoint_total = sum(row[-1] for row in checkpoints if level != "delivery_unit" or row[-2] is not None)
    release_total = sum(row[-1] for row in releases if level != "delivery_unit" or row[-2] is not None)
    in_scope = sum(
        f.in_scope + f.pending
        for by in orm.values()
        for k, f in by.items()
        if k.startswith(("housed", "settled", "employed"))
    )
    released = sum(by["mentor_before_release"].in_scope for by in orm.values())
    assert (checkpoint_total, release_total) == (in_scope, released)
    assert hand_written_aggregates(PERIOD.start, PERIOD.end, TODAY) > 0
