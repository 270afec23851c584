"""Writes for the person's own view. Staff writes (setting a PIN) follow the house rule: one
transaction that checks permission, fetches the person through people.access, validates, writes
and records its audit event, taking the acting user. The person's own writes (signing in, saying
whether an action happened) have no staff user: the person is the actor, named by person_id in
the audit event (actor None), and they can only ever act on their own record."""

from __future__ import annotations

import datetime
import re
import uuid
from enum import StrEnum
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.constants import Action
from audit.services import event_record
from common.once import submission_spend
from myplan import rules
from myplan.constants import Answer, Channel
from myplan.models import ActionConfirmation, PersonPin, SignInAttempt
from myplan.selectors import own_answerable_action
from people.models import ServiceUser
from people.validators import normalise_identifier

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User

PIN_RE = re.compile(r"^\d{4,6}$")
# The same limits as staff sign-in (docs/decisions.md §5): 5 wrong tries lock a person's numbers
# for 15 minutes. Counted per person, never per address: a prison's kiosks share one.
LOCKOUT_FAILURES = 5
LOCKOUT_PERIOD = datetime.timedelta(minutes=15)
COMMENT_MAX = 1000


class SignInRefused(ValidationError):
    """The sign-in did not succeed: code "invalid" (wrong or unknown) or "locked"."""


