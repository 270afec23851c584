"""Prison staff record a person arriving in custody: with JavaScript, and again without it, because the
service must work for anyone whose browser runs no scripts (GOV.UK Service Manual, progressive enhancement)."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from accounts.constants import Role
from people.models import CustodyEpisode, ServiceUser
from tests.browser.conftest import check_accessibility, log_in, screenshot, sign_in

# What an empty form from prison staff is told, in the order of the fields on the page.
EMPTY_FORM_ERRORS = {
    "Enter their first name": "id_given_name",
    "Enter their last name": "id_family_name",
    "Enter their date of birth": "id_date_of_birth_day",
    "Enter a prison number or a case reference number, or both": "id_prison_number",
    "Enter the date they were received into custody": "id_received_on_day",
}


def fill_date(page, legend: str, date: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(date.day))
    group.get_by_label("Month").fill(str(date.month))
    group.get_by_label("Year").fill(str(date.year))


def fill_person(page, *, prison_number: str, received_on: datetime.date) -> None:
    page.get_by_label("First name").fill("Jo")
    page.get_by_label("Last name").fill("Example")
    fill_date(page, "Date of birth", datetime.date(1990, 3, 27))
    page.get_by_label("Prison number").fill(prison_number)
    fill_date(page, "Date received into custody", received_on)


def expect_error_summary(page, errors: dict[str, str]) -> None:
    """The GOV.UK error summary lists exactly these errors, each linking to its field, and each field
    shows its own message. (Their order is checked in test_known_issues.py.)"""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    assert sorted(t.strip() for t in summary.get_by_role("link").all_inner_texts()) == sorted(errors)
    # Every error in the summary is also shown at its field, and every link leads somewhere.
    expect(page.locator(".govuk-error-message")).to_have_count(summary.get_by_role("link").count())
    for href in summary.get_by_role("link").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        expect(page.locator(href)).to_have_count(1)
    for message, field_id in errors.items():
        expect(summary.get_by_role("link", name=message)).to_have_attribute("href", f"#{field_id}")
        expect(page.locator(f"#{field_id}")).to_have_count(1)
        expect(page.locator(".govuk-error-message", has_text=message)).to_have_count(1)
    expect(page).to_have_title(re.compile(r"^Error: "))


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_prison_staff_record_a_person_arriving_in_custody(request, live_server, world, page_fixture):
    page = request.getfixturevalue(page_fixture)
    suffix = "" if page_fixture == "page" else "-no-js"
    prison = world.prison
    received_on = datetime.date.today() - datetime.timedelta(days=2)
    people_before = ServiceUser.objects.count()

    sign_in(page, live_server, world.users[Role.PRISON_STAFF.value].username)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    page.get_by_role("button", name="Record a new person").click()
    expect(page).to_have_url(re.compile(r"/people/new/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a new person")

    # Nothing entered: every missing answer is listed at once and linked to its field, and nothing is saved.
    page.get_by_role("button", name="Save").click()
    expect_error_summary(page, EMPTY_FORM_ERRORS)
    screenshot(page, f"record-person-empty{suffix}")
    assert ServiceUser.objects.count() == people_before

    # Following a link in the summary takes the person to the field: GOV.UK Frontend moves the focus
    # there; without JavaScript the browser jumps to it.
    page.locator(".govuk-error-summary").get_by_role("link", name="Enter their last name").click()
    if page_fixture == "page":
        expect(page.get_by_label("Last name")).to_be_focused()
    else:
        expect(page).to_have_url(re.compile(r"/people/new/#id_family_name$"))

    # A prison number in the wrong format is refused with a message that says what is expected.
    fill_person(page, prison_number="12345", received_on=received_on)
    page.get_by_role("button", name="Save").click()
    expect_error_summary(page, {"Enter a prison number in the correct format, like A1234BC": "id_prison_number"})
    # What was typed is kept, so only the mistake needs retyping.
    expect(page.get_by_label("First name")).to_have_value("Jo")
    expect(page.get_by_label("Prison number")).to_have_value("12345")
    assert ServiceUser.objects.count() == people_before

    # Valid details: the person is recorded, in custody at the member of staff's own prison.
    page.get_by_label("Prison number").fill("Z1234AB")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/people/\d+/(#.*)?$"))
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Jo Example has been recorded")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jo Example")
    custody = page.get_by_role("table", name="Time in custody")
    expect(custody).to_contain_text(f"{prison.name} ({prison.code})")
    expect(custody).to_contain_text("In custody")
    screenshot(page, f"record-person-recorded{suffix}")
    if page_fixture == "page":
        check_accessibility(page, "person just recorded")

    assert ServiceUser.objects.count() == people_before + 1
    person = ServiceUser.objects.get(prison_number="Z1234AB")
    assert re.search(rf"/people/{person.pk}/(#.*)?$", page.url), page.url
    assert (person.given_name, person.family_name, person.date_of_birth) == (
        "Jo",
        "Example",
        datetime.date(1990, 3, 27),
    )
    episode = CustodyEpisode.objects.get(person=person)
    assert (episode.establishment, episode.received_on, episode.released_on) == (prison, received_on, None)

    # The same person again: refused, because each person is recorded once.
    page.goto(f"{live_server.url}/people/new/")
    fill_person(page, prison_number="z1234ab", received_on=received_on)
    page.get_by_role("button", name="Save").click()
    expect_error_summary(page, {"A person with prison number Z1234AB is already recorded": "id_prison_number"})
    screenshot(page, f"record-person-duplicate{suffix}")
    assert ServiceUser.objects.count() == people_before + 1
    assert CustodyEpisode.objects.filter(person__prison_number="Z1234AB").count() == 1


def test_error_summary_lists_errors_in_page_order(page, live_server, world):
    log_in(page, live_server, world.users[Role.PRISON_STAFF.value])
    page.goto(f"{live_server.url}/people/new/")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".govuk-error-summary").get_by_role("link")).to_have_text(
        list(EMPTY_FORM_ERRORS), timeout=1_000
    )
