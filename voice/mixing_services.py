"""Anonymous responses are written in shuffled batches (decision 19; voice.models.SealedResponse).

A submission seals its response: one INSERT of the response's columns into the sealed table,
refused when the submission is already stored in either table. The submission that brings the
sealed responses to `VOICE_MIX_BATCH` (10 unless set) mixes them: in one transaction it deletes
them and writes them as `Response` rows in a random order with new random keys.
Closing a survey, and `throughgate voice_mix`, mix whatever is waiting, however few."""

from __future__ import annotations

import threading
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
    transaction: delete them, and write them again in a random order under new random keys, both
    drawn by the database from its strong random source (SQLite's randomblob, ChaCha20 seeded from
    the operating system since SQLite 3.40; PostgreSQL's gen_random_uuid). A submission mixed
    already (a replay that raced its own mixing) is written once: the digest is unique. Returns
    how many were mixed.

    The rows never leave the database: one INSERT … SELECT writes them from the sealed table's JSON
    (no reading, decoding and encoding them again in Python, which cost more than the kiosk's own
    write; make bench, "kiosk submissions"). On SQLite the transaction holds the one write lock
    (transaction_mode IMMEDIATE), so the count, the insert and the delete see the same rows. On
    PostgreSQL one statement deletes the rows it can take and inserts those; when another mix took
    some meanwhile and fewer than `minimum` are left, the transaction is undone."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_mix_sql())
            taken = int(cursor.fetchone()[0])
            if taken < minimum:
                transaction.set_rollback(True)
                return 0
            return taken
        cursor.execute(_mix_sql(), [minimum])
        cursor.execute(_TAKE_SQL, [minimum])
        return max(0, cursor.rowcount)


_SEALED = SealedResponse._meta.db_table
_TAKE_SQL = f"DELETE FROM {_SEALED} WHERE (SELECT count(*) FROM {_SEALED}) >= %s"  # noqa: S608 - names from the models


def _mix_sql() -> str:
    """The statement that writes every sealed response as a `Response`, for this database."""
    vendor = connection.vendor
    if vendor not in _MIX_SQL:
        _MIX_SQL[vendor] = _postgresql_mix() if vendor == "postgresql" else _sqlite_mix()
    return _MIX_SQL[vendor]


_MIX_SQL: dict[str, str] = {}
_COLUMNS = ", ".join(str(f.column) for f in _RESPONSE_FIELDS)


def _expressions(key: str, kept: str, json_kept: str | None = None) -> str:
    """The SQL expressions for the Response's columns, in order, taken from a sealed row: `key`
    for the new random key, `kept` (with {name} and {cast}) for a kept column, `json_kept` for a
    kept JSON one."""
    expressions = []
    for field in _RESPONSE_FIELDS:
        if field.attname == "id":
            expressions.append(key)
        elif field.attname in ("version_id", "submission_digest"):
            expressions.append(str(field.column))
        elif field.attname in (*_KEPT, "month"):
            template = json_kept if json_kept and isinstance(field, models.JSONField) else kept
            expressions.append(template.format(name=field.attname, cast=field.cast_db_type(connection)))
        else:
            expressions.append("NULL")  # the person named, the staff who typed it: never on a sealed one
    return ", ".join(expressions)


def _sqlite_mix() -> str:
    # The count is in the WHERE, which SQLite's upsert after a SELECT needs anyway; each row's
    # place is a fresh random blob, its key 16 random bytes as hex (how Django stores a UUID there).
    return (
        f"INSERT INTO {Response._meta.db_table} ({_COLUMNS})"  # noqa: S608 - names from the models
        f" SELECT {_expressions('lower(hex(randomblob(16)))', "json_extract(columns, '$.{name}')")}"
        f" FROM {_SEALED} WHERE (SELECT count(*) FROM {_SEALED}) >= %s ORDER BY randomblob(16)"
        " ON CONFLICT (submission_digest) DO NOTHING"
    )


def _postgresql_mix() -> str:
    expressions = _expressions("gen_random_uuid()", "(columns ->> '{name}')::{cast}", "(columns -> '{name}')")
    return (
        f"WITH taken AS (DELETE FROM {_SEALED} RETURNING submission_digest, version_id, columns),"  # noqa: S608 - names from the models
        f" written AS (INSERT INTO {Response._meta.db_table} ({_COLUMNS}) SELECT {expressions}"
        " FROM taken ORDER BY gen_random_uuid() ON CONFLICT (submission_digest) DO NOTHING RETURNING 1)"
        " SELECT count(*) FROM taken"
    )
