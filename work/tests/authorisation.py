"""Rows of the authorisation matrix (tests/test_authorisation_matrix.py) for work on release.

The matrix's partner works for a voluntary provider, not an employer, so every employer page answers
403 to every role here; employers' own access (their opportunities, not another employer's) is
tested in work/tests/test_views.py. The person is held at the prison-staff user's prison; the
probation practitioner works in another region, so the person's pages do not exist for them (404)."""

from __future__ import annotations

from typing import Any

from tests.matrix import World, expect
from work.tests.helpers import employer_user, post_opportunity, put_forward, save_profile

MATCHERS_ONLY = {"involvement_lead": 403, "commissioner": 403, "partner_caseworker": 403, "administrator": 403}

MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("work:opportunities", "get"): expect(403, prison_staff=200, probation_practitioner=200, administrator=200),
    ("work:opportunity", "get"): expect(403, prison_staff=200, probation_practitioner=200, administrator=200),
    ("work:opportunity-new", "get"): expect(403),
    ("work:opportunity-edit", "get"): expect(403),
    ("work:opportunity-close", "get"): expect(403),
    ("work:approaching-release", "get"): expect(403, prison_staff=200, probation_practitioner=200),
    # Pages about the person: prison staff who hold them; probation (another region) gets 404.
    ("work:person", "get"): expect(403, prison_staff=200, probation_practitioner=404),
    ("work:profile", "get"): expect(403, prison_staff=200, probation_practitioner=404),
    ("work:apply", "get"): expect(403, prison_staff=200, probation_practitioner=404),
    ("work:application", "get"): expect(403, prison_staff=200, probation_practitioner=404),
    ("work:application-step", "get"): expect(403, prison_staff=200, probation_practitioner=404),
}


def arrange(world: World) -> dict[str, list[Any]]:
    staff = world.users["prison_staff"]
    opportunity = post_opportunity(employer_user())
    save_profile(staff, world.person)
    application = put_forward(staff, world.person, opportunity)
    return {
        "work:opportunity": [opportunity.pk],
        "work:opportunity-edit": [opportunity.pk],
        "work:opportunity-close": [opportunity.pk],
        "work:person": [world.person.pk],
        "work:profile": [world.person.pk],
        "work:apply": [world.person.pk, opportunity.pk],
        "work:application": [application.pk],
        "work:application-step": [application.pk],
    }
