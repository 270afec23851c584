"""A survey on a prison kiosk (issue 5). With JavaScript the survey runs on the device: the network
drops mid-survey, the person sends their answers, the kiosk shows them waiting, the network comes
back and they are sent, stored exactly once even when the page sends them again; "Finish" leaves
nothing on the device. The read-aloud control speaks the words in the survey's language. Without
JavaScript the same survey runs one question per screen on the server. Each screen is checked by
axe-core against WCAG 2.2 AA and screenshotted."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import World, check_accessibility, screenshot
from voice.models import Response
from voice.tests.helpers import involvement_lead, published_survey

SPEECH_STUB = """
window.__spoken = [];
Object.defineProperty(window, "speechSynthesis", {
  configurable: true,
  value: { speak: (u) => window.__spoken.push({ text: u.text, lang: u.lang }), cancel: () => undefined },
});
window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; };
"""


def start(page: Any, live_server: Any, world: World) -> Any:
    survey = published_survey(lead=involvement_lead(world.prison), title="Life on the wing")
    page.goto(f"{live_server.url}/voice/have-your-say/kiosk/{world.prison.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Have your say")
    return survey


def open_first_survey(page: Any) -> None:
    """Start the first survey on the list, and wait for its start page (its heading is the survey's
    title): the kiosk's script is busy on the list page keeping pages for offline use."""
    with page.expect_navigation():
        page.locator("[data-voice-start]").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Life on the wing")


def test_kiosk_survey_survives_a_network_drop_and_is_stored_once(page, live_server, world: World):
    page.add_init_script(SPEECH_STUB)
    start(page, live_server, world)
    check_accessibility(page, "kiosk list")
    screenshot(page, "voice-kiosk-list")
    open_first_survey(page)
    page.locator("#language-en").check()
    check_accessibility(page, "survey start")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Before you start")
    expect(page.locator("li", has_text="anonymous unless you choose to give your name")).to_be_visible()
    check_accessibility(page, "privacy promise")
    page.get_by_role("button", name="Start the survey").click()

    expect(page.get_by_text("Question 1 of 3")).to_be_visible()
    check_accessibility(page, "question with faces")
    screenshot(page, "voice-kiosk-question")
    # Read aloud: the question, then an option, in the survey's language.
    page.locator('[data-voice-listen="Overall, how was your experience of our service?"]').click()
    page.locator('[data-voice-listen="Very good"]').click()
    spoken = page.evaluate("window.__spoken")
    assert spoken == [
        {"text": "Overall, how was your experience of our service?", "lang": "en-GB"},
        {"text": "Very good", "lang": "en-GB"},
    ]

    # A required question is refused with a message.
    page.get_by_role("button", name="Next").click()
    expect(page.locator(".govuk-error-message")).to_contain_text("Answer this question to go on")
    check_accessibility(page, "question with an error")
    page.locator('input[value="good"]').check()

    # The network drops mid-survey: the survey carries on, on the device.
    page.context.set_offline(True)
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Question 2 of 3")).to_be_visible()
    page.get_by_role("button", name="Next").click()
    page.locator('input[value="no"]').check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Question 4 of 4")).to_be_visible()  # skip logic: "No" asks why
    page.get_by_label("What would make it better? (optional)").fill("Hot food at tea time")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    check_accessibility(page, "check answers")
    screenshot(page, "voice-kiosk-check")
    page.get_by_role("button", name="Send my answers").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.locator("[data-voice-queue]")).to_have_text("1 answer waiting to send")
    screenshot(page, "voice-kiosk-queued")
    assert Response.objects.count() == 0
    queued = page.evaluate("JSON.parse(localStorage.getItem('voice-queue-v1'))")
    assert len(queued) == 1

    # The network comes back: the answers are sent, and the device keeps nothing.
    page.context.set_offline(False)
    expect(page.locator("[data-voice-queue]")).to_have_text("All answers sent", timeout=20_000)
    check_accessibility(page, "thank you")
    screenshot(page, "voice-kiosk-sent")
    assert page.evaluate("localStorage.getItem('voice-queue-v1')") is None
    stored = Response.objects.get()
    assert stored.answers == {"overall": "good", "food": "no", "food_why": "Hot food at tea time"}

    # The same submission sent again (a replay from a queue) is stored once.
    status = page.evaluate(
        """(entry) => fetch(entry.api, {method: "POST", headers: {"Content-Type": "application/json"},
             body: JSON.stringify(Object.assign({}, entry, {api: undefined}))}).then((r) => r.status)""",
        queued[0],
    )
    assert status == 200
    assert Response.objects.count() == 1

    # Finish: back to the start, with nothing of the last person on screen or in storage.
    page.get_by_role("link", name="Finish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Have your say")
    expect(page.get_by_text("Hot food at tea time")).to_have_count(0)
    assert page.evaluate("localStorage.length") == 0


def test_read_aloud_is_hidden_without_speech(page, live_server, world: World):
    page.add_init_script("delete window.speechSynthesis; delete Window.prototype.speechSynthesis;")
    start(page, live_server, world)
    open_first_survey(page)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Start the survey").click()
    expect(page.get_by_text("Question 1 of 3")).to_be_visible()
    expect(page.locator("[data-voice-listen]")).to_have_count(0)


