"""Accountability in the authorisation matrix (tests/test_authorisation_matrix.py): scorecards for
every member of staff, the public dashboard and the measures' explanations for everyone."""

from __future__ import annotations

from tests.matrix import World, expect

STAFF_ONLY = expect(200)
EVERYONE = expect(200, anon=200)

MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("accountability:scorecards", "get"): STAFF_ONLY,
    ("accountability:scorecards-level", "get"): STAFF_ONLY,
    ("accountability:scorecards-csv", "get"): STAFF_ONLY,
    ("accountability:scorecards-place", "get"): STAFF_ONLY,
    ("accountability:scorecards-pdf", "get"): STAFF_ONLY,
    ("accountability:dashboard", "get"): EVERYONE,
    ("accountability:dashboard-level", "get"): EVERYONE,
    ("accountability:dashboard-csv", "get"): EVERYONE,
    ("accountability:dashboard-place", "get"): EVERYONE,
    ("accountability:outcomes", "get"): EVERYONE,
}


def arrange(world: World) -> dict[str, list[object]]:
    prison = ["establishment", world.prison.code]
    return {
        "accountability:scorecards-level": ["establishment"],
        "accountability:scorecards-csv": ["establishment"],
        "accountability:scorecards-place": prison,
        "accountability:scorecards-pdf": ["contract", world.contract.reference],
        "accountability:dashboard-level": ["region"],
        "accountability:dashboard-csv": ["establishment"],
        "accountability:dashboard-place": prison,
    }
