"""The demo's surveys and responses (bench.voice_demo) on the small and a tiny national world."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from bench import dataset
from bench.voice_demo import NATIONAL_SAMPLE, voice_demo_load
from organisations.constants import OrganisationKind
from organisations.models import Organisation
from voice.constants import Audience, Channel, Eligibility
from voice.models import Response, SafeguardingAlert, Survey
from voice.selectors import responses_counted, survey_is_open, survey_results

pytestmark = pytest.mark.django_db


def test_the_small_demo_world_has_its_surveys():
    counts = dataset.generate(size="small", seed=dataset.DEFAULT_SEED, today=timezone.localdate())
    assert counts["voice_surveys"] == Survey.objects.count() > 2
    assert counts["voice_responses"] == Response.objects.count() > 0


def test_small_world_has_a_feedback_survey_per_prison_and_responses_through_the_services():
    dataset.generate(size="small", seed=dataset.DEFAULT_SEED, today=timezone.localdate(), with_resettlement=False)
    counts = voice_demo_load(size="small", rng=random.Random(5))
    prisons = Organisation.objects.filter(kind=OrganisationKind.ESTABLISHMENT)
    for prison in prisons:
        survey = Survey.objects.get(title=f"Tell us about {prison.name}")
        assert survey.owner == prison and survey.about == prison and survey_is_open(survey)
        assert survey.created_by.role == "involvement_lead"
    food = Survey.objects.get(title="Food and mealtimes")
    assert food.eligibility == Eligibility.ONE_PER_PERSON
    assert "cy" in food.versions.get().definition["questions"][0]["text"]
    assert food.versions.get().definition["questions"][1]["show_if"] == {"question": "food", "in": ["no"]}
    assert Survey.objects.filter(audience=Audience.FAMILIES).count() == 1
    assert counts["voice_surveys"] == prisons.count() + 2
    assert counts["voice_responses"] == Response.objects.count() > prisons.count() * 20
    paper = Response.objects.filter(channel=Channel.PAPER)
    assert paper.exists() and not paper.filter(entered_by__isnull=True).exists()
    assert not Response.objects.exclude(channel=Channel.PAPER).filter(entered_by__isnull=False).exists()
    assert counts["voice_alerts"] == SafeguardingAlert.objects.count() >= 1
    assert Response.objects.values("month").distinct().count() > 1
    results = survey_results(Survey.objects.get(title=f"Tell us about {prisons.first().name}"))
    assert results.fft_positive is not None and results.fft_positive > results.fft_negative


def test_national_world_samples_prisons_and_bulk_inserts_the_same_fields():
    # The national world makes its surveys and responses as part of the dataset (bench/dataset.py).
    counts = dataset.generate(size="national", seed=dataset.DEFAULT_SEED, scale=0.001, today=timezone.localdate())
    assert counts["voice_surveys"] == NATIONAL_SAMPLE + 2
    bulk = Response.objects.filter(version__survey__title__startswith="Tell us about")
    assert bulk.count() == NATIONAL_SAMPLE * 300
    assert bulk.filter(channel=Channel.PAPER).exclude(entered_by__isnull=True).exists()
    alerts = SafeguardingAlert.objects.filter(response__in=bulk)
    assert alerts.exists()
    assert all(set(a.concerns) <= {"self_harm", "harm_to_others"} and a.concerns for a in alerts)
    # Held out of results until reviewed, as with responses made by the services.
    survey = alerts.first().response.version.survey
    held = SafeguardingAlert.objects.filter(response__version__survey=survey).count()
    assert responses_counted(survey).count() <= Response.objects.filter(version__survey=survey).count() - held
