"""Reads for "you said, we did": statuses derived from recorded steps, the public board, the
person's notifications and the figures for the people who run involvement."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.constants import Role
from organisations.constants import OrganisationKind
from organisations.models import Organisation
from voice.constants import QuestionType
from voice.models import Response, SafeguardingAlert
from yousaid import rules
from yousaid.constants import DEFAULT_RESPONSE_WORKING_DAYS, ActionStatus, IssueStatus
from yousaid.models import Action, ActionProgress, Issue, Notification, ResponseDeadline

if TYPE_CHECKING:
    from accounts.models import User


def default_response_working_days() -> int:
    """YOUSAID_RESPONSE_WORKING_DAYS, or 20 working days."""
    return int(getattr(settings, "YOUSAID_RESPONSE_WORKING_DAYS", DEFAULT_RESPONSE_WORKING_DAYS))


def own_response_deadline(organisation_id: int) -> ResponseDeadline | None:
    """The deadline the organisation set for itself, if it did."""
    return ResponseDeadline.objects.filter(organisation_id=organisation_id).first()


def response_working_days(organisation_id: int) -> int:
    """The organisation's own deadline if it set one, else the default."""
    own = own_response_deadline(organisation_id)
    return own.working_days if own is not None else default_response_working_days()


def issue_status(issue: Issue, *, today: datetime.date | None = None) -> IssueStatus:
    today = today or timezone.localdate()
    if issue.closed_at is not None:
        return IssueStatus.CLOSED
    if issue.responded_at is not None:
        on_time = timezone.localdate(issue.responded_at) <= issue.response_due_on
        return IssueStatus.RESPONDED_ON_TIME if on_time else IssueStatus.RESPONDED_LATE
    return IssueStatus.OVERDUE if today > issue.response_due_on else IssueStatus.OPEN


def answered_on_time(issue: Issue) -> bool | None:
    """None while it has no response."""
    if issue.responded_at is None:
        return None
    return timezone.localdate(issue.responded_at) <= issue.response_due_on


def action_status(action: Action, *, today: datetime.date | None = None) -> ActionStatus:
    """An action is done only when confirmed; one past its date that is not confirmed is overdue
    (even when staff think it is done)."""
    today = today or timezone.localdate()
    if action.cancelled_at is not None:
        return ActionStatus.CANCELLED
    if action.confirmed_at is not None:
        return ActionStatus.CONFIRMED
    if today > action.due_on:
        return ActionStatus.OVERDUE
    if action.done_claimed_at is not None:
        return ActionStatus.DONE_CLAIMED
    return ActionStatus.IN_PROGRESS


def action_is_overdue(action: Action, *, today: datetime.date | None = None) -> bool:
    return action_status(action, today=today) == ActionStatus.OVERDUE


# --- feedback to raise issues from ---------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackAnswer:
    response_id: uuid.UUID
    question_id: str
    question: str
    words: str
    month: datetime.date
    survey: str
    named_person_id: int | None


def _responses_about(organisation: Organisation) -> QuerySet[Response]:
    """Responses about the organisation or to its own surveys, that may be read: not restricted
    (allegations against staff go only to professional standards) and not held for safeguarding."""
    held = SafeguardingAlert.objects.filter(response=OuterRef("pk"), reviewed_at__isnull=True)
    return (
        Response.objects.filter(
            Q(organisation=organisation)
            | Q(version__survey__owner=organisation)
            | Q(version__survey__about=organisation)
        )
        .filter(restricted=False)
        .exclude(Exists(held))
        .select_related("version__survey")
    )


def _answers(response: Response) -> Iterable[FeedbackAnswer]:
    for q in response.version.definition.get("questions", []):
        words = response.answers.get(q["id"])
        if q.get("type") == QuestionType.TEXT and isinstance(words, str) and words.strip():
            text = q.get("text") or {}
            yield FeedbackAnswer(
                response_id=response.pk,
                question_id=q["id"],
                question=text.get("en", "") if isinstance(text, dict) else str(text),
                words=words.strip(),
                month=response.month,
                survey=response.version.survey.title,
                named_person_id=response.named_person_id,
            )


def feedback_answers(*, organisation: Organisation, limit: int = 200) -> list[FeedbackAnswer]:
    """The free-text answers an involvement lead can raise as issues, newest month first."""
    found: list[FeedbackAnswer] = []
    for response in _responses_about(organisation).order_by("-month", "pk")[:limit]:
        found.extend(_answers(response))
    return found


