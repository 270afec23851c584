"""Writes for involvement activities, their participants and ratings, and lived-experience roles.

Each function is one transaction that checks permission, validates, writes and records its audit
event, taking the acting user (ENGINEERING.md: Zulip's actions). Bad input raises ValidationError
with GOV.UK-style messages and changes nothing; another organisation's record raises DoesNotExist
(a 404).

Participants' ratings never name who gave them (involvement/models.py): a rating from the person's
own view is stored as a ParticipantRating (random id, activity, rung, channel, no time) and,
separately, a RatingMark (a keyed digest of activity and person) that only says "this person has
rated this activity". The audit event says that the person rated an activity, never which activity
nor which rung, so the audit trail cannot be joined to a rating.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import Role
from audit.constants import Action as AuditAction
from audit.services import event_record
from common.once import submission_spend
from councils.models import Meeting
from involvement import rules
from involvement.constants import (
    RECOGNITION_WITH_AMOUNT,
    ActivityKind,
    RatingChannel,
    Recognition,
    RoleEndReason,
    RoleKind,
    Rung,
)
from involvement.models import (
    Activity,
    LivedExperienceRole,
    Participant,
    ParticipantRating,
    PeerResearchProject,
    RatingMark,
)
from involvement.rating_mixing import rating_seal
from organisations.models import Contract, Organisation
from people.models import ServiceUser
from people.selectors import person_by_identifier
from people.validators import normalise_identifier
from voice.anonymity import digest

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User

TEXT_MAX = 2000
TITLE_MAX = 200
# A slip count above this is a typing mistake, not a meeting.
SLIPS_MAX_PER_RUNG = 500
RATING_PURPOSE = "involvement.rating"


# ---------------------------------------------------------------------------------------------
# Shared checks.


def _text(
    value: str | None, *, field: str, missing: str | None, errors: dict[str, list[str]], limit: int = TEXT_MAX
) -> str:
    value = (value or "").strip()
    if not value and missing is not None:
        errors[field] = [missing]
    elif len(value) > limit:
        errors[field] = [_("Use %(n)d characters or fewer") % {"n": limit}]
    return value


def _rung(value: Any, errors: dict[str, list[str]], field: str = "staff_rung") -> int | None:
    """A rung is a whole number from 1 to 8: anything else (a crafted form) is refused."""
    try:
        rung = int(value)
    except (TypeError, ValueError):
        rung = 0
    if str(value).strip() != str(rung) or rung not in Rung.values:
        errors[field] = [_("Choose a rung on the ladder")]
        return None
    return rung


def _pence(value: Any, *, field: str, missing: str, errors: dict[str, list[str]]) -> int | None:
    """Pounds (as typed, "12.50" or "£12.50") to pence; positive, at most two decimal places."""
    if value is None or str(value).strip() == "":
        errors[field] = [missing]
        return None
    try:
        pounds = Decimal(str(value).strip().lstrip("£").replace(",", ""))
    except InvalidOperation:
        errors[field] = [_("Enter an amount in pounds, like 12.50")]
        return None
    if not pounds.is_finite() or pounds <= 0 or pounds != pounds.quantize(Decimal("0.01")):
        errors[field] = [_("Enter an amount in pounds more than 0, like 12.50")]
        return None
    if pounds > Decimal("100000"):
        errors[field] = [_("Enter an amount of £100,000 or less")]
        return None
    return int(pounds * 100)


def _person(identifier: str, *, field: str, errors: dict[str, list[str]]) -> ServiceUser | None:
    if not normalise_identifier(identifier):
        errors[field] = [_("Enter the prison number or case reference number of the person")]
        return None
    person = person_by_identifier(identifier)
    if person is None:
        errors[field] = [_("No one has that prison number or case reference number. Check it and try again")]
    return person


def _activity(acting_user: User, activity_id: int) -> Activity:
    """The activity, locked, if it is in the user's remit; Activity.DoesNotExist otherwise."""
    if not rules.can_run_involvement(acting_user):
        raise PermissionDenied
    activity = Activity.objects.select_for_update().get(pk=activity_id)
    if not rules.in_remit(acting_user, activity.organisation_id):
        raise Activity.DoesNotExist
    return activity


