"""Reads for mentoring, and the through-the-gate rules as plain functions (issue 3, journey 5:
"carry the relationship through the gate"). The rules take dates, not records, so each can be
tested alone and asked about any past day."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery

from mentoring import rules
from mentoring.access import SIGHT_AFTER_ENDING
from mentoring.constants import ContactOutcome, MentoringFlag
from mentoring.models import Allocation, Contact, Mentor
from people.models import CustodyEpisode

if TYPE_CHECKING:
    from people.models import ServiceUser

# Someone due for release in the next 12 weeks should have a mentor by now: the relationship is
# built in custody and carried through the gate (seed 003: of 98 prisoners seen, 1 got a mentor).
RELEASE_SOON = datetime.timedelta(weeks=12)
# Four weeks without a contact is when a relationship is being lost.
CONTACT_GAP = datetime.timedelta(weeks=4)


# The rules ------------------------------------------------------------------------------------------------


def due_for_release_without_mentor(
    *, in_custody: bool, expected_release_on: datetime.date | None, has_active_mentoring: bool, today: datetime.date
) -> bool:
    """In custody, due for release within 12 weeks (or past the expected date and still held), and
    no active mentoring of any kind."""
    if not in_custody or expected_release_on is None or has_active_mentoring:
        return False
    return expected_release_on <= today + RELEASE_SOON


def no_contact_since_release(
    *,
    released_on: datetime.date | None,
    started_on: datetime.date,
    ended_on: datetime.date | None,
    last_contact_on: datetime.date | None,
    today: datetime.date,
) -> bool:
    """Mentoring begun in custody, still active, 4 weeks or more since the person's release, and no
    contact that happened on or after the day of release: the relationship did not come through
    the gate."""
    if released_on is None or ended_on is not None or started_on > released_on:
        return False
    if today < released_on + CONTACT_GAP:
        return False
    return last_contact_on is None or last_contact_on < released_on


def no_recent_contact(
    *,
    started_on: datetime.date,
    ended_on: datetime.date | None,
    last_contact_on: datetime.date | None,
    today: datetime.date,
) -> bool:
    """Active mentoring whose last contact that happened (or, with none yet, whose start) was 4 weeks
    or more ago."""
    if ended_on is not None:
        return False
    return today - (last_contact_on or started_on) >= CONTACT_GAP


def contact_flags(
    *,
    released_on: datetime.date | None,
    started_on: datetime.date,
    ended_on: datetime.date | None,
    last_contact_on: datetime.date | None,
    today: datetime.date,
) -> list[str]:
    """The flag an allocation shows: not through the gate, else quiet for 4 weeks, else none."""
    if no_contact_since_release(
        released_on=released_on, started_on=started_on, ended_on=ended_on, last_contact_on=last_contact_on, today=today
    ):
        return [MentoringFlag.NO_CONTACT_SINCE_RELEASE.value]
    if no_recent_contact(started_on=started_on, ended_on=ended_on, last_contact_on=last_contact_on, today=today):
        return [MentoringFlag.NO_RECENT_CONTACT.value]
    return []


# Where the person is --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReleasePosition:
    """In custody now (with the expected release date), or released (on the latest release date)."""

    in_custody: bool
    expected_release_on: datetime.date | None
    released_on: datetime.date | None


def release_position(*, person: ServiceUser) -> ReleasePosition:
    episodes = list(person.custody_episodes.values_list("released_on", "expected_release_on"))
    open_episode = next((e for e in episodes if e[0] is None), None)
    if open_episode is not None:
        return ReleasePosition(in_custody=True, expected_release_on=open_episode[1], released_on=None)
    releases = [e[0] for e in episodes if e[0] is not None]
    return ReleasePosition(in_custody=False, expected_release_on=None, released_on=max(releases) if releases else None)


# One person's mentoring ---------------------------------------------------------------------------------


@dataclass
class AllocationView:
    allocation: Allocation
    before_release: list[Contact] = field(default_factory=list)
    after_release: list[Contact] = field(default_factory=list)
    last_contact_on: datetime.date | None = None
    flags: list[str] = field(default_factory=list)


@dataclass
class PersonMentoring:
    position: ReleasePosition
    active: list[AllocationView]
    ended: list[AllocationView]
    flags: list[str]


def allocations_visible_to(*, viewer: Any) -> Q:
    """Which allocations a viewer may read of a person they may see: all of them for prison,
    probation and administrators; a partner only its own organisation's."""
    if rules.can_view_all_mentoring(viewer):
        return Q()
    return Q(organisation_id=viewer.organisation_id)


