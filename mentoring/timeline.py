"""Mentoring's entries on the person's timeline (people.timeline): each allocation, contact and
ending, as the viewer may see them (a partner: its own organisation's only). Two queries whatever
the number of records (no N+1)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import User
from mentoring.constants import ContactOutcome
from mentoring.models import Allocation, Contact
from mentoring.selectors import allocations_visible_to
from people.models import ServiceUser
from people.timeline import Entry
from people.timeline import done_by as _by
from people.timeline import entry_at as _at


def mentoring_entries(person: ServiceUser, viewer: User) -> list[Entry]:
    if not viewer.is_authenticated:
        return []
    scope = allocations_visible_to(viewer=viewer)
    entries: list[Entry] = []
    allocations = (
        Allocation.objects.filter(person=person)
        .filter(scope)
        .order_by()
        .select_related("mentor", "organisation", "created_by__organisation", "ended_by__organisation")
    )
    for allocation in allocations:
        kind = allocation.get_kind_display().lower()
        entries.append(
            Entry(
                _at(allocation.started_on),
                "mentoring",
                _("%(kind)s allocated: %(mentor)s, %(organisation)s")
                % {
                    "kind": kind.capitalize(),
                    "mentor": allocation.mentor.name,
                    "organisation": allocation.organisation.name,
                },
                *_by(allocation.created_by),
            )
        )
        if allocation.ended_on:
            entries.append(
                Entry(
                    _at(allocation.ended_on),
                    "mentoring",
                    _("Mentoring with %(mentor)s ended: %(reason)s")
                    % {"mentor": allocation.mentor.name, "reason": allocation.get_end_reason_display()},
                    *_by(allocation.ended_by),
                )
            )
    contacts = (
        Contact.objects.filter(allocation__person=person, allocation__in=Allocation.objects.filter(scope))
        .order_by()
        .select_related("allocation__mentor", "recorded_by__organisation")
    )
    for contact in contacts:
        text = (
            _("Mentoring contact with %(mentor)s (%(method)s, %(setting)s)")
            if contact.outcome == ContactOutcome.HAPPENED
            else _("Mentoring contact with %(mentor)s missed: the person did not attend")
        ) % {
            "mentor": contact.allocation.mentor.name,
            "method": contact.get_method_display().lower(),
            "setting": contact.get_setting_display().lower(),
        }
        entries.append(Entry(_at(contact.contact_on), "mentoring", text, *_by(contact.recorded_by)))
    return entries