def _organisation(acting_user: User, organisation_id: int | None, errors: dict[str, list[str]]) -> Organisation | None:
    if acting_user.role != Role.ADMINISTRATOR:
        organisation_id = acting_user.organisation_id
    organisation = Organisation.objects.filter(pk=organisation_id, active=True).first() if organisation_id else None
    if organisation is None:
        errors["organisation"] = [_("Select the organisation")]
    return organisation


def contracts_for(organisation: Organisation) -> list[Contract]:
    """Contracts an activity of this organisation may be run under: its own as provider, or those
    delivered in its prison or region (organisations.querysets.ContractQuerySet.relevant_to)."""
    return list(Contract.objects.relevant_to(organisation).order_by("reference"))


def meetings_for(organisation: Organisation) -> list[Meeting]:
    return list(Meeting.objects.filter(council__organisation=organisation).select_related("council"))


def projects_for(organisation: Organisation) -> list[PeerResearchProject]:
    return list(PeerResearchProject.objects.filter(organisation=organisation))


def roles_for(organisation: Organisation) -> list[LivedExperienceRole]:
    return list(LivedExperienceRole.objects.filter(organisation=organisation).select_related("person"))


# ---------------------------------------------------------------------------------------------
# Activities.


@transaction.atomic
def activity_log(
    *,
    acting_user: User,
    organisation_id: int | None,
    kind: str,
    title: str,
    held_on: datetime.date | None,
    purpose: str,
    staff_rung: Any,
    staff_rung_reason: str,
    other_participants: int | None = 0,
    contract_id: int | None = None,
    council_meeting_id: int | None = None,
    project_id: int | None = None,
    role_id: int | None = None,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Activity:
    """Log an activity for the lead's own organisation (an administrator chooses it), with the
    staff's rung on the ladder and their reason for it."""
    if not rules.can_run_involvement(acting_user):
        raise PermissionDenied
    submission_spend(submission_id=submission_id)
    errors: dict[str, list[str]] = {}
    organisation = _organisation(acting_user, organisation_id, errors)
    if kind not in ActivityKind.values:
        errors["kind"] = [_("Select the type of activity")]
    title = _text(title, field="title", missing=_("Enter a title"), errors=errors, limit=TITLE_MAX)
    if held_on is None:
        errors["held_on"] = [_("Enter the date of the activity")]
    elif held_on > timezone.localdate():
        errors["held_on"] = [_("The date of the activity must be today or in the past")]
    purpose = _text(purpose, field="purpose", missing=_("Enter what the activity was for"), errors=errors)
    rung = _rung(staff_rung, errors)
    reason = _text(
        staff_rung_reason, field="staff_rung_reason", missing=_("Enter why you chose this rung"), errors=errors
    )
    other = other_participants or 0
    if other < 0 or other > 100000:
        errors["other_participants"] = [_("Enter a number of people from 0 upwards")]
    contract = meeting = project = role = None
    if organisation is not None:
        if contract_id:
            contract = next((c for c in contracts_for(organisation) if c.pk == contract_id), None)
            if contract is None:
                errors["contract"] = [_("Select a contract that %(name)s works under") % {"name": organisation.name}]
        if council_meeting_id:
            if kind != ActivityKind.COUNCIL_MEETING:
                errors["council_meeting"] = [_("Only a council meeting can be linked to a meeting")]
            else:
                meeting = Meeting.objects.filter(pk=council_meeting_id, council__organisation=organisation).first()
                if meeting is None:
                    errors["council_meeting"] = [
                        _("Select a meeting of one of %(name)s's councils") % {"name": organisation.name}
                    ]
        if project_id:
            if kind != ActivityKind.PEER_RESEARCH:
                errors["project"] = [_("Only peer research can be linked to a research project")]
            else:
                project = PeerResearchProject.objects.filter(pk=project_id, organisation=organisation).first()
                if project is None:
                    errors["project"] = [_("Select a research project of %(name)s") % {"name": organisation.name}]
        if role_id:
            role = LivedExperienceRole.objects.filter(pk=role_id, organisation=organisation).first()
            if role is None:
                errors["role"] = [_("Select a lived-experience role at %(name)s") % {"name": organisation.name}]
    if errors:
        raise ValidationError(errors)
    assert organisation is not None and held_on is not None and rung is not None
    activity = Activity.objects.create(
        organisation=organisation,
        contract=contract,
        kind=kind,
        title=title,
        held_on=held_on,
        purpose=purpose,
        other_participants=other,
        staff_rung=rung,
        staff_rung_reason=reason,
        council_meeting=meeting,
        project=project,
        role=role,
        recorded_by=acting_user,
    )
    event_record(
        actor=acting_user,
        action=AuditAction.CREATE,
        record_type="involvement_activity",
        record_id=activity.pk,
        summary=f"Logged involvement activity {activity.pk} ({kind}, staff rung {rung})",
        request=request,
    )
    return activity


@transaction.atomic
def activity_staff_rating_edit(
    *,
    acting_user: User,
    activity_id: int,
    expected_version: int | None,
    staff_rung: Any,
    staff_rung_reason: str,
    request: HttpRequest | None = None,
) -> Activity:
    """Change the staff's rung and reason. Refused when someone else changed it since the form was
    drawn (a stale save), so that no one overwrites a rating they have not seen."""
    activity = _activity(acting_user, activity_id)
    if expected_version != activity.version:
        raise ValidationError(
            _(
                "Someone else changed this rating since you opened the page. It now says rung %(rung)s: "
                "check it, then make your change again"
            )
            % {"rung": f"{activity.staff_rung}, {Rung(activity.staff_rung).label}"},
            code="stale",
        )
    errors: dict[str, list[str]] = {}
    rung = _rung(staff_rung, errors)
    reason = _text(
        staff_rung_reason, field="staff_rung_reason", missing=_("Enter why you chose this rung"), errors=errors
    )
    if errors:
        raise ValidationError(errors)
    assert rung is not None
    before = activity.staff_rung
    activity.staff_rung = rung
    activity.staff_rung_reason = reason
    activity.version += 1
    activity.save(update_fields=["staff_rung", "staff_rung_reason", "version"])
    event_record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        record_type="involvement_activity",
        record_id=activity.pk,
        summary=f"Changed the staff rung of involvement activity {activity.pk}",
        changes={"staff_rung": [before, rung]},
        request=request,
    )
    return activity


