"""Writes for mentoring. Each function is one transaction that checks permission, validates,
writes and records its audit event, taking the acting user (ENGINEERING.md: Zulip's actions).
Bad input raises ValidationError with GOV.UK-style messages and changes nothing."""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.models import User
from audit.constants import Action
from audit.services import event_record
from common.once import submission_spend
from mentoring import rules
from mentoring.constants import ContactMethod, ContactOutcome, ContactRating, ContactSetting, EndReason, MentorKind
from mentoring.models import Allocation, Contact, Mentor
from organisations.constants import OrganisationKind
from people.models import ServiceUser

if TYPE_CHECKING:
    from django.http import HttpRequest

# The kinds of organisation that can have mentors and coaches of their own.
MENTOR_ORGANISATION_KINDS = (OrganisationKind.PROVIDER, OrganisationKind.ESTABLISHMENT, OrganisationKind.DELIVERY_UNIT)


@transaction.atomic
def mentor_add(
    *,
    acting_user: User,
    name: str,
    kind: str,
    lived_experience: bool | None,
    user_id: int | None = None,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Mentor:
    """Add a mentor or coach to the acting user's own organisation. A mentor who signs in is linked
    to their user (who must work for the same organisation); their name defaults to the user's."""
    if not rules.can_manage_mentors(acting_user):
        raise PermissionDenied
    organisation = acting_user.organisation
    if organisation is None or organisation.kind not in MENTOR_ORGANISATION_KINDS:
        raise PermissionDenied
    submission_spend(submission_id=submission_id)
    errors: dict[str, list[str]] = {}
    user = None
    if user_id:
        user = User.objects.filter(pk=user_id, organisation=organisation, is_active=True).first()
        if user is None:
            errors["user"] = [_("Select someone who works for %(name)s") % {"name": organisation.name}]
    name = name.strip() or (user.display_name if user else "")
    if not name:
        errors["name"] = [_("Enter the mentor's name")]
    if kind not in MentorKind.values:
        errors["kind"] = [_("Select whether they are a mentor, a coach or a peer mentor")]
    if lived_experience is None:
        errors["lived_experience"] = [_("Select whether they have lived experience of the justice system")]
    if errors:
        raise ValidationError(errors)
    mentor = Mentor.objects.create(
        organisation=organisation,
        name=name,
        kind=kind,
        lived_experience=bool(lived_experience),
        user=user,
        created_by=acting_user,
    )
    event_record(
        actor=acting_user,
        action=Action.CREATE,
        record_type="mentor",
        record_id=mentor.pk,
        summary=f"Added {MentorKind(kind).label.lower()} {name}",
        request=request,
    )
    return mentor


@transaction.atomic
def mentor_mark_unavailable(
    *, acting_user: User, mentor_id: int, reason: str = "", request: HttpRequest | None = None
) -> Mentor:
    """A mentor who has left or cannot take people on is no longer offered for new allocations; the
    people they work with now keep them until their mentoring is ended."""
    if not rules.can_manage_mentors(acting_user) or acting_user.organisation_id is None:
        raise PermissionDenied
    mentor = Mentor.objects.select_for_update().get(pk=mentor_id, organisation_id=acting_user.organisation_id)
    if not mentor.is_available:
        raise ValidationError(_("%(name)s is already marked as unavailable") % {"name": mentor.name})
    mentor.unavailable_at, mentor.unavailable_by, mentor.unavailable_reason = (
        timezone.now(),
        acting_user,
        reason.strip()[:300],
    )
    mentor.save(update_fields=["unavailable_at", "unavailable_by", "unavailable_reason"])
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="mentor",
        record_id=mentor.pk,
        summary=f"Marked {mentor.name} unavailable",
        changes={"available": ["True", "False"]},
        request=request,
    )
    return mentor


def _person(acting_user: User, person_id: int) -> ServiceUser:
    """The person, if the user may see them; ServiceUser.DoesNotExist otherwise (the view's 404)."""
    return ServiceUser.objects.visible_one(acting_user, person_id).get()


def _date_errors(
    value: datetime.date | None, *, field: str, missing: str, errors: dict[str, list[str]]
) -> datetime.date | None:
    if value is None:
        errors[field] = [missing]
    elif value > timezone.localdate():
        errors[field] = [_("The date cannot be in the future")]
    return value


