"""The person's own view in the authorisation matrix (tests/test_authorisation_matrix.py).

The person-facing pages answer 303 (See Other) to the PERSON's sign-in page for anyone without a
person's session: no staff role, and no one signed out, ever sees a person's own view. (A 302 to
the staff sign-in is what the central matrix means by "sent to sign in", so these use 303.)"""

from __future__ import annotations

from tests.matrix import World, expect

MATRIX = {
    ("myplan:sign-in", "get"): expect(200, anon=200),
    ("myplan:home", "get"): expect(303, anon=303),
    ("myplan:action-confirm", "get"): expect(303, anon=303),
    ("myplan:sign-out", "post"): expect(303, anon=303),
    ("myplan:survey-take", "post"): expect(303, anon=303),
    ("myplan:activity-rate", "get"): expect(303, anon=303),
    ("myplan:election-vote", "get"): expect(303, anon=303),
    ("myplan:election-vote", "post"): expect(303, anon=303),
    # Staff set a person's PIN: prison staff and probation practitioners who can see the person
    # (this probation practitioner cannot, so is told the person does not exist).
    ("myplan:pin", "get"): expect(403, prison_staff=200, probation_practitioner=404),
}


def arrange(world: World) -> dict[str, list[object]]:
    return {
        "myplan:action-confirm": [world.action.pk],
        "myplan:pin": [world.person.pk],
        "myplan:survey-take": [1],
        "myplan:activity-rate": [1],
        "myplan:election-vote": [1],
    }
