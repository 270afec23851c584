"""Involvement leads build surveys (issue 5, "Surveys and consultations built by involvement leads"):
the lead creates a survey, adds a single-choice question with its Welsh words and a free-text question
asked only of those who answered "No", sees a mistake refused on the form with what they typed kept,
previews it in Welsh, publishes it, and once people have answered reads the results with the
overall-experience score. Runs with JavaScript and without; the builder, the preview and the results
are checked by axe-core against WCAG 2.2 AA and screenshotted to var/screenshots/."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import World, check_accessibility, log_in, screenshot
from voice.constants import Channel
from voice.models import Survey
from voice.services import response_submit

QUESTION = "Do you get enough to eat?"
QUESTION_CY = "Ydych chi'n cael digon i'w fwyta?"
FOLLOW_UP = "What would make the food better?"


def answer(survey: Survey, answers: dict[str, Any]) -> None:
    response_submit(
        survey_id=survey.pk,
        version_number=1,
        answers=answers,
        submission_id=str(uuid.uuid4()),
        channel=Channel.KIOSK,
    )


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_a_lead_builds_publishes_and_reads_a_survey(request, live_server, world: World, page_fixture):
    page = request.getfixturevalue(page_fixture)
    suffix = "" if page_fixture == "page" else "-no-js"
    checks = page_fixture == "page"
    log_in(page, live_server, world.users["involvement_lead"])

    page.goto(f"{live_server.url}/voice/surveys/")
    expect(page.get_by_role("heading", name="Surveys", exact=True)).to_be_visible()
    page.get_by_role("button", name="Create a survey").click()
    page.get_by_label("Title", exact=True).fill("Food on the wing")
    page.get_by_label("People in prison", exact=True).check()
    page.get_by_label("Open to anyone", exact=True).check()
    page.get_by_label("Which service is it about?", exact=True).select_option(label="HMP Testhaven (Prison)")
    page.get_by_role("button", name="Create the survey").click()
    expect(page.get_by_role("heading", name=re.compile("Food on the wing"))).to_be_visible()
    expect(page.get_by_text("Overall, how was your experience of our service?")).to_be_visible()
    survey = Survey.objects.get(title="Food on the wing")

    # A single-choice question in English and Welsh; first with one option only, which is refused.
    page.get_by_role("button", name="Add a question").click()
    page.get_by_label("Single choice", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Question in English", exact=True).fill(QUESTION)
    page.get_by_label("Question in Welsh (optional)", exact=True).fill(QUESTION_CY)
    page.get_by_label("Easy-read English (optional)", exact=True).fill("Do you get enough food?")
    page.get_by_label("Option 1 in English", exact=True).fill("Yes")
    page.get_by_label("Option 1 in Welsh (optional)", exact=True).fill("Ydw")
    page.get_by_label("Yes, an answer is needed", exact=True).check()
    page.get_by_role("button", name="Save the question").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Give at least two options, each with its English words")
    expect(page.get_by_label("Question in Welsh (optional)", exact=True)).to_have_value(QUESTION_CY)
    screenshot(page, f"voice-builder-question-errors{suffix}")
    if checks:
        check_accessibility(page, "question form with errors")
    page.get_by_label("Option 2 in English", exact=True).fill("No")
    page.get_by_label("Option 2 in Welsh (optional)", exact=True).fill("Nac ydw")
    page.get_by_role("button", name="Save the question").click()
    expect(page.get_by_text("Saved in draft version 1")).to_be_visible()

    # A free-text question asked only of those who said no (skip logic).
    page.get_by_role("button", name="Add a question").click()
    page.get_by_label("Free text", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Question in English", exact=True).fill(FOLLOW_UP)
    page.get_by_label("Question in Welsh (optional)", exact=True).fill("Beth fyddai'n gwneud y bwyd yn well?")
    page.get_by_label("No, it can be left blank", exact=True).check()
    page.get_by_label(f"3. {QUESTION} – No", exact=True).check()
    page.get_by_role("button", name="Save the question").click()
    expect(page.get_by_text("Only when question 3 is answered: No")).to_be_visible()
    screenshot(page, f"voice-builder-survey{suffix}")
    if checks:
        check_accessibility(page, "survey builder")

    # The preview, in Welsh, as people will see it.
    page.get_by_role("link", name="Preview the questions as people see them").click()
    page.get_by_role("link", name="Welsh, plain").click()
    expect(page.get_by_text(QUESTION_CY)).to_be_visible()
    expect(page.get_by_text("Nac ydw", exact=True)).to_be_visible()
    screenshot(page, f"voice-builder-preview-welsh{suffix}")
    if checks:
        check_accessibility(page, "survey preview in Welsh")
    page.get_by_role("link", name="Back to the survey").click()

    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_text("Version 1 published")).to_be_visible()
    assert survey.versions.get().published_at is not None
    definition = survey.versions.get().definition
    food = definition["questions"][2]
    assert food["text"] == {"en": QUESTION, "cy": QUESTION_CY}
    assert definition["questions"][3]["show_if"] == {"question": food["id"], "in": ["no"]}

    for rating, eat in (("very_good", "yes"), ("good", "yes"), ("poor", "no"), ("neither", "yes")):
        answers = {"overall": rating, food["id"]: eat}
        if eat == "no":
            answers[definition["questions"][3]["id"]] = "Hot meals at tea time"
        answer(survey, answers)
    page.get_by_role("link", name="See the results").click()
    expect(page.get_by_text("4 responses counted")).to_be_visible()
    expect(page.locator("#fft-positive")).to_have_text("50.0%")
    expect(page.locator("#fft-negative")).to_have_text("25.0%")
    expect(page.get_by_text("Hot meals at tea time")).to_be_visible()
    expect(page.get_by_text("Fewer than 10 people have answered")).to_be_visible()
    screenshot(page, f"voice-builder-results{suffix}")
    if checks:
        check_accessibility(page, "survey results")
