"""Releases and follow-ups for the small demo world, through the real services: follow-up
checkpoints for every release already in the world (as for releases imported from other systems),
results recorded for some of the demo practitioner's cases falling due now (and a few recorded
late), release plans at different stages for people due out of the demo prison, and handovers.
The rest of the past results are recorded by bench.outcomes_demo, prison by prison."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from accounts.models import User
from people.models import CustodyEpisode, ServiceUser
from release import selectors, services
from release.constants import ASKS_EMPLOYMENT, Accommodation, Employment
from release.models import Checkpoint
from resettlement.models import Plan

LATE_RECORDS = 3  # the practitioner's follow-ups recorded after their grace period

PLAN_STAGES = [
    {},  # nothing arranged yet
    {"release_type": "conditional", "first_night_accommodation": "not_known"},
    {
        "release_type": "conditional",
        "first_night_accommodation": "approved_premises",
        "discharge_grant": "paid",
        "has_id": "yes",
        "has_bank_account": "no",
        "benefits_claim": "made",
        "gp_registered": "no",
    },
    {
        "release_type": "hdc",
        "first_night_accommodation": "settled",
        "discharge_grant": "paid",
        "has_id": "yes",
        "has_bank_account": "yes",
        "benefits_claim": "made",
        "gp_registered": "yes",
    },
]


def make_release_records(*, officer: User, practitioner: User, rng: random.Random) -> dict[str, int]:
    today = timezone.localdate()
    counts = {"checkpoints": services.checkpoints_generate(), "release_plans": 0, "handovers": 0}
    # People due out of the demo prison: plans at each stage, and a handover where a plan exists.
    due = selectors.releases_coming_up(user=officer, today=today).filter(establishment=officer.organisation)
    for index, episode in enumerate(due[: len(PLAN_STAGES) * 2]):
        stage = PLAN_STAGES[index % len(PLAN_STAGES)]
        appointment = {}
        if stage.get("gp_registered") == "yes" and episode.expected_release_on:
            appointment = {
                "first_appointment_on": episode.expected_release_on + datetime.timedelta(days=1),
                "first_appointment_place": "The probation office, 12 Mill Lane",
            }
        services.release_plan_save(
            acting_user=officer,
            person_id=episode.person_id,
            expected_release_on=episode.expected_release_on,
            **appointment,
            **stage,
        )
        counts["release_plans"] += 1
        # Every other one, and at least one whatever today's date makes of who is due and planned.
        if Plan.objects.filter(person_id=episode.person_id).exists() and (index % 2 == 0 or not counts["handovers"]):
            services.handover_record(
                acting_user=officer,
                person_id=episode.person_id,
                to_organisation_id=practitioner.organisation_id,
                handover_on=today,
                note="Housing is the main worry; the family want to help.",
            )
            counts["handovers"] += 1
    # The practitioner's follow-ups falling due now: about two in three recorded in time, through
    # the service, as they would be; and a few older ones recorded weeks late, kept but still NOT
    # KNOWN. The rest of the world's past results are recorded in bulk, prison by prison
    # (bench.outcomes_demo), so that scorecards differ.
    visible = ServiceUser.objects.visible_to(practitioner).values("pk")
    released = CustodyEpisode.objects.filter(person__in=visible, released_on__isnull=False).values("pk")
    theirs = Checkpoint.objects.filter(custody_episode__in=released, due_on__lte=today, recorded_at__isnull=True)
    in_time = list(theirs.filter(due_on__gte=today - selectors.GRACE).order_by("due_on")[:40])
    late = list(theirs.filter(due_on__lt=today - selectors.GRACE * 2).order_by("-due_on")[:LATE_RECORDS])
    for checkpoint in in_time + late:
        if checkpoint in in_time and rng.random() < 0.35:
            continue
        accommodation = rng.choice([Accommodation.SETTLED] * 3 + [Accommodation.OTHER_HOUSED, Accommodation.HOMELESS])
        employment = ""
        if checkpoint.kind in ASKS_EMPLOYMENT:
            employment = rng.choice(
                [Employment.EMPLOYED, Employment.UNEMPLOYED, Employment.UNEMPLOYED, Employment.UNAVAILABLE]
            )
        services.checkpoint_record(
            acting_user=practitioner, checkpoint_id=checkpoint.pk, accommodation=accommodation, employment=employment
        )
    return counts
