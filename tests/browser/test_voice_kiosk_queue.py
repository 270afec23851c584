"""A kiosk's queue of answers when the server refuses or fails on one (issue 15, break 9). One
answer the server answered with a 500 used to stay at the head of the queue and be sent again for
ever, and every answer given after it on that device waited behind it. Now:

- a 4xx is final: the answer leaves the queue and the screen says why;
- a 5xx (or a 429) is tried again later, each time after a longer wait, while the answers behind it
  are sent; after five failures the screen says an answer is stuck, and it is still tried.

The server's failures are faked in the browser (Playwright routes): every other answer reaches the
real server and is stored. The page's clock is Playwright's, so the waits are tested without
waiting."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import World, screenshot
from voice.models import Response, SealedResponse
from voice.tests.helpers import involvement_lead, published_survey

CLOSED = "This survey has closed, so your answers could not be taken"


@pytest.fixture
def kiosk_page(transactional_db: None, browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh page, as conftest's, that fails the test on a script error or a CSP violation; but
    the 4xx and 500s from the answers endpoint are this test's own, faked on purpose."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught exception: {e}"))
    try:
        yield page
    finally:
        context.close()
    unexpected = [e for e in errors if "Failed to load resource" not in e]
    assert not unexpected, "The browser reported errors:\n" + "\n".join(unexpected)


def stored() -> int:
    return Response.objects.count() + SealedResponse.objects.count()


def entry(survey: Any, api: str, name: str, **extra: Any) -> dict[str, Any]:
    return {
        "api": api,
        "submission_id": str(uuid.uuid4()),
        "survey_id": survey.pk,
        "version": 1,
        "answers": {"overall": "good", "food": "yes", "overall_why": name},
        "channel": "kiosk",
        "language": "en",
        "easy_read": False,
        "organisation_id": survey.about_id,
        **extra,
    }


def wait_for(condition: Any, page: Any, sent: list[str], seconds: float = 10) -> None:
    ends = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < ends, f"waited too long; sent so far: {sent}"
        page.wait_for_timeout(100)


def test_one_answer_the_server_fails_on_never_holds_up_the_rest(kiosk_page, live_server, world: World):
    page = kiosk_page
    survey = published_survey(lead=involvement_lead(world.prison), title="Life on the wing")
    api = reverse("voice:api-responses")
    # Four answers waiting on the device, oldest first: one the server fails on (already four times:
    # one more makes five), one it takes, one it refuses for good, one it asks to have later.
    poisoned = entry(survey, api, "poisoned", tries=4, failed="server", next_at=0)
    good = entry(survey, api, "good")
    refused = entry(survey, api, "refused")
    later = entry(survey, api, "later")
    names = {e["submission_id"]: e["answers"]["overall_why"] for e in (poisoned, good, refused, later)}
    sent: list[str] = []
    server_fixed = False
    asked_later = False

    def answers(route: Any) -> None:
        nonlocal asked_later
        name = names[json.loads(route.request.post_data)["submission_id"]]
        sent.append(name)
        if name == "poisoned" and not server_fixed:
            route.fulfill(status=500, content_type="text/html", body="<h1>Server Error (500)</h1>")
        elif name == "refused":
            route.fulfill(status=410, content_type="application/json", body=json.dumps({"error": CLOSED}))
        elif name == "later" and not asked_later:
            asked_later = True
            route.fulfill(status=429, headers={"Retry-After": "120"}, content_type="application/json", body="{}")
        else:
            route.continue_()

    page.route(f"**{api}", answers)
    queue = json.dumps([poisoned, good, refused, later])
    page.add_init_script(
        f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1');"
        f" localStorage.setItem('voice-queue-v1', {json.dumps(queue)}); }}"
    )
    page.clock.install()
    page.goto(f"{live_server.url}/voice/have-your-say/kiosk/{world.prison.pk}/")
    status = page.locator("[data-voice-queue]")

    # Each was tried once, in order: the answers behind the failing one went on.
    wait_for(lambda: len(sent) >= 4, page, sent)
    assert sent == ["poisoned", "good", "refused", "later"]
    expect(status).to_contain_text("2 answers waiting to send")
    expect(status).to_contain_text("1 answer could not be sent because of a problem with the service")
    expect(status).to_contain_text(f"Some answers could not be sent: {CLOSED}")
    screenshot(page, "voice-kiosk-queue-stuck")
    wait_for(lambda: stored() == 1, page, sent)
    waiting = page.evaluate("JSON.parse(localStorage.getItem('voice-queue-v1'))")
    assert [e["answers"]["overall_why"] for e in waiting] == ["poisoned", "later"]  # the refused one is gone
    assert waiting[0]["tries"] == 5 and waiting[1]["tries"] == 1

    # Neither is tried again at once: a minute on, nothing more was sent.
    page.clock.fast_forward("01:00")
    page.wait_for_timeout(500)
    assert len(sent) == 4

    # The one asked for later goes after the two minutes the server asked for; the failing one
    # waits longer (back-off) but is still tried.
    page.clock.fast_forward("02:00")
    wait_for(lambda: "later" in sent[4:], page, sent)
    wait_for(lambda: stored() == 2, page, sent)
    page.clock.fast_forward("13:00")
    wait_for(lambda: "poisoned" in sent[4:], page, sent)
    expect(status).to_contain_text("1 answer could not be sent because of a problem with the service")

    # Once the server is fixed, it is sent and stored like any other, and the device keeps nothing.
    server_fixed = True
    page.clock.fast_forward("13:00")
    expect(status).to_contain_text("All answers sent", timeout=10_000)
    wait_for(lambda: stored() == 3, page, sent)
    assert page.evaluate("localStorage.getItem('voice-queue-v1')") is None
