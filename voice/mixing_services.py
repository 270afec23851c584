"""Anonymous responses are written in shuffled batches (decision 19; voice.models.SealedResponse).

A submission seals its response: one INSERT of the response's columns, encrypted under the seal
key held outside the database (common/sealing.py), into the sealed table, refused when the
submission is already stored in either table. The submission that brings the sealed responses to
`VOICE_MIX_BATCH` (10 unless set) mixes them: it opens them, and in one transaction deletes them
and writes them as `Response` rows in a random order with new random keys.
Closing a survey, and `throughgate voice_mix`, mix whatever is waiting, however few."""

from __future__ import annotations

import logging
import secrets
import threading
import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction

from common.sealing import SealUnreadable, checkpoint_after_commit, open_sealed, seal
from voice.models import ProtectedWords, Response, SealedResponse

logger = logging.getLogger(__name__)

# The columns a sealed response keeps for its Response (all but the key, the version and the
# digest, which have their own columns, and the two that only direct writes set).
_KEPT = ("organisation_id", "contract_id", "channel", "language", "easy_read", "answers", "concerns", "restricted")
_SEAL_SQL = (
    f"INSERT INTO {SealedResponse._meta.db_table} (submission_digest, version_id, sealed)"  # noqa: S608 - names from the models
    f" SELECT %s, %s, %s WHERE NOT EXISTS (SELECT 1 FROM {Response._meta.db_table} WHERE submission_digest = %s)"
    " RETURNING submission_digest"
)
# The kind a sealed response is sealed as (common/sealing.py binds it, with the version, to each).
SEAL_KIND = "voice.response"
_RESPONSE_FIELDS = [f for f in Response._meta.concrete_fields]
_INSERT_SQL = "INSERT INTO {table} ({columns}) VALUES {{rows}}".format(  # noqa: S608 - names from the model
    table=Response._meta.db_table, columns=", ".join(str(f.column) for f in _RESPONSE_FIELDS)
)
_ROW = "(" + ", ".join(["%s"] * len(_RESPONSE_FIELDS)) + ")"


def response_insert(row: dict[str, Any]) -> None:
    """INSERT one response straight into the results (a named, paper or alerting one). `row` holds
    the Response's columns by attribute name (`id` included); each value is prepared by its own
    field as the ORM would, without building a model instance or the ORM's per-save machinery. No
    signal listens for responses; the unique submission digest still raises IntegrityError."""
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_SQL.format(rows=_ROW), _values(row))


def _values(row: dict[str, Any]) -> list[Any]:
    """The row's values in column order, as each field would prepare them for this database. Only
    the key, the dates and the JSON need preparing; the rest (text, numbers, ids, booleans) go as
    they are, which saves the ORM's call chain for each of them (a test checks both agree)."""
    return [
        field.get_db_prep_save(row.get(field.attname), connection) if prepared else row.get(field.attname)
        for field, prepared in _PREPARED
    ]


_PREPARED = [
    (field, isinstance(field, models.UUIDField | models.DateField | models.JSONField)) for field in _RESPONSE_FIELDS
]


def mix_batch_size() -> int:
    """How many sealed responses wait before they are shuffled into the results (setting
    VOICE_MIX_BATCH, 10 by default as decision 19 plans; never less than 1)."""
    return max(1, int(getattr(settings, "VOICE_MIX_BATCH", 10)))


def response_seal(row: dict[str, Any]) -> str | None:
    """Seal one anonymous response (its columns by attribute name, as for `response_insert`, with
    no key: it gets one when mixed), inside the caller's transaction if there is one. Returns the
    sealed row's id; None when its submission was already mixed into
    the responses; IntegrityError when it is already sealed."""
    columns = {name: row[name] for name in _KEPT}
    columns["month"] = row["month"].isoformat()
    if "original" in row:  # an allegation's words as written, for professional standards alone
        columns["original"] = row["original"]
    value = seal(SEAL_KIND, columns, scope=row["version_id"])
    digest = row["submission_digest"]
    with connection.cursor() as cursor:
        cursor.execute(_SEAL_SQL, [digest, row["version_id"], value, digest])
        sealed = cursor.fetchone()
    return None if sealed is None else str(sealed[0])


