"""Councils and elections (issue 6, item 2): an involvement lead sets up a council, creates an
election, adds candidates with statements, closes nominations (the voter list is stored), takes one
ballot at the polling station (staff choose the voter, the voter fills in the ballot in private)
and enters one paper ballot, closes voting, publishes the count, and anyone verifies it on the
public board without signing in. The ballot and results pages are checked by axe-core against
WCAG 2.2 AA and screenshotted."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from accounts.constants import Role
from councils.models import VoterMark
from councils.tests.helpers import ballots_in_box
from tests.browser.conftest import World, check_accessibility, log_in, screenshot


def _date(page, name: str, day: datetime.date) -> None:
    page.locator(f"#id_{name}_day").fill(str(day.day))
    page.locator(f"#id_{name}_month").fill(str(day.month))
    page.locator(f"#id_{name}_year").fill(str(day.year))


def test_a_full_election_from_nominations_to_a_verified_count(page, live_server, world: World):
    lead = world.users[Role.INVOLVEMENT_LEAD.value]
    alex, bryn, cai = world.people_in_custody
    log_in(page, live_server, lead)
    today = timezone.localdate()

    page.goto(f"{live_server.url}/councils/")
    page.get_by_role("button", name="Set up a council").click()
    page.get_by_label("Prison or probation service").select_option(label="HMP Testhaven")
    page.get_by_label("Name of the council").fill("Testhaven Prisoner Council")
    page.get_by_role("button", name="Set up council").click()
    expect(page.get_by_role("heading", name="Testhaven Prisoner Council", level=1)).to_be_visible()

    page.get_by_role("button", name="Create an election").click()
    page.get_by_label("Title").fill("Wing representative election")
    page.get_by_label("Number of seats").fill("1")
    _date(page, "opens_on", today)
    _date(page, "closes_on", today + datetime.timedelta(days=7))
    page.get_by_role("button", name="Create election").click()
    expect(page.get_by_text("Election created")).to_be_visible()

    for person, statement in ((alex, "I will push for longer association."), (bryn, "Better food, fairer jobs.")):
        page.get_by_role("button", name="Add a candidate").click()
        page.get_by_label("Prison number or case reference number").fill(person.prison_number)
        page.get_by_label("Their statement").fill(statement)
        page.get_by_role("button", name="Add candidate").click()
        expect(page.get_by_text("Candidate added")).to_be_visible()
    page.get_by_role("button", name="Close nominations and make the voter list").click()
    expect(
        page.get_by_text("3 of 3 on the voter list").or_(page.get_by_text("0 of 3 on the voter list"))
    ).to_be_visible()

    # The polling station: staff verify Cai, then Cai votes in private.
    page.get_by_role("button", name="Open the polling station").click()
    page.get_by_label("Voter").select_option(label=f"{cai.full_name} ({cai.prison_number})")
    page.get_by_role("button", name="Give them a ballot").click()
    expect(page.get_by_role("heading", name="Your ballot")).to_be_visible()
    page.get_by_label(alex.full_name).check()
    check_accessibility(page, "ballot")
    screenshot(page, "councils-ballot")
    page.get_by_role("button", name="Cast my vote").click()
    expect(page.get_by_text("Your vote has been cast in secret")).to_be_visible()

    # A paper ballot from Bryn, typed in by staff.
    page.goto(f"{live_server.url}/councils/")
    page.get_by_role("link", name="Testhaven Prisoner Council", exact=True).click()
    page.get_by_role("link", name="Wing representative election").click()
    page.get_by_role("button", name="Enter paper ballots").click()
    page.get_by_label("Whose paper ballot is this?").select_option(label=f"{bryn.full_name} ({bryn.prison_number})")
    page.get_by_label(alex.full_name).check()
    screenshot(page, "councils-paper-ballot")
    page.get_by_role("button", name="Enter paper ballot").click()
    expect(page.get_by_text("Paper ballot entered")).to_be_visible()
    assert len(ballots_in_box()) == 2 and VoterMark.objects.count() == 2

    page.get_by_role("link", name="Back to Wing representative election").click()
    expect(page.get_by_text("2 of 3 on the voter list")).to_be_visible()
    page.get_by_role("button", name="Close voting now").click()
    page.get_by_role("button", name="Count and publish the result").click()
    expect(page.get_by_role("alert").get_by_text("Result published")).to_be_visible()
    result_url = page.get_by_role("link", name="See the result and verify the count").get_attribute("href")

    # Anyone, signed in or not (a council member at the board), verifies the count.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{result_url}")
    expect(page.get_by_role("cell", name="Elected", exact=True)).to_be_visible()
    page.get_by_role("button", name="Verify the count").click()
    expect(page).to_have_url(re.compile(r"verify=1"))
    expect(page.get_by_text("The count is verified")).to_be_visible()
    expect(page.get_by_role("table", name="Stored ballots").get_by_role("row")).to_have_count(3)
    check_accessibility(page, "results")
    screenshot(page, "councils-results-verified")
    page.get_by_role("link", name="Back to Testhaven Prisoner Council").click()
    expect(page.get_by_text("Alex A., member")).to_be_visible()
    check_accessibility(page, "public board")
    screenshot(page, "councils-board")
