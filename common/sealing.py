"""Sealing: what waits to be mixed is stored encrypted under a key held outside the database.

Sealed answers (voice.SealedResponse), sealed ballots (councils.SealedBallot) and sealed own-view
ratings (involvement.SealedRating) wait in arrival order until their batch is mixed, and the
person's own sign-in is recorded beside them, so the k-th sealed row can be paired with the k-th
person by order (issue 15, break 2). Sealing them with AES-GCM under THROUGHGATE_SEAL_KEY, which
lives in the environment (or, locally, a key file under var/), never in the database, makes that
pairing say only "person k sent ciphertext k" to someone holding the database files, the -wal,
a backup and the audit trail; the mix opens them in Python and writes them in a random order.

A sealed blob is: a version byte, the 4-byte id of the key that sealed it (so a rotated key can
still open older rows: THROUGHGATE_SEAL_OLD_KEYS), a random 12-byte nonce, and the ciphertext
with its tag. The associated data binds the kind and the scope (a survey version, an election, an
activity), so a blob cannot be moved between kinds or scopes. The plaintext is padded to a size
bucket before sealing, so the ciphertext's length does not match the mixed row's length.

Decisions 19, 22 and 23 say what this holds against and what it does not."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from functools import cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import connection, transaction

_VERSION = b"\x01"
_KEY_ID_BYTES = 4
_NONCE_BYTES = 12
_HEADER = len(_VERSION) + _KEY_ID_BYTES + _NONCE_BYTES
# Plaintext is padded with spaces (JSON ignores them) to the next power of two, at least this: a
# short answer and a long one look alike, and a long one only says it falls in a wide bucket.
_SMALLEST = 512


_MAKE_ONE = (
    "a seal key is 32 random bytes in base64; make one with"
    " python -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())'"
)


class SealUnreadable(Exception):
    """A sealed row cannot be opened with the configured keys (a key rotated away without being
    kept in THROUGHGATE_SEAL_OLD_KEYS, a wrong key, or a damaged or moved row). The row is left
    as it is: nothing is mixed, nothing lost."""


def key_decode(text: str) -> bytes:
    """A seal key from its base64 text (standard or URL-safe); ValueError unless it is 32 bytes."""
    text = text.strip()
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_" if ("-" in text or "_" in text) else None)
    except (binascii.Error, ValueError):
        raise ValueError(_MAKE_ONE) from None
    if len(raw) != 32:
        raise ValueError(f"{_MAKE_ONE} (this one is {len(raw)} bytes)")
    return raw


def key_id(key: bytes) -> bytes:
    """A short public name for a key (not the key: a hash of it under its own label)."""
    return hashlib.sha256(b"throughgate.seal.key-id\x00" + key).digest()[:_KEY_ID_BYTES]


@cache
def _keys(current: str, old: tuple[str, ...]) -> tuple[bytes, AESGCM, dict[bytes, AESGCM]]:
    key = key_decode(current)
    by_id = {key_id(raw): AESGCM(raw) for raw in (key_decode(text) for text in old if text.strip())}
    by_id[key_id(key)] = AESGCM(key)
    return key_id(key), by_id[key_id(key)], by_id


def _configured() -> tuple[bytes, AESGCM, dict[bytes, AESGCM]]:
    # Read from settings each time (tests override them); decoding is cached per value.
    return _keys(settings.THROUGHGATE_SEAL_KEY, tuple(getattr(settings, "THROUGHGATE_SEAL_OLD_KEYS", ()) or ()))


def _associated(kind: str, scope: object) -> bytes:
    return f"throughgate.sealed\x1f{kind}\x1f{scope}".encode()


def _padded(data: bytes) -> bytes:
    size = _SMALLEST
    while size < len(data):
        size *= 2
    return data + b" " * (size - len(data))


def seal(kind: str, payload: dict[str, Any], *, scope: object = "") -> bytes:
    """The payload (JSON-able) sealed under the current key, for `kind` and `scope` only."""
    current_id, aead, _ = _configured()
    data = _padded(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
    nonce = os.urandom(_NONCE_BYTES)
    return _VERSION + current_id + nonce + aead.encrypt(nonce, data, _associated(kind, scope))


def open_sealed(kind: str, blob: bytes | memoryview, *, scope: object = "") -> dict[str, Any]:
    """The payload of a blob sealed by `seal` for this kind and scope; SealUnreadable when no
    configured key opens it (the message says which key id it needs, never a key)."""
    blob = bytes(blob)
    if len(blob) <= _HEADER or blob[:1] != _VERSION:
        raise SealUnreadable(f"a sealed {kind} is not in a format this version can open")
    wanted, nonce = blob[1 : 1 + _KEY_ID_BYTES], blob[1 + _KEY_ID_BYTES : _HEADER]
    aead = _configured()[2].get(wanted)
    if aead is None:
        raise SealUnreadable(
            f"a sealed {kind} was sealed under key id {wanted.hex()}, which is neither THROUGHGATE_SEAL_KEY nor in"
            " THROUGHGATE_SEAL_OLD_KEYS: set the key it was sealed with as an old key; nothing was mixed"
        )
    try:
        data = aead.decrypt(nonce, blob[_HEADER:], _associated(kind, scope))
    except InvalidTag:
        raise SealUnreadable(f"a sealed {kind} does not open under key id {wanted.hex()} for this scope") from None
    result: dict[str, Any] = json.loads(data)
    return result


def opens(kind: str, blob: bytes | memoryview, *, scope: object = "") -> bool:
    """Whether the configured keys open this blob (a check before a mix touches anything)."""
    try:
        open_sealed(kind, blob, scope=scope)
    except SealUnreadable:
        return False
    return True


def checkpoint_after_commit() -> None:
    """Once the current transaction commits (at once if none is open), empty SQLite's -wal into
    the main file and truncate it to nothing. The log otherwise keeps the pages of each commit in
    commit order (sealed rows as they arrived, the mix's deletes) until it is overwritten, and
    `secure_delete` cleans only the main file (issue 15, break 1). A reader that still holds an
    older snapshot, or a writer, makes SQLite wait for it, for at most a quarter of a second here
    (not the connection's 20 s: this runs in a kiosk's request); if it is still busy the log is
    left for the next mix or SQLite's own checkpoint, holding ciphertext and shuffled batches, and
    nothing is lost. PostgreSQL's WAL is the operator's to manage (docs/decisions.md, 19)."""
    if connection.vendor != "sqlite":
        return

    def truncate() -> None:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            (waited,) = cursor.fetchone()
            cursor.execute("PRAGMA busy_timeout = 250")
            try:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                cursor.fetchall()
            finally:
                cursor.execute(f"PRAGMA busy_timeout = {int(waited)}")

    transaction.on_commit(truncate)
