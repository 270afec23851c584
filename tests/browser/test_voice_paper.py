"""Paper surveys (issue 5, "Paper"): a member of staff downloads the printable PDF of a survey and
types in one paper form through the data-entry screen; "entered by" is recorded and the form is
ready for the next one. Each screen is checked by axe-core against WCAG 2.2 AA and screenshotted."""

from __future__ import annotations

import re

import pypdfium2
from playwright.sync_api import expect

from accounts.constants import Role
from tests.browser.conftest import World, check_accessibility, log_in, screenshot
from voice.constants import Channel
from voice.models import Response
from voice.tests.helpers import published_survey


def test_staff_download_the_pdf_and_enter_a_paper_response(page, live_server, world: World):
    lead = world.users[Role.INVOLVEMENT_LEAD.value]
    survey = published_survey(lead=lead, title="Life on the wing")
    log_in(page, live_server, lead)

    page.goto(f"{live_server.url}/voice/paper/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Paper responses")
    check_accessibility(page, "paper surveys")
    screenshot(page, "voice-paper-list")

    # The PDF link, fetched with the member of staff's own session.
    href = page.get_by_role("link", name="PDF of Life on the wing").get_attribute("href")
    pdf = page.request.get(f"{live_server.url}{href}")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    body = pdf.body()
    assert body.startswith(b"%PDF")
    document = pypdfium2.PdfDocument(body)
    assert document.get_metadata_dict()["Title"] == "Life on the wing"
    assert len(document) >= 1

    page.get_by_role("link", name=re.compile(r"^Life on the wing\W+enter paper responses")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter paper responses")
    check_accessibility(page, "paper entry")
    screenshot(page, "voice-paper-entry")

    page.get_by_label("Good", exact=True).check()
    page.get_by_label("Please tell us why you gave that answer.").fill("The library is open more")
    page.get_by_role("group", name="Do you get enough to eat?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save and enter the next form").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Response 1 entered.")
    check_accessibility(page, "paper entry saved")
    screenshot(page, "voice-paper-saved")
    # A fresh form for the next one, nothing carried over.
    expect(page.get_by_label("Good", exact=True)).not_to_be_checked()
    stored = Response.objects.get()
    assert stored.channel == Channel.PAPER and stored.entered_by == lead
    assert stored.answers == {"overall": "good", "overall_why": "The library is open more", "food": "yes"}
    assert stored.version.survey == survey
