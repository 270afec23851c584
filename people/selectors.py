from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from people.models import CustodyEpisode, ProbationCase, ServiceUser

if TYPE_CHECKING:
    from accounts.models import User


def person_list_for_user(*, user: User, search: str = "") -> QuerySet[ServiceUser]:
    """The people a user may see, optionally narrowed by a search, with their current placement."""
    return (
        ServiceUser.objects.visible_to(user)
        .matching(search)
        .prefetch_related(
            Prefetch(
                "custody_episodes",
                queryset=CustodyEpisode.objects.open().select_related("establishment"),
                to_attr="open_custody",
            ),
            Prefetch(
                "probation_cases",
                queryset=ProbationCase.objects.open().select_related("delivery_unit", "practitioner"),
                to_attr="open_probation",
            ),
        )
    )


def person_get_for_user(*, user: User, person_id: int) -> ServiceUser:
    """One person the user may see; ServiceUser.DoesNotExist for anyone else, so that a record the
    user may not see is indistinguishable from one that does not exist."""
    return ServiceUser.objects.visible_to(user).get(pk=person_id)


def person_custody_history(*, person: ServiceUser) -> QuerySet[CustodyEpisode]:
    return person.custody_episodes.select_related("establishment").all()


def person_probation_history(*, person: ServiceUser) -> QuerySet[ProbationCase]:
    return person.probation_cases.select_related("delivery_unit", "practitioner").all()
