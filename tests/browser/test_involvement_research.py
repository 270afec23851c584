"""Peer research projects (issue 6, item 3): an involvement lead proposes a project, records its
approval, adds a peer researcher, is refused fieldwork until the researcher is trained, records the
training, moves to fieldwork and records a participant's consent (refused first under a prison
number). Each page is checked by axe-core against WCAG 2.2 AA and screenshotted."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from playwright.sync_api import expect

from accounts.constants import Role
from involvement.models import PeerResearchProject, ResearchConsent
from tests.browser.conftest import World, check_accessibility, log_in, screenshot

TITLE = "Leaving with photo ID"


def fill_date(page: Any, legend: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day", exact=True).fill(str(day.day))
    group.get_by_label("Month", exact=True).fill(str(day.month))
    group.get_by_label("Year", exact=True).fill(str(day.year))


def check(page: Any, name: str) -> None:
    check_accessibility(page, name)
    screenshot(page, f"involvement-research-{name}")


def success(page: Any, text: str) -> None:
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(text)


def move_to_fieldwork(page: Any, today: datetime.date) -> None:
    page.get_by_role("link", name="Move to the next stage").click()
    page.get_by_label("Fieldwork", exact=True).check()
    fill_date(page, "Date it moved to this stage", today)
    page.get_by_role("button", name="Record the stage").click()


def test_a_project_goes_from_proposed_to_fieldwork_with_consent(live_server, world: World, page):
    lead = world.users[Role.INVOLVEMENT_LEAD.value]
    person = world.people_in_custody[0]
    today = timezone.localdate()
    log_in(page, live_server, lead)

    page.goto(f"{live_server.url}/involvement/research/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer research projects")
    check(page, "list-empty")
    page.get_by_role("link", name="Propose a project").click()
    page.get_by_role("button", name="Propose the project").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the project's title")
    check(page, "new-errors")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Research question").fill("What stops people leaving prison with photo ID?")
    page.get_by_role("button", name="Propose the project").click()
    success(page, "Project proposed")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    check(page, "proposed")

    page.get_by_role("link", name="Record a decision on approval").click()
    page.get_by_label("Who made the decision?").fill("The governor")
    page.get_by_label("Approved", exact=True).check()
    fill_date(page, "Date of the decision", today)
    check(page, "approval")
    page.get_by_role("button", name="Record the decision").click()
    success(page, "Decision recorded")

    page.get_by_role("link", name="Add a peer researcher").click()
    page.get_by_label("Prison number or case reference number").fill(person.prison_number)
    page.get_by_label("Volunteer").check()
    fill_date(page, "Date they joined the project", today)
    check(page, "researcher")
    page.get_by_role("button", name="Add the peer researcher").click()
    success(page, "Peer researcher added")
    expect(page.get_by_text("Train every peer researcher before fieldwork: 1 not trained")).to_be_visible()

    move_to_fieldwork(page, today)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Train every peer researcher before fieldwork: 1 not trained"
    )
    check(page, "fieldwork-refused")
    page.get_by_role("link", name="Back to the project").click()

    page.get_by_role("link", name=f"Record training for {person.full_name}").click()
    page.get_by_label("Course").fill("Peer research methods")
    fill_date(page, "Date they completed it", today)
    check(page, "training")
    page.get_by_role("button", name="Record the training").click()
    success(page, "Training recorded")

    move_to_fieldwork(page, today)
    success(page, "Stage recorded")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Fieldwork")
    check(page, "fieldwork")

    page.get_by_role("link", name="Record a participant's consent").click()
    page.get_by_label("Participant code").fill(person.prison_number)
    page.get_by_label("Consent form version").fill("v1")
    fill_date(page, "Date consent was given", today)
    page.get_by_role("button", name="Record consent").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Use the project's participant code, not a prison number or case reference"
    )
    check(page, "consent-refused")
    page.get_by_label("Participant code").fill("P-014")
    page.get_by_role("button", name="Record consent").click()
    success(page, "Consent recorded")
    expect(page.get_by_role("cell", name="P-014", exact=True)).to_be_visible()
    check(page, "consented")

    page.get_by_role("link", name="Back to peer research projects").click()
    expect(page.get_by_role("table")).to_contain_text("1 current, 0 withdrawn")
    check(page, "list")
    project = PeerResearchProject.objects.get()
    assert [c.stage for c in project.stage_changes.order_by("pk")] == ["proposed", "fieldwork"]
    assert ResearchConsent.objects.get().participant_code == "P-014"
