"""The demo's mentoring records (bench.mentoring_demo) on the small demo world."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from bench import dataset
from bench.mentoring_demo import make_mentoring_records
from mentoring.models import Allocation, Contact, Mentor
from mentoring.selectors import caseload_for_organisation, release_soon_without_mentor

pytestmark = pytest.mark.django_db


def test_the_demo_has_mentors_mentoring_through_the_gate_and_its_warnings():
    # Today's date, because who prison staff may see depends on the real date (people.access).
    dataset.generate(size="small", seed=dataset.DEFAULT_SEED, today=timezone.localdate(), with_resettlement=False)
    counts = make_mentoring_records(rng=random.Random(dataset.DEFAULT_SEED))
    assert counts == {
        "mentors": Mentor.objects.count(),
        "mentoring_allocations": Allocation.objects.count(),
        "mentoring_contacts": Contact.objects.count(),
    }
    assert Mentor.objects.filter(kind="peer_mentor", lived_experience=True, user__isnull=True).exists()
    assert counts["mentoring_allocations"] >= 6 and Allocation.objects.filter(ended_on__isnull=False).exists()
    partner = dataset.demo_users()["partner_caseworker"]
    rows = caseload_for_organisation(organisation_id=partner.organisation_id, today=timezone.localdate())
    flags = {flag for row in rows for flag in row.flags}
    assert "no_contact_since_release" in flags
    assert any(row.released_on and not row.flags for row in rows)  # carried through the gate
    prison = dataset.demo_users()["prison_staff"].organisation_id
    assert release_soon_without_mentor(prison_id=prison, today=timezone.localdate()).exists()
    assert Contact.objects.filter(setting="at_the_gate").exists()
