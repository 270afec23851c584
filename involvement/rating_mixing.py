"""Ratings from the person's own view are written in shuffled batches (involvement.SealedRating;
the pattern of decision 19). A rating seals itself; the rating that brings the sealed ones to
`INVOLVEMENT_MIX_BATCH` (10 unless set) mixes them, in its own transaction: it deletes them and
writes them as ParticipantRating rows in a random order under new random keys. `throughgate
involvement_mix` mixes whatever waits, however few."""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.db import transaction

from common.sealing import SealUnreadable, checkpoint_after_commit, open_sealed, seal
from involvement.constants import RatingChannel
from involvement.models import ParticipantRating, SealedRating

logger = logging.getLogger(__name__)


def mix_batch_size() -> int:
    return max(1, int(getattr(settings, "INVOLVEMENT_MIX_BATCH", 10)))


def rating_seal(*, activity_id: int, rung: int) -> None:
    """Seal one own-view rating under the seal key (held outside the database), inside the
    caller's transaction, and mix the sealed ratings there when a whole batch waits (the caller
    holds the activity's row lock, not a lock on them all; a concurrent mix of the same rows is
    ruled out by the delete below, which counts what it took)."""
    SealedRating.objects.create(activity_id=activity_id, sealed=seal(SEAL_KIND, {"rung": rung}, scope=activity_id))
    if SealedRating.objects.count() >= mix_batch_size():
        try:
            with transaction.atomic():
                ratings_mix(minimum=mix_batch_size())
        except SealUnreadable:
            # The rating is sealed and safe; they wait until the key that opens them is configured
            # and `throughgate involvement_mix` is run, which says why it stops.
            logger.exception("Sealed ratings could not be opened with the configured seal keys; none were mixed")


# The kind a sealed rating is sealed as (common/sealing.py binds it, with the activity, to each).
SEAL_KIND = "involvement.rating"


def ratings_mix(*, minimum: int = 1) -> int:
    """Move every sealed rating into the counted ratings in a random order under new keys, if at
    least `minimum` wait: open them all first (SealUnreadable, with nothing changed, when the
    configured keys do not open one), then delete and write them in one transaction, and on
    SQLite empty the -wal once it commits. Returns how many were mixed."""
    with transaction.atomic():
        sealed = list(SealedRating.objects.order_by().values_list("pk", "activity_id", "sealed"))
        if len(sealed) < max(1, minimum):
            return 0
        ratings = [
            ParticipantRating(
                activity_id=activity_id,
                rung=open_sealed(SEAL_KIND, blob, scope=activity_id)["rung"],
                channel=RatingChannel.OWN_VIEW,
            )
            for _, activity_id, blob in sealed
        ]
        taken = SealedRating.objects.filter(pk__in=[pk for pk, _, _ in sealed]).delete()[0]
        if taken != len(sealed):  # another mix took some meanwhile: leave it to that one
            transaction.set_rollback(True)
            return 0
        secrets.SystemRandom().shuffle(ratings)
        ParticipantRating.objects.bulk_create(ratings)
        checkpoint_after_commit()
    return len(sealed)
