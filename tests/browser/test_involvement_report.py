"""The involvement report (issue 6, item 4): a commissioner opens the report, chooses a period,
opens a prison's page and downloads the CSV; an involvement lead sees their own prison. Each page is
checked by axe-core against WCAG 2.2 AA and screenshotted."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from accounts.constants import Role
from common.periods import report_period
from involvement.tests.test_report_data import action, activity, issue, meeting
from tests.browser.conftest import World, check_accessibility, log_in, screenshot


def check(page: Any, name: str) -> None:
    check_accessibility(page, name)
    screenshot(page, f"involvement-report-{name}")


def test_a_commissioner_reads_the_report_and_a_prisons_page(live_server, world: World, page):
    period = report_period(None)
    assert period is not None
    on_time = issue(world.prison, raised=period.start, answered_after=2, contract=world.contract)
    action(on_time, confirmed=True)
    issue(world.delivery_unit, raised=period.start)
    meeting(world.prison, held=period.start)
    activity(world.prison, rung=6, ratings=(4, 4, 5), held=period.start, title="Wing menu co-design", named=2)
    activity(world.delivery_unit, rung=3, held=period.start, title="Reporting centre survey", contract=world.contract)
    log_in(page, live_server, world.users[Role.COMMISSIONER.value])

    page.goto(f"{live_server.url}/involvement/report/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Involvement report")
    expect(page.get_by_text(period.label).first).to_be_visible()
    table = page.get_by_role("table", name="Issues and actions by prison or service")
    expect(table.get_by_role("row", name="HMP Testhaven")).to_contain_text("1 of 1 (100%)")
    expect(page.get_by_role("table", name="Councils and activities by prison or service")).to_contain_text(
        "\u22122 rungs"
    )
    expect(page.get_by_role("table", name="Activities by contract")).to_contain_text("not applicable")
    check(page, "page")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures (CSV)").click()
    assert download.value.suggested_filename.startswith(f"involvement-{period.key}-as-at-")

    page.get_by_label("Period").select_option(label=[p for p in _periods() if not p.complete][0].label)
    page.get_by_role("button", name="Show the figures").click()
    expect(page.locator(".govuk-inset-text")).to_contain_text("This period has not ended")

    page.goto(f"{live_server.url}/involvement/report/?period={period.key}")
    page.get_by_role("link", name="HMP Testhaven").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("HMP Testhaven")
    expect(page.get_by_role("row", name="Wing menu co-design")).to_contain_text(
        "Participants rated this 2 rungs lower than staff"
    )
    check(page, "organisation")


def test_a_lead_sees_their_own_prison(live_server, world: World, page):
    log_in(page, live_server, world.users[Role.INVOLVEMENT_LEAD.value])
    page.goto(f"{live_server.url}/involvement/report/")
    expect(page.get_by_role("table", name="Issues and actions by prison or service")).to_contain_text("HMP Testhaven")
    expect(page.get_by_role("heading", name="Regions")).to_have_count(0)
    check(page, "lead")


def _periods() -> list[Any]:
    from common.periods import report_periods

    return report_periods()
