"""Mentoring's rows of the authorisation matrix (tests/test_authorisation_matrix.py).

The mentee is a second person in custody at the world's prison, mentored by a mentor of the world's
provider: the partner sees them (and only their mentoring), so the world's own person stays
unseen by the partner, as the central rows expect."""

from __future__ import annotations

import datetime

from django.utils import timezone

from mentoring.constants import MentorKind
from mentoring.services import allocation_add, mentor_add
from tests.factories import CustodyEpisodeFactory
from tests.matrix import PA, P, World, expect

MATRIX = {
    # Each organisation that mentors (prison, probation, partner) sees its own caseload and mentors.
    ("mentoring:caseload", "get"): expect(403, prison_staff=200, probation_practitioner=200, partner_caseworker=200),
    ("mentoring:mentors", "get"): expect(403, prison_staff=200, probation_practitioner=200, partner_caseworker=200),
    ("mentoring:mentor-new", "get"): expect(403, prison_staff=200, probation_practitioner=200, partner_caseworker=200),
    # The mentor is the partner's: another organisation's staff are told it does not exist.
    ("mentoring:mentor-unavailable", "get"): expect(
        403, prison_staff=404, probation_practitioner=404, partner_caseworker=200
    ),
    # Prison and probation staff who can see the person allocate; probation cannot see this one.
    ("mentoring:allocate", "get"): expect(403, prison_staff=200, probation_practitioner=404),
    # Contacts and endings: the prison, and the mentor's own organisation.
    ("mentoring:contact-new", "get"): expect(403, prison_staff=200, probation_practitioner=404, partner_caseworker=200),
    ("mentoring:end", "get"): expect(403, prison_staff=200, probation_practitioner=404, partner_caseworker=200),
}


def arrange(world: World) -> dict[str, list[object]]:
    mentee = CustodyEpisodeFactory(establishment=world.prison).person
    mentor = mentor_add(
        acting_user=world.users[PA], name="Morgan Mentor", kind=MentorKind.PEER_MENTOR, lived_experience=True
    )
    allocation = allocation_add(
        acting_user=world.users[P],
        person_id=mentee.pk,
        mentor_id=mentor.pk,
        started_on=timezone.localdate() - datetime.timedelta(days=7),
        goals="To find work I can be proud of",
        consent=True,
    )
    return {
        "mentoring:mentor-unavailable": [mentor.pk],
        "mentoring:allocate": [mentee.pk],
        "mentoring:contact-new": [mentee.pk, allocation.pk],
        "mentoring:end": [mentee.pk, allocation.pk],
    }
