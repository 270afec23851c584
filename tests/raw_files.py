"""The database attacker's view (THREAT-MODEL.md): the SQLite main file and its -wal, copied from
under a running service and read as bytes, not through the application.

The test database is in memory, which has no -wal to steal. `file_database` copies its schema into
a file, points Django's default connection at that file (WAL mode, secure_delete, as in
production) for the length of a test, and puts the in-memory one back afterwards. The connection is
in autocommit there, as a server's is, so each service's transaction commits and its on_commit
work (the -wal's checkpoint) runs."""

from __future__ import annotations

import shutil
import sqlite3
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connections


@contextmanager
def file_database(directory: Path) -> Iterator[Path]:
    """Run the test's writes against a WAL-mode SQLite file holding the test database's schema."""
    original = connections["default"]
    if original.vendor != "sqlite":
        pytest.skip("reads SQLite's files")
    path = directory / "throughgate.sqlite3"
    original.ensure_connection()
    # The test's own transaction is open on the in-memory database, which a backup would wait on
    # for ever; a serialized copy of its pages is read within it.
    schema = sqlite3.connect(":memory:")
    schema.deserialize(original.connection.serialize())
    with sqlite3.connect(path) as target:
        schema.backup(target)
    target.close()
    schema.close()
    wrapper = original.__class__({**original.settings_dict, "NAME": str(path)}, alias="default")
    connections["default"] = wrapper
    try:
        wrapper.ensure_connection()
        assert wrapper.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        yield path
    finally:
        wrapper.close()
        connections["default"] = original


@dataclass
class Stolen:
    """What the attacker took: the main file's bytes and the -wal's (empty when there was none)."""

    main: bytes
    wal: bytes
    directory: Path

    def holds(self, needle: bytes) -> list[str]:
        """Which files hold these bytes."""
        return [name for name, data in (("main", self.main), ("wal", self.wal)) if needle in data]

    def frames(self) -> list[bytes]:
        """The -wal's frames' pages, in the order they were written (commit order)."""
        if len(self.wal) < 32:
            return []
        page_size = struct.unpack(">I", self.wal[8:12])[0]
        frames, offset = [], 32
        while offset + 24 + page_size <= len(self.wal):
            frames.append(self.wal[offset + 24 : offset + 24 + page_size])
            offset += 24 + page_size
        return frames

    def rows(self, sql: str) -> list[tuple]:
        """Open the stolen copy (SQLite replays the stolen -wal into it) and read it with SQL."""
        with sqlite3.connect(self.directory / "throughgate.sqlite3") as db:
            return db.execute(sql).fetchall()


def steal(path: Path, directory: Path) -> Stolen:
    """Copy the main file and the -wal while the service holds them open, as a backup tool or an
    intruder would (the -wal goes when the last connection closes, so it is taken now)."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, directory / path.name)
    wal = Path(f"{path}-wal")
    wal_bytes = wal.read_bytes() if wal.exists() else b""
    (directory / f"{path.name}-wal").write_bytes(wal_bytes)
    return Stolen(main=(directory / path.name).read_bytes(), wal=wal_bytes, directory=directory)
