from __future__ import annotations

import random

import pytest
from django.utils import timezone

from accounts.models import User
from bench import dataset
from bench.work_demo import EMPLOYER_USERNAME, make_work_records
from work import rules
from work.models import Application, ApplicationStep, Opportunity, WorkProfile

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_employer_opportunities_profiles_and_applications_at_each_stage():
    dataset.generate(size="small", today=timezone.localdate(), with_resettlement=False)
    counts = make_work_records(rng=random.Random(1))
    employer = User.objects.get(username=EMPLOYER_USERNAME)
    assert rules.is_employer(employer) and employer.check_password(dataset.DEMO_PASSWORD)
    assert counts == {
        "work_opportunities": Opportunity.objects.count(),
        "work_profiles": WorkProfile.objects.count(),
        "work_applications": Application.objects.count(),
    }
    # The small world's demo prison has a few people due out within 12 weeks; each gets a profile.
    assert counts["work_opportunities"] == 4 and counts["work_profiles"] >= 2
    assert counts["work_applications"] >= 2
    assert ApplicationStep.objects.filter(step="interview_offered").exists()
    for person in (a.person for a in Application.objects.select_related("person")):
        assert person.prison_number.startswith("Z")
    make_work_records(rng=random.Random(2))  # a second run finds the employer sign-in again
    assert User.objects.filter(username=EMPLOYER_USERNAME).count() == 1
