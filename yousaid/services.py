"""Writes for "you said, we did". Each function is one transaction that checks permission,
validates, writes, tells the named person (if any) and records its audit event, taking the acting
user (ENGINEERING.md: Zulip's actions). Bad input raises ValidationError with GOV.UK-style
messages and changes nothing; another organisation's issue raises DoesNotExist (a 404).

Anonymous words are never written to the audit log (docs/decisions.md §19): events name the
issue by id, never what was said."""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.constants import Role
from accounts.models import User
from audit.constants import Action as AuditAction
from audit.services import event_record
from common.once import submission_spend
from insight.redaction import redact
from organisations.models import Contract, Organisation
from people.selectors import person_by_identifier
from yousaid import rules, selectors, workdays
from yousaid.constants import ConfirmedBy, NotificationKind, Source
from yousaid.models import Action, ActionProgress, Issue, Notification, ResponseDeadline

if TYPE_CHECKING:
    from django.http import HttpRequest

TEXT_MAX = 2000


def _issue(acting_user: User, issue_id: int) -> Issue:
    """The issue, locked, if it is the user's organisation's; Issue.DoesNotExist otherwise."""
    if not rules.can_run_issues(acting_user):
        raise PermissionDenied
    issue = Issue.objects.select_for_update().get(pk=issue_id)
    if not rules.issue_in_remit(acting_user, issue.organisation_id):
        raise Issue.DoesNotExist
    return issue


def _action(acting_user: User, action_id: int) -> Action:
    if not rules.can_run_issues(acting_user):
        raise PermissionDenied
    action = Action.objects.select_for_update().select_related("issue").get(pk=action_id)
    if not rules.issue_in_remit(acting_user, action.issue.organisation_id):
        raise Action.DoesNotExist
    return action


def _notify(issue: Issue, kind: NotificationKind, message: str) -> None:
    """Tell the person who raised the issue, when they gave their name (issue 6: "the person who
    raised an issue (where not anonymous) is told when its status changes")."""
    if issue.named_person_id is not None:
        Notification.objects.create(person_id=issue.named_person_id, issue=issue, kind=kind, message=message)


def _text(value: str, *, field: str, missing: str, errors: dict[str, list[str]]) -> str:
    value = (value or "").strip()
    if not value:
        errors[field] = [missing]
    elif len(value) > TEXT_MAX:
        errors[field] = [_("Use %(n)d characters or fewer") % {"n": TEXT_MAX}]
    return value


def _not_future(value: datetime.date | None, *, field: str, missing: str, errors: dict[str, list[str]]) -> None:
    if value is None:
        errors[field] = [missing]
    elif value > timezone.localdate():
        errors[field] = [_("The date cannot be in the future")]


def _contract_relevant(contract_id: int, organisation: Organisation) -> bool:
    return Contract.objects.relevant_to(organisation).filter(pk=contract_id).exists()


def _not_closed(issue: Issue) -> None:
    if issue.closed_at is not None:
        raise ValidationError(_("This issue is closed, so nothing more can be recorded on it"), code="closed")


