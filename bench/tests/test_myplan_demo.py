"""The demo's own-view records (bench.myplan_demo) on the small demo world."""

from __future__ import annotations

import pytest
from django.utils import timezone

from bench import dataset
from bench.myplan_demo import DEMO_PIN, demo_person
from myplan.constants import Channel
from myplan.models import ActionConfirmation, PersonPin
from myplan.services import person_sign_in

pytestmark = pytest.mark.django_db


def test_one_demo_person_in_the_demo_prison_can_sign_in_with_the_demo_pin():
    # Today's date, because who prison staff may see depends on the real date (people.access).
    # The small world makes these records itself (bench.dataset._make_myplan).
    counts = dataset.generate(size="small", seed=dataset.DEFAULT_SEED, today=timezone.localdate())
    counts = {k: counts[k] for k in ("own_view_pins", "own_view_answers")}
    assert counts == {
        "own_view_pins": PersonPin.objects.count(),
        "own_view_answers": ActionConfirmation.objects.count(),
    }
    assert counts == {"own_view_pins": 1, "own_view_answers": 1}
    prison = dataset.demo_users()["prison_staff"].organisation_id
    person = demo_person(prison_id=prison)
    assert person is not None and person.prison_number.startswith("Z")
    assert person_sign_in(identifier=person.prison_number, pin=DEMO_PIN, channel=Channel.KIOSK) == person
