"""Writes to the resettlement record: one transaction each, validated, audited, taking the acting user."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import rules
from audit.constants import Action
from audit.services import event_record
from people.models import ServiceUser
from resettlement import questionnaire
from resettlement.constants import NeedStatus
from resettlement.models import Need, NeedEvent, Screening, ScreeningAnswer
from resettlement.selectors import screening_answers, screening_questionnaire

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User

RECEPTION_SCREENING = "reception_screening"
# One raw answer as a form gives it: (status, value, reason).
RawAnswer = tuple[str, str | list[str], str]


def _person_in_my_prison(*, acting_user: User, person_id: int) -> ServiceUser:
    if not rules.can_screen_on_reception(acting_user):
        raise PermissionDenied
    person = ServiceUser.objects.visible_one(acting_user, person_id).get()  # DoesNotExist outside scope
    return person


def _screening_for_change(*, acting_user: User, screening_id: int) -> Screening:
    screening = Screening.objects.select_for_update().select_related("person").get(pk=screening_id)
    _person_in_my_prison(acting_user=acting_user, person_id=screening.person_id)
    if screening.is_submitted:
        raise ValidationError(_("This screening has been submitted and can no longer be changed"), code="submitted")
    return screening


@transaction.atomic
def screening_start(*, acting_user: User, person_id: int, request: HttpRequest | None = None) -> Screening:
    """Start a reception screening for someone in custody at the user's prison, on the latest
    version of the questionnaire; a screening already in progress is carried on, never duplicated."""
    person = _person_in_my_prison(acting_user=acting_user, person_id=person_id)
    episode = person.custody_episodes.filter(
        released_on__isnull=True, establishment_id=acting_user.organisation_id
    ).first()
    if episode is None:
        raise ValidationError(_("%(name)s is not in custody in your prison") % {"name": person.full_name})
    draft = Screening.objects.filter(
        person=person, questionnaire_key=RECEPTION_SCREENING, submitted_at__isnull=True
    ).first()
    if draft is not None:
        return draft
    if Screening.objects.filter(custody_episode=episode, questionnaire_key=RECEPTION_SCREENING).exists():
        # One reception screening per arrival; what changes later is recorded on the plan.
        raise ValidationError(_("A reception screening has already been submitted for this stay in custody"))
    latest = questionnaire.latest(RECEPTION_SCREENING)
    screening = Screening.objects.create(
        person=person,
        custody_episode=episode,
        questionnaire_key=latest.key,
        questionnaire_version=latest.version,
        started_by=acting_user,
    )
    event_record(
        actor=acting_user,
        action=Action.CREATE,
        record_type="screening",
        record_id=screening.pk,
        person_id=person.pk,
        summary=f"Started reception screening (questionnaire version {latest.version})",
        request=request,
    )
    return screening


@transaction.atomic
def screening_save_section(
    *,
    acting_user: User,
    screening_id: int,
    section_id: str,
    raw_answers: Mapping[str, RawAnswer],
    request: HttpRequest | None = None,
) -> list[questionnaire.Question]:
    """Save the answers to one section. Every question shown must be answered or its absence
    explained; all errors are reported together and nothing is saved unless all are right.
    Returns the questions that the new answers make apply and that were not yet asked (skip
    logic): the caller asks those next."""
    screening = _screening_for_change(acting_user=acting_user, screening_id=screening_id)
    config = screening_questionnaire(screening=screening)
    section = config.section(section_id)
    answers = screening_answers(screening=screening)
    cleaned: dict[str, questionnaire.Answer | None] = {}
    errors: dict[str, list[str]] = {}
    for question in section.questions:
        if question.id not in raw_answers:
            continue
        status, value, reason = raw_answers[question.id]
        try:
            cleaned[question.id] = questionnaire.clean_answer(question, status=status, value=value, reason=reason)
        except ValidationError as e:
            # A missing reason is fixed in the reason box, so the error is reported there.
            key = questionnaire.reason_key(question.id) if e.code == "reason_required" else question.id
            errors[key] = e.messages
    asked_and_applying = [
        q for q in questionnaire.visible_questions(section, {**answers, **_present(cleaned)}) if q.id in raw_answers
    ]
    applying = {q.id for q in asked_and_applying} | {questionnaire.reason_key(q.id) for q in asked_and_applying}
    errors = {key: messages for key, messages in errors.items() if key in applying}
    if errors:
        raise ValidationError(errors)

    merged = {**answers, **_present(cleaned)}
    for question_id in [q for q in cleaned if cleaned[q] is None]:
        merged.pop(question_id, None)
    now_visible = questionnaire.visible_questions(section, merged)
    visible_ids = {q.id for q in now_visible}
    changes = {}
    for question in section.questions:
        answer = merged.get(question.id) if question.id in visible_ids else None
        before = answers.get(question.id)
        if answer == before:
            continue
        if answer is None:
            ScreeningAnswer.objects.filter(screening=screening, question_id=question.id).delete()
        else:
            ScreeningAnswer.objects.update_or_create(
                screening=screening,
                question_id=question.id,
                defaults={
                    "status": answer.status,
                    "value": answer.value,
                    "reason": answer.reason,
                    "answered_at": timezone.now(),
                    "answered_by": acting_user,
                },
            )
        changes[question.id] = [_describe(before), _describe(answer)]
    if changes:
        event_record(
            actor=acting_user,
            action=Action.UPDATE,
            record_type="screening",
            record_id=screening.pk,
            person_id=screening.person_id,
            summary=f"Answered reception screening: {section.title}",
            changes=changes,
            request=request,
        )
    return [q for q in now_visible if q.id not in raw_answers]


def _present(cleaned: Mapping[str, questionnaire.Answer | None]) -> dict[str, questionnaire.Answer]:
    return {qid: answer for qid, answer in cleaned.items() if answer is not None}


def _describe(answer: questionnaire.Answer | None) -> str | None:
    if answer is None:
        return None
    if answer.is_answered():
        return ", ".join(answer.value) if isinstance(answer.value, list) else str(answer.value)
    return f"{answer.status}: {answer.reason}"


@transaction.atomic
def screening_submit(*, acting_user: User, screening_id: int, request: HttpRequest | None = None) -> list[Need]:
    """Submit a screening with every required question answered or explained, and turn each
    answer that identifies a need into an itemised need, not started. A screening is never handed
    over blank (seed 003: prisons 'producing blank screening documents')."""
    screening = _screening_for_change(acting_user=acting_user, screening_id=screening_id)
    config = screening_questionnaire(screening=screening)
    answers = screening_answers(screening=screening)
    missing = questionnaire.unanswered(config, answers)
    if missing:
        raise ValidationError(
            [
                ValidationError(_("Answer “%(question)s”, or say why it was not answered") % {"question": q.text})
                for q in missing
            ]
        )
    now = timezone.now()
    screening.submitted_at = now
    screening.submitted_by = acting_user
    screening.save(update_fields=["submitted_at", "submitted_by"])
    needs = []
    for question in questionnaire.identified_needs(config, answers):
        need = Need.objects.create(
            person_id=screening.person_id,
            pathway=question.pathway,
            description=question.need,
            screening=screening,
            question_id=question.id,
            identified_at=now,
            identified_by=acting_user,
        )
        NeedEvent.objects.create(need=need, status=NeedStatus.NOT_STARTED, occurred_at=now, recorded_by=acting_user)
        needs.append(need)
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="screening",
        record_id=screening.pk,
        person_id=screening.person_id,
        summary=f"Submitted reception screening: {len(needs)} needs identified",
        request=request,
    )
    return needs