@transaction.atomic
def activity_feedback_record(
    *,
    acting_user: User,
    activity_id: int,
    fed_back: str,
    fed_back_on: datetime.date | None,
    request: HttpRequest | None = None,
) -> Activity:
    """Record what was fed back to the people who took part, and when (not before the activity,
    not in the future). Recording again replaces it; the history keeps every version."""
    activity = _activity(acting_user, activity_id)
    errors: dict[str, list[str]] = {}
    words = _text(fed_back, field="fed_back", missing=_("Enter what was fed back"), errors=errors)
    if fed_back_on is None:
        errors["fed_back_on"] = [_("Enter the date it was fed back")]
    elif fed_back_on < activity.held_on:
        errors["fed_back_on"] = [
            _("The date it was fed back must be on or after the activity, %(date)s")
            % {"date": activity.held_on.strftime("%-d %B %Y")}
        ]
    elif fed_back_on > timezone.localdate():
        errors["fed_back_on"] = [_("The date it was fed back must be today or in the past")]
    if errors:
        raise ValidationError(errors)
    activity.fed_back = words
    activity.fed_back_on = fed_back_on
    activity.save(update_fields=["fed_back", "fed_back_on"])
    event_record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        record_type="involvement_activity",
        record_id=activity.pk,
        summary=f"Recorded what was fed back for involvement activity {activity.pk}",
        request=request,
    )
    return activity


