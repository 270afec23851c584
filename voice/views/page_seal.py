"""Values the survey pages give the person's browser to hand back: sealed, not only signed.

The survey without JavaScript carries what the person has answered so far in the page (its
`state`), and a person signed in to their own view carries the offer to give their name. Signed
only (django.core.signing), anyone who saw the page could base64-decode them and read the pass,
the person's id and the answers (issue 15, break 3): the next person at a kiosk, a proxy, a
screenshot. Here they are encrypted and authenticated with AES-GCM under a key derived from
SECRET_KEY for one purpose (HKDF), so a value made for one purpose or survey opens for no other,
and a changed value does not open at all.

A sealed value is URL-safe base64 of: a version byte, a random 12-byte nonce, and the ciphertext
with its tag. The plaintext is JSON with the time it was sealed, padded with spaces to a multiple
of `bucket` bytes before sealing, so its length says only which bucket it falls in.

The keys are derived from SECRET_KEY, and SECRET_KEY_FALLBACKS open what the old key sealed, as
Django's signing does: these values live for hours in a page, not in the database, so a rotated
key costs at most a survey started again. It is not the key that seals answers in the database
(common/sealing.py), which must survive SECRET_KEY's rotation."""

from __future__ import annotations

import base64
import binascii
import json
import os
import time
from functools import cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_VERSION = b"\x01"
_NONCE_BYTES = 12


class Unreadable(Exception):
    """Not a value this service sealed for this purpose and scope, changed, or run out."""


@cache
def _aead(purpose: str, secret: str) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"throughgate.voice.page-seal", info=purpose.encode())
    return AESGCM(key.derive(secret.encode()))


def _associated(purpose: str, scope: object) -> bytes:
    return f"throughgate.voice.page\x1f{purpose}\x1f{scope}".encode()


def seal(purpose: str, payload: Any, *, scope: object = "", bucket: int = 256) -> str:
    """The payload (JSON-able) sealed for this purpose and scope, its length rounded up to `bucket`."""
    data = json.dumps({"t": int(time.time()), "p": payload}, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )
    data += b" " * (-len(data) % bucket)
    nonce = os.urandom(_NONCE_BYTES)
    blob = _VERSION + nonce + _aead(purpose, settings.SECRET_KEY).encrypt(nonce, data, _associated(purpose, scope))
    return base64.urlsafe_b64encode(blob).decode().rstrip("=")


def unseal(purpose: str, value: Any, *, scope: object = "", max_age: int) -> Any:
    """The payload of a value sealed by `seal` for this purpose and scope, no older than
    `max_age` seconds; Unreadable otherwise."""
    if not isinstance(value, str) or not value or len(value) > 4 * 1024 * 1024:
        raise Unreadable
    try:
        blob = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        raise Unreadable from None
    if len(blob) <= 1 + _NONCE_BYTES or blob[:1] != _VERSION:
        raise Unreadable
    nonce, sealed = blob[1 : 1 + _NONCE_BYTES], blob[1 + _NONCE_BYTES :]
    for secret in (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())):
        try:
            data = _aead(purpose, secret).decrypt(nonce, sealed, _associated(purpose, scope))
        except InvalidTag:
            continue
        found = json.loads(data.decode("utf-8", "surrogatepass"))
        if not isinstance(found, dict) or not isinstance(found.get("t"), int):
            raise Unreadable
        if time.time() - found["t"] > max_age:
            raise Unreadable
        return found.get("p")
    raise Unreadable