@transaction.atomic
def allocation_add(
    *,
    acting_user: User,
    person_id: int,
    mentor_id: int | None,
    started_on: datetime.date | None,
    goals: str,
    consent: bool | None,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Allocation:
    """Allocate a mentor or coach to a person, with what the person wants from it in their own words
    (Good Help: their goals, not ours) and their consent. One active allocation per kind at most."""
    if not rules.can_allocate_mentor(acting_user):
        raise PermissionDenied
    person = _person(acting_user, person_id)
    submission_spend(submission_id=submission_id)
    errors: dict[str, list[str]] = {}
    mentor = None
    if mentor_id:
        mentor = (
            Mentor.objects.filter(pk=mentor_id, unavailable_at__isnull=True, organisation__active=True)
            .select_related("organisation")
            .first()
        )
    if mentor is None:
        errors["mentor"] = [_("Select an available mentor or coach")]
    elif Allocation.objects.filter(person=person, kind=mentor.kind, ended_on__isnull=True).exists():
        errors["mentor"] = [
            _("%(name)s already has a %(kind)s: end that mentoring before allocating another")
            % {"name": person.full_name, "kind": MentorKind(mentor.kind).label.lower()}
        ]
    _date_errors(started_on, field="started_on", missing=_("Enter the date the mentoring starts"), errors=errors)
    goals = goals.strip()
    if not goals:
        errors["goals"] = [_("Enter what the person wants from mentoring, in their own words")]
    if consent is None:
        errors["consent"] = [_("Select whether the person has agreed to be mentored")]
    elif not consent:
        errors["consent"] = [_("A mentor can only be allocated with the person's agreement")]
    if errors:
        raise ValidationError(errors)
    assert mentor is not None and started_on is not None
    try:
        with transaction.atomic():
            allocation = Allocation.objects.create(
                person=person,
                mentor=mentor,
                kind=mentor.kind,
                organisation=mentor.organisation,
                started_on=started_on,
                goals=goals,
                created_by=acting_user,
            )
    except IntegrityError:
        # Two members of staff allocating at the same moment: the database's constraint decides.
        raise ValidationError(
            {
                "mentor": [
                    _("Someone has just allocated a %(kind)s to this person") % {"kind": mentor.get_kind_display()}
                ]
            }
        ) from None
    event_record(
        actor=acting_user,
        action=Action.CREATE,
        record_type="mentoring_allocation",
        record_id=allocation.pk,
        person_id=person.pk,
        summary=f"Allocated {mentor.get_kind_display().lower()} {mentor.name} ({mentor.organisation.name}) "
        f"from {date_format(started_on, 'j F Y')}, with the person's consent",
        request=request,
    )
    return allocation


def _allocation_for_change(acting_user: User, person_id: int, allocation_id: int) -> Allocation:
    """The allocation, locked; a partner may change only its own organisation's allocations."""
    person = _person(acting_user, person_id)
    allocation = (
        Allocation.objects.select_for_update()
        .select_related("mentor", "organisation")
        .filter(pk=allocation_id, person=person)
        .first()
    )
    if allocation is None:
        raise Allocation.DoesNotExist
    if acting_user.role == Role.PARTNER_CASEWORKER and allocation.organisation_id != acting_user.organisation_id:
        raise Allocation.DoesNotExist
    return allocation


@transaction.atomic
def contact_record(
    *,
    acting_user: User,
    person_id: int,
    allocation_id: int,
    contact_on: datetime.date | None,
    method: str,
    setting: str,
    outcome: str,
    note: str = "",
    rating: str = "",
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Contact:
    """Record a contact, or one the person did not attend. A contact cannot be dated in the future,
    before the mentoring began, or after it ended."""
    if not rules.can_record_contact(acting_user):
        raise PermissionDenied
    allocation = _allocation_for_change(acting_user, person_id, allocation_id)
    submission_spend(submission_id=submission_id)
    errors: dict[str, list[str]] = {}
    _date_errors(contact_on, field="contact_on", missing=_("Enter the date of the contact"), errors=errors)
    if contact_on is not None and "contact_on" not in errors:
        if contact_on < allocation.started_on:
            errors["contact_on"] = [
                _("The contact cannot be before the mentoring began on %(date)s")
                % {"date": date_format(allocation.started_on, "j F Y")}
            ]
        elif allocation.ended_on is not None and contact_on > allocation.ended_on:
            errors["contact_on"] = [
                _("The contact cannot be after the mentoring ended on %(date)s")
                % {"date": date_format(allocation.ended_on, "j F Y")}
            ]
    if method not in ContactMethod.values:
        errors["method"] = [_("Select how the contact was made")]
    if setting not in ContactSetting.values:
        errors["setting"] = [_("Select where the contact was")]
    if outcome not in ContactOutcome.values:
        errors["outcome"] = [_("Select whether the contact happened")]
    if rating and rating not in ContactRating.values:
        errors["rating"] = [_("Select how the person rated it from the list")]
    elif rating and outcome == ContactOutcome.DID_NOT_ATTEND:
        errors["rating"] = [_("Leave the rating empty when the person did not attend")]
    note = note.strip()
    if len(note) > 500:
        errors["note"] = [_("The note must be 500 characters or fewer")]
    if errors:
        raise ValidationError(errors)
    assert contact_on is not None
    contact = Contact.objects.create(
        allocation=allocation,
        contact_on=contact_on,
        method=method,
        setting=setting,
        outcome=outcome,
        note=note,
        rating=rating,
        recorded_by=acting_user,
    )
    event_record(
        actor=acting_user,
        action=Action.CREATE,
        record_type="mentoring_contact",
        record_id=contact.pk,
        person_id=allocation.person_id,
        summary=f"Recorded a mentoring contact on {date_format(contact_on, 'j F Y')}: "
        f"{ContactOutcome(outcome).label.lower()}",
        request=request,
    )
    return contact


@transaction.atomic
def allocation_end(
    *,
    acting_user: User,
    person_id: int,
    allocation_id: int,
    ended_on: datetime.date | None,
    reason: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> Allocation:
    """End mentoring with a date and a coded reason ("another reason" needs a note)."""
    if not rules.can_end_allocation(acting_user):
        raise PermissionDenied
    allocation = _allocation_for_change(acting_user, person_id, allocation_id)
    if allocation.ended_on is not None:
        raise ValidationError(
            _("This mentoring already ended on %(date)s") % {"date": date_format(allocation.ended_on, "j F Y")}
        )
    errors: dict[str, list[str]] = {}
    _date_errors(ended_on, field="ended_on", missing=_("Enter the date the mentoring ended"), errors=errors)
    if ended_on is not None and "ended_on" not in errors and ended_on < allocation.started_on:
        errors["ended_on"] = [
            _("The end date cannot be before the mentoring began on %(date)s")
            % {"date": date_format(allocation.started_on, "j F Y")}
        ]
    if ended_on is not None and "ended_on" not in errors:
        last = allocation.contacts.order_by("-contact_on").values_list("contact_on", flat=True).first()
        if last is not None and ended_on < last:
            errors["ended_on"] = [
                _("The end date cannot be before the last contact on %(date)s") % {"date": date_format(last, "j F Y")}
            ]
    if reason not in EndReason.values:
        errors["reason"] = [_("Select why the mentoring ended")]
    note = note.strip()
    if reason == EndReason.OTHER and not note:
        errors["note"] = [_("Enter why the mentoring ended")]
    if errors:
        raise ValidationError(errors)
    assert ended_on is not None
    allocation.ended_on, allocation.end_reason, allocation.end_note = ended_on, reason, note
    allocation.ended_at, allocation.ended_by = timezone.now(), acting_user
    allocation.save(update_fields=["ended_on", "end_reason", "end_note", "ended_at", "ended_by"])
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="mentoring_allocation",
        record_id=allocation.pk,
        person_id=allocation.person_id,
        summary=f"Ended mentoring with {allocation.mentor.name} on {date_format(ended_on, 'j F Y')}: "
        f"{EndReason(reason).label}",
        changes={"ended_on": [None, ended_on.isoformat()], "end_reason": [None, reason]},
        request=request,
    )
    return allocation
