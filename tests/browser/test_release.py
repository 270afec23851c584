"""Release and after, end to end (issue 4). Prison staff see the pre-release checklist of a person due out in
20 days, plan the day of release (a release date before reception is refused, changing nothing), see what is
still not arranged on the person's page and on their Releases list, and record the release (a date before
reception is refused) which sets up the four follow-ups. Prison staff hand a person over to a probation delivery
unit: refused until a resettlement plan exists, then recorded, after which a practitioner of that unit, who could
not see the person before, sees them and the same plan. A practitioner's follow-ups list shows follow-ups never
recorded as "Not known", a failure, as do the person's page and timeline; the first-night one is recorded from
the list, a future one is refused, and one recorded twice is refused the second time.
The journeys run with JavaScript and again without it; the pages are checked by axe-core against WCAG 2.2 AA
and screenshotted to var/screenshots/."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.constants import Role
from organisations.constants import Pathway
from people.models import CustodyEpisode
from release import services
from release.models import Checkpoint, Handover, ReleasePlan
from resettlement import plan_services
from resettlement.models import Plan
from tests.browser.conftest import World, check_accessibility, log_in, screenshot
from tests.factories import CustodyEpisodeFactory, ProbationCaseFactory, ServiceUserFactory

CHECKLIST = [
    "Release date",
    "Type of release",
    "First-night accommodation",
    "Discharge grant",
    "Identification",
    "Bank account",
    "Benefits claim",
    "GP registration",
    "First probation appointment",
]
STILL_MISSING = ["Bank account", "GP registration", "First probation appointment"]
FOLLOW_UPS = ["First night", "6 weeks", "3 months", "6 months"]
NO_PLAN = "Make the resettlement plan before the handover: the community team takes over that plan"
HANDOVER_NOTE = "Approved premises place confirmed; he asked for a practitioner who knows the Wold area."
ACTION = "Find a room in approved premises near Testshire"
NOT_KNOWN_2 = (
    "2 follow-ups were never recorded and count as not known: failures, each reported against the organisation "
    "answerable for it."
)
NOT_KNOWN_1 = (
    "1 follow-up was never recorded and counts as not known: a failure, reported against the organisation "
    "answerable for it."
)


# Helpers ------------------------------------------------------------------------------------------------------


def url_ending(path: str) -> re.Pattern[str]:
    return re.compile(re.escape(path) + r"(\?.*)?(#.*)?$")


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def long_date(day: datetime.date) -> str:
    """As the pages write dates: 23 November 2026."""
    return f"{day.day} {day:%B %Y}"


def switch_user(page: Any, live_server: Any, user: Any) -> None:
    page.context.clear_cookies()
    log_in(page, live_server, user)


def banner(page: Any) -> Any:
    return page.locator(".govuk-notification-banner--success")


def expect_error_summary(page: Any, errors: list[tuple[str, str]], *, javascript: bool) -> None:
    """The GOV.UK error summary lists exactly these (message, link target) pairs, in order; every target is on
    the page, and the title starts 'Error: '."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    links = summary.get_by_role("link")
    expect(links).to_have_text([message for message, _ in errors])
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == [target for _, target in errors]
    for href in set(hrefs):
        expect(page.locator(href)).to_have_count(1)
    expect(page).to_have_title(re.compile(r"^Error: "))
    if javascript:
        expect(summary).to_be_focused()


def check(page: Any, name: str, *, javascript: bool, suffix: str) -> None:
    screenshot(page, f"release-{name.replace(' ', '-')}{suffix}")
    if javascript:
        check_accessibility(page, name)


