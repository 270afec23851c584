"""Writes to referrals. Each is one transaction that checks who is acting, validates, writes and
records its audit event; bad input raises ValidationError and changes nothing."""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.constants import Action
from audit.services import event_record
from common.once import submission_spend
from organisations.constants import Pathway
from organisations.models import Contract
from people.models import ServiceUser
from referrals import rules
from referrals.constants import (
    OPEN_STATUSES,
    Attendance,
    DeclineReason,
    OutcomeRating,
    ReferralStatus,
    SessionMethod,
    WithdrawalReason,
)
from referrals.models import Referral, ReferralOutcome, ReferralSession
from resettlement.models import Need

if TYPE_CHECKING:
    from django.http import HttpRequest

MAX_OUTCOMES = 10


def _audit(
    *, user: User, action: Action, referral: Referral, summary: str, request: HttpRequest | None, **changes: object
) -> None:
    event_record(
        actor=user,
        action=action,
        record_type="referral",
        record_id=referral.pk,
        person_id=referral.person_id,
        summary=summary,
        changes={k: [None, str(v)] for k, v in changes.items()},
        request=request,
    )


def _check_contract(*, contract_id: int | None, pathway: str, acting_user: User) -> Contract:
    """The contract must be current, cover the pathway, and be delivered where the referrer works."""
    contract = Contract.objects.select_related("provider").filter(pk=contract_id).first() if contract_id else None
    if contract is None:
        raise ValidationError({"contract": [_("Select the service to refer to")]})
    today = timezone.localdate()
    if not Contract.objects.current(on=today).filter(pk=contract.pk).exists():
        raise ValidationError({"contract": [_("That contract is not running today, so it cannot take referrals")]})
    assert acting_user.organisation is not None
    if not Contract.objects.relevant_to(acting_user.organisation).filter(pk=contract.pk).exists():
        raise ValidationError({"contract": [_("That service is not delivered where you work")]})
    if not contract.pathways.filter(pathway=pathway).exists():
        raise ValidationError(
            {
                "contract": [
                    _("%(provider)s has no contract for %(pathway)s: choose another service")
                    % {"provider": contract.provider.name, "pathway": Pathway(pathway).label.lower()}
                ]
            }
        )
    if not contract.provider.active:
        raise ValidationError({"contract": [_("%(provider)s is no longer active") % {"provider": contract.provider}]})
    return contract


