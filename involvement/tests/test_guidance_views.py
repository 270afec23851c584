"""The guidance library's pages, and the pages the data migration puts in it."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.constants import Role
from involvement.constants import ActivityKind
from involvement.guidance_services import guidance_page_create, guidance_page_update
from involvement.models import GuidancePage
from involvement.tests import authorisation_guidance
from tests.factories import UserFactory
from tests.matrix import ANON, EVERYONE, STAFF

seeded = importlib.import_module("involvement.migrations.0002_guidance_pages")


def submission(response) -> str:
    return re.search(r'name="submission_id" value="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def lead(db):
    return UserFactory(role=Role.INVOLVEMENT_LEAD, first_name="Ifan", last_name="Lead")


@pytest.fixture
def page(lead):
    return guidance_page_create(
        acting_user=lead,
        title="Running a focus group",
        summary="Small groups, real choices",
        body="## Before you start\n- book a room\n\n<script>alert(1)</script>",
        for_kinds=["focus_group"],
    )


def form(page, **changes):
    data = {"title": page.title, "summary": page.summary, "body": page.body, "for_kinds": page.for_kinds}
    data["version"] = page.version
    data.update(changes)
    return data


@pytest.mark.parametrize("role", EVERYONE)
def test_this_areas_rows_of_the_authorisation_matrix(client, db, role):
    """The same check as tests/test_authorisation_matrix.py, for these rows alone (the rows need
    nothing from the world)."""
    users = {r: UserFactory(role=r, is_staff=r == Role.ADMINISTRATOR) for r in STAFF}
    args = authorisation_guidance.arrange(None)  # type: ignore[arg-type]
    if role != ANON:
        client.force_login(users[role])
    for (name, method), answers in authorisation_guidance.MATRIX.items():
        response = getattr(client, method)(reverse(name, args=args.get(name)))
        assert response.status_code == answers[role], (name, role)
        if role == ANON:
            assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_library_lists_pages_with_what_they_describe(client, page):
    client.force_login(UserFactory(role=Role.COMMISSIONER))
    html = client.get(reverse("involvement:guidance")).content.decode()
    assert "Running a focus group" in html and "Small groups, real choices" in html
    assert "Describes: Focus group" in html
    assert "How commissioners check the feedback duty" in html
    assert "Add a page" not in html  # commissioners read, they do not write


def test_page_shows_the_text_safely_and_who_changed_it(client, page, lead):
    client.force_login(UserFactory(role=Role.PRISON_STAFF))
    html = client.get(reverse("involvement:guidance-page", args=[page.slug])).content.decode()
    assert '<h2 class="govuk-heading-m">Before you start</h2>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "by Ifan Lead" in html
    assert reverse("involvement:guidance-history", args=[page.slug]) in html
    assert reverse("involvement:guidance-edit", args=[page.slug]) not in html
    client.force_login(lead)
    html = client.get(reverse("involvement:guidance-page", args=[page.slug])).content.decode()
    assert reverse("involvement:guidance-edit", args=[page.slug]) in html


def test_unknown_page_is_not_found(client, lead):
    client.force_login(lead)
    for name in ("involvement:guidance-page", "involvement:guidance-edit", "involvement:guidance-history"):
        assert client.get(reverse(name, args=["no-such-page"])).status_code == 404


def test_edit_through_the_form_then_history(client, page, lead):
    client.force_login(lead)
    url = reverse("involvement:guidance-edit", args=[page.slug])
    sid = submission(client.get(url))
    response = client.post(url, form(page, submission_id=sid, body="## Now\nNew words", for_kinds=[]))
    assert response["Location"] == reverse("involvement:guidance-page", args=[page.slug])
    page.refresh_from_db()
    assert (page.version, page.body, page.for_kinds) == (2, "## Now\nNew words", [])
    html = client.get(reverse("involvement:guidance-history", args=[page.slug])).content.decode()
    assert "Version 1" in html and "Before you start" in html and "Version 2" not in html


def test_empty_title_is_refused_and_changes_nothing(client, page, lead):
    client.force_login(lead)
    url = reverse("involvement:guidance-edit", args=[page.slug])
    response = client.post(url, form(page, submission_id=submission(client.get(url)), title="", body=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "Enter a title" in html and "Enter the page text" in html
    page.refresh_from_db()
    assert page.version == 1 and page.title == "Running a focus group"


def test_stale_edit_shows_the_current_text_and_overwrites_nothing(client, page, lead):
    someone = UserFactory(role=Role.ADMINISTRATOR, first_name="Sam", last_name="Else")
    client.force_login(lead)
    url = reverse("involvement:guidance-edit", args=[page.slug])
    sid = submission(client.get(url))
    guidance_page_update(
        acting_user=someone,
        slug=page.slug,
        expected_version=1,
        title=page.title,
        summary=page.summary,
        body="Their words",
        for_kinds=[],
    )
    response = client.post(url, form(page, submission_id=sid, body="My words"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this page" in html
    assert "Their words" in html and "My words" in html  # theirs to read, mine still in the box
    assert "by Sam Else" in html
    assert 'name="version" value="2"' in html
    page.refresh_from_db()
    assert (page.version, page.body) == (2, "Their words")


def test_new_page_through_the_form(client, page, lead):
    client.force_login(lead)
    url = reverse("involvement:guidance-new")
    get = client.get(url)
    assert "How to lay out the page text" in get.content.decode()
    data = {"submission_id": submission(get), "title": "Running a focus group", "summary": "s", "body": "b"}
    refused = client.post(url, data)
    assert "There is already a page with this title" in refused.content.decode()
    data.update(title="Paying people", for_kinds=["lived_experience_role", "other"])
    response = client.post(url, data)
    assert response["Location"] == reverse("involvement:guidance-page", args=["paying-people"])
    assert GuidancePage.objects.get(slug="paying-people").for_kinds == ["lived_experience_role", "other"]


def test_the_first_pages_are_there_and_useful(db):
    pages = {p.slug: p for p in GuidancePage.objects.filter(slug__in=[d["slug"] for d in seeded.PAGES])}
    assert len(pages) == 5
    for page in pages.values():
        assert 250 <= len(page.body.split()) <= 450, page.slug
        assert set(page.for_kinds) <= set(ActivityKind.values)
        assert page.history.filter(version=1).exists()  # type: ignore[attr-defined]
    assert pages["how-commissioners-check-the-feedback-duty"].for_kinds == []


def test_the_migration_skips_taken_addresses_and_goes_back(db):
    GuidancePage.objects.filter(slug__in=[d["slug"] for d in seeded.PAGES]).delete()
    GuidancePage.objects.create(slug=seeded.PAGES[0]["slug"], title="Ours", summary="s", body="b")
    seeded.add_pages(apps, None)
    assert GuidancePage.objects.get(slug=seeded.PAGES[0]["slug"]).title == "Ours"
    assert GuidancePage.objects.filter(slug__in=[d["slug"] for d in seeded.PAGES]).count() == 5
    seeded.remove_pages(apps, None)
    assert not GuidancePage.objects.filter(slug__in=[d["slug"] for d in seeded.PAGES]).exists()
