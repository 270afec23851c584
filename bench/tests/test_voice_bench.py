"""The kiosk benchmark's code paths (bench/voice_bench.py) on a tiny scale, so CI covers them: the
clients, the bare view and the kiosk endpoint under the bench URLconf, throughput and the retried
submissions stored once. Served by pytest-django's live server here (the test database lives in
this process) or, for the retried submissions, django.test.Client in this process (a live server's
threads share one in-memory SQLite connection and trip over each other's writes); `make bench` serves
the same URLs with gunicorn, where the copies of a submission also arrive at the same moment."""

from __future__ import annotations

import random

import pytest

from bench import voice_bench
from tests.factories import EstablishmentFactory, UserFactory
from voice.models import Response


@pytest.fixture
def served(live_server, settings):
    settings.ROOT_URLCONF = "bench.bare_urls"
    UserFactory(role="involvement_lead", organisation=EstablishmentFactory())
    survey = voice_bench.bench_survey()
    return live_server.url, survey


def test_throughput_paths_measure_both_views_and_store_each_submission(served):
    base_url, survey = served
    bare, kiosk, statuses = voice_bench.throughput(
        base_url, survey, requests=20, concurrency=1, rounds=1, rng=random.Random(1)
    )
    assert bare > 0 and kiosk > 0
    assert set(statuses) == {201}
    assert Response.objects.filter(version__survey=survey).count() == 20 + 4  # and the warm-up's
    rows = voice_bench.results(
        bare=bare, kiosk=kiosk, statuses=statuses, sent=0, arrived=0, retry_statuses={}, submissions=1, how="test"
    )
    assert rows[0].name == "kiosk_submission_time_per_request" and "throughput" in rows[0].note


@pytest.mark.django_db
def test_retried_submissions_are_stored_exactly_once(settings):
    settings.ROOT_URLCONF = "bench.bare_urls"
    UserFactory(role="involvement_lead", organisation=EstablishmentFactory())
    survey = voice_bench.bench_survey()
    sent, arrived, statuses = voice_bench.retried(
        voice_bench.IN_PROCESS, survey, submissions=50, concurrency=1, rng=random.Random(2)
    )
    assert 100 <= sent <= 150
    assert arrived == 50
    assert set(statuses) <= {200, 201} and statuses[201] == 50
    result = voice_bench.results(
        bare=1.0, kiosk=1.0, statuses={201: 1}, sent=sent, arrived=arrived, retry_statuses=statuses,
        submissions=50, how="test",
    )[1]  # fmt: skip
    assert result.passed and result.figure == 50
    voice_bench.remove(survey)
    assert not Response.objects.exists()


def test_a_stand_in_is_used_only_while_the_real_kiosk_endpoint_is_missing():
    assert voice_bench.kiosk_path() in ("/voice/api/responses/", voice_bench.STAND_IN_PATH)


def test_rounds_are_paired_so_a_slow_round_moves_both_sides_alike():
    # The machine slows in the second round and a noisy moment hits the kiosk in the third.
    bare, kiosk = voice_bench.paired([1000.0, 500.0, 1000.0], [600.0, 300.0, 450.0])
    assert bare == 1000.0
    assert kiosk == 600.0  # rounds at 0.6, 0.6 and 0.45 of the bare view: the median is 0.6
    # The medians of each side alone would have read 450 / 1000.
