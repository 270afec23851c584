from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, OuterRef, Q

from organisations.constants import OrganisationKind

if TYPE_CHECKING:
    from organisations.models import Contract, Organisation  # noqa: F401 - Contract is named in a base below


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def active(self) -> OrganisationQuerySet:
        return self.filter(active=True)

    def establishments(self) -> OrganisationQuerySet:
        return self.filter(kind=OrganisationKind.ESTABLISHMENT)

    def regions(self) -> OrganisationQuerySet:
        return self.filter(kind=OrganisationKind.PROBATION_REGION)

    def delivery_units(self) -> OrganisationQuerySet:
        return self.filter(kind=OrganisationKind.DELIVERY_UNIT)

    def providers(self) -> OrganisationQuerySet:
        return self.filter(kind=OrganisationKind.PROVIDER)


class ContractQuerySet(models.QuerySet["Contract"]):
    def current(self, *, on) -> ContractQuerySet:  # noqa: ANN001 - a date
        return self.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))

    def for_pathway(self, pathway: str) -> ContractQuerySet:
        from organisations.models import ContractPathway

        return self.filter(Exists(ContractPathway.objects.filter(contract=OuterRef("pk"), pathway=pathway)))

    def relevant_to(self, organisation: Organisation) -> ContractQuerySet:
        """Contracts an organisation has a part in: its own (provider), those delivered in its prison,
        region or delivery unit's region; commissioners and the national team see every contract."""
        kind = organisation.kind
        if kind in (OrganisationKind.NATIONAL, OrganisationKind.COMMISSIONER):
            return self.all()
        if kind == OrganisationKind.PROVIDER:
            return self.filter(provider=organisation)
        if kind == OrganisationKind.ESTABLISHMENT:
            return self.filter(
                Q(establishments=organisation) | Q(region_id=organisation.region_id, region__isnull=False)
            ).distinct()
        if kind == OrganisationKind.PROBATION_REGION:
            return self.filter(region=organisation)
        if kind == OrganisationKind.DELIVERY_UNIT:
            return self.filter(region_id=organisation.region_id, region__isnull=False)
        return self.none()