@transaction.atomic
def issue_raise(
    *,
    acting_user: User,
    organisation_id: int | None,
    source: str,
    said: str,
    feedback_response_id: uuid.UUID | str | None = None,
    feedback_question: str = "",
    named_identifier: str = "",
    restricted: bool = False,
    contract_id: int | None = None,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Issue:
    """Raise an issue for an organisation: from a feedback answer (the words are copied, and no one
    is named unless they gave their name on that feedback), from a council item, or by hand (a
    person who chose to give their name is found by their prison number or case reference number).
    An issue about a commissioned service may name its contract, one the organisation has a part in,
    so that the report shows it against the contract too."""
    if not rules.can_run_issues(acting_user):
        raise PermissionDenied
    if acting_user.role != Role.ADMINISTRATOR:
        organisation_id = acting_user.organisation_id
    submission_spend(submission_id=submission_id)
    errors: dict[str, list[str]] = {}
    organisation = Organisation.objects.filter(pk=organisation_id, active=True).first() if organisation_id else None
    if organisation is None:
        errors["organisation"] = [_("Select the organisation the issue is for")]
    if source not in Source.values:
        errors["source"] = [_("Select where the issue came from")]
    named_person = None
    feedback_response = None
    identifier = (named_identifier or "").strip().upper()
    if source == Source.FEEDBACK and organisation is not None:
        answer = selectors.feedback_answer(
            organisation=organisation, response_id=feedback_response_id, question_id=feedback_question
        )
        if answer is None:
            errors["said"] = [_("Select a feedback answer given about %(name)s") % {"name": organisation.name}]
        else:
            feedback_response = answer.response_id
            said = said if (said or "").strip() else answer.words
            named_person = answer.named_person_id
        if identifier:
            errors["named_identifier"] = [
                _("Feedback is anonymous: only someone who gave their name on the feedback itself can be told")
            ]
    elif identifier:
        person = person_by_identifier(identifier)
        if person is None:
            errors["named_identifier"] = [_("Enter the prison number or case reference number of the person")]
        else:
            named_person = person.pk
    if contract_id is not None and organisation is not None and not _contract_relevant(contract_id, organisation):
        errors["contract"] = [_("Select a contract that %(name)s has a part in") % {"name": organisation.name}]
    said = _text(said, field="said", missing=_("Enter what people said"), errors=errors)
    # What people said is shown on the public board: whatever a member of staff typed or copied,
    # no one is named or numbered there (issue 14, §2).
    said = redact(said).text if said else said
    if errors:
        raise ValidationError(errors)
    assert organisation is not None
    now = timezone.now()
    due = workdays.add_working_days(timezone.localdate(now), selectors.response_working_days(organisation.pk))
    issue = Issue.objects.create(
        organisation=organisation,
        source=source,
        said=said,
        feedback_response_id=feedback_response,
        feedback_question=feedback_question if feedback_response else "",
        named_person_id=named_person,
        restricted=restricted,
        contract_id=contract_id,
        response_due_on=due,
        raised_at=now,
        raised_by=acting_user,
    )
    event_record(
        actor=acting_user,
        action=AuditAction.CREATE,
        record_type="yousaid_issue",
        record_id=issue.pk,
        person_id=named_person,
        summary=f"Raised issue {issue.pk} ({Source(source).label.lower()}) for {organisation.name}",
        request=request,
    )
    return issue


@transaction.atomic
def issue_respond(*, acting_user: User, issue_id: int, response: str, request: HttpRequest | None = None) -> Issue:
    """Give the issue its public response ("We did / we will"). Once only, and never after it closed."""
    issue = _issue(acting_user, issue_id)
    _not_closed(issue)
    if issue.responded_at is not None:
        raise ValidationError(
            _("This issue already has a response. Add actions or progress to say what happened next."),
            code="responded",
        )
    errors: dict[str, list[str]] = {}
    words = _text(response, field="response", missing=_("Enter your response"), errors=errors)
    if errors:
        raise ValidationError(errors)
    issue.response, issue.responded_at, issue.responded_by = words, timezone.now(), acting_user
    issue.save(update_fields=["response", "responded_at", "responded_by"])
    _notify(issue, NotificationKind.RESPONDED, words)
    event_record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        record_type="yousaid_issue",
        record_id=issue.pk,
        summary=f"Responded to issue {issue.pk}",
        request=request,
    )
    return issue


