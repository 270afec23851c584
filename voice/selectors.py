"""Reads for feedback and surveys."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.constants import Role
from voice import definition, rules
from voice.constants import NEGATIVE, POSITIVE, QuestionType
from voice.models import Response, SafeguardingAlert, SealedResponse, Survey, SurveyVersion

if TYPE_CHECKING:
    from accounts.models import User
    from organisations.models import Organisation


def survey_is_open(survey: Survey) -> bool:
    """Open from its first published version until it is closed by hand or by its closing date."""
    if survey.closed_at is not None:
        return False
    if survey.closes_on is not None and survey.closes_on < timezone.localdate():
        return False
    return survey.versions.filter(published_at__isnull=False).exists()


def surveys_open() -> QuerySet[Survey]:
    published = SurveyVersion.objects.filter(survey=OuterRef("pk"), published_at__isnull=False)
    return (
        Survey.objects.filter(closed_at__isnull=True)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=timezone.localdate()))
        .filter(Exists(published))
    )


def surveys_open_at(*, organisation: Organisation | None, audiences: tuple[str, ...]) -> QuerySet[Survey]:
    """The surveys a kiosk or form at a service offers: those about that service, those its own
    staff run, and those about no one service in particular."""
    found = surveys_open().filter(audience__in=audiences)
    if organisation is not None:
        found = found.filter(Q(about=organisation) | Q(owner=organisation) | Q(about__isnull=True))
    return found.order_by("title", "pk")


def version_current(survey: Survey) -> SurveyVersion | None:
    """The version people are asked now: the latest published one."""
    return survey.versions.filter(published_at__isnull=False).order_by("-number").first()


def version_latest(survey: Survey) -> SurveyVersion:
    """The version an involvement lead edits: the draft if there is one, else the latest."""
    found = survey.versions.order_by("-number").first()
    assert found is not None  # every survey is created with its first version
    return found


def surveys_for_user(user: User) -> QuerySet[Survey]:
    if not rules.can_build_surveys(user):
        return Survey.objects.none()
    found = Survey.objects.select_related("owner", "about")
    if user.role != Role.ADMINISTRATOR:
        found = found.filter(owner_id=user.organisation_id)
    return found.order_by("-created_at", "-pk")


def surveys_listed_for_user(user: User) -> QuerySet[Survey]:
    """The user's surveys for the list page, each with what a row shows read in the same query:
    the number of the version people answer (None before publishing), whether it is open, and
    how many responses count (as responses_counted). One query a page however many rows."""
    published = SurveyVersion.objects.filter(survey=OuterRef("pk"), published_at__isnull=False)
    held = SafeguardingAlert.objects.filter(response=OuterRef("pk"), reviewed_at__isnull=True)
    counted = (
        Response.objects.filter(version__survey=OuterRef("pk"), restricted=False)
        .exclude(Exists(held))
        .order_by()
        .values("version__survey")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return surveys_for_user(user).annotate(
        current_number=Subquery(published.order_by("-number").values("number")[:1]),
        responses=Coalesce(Subquery(counted), 0),
    )


def survey_status_of(survey: Survey, *, current_number: int | None) -> str:
    """draft (never published), open, or closed (by hand, or by its closing date): the same rule
    as survey_is_open, from the current version's number already read."""
    if current_number is None:
        return "closed" if survey.closed_at is not None else "draft"
    if survey.closed_at is not None:
        return "closed"
    if survey.closes_on is not None and survey.closes_on < timezone.localdate():
        return "closed"
    return "open"


def responses_counted(survey: Survey) -> QuerySet[Response]:
    """The responses that count in results: not held for safeguarding (an alert not yet reviewed)
    and not restricted (allegations against staff are never counted or shown)."""
    held = SafeguardingAlert.objects.filter(response=OuterRef("pk"), reviewed_at__isnull=True)
    return Response.objects.filter(version__survey=survey, restricted=False).exclude(Exists(held))


def responses_waiting(survey: Survey) -> int:
    """How many of the survey's anonymous responses are sealed, waiting for their batch to be
    mixed into the results (voice/mixing_services.py): a count, never what they say."""
    return SealedResponse.objects.filter(version__survey=survey).count()


def alerts_held_count(survey: Survey) -> int:
    """How many of the survey's responses wait for the safeguarding team (a count, never the words)."""
    return SafeguardingAlert.objects.filter(response__version__survey=survey, reviewed_at__isnull=True).count()


@dataclass
class QuestionResult:
    question: definition.Question
    counts: list[tuple[definition.Option, int]] = field(default_factory=list)
    answered: int = 0
    texts: list[str] = field(default_factory=list)
    numbers: list[float] = field(default_factory=list)


@dataclass
class SurveyResults:
    responses: int
    questions: list[QuestionResult]
    # The Friends and Family Test score of the overall-experience question, if the survey has one.
    fft_answered: int = 0
    fft_positive: float | None = None
    fft_negative: float | None = None


def fft_score(values: list[str]) -> tuple[int, float | None, float | None]:
    """% positive (very good + good) and % negative (poor + very poor) of every answer to the
    overall-experience question, "don't know" included in the denominator, as the NHS publishes."""
    n = len(values)
    if not n:
        return 0, None, None
    tally = Counter(values)
    positive = sum(tally[r.value] for r in POSITIVE)
    negative = sum(tally[r.value] for r in NEGATIVE)
    return n, round(100 * positive / n, 1), round(100 * negative / n, 1)


