"""What the kiosk's service worker may keep, and what no page a member of staff sees ever lets it
keep (issue 15, break 5; docs/decisions.md 27). The browser test
tests/browser/test_staff_pages_offline.py performs the attack end to end; these check each rule."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.constants import Role
from tests.factories import EstablishmentFactory, UserFactory
from voice.tests.helpers import involvement_lead, published_survey
from voice.views.kiosk_offline import CACHE, RETIRED_CACHE

pytestmark = pytest.mark.django_db

KIOSK_ROOT = "/voice/have-your-say/"


def _kiosk_pages(prison, survey):
    return [
        reverse("voice:kiosk", args=[prison.pk]),
        reverse("voice:phone", args=[prison.pk]),
        reverse("voice:visits", args=[prison.pk]),
        reverse("voice:families"),
        reverse("voice:survey-start", args=[survey.pk]) + f"?channel=kiosk&at={prison.pk}",
    ]


def _staff_pages(survey):
    return [
        reverse("home"),
        reverse("voice:alerts"),
        reverse("voice:restricted"),
        reverse("voice:surveys"),
        reverse("voice:survey", args=[survey.pk]),
        reverse("voice:survey-results", args=[survey.pk]),
        reverse("councils:list"),
        reverse("people:list"),
    ]


def test_the_kiosk_pages_and_the_worker_share_a_prefix_no_staff_page_has(client):
    prison = EstablishmentFactory()
    survey = published_survey(lead=involvement_lead(prison))
    worker = reverse("voice:service-worker")
    assert worker == KIOSK_ROOT + "sw.js"
    for url in _kiosk_pages(prison, survey):
        assert url.startswith(KIOSK_ROOT), url
    for url in _staff_pages(survey):
        assert not url.startswith(KIOSK_ROOT), url
    assert not reverse("voice:api-responses").startswith(KIOSK_ROOT)


def test_the_worker_keeps_only_its_own_pages_and_never_a_no_store_or_private_one(client):
    script = client.get(reverse("voice:service-worker")).content.decode()
    # Its scope is where it is served from: nothing widens it.
    assert "Service-Worker-Allowed" not in client.get(reverse("voice:service-worker"))
    assert "const SCOPE = new URL(self.registration.scope).pathname;" in script
    assert "url.pathname.startsWith(SCOPE) || ASSETS.indexOf(url.pathname) !== -1" in script
    assert "!/no-store|private/.test(rules)" in script
    assert "if (keepable(response))" in script
    # Every other cache goes when it takes over, the retired worker's among them.
    assert f'const CACHE = "{CACHE}";' in script and "k !== CACHE" in script


def test_kiosk_pages_may_be_kept_offline_and_name_no_one(client):
    prison = EstablishmentFactory()
    survey = published_survey(lead=involvement_lead(prison))
    for url in _kiosk_pages(prison, survey):
        response = client.get(url)
        assert response.status_code == 200, url
        rules = response["Cache-Control"]
        assert "no-cache" in rules and "no-store" not in rules and "private" not in rules, (url, rules)


@pytest.mark.parametrize("role", list(Role))
def test_every_page_a_signed_in_member_of_staff_is_sent_is_no_store(client, role):
    prison = EstablishmentFactory()
    survey = published_survey(lead=involvement_lead(prison))
    client.force_login(UserFactory(role=role, organisation=prison, safer_custody=True))
    # Staff pages, the pages they are refused, and even a kiosk page opened while signed in.
    for url in [*_staff_pages(survey), *_kiosk_pages(prison, survey)]:
        response = client.get(url)
        rules = response.get("Cache-Control", "")
        assert "no-store" in rules and "private" in rules, (url, response.status_code, rules)


def test_signing_out_clears_the_sites_caches_and_storage(client):
    client.force_login(UserFactory(role=Role.PRISON_STAFF))
    response = client.post(reverse("accounts:sign-out"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_the_earlier_addresses_send_the_browser_on_with_query_and_method(client):
    prison = EstablishmentFactory()
    survey = published_survey(lead=involvement_lead(prison))
    moved = client.get(f"/voice/kiosk/{prison.pk}/")
    assert (moved.status_code, moved["Location"]) == (308, reverse("voice:kiosk", args=[prison.pk]))
    moved = client.get(f"/voice/families/?at={prison.pk}&lang=cy")
    assert moved["Location"] == reverse("voice:families") + f"?at={prison.pk}&lang=cy"
    moved = client.post(f"/voice/surveys/{survey.pk}/answer/", {"state": "x"})
    assert (moved.status_code, moved["Location"]) == (308, reverse("voice:survey-answer", args=[survey.pk]))
    for old in (f"/voice/services/{prison.pk}/", f"/voice/visits/{prison.pk}/", f"/voice/surveys/{survey.pk}/start/"):
        assert client.get(old).status_code == 308


def test_the_retired_worker_deletes_what_it_kept_and_unregisters(client):
    response = client.get("/voice/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    script = response.content.decode()
    assert f'caches.delete("{RETIRED_CACHE}")' in script
    assert "self.registration.unregister()" in script
    assert "fetch" not in script  # it answers for nothing
