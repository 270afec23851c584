"""Choosing what a grouped count is grouped by, from the names a caller may ask for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def chosen_groups(
    by: tuple[str, ...], groups: Mapping[str, Any], through: Mapping[str, Any]
) -> tuple[dict[str, Any], str | None]:
    """The groups named in `by`, and the one group reached through another table (`through`, at
    most one: each multiplies the rows), or None. Raises ValueError for a name in neither."""
    chosen = {name: groups[name] for name in by if name in groups}
    across = [name for name in by if name in through]
    if len(chosen) + len(across) != len(by) or len(across) > 1:
        raise ValueError(f"Cannot count by {by}")
    if across:
        chosen[across[0]] = through[across[0]]
        return chosen, across[0]
    return chosen, None
