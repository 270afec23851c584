"""Feedback and surveys in the authorisation matrix (tests/test_authorisation_matrix.py): each
area of the app keeps its rows in voice/tests/authorisation_<area>.py, merged here."""

from __future__ import annotations

from voice.tests import authorisation_builder, authorisation_kiosk, authorisation_paper, authorisation_staff

AREAS = (authorisation_kiosk, authorisation_builder, authorisation_paper, authorisation_staff)
MATRIX: dict[tuple[str, str], dict[str, int]] = {}
for _area in AREAS:
    assert not set(_area.MATRIX) & set(MATRIX), f"{_area.__name__} repeats rows"
    MATRIX.update(_area.MATRIX)


def arrange(world: object) -> dict[str, list[object]]:
    found: dict[str, list[object]] = {}
    for area in AREAS:
        found.update(area.arrange(world))
    return found
