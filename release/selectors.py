"""Reads about releases, checkpoints and handovers, and the rules that derive their state."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from people.models import CustodyEpisode, ServiceUser
from release.constants import CheckpointState
from release.models import Checkpoint, Handover, ReleasePlan

# A checkpoint may be recorded up to two weeks after its date; after that, with no result, it is
# NOT KNOWN: a failure reported against the organisation responsible, never missing data.
GRACE = datetime.timedelta(days=14)


def checkpoint_state(*, checkpoint: Checkpoint, today: datetime.date) -> str:
    if checkpoint.recorded_at is not None:
        return CheckpointState.RECORDED
    if today < checkpoint.due_on:
        return CheckpointState.UPCOMING
    if today <= checkpoint.due_on + GRACE:
        return CheckpointState.DUE
    return CheckpointState.NOT_KNOWN


def checkpoints_for_person(*, person: ServiceUser) -> QuerySet[Checkpoint]:
    """Every checkpoint of every release of the person, oldest release first."""
    return (
        Checkpoint.objects.filter(person=person)
        .select_related("custody_episode__establishment", "recorded_by")
        .order_by("custody_episode__received_on", "due_on", "id")
    )


def latest_episode(*, person: ServiceUser) -> CustodyEpisode | None:
    return person.custody_episodes.select_related("establishment").order_by("-received_on", "-id").first()


def release_plan_for_person(*, person: ServiceUser) -> ReleasePlan | None:
    """The release plan of the person's latest custody episode, if one has been started."""
    episode = latest_episode(person=person)
    if episode is None:
        return None
    return ReleasePlan.objects.filter(custody_episode=episode).first()


def handover_for_episode(*, episode: CustodyEpisode) -> Handover | None:
    return Handover.objects.filter(custody_episode=episode).select_related("to_organisation").first()
