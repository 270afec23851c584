"""The public figures are published once a day: every page and download of the day shows the same
publication (no differencing between two moments of one day), a page reads it instead of counting
the year again, and the next day's publication takes in what was recorded since."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accountability.figures import Level
from accountability.models import PublishedTable
from accountability.public_figures import public_tables
from accountability.tests.worlds import PERIOD_KEY, TODAY, _checkpoint, _release, feedback, hand_worked_world
from common.periods import period_for_key

pytestmark = pytest.mark.django_db
PERIOD = period_for_key(PERIOD_KEY, today=TODAY)


def national_in_scope(day):
    rows = public_tables(PERIOD, today=day, levels=(Level.NATIONAL,))[Level.NATIONAL]
    return rows[0]["measures"]["housed_on_release"]["in_scope"]


def test_one_publication_a_day_and_the_next_day_takes_in_new_records(django_assert_max_num_queries):
    world = hand_worked_world()
    assert national_in_scope(TODAY) == 10
    made = PublishedTable.objects.filter(made_on=TODAY).count()
    assert made == 5 * 4  # the year and its four quarters, at four public levels
    # Five more first nights recorded at prison A the same day: today's figures stay as published.
    for _ in range(5):
        _checkpoint(_release(world.a), world.officer, accommodation="settled")
    with django_assert_max_num_queries(2):
        assert national_in_scope(TODAY) == 10
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert national_in_scope(tomorrow) == 15
    # Only the latest publication of a year is kept.
    assert set(PublishedTable.objects.values_list("made_on", flat=True)) == {tomorrow}


def test_the_dashboard_reads_the_days_publication(client, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    hand_worked_world()
    url = reverse("accountability:dashboard")
    assert client.get(url, {"period": PERIOD_KEY}).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(url, {"period": PERIOD_KEY}).status_code == 200


def test_the_public_nation_counts_feedback_given_away_from_prisons():
    """Feedback given at a delivery unit counts in the nation's and the region's published figures,
    as it does on the staff scorecard, though no prison holds it."""
    world = hand_worked_world()
    feedback(world, world.unit, [(PERIOD.start, "good" if i < 9 else "poor") for i in range(12)])
    tables = public_tables(PERIOD, today=TODAY, levels=(Level.NATIONAL, Level.REGION))
    national = tables[Level.NATIONAL][0]["measures"]["feedback_positive"]
    north = next(r for r in tables[Level.REGION] if r["code"] == str(world.north.pk))["measures"]["feedback_positive"]
    # 9 of 12: rounded to 10 of 10.
    assert (national["in_scope"], national["numerator"]) == (10, 10)
    assert (north["in_scope"], north["numerator"]) == (10, 10)
