"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

Every test here is marked `browser`. Chromium is found at $CHROMIUM_PATH or /usr/bin/chromium; without
it the tests skip on a workstation and fail under CI=true (ENGINEERING.md: "with CI=true both PostgreSQL
and chromium are required and their absence fails the run"). `playwright install` is never used: the
browser is the operating system's.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"
HERE = Path(__file__).resolve().parent

# The machines running these tests have no outside network: without these flags chromium waits on
# connections (component updates, QUIC probes, sync) that never answer.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# WCAG 2.2 AA, as ENGINEERING.md asks ("axe with the WCAG 2.2 AA tags and allow zero violations").
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}

DEFAULT_PASSWORD = "correct horse battery staple"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        message = (
            f"Chromium not found at {path}. Install Debian's chromium (`sudo apt-get install chromium`) "
            "or set CHROMIUM_PATH to a chromium executable; never `playwright install`."
        )
        if _in_ci():
            pytest.fail(f"CI=true requires the browser tests to run. {message}", pytrace=False)
        pytest.skip(message)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class PageProblems:
    """What went wrong in the browser while a test ran, checked when the test ends."""

    errors: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)

    def record_console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console error: {message.text}")

    def record_page_error(self, error: Any) -> None:
        self.errors.append(f"uncaught exception: {error}")

    def record_response(self, response: Any) -> None:
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.request.method} {response.url}")
        elif response.status >= 400 and response.request.resource_type != "document":
            self.errors.append(f"{response.status} for an asset: {response.url}")


def _new_page(browser: Any, live_server: Any, **context_options: Any) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}, **context_options
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = PageProblems()
    page.on("console", problems.record_console)
    page.on("pageerror", problems.record_page_error)
    page.on("response", problems.record_response)
    try:
        yield page
    finally:
        context.close()
    # A 403 or 404 page that a test opens on purpose logs "Failed to load resource" for itself (the test
    # checks its status); a failing asset is caught by record_response above.
    unexpected = [e for e in problems.errors if "Failed to load resource" not in e]
    assert not problems.server_errors, f"Server errors while the test ran: {problems.server_errors}"
    assert not unexpected, "The browser reported errors (script errors, CSP violations):\n" + "\n".join(unexpected)


# Each page asks for the test database first, so its browser context closes before the database is
# emptied: a request the page still has in flight (the kiosk's service worker caching the page it
# is on, late on a slow machine) then never meets an emptied database and answers 400.
@pytest.fixture
def page(transactional_db: None, browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser context (no cookies, no storage) for each test."""
    yield from _new_page(browser, live_server)


@pytest.fixture
def page_without_javascript(transactional_db: None, browser: Any, live_server: Any) -> Iterator[Any]:
    yield from _new_page(browser, live_server, java_script_enabled=False)


def sign_in(page: Any, live_server: Any, username: str, password: str = DEFAULT_PASSWORD) -> None:
    """Sign in through the real form, as a person would, and wait for the landing page."""
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/home/$"))


def log_in(page: Any, live_server: Any, user: Any) -> None:
    """Start a session for `user` without the sign-in form, for tests whose subject is another page:
    the form costs half a second a test, and test_roles.py proves it works for every role."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url, "httpOnly": True}]
    )


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _describe(violation: dict[str, Any]) -> str:
    lines = [f"- {violation['id']} ({violation.get('impact')}): {violation['help']} <{violation.get('helpUrl', '')}>"]
    for node in violation["nodes"]:
        target = ", ".join(str(t) for t in node["target"])
        lines.append(f"    {target}: {node.get('html', '')[:200]}")
        if node.get("failureSummary"):
            lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


def check_accessibility(page: Any, name: str) -> None:
    """Run axe-core (bundled with axe-playwright-python, so offline) on the page as it is now, and
    allow no WCAG 2.2 AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    # A click that follows a link returns once the new page has started loading; axe must not run
    # on a document that is being replaced.
    page.wait_for_load_state("load")
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert not violations, f"{len(violations)} accessibility violation(s) on {name} ({page.url}):\n" + "\n".join(
        _describe(v) for v in violations
    )


@dataclass
class World:
    """A small, synthetic set of organisations, people and staff, one member of staff per role."""

    region: Any
    prison: Any
    delivery_unit: Any
    provider: Any
    contract: Any
    people_in_custody: list[Any]
    person_on_probation: Any
    users: dict[str, Any]


@pytest.fixture
def world(transactional_db: None) -> World:
    from accounts.constants import Role
    from tests.factories import (
        CommissionerFactory,
        ContractFactory,
        CustodyEpisodeFactory,
        DeliveryUnitFactory,
        EstablishmentFactory,
        NationalFactory,
        ProbationCaseFactory,
        ProviderFactory,
        RegionFactory,
        ServiceUserFactory,
        UserFactory,
    )

    region = RegionFactory(name="Testshire and Wold")
    prison = EstablishmentFactory(name="HMP Testhaven", region=region)
    delivery_unit = DeliveryUnitFactory(name="Testshire North PDU", region=region)
    provider = ProviderFactory(name="Wold Housing Trust")
    commissioner = CommissionerFactory(name="Testshire Commissioning Team")
    contract = ContractFactory(
        title="Accommodation support in Testshire", provider=provider, region=region, commissioner=commissioner
    )
    contract.establishments.add(prison)
    people_in_custody = [
        CustodyEpisodeFactory(
            establishment=prison,
            person=ServiceUserFactory(given_name=given, family_name=family),
            received_on=datetime.date(2026, 1, 5),
        ).person
        for given, family in (("Alex", "Ashdown"), ("Bryn", "Bellamy"), ("Cai", "Carew"))
    ]
    person_on_probation = ProbationCaseFactory(
        delivery_unit=delivery_unit,
        person=ServiceUserFactory(given_name="Dee", family_name="Dunmore", prison_number=None),
    ).person
    first_names = {
        Role.PRISON_STAFF: "Priya",
        Role.PROBATION_PRACTITIONER: "Pat",
        Role.PARTNER_CASEWORKER: "Carys",
        Role.INVOLVEMENT_LEAD: "Ifan",
        Role.COMMISSIONER: "Cerys",
        Role.ADMINISTRATOR: "Ada",
    }
    organisations = {
        Role.PRISON_STAFF: prison,
        Role.PROBATION_PRACTITIONER: delivery_unit,
        Role.PARTNER_CASEWORKER: provider,
        Role.INVOLVEMENT_LEAD: prison,
        Role.COMMISSIONER: commissioner,
        Role.ADMINISTRATOR: NationalFactory(name="National Service Team"),
    }
    users = {
        role.value: UserFactory(
            role=role,
            username=f"{role.value.replace('_', '-')}",
            first_name=first_names[role],
            last_name="Tester",
            organisation=organisations[role],
            password=DEFAULT_PASSWORD,
        )
        for role in Role
    }
    return World(
        region=region,
        prison=prison,
        delivery_unit=delivery_unit,
        provider=provider,
        contract=contract,
        people_in_custody=people_in_custody,
        person_on_probation=person_on_probation,
        users=users,
    )
