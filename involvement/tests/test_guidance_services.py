"""Writing the guidance library: who may, what is refused, and that a refusal changes nothing."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.constants import Role
from audit.models import Event
from common.once import AlreadySubmitted
from involvement import guidance_selectors as selectors
from involvement.guidance_services import StaleEdit, guidance_page_create, guidance_page_update
from involvement.models import GuidancePage
from tests.factories import UserFactory

PAGE = {"title": "Running a focus group", "summary": "Small groups, real choices", "body": "## Before\n- book a room"}


@pytest.fixture
def lead(db):
    return UserFactory(role=Role.INVOLVEMENT_LEAD, first_name="Ifan", last_name="Lead")


@pytest.fixture
def other_lead(db):
    return UserFactory(role=Role.INVOLVEMENT_LEAD, first_name="Olwen", last_name="Other")


@pytest.fixture
def page(lead):
    return guidance_page_create(acting_user=lead, for_kinds=["focus_group"], **PAGE)


def state() -> list[tuple]:
    pages = list(GuidancePage.objects.order_by("slug").values_list("slug", "title", "summary", "body", "version"))
    return [pages, GuidancePage.history.count(), Event.objects.count()]  # type: ignore[attr-defined]


def update(user, page, **changes):
    fields = {"title": page.title, "summary": page.summary, "body": page.body, "for_kinds": page.for_kinds}
    fields.update(changes)
    return guidance_page_update(
        acting_user=user, slug=page.slug, expected_version=changes.pop("version", page.version), **fields
    )


def test_create_makes_the_address_from_the_title_and_records_who(lead):
    page = guidance_page_create(
        acting_user=lead,
        title="  Councils: a how-to!  ",
        summary="s",
        body="b",
        for_kinds=["co_design", "consultation"],
    )
    assert page.slug == "councils-a-how-to"
    assert page.title == "Councils: a how-to!"
    assert page.version == 1 and page.updated_by == lead
    assert page.for_kinds == ["consultation", "co_design"]  # in ActivityKind's order
    event = Event.objects.get(record_type="involvement_guidance_page", action="create")
    assert event.record_id == str(page.pk) and event.actor == lead


@pytest.mark.parametrize("role", [Role.PRISON_STAFF, Role.COMMISSIONER, Role.PARTNER_CASEWORKER])
def test_only_leads_and_administrators_write(db, role, page):
    user = UserFactory(role=role)
    before = state()
    with pytest.raises(PermissionDenied):
        guidance_page_create(acting_user=user, for_kinds=[], **{**PAGE, "title": "Another"})
    with pytest.raises(PermissionDenied):
        update(user, page, body="changed")
    assert state() == before


def test_administrator_writes(db):
    admin = UserFactory(role=Role.ADMINISTRATOR)
    assert guidance_page_create(acting_user=admin, for_kinds=[], **PAGE).slug == "running-a-focus-group"


def test_duplicate_title_is_refused_and_changes_nothing(lead, page):
    before = state()
    with pytest.raises(ValidationError) as refused:
        guidance_page_create(acting_user=lead, for_kinds=[], **{**PAGE, "title": "Running a Focus Group?"})
    assert "already a page with this title" in refused.value.message_dict["title"][0]
    assert state() == before


@pytest.mark.parametrize("title", ["New", "!!!"])
def test_title_that_makes_no_usable_address_is_refused(lead, title):
    with pytest.raises(ValidationError) as refused:
        guidance_page_create(acting_user=lead, for_kinds=[], **{**PAGE, "title": title})
    assert "title" in refused.value.message_dict
    assert not GuidancePage.objects.filter(title=title).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "   ", "Enter a title"),
        ("summary", "", "Enter a summary of what the page is for"),
        ("body", "\n  \n", "Enter the page text"),
        ("title", "x" * 201, "Title must be 200 characters or fewer"),
        ("for_kinds", ["council_meeting", "tea_party"], "Select activities from the list"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_changes_nothing(lead, page, field, value, message):
    before = state()
    with pytest.raises(ValidationError) as refused:
        update(lead, page, **{field: value})
    assert refused.value.message_dict[field] == [message]
    with pytest.raises(ValidationError):
        guidance_page_create(acting_user=lead, **{**PAGE, "for_kinds": [], "title": "Fresh", field: value})
    assert state() == before


def test_update_saves_a_new_version_and_keeps_the_old_one(lead, other_lead, page):
    changed = update(other_lead, page, title="Running focus groups", body="New words", for_kinds=[])
    assert changed.version == 2 and changed.updated_by == other_lead
    assert changed.slug == "running-a-focus-group"  # the address never changes
    (earlier,) = selectors.guidance_versions(page=changed)
    assert (earlier.version, earlier.title, earlier.body, earlier.updated_by) == (1, PAGE["title"], PAGE["body"], lead)
    event = Event.objects.get(record_type="involvement_guidance_page", action="update")
    assert event.changes["title"] == [PAGE["title"], "Running focus groups"]
    assert event.changes["for_kinds"] == ["focus_group", ""]
    assert "summary" not in event.changes


def test_stale_edit_is_refused_and_overwrites_nothing(lead, other_lead, page):
    update(other_lead, page, body="Their words")
    before = state()
    with pytest.raises(StaleEdit) as refused:
        guidance_page_update(
            acting_user=lead,
            slug=page.slug,
            expected_version=1,
            title=page.title,
            summary=page.summary,
            body="My words",
            for_kinds=[],
            submission_id=uuid.uuid4(),
        )
    assert "Someone else changed this page" in refused.value.messages[0]
    assert state() == before
    assert GuidancePage.objects.get(slug=page.slug).body == "Their words"


def test_saving_nothing_new_makes_no_version(lead, page):
    before = state()
    update(lead, page)
    assert state() == before


def test_same_form_sent_twice_changes_nothing_the_second_time(lead, page):
    once = uuid.uuid4()
    fields = {"title": page.title, "summary": page.summary, "for_kinds": []}
    guidance_page_update(
        acting_user=lead, slug=page.slug, expected_version=1, body="Once", submission_id=once, **fields
    )
    before = state()
    with pytest.raises(AlreadySubmitted):
        guidance_page_update(
            acting_user=lead, slug=page.slug, expected_version=2, body="Twice", submission_id=once, **fields
        )
    assert state() == before


def test_unknown_address(lead):
    with pytest.raises(GuidancePage.DoesNotExist):
        guidance_page_update(
            acting_user=lead, slug="nowhere", expected_version=1, title="t", summary="s", body="b", for_kinds=[]
        )


def test_pages_for_an_activity_kind(lead, page):
    guidance_page_create(acting_user=lead, title="General", summary="s", body="b", for_kinds=[])
    slugs = [p.slug for p in selectors.guidance_for_kind(kind="focus_group")]
    assert "running-a-focus-group" in slugs and "general" not in slugs
    assert selectors.kind_labels(page) == ["Focus group"]
