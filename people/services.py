"""Writes to people's records. Each function is one transaction that validates, writes, and
records its audit event, taking the acting user (ENGINEERING.md: Zulip's actions)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import rules
from accounts.constants import Role
from audit.constants import Action
from audit.services import event_record
from organisations.models import Organisation
from people.models import CustodyEpisode, ProbationCase, ServiceUser
from people.selectors import person_get_for_user
from people.validators import normalise_identifier, validate_crn, validate_pnc, validate_prison_number

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User


@dataclass(frozen=True, kw_only=True)
class PersonDetails:
    given_name: str
    family_name: str
    date_of_birth: datetime.date
    prison_number: str = ""
    crn: str = ""
    pnc_number: str = ""


def person_open(*, acting_user: User, person_id: int, request: HttpRequest | None = None) -> ServiceUser:
    """Fetch a person's record for reading and audit the read. Anyone the user may not see raises
    ServiceUser.DoesNotExist, exactly as for a person who does not exist."""
    person = person_get_for_user(user=acting_user, person_id=person_id)
    event_record(
        actor=acting_user,
        action=Action.VIEW,
        record_type="person",
        record_id=person.pk,
        person_id=person.pk,
        summary="Viewed record",
        request=request,
    )
    return person


def _clean_details(details: PersonDetails) -> PersonDetails:
    errors: dict[str, list[str]] = {}
    given, family = details.given_name.strip(), details.family_name.strip()
    if not given:
        errors["given_name"] = [_("Enter their first name")]
    if not family:
        errors["family_name"] = [_("Enter their last name")]
    today = timezone.localdate()
    if details.date_of_birth > today:
        errors["date_of_birth"] = [_("Date of birth must be in the past")]
    elif details.date_of_birth < today.replace(year=today.year - 120):
        errors["date_of_birth"] = [_("Check the date of birth: it is more than 120 years ago")]
    prison_number = normalise_identifier(details.prison_number)
    crn = normalise_identifier(details.crn)
    pnc = normalise_identifier(details.pnc_number)
    for field, value, validator in (
        ("prison_number", prison_number, validate_prison_number),
        ("crn", crn, validate_crn),
        ("pnc_number", pnc, validate_pnc),
    ):
        if value:
            try:
                validator(value)
            except ValidationError as e:
                errors[field] = e.messages
    if not prison_number and not crn:
        errors["prison_number"] = [_("Enter a prison number or a case reference number, or both")]
    if (
        prison_number
        and "prison_number" not in errors
        and ServiceUser.objects.filter(prison_number=prison_number).exists()
    ):
        errors["prison_number"] = [
            _("A person with prison number %(number)s is already recorded") % {"number": prison_number}
        ]
    if crn and "crn" not in errors and ServiceUser.objects.filter(crn=crn).exists():
        errors["crn"] = [_("A person with case reference number %(crn)s is already recorded") % {"crn": crn}]
    if errors:
        raise ValidationError(errors)
    return PersonDetails(
        given_name=given,
        family_name=family,
        date_of_birth=details.date_of_birth,
        prison_number=prison_number,
        crn=crn,
        pnc_number=pnc,
    )


def _establishment_by_code(code: str) -> Organisation:
    code = normalise_identifier(code)
    try:
        return Organisation.objects.establishments().active().get(code=code)
    except Organisation.DoesNotExist:
        raise ValidationError(
            {"establishment_code": [_("There is no prison with code %(code)s") % {"code": code}]}
        ) from None


@transaction.atomic
def person_record(
    *,
    acting_user: User,
    details: PersonDetails,
    received_on: datetime.date | None = None,
    establishment_code: str = "",
    probation_started_on: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> ServiceUser:
    """Record a new person once, with where they are now: received into a prison (prison staff
    record into their own prison) or starting probation (a practitioner records into their own
    delivery unit, as the responsible practitioner). Duplicates are refused, never merged silently."""
    if not rules.can_record_person(acting_user):
        raise PermissionDenied
    clean = _clean_details(details)
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    establishment: Organisation | None = None
    if acting_user.role == Role.PRISON_STAFF:
        establishment = acting_user.organisation
        if received_on is None:
            errors["received_on"] = [_("Enter the date they were received into custody")]
    elif establishment_code:
        try:
            establishment = _establishment_by_code(establishment_code)
        except ValidationError as e:
            errors.update(e.message_dict)
        if received_on is None:
            errors["received_on"] = [_("Enter the date they were received into custody")]
    elif received_on is not None:
        errors["establishment_code"] = [_("Enter the code of the prison that received them")]
    if acting_user.role == Role.PROBATION_PRACTITIONER and probation_started_on is None:
        errors["probation_started_on"] = [_("Enter the date their probation started")]
    for field, value in (("received_on", received_on), ("probation_started_on", probation_started_on)):
        if value is not None and value > today:
            errors[field] = [_("The date cannot be in the future")]
        elif value is not None and value < clean.date_of_birth:
            errors[field] = [_("The date cannot be before their date of birth")]
    if errors:
        raise ValidationError(errors)

    try:
        with transaction.atomic():
            person = ServiceUser.objects.create(
                given_name=clean.given_name,
                family_name=clean.family_name,
                date_of_birth=clean.date_of_birth,
                prison_number=clean.prison_number or None,
                crn=clean.crn or None,
                pnc_number=clean.pnc_number,
                created_by=acting_user,
            )
    except IntegrityError:
        # Two people recording the same person at the same moment: the database's unique
        # constraint decides, and the loser is told plainly.
        raise ValidationError({"prison_number": [_("This person has just been recorded by someone else")]}) from None

    if establishment is not None and received_on is not None:
        CustodyEpisode.objects.create(
            person=person, establishment=establishment, received_on=received_on, created_by=acting_user
        )
    if acting_user.role == Role.PROBATION_PRACTITIONER and probation_started_on is not None:
        assert acting_user.organisation is not None  # every practitioner belongs to a delivery unit
        ProbationCase.objects.create(
            person=person,
            delivery_unit=acting_user.organisation,
            practitioner=acting_user,
            started_on=probation_started_on,
        )
    event_record(
        actor=acting_user,
        action=Action.CREATE,
        record_type="person",
        record_id=person.pk,
        person_id=person.pk,
        summary="Recorded person" + (f" received at {establishment.code}" if establishment else ""),
        changes={
            "prison_number": [None, clean.prison_number or None],
            "crn": [None, clean.crn or None],
        },
        request=request,
    )
    return person