@transaction.atomic
def issue_close(*, acting_user: User, issue_id: int, note: str = "", request: HttpRequest | None = None) -> Issue:
    """Close an answered issue whose actions are all confirmed or cancelled."""
    issue = _issue(acting_user, issue_id)
    _not_closed(issue)
    if issue.responded_at is None:
        raise ValidationError(_("Give the issue a public response before you close it"), code="not_responded")
    unfinished = issue.actions.filter(confirmed_at__isnull=True, cancelled_at__isnull=True).count()
    if unfinished:
        raise ValidationError(
            _("%(n)d action(s) are not yet confirmed as done or cancelled. Finish them before closing the issue.")
            % {"n": unfinished},
            code="unfinished",
        )
    issue.closed_at, issue.closed_by, issue.closed_note = timezone.now(), acting_user, (note or "").strip()[:TEXT_MAX]
    issue.save(update_fields=["closed_at", "closed_by", "closed_note"])
    _notify(issue, NotificationKind.CLOSED, issue.closed_note or str(NotificationKind.CLOSED.label))
    event_record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        record_type="yousaid_issue",
        record_id=issue.pk,
        summary=f"Closed issue {issue.pk}",
        request=request,
    )
    return issue


@transaction.atomic
def action_add(
    *,
    acting_user: User,
    issue_id: int,
    description: str,
    owner_user_id: int | None = None,
    owner_organisation_id: int | None = None,
    due_on: datetime.date | None,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Action:
    """Promise something in answer to an issue, with one owner (a member of staff or an
    organisation) and a due date."""
    issue = _issue(acting_user, issue_id)
    _not_closed(issue)
    submission_spend(submission_id=submission_id)
    errors: dict[str, list[str]] = {}
    description = _text(description, field="description", missing=_("Enter what will be done"), errors=errors)
    if bool(owner_user_id) == bool(owner_organisation_id):
        errors["owner"] = [_("Select who owns the action: one member of staff or one organisation")]
    elif (
        owner_user_id
        and not User.objects.filter(pk=owner_user_id, organisation_id=issue.organisation_id, is_active=True).exists()
    ):
        errors["owner"] = [_("Select someone who works for %(name)s") % {"name": issue.organisation}]
    elif owner_organisation_id and not Organisation.objects.filter(pk=owner_organisation_id, active=True).exists():
        errors["owner"] = [_("Select an organisation that is still active")]
    if due_on is None:
        errors["due_on"] = [_("Enter the date it is due")]
    elif due_on < timezone.localdate(issue.raised_at):
        errors["due_on"] = [_("The due date must be on or after the day the issue was raised")]
    if errors:
        raise ValidationError(errors)
    assert due_on is not None
    action = Action.objects.create(
        issue=issue,
        description=description,
        owner_user_id=owner_user_id or None,
        owner_organisation_id=owner_organisation_id or None,
        due_on=due_on,
        created_by=acting_user,
    )
    _notify(issue, NotificationKind.ACTION_ADDED, description)
    event_record(
        actor=acting_user,
        action=AuditAction.CREATE,
        record_type="yousaid_action",
        record_id=action.pk,
        summary=f"Added action {action.pk} to issue {issue.pk}",
        request=request,
    )
    return action


def _open_action(action: Action) -> None:
    _not_closed(action.issue)
    if action.cancelled_at is not None:
        raise ValidationError(_("This action was cancelled, so nothing more can be recorded on it"), code="cancelled")
    if action.confirmed_at is not None:
        raise ValidationError(_("This action is already confirmed as done"), code="confirmed")


@transaction.atomic
def action_progress_add(
    *,
    acting_user: User,
    action_id: int,
    noted_on: datetime.date | None,
    note: str,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> ActionProgress:
    """A dated note of how the action is going."""
    action = _action(acting_user, action_id)
    _open_action(action)
    submission_spend(submission_id=submission_id)
    errors: dict[str, list[str]] = {}
    _not_future(noted_on, field="noted_on", missing=_("Enter the date of this progress"), errors=errors)
    note = _text(note, field="note", missing=_("Enter what has happened"), errors=errors)
    if errors:
        raise ValidationError(errors)
    assert noted_on is not None
    progress = ActionProgress.objects.create(action=action, noted_on=noted_on, note=note, created_by=acting_user)
    event_record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        record_type="yousaid_action",
        record_id=action.pk,
        summary=f"Recorded progress on action {action.pk}",
        request=request,
    )
    return progress


@transaction.atomic
def action_claim_done(
    *, acting_user: User, action_id: int, note: str = "", request: HttpRequest | None = None
) -> Action:
    """Staff say "we think this is done". It is not done until the council or the people who
    raised it confirm it."""
    action = _action(acting_user, action_id)
    _open_action(action)
    if action.done_claimed_at is not None:
        raise ValidationError(_("This action is already marked as done and waiting for confirmation"), code="claimed")
    action.done_claimed_at, action.done_claimed_by = timezone.now(), acting_user
    action.done_claim_note = (note or "").strip()[:TEXT_MAX]
    action.save(update_fields=["done_claimed_at", "done_claimed_by", "done_claim_note"])
    _notify(action.issue, NotificationKind.ACTION_CLAIMED, action.description)
    event_record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        record_type="yousaid_action",
        record_id=action.pk,
        summary=f"Marked action {action.pk} as done, waiting for confirmation",
        request=request,
    )
    return action


