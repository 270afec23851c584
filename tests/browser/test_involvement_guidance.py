"""The guidance library (issue 6, item 3): an involvement lead opens a page from the library,
edits it, sees the change, and reads the earlier version in the page's history; a commissioner
reads the library but is offered no editing. Each page is checked by axe-core against WCAG 2.2 AA
and screenshotted."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from playwright.sync_api import expect

from accounts.constants import Role
from involvement.models import GuidancePage
from tests.browser.conftest import World, check_accessibility, log_in, screenshot

seeded = importlib.import_module("involvement.migrations.0002_guidance_pages")
TITLE = "How to run a prisoner or probation council"
ADDED = "Ask members what training they want before the first meeting."


def check(page: Any, name: str) -> None:
    check_accessibility(page, name)
    screenshot(page, f"involvement-guidance-{name}")


def test_a_lead_edits_a_page_and_reads_its_history(live_server, world: World, page):
    seeded.add_pages(apps, None)  # a transactional test starts from an empty database
    lead = world.users[Role.INVOLVEMENT_LEAD.value]
    log_in(page, live_server, lead)

    page.goto(f"{live_server.url}/involvement/guidance/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guidance")
    expect(page.get_by_text("Describes: Council meeting")).to_be_visible()
    check(page, "library")

    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("heading", name="Hold fair elections")).to_be_visible()
    check(page, "page")

    page.get_by_role("link", name="Edit this page").click()
    page.get_by_text("How to lay out the page text").click()
    expect(page.get_by_text("for a heading")).to_be_visible()
    page.get_by_label("Title").fill("")
    page.get_by_role("button", name="Save the page").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a title")
    check(page, "edit-errors")

    page.get_by_label("Title").fill(TITLE)
    body = page.get_by_label("Page text")
    body.fill(body.input_value() + "\n\n## Training\n- " + ADDED)
    page.get_by_label("Focus group").check()
    check(page, "edit")
    page.get_by_role("button", name="Save the page").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Page saved")
    expect(page.get_by_role("heading", name="Training")).to_be_visible()
    expect(page.get_by_text(ADDED)).to_be_visible()
    expect(page.get_by_text("by Ifan Tester")).to_be_visible()
    assert GuidancePage.objects.get(slug=seeded.PAGES[0]["slug"]).version == 2

    page.get_by_role("link", name="Earlier versions").click()
    expect(page.get_by_role("heading", name="Version 1")).to_be_visible()
    page.get_by_text("Show the text of version 1").click()
    expect(page.get_by_text("Hold fair elections")).to_be_visible()
    assert ADDED not in page.locator("main").inner_text()
    check(page, "history")

    reader = page.context.browser.new_context(base_url=live_server.url).new_page()
    log_in(reader, live_server, world.users[Role.COMMISSIONER.value])
    reader.goto(f"{live_server.url}/involvement/guidance/how-commissioners-check-the-feedback-duty/")
    expect(reader.get_by_role("heading", name="Questions to ask a provider")).to_be_visible()
    expect(reader.get_by_role("link", name="Edit this page")).to_have_count(0)
    check(reader, "commissioner")
    reader.context.close()