def feedback_answer(
    *, organisation: Organisation, response_id: uuid.UUID | str | None, question_id: str
) -> FeedbackAnswer | None:
    try:
        pk = uuid.UUID(str(response_id))
    except ValueError:
        return None
    response = _responses_about(organisation).filter(pk=pk).first()
    if response is None:
        return None
    return next((a for a in _answers(response) if a.question_id == question_id), None)


# --- staff reads ---------------------------------------------------------------------------------


def _with_actions(issues: QuerySet[Issue]) -> QuerySet[Issue]:
    actions = Action.objects.select_related("owner_user", "owner_organisation").order_by("due_on", "pk")
    return issues.prefetch_related(
        Prefetch("actions", queryset=actions.prefetch_related(Prefetch("progress", ActionProgress.objects.all())))
    )


def issues_for_user(user: User) -> QuerySet[Issue]:
    if not rules.can_run_issues(user):
        return Issue.objects.none()
    found = Issue.objects.select_related("organisation")
    if user.role != Role.ADMINISTRATOR:
        found = found.filter(organisation_id=user.organisation_id or 0)
    return _with_actions(found).order_by("-raised_at", "-pk")


def issue_for_user(user: User, issue_id: int) -> Issue:
    """Issue.DoesNotExist for another organisation's issue, exactly as for one that does not exist."""
    return issues_for_user(user).select_related("named_person", "raised_by", "responded_by").get(pk=issue_id)


def action_for_user(user: User, issue: Issue, action_id: int) -> Action:
    return Action.objects.select_related("issue").get(pk=action_id, issue=issue, issue__in=issues_for_user(user))


def action_owner_choices(organisation_id: int) -> tuple[list[Any], list[Organisation]]:
    from accounts.models import User

    staff = list(User.objects.filter(organisation_id=organisation_id, is_active=True).order_by("last_name", "pk"))
    organisations = list(Organisation.objects.filter(active=True).order_by("name", "pk"))
    return staff, organisations


# --- the public board ----------------------------------------------------------------------------


def board_organisations() -> QuerySet[Organisation]:
    """Establishments and services with at least one issue on their public board."""
    public = Issue.objects.filter(organisation=OuterRef("pk"), restricted=False)
    return Organisation.objects.filter(active=True).filter(Exists(public)).order_by("name", "pk")


def board_issues(*, organisation: Organisation) -> QuerySet[Issue]:
    """What the public board shows: never an issue marked restricted. The template never shows a
    named person (they are not even loaded here)."""
    found = Issue.objects.filter(organisation=organisation, restricted=False).defer("named_person")
    return _with_actions(found).order_by("-raised_at", "-pk")


# --- the person's own view -----------------------------------------------------------------------


def notifications_for_person(person_id: int) -> QuerySet[Notification]:
    """What the person has been told about the issues they raised, newest first (read by the
    person's own view)."""
    return Notification.objects.filter(person_id=person_id).select_related("issue").order_by("-created_at", "-pk")


# --- the report ----------------------------------------------------------------------------------


@dataclass
class IssueFigures:
    """Issue 6, item 4: issues raised, answered on time, answered late, not yet answered (and of
    those, overdue), actions promised, done (claimed), confirmed and overdue."""

    raised: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    not_answered: int = 0
    overdue: int = 0
    closed: int = 0
    actions_promised: int = 0
    actions_done_claimed: int = 0
    actions_confirmed: int = 0
    actions_cancelled: int = 0
    actions_overdue: int = 0
    organisations: list[str] = field(default_factory=list)


def _issues_in(
    *,
    organisation_ids: Iterable[int] | None,
    contract_ids: Iterable[int] | None,
    start: datetime.date | None,
    end: datetime.date | None,
) -> QuerySet[Issue]:
    issues = Issue.objects.all()
    if organisation_ids is not None:
        issues = issues.filter(organisation_id__in=list(organisation_ids))
    if contract_ids is not None:
        issues = issues.filter(contract_id__in=list(contract_ids))
    if start is not None:
        issues = issues.filter(raised_at__date__gte=start)
    if end is not None:
        issues = issues.filter(raised_at__date__lte=end)
    return issues


