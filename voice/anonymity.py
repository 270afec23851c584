"""Keyed digests that let the service check "once each" without keeping what was checked.

A digest is HMAC-SHA256 under a key derived from SECRET_KEY for one purpose, so the same value
gives a different digest for each purpose (a person's eligibility digest cannot be compared with
anything else), and no one without the key can test a guess against the table."""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets

from django.conf import settings


def _key(purpose: str) -> bytes:
    return _derived_key(purpose, settings.SECRET_KEY)


@functools.lru_cache(maxsize=16)
def _derived_key(purpose: str, secret: str) -> bytes:
    """Derived once per purpose and secret (every kiosk submission needs one; a changed SECRET_KEY
    derives anew)."""
    return hashlib.sha256(f"throughgate.voice.{purpose}:{secret}".encode()).digest()


def digest(purpose: str, *parts: object) -> str:
    message = "\x1f".join(str(p) for p in parts).encode()
    return hmac.new(_key(purpose), message, hashlib.sha256).hexdigest()


def person_digest(*, survey_id: int, person_id: int) -> str:
    return digest("eligibility", survey_id, person_id)


def token_digest(token: str) -> str:
    return digest("token", token)


def submission_digest(submission_id: str) -> str:
    return digest("submission", submission_id)


def new_token() -> str:
    """A pass's secret: 128 random bits, readable aloud and typeable on paper."""
    return secrets.token_urlsafe(16)
