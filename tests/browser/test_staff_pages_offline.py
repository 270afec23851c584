"""The next person at a shared browser (THREAT-MODEL.md) must not read what a member of staff saw
there. A safer custody officer opens a kiosk page (so its service worker registers), then a
safeguarding alert, then signs out; the browser goes offline and asks for the alert again. The
kiosk's worker must never have kept the alert (it keeps only the kiosk's own pages, never a
`no-store` one), and signing out clears the site's caches and storage (`Clear-Site-Data`), so the
words are gone (issue 15, break 5; docs/decisions.md 27)."""

from __future__ import annotations

import contextlib
import re
import uuid
from typing import Any

from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.conftest import World, log_in
from voice.constants import Channel
from voice.services import response_submit
from voice.tests.helpers import published_survey

WORDS = "Some days I want to end it all"

CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
  }
  return urls;
}"""


def _alert(world: World) -> Any:
    survey = published_survey(lead=world.users["involvement_lead"], title="Life on the wing")
    response_submit(
        survey_id=survey.pk,
        version_number=1,
        answers={"overall": "poor", "overall_why": WORDS, "food": "yes"},
        submission_id=str(uuid.uuid4()),
        channel=Channel.KIOSK,
    )
    return survey.versions.get().responses.filter(alert__isnull=False).get().alert


def test_a_safeguarding_alert_is_not_readable_offline_after_sign_out(page, live_server, world: World):
    officer = world.users["prison_staff"]
    officer.safer_custody = True
    officer.save(update_fields=["safer_custody"])
    alert_url = reverse("voice:alert-review", args=[_alert(world).pk])
    log_in(page, live_server, officer)

    # The kiosk page registers its worker, and the worker takes charge of the pages in its scope.
    page.goto(live_server.url + reverse("voice:kiosk", args=[world.prison.pk]))
    scope = page.evaluate("navigator.serviceWorker.ready.then((r) => new URL(r.scope).pathname)")
    worker = reverse("voice:service-worker")
    assert scope == worker[: worker.rindex("/") + 1] == "/voice/have-your-say/"
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")

    page.goto(live_server.url + alert_url)
    expect(page.get_by_text(WORDS)).to_be_visible()
    page.goto(live_server.url + reverse("voice:alerts"))
    # Whatever the worker and the kiosk's script keep, no staff page is among it.
    page.wait_for_timeout(500)
    kept = page.evaluate(CACHED_URLS)
    assert not [url for url in kept if not url.startswith((scope, "/static/"))], kept
    assert alert_url not in kept

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/signed-out/$"))
    # Signing out cleared the caches and the workers with them.
    assert page.evaluate(CACHED_URLS) == []
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0

    # The next person, offline, asks for the alert again: nothing keeps it.
    page.context.set_offline(True)
    # The browser has nothing to show (an error page): the network is down and nothing was kept.
    with contextlib.suppress(PlaywrightError):
        page.goto(live_server.url + alert_url)
    page.wait_for_load_state("load")
    expect(page.get_by_text(WORDS)).to_have_count(0)
    assert WORDS not in page.evaluate("document.documentElement.outerHTML")
    page.context.set_offline(False)


def test_the_retired_worker_clears_what_the_old_one_kept_and_unregisters(page, live_server):
    """A browser that registered the old worker (scope /voice/) asks /voice/sw.js for updates and
    gets the retiring one: what the old one kept goes, and nothing answers for /voice/ any more."""
    page.goto(live_server.url + reverse("common:accessibility"))
    page.evaluate(
        """async () => {
          const kept = await caches.open("voice-kiosk-v1");
          await kept.put("/voice/safeguarding-alerts/1/", new Response("what the old worker kept"));
          await navigator.serviceWorker.register("/voice/sw.js", { scope: "/voice/" });
        }"""
    )
    page.wait_for_function(
        """async () => !(await caches.has("voice-kiosk-v1"))
          && (await navigator.serviceWorker.getRegistrations()).length === 0""",
        polling=200,
    )
    assert page.evaluate('caches.has("voice-kiosk-v1")') is False
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0


def test_the_kiosk_still_opens_its_own_pages_offline(page, live_server, world: World):
    """What the worker may keep is narrower, not gone: the kiosk's list and a survey's start page
    still open with the network down."""
    published_survey(lead=world.users["involvement_lead"], title="Life on the wing")
    page.goto(live_server.url + reverse("voice:kiosk", args=[world.prison.pk]))
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_load_state("networkidle")  # the kiosk keeps its start pages as it loads
    kept = page.evaluate(CACHED_URLS)
    assert any("/start/" in url for url in kept), kept

    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Have your say")
    with page.expect_navigation():
        page.locator("[data-voice-start]").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Life on the wing")
    page.context.set_offline(False)
