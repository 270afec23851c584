from __future__ import annotations

from django.db.models import QuerySet

from audit.models import Event


def event_list(
    *, action: str = "", username: str = "", person_id: int | None = None, record_type: str = ""
) -> QuerySet[Event]:
    events = Event.objects.all()
    if action:
        events = events.filter(action=action)
    if username:
        events = events.filter(actor_username__iexact=username.strip())
    if person_id is not None:
        events = events.filter(person_id=person_id)
    if record_type:
        events = events.filter(record_type=record_type)
    return events
