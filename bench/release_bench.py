"""Release benchmarks (issue 4): making the follow-up checkpoints for a year of releases, as a ratio
to a bare bulk insert of the same rows in the same run, and for half a year (time per release must
not grow with the number of releases); and the practitioner's follow-ups-due list against the
simplest page, with a bounded number of queries."""

from __future__ import annotations

import datetime
import time

from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.constants import Role
from bench.measure import Result, bound_result, count_queries, paired_median_seconds, ratio_result
from bench.pages import PAGE_TARGET, SIMPLEST_PAGE, _getter, _user
from people.models import CustodyEpisode
from release.constants import CHECKPOINT_DAYS
from release.models import Checkpoint
from release.services import checkpoints_generate

# Making checkpoints may cost at most this many times a bare bulk insert of the same rows.
GENERATE_TARGET = 3.0
# Time per release for a year, against time per release for half a year: proportional means ~1.
SCALING_TARGET = 1.5


def run(*, repeat: int) -> list[Result]:
    """Inside a transaction that is rolled back: the checkpoints made and deleted here are not kept."""
    with transaction.atomic():
        results = _generation() + _followups_page(repeat=repeat)
        transaction.set_rollback(True)
    return results


def _releases_since(since: datetime.date) -> list[tuple[int, int, datetime.date, int]]:
    return list(
        CustodyEpisode.objects.filter(released_on__gte=since).values_list(
            "pk", "person_id", "released_on", "establishment_id"
        )
    )


def _clear(since: datetime.date) -> None:
    Checkpoint.objects.filter(custody_episode__released_on__gte=since).delete()


def _bulk_insert(rows: list[tuple[int, int, datetime.date, int]]) -> float:
    started = time.perf_counter()
    Checkpoint.objects.bulk_create(
        [
            Checkpoint(
                custody_episode_id=pk,
                person_id=person_id,
                kind=kind,
                due_on=released_on + datetime.timedelta(days=days),
                answerable_id=prison_id,
            )
            for pk, person_id, released_on, prison_id in rows
            for kind, days in CHECKPOINT_DAYS.items()
        ],
        batch_size=5000,
    )
    return time.perf_counter() - started


def _generate(since: datetime.date) -> tuple[float, int]:
    started = time.perf_counter()
    made = checkpoints_generate(released_since=since)
    return time.perf_counter() - started, made


def _generation() -> list[Result]:
    today = timezone.localdate()
    year, half = today - datetime.timedelta(days=365), today - datetime.timedelta(days=182)
    rows = _releases_since(year)
    _clear(year)
    bare = _bulk_insert(rows)
    _clear(year)
    whole, made = _generate(year)
    assert made == 4 * len(rows), f"made {made} checkpoints for {len(rows)} releases"
    again, made_again = _generate(year)
    assert made_again == 0, "a second run made checkpoints again"
    _clear(half)
    half_rows = len(_releases_since(half))
    part, _ = _generate(half)
    per_release_year, per_release_half = whole / max(len(rows), 1), part / max(half_rows, 1)
    return [
        ratio_result(
            name="checkpoints_for_a_year_of_releases",
            figure=whole,
            baseline=bare,
            target=GENERATE_TARGET,
            unit="s",
            note=f"{len(rows):,} releases, {made:,} checkpoints; baseline: bulk insert of the same rows; "
            f"a second run made {made_again} and took {again:.2f} s",
        ),
        ratio_result(
            name="checkpoints_time_per_release_year_vs_half_year",
            figure=per_release_year,
            baseline=per_release_half,
            target=SCALING_TARGET,
            unit="ms",
            note=f"{len(rows):,} releases against {half_rows:,}: proportional when about 1",
        ),
    ]


def _followups_page(*, repeat: int) -> list[Result]:
    user = _user("probation", Role.PROBATION_PRACTITIONER)
    client = Client()
    client.force_login(user)
    simplest = _getter(client, reverse(SIMPLEST_PAGE))
    mine, team = reverse("release:followups"), reverse("release:followups") + "?team=1"
    results = []
    for name, url in (("followups_page_practitioner", mine), ("followups_page_team", team)):
        baseline, figure = paired_median_seconds(simplest, _getter(client, url), repeat=repeat)
        results.append(
            ratio_result(
                name=name, figure=figure, baseline=baseline, target=PAGE_TARGET, note=f"baseline: {SIMPLEST_PAGE}"
            )
        )
    # The prison answers for every follow-up of its releases until a handover: its list is the
    # longest (capped at 500 rows on the page).
    prison = Client()
    prison.force_login(_user("prison", Role.PRISON_STAFF))
    baseline, figure = paired_median_seconds(
        _getter(prison, reverse(SIMPLEST_PAGE)), _getter(prison, team), repeat=repeat
    )
    results.append(
        ratio_result(
            name="followups_page_prison_team",
            figure=figure,
            baseline=baseline,
            target=PAGE_TARGET,
            note=f"baseline: {SIMPLEST_PAGE}; every follow-up of the prison's releases",
        )
    )
    results.append(
        bound_result(
            name="followups_page_queries",
            figure=count_queries(_getter(client, team)),
            baseline=count_queries(_getter(client, mine)),
            target=1.0,
            unit="queries",
            note="the team's list against the practitioner's own",
        )
    )
    return results
