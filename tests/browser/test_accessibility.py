"""Every page the service has, checked by axe-core against WCAG 2.2 AA with zero violations allowed,
and screenshotted to var/screenshots/<name>.png."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from accounts.constants import Role
from tests.browser.conftest import World, check_accessibility, log_in, screenshot

Url = Callable[[World], str]

# name, who is signed in (None: nobody), address, the page's main heading
PAGES: list[tuple[str, Role | None, Url, str | re.Pattern[str]]] = [
    ("start", None, lambda w: "/", "One shared record from prison to life after release"),
    ("sign-in", None, lambda w: "/sign-in/", "Sign in"),
    ("accessibility", None, lambda w: "/accessibility/", re.compile(r"Accessibility")),
    ("privacy", None, lambda w: "/privacy/", re.compile(r"Privacy|privacy")),
    ("home", Role.PRISON_STAFF, lambda w: "/home/", "Hello, Priya"),
    ("people", Role.PRISON_STAFF, lambda w: "/people/", "People"),
    ("people-none", Role.PARTNER_CASEWORKER, lambda w: "/people/", "People"),
    ("person", Role.PRISON_STAFF, lambda w: f"/people/{w.people_in_custody[0].pk}/", "Alex Ashdown"),
    (
        "person-on-probation",
        Role.PROBATION_PRACTITIONER,
        lambda w: f"/people/{w.person_on_probation.pk}/",
        "Dee Dunmore",
    ),
    ("person-new", Role.PRISON_STAFF, lambda w: "/people/new/", "Record a new person"),
    ("person-new-administrator", Role.ADMINISTRATOR, lambda w: "/people/new/", "Record a new person"),
    ("organisations", Role.PRISON_STAFF, lambda w: "/organisations/", "Organisations"),
    ("organisation-prison", Role.PRISON_STAFF, lambda w: f"/organisations/{w.prison.pk}/", "HMP Testhaven"),
    ("organisation-region", Role.PRISON_STAFF, lambda w: f"/organisations/{w.region.pk}/", "Testshire and Wold"),
    ("contracts", Role.PRISON_STAFF, lambda w: "/organisations/contracts/", "Contracts"),
    (
        "contract",
        Role.PRISON_STAFF,
        lambda w: f"/organisations/contracts/{w.contract.pk}/",
        "Accommodation support in Testshire",
    ),
    ("audit", Role.ADMINISTRATOR, lambda w: "/audit/", "Audit trail"),
]


def visit(page: Any, live_server: Any, world: World, role: Role | None, url: Url, status: int = 200) -> None:
    if role is not None:
        log_in(page, live_server, world.users[role.value])
    response = page.goto(live_server.url + url(world))
    assert response is not None
    assert response.status == status, f"{url(world)} answered {response.status}"


@pytest.mark.parametrize(("name", "role", "url", "heading"), PAGES, ids=[p[0] for p in PAGES])
def test_page_is_accessible(page, live_server, world, name, role, url, heading):
    visit(page, live_server, world, role, url)

    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    screenshot(page, name)
    check_accessibility(page, name)


def test_people_search_is_accessible(page, live_server, world):
    visit(page, live_server, world, Role.PRISON_STAFF, lambda w: "/people/")
    page.get_by_label("Search by name, prison number or case reference number").fill("Bellamy")
    page.get_by_role("button", name="Search").click()

    expect(page).to_have_url(re.compile(r"/people/\?q=Bellamy$"))
    expect(page.get_by_role("table")).to_contain_text("1 person matches “Bellamy”")
    expect(page.get_by_role("link", name="Bellamy, Bryn")).to_be_visible()
    expect(page.get_by_role("link", name="Ashdown, Alex")).to_have_count(0)
    screenshot(page, "people-search")
    check_accessibility(page, "people search")


def test_sign_in_errors_are_accessible(page, live_server, world):
    visit(page, live_server, world, None, lambda w: "/sign-in/")
    page.get_by_role("button", name="Sign in").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link", name="Enter your username")).to_have_attribute("href", "#id_username")
    expect(summary.get_by_role("link", name="Enter your password")).to_have_attribute("href", "#id_password")
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    screenshot(page, "sign-in-errors")
    check_accessibility(page, "sign-in with errors")


def test_wrong_password_is_accessible(page, live_server, world):
    visit(page, live_server, world, None, lambda w: "/sign-in/")
    page.get_by_label("Username").fill(world.users[Role.PRISON_STAFF.value].username)
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()

    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a correct username and password")
    screenshot(page, "sign-in-wrong-password")
    check_accessibility(page, "sign-in with a wrong password")


def test_person_new_errors_are_accessible(page, live_server, world):
    visit(page, live_server, world, Role.PRISON_STAFF, lambda w: "/people/new/")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    expect(page.locator(".govuk-error-message").first).to_be_visible()
    screenshot(page, "person-new-errors")
    check_accessibility(page, "record a new person with errors")


def test_not_found_page_is_accessible(page, live_server, world):
    visit(page, live_server, world, None, lambda w: "/no-such-page/", status=404)

    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    screenshot(page, "not-found")
    check_accessibility(page, "404 page")


def test_person_outside_the_organisation_is_not_found_and_accessible(page, live_server, world):
    # Prison staff cannot see a person supervised only by probation: the service says "not found".
    visit(page, live_server, world, Role.PRISON_STAFF, lambda w: f"/people/{w.person_on_probation.pk}/", status=404)

    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    check_accessibility(page, "404 page for a signed-in user")


def test_forbidden_page_is_accessible(page, live_server, world):
    # Involvement leads never open case records (accounts.rules.can_view_people).
    visit(page, live_server, world, Role.INVOLVEMENT_LEAD, lambda w: "/people/", status=403)

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    screenshot(page, "forbidden")
    check_accessibility(page, "403 page")


def test_languages_offered_are_accessible(page, live_server, world, settings):
    # Welsh is offered only once its catalogue exists (config/settings.py LANGUAGES): a page marked
    # lang="cy" over English text would be read out with Welsh pronunciation (WCAG 3.1.1).
    visit(page, live_server, world, None, lambda w: "/")
    welsh = page.get_by_role("button", name="Cymraeg")
    if "cy" not in dict(settings.LANGUAGES):
        expect(welsh).to_have_count(0)
        return
    welsh.click()

    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("One shared record from prison to life after release")
    expect(page.get_by_role("button", name="English")).to_have_attribute("lang", "en")
    screenshot(page, "start-cy")
    check_accessibility(page, "start page in Welsh")
