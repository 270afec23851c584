"""Working days in England and Wales: Monday to Friday, except bank holidays.

The bank holidays are bundled (no network at run time), typed in from GOV.UK's published list
(https://www.gov.uk/bank-holidays, "England and Wales") for 2024 to 2028. Years outside that list
are worked out by the standing rules (New Year's Day, Good Friday, Easter Monday, the first and
last Mondays in May, the last Monday in August, Christmas Day and Boxing Day, with substitute
days when these fall at a weekend); one-off holidays (a coronation, a jubilee) exist only in the
bundled list. Add each new year here when GOV.UK publishes it."""

from __future__ import annotations

import datetime
from functools import cache

D = datetime.date

# England and Wales, from GOV.UK. Substitute days (a holiday falling at a weekend) are listed as
# the day off that is actually given.
BANK_HOLIDAYS: frozenset[datetime.date] = frozenset(
    {
        # 2024
        D(2024, 1, 1), D(2024, 3, 29), D(2024, 4, 1), D(2024, 5, 6), D(2024, 5, 27), D(2024, 8, 26),
        D(2024, 12, 25), D(2024, 12, 26),
        # 2025
        D(2025, 1, 1), D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 5), D(2025, 5, 26), D(2025, 8, 25),
        D(2025, 12, 25), D(2025, 12, 26),
        # 2026 (Boxing Day is a Saturday: substitute Monday 28 December)
        D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4), D(2026, 5, 25), D(2026, 8, 31),
        D(2026, 12, 25), D(2026, 12, 28),
        # 2027 (Christmas Day and Boxing Day fall at the weekend: 27 and 28 December)
        D(2027, 1, 1), D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 3), D(2027, 5, 31), D(2027, 8, 30),
        D(2027, 12, 27), D(2027, 12, 28),
        # 2028 (New Year's Day is a Saturday: substitute Monday 3 January)
        D(2028, 1, 3), D(2028, 4, 14), D(2028, 4, 17), D(2028, 5, 1), D(2028, 5, 29), D(2028, 8, 28),
        D(2028, 12, 25), D(2028, 12, 26),
    }
)  # fmt: skip
FIRST_YEAR, LAST_YEAR = 2024, 2028


def easter_sunday(year: int) -> datetime.date:
    """Easter Day in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return datetime.date(year, month, day)


def _monday_on_or_after(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> datetime.date:
    last = datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=last.weekday())


@cache
def rule_holidays(year: int) -> frozenset[datetime.date]:
    """The standing bank holidays of England and Wales for a year, by rule."""
    easter = easter_sunday(year)
    new_year = datetime.date(year, 1, 1)
    days = {
        new_year if new_year.weekday() < 5 else _monday_on_or_after(new_year),
        easter - datetime.timedelta(days=2),
        easter + datetime.timedelta(days=1),
        _monday_on_or_after(datetime.date(year, 5, 1)),
        _last_monday(year, 5),
        _last_monday(year, 8),
    }
    christmas = datetime.date(year, 12, 25)
    # Christmas on a Saturday moves to Monday and Boxing Day to Tuesday; on a Sunday, Christmas
    # moves to Tuesday (Boxing Day keeps Monday); on a Friday Boxing Day moves to Monday.
    if christmas.weekday() == 5:
        days |= {christmas + datetime.timedelta(days=2), christmas + datetime.timedelta(days=3)}
    elif christmas.weekday() == 6:
        days |= {christmas + datetime.timedelta(days=1), christmas + datetime.timedelta(days=2)}
    elif christmas.weekday() == 4:
        days |= {christmas, christmas + datetime.timedelta(days=3)}
    else:
        days |= {christmas, christmas + datetime.timedelta(days=1)}
    return frozenset(days)


def is_bank_holiday(day: datetime.date) -> bool:
    if FIRST_YEAR <= day.year <= LAST_YEAR:
        return day in BANK_HOLIDAYS
    return day in rule_holidays(day.year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The day on which `days` working days after `start` have passed: the deadline for something
    received on `start` (the day it arrives does not count, whatever day it is)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    while days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days fall after `start`, up to and including `end` (0 if end <= start)."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day)
    return count
