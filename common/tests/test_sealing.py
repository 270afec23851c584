"""The seal key (config/env.py) and sealing (common/sealing.py): held outside the database,
required in production, bound to its kind and scope, rotatable (decisions 19, 22, 23)."""

from __future__ import annotations

import base64

import pytest
from django.core.exceptions import ImproperlyConfigured

from common import sealing
from config import env as config_env


def test_production_refuses_to_start_without_a_seal_key(tmp_path, monkeypatch):
    monkeypatch.delenv("THROUGHGATE_SEAL_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="THROUGHGATE_SEAL_KEY must be set"):
        config_env.seal_key(production=True, var_dir=tmp_path)
    assert not (tmp_path / "seal_key").exists()


def test_a_seal_key_that_is_not_32_bytes_is_refused_at_start(tmp_path, monkeypatch):
    monkeypatch.setenv("THROUGHGATE_SEAL_KEY", base64.b64encode(b"short").decode())
    with pytest.raises(ImproperlyConfigured, match="32 random bytes"):
        config_env.seal_key(production=True, var_dir=tmp_path)


def test_a_local_seal_key_is_generated_once_outside_the_database_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("THROUGHGATE_SEAL_KEY", raising=False)
    first = config_env.seal_key(production=False, var_dir=tmp_path)
    assert len(sealing.key_decode(first)) == 32
    assert config_env.seal_key(production=False, var_dir=tmp_path) == first
    assert (tmp_path / "seal_key").stat().st_mode & 0o077 == 0  # readable by its owner only


def test_tests_use_the_fixed_key_and_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.delenv("THROUGHGATE_SEAL_KEY", raising=False)
    assert config_env.seal_key(production=True, testing=True, var_dir=tmp_path) == config_env.TEST_SEAL_KEY
    given = base64.b64encode(b"g" * 32).decode()
    monkeypatch.setenv("THROUGHGATE_SEAL_KEY", given)
    assert config_env.seal_key(production=True, var_dir=tmp_path) == given


def test_a_seal_is_bound_to_its_kind_and_scope_and_opens_only_under_its_key(settings):
    blob = sealing.seal("voice.response", {"answers": {"why": "cold showers"}}, scope=7)
    assert b"cold showers" not in blob
    assert sealing.open_sealed("voice.response", blob, scope=7) == {"answers": {"why": "cold showers"}}
    assert not sealing.opens("voice.response", blob, scope=8)
    assert not sealing.opens("councils.ballot", blob, scope=7)
    assert not sealing.opens("voice.response", blob[:-1] + bytes([blob[-1] ^ 1]), scope=7)  # tampered
    assert sealing.seal("voice.response", {"a": 1}, scope=7) != sealing.seal("voice.response", {"a": 1}, scope=7)
    old = settings.THROUGHGATE_SEAL_KEY
    settings.THROUGHGATE_SEAL_KEY = base64.b64encode(b"r" * 32).decode()
    with pytest.raises(sealing.SealUnreadable, match="THROUGHGATE_SEAL_OLD_KEYS"):
        sealing.open_sealed("voice.response", blob, scope=7)
    settings.THROUGHGATE_SEAL_OLD_KEYS = [old]  # rotated, the old key kept for what it sealed
    assert sealing.open_sealed("voice.response", blob, scope=7)["answers"]["why"] == "cold showers"


def test_lengths_fall_in_wide_buckets_so_a_sealed_row_does_not_match_its_mixed_row_by_size():
    short = sealing.seal("voice.response", {"why": "ok"}, scope=1)
    longer = sealing.seal("voice.response", {"why": "x" * 400}, scope=1)
    assert len(short) == len(longer)
