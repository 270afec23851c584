"""Accountability benchmarks (issue 16): the full national scorecard (every level, one period)
against the same aggregates written by hand in SQL on the same database in the same run, and the
public dashboard's first page against the simplest page. Both for the last complete quarter."""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accountability.figures import every_scorecard
from accountability.measures import RETURN_WINDOW_DAYS
from bench.measure import Result, count_queries, paired_median_seconds, ratio_result
from bench.pages import PAGE_TARGET, SIMPLEST_PAGE, _getter
from common.periods import report_period
from release.selectors import GRACE

# Issue 16: a full national scorecard within 2x the hand-written SQL aggregates.
SCORECARD_TARGET = 2.0

# Per level: the group column, the joins it needs and whether a release may count more than once
# (through referrals), for the checkpoint read (`c`, `e` its episode) and the release read (`e`).
LEVELS = {
    "national": ("0", "", False),
    "establishment": ("e.establishment_id", "", False),
    "region": ("o.region_id", "JOIN organisations_organisation o ON o.id = e.establishment_id", False),
    "delivery_unit": ("h.to_organisation_id", "LEFT JOIN release_handover h ON h.custody_episode_id = e.id", False),
    "contract": ("f.contract_id", "{referral}", True),
    "provider": ("f.provider_id", "{referral}", True),
}
SAME_DAY_RECALL = (
    "NOT EXISTS (SELECT 1 FROM people_custodyepisode r "
    "WHERE r.person_id = e.person_id AND r.received_on = e.released_on AND r.id <> e.id)"
)


def _sent_day() -> str:
    return "date(f.sent_at)" if connection.vendor == "sqlite" else "(f.sent_at AT TIME ZONE 'UTC')::date"


def _plus_window() -> str:
    if connection.vendor == "sqlite":
        return f"date(e.released_on, '+{RETURN_WINDOW_DAYS} days')"
    return f"e.released_on + {RETURN_WINDOW_DAYS}"


def _checkpoint_sql(level: str) -> str:
    group, joins, distinct = LEVELS[level]
    referral = (
        "JOIN referrals_referral f ON f.person_id = c.person_id AND f.accepted_at IS NOT NULL "
        f"AND {_sent_day()} >= e.received_on AND {_sent_day()} <= c.due_on"
    )
    return (
        "SELECT c.kind, c.accommodation, c.employment, c.late, c.recorded_at IS NOT NULL, "
        f"(c.recorded_at IS NULL AND c.due_on > %s), {group}, COUNT({'DISTINCT ' if distinct else ''}c.id) "
        "FROM release_checkpoint c JOIN people_custodyepisode e ON e.id = c.custody_episode_id "
        f"{joins.format(referral=referral)} "
        f"WHERE c.due_on >= %s AND c.due_on <= %s AND {SAME_DAY_RECALL} "
        "GROUP BY 1, 2, 3, 4, 5, 6, 7"
    )


def _release_sql(level: str) -> str:
    group, joins, distinct = LEVELS[level]
    referral = (
        "JOIN referrals_referral f ON f.person_id = e.person_id AND f.accepted_at IS NOT NULL "
        f"AND {_sent_day()} >= e.received_on AND {_sent_day()} <= e.released_on"
    )
    return (
        "SELECT EXISTS (SELECT 1 FROM mentoring_allocation a WHERE a.person_id = e.person_id "
        "AND a.started_on < e.released_on AND (a.ended_on IS NULL OR a.ended_on >= e.received_on)), "
        "EXISTS (SELECT 1 FROM people_custodyepisode x WHERE x.person_id = e.person_id "
        f"AND x.received_on > e.released_on AND x.received_on <= {_plus_window()}), "
        f"e.released_on <= %s, {group}, COUNT({'DISTINCT ' if distinct else ''}e.id) "
        f"FROM people_custodyepisode e {joins.format(referral=referral)} "
        f"WHERE e.released_on >= %s AND e.released_on <= %s AND {SAME_DAY_RECALL} "
        "GROUP BY 1, 2, 3, 4"
    )


def hand_written_rows(
    level: str, start: datetime.date, end: datetime.date, today: datetime.date
) -> tuple[list[tuple], list[tuple]]:
    """One level's grouped checkpoint and release counts, in hand-written SQL."""
    with connection.cursor() as cursor:
        cursor.execute(_checkpoint_sql(level), [today - GRACE, start, end])
        checkpoints = cursor.fetchall()
        cursor.execute(_release_sql(level), [today - datetime.timedelta(days=RETURN_WINDOW_DAYS), start, end])
        releases = cursor.fetchall()
    return checkpoints, releases


def _fft_sql() -> str:
    value = "json_extract(v.answers, '$.overall')" if connection.vendor == "sqlite" else "v.answers ->> 'overall'"
    return (
        f"SELECT v.organisation_id, v.contract_id, v.month, {value}, COUNT(*) FROM voice_response v "
        "WHERE v.restricted = %s AND v.month >= %s AND v.month <= %s AND "
        "NOT EXISTS (SELECT 1 FROM voice_safeguardingalert s WHERE s.response_id = v.id AND s.reviewed_at IS NULL) "
        f"AND {value} IS NOT NULL GROUP BY 1, 2, 3, 4"
    )


def hand_written_aggregates(start: datetime.date, end: datetime.date, today: datetime.date) -> int:
    """The same grouped counts every_scorecard reads, for every level, in hand-written SQL: the
    checkpoints and the releases per level, and the feedback answers once."""
    found = sum(len(part) for level in LEVELS for part in hand_written_rows(level, start, end, today))
    with connection.cursor() as cursor:
        cursor.execute(_fft_sql(), [False, start, end])
        found += len(cursor.fetchall())
    return found


def run(*, repeat: int) -> list[Result]:
    with transaction.atomic():
        results = _run(repeat=repeat)
        transaction.set_rollback(True)
    return results


def _run(*, repeat: int) -> list[Result]:
    today = timezone.localdate()
    period = report_period(None, today=today)
    assert period is not None
    database = connection.vendor
    baseline, figure = paired_median_seconds(
        lambda: hand_written_aggregates(period.start, period.end, today),
        lambda: every_scorecard(period, today=today),
        repeat=repeat,
    )
    queries = count_queries(lambda: every_scorecard(period, today=today))
    results = [
        ratio_result(
            name="national_scorecard_every_level",
            figure=figure,
            baseline=baseline,
            target=SCORECARD_TARGET,
            note=f"{period.key}, {queries} queries; baseline: the same aggregates in hand-written SQL ({database})",
        )
    ]
    client = Client()
    simplest = _getter(client, reverse(SIMPLEST_PAGE))
    dashboard = _getter(client, reverse("accountability:dashboard"))
    baseline, figure = paired_median_seconds(simplest, dashboard, repeat=repeat)
    results.append(
        ratio_result(
            name="public_dashboard_first_page",
            figure=figure,
            baseline=baseline,
            target=PAGE_TARGET,
            note=f"signed out, {period.key}; baseline: {reverse(SIMPLEST_PAGE)} ({database})",
        )
    )
    return results