def fill_date(page: Any, legend: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day", exact=True).fill(str(day.day))
    group.get_by_label("Month", exact=True).fill(str(day.month))
    group.get_by_label("Year", exact=True).fill(str(day.year))


def choose(page: Any, legend: str, label: str) -> None:
    page.get_by_role("group", name=legend).get_by_label(label, exact=True).check()


def navigation_link(page: Any, name: str) -> Any:
    return page.get_by_role("navigation", name="Menu").get_by_role("link", name=name, exact=True)


def checklist_rows(page: Any) -> Any:
    """The pre-release checklist: the first summary list after the "Release and after" heading."""
    return page.locator("#release ~ .govuk-summary-list").first.locator(".govuk-summary-list__row")


def checklist_row(page: Any, label: str) -> Any:
    key = page.locator(".govuk-summary-list__key", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    return checklist_rows(page).filter(has=key)


def expect_checklist(page: Any, missing: list[str]) -> None:
    rows = checklist_rows(page)
    expect(rows.locator(".govuk-summary-list__key")).to_have_text(CHECKLIST)
    for label in CHECKLIST:
        tag = checklist_row(page, label).locator(".govuk-tag")
        if label in missing:
            expect(tag).to_have_text("Not arranged")
            expect(tag).to_have_class(re.compile(r"\bgovuk-tag--red\b"))
        else:
            expect(tag).to_have_text("Arranged")
            expect(tag).to_have_class(re.compile(r"\bgovuk-tag--green\b"))


def checklist_warning(page: Any) -> Any:
    return page.locator(".govuk-warning-text", has_text="Pre-release checklist")


def follow_ups_table(page: Any) -> Any:
    return page.get_by_role("table", name="Follow-ups after each release")


def expect_follow_ups(page: Any, rows: list[tuple[str, datetime.date, str]]) -> None:
    """The person page's follow-ups: (kind, date, state tag) in order."""
    expect(page.get_by_role("heading", level=3, name="Follow-ups after release")).to_be_visible()
    body = follow_ups_table(page).locator("tbody tr")
    expect(body).to_have_count(len(rows))
    expect(body.locator("td:nth-child(1)")).to_have_text([kind for kind, _, _ in rows])
    expect(body.locator("td:nth-child(2)")).to_have_text([long_date(due) for _, due, _ in rows])
    expect(body.locator(".govuk-tag")).to_have_text([state for _, _, state in rows])


def follow_up_row(page: Any, kind: str) -> Any:
    cell = page.locator("td", has_text=re.compile(rf"^\s*{re.escape(kind)}\s*$"))
    return follow_ups_table(page).locator("tbody tr").filter(has=cell)


def expect_not_found(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 404, f"{url} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


def timeline_row(page: Any, text: str) -> Any:
    return page.get_by_role("table", name="Timeline, newest first").locator("tbody tr").filter(has_text=text)


# 1. Planning the day of release, and the release ----------------------------------------------------------------


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_prison_staff_plan_the_day_of_release_and_record_the_release(request, live_server, world, page_fixture):
    page = request.getfixturevalue(page_fixture)
    javascript = page_fixture == "page"
    suffix = "" if javascript else "-no-js"
    staff = world.users[Role.PRISON_STAFF.value]
    received = days(-100)
    due_out = days(20)
    episode = CustodyEpisodeFactory(
        establishment=world.prison,
        person=ServiceUserFactory(given_name="Eli", family_name="Evans"),
        received_on=received,
        expected_release_on=due_out,
    )
    person = episode.person
    person_path = f"/people/{person.pk}/"
    log_in(page, live_server, staff)

    # People -> the person: due out in 20 days, with nothing arranged but the date.
    page.goto(f"{live_server.url}/home/")
    navigation_link(page, "People").click()
    page.get_by_role("link", name=f"{person.family_name}, {person.given_name}").click()
    expect(page).to_have_url(url_ending(person_path))
    expect(page.get_by_role("heading", level=2, name="Release and after")).to_be_visible()
    expect(page.get_by_text(f"Due for release on {long_date(due_out)}.")).to_be_visible()
    expect(checklist_warning(page)).to_contain_text("Pre-release checklist: 8 things are not arranged yet.")
    expect_checklist(page, missing=CHECKLIST[1:])
    expect(page.get_by_text("Not handed over to a community team yet")).to_be_visible()
    expect(follow_ups_table(page)).to_have_count(0)
    check(page, "person page with checklist", javascript=javascript, suffix=suffix)

    # Plan the day of release: a release date before reception is refused, and nothing is saved.
    page.get_by_role("button", name="Plan the day of release").click()
    expect(page).to_have_url(url_ending(f"/release/{person.pk}/plan/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan the day of release")
    expect(page.locator(".govuk-caption-l")).to_have_text(f"{person.full_name}, {person.prison_number}")
    release_date = page.get_by_role("group", name="Release date")
    expect(release_date.get_by_label("Day", exact=True)).to_have_value(str(due_out.day))
    expect(release_date.get_by_label("Year", exact=True)).to_have_value(str(due_out.year))
    fill_date(page, "Release date", days(-101))
    choose(page, "Type of release", "Automatic conditional release, on licence")
    page.get_by_role("button", name="Save").click()
    expect_error_summary(
        page,
        [
            (
                f"The release date cannot be before they were received into custody on {long_date(received)}",
                "#id_expected_release_on_day",
            )
        ],
        javascript=javascript,
    )
    expect(page.locator(".govuk-error-message")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan the day of release")
    # What was typed is kept.
    expect(
        page.get_by_role("group", name="Type of release").get_by_label(
            "Automatic conditional release, on licence", exact=True
        )
    ).to_be_checked()
    assert not ReleasePlan.objects.exists()
    episode.refresh_from_db()
    assert episode.expected_release_on == due_out
    check(page, "plan form with errors", javascript=javascript, suffix=suffix)

    # Some of it is arranged: saved, and the checklist says what is still not.
    fill_date(page, "Release date", due_out)
    choose(page, "Where will they sleep on the first night?", "Approved premises or CAS")
    page.get_by_label("First-night address", exact=True).fill("Wold House, 3 Station Road, Testshire")
    choose(page, "Discharge grant", "Paid")
    choose(page, "Do they have identification?", "Yes")
    choose(page, "Do they have a bank account?", "No")
    choose(page, "Benefits claim", "Claim made or advance arranged")
    choose(page, "Are they registered with a GP near where they will live?", "No")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(url_ending(person_path))
    expect(banner(page)).to_contain_text("Release plan saved")
    expect(checklist_warning(page)).to_contain_text("Pre-release checklist: 3 things are not arranged yet.")
    expect_checklist(page, missing=STILL_MISSING)
    plan = ReleasePlan.objects.get()
    assert (
        plan.custody_episode,
        plan.release_type,
        plan.first_night_accommodation,
        plan.first_night_address,
        plan.discharge_grant,
        plan.has_id,
        plan.has_bank_account,
        plan.benefits_claim,
        plan.gp_registered,
        plan.first_appointment_on,
        plan.updated_by,
    ) == (
        episode,
        "conditional",
        "approved_premises",
        "Wold House, 3 Station Road, Testshire",
        "paid",
        "yes",
        "no",
        "made",
        "no",
        None,
        staff,
    )
    episode.refresh_from_db()
    assert episode.expected_release_on == due_out
    screenshot(page, f"release-person-page-planned{suffix}")

    # The form opens again with what was saved.
    page.get_by_role("button", name="Plan the day of release").click()
    expect(
        page.get_by_role("group", name="Where will they sleep on the first night?").get_by_label(
            "Approved premises or CAS", exact=True
        )
    ).to_be_checked()
    expect(
        page.get_by_role("group", name="Do they have a bank account?").get_by_label("No", exact=True)
    ).to_be_checked()
    expect(page.get_by_label("First-night address", exact=True)).to_have_value("Wold House, 3 Station Road, Testshire")

    # The prison's Releases list shows the person and what is not arranged.
    navigation_link(page, "Releases").click()
    expect(page).to_have_url(url_ending("/release/coming-up/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Releases in the next 12 weeks")
    table = page.get_by_role("table", name="1 person due for release")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.locator("td")).to_have_text([person.full_name, long_date(due_out), ", ".join(STILL_MISSING)])
    check(page, "releases coming up", javascript=javascript, suffix=suffix)
    rows.get_by_role("link", name=person.full_name).click()
    expect(page).to_have_url(url_ending(person_path))

    # Record the release: a date before reception, and one in the future, are refused; nothing changes.
    page.get_by_role("button", name="Record the release").click()
    expect(page).to_have_url(url_ending(f"/release/{person.pk}/released/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the release")
    released = page.get_by_role("group", name="Date of release")
    expect(released.get_by_label("Day", exact=True)).to_have_value(str(due_out.day))  # the expected date
    page.get_by_role("button", name="Record the release").click()
    expect_error_summary(
        page, [("The release date must be today or in the past", "#id_released_on_day")], javascript=javascript
    )
    fill_date(page, "Date of release", days(-101))
    page.get_by_role("button", name="Record the release").click()
    expect_error_summary(
        page,
        [
            (
                f"The release date cannot be before they were received into custody on {long_date(received)}",
                "#id_released_on_day",
            )
        ],
        javascript=javascript,
    )
    episode.refresh_from_db()
    assert episode.released_on is None
    assert not Checkpoint.objects.exists()
    check(page, "record release with an error", javascript=javascript, suffix=suffix)

    # Today: recorded, and the four follow-ups are set up.
    fill_date(page, "Date of release", today())
    page.get_by_role("button", name="Record the release").click()
    expect(page).to_have_url(url_ending(person_path))
    expect(banner(page)).to_contain_text("Release recorded. Follow-ups after release have been set up.")
    expect(
        page.get_by_text(f"Released from {world.prison.name} on {long_date(today())}. First night: Approved premises")
    ).to_be_visible()
    expect(checklist_warning(page)).to_have_count(0)
    expect(page.get_by_role("button", name="Record the release")).to_have_count(0)
    expect_follow_ups(
        page,
        [
            ("First night", days(1), "Upcoming"),
            ("6 weeks", days(42), "Upcoming"),
            ("3 months", days(91), "Upcoming"),
            ("6 months", days(182), "Upcoming"),
        ],
    )
    # None is due, so none offers to be recorded.
    expect(follow_ups_table(page).get_by_role("link")).to_have_count(0)
    episode.refresh_from_db()
    assert episode.released_on == today()
    assert sorted(Checkpoint.objects.filter(custody_episode=episode).values_list("kind", "due_on")) == sorted(
        [("first_night", days(1)), ("week_6", days(42)), ("month_3", days(91)), ("month_6", days(182))]
    )
    plan.refresh_from_db()
    assert plan.released_recorded_by == staff
    check(page, "person page released", javascript=javascript, suffix=suffix)

    # No longer due out: gone from the Releases list.
    navigation_link(page, "Releases").click()
    expect(page.get_by_text("No one you work with is due for release in the next 12 weeks.")).to_be_visible()


# 2. The handover to the community team ---------------------------------------------------------------------------


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_a_handover_needs_a_plan_and_then_the_community_team_sees_the_same_plan(
    request, live_server, world: World, page_fixture
):
    page = request.getfixturevalue(page_fixture)
    javascript = page_fixture == "page"
    suffix = "" if javascript else "-no-js"
    staff = world.users[Role.PRISON_STAFF.value]
    practitioner = world.users[Role.PROBATION_PRACTITIONER.value]
    person = world.people_in_custody[0]
    person_url = f"{live_server.url}/people/{person.pk}/"
    unit = world.delivery_unit
    assert not Plan.objects.filter(person=person).exists()

    # The practitioner cannot see the person yet.
    log_in(page, live_server, practitioner)
    expect_not_found(page, person_url)
    expect_not_found(page, f"{live_server.url}/release/{person.pk}/handover/")

    # Prison staff: no resettlement plan yet, so the handover is refused and nothing is recorded.
    switch_user(page, live_server, staff)
    page.goto(person_url)
    expect(page.get_by_text("Not handed over to a community team yet")).to_be_visible()
    page.get_by_role("link", name="Record the handover", exact=True).click()
    expect(page).to_have_url(url_ending(f"/release/{person.pk}/handover/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hand over to the community team")
    page.get_by_label("Which probation delivery unit takes over?", exact=True).select_option(label=unit.name)
    fill_date(page, "Date responsibility passes to the community team", today())
    page.get_by_label("Anything the community team should know", exact=True).fill(HANDOVER_NOTE)
    page.get_by_role("button", name="Record the handover").click()
    expect_error_summary(page, [(NO_PLAN, "#id_handover_on_day")], javascript=javascript)
    expect(page.get_by_label("Which probation delivery unit takes over?", exact=True)).to_have_value(str(unit.pk))
    expect(page.get_by_label("Anything the community team should know", exact=True)).to_have_value(HANDOVER_NOTE)
    assert not Handover.objects.exists()
    check(page, "handover with an error", javascript=javascript, suffix=suffix)

    # With a plan (and an action in it), the same form is recorded.
    Plan.objects.create(person=person, created_by=staff)
    plan_services.plan_action_add(
        acting_user=staff,
        person_id=person.pk,
        expected_revision=None,
        description=ACTION,
        owner_id=world.prison.pk,
        assignee_id=staff.pk,
        due_on=days(14),
        pathway=Pathway.ACCOMMODATION,
    )
    page.get_by_role("button", name="Record the handover").click()
    expect(page).to_have_url(url_ending(f"/people/{person.pk}/"))
    expect(banner(page)).to_contain_text("Handover recorded. The community team now sees the same plan.")
    expect(
        page.get_by_text(f"Handed over from {world.prison.name} to {unit.name} on {long_date(today())}.")
    ).to_contain_text(HANDOVER_NOTE)
    expect(page.get_by_role("link", name="Record the handover", exact=True)).to_have_count(0)
    handover = Handover.objects.get()
    assert (
        handover.person,
        handover.from_organisation,
        handover.to_organisation,
        handover.handover_on,
        handover.note,
        handover.recorded_by,
    ) == (person, world.prison, unit, today(), HANDOVER_NOTE, staff)
    screenshot(page, f"release-handed-over{suffix}")

    # The practitioner of that unit now sees the person and the same plan.
    switch_user(page, live_server, practitioner)
    response = page.goto(person_url)
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(person.full_name)
    actions = page.get_by_role("table", name="Actions in the plan").locator("tbody tr")
    expect(actions).to_have_count(1)
    expect(actions.first).to_contain_text(ACTION)
    expect(actions.first).to_contain_text(f"{staff.display_name}, {world.prison.name}")
    expect(page.get_by_text(f"Handed over from {world.prison.name} to {unit.name}")).to_be_visible()
    check(page, "person page for the community team", javascript=javascript, suffix=suffix)

    # The timeline shows the handover.
    page.goto(f"{person_url}timeline/")
    row = timeline_row(page, f"Handed over from {world.prison.name} to {unit.name}")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(2)).to_have_text(f"{staff.display_name}, {world.prison.name}")

    # A second handover of the same time in custody is refused.
    page.goto(f"{live_server.url}/release/{person.pk}/handover/")
    page.get_by_label("Which probation delivery unit takes over?", exact=True).select_option(label=unit.name)
    fill_date(page, "Date responsibility passes to the community team", today())
    page.get_by_role("button", name="Record the handover").click()
    expect_error_summary(
        page,
        [("The handover for this time in custody has already been recorded", "#main-content")],
        javascript=javascript,
    )
    assert Handover.objects.count() == 1


# 3. Follow-ups after release, where not known is a failure ------------------------------------------------------


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_follow_ups_never_recorded_are_not_known_failures_and_are_recorded_once_when_due(
    request, live_server, world: World, page_fixture
):
    page = request.getfixturevalue(page_fixture)
    javascript = page_fixture == "page"
    suffix = "" if javascript else "-no-js"
    practitioner = world.users[Role.PROBATION_PRACTITIONER.value]
    released_on = days(-60)
    episode = CustodyEpisodeFactory(
        establishment=world.prison,
        person=ServiceUserFactory(given_name="Finn", family_name="Fairweather"),
        received_on=days(-300),
        released_on=released_on,
    )
    person = episode.person
    ProbationCaseFactory(person=person, delivery_unit=world.delivery_unit, practitioner=practitioner)
    assert services.checkpoints_generate() == 4
    checkpoints = {c.kind: c for c in Checkpoint.objects.filter(custody_episode=episode)}
    first_night, week_6, month_3 = checkpoints["first_night"], checkpoints["week_6"], checkpoints["month_3"]
    log_in(page, live_server, practitioner)

    # Releases -> Follow-ups due: the first night and 6 weeks were never recorded, and are failures.
    page.goto(f"{live_server.url}/home/")
    navigation_link(page, "Releases").click()
    expect(page).to_have_url(url_ending("/release/follow-ups/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Follow-ups due")
    expect(page.locator(".govuk-warning-text")).to_contain_text(NOT_KNOWN_2)
    rows = page.get_by_role("table", name="2 follow-ups").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.locator("td:nth-child(2)")).to_have_text(["First night", "6 weeks"])
    expect(rows.locator("td:nth-child(3)")).to_have_text([long_date(days(-59)), long_date(days(-18))])
    for tag in rows.locator(".govuk-tag").all():
        expect(tag).to_have_text("Not known")
        expect(tag).to_have_class(re.compile(r"\bgovuk-tag--red\b"))
    expect(rows.first.locator("td").first).to_contain_text(
        f"released from {world.prison.name} on {long_date(released_on)}"
    )
    check(page, "follow-ups list", javascript=javascript, suffix=suffix)

    # The person page: both are failures; 3 and 6 months are still to come.
    rows.first.get_by_role("link", name=person.full_name, exact=True).click()
    expect(page).to_have_url(url_ending(f"/people/{person.pk}/"))
    expect(page.get_by_text(f"Released from {world.prison.name} on {long_date(released_on)}.")).to_be_visible()
    expect_follow_ups(
        page,
        [
            ("First night", days(-59), "Not known"),
            ("6 weeks", days(-18), "Not known"),
            ("3 months", days(31), "Upcoming"),
            ("6 months", days(122), "Upcoming"),
        ],
    )
    expect(follow_up_row(page, "6 weeks").locator(".govuk-tag")).to_have_class(re.compile(r"\bgovuk-tag--red\b"))
    expect(
        follow_up_row(page, "6 weeks").get_by_role("link", name="Record the result of the 6 weeks follow-up")
    ).to_be_visible()
    expect(follow_up_row(page, "3 months").get_by_role("link")).to_have_count(0)
    check(page, "person page with follow-ups not known", javascript=javascript, suffix=suffix)

    # The timeline: each never recorded, against the organisation that answered for it (the prison: no handover).
    page.goto(f"{live_server.url}/people/{person.pk}/timeline/")
    row = timeline_row(page, "6 weeks follow-up never recorded: not known, a failure")
    expect(row).to_have_count(1)
    expect(row.locator("td")).to_have_text(
        [long_date(days(-18 + 14 + 1)), "6 weeks follow-up never recorded: not known, a failure", world.prison.name]
    )
    expect(timeline_row(page, "First night follow-up never recorded: not known, a failure")).to_have_count(1)
    screenshot(page, f"release-timeline-not-known{suffix}")

    # The first night is recorded from the list, and the list is shown again.
    navigation_link(page, "Releases").click()
    page.get_by_role("link", name=f"Record the first night follow-up for {person.full_name}", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/release/checkpoints/{first_night.pk}/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the first night follow-up")
    expect(page.locator(".govuk-inset-text")).to_have_text(
        f"Released from {world.prison.name} on {long_date(released_on)}. This follow-up is on {long_date(days(-59))}."
    )
    # The first night asks only where they slept.
    expect(page.get_by_role("group", name="Are they working?")).to_have_count(0)
    page.get_by_role("button", name="Save").click()
    expect_error_summary(page, [("Select where they are living", "#id_accommodation")], javascript=javascript)
    first_night.refresh_from_db()
    assert first_night.recorded_at is None
    check(page, "checkpoint form with an error", javascript=javascript, suffix=suffix)
    choose(page, "Where are they living?", "Approved premises or CAS")
    page.get_by_label("Notes", exact=True).fill("Confirmed with the approved premises manager.")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(url_ending("/release/follow-ups/"))
    expect(banner(page)).to_contain_text("Checkpoint recorded")
    expect(page.locator(".govuk-warning-text")).to_contain_text(NOT_KNOWN_1)
    rows = page.get_by_role("table", name="1 follow-up").locator("tbody tr")
    expect(rows.locator("td:nth-child(2)")).to_have_text(["6 weeks"])
    first_night.refresh_from_db()
    assert (first_night.accommodation, first_night.employment, first_night.note, first_night.recorded_by) == (
        "approved_premises",
        "",
        "Confirmed with the approved premises manager.",
        practitioner,
    )

    # A follow-up not yet due is refused, however it is reached.
    page.goto(f"{live_server.url}/release/checkpoints/{month_3.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the 3 months follow-up")
    choose(page, "Where are they living?", "Settled")
    choose(page, "Are they working?", "In employment (employed or self-employed)")
    page.get_by_role("button", name="Save").click()
    expect_error_summary(
        page,
        [
            (
                f"This checkpoint is not due until {long_date(days(31))}: record what you find on or after that day",
                "#main-content",
            )
        ],
        javascript=javascript,
    )
    month_3.refresh_from_db()
    assert month_3.recorded_at is None and month_3.accommodation == ""
    screenshot(page, f"release-checkpoint-not-due{suffix}")
    if javascript:
        check_accessibility(page, "checkpoint form refused as not due")

    # The first night again: the page says it is recorded and offers no form (the service refuses a
    # second answer too: release/tests/test_views.py).
    page.goto(f"{live_server.url}/release/checkpoints/{first_night.pk}/")
    expect(page.get_by_text("This follow-up was recorded on")).to_be_visible()
    expect(page.get_by_role("button", name="Save")).to_have_count(0)
    first_night.refresh_from_db()
    assert first_night.accommodation == "approved_premises"

    # The person page and timeline say what was found, 59 days late: it is kept, but stays a failure
    # (a late answer never erases one); the 6 weeks stays a failure too.
    page.goto(f"{live_server.url}/people/{person.pk}/")
    expect_follow_ups(
        page,
        [
            ("First night", days(-59), "Recorded"),
            ("6 weeks", days(-18), "Not known"),
            ("3 months", days(31), "Upcoming"),
            ("6 months", days(122), "Upcoming"),
        ],
    )
    expect(follow_up_row(page, "First night")).to_contain_text("Approved premises or CAS")
    expect(follow_up_row(page, "First night").locator(".govuk-tag").first).to_have_class(
        re.compile(r"\bgovuk-tag--green\b")
    )
    expect(follow_up_row(page, "First night")).to_contain_text("Recorded late: counts as not known")
    page.goto(f"{live_server.url}/people/{person.pk}/timeline/")
    recorded = timeline_row(page, "First night follow-up: Approved premises or CAS")
    expect(recorded).to_have_count(1)
    expect(recorded.locator("td").nth(2)).to_have_text(f"{practitioner.display_name}, {world.delivery_unit.name}")
    expect(timeline_row(page, "First night follow-up never recorded")).to_have_count(0)
    expect(timeline_row(page, "First night follow-up recorded late: not known, a failure")).to_have_count(1)
    expect(timeline_row(page, "6 weeks follow-up never recorded: not known, a failure")).to_have_count(1)
    week_6.refresh_from_db()
    assert week_6.recorded_at is None
    assert CustodyEpisode.objects.get(pk=episode.pk).released_on == released_on
