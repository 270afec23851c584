from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import (
    BooleanField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, TruncMonth

from common.compiled_reads import CompiledValues
from common.grouping import chosen_groups
from people import access
from people.models import CustodyEpisode, ProbationCase, ServiceUser

if TYPE_CHECKING:
    from accounts.models import User


def person_by_identifier(identifier: str) -> ServiceUser | None:
    """Anyone on record with this prison number or case reference number (typed any way: spaces and
    case do not matter), whatever their custody or caseload now: for naming a person on records
    that are not their case record (a council member, a peer researcher, a named issue)."""
    from people.validators import normalise_identifier

    ident = normalise_identifier(identifier or "")
    if not ident:
        return None
    return ServiceUser.objects.filter(Q(prison_number=ident) | Q(crn=ident)).first()


def has_own_cases(*, user: User) -> bool:
    """Whether this practitioner holds any open probation case themselves (people.access)."""
    own = access.own_cases_filter(user)
    return own is not None and ServiceUser.objects.filter(own).exists()


def person_list_for_user(
    *, user: User, search: str = "", own_cases_only: bool = False
) -> QuerySet[ServiceUser, Mapping[str, Any]]:
    """The people a user may see, optionally narrowed by a search or to the practitioner's own
    cases, in name order: only the columns a list row shows (a page of rows costs its SQL, not the
    building of whole records)."""
    columns = ("pk", "given_name", "family_name", "prison_number", "crn")
    ident = _identifier_searched(search)
    if ident:
        # A prison number or case reference names one person at most: find them first, then ask
        # whether the user may see them, among their own access rows (decision 24). Matching the
        # identifier against everyone the user may see built the whole caseload first.
        found = ServiceUser.objects.filter(Q(prison_number=ident) | Q(crn=ident)).values_list("pk", flat=True)
        person_id = found.first()
        if person_id is None:
            return ServiceUser.objects.none().values(*columns)
        one = ServiceUser.objects.visible_one(user, person_id)
        if own_cases_only:
            own = access.own_cases_filter(user)
            one = one.filter(own) if own is not None else one.none()
        return one.values(*columns)
    own = access.own_cases_filter(user) if own_cases_only else None
    people = ServiceUser.objects.filter(own) if own is not None else ServiceUser.objects.visible_to(user)
    return people.matching(search).values(*columns)


def _identifier_searched(search: str) -> str:
    """The prison number or case reference number a search is, normalised; "" when it is not one
    (then it is matched against names too, people.querysets.matching)."""
    from people.validators import CRN_RE, PRISON_NUMBER_RE, normalise_identifier

    ident = normalise_identifier(search or "")
    return ident if PRISON_NUMBER_RE.match(ident) or CRN_RE.match(ident) else ""


def person_count_for_user(*, user: User, search: str = "", own_cases_only: bool = False) -> int:
    """How many people person_list_for_user gives. The whole list is counted from the access rules'
    rows (people.access.visible_count), which costs a fraction of counting the list of people."""
    if not search and not own_cases_only:
        counted = access.visible_count(user)
        if counted is not None:
            return counted
    return person_list_for_user(user=user, search=search, own_cases_only=own_cases_only).count()


PLACEMENTS_AT_ONCE = 25  # people.views.PAGE_SIZE


def person_placements(*, person_ids: list[int]) -> dict[int, tuple[str, str]]:
    """(the prison holding them, the delivery unit supervising them) for each person, "" for
    neither: each has at most one open custody episode and one open probation case (constraints).
    Two reads for a page of a list, each compiled once for each length of page
    (common.compiled_reads); longer lists are read a page's worth at a time."""
    places: dict[int, tuple[str, str]] = {pk: ("", "") for pk in person_ids}
    for start in range(0, len(person_ids), PLACEMENTS_AT_ONCE):
        chunk = person_ids[start : start + PLACEMENTS_AT_ONCE]
        prisons, units = _placement_reads(len(chunk))
        values = {f"p{i}": pk for i, pk in enumerate(chunk)}
        for row in prisons.rows(**values):
            places[row["person_id"]] = (row["establishment__name"], places[row["person_id"]][1])
        for row in units.rows(**values):
            places[row["person_id"]] = (places[row["person_id"]][0], row["delivery_unit__name"])
    return places


@functools.cache
def _placement_reads(count: int) -> tuple[CompiledValues, CompiledValues]:
    names = tuple(f"p{i}" for i in range(count))

    def prisons(**ids: int) -> QuerySet[Any, Any]:
        return (
            CustodyEpisode.objects.open()
            .filter(person_id__in=[ids[name] for name in names])
            .order_by()
            .values("person_id", "establishment__name")
        )

    def units(**ids: int) -> QuerySet[Any, Any]:
        return (
            ProbationCase.objects.open()
            .filter(person_id__in=[ids[name] for name in names])
            .order_by()
            .values("person_id", "delivery_unit__name")
        )

    return CompiledValues(prisons, *names), CompiledValues(units, *names)


def person_get_for_user(*, user: User, person_id: int) -> ServiceUser:
    """One person the user may see; ServiceUser.DoesNotExist for anyone else, so that a record the
    user may not see is indistinguishable from one that does not exist."""
    return ServiceUser.objects.visible_one(user, person_id).get()


def person_custody_history(*, person: ServiceUser) -> QuerySet[CustodyEpisode]:
    return person.custody_episodes.select_related("establishment").all()


def person_probation_history(*, person: ServiceUser) -> QuerySet[ProbationCase]:
    return person.probation_cases.select_related("delivery_unit", "practitioner").all()


def releases_in_period(*, released_from: datetime.date, released_to: datetime.date) -> list[dict[str, Any]]:
    """Every release in the period, for comparisons in aggregate (accountability.impact_data), one
    query: the episode (``episode_id``, ``person_id``, ``received_on``, ``released_on``), what the
    record holds about the person (``date_of_birth``, ``sex``, ``ethnic_group``, ``disability``),
    ``previous_custody`` (their custody episodes received before this one) and ``region`` (the name
    of the releasing prison's probation region, "" for none), oldest release first.

    A release followed by a reception of the same person on the same day (a same-day recall) is not
    a release (ENGINEERING.md, "Outcome measures")."""
    previous = (
        CustodyEpisode.objects.filter(person_id=OuterRef("person_id"), received_on__lt=OuterRef("received_on"))
        .order_by()
        .values("person_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        CustodyEpisode.objects.filter(released_on__gte=released_from, released_on__lte=released_to)
        .filter(~same_day_recall())
        .annotate(previous_custody=Coalesce(Subquery(previous, output_field=IntegerField()), 0))
        .order_by("released_on", "pk")
        .values(
            "person_id",
            "received_on",
            "released_on",
            "previous_custody",
            episode_id=F("pk"),
            date_of_birth=F("person__date_of_birth"),
            sex=F("person__sex"),
            ethnic_group=F("person__ethnic_group"),
            disability=F("person__disability"),
            region=F("establishment__region__name"),
        )
    )
    return [{**row, "region": row["region"] or ""} for row in rows]


# What release_counts may group by (paths from a custody episode); through referrals, one at a time.
RELEASE_GROUPS: dict[str, Any] = {
    "establishment_id": "establishment_id",  # a field of the episode itself: grouped by its name
    "region_id": F("establishment__region_id"),
    "unit_id": F("handover__to_organisation_id"),
    "sex": F("person__sex"),
    "ethnic_group": F("person__ethnic_group"),
    "disability": F("person__disability"),
    "month": TruncMonth("released_on"),
}
RELEASE_REFERRAL_GROUPS: dict[str, Any] = {
    "contract_id": F("person__referrals__contract_id"),
    "provider_id": F("person__referrals__provider_id"),
}


def release_counts(
    *, released_from: datetime.date, released_to: datetime.date, flags: Mapping[str, Any], by: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """Releases in the period, counted (`n`) by the flags given (boolean expressions on a custody
    episode, e.g. returned_to_custody_within) and by the groups asked for (RELEASE_GROUPS, or one of
    RELEASE_REFERRAL_GROUPS: an accepted referral sent between reception and release). A release
    followed by a reception of the same person on the same day (a same-day recall) is out of scope
    (ENGINEERING.md, "Outcome measures"). One query."""
    releases = CustodyEpisode.objects.filter(released_on__gte=released_from, released_on__lte=released_to).filter(
        ~same_day_recall()
    )
    groups, through = chosen_groups(by, RELEASE_GROUPS, RELEASE_REFERRAL_GROUPS)
    if through:
        releases = releases.filter(accepted_referral_during(episode="", until="released_on"))
    fields = [name for name, path in groups.items() if isinstance(path, str)]
    expressions = {name: path for name, path in groups.items() if not isinstance(path, str)}
    rows = (
        releases.annotate(**flags)
        .values(*flags, *fields, **expressions)
        .annotate(n=Count("pk", distinct=bool(through)))
        .order_by()
    )
    return list(rows)


def same_day_recall(episode: str = "") -> Exists:
    """Whether a custody episode was followed by a reception of the same person on its release day
    (a same-day recall: out of every measure's scope, ENGINEERING.md "Outcome measures").
    `episode` is the path to the episode from the rows asked about ("custody_episode__" from a
    checkpoint), "" for episodes themselves."""
    return Exists(
        CustodyEpisode.objects.filter(
            person_id=OuterRef(f"{episode}person_id"), received_on=OuterRef(f"{episode}released_on")
        ).exclude(pk=OuterRef(f"{episode}id" if episode else "pk"))
    )


def accepted_referral_during(*, episode: str, until: str) -> Q:
    """The person had a referral accepted that was sent between the custody episode's reception and
    `until` (a field of the rows asked about): how a release is attributed to a contract and its
    provider (docs/measures.md, "Levels")."""
    return Q(
        person__referrals__accepted_at__isnull=False,
        person__referrals__sent_at__date__gte=F(f"{episode}received_on"),
        person__referrals__sent_at__date__lte=F(until),
    )


def returned_to_custody_within(days: int) -> Exists:
    """For a custody episode: whether the same person was received into custody again within
    `days` after its release (the record's only reoffending proxy: it holds no convictions)."""
    return Exists(
        CustodyEpisode.objects.filter(
            person_id=OuterRef("person_id"),
            received_on__gt=OuterRef("released_on"),
            received_on__lte=ExpressionWrapper(
                OuterRef("released_on") + datetime.timedelta(days=days), output_field=DateField()
            ),
        )
    )


def released_on_or_before(day: datetime.date) -> ExpressionWrapper:
    """For a custody episode: released on or before the day (a follow-up window that has ended)."""
    return ExpressionWrapper(Q(released_on__lte=day), output_field=BooleanField())
