"""The families' and visitors' public web form (issue 5): the person says which prison their
feedback is about (a choice that works without JavaScript), answers a survey there, and their
answers are stored with that prison. Choosing none is refused with a message. Each screen is
checked by axe-core against WCAG 2.2 AA and screenshotted."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import World, check_accessibility, screenshot
from voice.constants import Audience, Channel
from voice.models import Response
from voice.tests.helpers import involvement_lead, published_survey


def families_survey(world: World):
    """A families' survey about no one prison: the person's choice is what says which."""
    survey = published_survey(lead=involvement_lead(world.prison), title="Visiting day", audience=Audience.FAMILIES)
    survey.about = None
    survey.save(update_fields=["about"])
    return survey


def choose_prison(page, live_server, world: World, name: str, *, axe: bool = True) -> None:
    """Choose the prison, first forgetting to (axe needs JavaScript, so not without it)."""
    page.goto(f"{live_server.url}/voice/have-your-say/families/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Which prison is your feedback about?")
    if axe:
        check_accessibility(page, f"families choose prison ({name})")
    screenshot(page, f"voice-families-choose-{name}")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the prison your feedback is about")
    if axe:
        check_accessibility(page, f"families choose prison error ({name})")
    screenshot(page, f"voice-families-choose-error-{name}")
    page.get_by_label("Which prison is your feedback about?").select_option(label=world.prison.name)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Have your say")
    expect(page.get_by_text(f"Tell us what you think of {world.prison.name}")).to_be_visible()
    if axe:
        check_accessibility(page, f"families list ({name})")


def test_families_feedback_is_stored_with_the_prison_chosen(page, live_server, world: World):
    families_survey(world)
    choose_prison(page, live_server, world, "js")
    with page.expect_navigation():
        page.locator("[data-voice-start]").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Visiting day")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Start the survey").click()
    page.locator('input[value="very_good"]').check()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    page.locator('input[value="yes"]').check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_text("Give my name so staff can tell me what happens")).to_have_count(0)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.locator("[data-voice-queue]")).to_have_text("All answers sent", timeout=20_000)
    stored = Response.objects.get()
    assert stored.organisation_id == world.prison.pk and stored.channel == Channel.PUBLIC_WEB


def test_families_feedback_without_javascript(page_without_javascript, live_server, world: World):
    page = page_without_javascript
    families_survey(world)
    choose_prison(page, live_server, world, "no-js", axe=False)
    page.locator("[data-voice-start]").first.click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Start the survey").click()
    page.locator('input[value="poor"]').check()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    page.locator('input[value="no"]').check()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    screenshot(page, "voice-families-no-js-thanks")
    stored = Response.objects.get()
    assert stored.organisation_id == world.prison.pk and stored.answers["overall"] == "poor"


def test_families_choose_the_prison_in_welsh_and_the_survey_goes_on_in_welsh(page, live_server, world: World):
    families_survey(world)
    page.goto(f"{live_server.url}/voice/have-your-say/families/")
    page.get_by_role("link", name="Cymraeg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Am ba garchar mae eich adborth?")
    check_accessibility(page, "families choose prison in Welsh")
    screenshot(page, "voice-families-choose-cy")
    page.get_by_label("Am ba garchar mae eich adborth?").select_option(label=world.prison.name)
    page.get_by_role("button", name="Parhau").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dweud eich dweud")
    with page.expect_navigation():
        page.locator("[data-voice-start]").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Visiting day")
    expect(page.locator("#language-cy")).to_be_checked()
    page.get_by_role("button", name="Parhau").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cyn i chi ddechrau")
