"""Ratings from the person's own view are written in shuffled batches (involvement.SealedRating;
the pattern of decision 19). A rating seals itself; the rating that brings the sealed ones to
`INVOLVEMENT_MIX_BATCH` (10 unless set) mixes them, in its own transaction: it deletes them and
writes them as ParticipantRating rows in a random order under new random keys. `throughgate
involvement_mix` mixes whatever waits, however few."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import transaction

from involvement.constants import RatingChannel
from involvement.models import ParticipantRating, SealedRating


def mix_batch_size() -> int:
    return max(1, int(getattr(settings, "INVOLVEMENT_MIX_BATCH", 10)))


def rating_seal(*, activity_id: int, rung: int) -> None:
    """Seal one own-view rating, inside the caller's transaction, and mix the sealed ratings there
    when a whole batch waits (the caller holds the activity's row lock, not a lock on them all;
    a concurrent mix of the same rows is ruled out by the delete below, which counts what it took)."""
    SealedRating.objects.create(activity_id=activity_id, rung=rung)
    if SealedRating.objects.count() >= mix_batch_size():
        ratings_mix(minimum=mix_batch_size())


def ratings_mix(*, minimum: int = 1) -> int:
    """Move every sealed rating into the counted ratings in a random order under new keys, if at
    least `minimum` wait. Returns how many were mixed."""
    with transaction.atomic():
        sealed = list(SealedRating.objects.order_by().values_list("pk", "activity_id", "rung"))
        if len(sealed) < max(1, minimum):
            return 0
        taken = SealedRating.objects.filter(pk__in=[pk for pk, _, _ in sealed]).delete()[0]
        if taken != len(sealed):  # another mix took some meanwhile: leave it to that one
            transaction.set_rollback(True)
            return 0
        ratings = [ParticipantRating(activity_id=a, rung=r, channel=RatingChannel.OWN_VIEW) for _, a, r in sealed]
        secrets.SystemRandom().shuffle(ratings)
        ParticipantRating.objects.bulk_create(ratings)
    return len(sealed)
