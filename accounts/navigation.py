"""The service navigation: each role sees links to what it may use, and nothing else."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import rules


def navigation_for(user: Any, section: str = "") -> list[dict[str, Any]]:
    items = []
    if rules.can_view_people(user):
        items.append({"text": _("People"), "href": reverse("people:list"), "active": section == "people"})
    if rules.can_view_organisations(user):
        items.append(
            {"text": _("Organisations"), "href": reverse("organisations:list"), "active": section == "organisations"}
        )
    if rules.can_view_audit(user):
        items.append({"text": _("Audit"), "href": reverse("audit:list"), "active": section == "audit"})
    return items
