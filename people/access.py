"""Which people a member of staff may see: the one place where record access is decided.

Each rule maps a user to the rows that grant them access (a queryset with a `person_id` column,
like the prison's custody episodes), to a filter on ServiceUser (Q() for everyone), or to None
when it grants nothing. People are filtered by `pk__in` an uncorrelated subquery of the granting
rows, not by a correlated EXISTS: SQLite runs a correlated EXISTS once per person (151 s for one
prison on the national dataset) where the IN form reads the prison's own rows through their index
(0.02 s). For one person (a person's page, a write about them) the granting rows are narrowed to
that person too, so opening one record costs the same whatever the size of the caseload; without
it SQLite builds the whole caseload's list first. A person is visible when any rule admits them.
Apps on higher floors (resettlement's referrals, for a partner caseworker) add rules with
`register` from their AppConfig.ready(), so this module never imports them and no view ever
filters people by itself.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.constants import Role

if TYPE_CHECKING:
    from accounts.models import User

Grant = Q | QuerySet[Any]
AccessRule = Callable[["User"], Grant | None]
_rules: list[AccessRule] = []

# Prison staff keep sight of the people they released for a year, so they can learn what happened
# after the gate (seed 003: staff "didn't know what happens to them once released").
PRISON_SIGHT_AFTER_RELEASE = datetime.timedelta(days=365)


def register(rule: AccessRule) -> AccessRule:
    if rule not in _rules:
        _rules.append(rule)
    return rule


@register
def administrators_see_everyone(user: User) -> Q | None:
    """Administrators support every organisation; every read they make is audited like anyone's."""
    return Q() if user.role == Role.ADMINISTRATOR else None


@register
def prison_staff_see_their_prison(user: User) -> Grant | None:
    """Prison staff see people in custody at their prison, and those released from it in the last year."""
    if user.role != Role.PRISON_STAFF:
        return None
    from people.models import CustodyEpisode

    since = timezone.localdate() - PRISON_SIGHT_AFTER_RELEASE
    return CustodyEpisode.objects.filter(establishment_id=user.organisation_id).filter(
        Q(released_on__isnull=True) | Q(released_on__gte=since)
    )


@register
def probation_sees_their_delivery_unit(user: User) -> Grant | None:
    """Probation practitioners see people whose open case sits in their delivery unit, or is theirs."""
    if user.role != Role.PROBATION_PRACTITIONER:
        return None
    from people.models import ProbationCase

    return ProbationCase.objects.filter(ended_on__isnull=True).filter(
        Q(delivery_unit_id=user.organisation_id) | Q(practitioner_id=user.pk)
    )


def own_cases_filter(user: User) -> Q | None:
    """The people whose open probation case this practitioner holds themselves: a part of what
    `probation_sees_their_delivery_unit` grants, so it never widens access. Their caseload, read
    without building the list of everyone their unit supervises."""
    if user.role != Role.PROBATION_PRACTITIONER or not user.is_active:
        return None
    from people.models import ProbationCase

    cases = ProbationCase.objects.filter(practitioner_id=user.pk, ended_on__isnull=True)
    return Q(pk__in=cases.values("person_id"))


def person_filter_for(user: User, person_id: int | None = None) -> Q | None:
    """The combined filter for a user, or None when they may see no one. With `person_id`, each
    rule's granting rows are narrowed to that one person (the caller filters pk=person_id too)."""
    if not (user.is_authenticated and user.is_active and user.organisation_id and user.role):
        return None
    combined: Q | None = None
    for rule in _rules:
        grant = rule(user)
        if grant is None:
            continue
        if isinstance(grant, QuerySet):
            rows = grant if person_id is None else grant.filter(person_id=person_id)
            q = Q(pk__in=rows.values("person_id"))
        elif not grant:  # an empty Q admits everyone
            return grant
        else:
            q = grant
        combined = q if combined is None else combined | q
    return combined


def visible_count(user: User) -> int | None:
    """How many people the user may see, counted from the granting rows alone: the union of their
    person ids, read from the rules' indexes, without building the list of people (which SQLite
    does for every row). None when a rule grants by a filter on people (an administrator sees
    everyone): then the caller counts the list itself."""
    if not (user.is_authenticated and user.is_active and user.organisation_id and user.role):
        return 0
    ids: list[QuerySet[Any]] = []
    for rule in _rules:
        grant = rule(user)
        if grant is None:
            continue
        if not isinstance(grant, QuerySet):
            return None
        ids.append(grant.order_by().values("person_id"))
    if not ids:
        return 0
    return ids[0].union(*ids[1:]).count() if len(ids) > 1 else ids[0].distinct().count()


# Who may see the people a body serves as a list of its own (a council's members with their numbers,
# its candidates and voters): the roles that work with that body's people, from that body.
_SEE_A_BODYS_PEOPLE = (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER, Role.INVOLVEMENT_LEAD)


def may_see_people_of(user: User, organisation_id: int) -> bool:
    """Whether a member of staff may see the people a prison or probation service serves, gathered
    by something of that body's own (a council's members and past members, minutes, candidates and
    voters; decision 26). Administrators may, and prison staff, probation practitioners and
    involvement leads of that body itself. Sight of one person's record through one's work (a
    partner's referral, decision 15) never opens the list of everyone around them, so partners,
    employers, commissioners and staff of other bodies may not: to them those pages do not exist."""
    if not (user.is_authenticated and user.is_active and user.organisation_id and user.role):
        return False
    if user.role == Role.ADMINISTRATOR:
        return True
    return user.role in _SEE_A_BODYS_PEOPLE and user.organisation_id == organisation_id