@transaction.atomic
def action_confirm(
    *,
    acting_user: User,
    action_id: int,
    confirmed_by: str,
    confirmed_on: datetime.date | None,
    note: str,
    request: HttpRequest | None = None,
) -> Action:
    """Record that the council, the people who raised the issue, or the named person confirmed the
    action is done (for example "confirmed by the council at its meeting on 4 March")."""
    action = _action(acting_user, action_id)
    _open_action(action)
    if action.done_claimed_at is None:
        raise ValidationError(_("Mark the action as done before recording that it was confirmed"), code="not_claimed")
    errors: dict[str, list[str]] = {}
    if confirmed_by not in ConfirmedBy.values:
        errors["confirmed_by"] = [_("Select who confirmed it is done")]
    elif confirmed_by == ConfirmedBy.NAMED_PERSON and action.issue.named_person_id is None:
        errors["confirmed_by"] = [_("No one gave their name when this issue was raised: select who confirmed it")]
    _not_future(confirmed_on, field="confirmed_on", missing=_("Enter the date it was confirmed"), errors=errors)
    if confirmed_on is not None and confirmed_on < timezone.localdate(action.done_claimed_at):
        errors["confirmed_on"] = [_("The date must be on or after the day it was marked as done")]
    note = _text(note, field="note", missing=_("Enter how it was confirmed"), errors=errors)
    if errors:
        raise ValidationError(errors)
    action.confirmed_at, action.confirmed_recorded_by = timezone.now(), acting_user
    action.confirmed_by_kind, action.confirmed_on, action.confirmed_by_note = confirmed_by, confirmed_on, note
    fields = ["confirmed_at", "confirmed_recorded_by", "confirmed_by_kind", "confirmed_on", "confirmed_by_note"]
    action.save(update_fields=fields)
    _notify(action.issue, NotificationKind.ACTION_CONFIRMED, action.description)
    event_record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        record_type="yousaid_action",
        record_id=action.pk,
        summary=f"Recorded action {action.pk} confirmed as done by {ConfirmedBy(confirmed_by).label.lower()}",
        request=request,
    )
    return action


# What is written on the action's progress (and so on the public board) when a claim is refused,
# by who said it is not done; None is a caller with no answer to that (a script, an import).
NOT_DONE_NOTES = {
    ConfirmedBy.COUNCIL: _lazy("The council says this is not done yet: %(note)s"),
    ConfirmedBy.PEOPLE: _lazy("The people who raised it say this is not done yet: %(note)s"),
    ConfirmedBy.NAMED_PERSON: _lazy("The person who raised it says this is not done yet: %(note)s"),
    None: _lazy("Not confirmed as done: %(note)s"),
}