def issue_figures_by(
    *,
    by: str,
    organisation_ids: Iterable[int] | None = None,
    contract_ids: Iterable[int] | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    today: datetime.date | None = None,
) -> dict[int, IssueFigures]:
    """issue_figures for many organisations (by="organisation") or contracts (by="contract") in two
    queries whatever their number, keyed by id; an id with no issues is absent. The report uses it
    so that its cost does not grow with its rows."""
    if by not in ("organisation", "contract"):
        raise ValueError(f"cannot group issues by {by!r}")
    key = f"{by}_id"
    today = today or timezone.localdate()
    issues = _issues_in(organisation_ids=organisation_ids, contract_ids=contract_ids, start=start, end=end)
    found: dict[int, IssueFigures] = {}
    for issue in issues.only("response_due_on", "responded_at", "closed_at", by):
        group = getattr(issue, key)
        if group is None:
            continue
        figures = found.setdefault(group, IssueFigures())
        figures.raised += 1
        on_time = answered_on_time(issue)
        if on_time is None:
            figures.not_answered += 1
            figures.overdue += today > issue.response_due_on
        elif on_time:
            figures.answered_on_time += 1
        else:
            figures.answered_late += 1
        figures.closed += issue.closed_at is not None
    actions = Action.objects.filter(issue__in=issues).annotate(group=F(f"issue__{key}"))
    for action in actions:
        if action.group is None:
            continue
        figures = found.setdefault(action.group, IssueFigures())
        figures.actions_promised += 1
        figures.actions_done_claimed += action.done_claimed_at is not None
        figures.actions_confirmed += action.confirmed_at is not None
        figures.actions_cancelled += action.cancelled_at is not None
        figures.actions_overdue += action_is_overdue(action, today=today)
    return found


def issue_figures_add(total: IssueFigures, more: IssueFigures) -> IssueFigures:
    """The figures of two sets of issues together (a region with its prisons and delivery units)."""
    return IssueFigures(
        **{
            name: getattr(total, name) + getattr(more, name)
            for name in IssueFigures.__dataclass_fields__
            if name != "organisations"
        },
        organisations=[*total.organisations, *more.organisations],
    )


def issue_figures(
    *,
    organisation_ids: Iterable[int] | None = None,
    contract_ids: Iterable[int] | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    today: datetime.date | None = None,
) -> IssueFigures:
    """Figures for issues raised by these organisations and/or against these contracts (optionally
    raised between start and end, inclusive), as they stand on `today`. "Done (claimed)" counts
    every action staff marked as done, confirmed or not; "confirmed" only those the council or the
    people who raised it confirmed."""
    if organisation_ids is None and contract_ids is None:
        raise ValueError("say which organisations or contracts")
    by = "organisation" if organisation_ids is not None else "contract"
    total = IssueFigures()
    grouped = issue_figures_by(
        by=by, organisation_ids=organisation_ids, contract_ids=contract_ids, start=start, end=end, today=today
    )
    for figures in grouped.values():
        total = issue_figures_add(total, figures)
    return total


@dataclass
class ReportRow:
    organisation: Organisation
    figures: IssueFigures


def report_rows_for_user(user: User, *, today: datetime.date | None = None) -> list[ReportRow]:
    """An involvement lead sees their organisation (a region's lead, the region's establishments
    and delivery units too); an administrator sees each region, with its organisations together,
    and the organisations in no region."""
    if not rules.can_view_report(user):
        return []
    rows: list[ReportRow] = []
    if user.role == Role.ADMINISTRATOR:
        regions = Organisation.objects.filter(kind=OrganisationKind.PROBATION_REGION).order_by("name", "pk")
        for region in regions:
            ids = [region.pk, *Organisation.objects.filter(region=region).values_list("pk", flat=True)]
            rows.append(ReportRow(region, issue_figures(organisation_ids=ids, today=today)))
        others = Organisation.objects.filter(region__isnull=True).exclude(kind=OrganisationKind.PROBATION_REGION)
        raised_by = Issue.objects.filter(organisation__in=others).values_list("organisation_id", flat=True)
        for organisation in others.filter(pk__in=raised_by).order_by("name", "pk"):
            rows.append(ReportRow(organisation, issue_figures(organisation_ids=[organisation.pk], today=today)))
        return rows
    own = user.organisation
    if own is None:
        return rows
    rows.append(ReportRow(own, issue_figures(organisation_ids=[own.pk], today=today)))
    if own.kind == OrganisationKind.PROBATION_REGION:
        for member in Organisation.objects.filter(region=own).order_by("name", "pk"):
            rows.append(ReportRow(member, issue_figures(organisation_ids=[member.pk], today=today)))
    return rows
