"""The person's own view (issue 4, journey 4). Prison staff set a PIN from the person's page (a PIN too
easy to guess is refused); the person signs in on a shared kiosk with their prison number and PIN, sees
their plan in plain words (never risk or its mitigations), says an action recorded as done did not
happen (an empty answer is refused), and finishes; the prison then sees what the person said on the
person page. Five wrong PINs lock the sign-in with a kind message, even for the right PIN. A person
released from prison signs in on a phone-sized screen with their case reference number and sees their
appointments and checkpoints. Runs with JavaScript and without; each page is checked by axe-core against
WCAG 2.2 AA and screenshotted."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.constants import Role
from myplan.constants import Answer
from myplan.models import ActionConfirmation
from myplan.services import pin_set
from myplan.tests.records import SECRET_CONCERN, SECRET_MITIGATION, Story, make_story
from release.constants import Accommodation, CheckpointKind
from release.models import Checkpoint, ReleasePlan
from tests.browser.conftest import World, check_accessibility, log_in, screenshot

PIN = "2580"
COMMENT = "Nobody came to help me open it"


def story_in(world: World) -> Story:
    return make_story(
        prison=world.prison,
        delivery_unit=world.delivery_unit,
        provider=world.provider,
        officer=world.users[Role.PRISON_STAFF.value],
        probation=world.users[Role.PROBATION_PRACTITIONER.value],
        partner=world.users[Role.PARTNER_CASEWORKER.value],
        person=world.people_in_custody[0],
    )


def errors(page: Any) -> Any:
    return page.locator(".govuk-error-summary")


def sign_in_as_person(page: Any, live_server: Any, identifier: str, pin: str, *, kiosk: bool = True) -> None:
    page.goto(f"{live_server.url}/my-plan/sign-in/" + ("?kiosk=1" if kiosk else ""))
    page.get_by_label("Your prison number").fill(identifier)
    page.get_by_label("Your PIN").fill(pin)
    if not kiosk:
        page.get_by_label("On my own phone or computer").check()
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("page_fixture", ["page", "page_without_javascript"], ids=["javascript", "no-javascript"])
def test_staff_set_a_pin_and_the_person_says_on_the_kiosk_what_did_not_happen(
    request, live_server, world: World, page_fixture
):
    page = request.getfixturevalue(page_fixture)
    javascript = page_fixture == "page"
    suffix = "" if javascript else "-no-js"
    story = story_in(world)
    person = story.person

    def a11y(name: str) -> None:
        # axe-core runs in the page, so only where JavaScript is on.
        if javascript:
            check_accessibility(page, name)

    # The prison sets the PIN from the person's page; one too easy to guess is refused.
    log_in(page, live_server, story.officer)
    page.goto(f"{live_server.url}/people/{person.pk}/")
    expect(page.get_by_role("heading", name="Their own view")).to_be_visible()
    page.get_by_role("link", name="Set their PIN").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PIN for their own view")
    a11y("set a PIN")
    page.get_by_label("New PIN").fill("1234")
    page.get_by_role("button", name="Save PIN").click()
    expect(errors(page)).to_contain_text("Choose a PIN that is harder to guess")
    expect(page).to_have_title(re.compile(r"^Error: "))
    a11y("set a PIN, refused")
    page.get_by_label("New PIN").fill(PIN)
    page.get_by_role("button", name="Save PIN").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "PIN saved. Tell Alex their PIN now: it is not shown again."
    )
    expect(page.locator("body")).not_to_contain_text(PIN)

    # The person signs in on the kiosk: the staff session in this browser ends.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/my-plan/sign-in/?kiosk=1")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to see your plan")
    expect(page.get_by_label("Your PIN")).to_have_attribute("autocomplete", "off")
    a11y("own view sign-in (kiosk)")
    screenshot(page, f"myplan-sign-in{suffix}")
    sign_in_as_person(page, live_server, person.prison_number.lower(), PIN)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello Alex. This is your plan.")
    body = page.locator("body")
    expect(body).to_contain_text("If you do nothing for 3 minutes, you will be signed out.")
    for words in ("The prison", "Your probation officer", "Wold Housing Trust", "Open a bank account", "Morgan"):
        expect(body).to_contain_text(words)
    expect(body).to_contain_text("Housing assessment, with Wold Housing Trust")
    for secret in (SECRET_CONCERN, SECRET_MITIGATION, "MAPPA", "Risk of serious harm", "Morgan Evans", "pathway"):
        expect(body).not_to_contain_text(secret)
    a11y("own view plan (kiosk)")
    screenshot(page, f"myplan-plan-kiosk{suffix}")

    # "Did this really happen?": an empty answer is refused, then "No".
    page.get_by_role("link", name="Tell us about: Open a bank account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Did this really happen?")
    page.get_by_role("button", name="Send my answer").click()
    expect(errors(page)).to_contain_text("Choose yes if it happened, or no if it did not happen")
    if javascript:
        expect(errors(page)).to_be_focused()
    assert not ActionConfirmation.objects.exists()
    a11y("did this really happen, refused")
    page.get_by_label("No, it did not happen").check()
    page.get_by_label("Do you want to tell us more? (optional)").fill(COMMENT)
    screenshot(page, f"myplan-did-it-happen{suffix}")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Thank you for telling us.")
    expect(body).to_contain_text("You said no, it did not happen.")
    confirmation = ActionConfirmation.objects.get()
    assert (confirmation.answer, confirmation.channel, confirmation.comment) == (
        Answer.DID_NOT_HAPPEN,
        "kiosk",
        COMMENT,
    )

    # Finish: the session is gone, and the plan cannot be reopened in this browser.
    page.get_by_role("button", name="Finish and sign out").first.click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("You have signed out. Thank you.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to see your plan")
    page.goto(f"{live_server.url}/my-plan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to see your plan")

    # The prison sees what the person said.
    log_in(page, live_server, story.officer)
    page.goto(f"{live_server.url}/people/{person.pk}/")
    expect(page.get_by_role("heading", name="What the person says happened")).to_be_visible()
    expect(body).to_contain_text("Alex says 1 action recorded as done did not happen. Check it and put it right.")
    row = page.get_by_role("row").filter(has_text="Open a bank account").filter(has_text="Did not happen")
    expect(row).to_contain_text(COMMENT)
    a11y("person page with what the person says")
    screenshot(page, f"myplan-staff-panel{suffix}")


def test_five_wrong_pins_lock_the_sign_in_with_a_kind_message(page, live_server, world: World):
    story = story_in(world)
    pin_set(acting_user=story.officer, person_id=story.person.pk, pin=PIN)
    for _ in range(5):
        sign_in_as_person(page, live_server, story.person.prison_number, "8642")
        expect(errors(page)).to_contain_text("The number or the PIN is not right.")
    sign_in_as_person(page, live_server, story.person.prison_number, PIN)
    expect(errors(page)).to_contain_text("You have tried too many times.")
    expect(errors(page)).to_contain_text("15 minutes")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to see your plan")
    check_accessibility(page, "own view sign-in locked")
    screenshot(page, "myplan-locked")


def test_a_released_person_sees_their_checkpoints_on_a_phone(page, live_server, world: World):
    story = story_in(world)
    person = story.person
    today = timezone.localdate()
    released = today - datetime.timedelta(days=45)
    episode = person.custody_episodes.get()
    episode.received_on = released - datetime.timedelta(days=200)
    episode.released_on = released
    episode.save()
    Checkpoint.objects.create(
        custody_episode=episode,
        person=person,
        kind=CheckpointKind.FIRST_NIGHT,
        due_on=released + datetime.timedelta(days=1),
        accommodation=Accommodation.OTHER_HOUSED,
        recorded_at=timezone.now() - datetime.timedelta(days=44),
        recorded_by=story.probation,
    )
    for kind, days in ((CheckpointKind.WEEK_6, 42), (CheckpointKind.MONTH_3, 91)):
        Checkpoint.objects.create(
            custody_episode=episode, person=person, kind=kind, due_on=released + datetime.timedelta(days=days)
        )
    ReleasePlan.objects.create(
        custody_episode=episode,
        person=person,
        first_appointment_on=today + datetime.timedelta(days=2),
        first_appointment_place="Testshire probation office, 1 High Street",
        updated_by=story.officer,
    )
    pin_set(acting_user=story.probation, person_id=person.pk, pin=PIN)

    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/my-plan/sign-in/")
    check_accessibility(page, "own view sign-in (phone)")
    sign_in_as_person(page, live_server, person.crn, PIN, kiosk=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello Alex. This is your plan.")
    body = page.locator("body")
    expect(body).to_contain_text("If you do nothing for 30 minutes, you will be signed out.")
    expect(page.get_by_role("heading", name="After you leave prison")).to_be_visible()
    expect(body).to_contain_text(
        "6 weeks after you leave, your probation officer will ask where you are living and if you are working."
    )
    expect(body).to_contain_text("Done. Thank you.")
    expect(body).to_contain_text("Now. Your probation officer will ask you soon.")
    expect(body).to_contain_text("Your first meeting with your probation officer")
    expect(body).to_contain_text("Testshire probation office, 1 High Street")
    check_accessibility(page, "own view plan (phone)")
    screenshot(page, "myplan-phone-checkpoints")
    page.get_by_role("button", name="Finish and sign out").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to see your plan")
