import datetime

from hypothesis import given
from hypothesis import strategies as st

from yousaid import workdays

D = datetime.date
dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2032, 12, 31))


def test_bundled_list_matches_the_standing_rules_for_every_bundled_year():
    for year in range(workdays.FIRST_YEAR, workdays.LAST_YEAR + 1):
        bundled = {d for d in workdays.BANK_HOLIDAYS if d.year == year}
        assert bundled == set(workdays.rule_holidays(year)), year


def test_easter_on_known_dates():
    assert workdays.easter_sunday(2024) == D(2024, 3, 31)
    assert workdays.easter_sunday(2026) == D(2026, 4, 5)
    assert workdays.easter_sunday(2027) == D(2027, 3, 28)


def test_known_bank_holidays_are_not_working_days():
    for day in (D(2026, 12, 28), D(2027, 12, 27), D(2028, 1, 3), D(2026, 4, 3), D(2025, 8, 25)):
        assert not workdays.is_working_day(day)
    assert workdays.is_working_day(D(2026, 12, 29))


def test_twenty_working_days_over_christmas():
    # Friday 18 December 2026: 25 and 28 December and 1 January are bank holidays.
    assert workdays.add_working_days(D(2026, 12, 18), 20) == D(2027, 1, 20)


def test_raised_at_a_weekend_counts_from_the_monday():
    assert workdays.add_working_days(D(2026, 3, 7), 1) == D(2026, 3, 9)


@given(dates, st.integers(min_value=1, max_value=60))
def test_deadline_is_a_working_day_exactly_n_working_days_on(start, n):
    due = workdays.add_working_days(start, n)
    assert workdays.is_working_day(due)
    assert workdays.working_days_between(start, due) == n
    assert workdays.working_days_between(start, due - datetime.timedelta(days=1)) == n - 1


@given(dates, st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=40))
def test_adding_working_days_composes(start, a, b):
    assert workdays.add_working_days(workdays.add_working_days(start, a), b) == workdays.add_working_days(start, a + b)


@given(dates)
def test_weekends_are_never_working_days(day):
    if day.weekday() >= 5:
        assert not workdays.is_working_day(day)


@given(st.integers(min_value=1990, max_value=2100))
def test_every_year_has_eight_standing_holidays_on_weekdays(year):
    holidays = workdays.rule_holidays(year)
    assert len(holidays) == 8
    assert all(d.weekday() < 5 for d in holidays)