def responses_mix_when_full() -> int:
    """After sealing a response: once this process has sealed a batch's worth since it last
    tried, mix the sealed responses if at least a whole batch is waiting (from every process).
    Counting here, not in the database, saves each submission a query; with several processes
    more than a batch may wait (at most about a batch for each), never fewer are mixed. Returns
    how many were mixed."""
    global _sealed_here
    batch = mix_batch_size()
    with _counting:
        _sealed_here += 1
        if _sealed_here < batch:
            return 0
        _sealed_here = 0
    try:
        return responses_mix(minimum=batch)
    except SealUnreadable:
        # The person's answer is sealed and safe; the waiting ones stay sealed until the key that
        # opens them is configured and `throughgate voice_mix` is run, which says why it stops.
        logger.exception("Sealed responses could not be opened with the configured seal keys; none were mixed")
        return 0


_counting = threading.Lock()
_sealed_here = 0


def forget_count() -> None:
    """Start counting afresh (tests, whose databases are rolled back under the count)."""
    global _sealed_here
    with _counting:
        _sealed_here = 0


def responses_mix(*, minimum: int = 1) -> int:
    """If at least `minimum` sealed responses are waiting, move them all into the responses:
    open them (in Python: the key is not in the database), shuffle them with the operating
    system's randomness, and in one transaction delete them and write them as `Response` rows
    under new random keys, in that order. A submission mixed already (a replay that raced its own
    mixing) is written once: the digest is unique. Returns how many were mixed.

    Reading and opening happen before the write transaction where the caller has none open, so
    on SQLite the one write lock (transaction_mode IMMEDIATE) is held only for one DELETE and one
    multi-row INSERT a batch. The DELETE counts what it took: when another mix took some of the
    same rows meanwhile, this transaction is undone and leaves them to that one. A row that no
    configured key opens raises SealUnreadable before anything is changed.

    On SQLite the -wal is emptied once the mix commits (`PRAGMA wal_checkpoint(TRUNCATE)`), so
    the log keeps no frames in the order the sealed rows arrived (issue 15, break 1)."""
    with connection.cursor() as cursor:
        cursor.execute(_READ_SQL)
        waiting = cursor.fetchall()
    if not waiting or len(waiting) < minimum:
        return 0
    rows = [_opened(digest, version_id, blob) for digest, version_id, blob in waiting]
    secrets.SystemRandom().shuffle(rows)
    digests = [digest for digest, _, _ in waiting]
    with transaction.atomic(), connection.cursor() as cursor:
        taken = 0
        for start in range(0, len(digests), _CHUNK):
            chunk = digests[start : start + _CHUNK]
            cursor.execute(_TAKE_SQL.format(marks=", ".join(["%s"] * len(chunk))), chunk)
            taken += max(0, cursor.rowcount)
        if taken != len(digests):  # another mix took some meanwhile: leave them all to that one
            transaction.set_rollback(True)
            return 0
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            cursor.execute(
                _INSERT_SQL.format(rows=", ".join([_ROW] * len(chunk))) + " ON CONFLICT (submission_digest) DO NOTHING",
                [value for row in chunk for value in _values(row)],
            )
        kept = [row for row in rows if "original" in row]
        if kept:  # in the batch's shuffled order, like the responses
            _protected_insert(kept)
    checkpoint_after_commit()
    return len(rows)


_SEALED = SealedResponse._meta.db_table
_READ_SQL = f"SELECT submission_digest, version_id, sealed FROM {_SEALED}"  # noqa: S608 - names from the models
_TAKE_SQL = f"DELETE FROM {_SEALED} WHERE submission_digest IN ({{marks}})"  # noqa: S608 - names from the models
# Rows a statement: well under SQLite's 32,766 parameters with the Response's 13 columns.
_CHUNK = 500


def _protected_insert(rows: list[dict[str, Any]]) -> None:
    """The words as written of the mixed rows that kept them (allegations), for the rows whose
    response this mix wrote (a replay mixed already wrote its own)."""
    written = set(Response.objects.filter(pk__in=[row["id"] for row in rows]).values_list("pk", flat=True))
    ProtectedWords.objects.bulk_create(
        [ProtectedWords(response_id=row["id"], answers=row["original"]) for row in rows if row["id"] in written]
    )


def _opened(digest: str, version_id: int, blob: bytes | memoryview) -> dict[str, Any]:
    """A sealed row opened as the Response's columns by attribute name, under a new random key."""
    columns = open_sealed(SEAL_KIND, blob, scope=version_id)
    row = {name: columns[name] for name in _KEPT}
    if "original" in columns:
        row["original"] = columns["original"]
    row.update(
        id=uuid.uuid4(),
        version_id=version_id,
        submission_digest=digest,
        month=date.fromisoformat(columns["month"]),
        named_person_id=None,  # the person named, the staff who typed it: never on a sealed one
        entered_by_id=None,
    )
    return row
