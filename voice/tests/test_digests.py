"""Keyed digests (voice/anonymity.py): the same value gives the same digest for one purpose, a
different one for another purpose, and a different one under another SECRET_KEY (the derived key
is kept between calls, never across a change of secret)."""

from __future__ import annotations

from voice import anonymity


def test_a_digest_is_stable_and_keyed_by_purpose():
    first = anonymity.submission_digest("kiosk-7-queue-1")
    assert anonymity.submission_digest("kiosk-7-queue-1") == first
    assert anonymity.token_digest("kiosk-7-queue-1") != first
    assert len(first) == 64 and first != anonymity.submission_digest("kiosk-7-queue-2")


def test_another_secret_key_gives_another_digest(settings):
    before = anonymity.submission_digest("kiosk-7-queue-1")
    settings.SECRET_KEY = "another secret for this test only, long enough to be a key"
    after = anonymity.submission_digest("kiosk-7-queue-1")
    assert after != before
    settings.SECRET_KEY = settings.SECRET_KEY + " and changed again"
    assert anonymity.submission_digest("kiosk-7-queue-1") not in {before, after}