class _Outcome(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"


def _pin_errors(pin: str, person: ServiceUser) -> list[str]:
    if not pin:
        return [_("Enter a PIN")]
    if not PIN_RE.match(pin):
        return [_("The PIN must be 4, 5 or 6 numbers")]
    ascending = "0123456789012345"
    descending = ascending[::-1]
    if len(set(pin)) == 1 or pin in ascending or pin in descending:
        return [_("Choose a PIN that is harder to guess: not one number repeated, and not numbers in order")]
    born = person.date_of_birth
    if pin in {f"{born:%d%m}", f"{born:%d%m%y}", f"{born:%Y}", f"{born:%m%d}"}:
        return [_("Choose a PIN that is not their date of birth or year of birth")]
    return []


@transaction.atomic
def pin_set(
    *,
    acting_user: User,
    person_id: int,
    pin: str,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> PersonPin:
    """Set or reset the PIN for the person's own view (switching it on again if it was off). The
    PIN is stored only as a hash: once the member of staff has told the person, no one sees it."""
    if not rules.can_set_pin(acting_user):
        raise PermissionDenied
    person = ServiceUser.objects.visible_one(acting_user, person_id).get()
    submission_spend(submission_id=submission_id)
    pin = (pin or "").strip()
    errors = _pin_errors(pin, person)
    if errors:
        raise ValidationError({"pin": errors})
    existing = PersonPin.objects.select_for_update().filter(person=person).first()
    now = timezone.now()
    if existing is None:
        credential = PersonPin.objects.create(
            person=person, pin_hash=make_password(pin), set_at=now, set_by=acting_user
        )
    else:
        credential = existing
        credential.pin_hash = make_password(pin)
        credential.set_at, credential.set_by = now, acting_user
        credential.switched_off_at = credential.switched_off_by = None
        credential.save()
    event_record(
        actor=acting_user,
        action=Action.CREATE if existing is None else Action.UPDATE,
        record_type="own_view_pin",
        record_id=credential.pk,
        person_id=person.pk,
        summary="Set the PIN for the person's own view"
        if existing is None
        else "Reset the PIN for the person's own view",
        request=request,
    )
    return credential


@transaction.atomic
def pin_switch_off(*, acting_user: User, person_id: int, request: HttpRequest | None = None) -> PersonPin:
    """Switch the person's own-view sign-in off (a lost PIN, a worry about who knows it). Setting a
    new PIN switches it on again."""
    if not rules.can_set_pin(acting_user):
        raise PermissionDenied
    person = ServiceUser.objects.visible_one(acting_user, person_id).get()
    credential = PersonPin.objects.select_for_update().filter(person=person, switched_off_at__isnull=True).first()
    if credential is None:
        raise ValidationError({"pin": [_("Their sign-in is already switched off")]})
    credential.switched_off_at, credential.switched_off_by = timezone.now(), acting_user
    credential.save()
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="own_view_pin",
        record_id=credential.pk,
        person_id=person.pk,
        summary="Switched off the person's own-view sign-in",
        request=request,
    )
    return credential


def _person_named(identifier: str) -> ServiceUser | None:
    """The person a prison number or case reference number belongs to, whether or not it signs
    them in now."""
    return ServiceUser.objects.filter(Q(prison_number=identifier) | Q(crn=identifier)).first()


def _signs_in_with(person: ServiceUser, identifier: str) -> bool:
    """A person signs in with their prison number, or (only once they are out of custody) their
    case reference number."""
    return person.prison_number == identifier or not person.custody_episodes.filter(released_on__isnull=True).exists()


def _counted_as(person: ServiceUser | None, identifier: str) -> list[str]:
    """The numbers whose tries share one budget: all of a person's, whichever is typed (a person
    with two numbers had ten guesses; issue 15, break 8), or an unknown number on its own, so that
    it locks exactly as a known one does."""
    if person is None:
        return [identifier]
    return [number for number in (person.prison_number, person.crn) if number]


def sign_in_locked(*, identifiers: list[str], now: datetime.datetime | None = None) -> bool:
    """Five wrong tries at a person's numbers (or at one unknown number) within 15 minutes, since
    the last successful sign-in, lock them. Tries refused while locked are not counted, so the lock
    lifts 15 minutes after the fifth wrong try."""
    now = now or timezone.now()
    attempts = SignInAttempt.objects.filter(identifier__in=identifiers)
    last_success = attempts.filter(succeeded=True).aggregate(at=Max("attempted_at"))["at"]
    since = now - LOCKOUT_PERIOD
    if last_success is not None and last_success > since:
        since = last_success
    return attempts.filter(succeeded=False, attempted_at__gt=since).count() >= LOCKOUT_FAILURES


def _pin_right(credential: PersonPin | None, pin: str) -> bool:
    """Hash the PIN typed. Called outside any transaction: on SQLite a transaction holds the
    database's one write lock for as long as it is open, and six clients guessing PINs slowed
    every kiosk's answers from 9 ms to over a second (issue 15, break 8)."""
    if credential is None:
        make_password(pin)  # the same work as checking a PIN, so timing reveals nothing either
        return False
    return check_password(pin, credential.pin_hash)


def person_sign_in(*, identifier: str, pin: str, channel: str, request: HttpRequest | None = None) -> ServiceUser:
    """Check a prison number (or case reference number) and PIN. An unknown identifier and a wrong
    PIN get the same answer and are counted the same way, so trying numbers reveals no one.
    Raises SignInRefused; records every attempt and its audit event (never the PIN).

    Everything is read and the PIN hashed before the one short transaction that records the try;
    the lock is checked again in it, so tries racing in parallel get no more than five answers
    between them."""
    ident = normalise_identifier(identifier)[:20]
    if channel not in Channel.values:
        channel = Channel.KIOSK
    named = _person_named(ident)
    counted = _counted_as(named, ident)
    person = named if named is not None and _signs_in_with(named, ident) else None
    credential = PersonPin.objects.filter(person=person, switched_off_at__isnull=True).first() if person else None
    locked_before = sign_in_locked(identifiers=counted)
    right = False if locked_before else _pin_right(credential, pin)
    with transaction.atomic():
        if credential is not None:
            # One person's tries one at a time on PostgreSQL (SQLite's write lock does it there),
            # and a PIN reset or switched off while it was hashed no longer signs in.
            still = PersonPin.objects.select_for_update().filter(
                pk=credential.pk, switched_off_at__isnull=True, pin_hash=credential.pin_hash
            )
            right = right and bool(list(still.values_list("pk", flat=True)))
        if locked_before or sign_in_locked(identifiers=counted):  # again: others' tries meanwhile
            outcome = _Outcome.LOCKED
        else:
            outcome = _Outcome.OK if right else _Outcome.WRONG
            SignInAttempt.objects.create(identifier=ident, succeeded=outcome == _Outcome.OK)
        event_record(
            actor=None,
            action=Action.SIGN_IN if outcome == _Outcome.OK else Action.SIGN_IN_FAILED,
            record_type="person" if person else "",
            record_id=person.pk if person else "",
            person_id=person.pk if person else None,
            summary={
                _Outcome.OK: f"Person signed in to their own view ({channel})",
                _Outcome.WRONG: f"Failed sign-in to a person's own view as {ident!r} ({channel})",
                _Outcome.LOCKED: f"Refused sign-in to a person's own view as {ident!r}: locked ({channel})",
            }[outcome],
            request=request,
        )
    if outcome == _Outcome.LOCKED:
        raise SignInRefused(
            _(
                "You have tried too many times. To keep your plan safe, you cannot sign in with this "
                "number for 15 minutes. Try again later, or ask a member of staff to help you."
            ),
            code="locked",
        )
    if outcome == _Outcome.WRONG:
        raise SignInRefused(
            _(
                "The number or the PIN is not right. Check them and try again. "
                "If you have forgotten your PIN, ask a member of staff."
            ),
            code="invalid",
        )
    assert person is not None
    return person


def person_sign_out(*, person_id: int, channel: str, request: HttpRequest | None = None) -> None:
    event_record(
        actor=None,
        action=Action.SIGN_OUT,
        record_type="person",
        record_id=person_id,
        person_id=person_id,
        summary=f"Person signed out of their own view ({channel})",
        request=request,
    )


def own_view_record(*, person_id: int, channel: str, page: str, request: HttpRequest | None = None) -> None:
    """Every page of their own record that the person opens is audited, like any other read."""
    event_record(
        actor=None,
        action=Action.VIEW,
        record_type="person",
        record_id=person_id,
        person_id=person_id,
        summary=f"Person viewed their own {page} ({channel})",
        request=request,
    )


@transaction.atomic
def action_confirmation_record(
    *,
    person_id: int,
    action_id: int,
    answer: str,
    comment: str = "",
    channel: str,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> ActionConfirmation:
    """The person says whether an action recorded as done really happened. Only their own actions:
    anyone else's raises PlanAction.DoesNotExist and changes nothing. They may change their answer;
    every answer is kept and the latest counts."""
    person = ServiceUser.objects.get(pk=person_id)
    action = own_answerable_action(person=person, action_id=action_id)
    submission_spend(submission_id=submission_id)
    errors: dict[str, list[str]] = {}
    if answer not in Answer.values:
        errors["answer"] = [_("Choose yes if it happened, or no if it did not happen")]
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        errors["comment"] = [_("What you tell us must be %(max)s characters or fewer") % {"max": COMMENT_MAX}]
    if channel not in Channel.values:
        errors["answer"] = [_("Sign in again to answer")]
    if errors:
        raise ValidationError(errors)
    confirmation = ActionConfirmation.objects.create(
        person=person, action=action, answer=answer, comment=comment, channel=channel
    )
    event_record(
        actor=None,
        action=Action.CREATE,
        record_type="action_confirmation",
        record_id=confirmation.pk,
        person_id=person.pk,
        summary=(
            f"Person said action {action.pk} happened ({channel})"
            if answer == Answer.HAPPENED
            else f"Person said action {action.pk} did not happen ({channel})"
        ),
        request=request,
    )
    return confirmation
