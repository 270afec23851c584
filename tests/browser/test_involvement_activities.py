"""Involvement activities (issue 6, item 3): an involvement lead logs an activity with the staff's
rung on the ladder, adds the people who took part, enters the participants' anonymous rating
slips, sees the gap between the two ratings, and records what was fed back. A rung outside the
ladder is refused with a clear message. Each page is checked by axe-core against WCAG 2.2 AA and
screenshotted."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils import timezone
from playwright.sync_api import expect

from accounts.constants import Role
from involvement.models import Activity, Participant, ParticipantRating
from tests.browser.conftest import World, check_accessibility, log_in, screenshot


def fill_date(page: Any, legend: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day", exact=True).fill(str(day.day))
    group.get_by_label("Month", exact=True).fill(str(day.month))
    group.get_by_label("Year", exact=True).fill(str(day.year))


def check(page: Any, name: str) -> None:
    check_accessibility(page, name)
    screenshot(page, f"involvement-activities-{name}")


def test_a_lead_logs_an_activity_and_sees_the_gap(live_server, world: World, page):
    lead = world.users[Role.INVOLVEMENT_LEAD.value]
    first, second = world.people_in_custody[:2]
    today = timezone.localdate()
    log_in(page, live_server, lead)

    page.goto(f"{live_server.url}/involvement/activities/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Involvement activities")
    check(page, "list-empty")
    page.get_by_role("link", name="Log an activity").click()
    page.get_by_role("button", name="Log the activity").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a rung on the ladder")
    check(page, "new-errors")

    page.get_by_label("Focus group").check()
    page.get_by_label("Title").fill("Focus group on family visits")
    fill_date(page, "When was it?", today - datetime.timedelta(days=3))
    page.get_by_label("What was it for?").fill("Hear what makes visits hard for families")
    page.get_by_label("6. Partnership").check()
    page.get_by_label("Why this rung?").fill("The group and staff agreed the changes together")
    page.get_by_label(re.compile("How many other people took part")).fill("2")
    check(page, "new")
    page.get_by_role("button", name="Log the activity").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Activity logged")
    activity = Activity.objects.get()
    assert activity.staff_rung == 6

    for person in (first, second):
        page.get_by_role("link", name="Add a participant").click()
        page.get_by_label("Prison number or case reference number").fill(person.prison_number)
        page.get_by_role("radio", name="Voucher").check()
        page.get_by_role("textbox", name=re.compile("Amount, in pounds")).fill("10")
        if person is first:
            check(page, "participant")
        page.get_by_role("button", name="Add the participant").click()
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Participant added")
    assert Participant.objects.count() == 2

    page.get_by_role("link", name="Enter rating slips").click()
    page.get_by_label("4. Consultation").fill("3")
    page.get_by_label("5. Placation").fill("1")
    check(page, "slips")
    page.get_by_role("button", name="Enter the slips").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Rating slips entered")
    expect(page.locator("#gap")).to_have_text("Participants rated this 2 rungs lower than staff")
    assert ParticipantRating.objects.count() == 4
    check(page, "detail-rated")

    page.get_by_role("link", name="Record what was fed back").click()
    page.get_by_label("What was fed back to the people who took part?").fill(
        "Visits on Saturday afternoons start from next month"
    )
    fill_date(page, "When was it fed back?", today)
    check(page, "feedback")
    page.get_by_role("button", name="Save what was fed back").click()
    expect(page.get_by_text("Visits on Saturday afternoons start from next month")).to_be_visible()

    page.get_by_role("link", name="Back to activities").click()
    row = page.get_by_role("row", name=re.compile("Focus group on family visits"))
    expect(row).to_contain_text("Fed back")
    expect(row).to_contain_text("4. Consultation")
    check(page, "list")
