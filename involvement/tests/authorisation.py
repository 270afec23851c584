"""Involvement in the authorisation matrix (tests/test_authorisation_matrix.py): each area of the
app keeps its rows in involvement/tests/authorisation_<area>.py, merged here."""

from __future__ import annotations

from involvement.tests import (
    authorisation_activities,
    authorisation_guidance,
    authorisation_report,
    authorisation_research,
)

AREAS = (authorisation_activities, authorisation_research, authorisation_guidance, authorisation_report)
MATRIX: dict[tuple[str, str], dict[str, int]] = {}
for _area in AREAS:
    assert not set(_area.MATRIX) & set(MATRIX), f"{_area.__name__} repeats rows"
    MATRIX.update(_area.MATRIX)


def arrange(world: object) -> dict[str, list[object]]:
    found: dict[str, list[object]] = {}
    for area in AREAS:
        found.update(area.arrange(world))  # type: ignore[arg-type]
    return found
