"""Authorisation rows for involvement/views/report.py."""

from __future__ import annotations

from tests.matrix import World

MATRIX: dict[tuple[str, str], dict[str, int]] = {}


def arrange(world: World) -> dict[str, list[object]]:
    return {}
