"""Voting from the person's own view (issue 6, item 2): a person on the voter list signs in on the
wing kiosk with their prison number and PIN, sees the election on their plan, reads the candidates'
statements, is told plainly when they choose more candidates than there are seats, casts their
vote, sees that it was counted in secret, and the election no longer shows. Runs with JavaScript
and without; each page is checked by axe-core against WCAG 2.2 AA (where JavaScript runs) and
screenshotted."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from accounts.constants import Role
from councils.models import VoterMark
from councils.tests.helpers import ballots_in_box, council_setup, election_voting
from myplan.services import pin_set
from tests.browser.conftest import World, check_accessibility, screenshot

PIN = "2580"


def sign_in_on_the_kiosk(page: Any, live_server: Any, identifier: str) -> None:
    page.goto(f"{live_server.url}/my-plan/sign-in/?kiosk=1")
    page.get_by_label("Your prison number").fill(identifier)
    page.get_by_label("Your PIN").fill(PIN)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_a_person_votes_on_the_kiosk_in_secret(request, live_server, world: World, page_fixture):
    page = request.getfixturevalue(page_fixture)
    javascript = page_fixture == "page"
    suffix = "" if javascript else "-no-js"

    def check(name: str) -> None:
        if javascript:  # axe-core runs in the page
            check_accessibility(page, name)
        screenshot(page, f"councils-own-view-{name}{suffix}")

    setup = council_setup(prison=world.prison, lead=world.users[Role.INVOLVEMENT_LEAD.value], people=2)
    election = election_voting(setup, seats=1, candidates=2)
    first, second = (c for c in election.candidates.select_related("person"))
    voter = world.people_in_custody[0]
    pin_set(acting_user=world.users[Role.PRISON_STAFF.value], person_id=voter.pk, pin=PIN)

    sign_in_on_the_kiosk(page, live_server, voter.prison_number)
    expect(page.get_by_role("heading", name="Elections you can vote in")).to_be_visible()
    check("home")

    page.get_by_role("link", name="Vote in: Council election").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your ballot")
    expect(page.get_by_text(first.statement)).to_be_visible()
    expect(page.get_by_text(second.statement)).to_be_visible()
    check("ballot")

    # Two ticks for one seat: a clear message, and nothing is stored.
    page.get_by_label(first.person.full_name).check()
    page.get_by_label(second.person.full_name).check()
    page.get_by_role("button", name="Cast my vote").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose no more than 1 candidate: there is 1 seat")
    assert not ballots_in_box() and not VoterMark.objects.exists()
    check("ballot-too-many")

    page.get_by_label(second.person.full_name).uncheck()
    page.get_by_label(first.person.full_name).check()
    page.get_by_role("button", name="Cast my vote").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have voted")
    expect(
        page.get_by_text("Your vote is in the ballot box. It is secret: no one can see who you voted for.")
    ).to_be_visible()
    check("counted")
    assert ballots_in_box(election) == [[first.pk]]
    assert VoterMark.objects.filter(election=election).count() == 1

    page.get_by_role("link", name="Go back to your plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("This is your plan")
    expect(page.get_by_role("heading", name="Elections you can vote in")).to_have_count(0)
    page.get_by_role("button", name="Finish and sign out").first.click()
    expect(page.get_by_text("You have signed out")).to_be_visible()
