"""Reads of referrals, each scoped to what the user may see."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.constants import Role
from organisations.models import Contract
from people.models import CustodyEpisode, ServiceUser
from referrals.constants import ATTENDED, ReferralStatus
from referrals.models import Referral, ReferralSession

# A partner keeps sight of a person for 90 days after their referral closes, so late sessions and
# outcomes can still be recorded and checked.
PARTNER_SIGHT_AFTER_CLOSE = datetime.timedelta(days=90)


def referrals_visible_to(*, user: Any, person_id: int | None = None) -> QuerySet[Referral]:
    """Partners: referrals sent to their organisation, of the people they may still see (so a declined
    referral, or one closed more than 90 days ago, no longer shows them the person's details).
    Prison and probation: referrals of the people they may see. Administrators: all. Others: none.
    With `person_id`, only that person's, found among that person's own access rows (decision 24),
    so one person's referrals cost the same whatever the size of the caseload."""
    base = Referral.objects.all() if person_id is None else Referral.objects.filter(person_id=person_id)
    people = (
        ServiceUser.objects.visible_to(user) if person_id is None else ServiceUser.objects.visible_one(user, person_id)
    )
    if user.role == Role.PARTNER_CASEWORKER:
        return base.to_provider(user.organisation_id).filter(person__in=people.values("pk"))
    if user.role in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER):
        return base.filter(person__in=people.values("pk"))
    if user.role == Role.ADMINISTRATOR:
        return base
    return base.none()


def with_attendance(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """Annotates `attended`, so status() on each row needs no query of its own."""
    return referrals.annotate(
        attended=Exists(ReferralSession.objects.filter(referral=OuterRef("pk"), attendance__in=ATTENDED))
    )


def status_filter(status: str) -> Q:
    """The derived status as a filter, for lists and counts."""
    attended = Q(Exists(ReferralSession.objects.filter(referral=OuterRef("pk"), attendance__in=ATTENDED)))
    open_ = Q(declined_at__isnull=True, completed_at__isnull=True, withdrawn_at__isnull=True)
    filters: dict[str, Q] = {
        ReferralStatus.SENT: open_ & Q(accepted_at__isnull=True),
        ReferralStatus.ACCEPTED: open_ & Q(accepted_at__isnull=False) & ~attended,
        ReferralStatus.IN_PROGRESS: open_ & Q(accepted_at__isnull=False) & attended,
        ReferralStatus.DECLINED: Q(declined_at__isnull=False),
        ReferralStatus.COMPLETED: Q(completed_at__isnull=False),
        ReferralStatus.WITHDRAWN: Q(withdrawn_at__isnull=False),
    }
    return filters[ReferralStatus(status)]


def referral_list_for_user(*, user: Any, status: str = "", person_id: int | None = None) -> QuerySet[Referral]:
    referrals = referrals_visible_to(user=user, person_id=person_id)
    if status:
        referrals = referrals.filter(status_filter(status))
    return with_attendance(
        referrals.select_related("person", "provider", "referring_organisation", "sent_by", "contract")
    ).order_by("-sent_at", "-id")


def referral_counts_for_user(*, user: Any) -> dict[str, int]:
    """How many of the user's referrals are in each status (one query)."""
    from django.db.models import Count

    referrals = referrals_visible_to(user=user)
    counts = referrals.aggregate(**{s: Count("pk", filter=status_filter(s)) for s in ReferralStatus.values})
    return {s: counts[s] for s in ReferralStatus.values}


def referral_count_for_user(*, user: Any, status: str) -> int:
    """How many of the user's referrals are in one status (the home page's "waiting"): one
    count with only that status's filter, not all six (two of which look at every session)."""
    return referrals_visible_to(user=user).filter(status_filter(status)).count()


def referrals_for_person(*, person: ServiceUser, user: Any) -> QuerySet[Referral]:
    return referral_list_for_user(user=user, person_id=person.pk)


def contracts_for_referral(*, user: Any) -> QuerySet[Contract]:
    """Services the user can refer to: current contracts delivered where they work."""
    if user.organisation is None:
        return Contract.objects.none()
    return (
        Contract.objects.relevant_to(user.organisation)
        .current(on=timezone.localdate())
        .filter(provider__active=True)
        .select_related("provider")
        .prefetch_related("pathways")
        .order_by("provider__name", "title")
    )


def episodes_referred_during_custody(
    *, pathway: str, released_from: datetime.date, released_to: datetime.date
) -> set[int]:
    """The custody episodes released in the period during which the person had a referral on the pathway
    sent (between reception and release, inclusive) and accepted. For comparisons in aggregate; one query."""
    referred = Referral.objects.filter(
        person_id=OuterRef("person_id"),
        pathway=pathway,
        accepted_at__isnull=False,
        sent_at__date__gte=OuterRef("received_on"),
        sent_at__date__lte=OuterRef("released_on"),
    )
    return set(
        CustodyEpisode.objects.filter(released_on__gte=released_from, released_on__lte=released_to)
        .filter(Exists(referred))
        .values_list("pk", flat=True)
    )
