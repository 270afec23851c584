"""Authorisation rows for involvement/views/guidance.py. Every member of staff reads the guidance
library; only involvement leads and administrators change it (others are refused, 403). Someone
not signed in is sent to sign in."""

from __future__ import annotations

from involvement.models import GuidancePage
from tests.matrix import World, expect

READERS = expect(200)
EDITORS = expect(403, involvement_lead=200, administrator=200)

MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("involvement:guidance", "get"): READERS,
    ("involvement:guidance-page", "get"): READERS,
    ("involvement:guidance-history", "get"): READERS,
    ("involvement:guidance-edit", "get"): EDITORS,
    ("involvement:guidance-new", "get"): EDITORS,
}


def arrange(world: World) -> dict[str, list[object]]:
    page = GuidancePage.objects.create(
        slug="matrix-guidance-page", title="A page for the matrix", summary="Checked by every role", body="Words."
    )
    one = [page.slug]
    return {"involvement:guidance-page": one, "involvement:guidance-edit": one, "involvement:guidance-history": one}
