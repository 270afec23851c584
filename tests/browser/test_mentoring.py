"""Mentoring and Good Help carried through the gate (issue 3, journey 5): a partner adds a peer mentor
with lived experience; the prison, warned that the person is due for release with no mentor, allocates
one with the person's goals in their own words and their consent; the partner finds the person on its
mentoring caseload and records contacts (a future date is refused); the prison ends the mentoring with a
coded reason, and the timeline shows every step. Empty forms save nothing. Runs with JavaScript and
without; each new page is checked by axe-core against WCAG 2.2 AA and screenshotted."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.constants import Role
from mentoring.models import Allocation, Contact, Mentor
from tests.browser.conftest import World, check_accessibility, log_in, screenshot

GOALS = "To be there for my son, and to find work where my past does not hold me back"
NOTE = "Met at the gate and travelled together to the probation office"


def a_date(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def fill_date(page: Any, legend: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day", exact=True).fill(str(day.day))
    group.get_by_label("Month", exact=True).fill(str(day.month))
    group.get_by_label("Year", exact=True).fill(str(day.year))


def choose(page: Any, legend: str, label: str) -> None:
    page.get_by_role("group", name=legend).get_by_label(label, exact=True).check()


def expect_errors(page: Any, messages: list[str], *, javascript: bool) -> None:
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link")).to_have_text(messages)
    expect(page).to_have_title(re.compile(r"^Error: "))
    if javascript:
        expect(summary).to_be_focused()


def banner(page: Any) -> Any:
    return page.locator(".govuk-notification-banner--success")


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_a_mentor_is_allocated_and_the_relationship_recorded_through_the_gate(
    request, live_server, world: World, page_fixture
):
    page = request.getfixturevalue(page_fixture)
    javascript = page_fixture == "page"
    suffix = "" if javascript else "-no-js"
    prison_staff = world.users[Role.PRISON_STAFF.value]
    partner = world.users[Role.PARTNER_CASEWORKER.value]
    person = world.people_in_custody[0]
    episode = person.custody_episodes.get()
    episode.expected_release_on = a_date(35)
    episode.save()

    # The partner adds a peer mentor who does not sign in.
    log_in(page, live_server, partner)
    page.goto(f"{live_server.url}/mentoring/mentors/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentors and coaches")
    page.get_by_role("link", name="Add a mentor or coach").click()
    page.get_by_role("button", name="Add").click()
    expect_errors(
        page,
        [
            "Enter the mentor's name",
            "Select whether they are a mentor, a coach or a peer mentor",
            "Select whether they have lived experience of the justice system",
        ],
        javascript=javascript,
    )
    assert not Mentor.objects.exists()
    if javascript:
        check_accessibility(page, "add-mentor form with errors")
    screenshot(page, f"mentor-new-errors{suffix}")
    page.get_by_label("Name", exact=True).fill("Rhys Peer")
    choose(page, "Are they a mentor, a coach or a peer mentor?", "Peer mentor")
    choose(page, "Do they have lived experience of the justice system?", "Yes")
    page.get_by_role("button", name="Add").click()
    expect(banner(page)).to_contain_text("Mentor added")
    expect(page.get_by_role("table")).to_contain_text("Rhys Peer")
    if javascript:
        check_accessibility(page, "mentors list")
    screenshot(page, f"mentors{suffix}")

    # The prison sees the person is due for release with no mentor, and allocates one.
    log_in(page, live_server, prison_staff)
    page.goto(f"{live_server.url}/people/{person.pk}/")
    expect(page.locator("#mentoring ~ .govuk-warning-text").first).to_contain_text(
        "Due for release within 12 weeks with no mentor or coach."
    )
    page.get_by_role("link", name="Allocate a mentor or coach").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Allocate a mentor or coach")
    page.get_by_role("button", name="Allocate").click()
    expect_errors(
        page,
        [
            "Select an available mentor or coach",
            "Enter the date the mentoring starts",
            "Enter what the person wants from mentoring, in their own words",
            "Select whether the person has agreed to be mentored",
        ],
        javascript=javascript,
    )
    assert not Allocation.objects.exists()
    if javascript:
        check_accessibility(page, "allocate form with errors")
    screenshot(page, f"allocate-errors{suffix}")
    page.get_by_label("Mentor or coach", exact=True).select_option(
        label="Rhys Peer, peer mentor, lived experience (Wold Housing Trust)"
    )
    fill_date(page, "When does the mentoring start?", a_date(0))
    page.get_by_label("What does the person want from it?", exact=True).fill(GOALS)
    page.get_by_role("group", name=re.compile("^Has the person agreed")).get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Allocate").click()
    expect(banner(page)).to_contain_text("Mentor allocated")
    expect(page.get_by_text("Due for release within 12 weeks with no mentor or coach.")).to_have_count(0)
    card = page.locator(".govuk-summary-card", has_text="Peer mentor: Rhys Peer")
    expect(card).to_contain_text(GOALS)
    if javascript:
        check_accessibility(page, "person page with mentoring")
    screenshot(page, f"person-mentoring{suffix}")

    # The partner finds the person on its caseload and records contacts.
    log_in(page, live_server, partner)
    page.goto(f"{live_server.url}/mentoring/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentoring caseload")
    row = page.get_by_role("table", name="1 current mentee").locator("tbody tr")
    expect(row).to_contain_text(person.full_name)
    expect(row).to_contain_text("None yet")
    if javascript:
        check_accessibility(page, "mentoring caseload")
    screenshot(page, f"caseload{suffix}")
    row.get_by_role("link", name=person.full_name).click()
    page.get_by_role("link", name="Record a contact with Rhys Peer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a contact")
    fill_date(page, "When was the contact?", a_date(3))
    choose(page, "Did it happen?", "It happened")
    choose(page, "How?", "In person")
    choose(page, "Where?", "In prison")
    page.get_by_role("button", name="Save").click()
    expect_errors(page, ["The date cannot be in the future"], javascript=javascript)
    assert not Contact.objects.exists()
    if javascript:
        check_accessibility(page, "contact form with an error")
    screenshot(page, f"contact-errors{suffix}")
    fill_date(page, "When was the contact?", a_date(0))
    page.get_by_label("Note (optional)", exact=True).fill(NOTE)
    choose(page, "How did the person rate it? (optional)", "Very good")
    page.get_by_role("button", name="Save").click()
    expect(banner(page)).to_contain_text("Contact recorded")
    contacts = page.get_by_role("table", name="Contacts")
    expect(contacts).to_contain_text(NOTE)
    expect(contacts).to_contain_text("Very good")
    # The partner sees the mentoring and the basics, and cannot allocate.
    expect(page.get_by_role("link", name="Allocate a mentor or coach")).to_have_count(0)
    contact = Contact.objects.get()
    assert (contact.recorded_by, contact.rating, contact.contact_on) == (partner, "very_good", a_date(0))

    # The prison ends the mentoring; the timeline shows every step.
    log_in(page, live_server, prison_staff)
    page.goto(f"{live_server.url}/people/{person.pk}/")
    page.get_by_role("link", name="End mentoring with Rhys Peer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("End mentoring")
    fill_date(page, "When did the mentoring end?", a_date(0))
    choose(page, "Why did it end?", "Another reason")
    page.get_by_role("button", name="End mentoring").click()
    expect_errors(page, ["Enter why the mentoring ended"], javascript=javascript)
    if javascript:
        check_accessibility(page, "end form with an error")
    choose(page, "Why did it end?", "The person's goals were met")
    page.get_by_role("button", name="End mentoring").click()
    expect(banner(page)).to_contain_text("Mentoring ended")
    expect(page.get_by_role("heading", name="Mentoring that has ended")).to_be_visible()
    assert Allocation.objects.get().end_reason == "goals_met"
    page.goto(f"{live_server.url}/people/{person.pk}/timeline/")
    timeline = page.get_by_role("table", name="Timeline, newest first")
    expect(timeline).to_contain_text("Peer mentor allocated: Rhys Peer, Wold Housing Trust")
    expect(timeline).to_contain_text("Mentoring contact with Rhys Peer (in person, in prison)")
    expect(timeline).to_contain_text("Mentoring with Rhys Peer ended: The person's goals were met")
    screenshot(page, f"mentoring-timeline{suffix}")
