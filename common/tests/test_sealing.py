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


@pytest.mark.django_db
def test_a_checkpoint_behind_a_long_reader_gives_up_quickly_and_the_next_one_empties_the_log(tmp_path):
    """It runs in a kiosk's request: a reader holding an old snapshot must not hold it for the
    connection's 20 s busy timeout. Once the reader has gone, the next checkpoint truncates."""
    import sqlite3
    import time

    from django.db import connection

    from tests.raw_files import file_database

    with file_database(tmp_path) as path:
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE t (x)")
            cursor.execute("INSERT INTO t VALUES (1)")
        reader = sqlite3.connect(path, isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT * FROM t").fetchall()  # a snapshot held open
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO t VALUES (2)")
        started = time.monotonic()
        sealing.checkpoint_after_commit()  # no transaction open: runs now
        assert time.monotonic() - started < 5
        assert (tmp_path / "throughgate.sqlite3-wal").stat().st_size > 0  # left for the next one
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20000  # the connection's own timeout, restored
        reader.execute("COMMIT")
        reader.close()
        sealing.checkpoint_after_commit()
        assert (tmp_path / "throughgate.sqlite3-wal").stat().st_size == 0
