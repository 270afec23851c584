"""Work on release, end to end: an employer partner posts a job with its conditions on convictions (an
empty form is refused, saving nothing); prison staff record a young leaver's work profile, see the job
among their matches with the reasons, and put them forward with their consent; the employer sees the
application (name, skills, disclosure statement, supporting officer, nothing of the case record) and
records an interview; the person's timeline shows both. Run with JavaScript and without; every new page
is checked by axe-core against WCAG 2.2 AA and screenshotted to var/screenshots/."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.constants import Role
from organisations.constants import ProviderType
from tests.browser.conftest import World, check_accessibility, log_in, screenshot
from tests.factories import ProviderFactory, UserFactory
from work.models import Application, ApplicationStep, Opportunity, WorkProfile

TITLE = "Kitchen assistant"
STATEMENT = "I was convicted of theft in 2023. Since then I have passed food hygiene level 2 in the prison kitchen."


def url_ending(path: str) -> re.Pattern[str]:
    return re.compile(re.escape(path) + r"(\?.*)?(#.*)?$")


def banner(page: Any) -> Any:
    return page.locator(".govuk-notification-banner--success")


def expect_error_summary(page: Any, messages: list[str], *, javascript: bool) -> None:
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link")).to_have_text(messages)
    expect(page).to_have_title(re.compile(r"^Error: "))
    if javascript:
        expect(summary).to_be_focused()


def check(page: Any, name: str, *, javascript: bool, suffix: str) -> None:
    screenshot(page, f"work-{name}{suffix}")
    if javascript:
        check_accessibility(page, name)


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_an_employer_posts_a_job_and_prison_staff_put_a_young_leaver_forward(
    request, live_server, world: World, page_fixture
):
    page = request.getfixturevalue(page_fixture)
    javascript = page_fixture == "page"
    suffix = "" if javascript else "-no-js"
    employer_org = ProviderFactory(name="Aire Valley Kitchens Ltd", provider_type=ProviderType.EMPLOYER)
    employer = UserFactory(
        role=Role.PARTNER_CASEWORKER, organisation=employer_org, username="eve", first_name="Eve", last_name="Baker"
    )
    staff = world.users[Role.PRISON_STAFF.value]
    person = world.people_in_custody[0]
    person.date_of_birth = datetime.date(2005, 4, 2)  # a young leaver
    person.save()
    release = timezone.localdate() + datetime.timedelta(days=30)
    episode = person.custody_episodes.get()
    episode.expected_release_on = release
    episode.save()
    closes = timezone.localdate() + datetime.timedelta(days=21)

    # The employer posts a job: sent empty first, every problem listed and nothing saved.
    log_in(page, live_server, employer)
    page.goto(f"{live_server.url}/work/opportunities/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Opportunities")
    page.get_by_role("link", name="Post an opportunity").click()
    page.get_by_role("button", name="Post opportunity").click()
    expect_error_summary(
        page,
        [
            "Select whether it is a job, an apprenticeship or a training place",
            "Enter a title",
            "Describe the work",
            "Enter the town where the work is",
            "Enter the postcode district where the work is, like LS11",
            "Enter the hours",
            "Enter how many places there are, 1 or more",
            "Enter the closing date",
        ],
        javascript=javascript,
    )
    assert not Opportunity.objects.exists()
    check(page, "opportunity-form-errors", javascript=javascript, suffix=suffix)
    page.get_by_role("group", name="What are you offering?").get_by_label("Job", exact=True).check()
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Describe the work", exact=True).fill("Preparing food for a busy staff canteen")
    page.get_by_label("Town", exact=True).fill("Leeds")
    page.get_by_label("Postcode district", exact=True).fill("ls11")
    page.get_by_label("Hours", exact=True).fill("37.5 hours a week, Monday to Friday")
    page.get_by_label("Pay (optional)", exact=True).fill("£12.60 an hour")
    page.get_by_label("Number of places", exact=True).fill("2")
    due = page.get_by_role("group", name="Closing date")
    due.get_by_label("Day", exact=True).fill(str(closes.day))
    due.get_by_label("Month", exact=True).fill(str(closes.month))
    due.get_by_label("Year", exact=True).fill(str(closes.year))
    page.get_by_label("Catering and food hygiene", exact=True).check()
    page.get_by_label("Arson", exact=True).check()
    page.get_by_role("button", name="Post opportunity").click()
    opportunity = Opportunity.objects.get()
    expect(page).to_have_url(url_ending(f"/work/opportunities/{opportunity.pk}/"))
    expect(banner(page)).to_contain_text("Opportunity posted")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("No one has been put forward yet.")).to_be_visible()
    assert (opportunity.postcode_district, opportunity.skills, opportunity.excluded_offences) == (
        "LS11",
        ["catering"],
        ["arson"],
    )
    check(page, "opportunity-detail", javascript=javascript, suffix=suffix)

    # Prison staff: the person's page, then their work profile.
    page.context.clear_cookies()
    log_in(page, live_server, staff)
    page.goto(f"{live_server.url}/people/{person.pk}/")
    expect(page.get_by_role("heading", name="Work on release")).to_be_visible()
    page.get_by_role("link", name="Record a work profile").click()
    expect(page).to_have_url(url_ending(f"/work/people/{person.pk}/profile/"))
    page.get_by_label("Catering and food hygiene", exact=True).check()
    page.get_by_label("Town they will live in on release", exact=True).fill("Leeds")
    page.get_by_label("Postcode district they will live in", exact=True).fill("LS11")
    page.get_by_role("group", name="How far can they travel to work?").get_by_label("Same town only").check()
    check(page, "profile-form", javascript=javascript, suffix=suffix)
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(url_ending(f"/work/people/{person.pk}/"))
    expect(banner(page)).to_contain_text("Work profile saved")
    assert WorkProfile.objects.get(person=person).skills == ["catering"]

    # The job is among their matches, with why.
    matches = page.get_by_role("table", name="Opportunities that match, best first")
    row = matches.locator("tbody tr").filter(has_text=TITLE)
    expect(row).to_contain_text("Skills in common: Catering and food hygiene")
    expect(row).to_contain_text("In the postcode district they will live in (LS11)")
    check(page, "person-matches", javascript=javascript, suffix=suffix)

    # Put forward: without consent it is refused; with it, made.
    row.get_by_role("link", name=f"Put forward for {TITLE}").click()
    expect(page).to_have_url(url_ending(f"/work/people/{person.pk}/opportunities/{opportunity.pk}/apply/"))
    page.get_by_label("Disclosure statement", exact=True).fill(STATEMENT)
    page.get_by_role("button", name="Put forward").click()
    expect_error_summary(
        page,
        ["Confirm they agreed to share their disclosure statement with the employer"],
        javascript=javascript,
    )
    assert not Application.objects.exists()
    check(page, "apply-errors", javascript=javascript, suffix=suffix)
    page.get_by_label("They have agreed to share this disclosure statement with the employer").check()
    page.get_by_role("button", name="Put forward").click()
    expect(page).to_have_url(url_ending(f"/work/people/{person.pk}/"))
    expect(banner(page)).to_contain_text(f"{person.full_name} has been put forward for {TITLE}")
    application = Application.objects.get()

    # The approaching-release list shows them, a young leaver.
    page.goto(f"{live_server.url}/work/approaching-release/")
    people = page.get_by_role("table", name=re.compile("approaching release"))
    expect(people.locator("tbody tr").filter(has_text=person.full_name)).to_contain_text("Young leaver")
    check(page, "approaching-release", javascript=javascript, suffix=suffix)

    # The employer sees the application, and records an interview.
    page.context.clear_cookies()
    log_in(page, live_server, employer)
    page.goto(f"{live_server.url}/work/opportunities/{opportunity.pk}/")
    page.get_by_role("link", name=person.full_name).click()
    expect(page).to_have_url(url_ending(f"/work/applications/{application.pk}/"))
    expect(page.locator(".govuk-summary-list")).to_contain_text(STATEMENT)
    expect(page.locator(".govuk-summary-list")).to_contain_text(f"{staff.display_name}, {world.prison.name}")
    expect(page.get_by_text(person.prison_number)).to_have_count(0)
    check(page, "application", javascript=javascript, suffix=suffix)
    page.get_by_role("link", name="Record what happened").click()
    page.get_by_role("button", name="Save").click()
    expect_error_summary(page, ["Select what happened"], javascript=javascript)
    check(page, "application-step-errors", javascript=javascript, suffix=suffix)
    page.get_by_role("group", name="What happened?").get_by_label("Interview offered").check()
    page.get_by_role("button", name="Save").click()
    expect(banner(page)).to_contain_text("Recorded")
    expect(page.get_by_role("table", name="Steps in this application, oldest first")).to_contain_text(
        "Interview offered"
    )
    assert ApplicationStep.objects.get().recorded_by == employer

    # The person's timeline, seen by prison staff, shows both.
    page.context.clear_cookies()
    log_in(page, live_server, staff)
    page.goto(f"{live_server.url}/people/{person.pk}/timeline/")
    rows = page.get_by_role("table", name="Timeline, newest first").locator("tbody tr")
    expect(rows.nth(0)).to_contain_text(f"Interview offered: {TITLE} at {employer_org.name}")
    expect(rows.nth(1)).to_contain_text(f"Put forward for {TITLE} at {employer_org.name}")
