"""Authorisation rows for the kiosk views (voice/views/kiosk*.py). The pages people use to give
feedback are open to everyone, signed in or not, and name no one. A form or queue entry sent with
nothing in it is refused (400) for everyone alike."""

from __future__ import annotations

from tests.matrix import World, expect

MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("voice:kiosk", "get"): expect(200, anon=200),
    ("voice:phone", "get"): expect(200, anon=200),
    ("voice:visits", "get"): expect(200, anon=200),
    ("voice:families", "get"): expect(200, anon=200),
    ("voice:survey-start", "get"): expect(200, anon=200),
    ("voice:survey-answer", "post"): expect(400, anon=400),
    ("voice:api-responses", "post"): expect(400, anon=400),
    ("voice:service-worker", "get"): expect(200, anon=200),
}


def arrange(world: World) -> dict[str, list[object]]:
    from voice.constants import Audience
    from voice.tests.helpers import involvement_lead, published_survey

    # A families' survey: the start page with no place named is the families' public web form.
    survey = published_survey(lead=involvement_lead(world.prison), audience=Audience.FAMILIES)
    return {
        "voice:kiosk": [world.prison.pk],
        "voice:phone": [world.prison.pk],
        "voice:visits": [world.prison.pk],
        "voice:survey-start": [survey.pk],
        "voice:survey-answer": [survey.pk],
    }
