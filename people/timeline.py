"""One timeline per person (PRODUCT.md §1): every reception, screening, need, action, referral,
contact, release and follow-up, by every organisation, in order, each with who did it.

Apps on higher floors register sources from their AppConfig.ready(), so `people` never imports
them. A source is a function (person, viewer) -> entries that decides what that viewer may see of
its records, and reads them in a fixed number of queries, so a timeline's cost never grows with
the number of its entries (no N+1).

Django's compiling of a query costs far more than running these small per-person reads, and
grows with every joined table and column (see decision 18): sources read `values()` of the columns
they show, and name who did each thing by user id (`Entry.by`), so that every user on the
timeline is read once, in one query, rather than joined to each source's rows with their
organisation."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from accounts.models import User
    from people.models import ServiceUser


@dataclass(frozen=True)
class Entry:
    at: datetime.datetime
    kind: str
    text: str
    who: str = ""
    organisation: str = ""
    # The id of the user who did it: timeline_for_person fills in `who` with their name and
    # `organisation` with their organisation's (keeping the entry's own when they have none).
    by: int | None = None


Source = Callable[["ServiceUser", "User"], Iterable[Entry]]
_sources: list[Source] = []


def register(source: Source) -> Source:
    if source not in _sources:
        _sources.append(source)
    return source


def entry_at(value: datetime.date | datetime.datetime) -> datetime.datetime:
    """Dates (a release, a due date) sort with times as the start of their day."""
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


def timeline_for_person(*, person: ServiceUser, viewer: User) -> list[Entry]:
    """Newest first; each source shows the viewer only what their role may see."""
    entries = [entry for source in _sources for entry in source(person, viewer)]
    entries = name_who_did_it(entries)
    return sorted(entries, key=lambda e: e.at, reverse=True)


def name_who_did_it(entries: list[Entry]) -> list[Entry]:
    """Every entry's `by` user named, from one query for the whole timeline."""
    ids = {entry.by for entry in entries if entry.by is not None}
    if not ids:
        return entries
    from django.contrib.auth import get_user_model

    users = {
        pk: (f"{first} {last}".strip() or username, organisation or "")
        for pk, first, last, username, organisation in get_user_model()
        .objects.filter(pk__in=ids)
        .order_by()
        .values_list("pk", "first_name", "last_name", "username", "organisation__name")
    }
    named = []
    for entry in entries:
        if entry.by is not None and entry.by in users:
            who, organisation = users[entry.by]
            entry = dataclasses.replace(entry, who=who, organisation=organisation or entry.organisation)
        named.append(entry)
    return named
