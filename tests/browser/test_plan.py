"""Prison staff build a person's resettlement plan from the needs a screening found: an action for one need
(owned by a partner contracted in the prison's region, assigned to its caseworker, due on a date), a recorded
reason why another has none, the action's result, and the need met. Empty forms save nothing; a need with an
open action cannot be marked met; two members of staff editing one plan at once never overwrite each other;
an overdue action is flagged to its assignee; and the timeline shows every step, newest first. The journey
runs with JavaScript and again without it; the pages are checked by axe-core against WCAG 2.2 AA and
screenshotted to var/screenshots/."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.constants import Role
from organisations.constants import Pathway
from resettlement import plan_services
from resettlement.constants import ActionResult, NeedStatus
from resettlement.models import Need, NeedEvent, NeedWithoutAction, Plan, PlanAction
from resettlement.selectors import need_status
from tests.browser.conftest import PageProblems, World, check_accessibility, log_in, screenshot
from tests.factories import ContractFactory, ProviderFactory, UserFactory

HOUSING_NEED = "Needs somewhere to live on release"
ID_NEED = "Needs photo ID before release"
ACTION = "Refer to the employment partnership's housing-ready course"
OUTCOME = "Attended all four sessions; a tenancy-ready certificate is on file"
NO_ACTION_REASON = "Their passport is held by their solicitor, who will return it on release"

INCOMPLETE_2 = "The plan is incomplete: 2 needs have no action and no reason why not."
COMPLETE = "Every recognised need has an action or a recorded reason why not."
TIMELINE_LINK = "See everything every organisation has done, in order"
PLAN_CHANGED = "This plan was changed after you opened it, so your change has not been saved:"
CHECK_AGAIN = "Check the plan as it is now, then make your change again."
MET_WITH_OPEN_ACTION = "Record a result for this need"  # ...'s open actions before marking it met

NEED_LABEL = "Which need does it meet?"
DESCRIPTION_LABEL = "What will be done?"
OWNER_LABEL = "Which organisation owns it?"
ASSIGNEE_LABEL = "Who will do it?"
DUE_LEGEND = "When is it due?"


# Helpers ------------------------------------------------------------------------------------------------------


def person_url(person: Any) -> str:
    return f"/people/{person.pk}/"


def url_ending(path: str) -> re.Pattern[str]:
    return re.compile(re.escape(path) + r"(\?.*)?(#.*)?$")


def a_date(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def long_date(day: datetime.date) -> str:
    """As the pages write dates: 23 November 2026."""
    return f"{day.day} {day:%B %Y}"


def add_needs(person: Any, staff: Any) -> tuple[Need, Need]:
    """Two recognised needs, not started, as a submitted screening leaves them."""
    needs = []
    for pathway, description in ((Pathway.ACCOMMODATION, HOUSING_NEED), (Pathway.FINANCE_ID, ID_NEED)):
        need = Need.objects.create(person=person, pathway=pathway, description=description, identified_by=staff)
        NeedEvent.objects.create(need=need, status=NeedStatus.NOT_STARTED, recorded_by=staff)
        needs.append(need)
    return needs[0], needs[1]


def partner_in_region(world: World) -> tuple[Any, Any]:
    """A partner provider contracted in the prison's region (not named on the contract's prisons), and one
    of its caseworkers."""
    provider = ProviderFactory(name="Testshire Employment Partnership")
    ContractFactory(title="Employment support in Testshire", provider=provider, region=world.prison.region)
    caseworker = UserFactory(
        role=Role.PARTNER_CASEWORKER,
        organisation=provider,
        username="nia-partner",
        first_name="Nia",
        last_name="Partner",
    )
    return provider, caseworker


def add_action(world: World, person: Any, need: Need, **overrides: Any) -> PlanAction:
    """An action added through the service, by the prison's member of staff (for the tests whose subject is
    a later page)."""
    staff = world.users[Role.PRISON_STAFF.value]
    arguments = {
        "acting_user": staff,
        "person_id": person.pk,
        "expected_revision": None,
        "description": ACTION,
        "owner_id": world.prison.pk,
        "assignee_id": staff.pk,
        "due_on": a_date(14),
        "need_id": need.pk,
        **overrides,
    }
    return plan_services.plan_action_add(**arguments)


def save(page: Any) -> None:
    page.get_by_role("button", name="Save").click()


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


def needs_table(page: Any) -> Any:
    return page.get_by_role("table", name="Needs identified, by resettlement pathway")


def need_row(page: Any, description: str) -> Any:
    return needs_table(page).locator("tbody tr").filter(has_text=description)


def expect_need_status(page: Any, description: str, status: str) -> None:
    expect(need_row(page, description).locator(".govuk-tag")).to_have_text(status)


def plan_table(page: Any) -> Any:
    return page.get_by_role("table", name="Actions in the plan")


def action_row(page: Any, description: str) -> Any:
    return plan_table(page).locator("tbody tr").filter(has_text=description)


def fill_action(page: Any, *, description: str, owner: str, assignee: str, due_on: datetime.date) -> None:
    page.get_by_label(DESCRIPTION_LABEL, exact=True).fill(description)
    page.get_by_label(OWNER_LABEL, exact=True).select_option(label=owner)
    page.get_by_label(ASSIGNEE_LABEL, exact=True).select_option(label=assignee)
    due = page.get_by_role("group", name=DUE_LEGEND)
    due.get_by_label("Day", exact=True).fill(str(due_on.day))
    due.get_by_label("Month", exact=True).fill(str(due_on.month))
    due.get_by_label("Year", exact=True).fill(str(due_on.year))


def expect_form_page(page: Any, person: Any, heading: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator(".govuk-caption-l")).to_have_text(f"Resettlement plan for {person.full_name}")
    expect(page.get_by_role("link", name=f"Back to {person.full_name}")).to_have_attribute("href", person_url(person))


@contextmanager
def staff_page(browser: Any, live_server: Any, user: Any) -> Iterator[Any]:
    """A page in a browser context of its own (its own cookies: a second person at a second desk), signed in
    as `user`, with the same checks for server and script errors as the `page` fixture."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = PageProblems()
    page.on("console", problems.record_console)
    page.on("pageerror", problems.record_page_error)
    page.on("response", problems.record_response)
    try:
        log_in(page, live_server, user)
        yield page
    finally:
        context.close()
    unexpected = [e for e in problems.errors if "Failed to load resource" not in e]
    assert not problems.server_errors, f"Server errors while the test ran: {problems.server_errors}"
    assert not unexpected, "The browser reported errors:\n" + "\n".join(unexpected)


