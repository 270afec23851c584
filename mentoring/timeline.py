"""Mentoring's entries on the person's timeline (people.timeline): each allocation, contact and
ending, as the viewer may see them (a partner: its own organisation's only). Two queries whatever
the number of records, and one when there are no allocations (no N+1); each reads only the
columns it shows (people.timeline) and is compiled to SQL once (common.compiled_reads)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from common.compiled_reads import scoped_reads
from mentoring import rules
from mentoring.constants import ContactMethod, ContactOutcome, ContactSetting, EndReason, MentorKind
from mentoring.models import Allocation, Contact
from people.models import ServiceUser
from people.timeline import Entry
from people.timeline import entry_at as _at

_ALLOCATION_COLUMNS = (
    "pk",
    "kind",
    "mentor__name",
    "organisation__name",
    "started_on",
    "created_by",
    "ended_on",
    "end_reason",
    "ended_by",
)
_CONTACT_COLUMNS = ("allocation", "contact_on", "method", "setting", "outcome", "recorded_by")


def _allocations(**where: int) -> QuerySet[Any, Any]:
    return Allocation.objects.filter(**where).order_by().values(*_ALLOCATION_COLUMNS)


def _contacts(**where: int) -> QuerySet[Any, Any]:
    return Contact.objects.filter(**where).order_by().values(*_CONTACT_COLUMNS)


# Who may see which allocations (mentoring.selectors.allocations_visible_to): everyone's, or a
# partner's own organisation's; the contacts are read through the allocation by the same rule.
_READS = scoped_reads(
    "organisation",
    (_allocations, "person_id", "organisation_id"),
    (_contacts, "allocation__person_id", "allocation__organisation_id"),
)


def mentoring_entries(person: ServiceUser, viewer: User) -> list[Entry]:
    if not viewer.is_authenticated:
        return []
    entries: list[Entry] = []
    chosen = _READS.choose(person.pk, viewer.organisation_id, everything=rules.can_view_all_mentoring(viewer))
    if chosen is None:
        return []
    (allocations_read, contacts_read), where = chosen
    allocations = allocations_read.rows(**where)
    kinds, reasons = dict(MentorKind.choices), dict(EndReason.choices)
    mentors = {}
    for allocation in allocations:
        mentor = mentors[allocation["pk"]] = allocation["mentor__name"]
        kind = str(kinds.get(allocation["kind"], allocation["kind"])).lower()
        entries.append(
            Entry(
                _at(allocation["started_on"]),
                "mentoring",
                _("%(kind)s allocated: %(mentor)s, %(organisation)s")
                % {"kind": kind.capitalize(), "mentor": mentor, "organisation": allocation["organisation__name"]},
                by=allocation["created_by"],
            )
        )
        if allocation["ended_on"]:
            reason = str(reasons.get(allocation["end_reason"], allocation["end_reason"]))
            entries.append(
                Entry(
                    _at(allocation["ended_on"]),
                    "mentoring",
                    _("Mentoring with %(mentor)s ended: %(reason)s") % {"mentor": mentor, "reason": reason},
                    by=allocation["ended_by"],
                )
            )
    if not mentors:
        return entries  # no allocations the viewer may see, so no contacts either
    methods, settings = dict(ContactMethod.choices), dict(ContactSetting.choices)
    for contact in contacts_read.rows(**where):
        text = (
            _("Mentoring contact with %(mentor)s (%(method)s, %(setting)s)")
            if contact["outcome"] == ContactOutcome.HAPPENED
            else _("Mentoring contact with %(mentor)s missed: the person did not attend")
        ) % {
            "mentor": mentors[contact["allocation"]],
            "method": str(methods.get(contact["method"], contact["method"])).lower(),
            "setting": str(settings.get(contact["setting"], contact["setting"])).lower(),
        }
        entries.append(Entry(_at(contact["contact_on"]), "mentoring", text, by=contact["recorded_by"]))
    return entries
