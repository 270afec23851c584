"""Reads for the guidance library. Earlier versions come from the page's simple-history records,
so nothing else has to keep them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from involvement.constants import ActivityKind
from involvement.models import GuidancePage


def guidance_pages() -> QuerySet[GuidancePage]:
    """Every page, by title."""
    return GuidancePage.objects.select_related("updated_by").order_by("title")


def guidance_page(*, slug: str) -> GuidancePage:
    """The page at this address; GuidancePage.DoesNotExist (a 404) when there is none."""
    return guidance_pages().get(slug=slug)


def guidance_for_kind(*, kind: str) -> list[GuidancePage]:
    """The pages that describe an activity of this kind, for the activity's page to link to. The
    library is small, and SQLite cannot search inside a JSON list, so this filters in Python."""
    return [page for page in guidance_pages() if kind in (page.for_kinds or [])]


def kind_labels(page: GuidancePage) -> list[str]:
    """The names of the activities a page describes, in the order ActivityKind lists them."""
    kinds = set(page.for_kinds or [])
    return [str(kind.label) for kind in ActivityKind if kind.value in kinds]


def guidance_versions(*, page: GuidancePage) -> list[Any]:
    """Earlier versions of the page, newest first: one history record per version number (the
    last record written for it), leaving out the version shown now."""
    seen: set[int] = set()
    versions = []
    for record in page.history.select_related("updated_by").order_by("-history_date", "-history_id"):  # type: ignore[attr-defined]
        if record.version == page.version or record.version in seen:
            continue
        seen.add(record.version)
        versions.append(record)
    return versions