def survey_results(survey: Survey, *, language: str = "en") -> SurveyResults:
    """Counts per question over every version (questions matched by id, shown in the current
    version's words), the score of the overall-experience question, and free text."""
    current = version_current(survey) or version_latest(survey)
    questions = definition.questions_in(current.definition, language=language)
    by_id = {q.id: QuestionResult(question=q) for q in questions}
    tallies: dict[str, Counter[Any]] = {q.id: Counter() for q in questions}
    fft_values: list[str] = []
    rows = responses_counted(survey).values_list("answers", flat=True)
    total = 0
    for answers in rows.iterator(chunk_size=2000):
        total += 1
        for qid, value in answers.items():
            result = by_id.get(qid)
            if result is None:
                continue
            result.answered += 1
            kind = result.question.type
            if kind == QuestionType.TEXT:
                result.texts.append(value)
            elif kind == QuestionType.NUMBER:
                result.numbers.append(value)
            elif kind == QuestionType.MULTIPLE:
                tallies[qid].update(value)
            elif kind != QuestionType.DATE:
                tallies[qid][value] += 1
            if kind == QuestionType.FFT:
                fft_values.append(value)
    for qid, result in by_id.items():
        result.counts = [(option, tallies[qid][option.value]) for option in result.question.options]
    answered, positive, negative = fft_score(fft_values)
    return SurveyResults(
        responses=total,
        questions=list(by_id.values()),
        fft_answered=answered,
        fft_positive=positive,
        fft_negative=negative,
    )


def escalate_after_days() -> int:
    """How many days an alert may wait unread before the whole safer custody team is told (setting
    SAFER_CUSTODY_ESCALATE_AFTER_DAYS, 1 unless set). An alert keeps only its day (decision 19: a
    finer time would pair it with a sign-in), so its age and its escalation are counted in days."""
    return max(0, int(getattr(settings, "SAFER_CUSTODY_ESCALATE_AFTER_DAYS", 1)))


def alert_age_days(alert: SafeguardingAlert, *, today: datetime.date) -> int:
    return (today - alert.raised_on).days


def alert_escalated(alert: SafeguardingAlert, *, today: datetime.date) -> bool:
    """Unread for longer than the set time: shown to everyone in the team, not only in the list."""
    return alert.reviewed_at is None and alert_age_days(alert, today=today) > escalate_after_days()


@dataclass(frozen=True)
class AlertsWaiting:
    waiting: int
    escalated: int
    oldest_days: int | None


def alerts_waiting_for_user(user: User, *, today: datetime.date) -> AlertsWaiting:
    """The user's team's unread alerts: how many, how many are escalated, and the oldest one's age
    (the safer custody officer's home page)."""
    waiting = [a for a in alerts_for_user(user) if a.reviewed_at is None]
    return AlertsWaiting(
        waiting=len(waiting),
        escalated=sum(alert_escalated(a, today=today) for a in waiting),
        oldest_days=max((alert_age_days(a, today=today) for a in waiting), default=None),
    )


def alerts_for_user(user: User) -> list[SafeguardingAlert]:
    """Alerts for the user's team, not yet reviewed first, oldest first."""
    if not rules.can_review_alerts(user):
        return []
    found = SafeguardingAlert.objects.select_related(
        "response__version__survey", "response__protected", "organisation", "reviewed_by"
    )
    alerts = [a for a in found.order_by("raised_on", "pk") if rules.alert_in_remit(user, a.organisation)]
    return sorted(alerts, key=lambda a: (a.reviewed_at is not None, a.raised_on))


def restricted_for_user(user: User) -> QuerySet[Response]:
    if not rules.can_read_restricted(user):
        return Response.objects.none()
    return Response.objects.filter(restricted=True).select_related("version__survey", "organisation", "protected")


def fft_answer_counts(*, month_from: datetime.date, month_to: datetime.date) -> list[dict[str, Any]]:
    """Answers to the overall-experience (Friends and Family Test) question of every counted
    response (mixed, not held for safeguarding, not restricted) whose month falls in the range,
    counted (`n`) by organisation, contract, month and answer (`value`). For accountability's
    feedback measures, in aggregate only. One query per distinct id the question has across survey
    versions (nearly always one: the starter question's "overall")."""
    by_question: dict[str, list[int]] = {}
    for pk, found in SurveyVersion.objects.values_list("pk", "definition"):
        for question in (found or {}).get("questions", []):
            if isinstance(question, dict) and question.get("type") == QuestionType.FFT:
                by_question.setdefault(str(question.get("id")), []).append(pk)
                break
    held = SafeguardingAlert.objects.filter(response=OuterRef("pk"), reviewed_at__isnull=True)
    rows: list[dict[str, Any]] = []
    for question_id, versions in by_question.items():
        counted = Response.objects.filter(
            version_id__in=versions, restricted=False, month__gte=month_from, month__lte=month_to
        ).exclude(Exists(held))
        if "__" in question_id:
            # KT() reads "__" as a step into the answer, so such an id is counted here instead.
            tally: Counter[tuple[Any, ...]] = Counter()
            for row in counted.values("organisation_id", "contract_id", "month", "answers"):
                value = (row["answers"] or {}).get(question_id)
                if value is not None:
                    tally[(row["organisation_id"], row["contract_id"], row["month"], str(value))] += 1
            keys = ("organisation_id", "contract_id", "month", "value")
            rows += [{**dict(zip(keys, key, strict=True)), "n": n} for key, n in tally.items()]
            continue
        rows += [
            dict(row)
            for row in counted.annotate(value=KT(f"answers__{question_id}"))
            .filter(value__isnull=False)
            .values("organisation_id", "contract_id", "month", "value")
            .annotate(n=Count("pk"))
            .order_by()
        ]
    return rows
