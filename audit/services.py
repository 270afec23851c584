from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from audit.constants import Action
from audit.models import Event


def event_record(
    *,
    actor: Any,
    action: Action | str,
    record_type: str = "",
    record_id: Any = "",
    person_id: int | None = None,
    summary: str = "",
    changes: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    day_only: bool = False,
) -> Event:
    """Append one audit event. Call it inside the transaction of the change it describes, so that
    a change is never stored without its event nor an event without its change.

    `day_only` records the day and not the time: for an event that marks a sealed write from a
    person's own view (a ballot cast, a rating given), whose time would otherwise pair with the
    person's timed sign-in (issue 15, break 2; decisions 22 and 23)."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    organisation = getattr(actor, "organisation", None) if authenticated else None
    when = timezone.now()
    if day_only:
        when = timezone.localtime(when).replace(hour=0, minute=0, second=0, microsecond=0)
    return Event.objects.create(
        occurred_at=when,
        actor=actor if authenticated else None,
        actor_username=getattr(actor, "username", "") if authenticated else "",
        actor_role=getattr(actor, "role", "") if authenticated else "",
        organisation_id=getattr(organisation, "pk", None),
        organisation_name=str(organisation) if organisation else "",
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        person_id=person_id,
        summary=summary[:300],
        changes=changes or {},
        path=request.path[:300] if request is not None else "",
    )


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose values differ, as strings (JSON-safe)."""
    return {
        key: [None if before.get(key) is None else str(before.get(key)), None if value is None else str(value)]
        for key, value in after.items()
        if before.get(key) != value
    }
