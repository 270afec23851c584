"""Reads for work on release. Each list is read in a fixed number of queries, whatever its length."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from people.models import CustodyEpisode, ServiceUser
from work import matching, rules
from work.constants import APPROACHING_RELEASE
from work.models import Application, ApplicationStep, Opportunity, WorkProfile, status_of


def opportunities_open(*, today: datetime.date | None = None) -> QuerySet[Opportunity]:
    today = today or timezone.localdate()
    return Opportunity.objects.filter(closed_at__isnull=True, closes_on__gte=today).select_related("employer")


def opportunity_list_for_user(*, user: Any) -> QuerySet[Opportunity]:
    """An employer's own opportunities (open and closed), each with its number of applications;
    every open one for prison and probation staff; all for administrators."""
    opportunities = Opportunity.objects.select_related("employer").annotate(application_count=Count("applications"))
    if rules.is_employer(user):
        return opportunities.filter(employer_id=user.organisation_id).order_by("-closes_on", "-id")
    if rules.can_match_work(user):
        today = timezone.localdate()
        return opportunities.filter(closed_at__isnull=True, closes_on__gte=today).order_by("closes_on", "id")
    if rules.can_view_opportunities(user):
        return opportunities.order_by("-closes_on", "-id")
    return Opportunity.objects.none()


def opportunity_for_user(*, user: Any, opportunity_id: int) -> Opportunity:
    """Raises Opportunity.DoesNotExist for one the user may not read (another employer's)."""
    return (
        Opportunity.objects.select_related("employer", "closed_by")
        .filter(_opportunity_scope(user))
        .get(pk=opportunity_id)
    )


def _opportunity_scope(user: Any) -> Q:
    if rules.is_employer(user):
        return Q(employer_id=user.organisation_id)
    if rules.can_view_opportunities(user):
        return Q()
    return Q(pk__in=[])


def _with_steps(applications: QuerySet[Application]) -> QuerySet[Application]:
    return applications.select_related("created_by__organisation", "opportunity__employer", "person").prefetch_related(
        Prefetch("steps", queryset=ApplicationStep.objects.select_related("recorded_by__organisation"))
    )


def applications_for_opportunity(*, user: Any, opportunity: Opportunity) -> list[tuple[Application, str]]:
    """Its applications with their status. The employer sees every one made to them; prison and
    probation staff only those of people they may see."""
    applications = Application.objects.filter(opportunity=opportunity)
    if not (rules.is_employer(user) and opportunity.employer_id == user.organisation_id):
        applications = applications.filter(person__in=ServiceUser.objects.visible_to(user))
    return [(a, status_of(list(a.steps.all()))) for a in _with_steps(applications)]


def application_for_user(*, user: Any, application_id: int) -> Application:
    """Raises Application.DoesNotExist unless the user is the employer it was made to, or may see the person."""
    q = Q(pk__in=[])
    if rules.is_employer(user):
        q |= Q(opportunity__employer_id=user.organisation_id)
    if rules.can_match_work(user):
        # Whether the user may see this application's person, among that person's own access rows
        # (decision 24), not by building the user's whole caseload.
        person_id = Application.objects.filter(pk=application_id).values_list("person_id", flat=True).first()
        if person_id is not None:
            q |= Q(person__in=ServiceUser.objects.visible_one(user, person_id).values("pk"))
    return _with_steps(Application.objects.filter(q)).get(pk=application_id)


def applications_for_person(*, person: ServiceUser) -> list[tuple[Application, str]]:
    return [(a, status_of(list(a.steps.all()))) for a in _with_steps(Application.objects.filter(person=person))]


def work_profile(*, person: ServiceUser) -> WorkProfile | None:
    return WorkProfile.objects.filter(person=person).select_related("updated_by").first()


def matches_for_person(
    *, person: ServiceUser, profile: WorkProfile | None = None
) -> tuple[list[matching.Match], list[matching.Match]]:
    """(eligible, excluded) open opportunities for the person: two queries."""
    profile = profile or work_profile(person=person)
    if profile is None:
        return [], []
    today = timezone.localdate()
    return matching.opportunities_for(profile=profile, opportunities=opportunities_open(today=today), today=today)


def candidates_approaching_release(*, user: Any, today: datetime.date | None = None) -> list[matching.Candidate]:
    """The people the user may see who are due out of custody within the next 12 weeks, young leavers
    first, then soonest release. One query (with their work profiles)."""
    today = today or timezone.localdate()
    episodes = (
        CustodyEpisode.objects.filter(
            released_on__isnull=True,
            expected_release_on__gte=today,
            expected_release_on__lte=today + APPROACHING_RELEASE,
            person__in=ServiceUser.objects.visible_to(user),
        )
        .select_related("person__work_profile", "establishment")
        .order_by("expected_release_on", "id")
    )
    candidates = []
    for episode in episodes:
        assert episode.expected_release_on is not None  # filtered above
        candidates.append(
            matching.Candidate(
                person=episode.person,
                profile=_profile_of(episode.person),
                expected_release_on=episode.expected_release_on,
                prison=episode.establishment,
            )
        )
    return sorted(candidates, key=matching.candidate_order)


def _profile_of(person: ServiceUser) -> WorkProfile | None:
    """The profile select_related filled in, or None (a missing reverse one-to-one raises)."""
    try:
        return person.work_profile  # type: ignore[attr-defined]  # reverse side of WorkProfile.person
    except WorkProfile.DoesNotExist:
        return None


def approaching_release_with_matches(
    *, user: Any, today: datetime.date | None = None
) -> list[tuple[matching.Candidate, list[matching.Match]]]:
    """Each person approaching release with the opportunities they are eligible for, ranked: two
    queries, whatever the number of people or opportunities."""
    today = today or timezone.localdate()
    opportunities = list(opportunities_open(today=today))
    result = []
    for candidate in candidates_approaching_release(user=user, today=today):
        eligible: list[matching.Match] = []
        if candidate.profile is not None:
            eligible, _ = matching.opportunities_for(
                profile=candidate.profile, opportunities=opportunities, today=today
            )
        result.append((candidate, eligible))
    return result
