"""Authorisation rows for the paper views (voice/views/paper.py).

The survey is run by the involvement lead at the prison and is about the prison: the lead, the
prison's own staff and administrators may print it and type in its paper forms; anyone else is
refused (voice.rules.can_enter_paper). The list of surveys is open to every member of staff and
shows each only the surveys they may enter."""

from __future__ import annotations

from tests.matrix import IL, World, expect
from voice.tests.helpers import published_survey

ENTER = expect(403, prison_staff=200, involvement_lead=200, administrator=200)

MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("voice:paper-surveys", "get"): expect(200),
    ("voice:survey-pdf", "get"): ENTER,
    ("voice:paper-entry", "get"): ENTER,
}


def arrange(world: World) -> dict[str, list[object]]:
    survey = published_survey(lead=world.users[IL], title="Paper survey", about_id=world.prison.pk)
    return {"voice:survey-pdf": [survey.pk], "voice:paper-entry": [survey.pk]}
