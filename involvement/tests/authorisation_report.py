"""Authorisation rows for involvement/views/report.py. The report is for the people who run
involvement and the commissioners who hold providers to it; everyone else is refused (403). The
world's involvement lead works at the world's prison, whose page they may read; another
organisation's page is answered 404 to a lead (involvement/tests/test_report_views.py)."""

from __future__ import annotations

from tests.matrix import World, expect

READERS = expect(403, involvement_lead=200, commissioner=200, administrator=200)

MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("involvement:report", "get"): READERS,
    ("involvement:report-organisation", "get"): READERS,
    ("involvement:report-csv", "get"): READERS,
}


def arrange(world: World) -> dict[str, list[object]]:
    return {"involvement:report-organisation": [world.prison.pk]}
