"""Reporting periods: one vocabulary across the product. `2025-q1` is the first financial quarter
of the financial year 2025-26 (April to June 2025); `2025` is that whole financial year (April 2025
to March 2026). Periods are fixed quarters and years, never free dates, so that published figures
cannot be differenced into a smaller period (docs/measures.md)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

FY_START_MONTH = 4  # The UK financial year runs April to March.
# The earliest financial year a key may name: before it nothing was recorded here.
EARLIEST_YEAR = 2000
KEY = re.compile(r"^(?P<year>\d{4})(?:-q(?P<quarter>[1-4]))?$")


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: datetime.date
    end: datetime.date
    complete: bool


def _quarter_start(day: datetime.date) -> datetime.date:
    """First day of the financial quarter (April, July, October, January) holding `day`."""
    month = day.month - (day.month - 1) % 3
    return datetime.date(day.year, month, 1)


def _months_later(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _fy_start(day: datetime.date) -> datetime.date:
    year = day.year if day.month >= FY_START_MONTH else day.year - 1
    return datetime.date(year, FY_START_MONTH, 1)


def _quarter(start: datetime.date, today: datetime.date) -> Period:
    end = _months_later(start, 3) - datetime.timedelta(days=1)
    fy = _fy_start(start).year
    number = (start.month - FY_START_MONTH) % 12 // 3 + 1
    months = _("%(first)s to %(last)s") % {"first": date_format(start, "F"), "last": date_format(end, "F Y")}
    label = _("Quarter %(n)d of %(fy)s (%(months)s)") % {
        "n": number,
        "fy": f"{fy}-{(fy + 1) % 100:02d}",
        "months": months,
    }
    complete = end < today
    if not complete:
        label = _("%(period)s, so far") % {"period": label}
    return Period(key=f"{fy}-q{number}", label=label, start=start, end=end, complete=complete)


def _year(start: datetime.date, today: datetime.date) -> Period:
    end = datetime.date(start.year + 1, FY_START_MONTH, 1) - datetime.timedelta(days=1)
    label = _("Financial year %(fy)s (April %(y1)d to March %(y2)d)") % {
        "fy": f"{start.year}-{(start.year + 1) % 100:02d}",
        "y1": start.year,
        "y2": start.year + 1,
    }
    complete = end < today
    if not complete:
        label = _("%(period)s, so far") % {"period": label}
    return Period(key=f"{start.year}", label=label, start=start, end=end, complete=complete)


def report_periods(*, today: datetime.date | None = None) -> list[Period]:
    """The periods one may choose, newest first: the last complete quarter (the default), the three
    before it, the quarter so far, the last complete financial year, the year before it and the
    year so far. Nothing else: no free dates, so figures cannot be differenced."""
    today = today or timezone.localdate()
    this_quarter = _quarter_start(today)
    quarters = [_quarter(_months_later(this_quarter, -3 * n), today) for n in range(1, 5)]
    this_year = _fy_start(today)
    years = [_year(datetime.date(this_year.year - n, FY_START_MONTH, 1), today) for n in (1, 2)]
    return [*quarters, _quarter(this_quarter, today), *years, _year(this_year, today)]


def report_period(key: str | None, *, today: datetime.date | None = None) -> Period | None:
    """The period with this key, the last complete quarter when no key is given, None for a key
    that is not offered."""
    periods = report_periods(today=today)
    if not key:
        return periods[0]
    return next((p for p in periods if p.key == key), None)


def period_for_key(key: str, *, today: datetime.date | None = None) -> Period | None:
    """Any quarter or financial year by its key, as long as it has begun (a period in the future
    has no figures to show) and is not before EARLIEST_YEAR; None for anything else, so callers
    answer an unknown period with a 404 or a usage message."""
    today = today or timezone.localdate()
    match = KEY.match(key or "")
    if not match:
        return None
    year = int(match["year"])
    if year < EARLIEST_YEAR:
        return None
    if match["quarter"]:
        period = _quarter(_months_later(datetime.date(year, FY_START_MONTH, 1), 3 * (int(match["quarter"]) - 1)), today)
    else:
        period = _year(datetime.date(year, FY_START_MONTH, 1), today)
    return period if period.start <= today else None


def quarters_of(period: Period, *, today: datetime.date | None = None) -> list[Period]:
    """The four quarters of a financial year (a quarter is its own only quarter)."""
    if "-q" in period.key:
        return [period]
    today = today or timezone.localdate()
    return [_quarter(_months_later(period.start, 3 * n), today) for n in range(4)]


def year_of(period: Period, *, today: datetime.date | None = None) -> Period:
    """The financial year a quarter belongs to (a year is its own)."""
    today = today or timezone.localdate()
    return _year(_fy_start(period.start), today)