@transaction.atomic
def activity_participant_add(
    *,
    acting_user: User,
    activity_id: int,
    identifier: str,
    recognition: str,
    amount_pounds: Any = None,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Participant:
    """Add a named participant, found by prison number or case reference number, with what they
    were given for their time (an amount in pounds when paid or given a voucher)."""
    activity = _activity(acting_user, activity_id)
    submission_spend(submission_id=submission_id)
    errors: dict[str, list[str]] = {}
    person = _person(identifier, field="identifier", errors=errors)
    if person is not None and Participant.objects.filter(activity=activity, person=person).exists():
        errors["identifier"] = [_("This person is already a participant")]
    amount = None
    if recognition not in Recognition.values:
        errors["recognition"] = [_("Select what they were given for their time")]
    elif recognition in RECOGNITION_WITH_AMOUNT:
        amount = _pence(amount_pounds, field="amount", missing=_("Enter the amount in pounds"), errors=errors)
    if errors:
        raise ValidationError(errors)
    assert person is not None
    participant = Participant.objects.create(
        activity=activity, person=person, recognition=recognition, amount_pence=amount, added_by=acting_user
    )
    event_record(
        actor=acting_user,
        action=AuditAction.CREATE,
        record_type="involvement_participant",
        record_id=participant.pk,
        person_id=person.pk,
        summary=f"Added a participant to involvement activity {activity.pk}",
        request=request,
    )
    return participant


@transaction.atomic
def activity_participant_remove(
    *, acting_user: User, activity_id: int, participant_id: int, request: HttpRequest | None = None
) -> None:
    """Remove a participant added by mistake, only while no one has rated the activity: after that
    the participants are the people the ratings came from, and the record of who could rate (and
    who was paid) must stand."""
    activity = _activity(acting_user, activity_id)
    participant = Participant.objects.get(pk=participant_id, activity=activity)
    # A rating from the person's own view leaves a mark at once (its rating may still be sealed,
    # involvement/rating_mixing.py); slips typed in by staff are ratings at once.
    if (
        RatingMark.objects.filter(activity=activity).exists()
        or ParticipantRating.objects.filter(activity=activity).exists()
    ):
        raise ValidationError(
            _("Participants cannot be removed once the activity has ratings from participants"), code="rated"
        )
    person_id = participant.person_id
    participant.delete()
    event_record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        record_type="involvement_participant",
        record_id=participant_id,
        person_id=person_id,
        summary=f"Removed a participant from involvement activity {activity.pk}",
        request=request,
    )


