"""Anonymous responses are written in shuffled batches (decision 19; voice.models.SealedResponse).

A submission seals its response: one INSERT of the response's columns into the sealed table,
refused when the submission is already stored in either table. The submission that brings the
sealed responses to `VOICE_MIX_BATCH` (10 unless set) mixes them: in one transaction it reads
them, deletes them, and writes them as `Response` rows in a random order with new random keys.
Closing a survey, and `throughgate voice_mix`, mix whatever is waiting, however few."""

from __future__ import annotations

import datetime
import json
import secrets
import threading
import uuid
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction

from voice.models import Response, SealedResponse

# The columns a sealed response keeps for its Response (all but the key, the version and the
# digest, which have their own columns, and the two that only direct writes set).
_KEPT = ("organisation_id", "contract_id", "channel", "language", "easy_read", "answers", "concerns", "restricted")
_SEAL_SQL = (
    f"INSERT INTO {SealedResponse._meta.db_table} (submission_digest, version_id, columns)"  # noqa: S608 - names from the models
    f" SELECT %s, %s, %s WHERE NOT EXISTS (SELECT 1 FROM {Response._meta.db_table} WHERE submission_digest = %s)"
    " RETURNING submission_digest"
)
_COLUMNS_FIELD = SealedResponse._meta.get_field("columns")
_SEALED_SQL = f"SELECT submission_digest, version_id, columns FROM {SealedResponse._meta.db_table}"  # noqa: S608
_DELETE_SQL = f"DELETE FROM {SealedResponse._meta.db_table} WHERE submission_digest IN ({{ids}})"  # noqa: S608
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
    value = _COLUMNS_FIELD.get_db_prep_save(columns, connection)
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
    return responses_mix(minimum=batch)


_counting = threading.Lock()
_sealed_here = 0


def forget_count() -> None:
    """Start counting afresh (tests, whose databases are rolled back under the count)."""
    global _sealed_here
    with _counting:
        _sealed_here = 0


def responses_mix(*, minimum: int = 1) -> int:
    """If at least `minimum` sealed responses are waiting, move them all into the responses in one
    transaction: delete them, and write them again in a random order (the operating system's
    randomness) under new random keys. A submission mixed already (a replay that raced its own
    mixing) is written once: the digest is unique. Returns how many were mixed.

    They are read and made ready before the transaction, so that on SQLite the one write lock (for
    which every kiosk's submission queues) is held only for the delete and the insert. The delete
    says which rows this mix took: when another mix has taken some meanwhile and fewer than
    `minimum` are left, nothing is written and the transaction is undone."""
    with connection.cursor() as cursor:
        cursor.execute(_SEALED_SQL)
        sealed = cursor.fetchall()
    if not sealed or len(sealed) < minimum:
        return 0
    ready = {
        digest: _values(_unsealed(digest, version_id, columns if isinstance(columns, dict) else json.loads(columns)))
        for digest, version_id, columns in sealed
    }
    with transaction.atomic(), connection.cursor() as cursor:
        ids = list(ready)
        cursor.execute(_DELETE_SQL.format(ids=", ".join(["%s"] * len(ids))) + " RETURNING submission_digest", ids)
        taken = [row[0] for row in cursor.fetchall()]
        if not taken or len(taken) < minimum:
            transaction.set_rollback(True)
            return 0
        rows = [ready[digest] for digest in taken]
        secrets.SystemRandom().shuffle(rows)
        # A submission already in the results (a replay that raced its own mixing) is skipped.
        cursor.execute(
            _INSERT_SQL.format(rows=", ".join([_ROW] * len(rows))) + " ON CONFLICT (submission_digest) DO NOTHING",
            [value for row in rows for value in row],
        )
    return len(taken)


def _unsealed(digest: str, version_id: int, columns: dict[str, Any]) -> dict[str, Any]:
    """A sealed response's row for the results, under a new random key."""
    return {
        **{name: columns[name] for name in _KEPT},
        "id": uuid.uuid4(),
        "version_id": version_id,
        "submission_digest": digest,
        "month": datetime.date.fromisoformat(columns["month"]),
    }
