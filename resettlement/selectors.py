from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Case, Count, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.utils import timezone

from organisations.constants import Pathway
from people.models import CustodyEpisode
from resettlement import questionnaire
from resettlement.constants import NeedStatus
from resettlement.models import (
    Need,
    NeedEvent,
    Plan,
    PlanAction,
    RiskAssessment,
    RiskConcern,
    Screening,
    ScreeningAnswer,
)

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
        .select_related("identified_by", "without_action")
        .annotate(
            current_status=Subquery(latest.values("status")[:1]),
            # The pathways in their published order, not alphabetically by code.
            pathway_order=Case(
                *(When(pathway=p, then=Value(i)) for i, p in enumerate(Pathway.values)), output_field=IntegerField()
            ),
        )
        .order_by("pathway_order", "id")
    )


def need_status(*, need: Need, at=None) -> str:  # noqa: ANN001 - a datetime
    """A need's status now, or at a past moment: the latest event on or before it."""
    events = NeedEvent.objects.filter(need=need)
    if at is not None:
        events = events.filter(occurred_at__lte=at)
    latest = events.order_by("-occurred_at", "-id").values_list("status", flat=True).first()
    return latest or NeedStatus.NOT_STARTED


def plan_for_person(*, person: ServiceUser) -> Plan | None:
    return Plan.objects.filter(person=person).first()


def plan_actions(*, plan: Plan) -> QuerySet[PlanAction]:
    return plan.actions.select_related("owner", "assignee", "need", "result_by").order_by("due_on", "id")


def uncovered_needs(*, person: ServiceUser) -> list[Need]:
    """Recognised needs with no action, no recorded reason, and not met or declined: what makes a
    plan incomplete."""
    return [
        need
        for need in need_list_for_person(person=person)
        .annotate(action_count=Count("actions"))
        .select_related("without_action")
        if not need.action_count
        and not hasattr(need, "without_action")
        and getattr(need, "current_status", None) not in (NeedStatus.MET, NeedStatus.DECLINED)
    ]


def open_actions_for_user(*, user: Any) -> QuerySet[PlanAction]:
    """Open actions assigned to the user on people they may see, soonest due (so overdue) first."""
    from people.models import ServiceUser as Person

    return (
        PlanAction.objects.filter(assignee=user, result="", plan__person__in=Person.objects.visible_to(user))
        .select_related("plan__person", "owner")
        .order_by("due_on", "id")
    )


def risk_current(*, person: ServiceUser) -> RiskAssessment | None:
    return RiskAssessment.objects.filter(person=person).select_related("assessed_by").first()


def risk_concerns(*, person: ServiceUser) -> QuerySet[RiskConcern]:
    return (
        RiskConcern.objects.filter(person=person)
        .select_related("recorded_by")
        .prefetch_related("mitigations__assignee", "mitigations__owner")
    )


def unmitigated_concerns(*, person: ServiceUser) -> list[RiskConcern]:
    """Concerns with no mitigation action: a plan with any is incomplete."""
    return list(RiskConcern.objects.filter(person=person, mitigations__isnull=True))


def overdue_actions_for_manager(*, user: Any) -> QuerySet[PlanAction]:
    """Open actions past their due date assigned to the people the user manages (the issue's rule:
    overdue actions are flagged to the owner and their manager)."""
    return (
        PlanAction.objects.filter(assignee__manager=user, result="", due_on__lt=timezone.localdate())
        .select_related("plan__person", "owner", "assignee")
        .order_by("due_on", "id")
    )


def overdue_actions_for_user(*, user: Any) -> QuerySet[PlanAction]:
    """The user's open actions (on people they may see) past their due date."""
    return open_actions_for_user(user=user).filter(due_on__lt=timezone.localdate())


def screening_needs_for_releases(*, released_from: datetime.date, released_to: datetime.date) -> dict[int, set[str]]:
    """For each custody episode released in the period, the pathways on which its reception screening
    identified a need (episodes with none are left out). For comparisons in aggregate; one query."""
    rows = (
        Need.objects.filter(
            screening__custody_episode__released_on__gte=released_from,
            screening__custody_episode__released_on__lte=released_to,
        )
        .order_by()
        .values_list("screening__custody_episode_id", "pathway")
        .distinct()
    )
    needs: dict[int, set[str]] = {}
    for episode_id, pathway in rows:
        needs.setdefault(episode_id, set()).add(pathway)
    return needs


def risk_at_releases(*, released_from: datetime.date, released_to: datetime.date) -> dict[int, dict[str, str]]:
    """For each custody episode released in the period, the person's risk as last assessed on or before
    the day of release: ``rosh_level`` and ``mappa_level`` ("" when not managed under MAPPA). Episodes
    with no assessment by then are left out. For comparisons in aggregate; one query."""
    latest = RiskAssessment.objects.filter(
        person_id=OuterRef("person_id"), assessed_at__date__lte=OuterRef("released_on")
    ).order_by("-assessed_at", "-id")
    rows = (
        CustodyEpisode.objects.filter(released_on__gte=released_from, released_on__lte=released_to)
        .annotate(
            rosh_level=Subquery(latest.values("rosh_level")[:1]),
            mappa_level=Subquery(latest.values("mappa_level")[:1]),
        )
        .filter(rosh_level__isnull=False)
        .order_by()
        .values_list("pk", "rosh_level", "mappa_level")
    )
    return {pk: {"rosh_level": rosh, "mappa_level": mappa or ""} for pk, rosh, mappa in rows}
