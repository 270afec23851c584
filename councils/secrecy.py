"""The keyed digest behind "has voted" (councils.models.VoterMark).

HMAC-SHA256 under a key derived from SECRET_KEY for this one purpose, so the digest cannot be
compared with any other digest in the service, and no one without the key can test a guess
(a voter's id) against the table."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def _key() -> bytes:
    return hashlib.sha256(f"throughgate.councils.voter:{settings.SECRET_KEY}".encode()).digest()


def voter_digest(*, election_id: int, person_id: int) -> str:
    return hmac.new(_key(), f"{election_id}\x1f{person_id}".encode(), hashlib.sha256).hexdigest()


def ballot_digest(*, ballot_id: object, choices: list[int]) -> str:
    """A public fingerprint of one stored ballot (its random id and its choices), listed with the
    result so anyone can check that the ballots they recount are the ones stored."""
    text = f"{ballot_id}:{','.join(str(c) for c in sorted(choices))}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]
