"""Lines of standard input for the text commands (`screen`, `redact`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator


def lines() -> Iterator[str]:
    """Each line of standard input without its newline. Undecodable bytes become U+FFFD: a line is
    read as far as it can be, never dropped, so the output keeps one line for each input line."""
    stream = open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    for line in stream:
        yield line.rstrip("\n")