# The whole journey -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_prison_staff_build_a_plan_that_covers_every_need(request, live_server, world, page_fixture):
    page = request.getfixturevalue(page_fixture)
    javascript = page_fixture == "page"
    suffix = "" if javascript else "-no-js"
    staff = world.users[Role.PRISON_STAFF.value]
    person = world.people_in_custody[0]
    housing, photo_id = add_needs(person, staff)
    provider, caseworker = partner_in_region(world)
    assert not provider.contracts.get().establishments.exists()  # contracted by region, not by prison
    due = a_date(21)
    log_in(page, live_server, staff)

    # The person's page: two needs, not started, and a plan that covers neither.
    page.goto(live_server.url + person_url(person))
    expect(page.get_by_role("heading", level=1)).to_have_text(person.full_name)
    expect_need_status(page, HOUSING_NEED, "Not started")
    expect_need_status(page, ID_NEED, "Not started")
    expect(page.locator(".govuk-warning-text", has_text="The plan is")).to_contain_text(INCOMPLETE_2)
    expect(page.get_by_text("The plan has no actions yet.")).to_be_visible()
    screenshot(page, f"plan-incomplete{suffix}")
    if javascript:
        check_accessibility(page, "person page with an incomplete plan")

    # Add an action for the first need: the form opens with that need chosen.
    page.get_by_role("link", name=f"add an action for {HOUSING_NEED}", exact=True).click()
    expect(page).to_have_url(url_ending(f"/people/{person.pk}/plan/actions/new/"))
    expect_form_page(page, person, "Add an action")
    expect(page.get_by_label(NEED_LABEL, exact=True)).to_have_value(str(housing.pk))
    owners = page.get_by_label(OWNER_LABEL, exact=True).locator("option").all_inner_texts()
    assert provider.name in owners and world.prison.name in owners, owners

    # Sent empty: every problem is listed, each linked to its field, and nothing is saved.
    save(page)
    expect_error_summary(
        page,
        [
            ("Describe the action", "#id_description"),
            ("Select the organisation that owns this action", "#id_owner"),
            ("Select who will do it", "#id_assignee"),
            ("Enter the date the action is due", "#id_due_on_day"),
        ],
        javascript=javascript,
    )
    expect_form_page(page, person, "Add an action")
    expect(page.locator(".govuk-error-message")).to_have_count(4)
    expect(page.get_by_label(NEED_LABEL, exact=True)).to_have_value(str(housing.pk))
    assert not PlanAction.objects.exists()
    assert not Plan.objects.filter(person=person).exists()
    screenshot(page, f"action-new-errors{suffix}")
    if javascript:
        check_accessibility(page, "add-action form with errors")

    # Filled in: owned by the partner, assigned to its caseworker.
    fill_action(
        page,
        description=ACTION,
        owner=provider.name,
        assignee=f"{caseworker.display_name} ({provider.name})",
        due_on=due,
    )
    save(page)
    expect(page).to_have_url(url_ending(person_url(person)))
    expect(banner(page)).to_contain_text("Action added to the plan")
    row = action_row(page, ACTION)
    expect(row).to_have_count(1)
    expect(row.locator("td")).to_have_text(
        [ACTION, f"{caseworker.display_name}, {provider.name}", long_date(due), re.compile(r"^\s*Open\b")]
    )
    expect(row.locator(".govuk-tag")).to_have_text("Open")
    expect_need_status(page, HOUSING_NEED, "In progress")
    expect_need_status(page, ID_NEED, "Not started")
    expect(page.locator(".govuk-warning-text", has_text="The plan is")).to_contain_text(
        "The plan is incomplete: 1 need has no action and no reason why not."
    )
    action = PlanAction.objects.get()
    assert (action.need, action.owner, action.assignee, action.due_on, action.created_by, action.result) == (
        housing,
        provider,
        caseworker,
        due,
        staff,
        "",
    )
    assert action.pathway == Pathway.ACCOMMODATION

    # The second need has no action, and the reason why is recorded.
    page.get_by_role("link", name=f"record why not for {ID_NEED}", exact=True).click()
    expect(page).to_have_url(url_ending(f"/people/{person.pk}/plan/needs/{photo_id.pk}/no-action/"))
    expect_form_page(page, person, "Record why a need has no action")
    expect(page.locator(".govuk-inset-text")).to_have_text(f"Finance and ID: {ID_NEED}")
    if javascript:
        check_accessibility(page, "need-without-action form")
    page.get_by_label("Why does this need have no action?", exact=True).fill(NO_ACTION_REASON)
    save(page)
    expect(page).to_have_url(url_ending(person_url(person)))
    expect(banner(page)).to_contain_text("Reason recorded")
    expect(page.get_by_text(COMPLETE)).to_be_visible()
    expect(page.locator(".govuk-warning-text", has_text="The plan is incomplete")).to_have_count(0)
    assert NeedWithoutAction.objects.get().reason == NO_ACTION_REASON

    # The action's result: sent empty first, then done with what came of it.
    row.get_by_role("link", name=f"Record result of {ACTION}", exact=True).click()
    expect(page).to_have_url(url_ending(f"/people/{person.pk}/plan/actions/{action.pk}/result/"))
    expect_form_page(page, person, "Record the result of an action")
    expect(page.locator(".govuk-inset-text")).to_have_text(
        f"{ACTION} – {caseworker.display_name}, {provider.name}, due {long_date(due)}"
    )
    screenshot(page, f"action-result{suffix}")
    if javascript:
        check_accessibility(page, "record-result form")
    save(page)
    expect_error_summary(page, [("Select whether the action was done", "#id_result")], javascript=javascript)
    action.refresh_from_db()
    assert action.result == ""
    if javascript:
        check_accessibility(page, "record-result form with an error")
    page.get_by_role("group", name="Was it done?").get_by_label("Done", exact=True).check()
    page.get_by_label("What came of it, or why was it not done?", exact=True).fill(OUTCOME)
    save(page)
    expect(page).to_have_url(url_ending(person_url(person)))
    expect(banner(page)).to_contain_text("Result recorded")
    expect(row.locator(".govuk-tag")).to_have_text("Done")
    expect(row).to_contain_text(OUTCOME)
    expect(row.get_by_role("link", name=re.compile("^Record result"))).to_have_count(0)
    action.refresh_from_db()
    assert (action.result, action.result_note, action.result_by) == (ActionResult.DONE, OUTCOME, staff)

    # The first need is met.
    need_row(page, HOUSING_NEED).get_by_role("link", name=f"Update {HOUSING_NEED}", exact=True).click()
    expect(page).to_have_url(url_ending(f"/people/{person.pk}/plan/needs/{housing.pk}/status/"))
    expect_form_page(page, person, "Update a need")
    status = page.get_by_role("group", name="What is the status of this need now?")
    expect(status.get_by_label("In progress", exact=True)).to_be_checked()
    status.get_by_label("Met", exact=True).check()
    save(page)
    expect(page).to_have_url(url_ending(person_url(person)))
    expect(banner(page)).to_contain_text("Need updated")
    expect_need_status(page, HOUSING_NEED, "Met")
    expect_need_status(page, ID_NEED, "Not started")
    expect(page.get_by_text(COMPLETE)).to_be_visible()
    assert need_status(need=housing) == NeedStatus.MET
    screenshot(page, f"plan-complete{suffix}")

    # Every change moved the plan on one revision.
    assert Plan.objects.get(person=person).revision == 4

    # The timeline: every step, newest first, with who did it.
    page.get_by_role("link", name=TIMELINE_LINK, exact=True).click()
    expect(page).to_have_url(url_ending(f"/people/{person.pk}/timeline/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline")
    rows = page.get_by_role("table", name="Timeline, newest first").locator("tbody tr")
    by = f"{staff.display_name}, {world.prison.name}"
    expected = [
        (f"Need met: {HOUSING_NEED}", by),
        (f"Action done: {ACTION} – {OUTCOME}", by),
        (f"No action for “{ID_NEED}”: {NO_ACTION_REASON}", by),
        (f"Need in progress: {HOUSING_NEED}", by),
        (f"Action added: {ACTION} ({caseworker.display_name}, {provider.name}, due {due.day} {due:%B %Y})", by),
        (f"Need identified: {ID_NEED}", by),
        (f"Need identified: {HOUSING_NEED}", by),
        (f"Received into {world.prison.name}", world.prison.name),
    ]
    expect(rows).to_have_count(len(expected))
    shown = [tuple(cell.strip() for cell in rows.nth(i).locator("td").all_inner_texts()) for i in range(rows.count())]
    assert [(what, who) for _, what, who in shown] == expected, shown
    screenshot(page, f"timeline{suffix}")
    if javascript:
        check_accessibility(page, "timeline")


# A need with an open action -----------------------------------------------------------------------------------


def test_a_need_cannot_be_met_while_its_action_is_open(page, live_server, world):
    staff = world.users[Role.PRISON_STAFF.value]
    person = world.people_in_custody[1]
    housing, _ = add_needs(person, staff)
    add_action(world, person, housing)
    revision = Plan.objects.get(person=person).revision
    assert need_status(need=housing) == NeedStatus.IN_PROGRESS
    log_in(page, live_server, staff)

    page.goto(live_server.url + person_url(person))
    need_row(page, HOUSING_NEED).get_by_role("link", name=f"Update {HOUSING_NEED}", exact=True).click()
    status = page.get_by_role("group", name="What is the status of this need now?")
    status.get_by_label("Met", exact=True).check()
    save(page)

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(summary.get_by_role("link")).to_contain_text(MET_WITH_OPEN_ACTION)
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_status")
    expect(status.locator(".govuk-error-message")).to_contain_text(MET_WITH_OPEN_ACTION)
    expect(page).to_have_title(re.compile(r"^Error: Update a need"))
    # The apostrophe reads as an apostrophe, not as an escaped entity.
    expect(summary.get_by_role("link")).to_have_text(
        re.compile(r"^Record a result for this need[’']s open actions before marking it met$")
    )
    expect(page).to_have_url(url_ending(f"/people/{person.pk}/plan/needs/{housing.pk}/status/"))
    screenshot(page, "need-status-error")
    check_accessibility(page, "need-status form with an error")

    # Nothing changed: the need is still in progress, the plan on the same revision.
    assert need_status(need=housing) == NeedStatus.IN_PROGRESS
    assert Plan.objects.get(person=person).revision == revision
    page.get_by_role("link", name=f"Back to {person.full_name}").click()
    expect_need_status(page, HOUSING_NEED, "In progress")


# Two people editing one plan ---------------------------------------------------------------------------------


def test_two_staff_editing_one_plan_never_overwrite_each_other(browser, live_server, world):
    first_user = world.users[Role.PRISON_STAFF.value]
    second_user = UserFactory(
        role=Role.PRISON_STAFF,
        organisation=world.prison,
        username="owen-officer",
        first_name="Owen",
        last_name="Officer",
    )
    caseworker = world.users[Role.PARTNER_CASEWORKER.value]
    person = world.people_in_custody[2]
    housing, _ = add_needs(person, first_user)
    first_action = "Book a housing advice appointment"
    second_action = "Ask the family about a room on release"
    new_action_url = f"{live_server.url}/people/{person.pk}/plan/actions/new/?need={housing.pk}"

    with (
        staff_page(browser, live_server, first_user) as first,
        staff_page(browser, live_server, second_user) as second,
    ):
        # Both open the form on the plan as it is (revision 0), and fill it in.
        for page in (first, second):
            page.goto(new_action_url)
            expect_form_page(page, person, "Add an action")
            expect(page.locator("input[name=revision]")).to_have_value("0")
        fill_action(
            first,
            description=first_action,
            owner=world.provider.name,
            assignee=f"{caseworker.display_name} ({world.provider.name})",
            due_on=a_date(7),
        )
        fill_action(
            second,
            description=second_action,
            owner=world.prison.name,
            assignee=f"{second_user.display_name} ({world.prison.name})",
            due_on=a_date(10),
        )

        # The first saves.
        save(first)
        expect(first).to_have_url(url_ending(person_url(person)))
        expect(banner(first)).to_contain_text("Action added to the plan")
        assert list(PlanAction.objects.values_list("description", flat=True)) == [first_action]

        # The second is refused, told what changed and by whom, and nothing of theirs is saved.
        save(second)
        summary = second.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        expect(summary).to_be_focused()
        expect(second).to_have_title(re.compile(r"^Error: Add an action"))
        expect(summary.get_by_role("link")).to_have_text(
            [
                PLAN_CHANGED,
                re.compile(
                    rf"^\d{{1,2}} \w+ \d{{4}} \d\d:\d\d {re.escape(first_user.display_name)}: "
                    rf"Added action: {re.escape(first_action)} \(owner {re.escape(world.provider.name)}, due .*\)$"
                ),
                CHECK_AGAIN,
            ]
        )
        assert PlanAction.objects.count() == 1
        assert Plan.objects.get(person=person).revision == 1
        # The form is as the second user left it, on the plan as it is now.
        expect(second.get_by_label(DESCRIPTION_LABEL, exact=True)).to_have_value(second_action)
        expect(second.locator("input[name=revision]")).to_have_value("1")
        screenshot(second, "plan-changed")
        check_accessibility(second, "plan-changed refusal")

        # Saved again as it now stands, it goes through, next to the first user's action.
        save(second)
        expect(second).to_have_url(url_ending(person_url(person)))
        expect(banner(second)).to_contain_text("Action added to the plan")
        assert PlanAction.objects.count() == 2
        assert sorted(PlanAction.objects.values_list("description", "created_by")) == sorted(
            [(first_action, first_user.pk), (second_action, second_user.pk)]
        )
        expect(action_row(second, first_action)).to_have_count(1)
        expect(action_row(second, second_action)).to_have_count(1)
        assert Plan.objects.get(person=person).revision == 2


def test_the_refusal_gives_the_time_of_the_change_in_local_time(page, live_server, world):
    """The refusal says when the plan was changed. Times are read in the UK's local time (TIME_ZONE is
    Europe/London, and every other page shows local time): a change made at noon in July must not read 11:00."""
    from audit.constants import Action
    from audit.models import Event

    staff = world.users[Role.PRISON_STAFF.value]
    person = world.people_in_custody[1]
    housing, _ = add_needs(person, staff)
    log_in(page, live_server, staff)
    page.goto(f"{live_server.url}/people/{person.pk}/plan/actions/new/?need={housing.pk}")
    expect(page.locator("input[name=revision]")).to_have_value("0")

    # Meanwhile a colleague changed the plan, at noon on 1 July 2026 (British Summer Time), as the plan
    # services record a change: the revision goes up and an audit event says what changed.
    changed_at = datetime.datetime(2026, 7, 1, 11, 0, tzinfo=datetime.UTC)
    assert f"{timezone.localtime(changed_at):%H:%M}" == "12:00"
    plan = Plan.objects.create(person=person, created_by=staff, revision=1)
    Event.objects.create(
        occurred_at=changed_at,
        actor_username="owen-officer",
        action=Action.UPDATE,
        record_type="plan",
        record_id=str(plan.pk),
        person_id=person.pk,
        summary="Added action: Book a housing advice appointment",
        changes={"action": [None, "1"], "revision": ["0", "1"]},
    )

    fill_action(
        page,
        description=ACTION,
        owner=world.prison.name,
        assignee=f"{staff.display_name} ({world.prison.name})",
        due_on=a_date(7),
    )
    save(page)
    change = page.locator(".govuk-error-summary").get_by_role("link").nth(1)
    expect(change).to_contain_text("owen-officer: Added action: Book a housing advice appointment")
    expect(change).to_have_text(re.compile(r"^1 July 2026 12:00 "))
    assert PlanAction.objects.count() == 0


# Overdue actions ---------------------------------------------------------------------------------------------


def test_an_overdue_action_is_flagged_to_its_assignee(page, live_server, world):
    staff = world.users[Role.PRISON_STAFF.value]
    person = world.people_in_custody[0]
    housing, photo_id = add_needs(person, staff)
    overdue = add_action(world, person, housing, description="Chase the council's housing application")
    add_action(world, person, photo_id, description="Apply for a provisional driving licence", due_on=a_date(30))
    three_days_ago = a_date(-3)
    PlanAction.objects.filter(pk=overdue.pk).update(due_on=three_days_ago)
    log_in(page, live_server, staff)

    # The home page warns of the one overdue action (of two open), and leads to My actions.
    page.goto(f"{live_server.url}/home/")
    warning = page.get_by_role("link", name="You have 1 overdue action", exact=True)
    expect(warning).to_be_visible()
    expect(warning).to_have_attribute("href", "/my-actions/")
    warning.click()

    expect(page).to_have_url(url_ending("/my-actions/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    expect(page.locator(".govuk-warning-text")).to_contain_text("1 action is overdue.")
    table = page.get_by_role("table", name="2 open actions")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(2)
    # Overdue first, with a red tag; then the one still in time, blue.
    expect(rows.nth(0)).to_contain_text("Chase the council's housing application")
    expect(rows.nth(0).locator("td").nth(2)).to_have_text(long_date(three_days_ago))
    expect(rows.nth(0).locator(".govuk-tag")).to_have_text("Overdue")
    expect(rows.nth(0).locator(".govuk-tag")).to_have_class(re.compile(r"\bgovuk-tag--red\b"))
    expect(rows.nth(0).get_by_role("link", name=person.full_name)).to_have_attribute("href", person_url(person))
    expect(rows.nth(1)).to_contain_text("Apply for a provisional driving licence")
    expect(rows.nth(1).locator(".govuk-tag")).to_have_text("Open")
    expect(rows.nth(1).locator(".govuk-tag")).to_have_class(re.compile(r"\bgovuk-tag--blue\b"))
    screenshot(page, "my-actions")
    check_accessibility(page, "My actions")

    # The person's plan shows it overdue too.
    page.goto(live_server.url + person_url(person))
    expect(action_row(page, "Chase the council's housing application").locator(".govuk-tag")).to_have_text("Overdue")


# Risk and public protection -----------------------------------------------------------------------------------


def test_risk_and_a_concern_are_recorded_and_the_concern_mitigated(page, live_server, world):
    person = world.people_in_custody[0]
    log_in(page, live_server, world.users[Role.PRISON_STAFF.value])
    page.goto(live_server.url + person_url(person))
    expect(page.get_by_text("Risk of serious harm has not been assessed.")).to_be_visible()

    page.get_by_role("link", name="Record a risk assessment").click()
    save(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the risk of serious harm")
    check_accessibility(page, "risk assessment with an error")
    page.get_by_label("High", exact=True).check()
    page.get_by_label("MAPPA category").select_option(label="Category 2: violent offender")
    page.get_by_label("MAPPA level").select_option(label="Level 1: ordinary agency management")
    save(page)
    expect(banner(page)).to_contain_text("Risk assessment recorded")

    page.get_by_role("link", name="Record a concern").click()
    page.get_by_label("Victim contact").check()
    page.get_by_label("Describe the concern").fill("Victim lives two streets from the proposed address")
    check_accessibility(page, "record a concern")
    save(page)
    expect(page.get_by_text("1 concern has no mitigating action.")).to_be_visible()
    screenshot(page, "risk-unmitigated")

    page.get_by_role("link", name="Add a mitigating action for Victim contact").click()
    page.get_by_label("What will be done?").fill("Add an exclusion zone to the licence conditions")
    page.get_by_label("Which organisation owns it?").select_option(label=world.prison.name)
    staff = world.users[Role.PRISON_STAFF.value]
    page.get_by_label("Who will do it?").select_option(label=f"{staff.display_name} ({world.prison.name})")
    due = a_date(5)
    group = page.get_by_role("group", name="When is it due?")
    group.get_by_label("Day").fill(str(due.day))
    group.get_by_label("Month").fill(str(due.month))
    group.get_by_label("Year").fill(str(due.year))
    save(page)
    expect(page.get_by_text("has no mitigating action")).to_have_count(0)
    expect(page.get_by_text("Mitigation: Add an exclusion zone to the licence conditions")).to_be_visible()
    check_accessibility(page, "person page with risk")
    assert PlanAction.objects.get().concern.description.startswith("Victim lives")
