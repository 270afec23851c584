from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from people import access

if TYPE_CHECKING:
    from accounts.models import User
    from people.models import CustodyEpisode, ProbationCase, ServiceUser  # noqa: F401 - named in the bases below


class ServiceUserQuerySet(models.QuerySet["ServiceUser"]):
    def visible_to(self, user: User) -> ServiceUserQuerySet:
        """Everyone this user may see, and no one else (people.access decides)."""
        q = access.person_filter_for(user)
        return self.none() if q is None else self.filter(q)

    def visible_one(self, user: User, person_id: int) -> ServiceUserQuerySet:
        """The one person, if this user may see them: `.get()` raises DoesNotExist otherwise, so a
        record the user may not see is indistinguishable from one that does not exist. Costs the
        same whatever the size of the user's caseload (people.access)."""
        q = access.person_filter_for(user, person_id=person_id)
        return self.none() if q is None else self.filter(q, pk=person_id)

    def matching(self, term: str) -> ServiceUserQuerySet:
        """Search by prison number, case reference number or name."""
        from people.validators import normalise_identifier

        term = term.strip()
        if not term:
            return self
        ident = normalise_identifier(term)
        q = Q(prison_number=ident) | Q(crn=ident)
        for word in term.split():
            q |= Q(family_name__istartswith=word) | Q(given_name__istartswith=word)
        return self.filter(q)


class CustodyEpisodeQuerySet(models.QuerySet["CustodyEpisode"]):
    def open(self) -> CustodyEpisodeQuerySet:
        return self.filter(released_on__isnull=True)


class ProbationCaseQuerySet(models.QuerySet["ProbationCase"]):
    def open(self) -> ProbationCaseQuerySet:
        return self.filter(ended_on__isnull=True)