@transaction.atomic
def action_claim_reject(
    *,
    acting_user: User,
    action_id: int,
    note: str,
    said_by: str | None = None,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Action:
    """The council or the people who raised it say it is not done: the claim is withdrawn (kept in
    the history) and their words are recorded as progress, which the public board shows."""
    action = _action(acting_user, action_id)
    _open_action(action)
    submission_spend(submission_id=submission_id)
    if action.done_claimed_at is None:
        raise ValidationError(
            _("This action is not marked as done, so there is no claim to refuse"), code="not_claimed"
        )
    errors: dict[str, list[str]] = {}
    if said_by is not None and said_by not in ConfirmedBy.values:
        errors["said_by"] = [_("Select who says it is not done yet")]
    elif said_by == ConfirmedBy.NAMED_PERSON and action.issue.named_person_id is None:
        errors["said_by"] = [_("No one gave their name when this issue was raised: select who says it is not done")]
    note = _text(note, field="note", missing=_("Enter what they said"), errors=errors)
    if errors:
        raise ValidationError(errors)
    kind = ConfirmedBy(said_by) if said_by is not None else None
    action.done_claimed_at, action.done_claimed_by, action.done_claim_note = None, None, ""
    action.save(update_fields=["done_claimed_at", "done_claimed_by", "done_claim_note"])
    progress = str(NOT_DONE_NOTES[kind]) % {"note": note}
    ActionProgress.objects.create(
        action=action, noted_on=timezone.localdate(), note=progress, created_by=acting_user
    )  # fmt: skip
    # The person who raised it hears that the claim was withdrawn, and why, as they heard of it.
    _notify(action.issue, NotificationKind.ACTION_NOT_DONE, f"{action.description}: {progress}")
    by = f" by {kind.label.lower()}" if kind is not None else ""
    event_record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        record_type="yousaid_action",
        record_id=action.pk,
        summary=f"Done claim on action {action.pk} not confirmed{by}",
        request=request,
    )
    return action


@transaction.atomic
def action_cancel(*, acting_user: User, action_id: int, reason: str, request: HttpRequest | None = None) -> Action:
    """Cancel a promise, saying why (it stays on the public board, marked cancelled)."""
    action = _action(acting_user, action_id)
    _open_action(action)
    errors: dict[str, list[str]] = {}
    reason = _text(reason, field="reason", missing=_("Enter why the action is cancelled"), errors=errors)
    if errors:
        raise ValidationError(errors)
    action.cancelled_at, action.cancelled_by, action.cancelled_reason = timezone.now(), acting_user, reason
    action.save(update_fields=["cancelled_at", "cancelled_by", "cancelled_reason"])
    _notify(action.issue, NotificationKind.ACTION_CANCELLED, reason)
    event_record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        record_type="yousaid_action",
        record_id=action.pk,
        summary=f"Cancelled action {action.pk}",
        request=request,
    )
    return action


@transaction.atomic
def deadline_set(
    *, acting_user: User, organisation_id: int, working_days: int | None, request: HttpRequest | None = None
) -> ResponseDeadline | None:
    """Set (or, with None, remove) an organisation's own response deadline in working days. Issues
    already raised keep the deadline they were given."""
    if not rules.issue_in_remit(acting_user, organisation_id):
        raise PermissionDenied
    if working_days is None:
        ResponseDeadline.objects.filter(organisation_id=organisation_id).delete()
        found = None
    elif not 1 <= working_days <= 120:
        raise ValidationError({"working_days": [_("Enter a number of working days from 1 to 120")]})
    else:
        found, _created = ResponseDeadline.objects.update_or_create(
            organisation_id=organisation_id,
            defaults={"working_days": working_days, "set_by": acting_user, "set_at": timezone.now()},
        )
    event_record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        record_type="yousaid_deadline",
        record_id=organisation_id,
        summary=f"Response deadline set to {working_days or 'the default'} working days",
        request=request,
    )
    return found
