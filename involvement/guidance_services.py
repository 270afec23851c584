"""Writes for the guidance library. A page keeps its address for life (links from activities and
elsewhere never break), and carries a version number so that two leads editing at once cannot
overwrite each other: the later save is refused and shown the current text instead."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit.constants import Action as AuditAction
from audit.services import changes_between, event_record
from common.once import submission_spend
from involvement import rules
from involvement.constants import ActivityKind
from involvement.models import GuidancePage

TITLE_MAX = 200
SUMMARY_MAX = 400
BODY_MAX = 20_000
SLUG_MAX = 80
# Addresses the library's own pages use (guidance/new/), which a page's address must not take.
RESERVED_SLUGS = frozenset({"new"})


class StaleEdit(ValidationError):
    """The page changed after the editor opened it; nothing was saved."""


def _clean(*, title: str, summary: str, body: str, for_kinds: list[str]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    title, summary, body = (title or "").strip(), (summary or "").strip(), (body or "").strip()
    if not title:
        errors["title"] = [_("Enter a title")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("Title must be %(n)s characters or fewer") % {"n": TITLE_MAX}]
    if not summary:
        errors["summary"] = [_("Enter a summary of what the page is for")]
    elif len(summary) > SUMMARY_MAX:
        errors["summary"] = [_("Summary must be %(n)s characters or fewer") % {"n": SUMMARY_MAX}]
    if not body:
        errors["body"] = [_("Enter the page text")]
    elif len(body) > BODY_MAX:
        errors["body"] = [_("Page text must be %(n)s characters or fewer") % {"n": BODY_MAX}]
    kinds = list(dict.fromkeys(for_kinds or []))
    if any(kind not in ActivityKind.values for kind in kinds):
        errors["for_kinds"] = [_("Select activities from the list")]
    # Keep the order ActivityKind lists them, so the same choice is always stored the same way.
    kinds = [kind for kind in ActivityKind.values if kind in kinds]
    return {"title": title, "summary": summary, "body": body, "for_kinds": kinds}, errors


def _snapshot(page: GuidancePage) -> dict[str, Any]:
    return {"title": page.title, "summary": page.summary, "body": page.body, "for_kinds": ",".join(page.for_kinds)}


@transaction.atomic
def guidance_page_create(
    *,
    acting_user: Any,
    title: str,
    summary: str,
    body: str,
    for_kinds: list[str],
    submission_id: Any = None,
    request: HttpRequest | None = None,
) -> GuidancePage:
    """A new page, its address made from its title."""
    if not rules.can_edit_guidance(acting_user):
        raise PermissionDenied
    submission_spend(submission_id=submission_id)
    data, errors = _clean(title=title, summary=summary, body=body, for_kinds=for_kinds)
    slug = slugify(data["title"])[:SLUG_MAX].strip("-")
    if data["title"] and "title" not in errors:
        if not slug:
            errors["title"] = [_("Enter a title with at least one letter or number")]
        elif slug in RESERVED_SLUGS or GuidancePage.objects.filter(slug=slug).exists():
            errors["title"] = [_("There is already a page with this title. Give the new page a different title")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            page = GuidancePage.objects.create(
                slug=slug, version=1, updated_at=timezone.now(), updated_by=acting_user, **data
            )
    except IntegrityError:
        # Another lead made a page with the same title a moment ago.
        raise ValidationError(
            {"title": [_("There is already a page with this title. Give the new page a different title")]}
        ) from None
    event_record(
        actor=acting_user,
        action=AuditAction.CREATE,
        record_type="involvement_guidance_page",
        record_id=page.pk,
        summary=f"Added guidance page {page.slug}",
        changes=changes_between({}, _snapshot(page)),
        request=request,
    )
    return page


@transaction.atomic
def guidance_page_update(
    *,
    acting_user: Any,
    slug: str,
    expected_version: int | None,
    title: str,
    summary: str,
    body: str,
    for_kinds: list[str],
    submission_id: Any = None,
    request: HttpRequest | None = None,
) -> GuidancePage:
    """Save a new version of the page, if it is still the version the editor opened. Raises
    StaleEdit (nothing saved) when someone else saved it in between, and GuidancePage.DoesNotExist
    for an address with no page."""
    if not rules.can_edit_guidance(acting_user):
        raise PermissionDenied
    page = GuidancePage.objects.select_for_update().get(slug=slug)
    submission_spend(submission_id=submission_id)
    if expected_version != page.version:
        raise StaleEdit(
            _(
                "Someone else changed this page after you opened it, so your changes were not saved. "
                "Their version is shown below. Copy anything you want to keep, then check the page and save again."
            ),
            code="stale",
        )
    data, errors = _clean(title=title, summary=summary, body=body, for_kinds=for_kinds)
    if errors:
        raise ValidationError(errors)
    before = _snapshot(page)
    for field, value in data.items():
        setattr(page, field, value)
    after = _snapshot(page)
    if after == before:
        return page  # nothing changed: no new version, no event
    page.version += 1
    page.updated_at = timezone.now()
    page.updated_by = acting_user
    page.save()
    event_record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        record_type="involvement_guidance_page",
        record_id=page.pk,
        summary=f"Changed guidance page {page.slug} (version {page.version})",
        changes=changes_between(before, after),
        request=request,
    )
    return page