@transaction.atomic
def referral_send(
    *,
    acting_user: User,
    person_id: int,
    contract_id: int | None,
    pathway: str,
    details: str,
    desired_outcomes: list[str],
    need_id: int | None = None,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Referral:
    """Refer a person to a partner under a contract for help on one pathway, with the outcomes wanted."""
    if not rules.can_send_referral(acting_user):
        raise PermissionDenied
    person = ServiceUser.objects.visible_one(acting_user, person_id).get()  # DoesNotExist outside scope
    submission_spend(submission_id=submission_id)
    need = None
    if need_id:
        need = Need.objects.filter(pk=need_id, person=person).first()
        if need is None:
            raise ValidationError({"need": [_("Select one of this person's needs")]})
        pathway = need.pathway
    errors: dict[str, list[str]] = {}
    if pathway not in Pathway.values:
        errors["pathway"] = [_("Select the pathway the help is for")]
    details = details.strip()
    if not details:
        errors["details"] = [_("Describe the help the person needs")]
    outcomes = [o.strip() for o in desired_outcomes if o.strip()]
    if not outcomes:
        errors["desired_outcomes"] = [_("Enter at least one outcome the person wants from this referral")]
    elif len(outcomes) > MAX_OUTCOMES:
        errors["desired_outcomes"] = [_("Enter at most %(n)d outcomes") % {"n": MAX_OUTCOMES}]
    elif any(len(o) > 300 for o in outcomes):
        errors["desired_outcomes"] = [_("Each outcome must be 300 characters or fewer")]
    contract = None
    if pathway in Pathway.values:
        try:
            contract = _check_contract(contract_id=contract_id, pathway=pathway, acting_user=acting_user)
        except ValidationError as e:
            errors.update(e.message_dict)
    elif not contract_id:
        errors["contract"] = [_("Select the service to refer to")]
    if errors:
        raise ValidationError(errors)
    organisation = acting_user.organisation
    assert contract is not None and organisation is not None
    if Referral.objects.open().filter(person=person, provider_id=contract.provider_id, pathway=pathway).exists():
        raise ValidationError(
            {
                "contract": [
                    _("%(name)s already has an open referral to %(provider)s for this pathway")
                    % {"name": person.full_name, "provider": contract.provider.name}
                ]
            }
        )
    referral = Referral.objects.create(
        person=person,
        contract=contract,
        provider_id=contract.provider_id,
        pathway=pathway,
        need=need,
        details=details,
        sent_by=acting_user,
        referring_organisation=organisation,
    )
    ReferralOutcome.objects.bulk_create([ReferralOutcome(referral=referral, description=o) for o in outcomes])
    _audit(
        user=acting_user,
        action=Action.CREATE,
        referral=referral,
        summary=f"Referred to {contract.provider.name} ({contract.reference}) for {Pathway(pathway).label}",
        request=request,
        provider=contract.provider_id,
    )
    return referral


def _referral_for_partner(*, acting_user: User, referral_id: int, expected: tuple[str, ...]) -> Referral:
    """The referral, locked, when the acting user works for the partner it was sent to and it is in
    one of the expected states; otherwise a clear refusal."""
    referral = Referral.objects.select_for_update().filter(pk=referral_id).first()
    if referral is None:
        raise Referral.DoesNotExist
    if not rules.is_receiving_partner(acting_user, referral):
        raise ValidationError(
            _("This referral was not sent to your organisation, so you cannot act on it"), code="not_yours"
        )
    status = referral.status()
    if status not in expected:
        raise ValidationError(
            _("This referral is %(status)s, so that cannot be done now")
            % {"status": ReferralStatus(status).label.lower()},
            code="wrong_state",
        )
    return referral


def _coded_reason(
    *, reason: str, note: str, codes: type[DeclineReason | WithdrawalReason], select: str, explain: str
) -> str:
    """A reason from the coded list, with a note when it is "another reason"; the note, stripped."""
    errors: dict[str, list[str]] = {}
    if reason not in codes.values:
        errors["reason"] = [select]
    note = note.strip()
    if reason == "other" and not note:
        errors["note"] = [explain]
    if errors:
        raise ValidationError(errors)
    return note


@transaction.atomic
def referral_accept(*, acting_user: User, referral_id: int, request: HttpRequest | None = None) -> Referral:
    referral = _referral_for_partner(acting_user=acting_user, referral_id=referral_id, expected=(ReferralStatus.SENT,))
    referral.accepted_at, referral.accepted_by = timezone.now(), acting_user
    referral.save(update_fields=["accepted_at", "accepted_by"])
    _audit(user=acting_user, action=Action.UPDATE, referral=referral, summary="Referral accepted", request=request)
    return referral


@transaction.atomic
def referral_decline(
    *, acting_user: User, referral_id: int, reason: str, note: str, request: HttpRequest | None = None
) -> Referral:
    referral = _referral_for_partner(acting_user=acting_user, referral_id=referral_id, expected=(ReferralStatus.SENT,))
    note = _coded_reason(
        reason=reason,
        note=note,
        codes=DeclineReason,
        select=_("Select why you are declining the referral"),
        explain=_("Enter why you are declining the referral"),
    )
    referral.declined_at, referral.declined_by = timezone.now(), acting_user
    referral.decline_reason, referral.decline_note = reason, note
    referral.save(update_fields=["declined_at", "declined_by", "decline_reason", "decline_note"])
    _audit(
        user=acting_user,
        action=Action.UPDATE,
        referral=referral,
        summary=f"Referral declined: {DeclineReason(reason).label}",
        request=request,
        decline_reason=reason,
    )
    return referral


@transaction.atomic
def referral_session_add(
    *,
    acting_user: User,
    referral_id: int,
    happens_on: datetime.date | None,
    method: str,
    purpose: str,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> ReferralSession:
    """Arrange a session or appointment (past or future) on an accepted referral."""
    referral = _referral_for_partner(
        acting_user=acting_user,
        referral_id=referral_id,
        expected=(ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS),
    )
    submission_spend(submission_id=submission_id)
    errors: dict[str, list[str]] = {}
    if happens_on is None:
        errors["happens_on"] = [_("Enter the date of the session")]
    elif referral.accepted_at and happens_on < timezone.localdate(referral.accepted_at):
        errors["happens_on"] = [_("The session cannot be before the referral was accepted")]
    if method not in SessionMethod.values:
        errors["method"] = [_("Select how the session happens")]
    purpose = purpose.strip()
    if not purpose:
        errors["purpose"] = [_("Enter what the session is for")]
    if errors:
        raise ValidationError(errors)
    assert happens_on is not None
    session = ReferralSession.objects.create(
        referral=referral, happens_on=happens_on, method=method, purpose=purpose, created_by=acting_user
    )
    _audit(
        user=acting_user,
        action=Action.CREATE,
        referral=referral,
        summary=f"Session arranged for {happens_on:%Y-%m-%d}: {purpose}",
        request=request,
        session=session.pk,
    )
    return session


@transaction.atomic
def referral_session_record_attendance(
    *, acting_user: User, session_id: int, attendance: str, note: str, request: HttpRequest | None = None
) -> ReferralSession:
    session = ReferralSession.objects.filter(pk=session_id).first()
    if session is None:
        raise Referral.DoesNotExist
    referral = _referral_for_partner(
        acting_user=acting_user,
        referral_id=session.referral_id,
        expected=(ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS),
    )
    session = ReferralSession.objects.select_for_update().get(pk=session_id)
    if session.attendance:
        raise ValidationError(_("Attendance has already been recorded for this session"), code="already_recorded")
    errors: dict[str, list[str]] = {}
    if attendance not in Attendance.values:
        errors["attendance"] = [_("Select whether the person came")]
    elif attendance != Attendance.CANCELLED and session.happens_on > timezone.localdate():
        errors["attendance"] = [_("This session has not happened yet: record attendance on or after its date")]
    note = note.strip()
    if attendance == Attendance.DID_NOT_ATTEND and not note:
        errors["note"] = [_("Enter what you know about why they did not come, and what happens next")]
    if errors:
        raise ValidationError(errors)
    session.attendance, session.attendance_note = attendance, note
    session.attendance_recorded_at, session.attendance_recorded_by = timezone.now(), acting_user
    session.save(update_fields=["attendance", "attendance_note", "attendance_recorded_at", "attendance_recorded_by"])
    _audit(
        user=acting_user,
        action=Action.UPDATE,
        referral=referral,
        summary=f"Attendance recorded: {Attendance(attendance).label} ({session.purpose}, {session.happens_on})",
        request=request,
        attendance=attendance,
    )
    return session


@transaction.atomic
def referral_complete(
    *,
    acting_user: User,
    referral_id: int,
    ratings: dict[int, str],
    note: str,
    request: HttpRequest | None = None,
) -> Referral:
    """Close a referral with each desired outcome rated achieved, partly achieved or not achieved."""
    referral = _referral_for_partner(
        acting_user=acting_user,
        referral_id=referral_id,
        expected=(ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS),
    )
    outcomes = list(referral.outcomes.all())
    errors: dict[str, list[str]] = {}
    for outcome in outcomes:
        if ratings.get(outcome.pk) not in OutcomeRating.values:
            errors[f"outcome_{outcome.pk}"] = [
                _("Select whether “%(outcome)s” was achieved") % {"outcome": outcome.description}
            ]
    unknown = set(ratings) - {o.pk for o in outcomes}
    if unknown:
        errors["__all__"] = [_("Rate only this referral's outcomes")]
    note = note.strip()
    if not note:
        errors["note"] = [_("Summarise what the person did and achieved")]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    for outcome in outcomes:
        outcome.rating, outcome.rated_at, outcome.rated_by = ratings[outcome.pk], now, acting_user
    ReferralOutcome.objects.bulk_update(outcomes, ["rating", "rated_at", "rated_by"])
    referral.completed_at, referral.completed_by, referral.completion_note = now, acting_user, note
    referral.save(update_fields=["completed_at", "completed_by", "completion_note"])
    achieved = sum(1 for o in outcomes if o.rating == OutcomeRating.ACHIEVED)
    _audit(
        user=acting_user,
        action=Action.UPDATE,
        referral=referral,
        summary=f"Referral completed: {achieved} of {len(outcomes)} outcomes achieved",
        request=request,
        completed=achieved,
    )
    return referral


@transaction.atomic
def referral_withdraw(
    *, acting_user: User, referral_id: int, reason: str, note: str, request: HttpRequest | None = None
) -> Referral:
    """The referrer (prison or probation staff who can see the person) or the receiving partner
    withdraws an open referral, for one of the coded reasons."""
    referral = Referral.objects.select_for_update().filter(pk=referral_id).first()
    if referral is None:
        raise Referral.DoesNotExist
    referrer = rules.is_referrer(acting_user, referral) and (
        ServiceUser.objects.visible_one(acting_user, referral.person_id).exists()
    )
    if not (referrer or rules.is_receiving_partner(acting_user, referral)):
        raise ValidationError(_("Only the referrer or the partner it was sent to can withdraw this referral"))
    status = referral.status()
    if status not in OPEN_STATUSES:
        raise ValidationError(
            _("This referral is %(status)s, so it cannot be withdrawn")
            % {"status": ReferralStatus(status).label.lower()}
        )
    note = _coded_reason(
        reason=reason,
        note=note,
        codes=WithdrawalReason,
        select=_("Select why the referral is being withdrawn"),
        explain=_("Enter why the referral is being withdrawn"),
    )
    referral.withdrawn_at, referral.withdrawn_by = timezone.now(), acting_user
    referral.withdrawal_reason, referral.withdrawal_note = reason, note
    referral.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "withdrawal_note"])
    _audit(
        user=acting_user,
        action=Action.UPDATE,
        referral=referral,
        summary=f"Referral withdrawn: {WithdrawalReason(reason).label}",
        request=request,
        withdrawal_reason=reason,
    )
    return referral