@transaction.atomic
def activity_slips_enter(
    *,
    acting_user: User,
    activity_id: int,
    counts: dict[Any, Any],
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> int:
    """Enter anonymous rating slips in one go: how many slips chose each rung. Returns how many
    were stored. Each becomes a ParticipantRating (channel SLIP) with nothing about who wrote it."""
    activity = _activity(acting_user, activity_id)
    submission_spend(submission_id=submission_id)
    errors: dict[str, list[str]] = {}
    clean: dict[int, int] = {}
    for key, value in counts.items():
        rung = _rung(key, errors, field="counts")
        if rung is None:
            break
        try:
            n = int(value or 0)
        except (TypeError, ValueError):
            n = -1
        if n < 0 or n > SLIPS_MAX_PER_RUNG:
            errors[f"rung_{rung}"] = [_("Enter a number of slips from 0 to %(max)d") % {"max": SLIPS_MAX_PER_RUNG}]
        else:
            clean[rung] = n
    if not errors and not sum(clean.values()):
        errors["counts"] = [_("Enter how many slips chose at least one rung")]
    if errors:
        raise ValidationError(errors)
    ratings = [
        ParticipantRating(activity=activity, rung=rung, channel=RatingChannel.SLIP)
        for rung, n in sorted(clean.items())
        for _i in range(n)
    ]
    ParticipantRating.objects.bulk_create(ratings)
    event_record(
        actor=acting_user,
        action=AuditAction.CREATE,
        record_type="involvement_activity",
        record_id=activity.pk,
        summary=f"Entered {len(ratings)} rating slips for involvement activity {activity.pk}",
        request=request,
    )
    return len(ratings)


@transaction.atomic
def activity_rate_own(
    *,
    person_id: int,
    activity_id: int,
    rung: Any,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> None:
    """The person rates, from their own view, an activity they took part in. Stores a rating with
    nothing about them and, apart from it, a keyed mark that they have rated; a second rating of
    the same activity is refused. Another activity answers Activity.DoesNotExist (a 404)."""
    activity = Activity.objects.select_for_update().get(pk=activity_id, participants__person_id=person_id)
    submission_spend(submission_id=submission_id)
    mark = digest(RATING_PURPOSE, activity.pk, person_id)
    if RatingMark.objects.filter(digest=mark).exists():
        raise ValidationError(_("You have already rated this"), code="already_rated")
    errors: dict[str, list[str]] = {}
    chosen = _rung(rung, errors, field="rung")
    if chosen is None:
        raise ValidationError({"rung": [_("Choose the sentence that fits best")]})
    RatingMark.objects.create(digest=mark, activity=activity)
    # Sealed, and counted once mixed in a batch (involvement/rating_mixing.py): the ratings' order
    # must not follow the order of the marks and of the audit events below.
    rating_seal(activity_id=activity.pk, rung=chosen)
    # Who rated is recorded (every action of a person is audited), never what or which activity:
    # with the activity the event's time could be matched to the one rating it added.
    event_record(
        actor=None,
        action=AuditAction.CREATE,
        record_type="involvement_rating",
        record_id="",
        person_id=person_id,
        summary="Person rated an involvement activity from their own view",
        request=request,
        day_only=True,  # no time to pair with the sealed rating's place (decision 23)
    )


# ---------------------------------------------------------------------------------------------
# Lived-experience roles.


def _role(acting_user: User, role_id: int) -> LivedExperienceRole:
    if not rules.can_run_involvement(acting_user):
        raise PermissionDenied
    role = LivedExperienceRole.objects.select_for_update().get(pk=role_id)
    if not rules.in_remit(acting_user, role.organisation_id):
        raise LivedExperienceRole.DoesNotExist
    return role


@transaction.atomic
def role_add(
    *,
    acting_user: User,
    organisation_id: int | None,
    identifier: str,
    title: str,
    kind: str,
    starts_on: datetime.date | None,
    pay_pounds: Any = None,
    hours_per_week: Any = None,
    ends_on: datetime.date | None = None,
    description: str = "",
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> LivedExperienceRole:
    """Record a paid or volunteer lived-experience role. A paid role must say its pay per hour."""
    if not rules.can_run_involvement(acting_user):
        raise PermissionDenied
    submission_spend(submission_id=submission_id)
    errors: dict[str, list[str]] = {}
    organisation = _organisation(acting_user, organisation_id, errors)
    person = _person(identifier, field="identifier", errors=errors)
    title = _text(title, field="title", missing=_("Enter the role"), errors=errors, limit=TITLE_MAX)
    description = _text(description, field="description", missing=None, errors=errors)
    pay = None
    if kind not in RoleKind.values:
        errors["kind"] = [_("Select paid or volunteer")]
    elif kind == RoleKind.PAID:
        pay = _pence(pay_pounds, field="pay", missing=_("Enter the pay per hour for a paid role"), errors=errors)
    hours = None
    if hours_per_week not in (None, ""):
        try:
            hours = Decimal(str(hours_per_week).strip())
        except InvalidOperation:
            hours = None
        if (
            hours is None
            or not hours.is_finite()
            or hours <= 0
            or hours > 168
            or hours != hours.quantize(Decimal("0.1"))
        ):
            errors["hours_per_week"] = [_("Enter hours a week as a number from 0.5 to 168, like 7.5")]
    if starts_on is None:
        errors["starts_on"] = [_("Enter the date the role starts")]
    if ends_on is not None and starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = [_("The end date must be on or after the start date")]
    if errors:
        raise ValidationError(errors)
    assert organisation is not None and person is not None and starts_on is not None
    role = LivedExperienceRole.objects.create(
        organisation=organisation,
        person=person,
        title=title,
        kind=kind,
        description=description,
        hours_per_week=hours,
        pay_pence_per_hour=pay,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=acting_user,
    )
    event_record(
        actor=acting_user,
        action=AuditAction.CREATE,
        record_type="involvement_role",
        record_id=role.pk,
        person_id=person.pk,
        summary=f"Recorded lived-experience role {role.pk} ({kind})",
        request=request,
    )
    return role


@transaction.atomic
def role_end(
    *,
    acting_user: User,
    role_id: int,
    ends_on: datetime.date | None,
    end_reason: str,
    request: HttpRequest | None = None,
) -> LivedExperienceRole:
    """End a role on a date not before it started, with the reason."""
    role = _role(acting_user, role_id)
    errors: dict[str, list[str]] = {}
    if role.end_reason:
        raise ValidationError(_("This role has already ended"), code="ended")
    if ends_on is None:
        errors["ends_on"] = [_("Enter the date the role ends")]
    elif ends_on < role.starts_on:
        errors["ends_on"] = [
            _("The end date must be on or after the start date, %(date)s")
            % {"date": role.starts_on.strftime("%-d %B %Y")}
        ]
    if end_reason not in RoleEndReason.values:
        errors["end_reason"] = [_("Select why the role ended")]
    if errors:
        raise ValidationError(errors)
    role.ends_on = ends_on
    role.end_reason = end_reason
    role.save(update_fields=["ends_on", "end_reason"])
    event_record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        record_type="involvement_role",
        record_id=role.pk,
        person_id=role.person_id,
        summary=f"Ended lived-experience role {role.pk} ({end_reason})",
        request=request,
    )
    return role
