""" "You said, we did" (issue 6, item 1): an involvement lead raises an issue from the council,
answers it in public, promises an action, marks it done, and records the council's confirmation;
the public board (no sign-in) shows each step and never the named person. Each page is checked by
axe-core against WCAG 2.2 AA and screenshotted."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils import timezone
from playwright.sync_api import expect

from accounts.constants import Role
from tests.browser.conftest import World, check_accessibility, log_in, screenshot
from yousaid.models import Action, Issue

SAID = "The visits hall has no baby-changing table"


def fill_date(page: Any, legend: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day", exact=True).fill(str(day.day))
    group.get_by_label("Month", exact=True).fill(str(day.month))
    group.get_by_label("Year", exact=True).fill(str(day.year))


def check(page: Any, name: str) -> None:
    check_accessibility(page, name)
    screenshot(page, f"yousaid-{name}")


def test_an_issue_goes_from_raised_to_answered_to_done_and_confirmed(live_server, world: World, page):
    lead = world.users[Role.INVOLVEMENT_LEAD.value]
    person = world.people_in_custody[0]
    today = timezone.localdate()
    log_in(page, live_server, lead)

    page.goto(f"{live_server.url}/you-said-we-did/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You said, we did")
    check(page, "list")
    page.get_by_role("link", name="Raise an issue from the council or by hand").click()
    page.get_by_role("button", name="Raise the issue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what people said")
    check(page, "raise-errors")
    page.get_by_label("Raised by the council").check()
    page.get_by_label("What did people say?").fill(SAID)
    page.get_by_label(re.compile("Prison number or case reference number")).fill(person.prison_number)
    page.get_by_role("button", name="Raise the issue").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Issue raised")
    expect(page.get_by_text("Waiting for a response")).to_be_visible()
    check(page, "raised")

    page.get_by_role("link", name="Respond in public").click()
    page.get_by_label("Our response").fill("We will fit a baby-changing table in the visits hall")
    check(page, "respond")
    page.get_by_role("button", name="Publish the response").click()
    expect(page.get_by_text("Answered on time")).to_be_visible()

    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("What will be done?").fill("Buy and fit a baby-changing table")
    page.get_by_label("Who owns it?").select_option(label=world.prison.name)
    fill_date(page, "When is it due?", today + datetime.timedelta(days=30))
    check(page, "action-new")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("In progress")).to_be_visible()

    page.get_by_role("link", name=re.compile("^Record progress")).click()
    fill_date(page, "Date", today)
    page.get_by_label("What has happened?").fill("Table ordered")
    page.get_by_role("button", name="Save progress").click()
    page.get_by_role("link", name=re.compile("^Mark as done")).click()
    check(page, "claim")
    page.get_by_role("button", name="We think this is done").click()
    expect(page.get_by_text("We think this is done: waiting for confirmation")).to_be_visible()
    assert Action.objects.get().confirmed_at is None

    # The public board: the action is not yet counted as done, and no one is named.
    board = page.context.new_page()
    board.goto(f"{live_server.url}/you-said-we-did/boards/{world.prison.pk}/")
    expect(board.get_by_text(SAID)).to_be_visible()
    expect(board.get_by_text("We think this is done: waiting for confirmation")).to_be_visible()
    assert person.family_name not in board.content()
    check(board, "board-claimed")

    page.get_by_role("link", name=re.compile("^Record that it is confirmed as done")).click()
    page.get_by_label("The council").check()
    fill_date(page, "When did they confirm it?", today)
    page.get_by_label("How was it confirmed?").fill("Confirmed by the council at its meeting")
    check(page, "confirm")
    page.get_by_role("button", name="Record the confirmation").click()
    expect(page.get_by_text("Done, and confirmed")).to_be_visible()
    page.get_by_role("link", name="Close the issue").click()
    page.get_by_role("button", name="Close the issue").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Issue closed")
    assert Issue.objects.get().closed_at is not None

    page.goto(f"{live_server.url}/you-said-we-did/report/")
    expect(page.get_by_role("table")).to_contain_text(world.prison.name)
    check(page, "report")

    # Signed out: the board shows the confirmed action and the response, and never the person.
    public = page.context.browser.new_context(base_url=live_server.url).new_page()
    public.goto(f"{live_server.url}/you-said-we-did/boards/{world.prison.pk}/")
    expect(public.get_by_text("Done, and confirmed")).to_be_visible()
    expect(public.get_by_text("We will fit a baby-changing table in the visits hall")).to_be_visible()
    assert person.family_name not in public.content() and person.prison_number not in public.content()
    check(public, "board-confirmed")
    public.context.close()
