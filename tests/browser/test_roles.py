"""Each role signs in through the form, lands on its home page and sees only the navigation it may use."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.constants import Role
from tests.browser.conftest import check_accessibility, screenshot, sign_in

# What each role may reach from the service navigation (config/navigation.py); "Home" is always there.
CASE_WORK = ["Home", "People", "My actions", "Referrals", "Releases", "Work on release", "Mentoring"]
EXPECTED_NAVIGATION = {
    Role.PRISON_STAFF: ["Home", "People", "My actions", "Referrals", "Releases", "Work on release", "Mentoring"],
    Role.PROBATION_PRACTITIONER: [
        "Home",
        "People",
        "My actions",
        "Referrals",
        "Releases",
        "Work on release",
        "Mentoring",
    ],
    Role.PARTNER_CASEWORKER: ["Home", "People", "My actions", "Referrals", "Mentoring", "Organisations"],
    Role.INVOLVEMENT_LEAD: [
        "Home",
        "Surveys",
        "Councils",
        "You said, we did",
        "Involvement",
        "Outcomes",
        "Organisations",
    ],
    Role.COMMISSIONER: ["Home", "Involvement", "Outcomes", "Organisations"],
    Role.ADMINISTRATOR: [
        "Home",
        "People",
        "Referrals",
        "Surveys",
        "Councils",
        "You said, we did",
        "Involvement",
        "Outcomes",
        "Organisations",
        "Audit",
    ],
}


def navigation_links(page):
    return page.get_by_role("navigation", name="Menu").get_by_role("link")


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_role_lands_on_home_with_its_navigation(page, live_server, world, role):
    user = world.users[role.value]

    sign_in(page, live_server, user.username)

    expect(page).to_have_url(re.compile(r"/home/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {user.first_name}")
    expect(page.locator(".tg-signed-in-as")).to_have_text(
        f"Signed in as {user.first_name} {user.last_name}, {role.label}, {user.organisation.name}"
    )
    expect(navigation_links(page)).to_have_text(EXPECTED_NAVIGATION[role])
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    # The home page offers the same things as the navigation, and no more.
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="People", exact=True)).to_have_count(
        1 if "People" in EXPECTED_NAVIGATION[role] else 0
    )
    expect(main.get_by_role("link", name="Audit trail")).to_have_count(1 if role == Role.ADMINISTRATOR else 0)

    screenshot(page, f"landing-{role.value}")
    check_accessibility(page, f"home for {role.label}")


def test_sign_out(page, live_server, world):
    sign_in(page, live_server, world.users[Role.PRISON_STAFF].username)

    page.get_by_role("button", name="Sign out").click()

    expect(page).to_have_url(re.compile(r"/signed-out/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    expect(page.locator(".tg-signed-in-as")).to_have_count(0)
    expect(navigation_links(page)).to_have_count(0)
    screenshot(page, "signed-out")
    check_accessibility(page, "signed-out page")

    # The session has really ended: a signed-in page sends the person back to sign in.
    page.goto(f"{live_server.url}/home/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/home/$"))