def person_mentoring(*, person: ServiceUser, viewer: Any, today: datetime.date) -> PersonMentoring:
    """The person's mentoring as the viewer may see it, each allocation's contacts split at the
    release date, and the through-the-gate flags. Three queries whatever the number of records."""
    position = release_position(person=person)
    allocations = (
        Allocation.objects.filter(person=person)
        .filter(allocations_visible_to(viewer=viewer))
        .select_related("mentor", "organisation", "created_by", "ended_by")
        .prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.select_related("recorded_by").order_by("contact_on", "id"))
        )
    )
    active: list[AllocationView] = []
    ended: list[AllocationView] = []
    for allocation in allocations:
        view = AllocationView(allocation=allocation)
        for contact in allocation.contacts.all():
            released = position.released_on
            (view.after_release if released and contact.contact_on >= released else view.before_release).append(contact)
            if contact.happened:
                view.last_contact_on = contact.contact_on
        view.flags = contact_flags(
            released_on=position.released_on,
            started_on=allocation.started_on,
            ended_on=allocation.ended_on,
            last_contact_on=view.last_contact_on,
            today=today,
        )
        (active if allocation.is_active else ended).append(view)
    flags: list[str] = []
    # Only those who see all of a person's mentoring can know that they have none.
    if rules.can_view_all_mentoring(viewer) and due_for_release_without_mentor(
        in_custody=position.in_custody,
        expected_release_on=position.expected_release_on,
        has_active_mentoring=bool(active),
        today=today,
    ):
        flags.append(MentoringFlag.NO_MENTOR_BEFORE_RELEASE)
    return PersonMentoring(position=position, active=active, ended=ended, flags=flags)


# An organisation's mentees -------------------------------------------------------------------------------


@dataclass
class CaseloadRow:
    allocation: Allocation
    last_contact_on: datetime.date | None
    in_custody: bool
    released_on: datetime.date | None
    flags: list[str]


def caseload_for_organisation(*, organisation_id: int, today: datetime.date) -> list[CaseloadRow]:
    """The organisation's mentees: active allocations, and those ended in the last 90 days (so their
    last contacts can be recorded), each with the last contact that happened and where the person
    is. One query whatever the number of mentees."""
    since = today - SIGHT_AFTER_ENDING
    person = OuterRef("person_id")
    allocations = (
        Allocation.objects.filter(organisation_id=organisation_id)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=since))
        .select_related("person", "mentor")
        .annotate(
            last_contact_on=Max("contacts__contact_on", filter=Q(contacts__outcome=ContactOutcome.HAPPENED)),
            in_custody=Exists(CustodyEpisode.objects.filter(person_id=person, released_on__isnull=True)),
            latest_release_on=Subquery(
                CustodyEpisode.objects.filter(person_id=person, released_on__isnull=False)
                .order_by("-released_on")
                .values("released_on")[:1]
            ),
        )
        .order_by("ended_on", "person__family_name", "person__given_name", "id")
    )
    rows = []
    for allocation in allocations:
        released_on = None if allocation.in_custody else allocation.latest_release_on
        flags = contact_flags(
            released_on=released_on,
            started_on=allocation.started_on,
            ended_on=allocation.ended_on,
            last_contact_on=allocation.last_contact_on,
            today=today,
        )
        rows.append(
            CaseloadRow(
                allocation=allocation,
                last_contact_on=allocation.last_contact_on,
                in_custody=allocation.in_custody,
                released_on=released_on,
                flags=flags,
            )
        )
    return rows


def release_soon_without_mentor(*, prison_id: int, today: datetime.date) -> QuerySet[CustodyEpisode]:
    """People held at a prison and due for release within 12 weeks who have no active mentoring:
    the prison's list of whom to find a mentor for."""
    active = Allocation.objects.filter(ended_on__isnull=True).values("person_id")
    return (
        CustodyEpisode.objects.open()
        .filter(establishment_id=prison_id, expected_release_on__lte=today + RELEASE_SOON)
        .exclude(person_id__in=active)
        .select_related("person")
        .order_by("expected_release_on", "id")
    )


# Mentors -------------------------------------------------------------------------------------------------


def mentors_for_organisation(*, organisation_id: int) -> QuerySet[Mentor]:
    """An organisation's mentors and coaches, available first, each with how many people they
    mentor now."""
    return (
        Mentor.objects.filter(organisation_id=organisation_id)
        .select_related("user", "unavailable_by")
        .annotate(active_count=Count("allocations", filter=Q(allocations__ended_on__isnull=True)))
        .order_by(F("unavailable_at").asc(nulls_first=True), "name", "id")
    )


def mentors_available() -> QuerySet[Mentor]:
    """Mentors and coaches who can take someone on, in active organisations, by organisation."""
    return (
        Mentor.objects.filter(unavailable_at__isnull=True, organisation__active=True)
        .select_related("organisation")
        .order_by("organisation__name", "name", "id")
    )


def mentor_allocated_by_release() -> Exists:
    """For a custody episode: whether the person had a mentor allocated before the day of release,
    by an allocation not ended before their reception (accountability's `mentor_before_release`,
    and the `mentoring` intervention of the impact estimate: one rule for both)."""
    allocated = Allocation.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("received_on")),
        person_id=OuterRef("person_id"),
        started_on__lt=OuterRef("released_on"),
    )
    return Exists(allocated)


def episodes_mentored_before_release(*, released_from: datetime.date, released_to: datetime.date) -> set[int]:
    """The custody episodes released in the period whose person had a mentor allocated before the day
    of release (mentor_allocated_by_release). For comparisons in aggregate; one query."""
    return set(
        CustodyEpisode.objects.filter(released_on__gte=released_from, released_on__lte=released_to)
        .filter(mentor_allocated_by_release())
        .values_list("pk", flat=True)
    )