def test_kiosk_survey_without_javascript(page_without_javascript, live_server, world: World):
    page = page_without_javascript
    start(page, live_server, world)
    open_first_survey(page)
    page.locator("#language-cy").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cyn i chi ddechrau")
    page.get_by_role("button", name="Dechrau'r arolwg").click()
    expect(page.get_by_text("Cwestiwn 1 o 3")).to_be_visible()
    screenshot(page, "voice-kiosk-no-js-question-cy")
    page.get_by_role("button", name="Nesaf").click()
    expect(page.locator(".govuk-error-message")).to_contain_text("Atebwch gwestiwn 1")
    page.locator('input[value="good"]').check()
    page.get_by_role("button", name="Nesaf").click()
    page.get_by_role("button", name="Nesaf").click()
    page.locator('input[value="yes"]').check()
    page.get_by_role("button", name="Nesaf").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gwiriwch eich atebion")
    page.get_by_role("button", name="Anfon fy atebion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Diolch")
    screenshot(page, "voice-kiosk-no-js-thanks-cy")
    stored = Response.objects.get()
    assert stored.language == "cy" and stored.answers == {"overall": "good", "food": "yes"}


def test_an_idle_kiosk_wipes_the_answers_and_returns_to_the_start(page, live_server, world: World, settings):
    """The next person in the queue must not find the last one's answers: after the idle time
    (shortened here; two minutes on a real kiosk) the kiosk goes back to its list of surveys."""
    settings.VOICE_IDLE_SECONDS = 3
    start(page, live_server, world)
    open_first_survey(page)
    assert page.locator(".voice-page").get_attribute("data-voice-idle") == "3"
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Start the survey").click()
    page.locator('input[value="poor"]').check()
    page.get_by_role("button", name="Next").click()
    page.locator("#answer").fill("The showers are cold")
    screenshot(page, "voice-kiosk-before-idle")

    # Using the kiosk keeps it open: typing restarts the idle time.
    page.wait_for_timeout(2_000)
    page.locator("#answer").press("End")
    page.wait_for_timeout(2_000)
    expect(page.get_by_text("Question 2 of 3")).to_be_visible()

    # Left alone, it wipes the screen and goes back to the start.
    expect(page.get_by_role("heading", level=1)).to_have_text("Have your say", timeout=10_000)
    expect(page.get_by_text("The showers are cold")).to_have_count(0)
    assert page.evaluate("localStorage.length") == 0
    assert Response.objects.count() == 0
    check_accessibility(page, "kiosk list after idle")
    screenshot(page, "voice-kiosk-after-idle")
    # The page it went back to is the kiosk's start, and Back does not bring the answers back.
    assert page.url == f"{live_server.url}/voice/have-your-say/kiosk/{world.prison.pk}/"
    # The kiosk keeps its pages for offline use as it loads: let it finish before going on (the
    # test server shares one SQLite connection between requests).
    page.wait_for_load_state("networkidle")
    page.go_back()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("The showers are cold")).to_have_count(0)


def test_without_javascript_an_idle_kiosk_goes_back_to_the_start(
    page_without_javascript, live_server, world: World, settings
):
    """Without JavaScript the page itself says to go back to the start after the idle time, and
    the answers held in it (the form's packed state) go with it."""
    settings.VOICE_IDLE_SECONDS = 3
    page = page_without_javascript
    start(page, live_server, world)
    open_first_survey(page)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Start the survey").click()
    page.locator('input[value="poor"]').check()
    page.get_by_role("button", name="Next").click()
    page.locator("#answer").fill("The showers are cold")

    expect(page.get_by_role("heading", level=1)).to_have_text("Have your say", timeout=10_000)
    assert page.url == f"{live_server.url}/voice/have-your-say/kiosk/{world.prison.pk}/"
    expect(page.get_by_text("The showers are cold")).to_have_count(0)
    assert Response.objects.count() == 0


def test_a_signed_in_person_may_give_their_name_with_their_answers(page, live_server, world: World):
    """The person's own view draws the start page with a name offer (voice.views.kiosk_pages.start_page,
    named_person_id); here it is put into the page as that view would. Anonymous unless ticked."""
    from voice.views.kiosk_names import name_offer_for

    person = world.people_in_custody[0]
    survey = published_survey(lead=involvement_lead(world.prison), title="Life on the wing")
    offer = name_offer_for(person.pk)

    def with_offer(route: Any) -> None:
        response = route.fetch()
        body = response.text()
        assert '"name_offer": null' in body
        route.fulfill(response=response, body=body.replace('"name_offer": null', f'"name_offer": "{offer}"'))

    page.route("**/voice/have-your-say/surveys/*/start/*", with_offer)
    page.goto(f"{live_server.url}/voice/have-your-say/surveys/{survey.pk}/start/?channel=kiosk&at={world.prison.pk}")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("li", has_text="At the end you can choose to give your name")).to_be_visible()
    page.get_by_role("button", name="Start the survey").click()
    page.locator('input[value="good"]').check()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    page.locator('input[value="yes"]').check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    choice = page.get_by_label("Give my name so staff can tell me what happens")
    expect(choice).not_to_be_checked()
    check_accessibility(page, "check answers with the name choice")
    screenshot(page, "voice-kiosk-check-named")
    choice.check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("You gave your name, so staff can tell you what happens")).to_be_visible()
    expect(page.locator("[data-voice-queue]")).to_have_text("All answers sent", timeout=20_000)
    assert Response.objects.get().named_person_id == person.pk
