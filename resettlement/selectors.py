from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import OuterRef, QuerySet, Subquery

from resettlement import questionnaire
from resettlement.models import Need, NeedEvent, Screening, ScreeningAnswer

if TYPE_CHECKING:
    from people.models import ServiceUser


def screening_answers(*, screening: Screening) -> dict[str, questionnaire.Answer]:
    return {
        a.question_id: questionnaire.Answer(status=a.status, value=a.value, reason=a.reason)
        for a in ScreeningAnswer.objects.filter(screening=screening)
    }


def screening_questionnaire(*, screening: Screening) -> questionnaire.Questionnaire:
    """The version the screening was started under, whatever the latest version is now."""
    return questionnaire.load(screening.questionnaire_key, screening.questionnaire_version)


def screening_list_for_person(*, person: ServiceUser) -> QuerySet[Screening]:
    return Screening.objects.filter(person=person).select_related("started_by", "submitted_by")


def need_list_for_person(*, person: ServiceUser) -> QuerySet[Need]:
    """The person's needs, each with its current status (the latest event) in one query."""
    latest = NeedEvent.objects.filter(need=OuterRef("pk")).order_by("-occurred_at", "-id")
    return (
        Need.objects.filter(person=person)
        .select_related("identified_by")
        .annotate(current_status=Subquery(latest.values("status")[:1]))
        .order_by("pathway", "id")
    )
