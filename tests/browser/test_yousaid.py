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
from yousaid import services
from yousaid.constants import Source
from yousaid.models import Action, Issue, ResponseDeadline

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
    expect(page.get_by_text("In progress", exact=True)).to_be_visible()

    page.get_by_role("link", name=re.compile("^Record progress")).click()
    fill_date(page, "Date", today)
    page.get_by_label("What has happened?").fill("Table ordered")
    page.get_by_role("button", name="Save progress").click()
    page.get_by_role("link", name=re.compile("^Mark as done")).click()
    expect(page.get_by_role("button", name="We think this is done")).to_be_visible()
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


def test_a_lead_sets_the_response_deadline_and_goes_back_to_the_default(live_server, world: World, page):
    """Issue 6, item 1: the organisation's own response deadline, with a clear message for bad
    input and a way back to the default."""
    lead = world.users[Role.INVOLVEMENT_LEAD.value]
    log_in(page, live_server, lead)
    page.goto(f"{live_server.url}/you-said-we-did/")
    page.get_by_role("link", name="Response deadline").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Response deadline")
    expect(page.get_by_text("20 working days, the default")).to_be_visible()
    check(page, "deadline")
    box = page.get_by_label("How many working days do you have to respond to an issue?")
    box.fill("abc")
    page.get_by_role("button", name="Save the deadline").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("as a whole number")
    check(page, "deadline-errors")
    box.fill("121")
    box.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("from 1 to 120")
    assert not ResponseDeadline.objects.exists()
    box.fill("10")
    page.get_by_role("button", name="Save the deadline").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("is now 10 working days")
    expect(page.get_by_text(f"10 working days, set by {world.prison.name}")).to_be_visible()
    check(page, "deadline-own")
    page.get_by_role("button", name="Use the default (20 working days)").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("now the default")
    assert not ResponseDeadline.objects.exists()


def test_a_claim_is_refused_then_claimed_again_and_confirmed(live_server, world: World, page):
    """The council says a claimed-done action is not done: the claim is withdrawn, their words show
    on the public board, and the action is claimed again and confirmed."""
    lead = world.users[Role.INVOLVEMENT_LEAD.value]
    today = timezone.localdate()
    issue = services.issue_raise(acting_user=lead, organisation_id=None, source=Source.COUNCIL, said=SAID)
    services.issue_respond(acting_user=lead, issue_id=issue.pk, response="We will fit a table")
    services.action_add(
        acting_user=lead,
        issue_id=issue.pk,
        description="Buy and fit a baby-changing table",
        owner_organisation_id=world.prison.pk,
        due_on=today + datetime.timedelta(days=30),
    )
    log_in(page, live_server, lead)
    page.goto(f"{live_server.url}/you-said-we-did/{issue.pk}/")
    page.get_by_role("link", name=re.compile("^Mark as done")).click()
    page.get_by_role("button", name="We think this is done").click()

    page.get_by_role("link", name=re.compile("^Not done yet")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record that it is not done yet")
    check(page, "not-done")
    page.get_by_role("button", name="Record that it is not done").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select who says it is not done yet")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what they said")
    check(page, "not-done-errors")
    assert Action.objects.get().done_claimed_at is not None
    page.get_by_label("The council").check()
    page.get_by_label("What did they say?").fill("The table is fitted but it has no safety strap")
    page.get_by_role("button", name="Record that it is not done").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("not done yet")
    expect(page.get_by_text("In progress", exact=True)).to_be_visible()
    assert Action.objects.get().done_claimed_at is None

    public = page.context.browser.new_context(base_url=live_server.url).new_page()
    public.goto(f"{live_server.url}/you-said-we-did/boards/{world.prison.pk}/")
    expect(public.get_by_text("The council says this is not done yet: The table is fitted")).to_be_visible()
    expect(public.get_by_text("In progress", exact=True)).to_be_visible()
    check(public, "board-not-done")

    page.get_by_role("link", name=re.compile("^Mark as done")).click()
    page.get_by_label("What was done? (optional)").fill("Safety strap fitted")
    page.get_by_role("button", name="We think this is done").click()
    page.get_by_role("link", name=re.compile("^Record that it is confirmed as done")).click()
    page.get_by_label("The council").check()
    fill_date(page, "When did they confirm it?", today)
    page.get_by_label("How was it confirmed?").fill("Confirmed by the council at its meeting")
    page.get_by_role("button", name="Record the confirmation").click()
    expect(page.get_by_text("Done, and confirmed")).to_be_visible()
    check(page, "not-done-then-confirmed")

    public.reload()
    expect(public.get_by_text("Done, and confirmed")).to_be_visible()
    expect(public.get_by_text("The council says this is not done yet: The table is fitted")).to_be_visible()
    public.context.close()
