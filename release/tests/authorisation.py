"""Release URLs in the authorisation matrix (tests/test_authorisation_matrix.py). The world's person
is in custody at the world's prison; a second person was released from it 60 days ago."""

from __future__ import annotations

import datetime

from django.utils import timezone

from release.models import Checkpoint
from release.services import checkpoints_generate
from tests.factories import CustodyEpisodeFactory
from tests.matrix import World, expect

CASE_STAFF = expect(403, prison_staff=200, probation_practitioner=200)
# The person is the prison's; to probation elsewhere they do not exist.
PRISONS_PERSON = expect(403, prison_staff=200, probation_practitioner=404)

MATRIX = {
    ("release:coming-up", "get"): CASE_STAFF,
    ("release:followups", "get"): CASE_STAFF,
    ("release:plan", "get"): PRISONS_PERSON,
    ("release:handover", "get"): PRISONS_PERSON,
    ("release:checkpoint", "get"): PRISONS_PERSON,
    # Only the prison records a release.
    ("release:record", "get"): expect(403, prison_staff=200),
}


def arrange(world: World) -> dict[str, list[object]]:
    today = timezone.localdate()
    released = CustodyEpisodeFactory(
        establishment=world.prison,
        received_on=today - datetime.timedelta(days=300),
        released_on=today - datetime.timedelta(days=60),
    )
    checkpoints_generate(episode_ids=[released.pk])
    checkpoint = Checkpoint.objects.get(custody_episode=released, kind="first_night")
    person = [world.person.pk]
    return {
        "release:plan": person,
        "release:record": person,
        "release:handover": person,
        "release:checkpoint": [checkpoint.pk],
    }
