"""The one period vocabulary: financial quarters and years by key, nothing else."""

import datetime

import pytest

from common.periods import period_for_key, quarters_of

TODAY = datetime.date(2026, 12, 8)


def test_a_quarter_key_is_the_financial_quarter():
    period = period_for_key("2025-q1", today=TODAY)
    assert (period.start, period.end, period.complete) == (datetime.date(2025, 4, 1), datetime.date(2025, 6, 30), True)
    assert period_for_key("2025-q4", today=TODAY).start == datetime.date(2026, 1, 1)


def test_a_year_key_is_the_financial_year_and_holds_its_four_quarters():
    year = period_for_key("2025", today=TODAY)
    assert (year.start, year.end) == (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    assert [q.key for q in quarters_of(year, today=TODAY)] == ["2025-q1", "2025-q2", "2025-q3", "2025-q4"]
    assert quarters_of(year, today=TODAY)[-1].end == year.end


def test_the_current_period_is_marked_so_far():
    period = period_for_key("2026-q3", today=TODAY)
    assert not period.complete and "so far" in period.label


@pytest.mark.parametrize("key", ["", "2025-q5", "2025-Q1", "25", "2027", "2027-q1", "1999", "2025-01-01", "2025-q1 "])
def test_anything_else_is_not_a_period(key):
    assert period_for_key(key, today=TODAY) is None
