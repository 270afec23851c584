"""Mentoring records for the small demo world, written through the real services (validated and
audited as a member of staff's would be): the demo partner's mentors and coaches (a peer mentor with
lived experience among them), mentoring for some of the demo prison's people due for release (others
left without, for the release warning to show), and mentoring carried through the gate for some of
those it released, one of them with no contact since release."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from accounts.constants import Role
from accounts.models import User
from bench.dataset import DEMO_USERNAMES
from mentoring.constants import ContactMethod, ContactOutcome, ContactRating, ContactSetting, EndReason, MentorKind
from mentoring.models import Allocation
from mentoring.services import allocation_add, allocation_end, contact_record, mentor_add
from people.models import CustodyEpisode

GOALS = [
    "To stay in touch with my kids and be a proper dad when I get out",
    "To get a job, any job, and keep it for a year",
    "Someone to talk to who has been where I am",
    "To stop using and stay stopped",
    "To sort my housing before I leave so I'm not on the street",
    "To finish my English and maths and go to college",
]
NOTES = [
    "Talked about what the first week out will look like",
    "Planned the journey from the gate to the probation office",
    "Went through the job centre appointment letter together",
    "Talked about family contact and how to rebuild it",
    "Checked in by phone: settling in at the hostel",
]


def make_mentoring_records(*, rng: random.Random) -> dict[str, int]:
    today = timezone.localdate()
    officer = User.objects.select_related("organisation").get(username=DEMO_USERNAMES[Role.PRISON_STAFF])
    partner = User.objects.select_related("organisation").get(username=DEMO_USERNAMES[Role.PARTNER_CASEWORKER])
    mentors = [
        mentor_add(acting_user=partner, name="Dylan Okafor", kind=MentorKind.PEER_MENTOR, lived_experience=True),
        mentor_add(acting_user=partner, name="", kind=MentorKind.COACH, lived_experience=False, user_id=partner.pk),
        mentor_add(acting_user=partner, name="Mair Pritchard", kind=MentorKind.MENTOR, lived_experience=True),
    ]
    counts = {"mentors": len(mentors), "mentoring_allocations": 0, "mentoring_contacts": 0}

    def contact(allocation: Allocation, on: datetime.date, setting: str, *, missed: bool = False) -> None:
        contact_record(
            acting_user=partner,
            person_id=allocation.person_id,
            allocation_id=allocation.pk,
            contact_on=on,
            method=ContactMethod.PHONE if setting == ContactSetting.IN_COMMUNITY else ContactMethod.IN_PERSON,
            setting=setting,
            outcome=ContactOutcome.DID_NOT_ATTEND if missed else ContactOutcome.HAPPENED,
            note=rng.choice(NOTES),
            rating="" if missed else rng.choice([ContactRating.VERY_GOOD, ContactRating.GOOD, ""]),
        )
        counts["mentoring_contacts"] += 1

    def allocate(person_id: int, started_on: datetime.date, index: int) -> Allocation:
        counts["mentoring_allocations"] += 1
        return allocation_add(
            acting_user=officer,
            person_id=person_id,
            mentor_id=mentors[index % len(mentors)].pk,
            started_on=started_on,
            goals=rng.choice(GOALS),
            consent=True,
        )

    # Held now and due for release within 12 weeks: most get a mentor, some are left without.
    due = CustodyEpisode.objects.open().filter(
        establishment=officer.organisation, expected_release_on__lte=today + datetime.timedelta(weeks=12)
    )
    for index, episode in enumerate(due.order_by("expected_release_on", "pk")[:8]):
        if index % 3 == 1:
            continue  # no mentor yet: the person page and the prison's caseload warn
        allocation = allocate(episode.person_id, today - datetime.timedelta(days=rng.randint(20, 70)), index)
        for days_ago in sorted(rng.sample(range(1, (today - allocation.started_on).days), 2), reverse=True):
            contact(allocation, today - datetime.timedelta(days=days_ago), ContactSetting.IN_PRISON)

    # Released from the demo prison in the last year (but a month ago or more): mentoring begun inside, carried through
    # the gate for most; one relationship lost at the gate; one ended.
    released = CustodyEpisode.objects.filter(
        establishment=officer.organisation,
        released_on__gte=today - datetime.timedelta(days=330),
        released_on__lte=today - datetime.timedelta(days=30),
    ).exclude(person__custody_episodes__released_on__isnull=True)
    for index, episode in enumerate(released.order_by("-released_on", "pk")[:5]):
        assert episode.released_on is not None
        started = max(episode.received_on, episode.released_on - datetime.timedelta(days=45))
        allocation = allocate(episode.person_id, started, index)
        contact(allocation, started + (episode.released_on - started) // 2, ContactSetting.IN_PRISON)
        if index == 1:
            continue  # no contact since release: flagged
        contact(allocation, episode.released_on, ContactSetting.AT_THE_GATE)
        contact(allocation, episode.released_on + datetime.timedelta(days=9), ContactSetting.IN_COMMUNITY, missed=True)
        contact(allocation, episode.released_on + datetime.timedelta(days=16), ContactSetting.IN_COMMUNITY)
        if index != 3:
            recent = max(
                episode.released_on + datetime.timedelta(days=17), today - datetime.timedelta(days=rng.randint(2, 20))
            )
            contact(allocation, min(recent, today), ContactSetting.IN_COMMUNITY)
        else:
            allocation_end(
                acting_user=officer,
                person_id=episode.person_id,
                allocation_id=allocation.pk,
                ended_on=episode.released_on + datetime.timedelta(days=20),
                reason=EndReason.GOALS_MET,
            )
    return counts
