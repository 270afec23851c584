"""Factories for tests: synthetic people and organisations only."""

from __future__ import annotations

import datetime
import string

import factory
from factory.django import DjangoModelFactory

from accounts.constants import Role
from accounts.models import User
from organisations.constants import ContractType, ObligationKind, OrganisationKind, Pathway, ProviderType
from organisations.models import Contract, ContractObligation, ContractPathway, Organisation
from people.models import CustodyEpisode, ProbationCase, ServiceUser
from people.validators import CHECK_LETTERS


def _letters(n: int) -> str:
    """AAA, AAB, ... for the n-th establishment code."""
    letters = string.ascii_uppercase
    return letters[(n // 676) % 26] + letters[(n // 26) % 26] + letters[n % 26]


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.PROBATION_REGION
    name = factory.Sequence(lambda n: f"Test Region {n}")


class EstablishmentFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.ESTABLISHMENT
    name = factory.Sequence(lambda n: f"HMP Testhaven {n}")
    code = factory.Sequence(lambda n: _letters(n + 26 * 26 * 25))  # ZAA, ZAB...: never a real prison's code
    region = factory.SubFactory(RegionFactory)


class DeliveryUnitFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.DELIVERY_UNIT
    name = factory.Sequence(lambda n: f"Testshire PDU {n}")
    region = factory.SubFactory(RegionFactory)


class ProviderFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.PROVIDER
    name = factory.Sequence(lambda n: f"Example Housing Trust {n}")
    provider_type = ProviderType.VOLUNTARY


class CommissionerFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.COMMISSIONER
    name = factory.Sequence(lambda n: f"Test Commissioning Team {n}")


class NationalFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.NATIONAL
    name = factory.Sequence(lambda n: f"National Service Team {n}")


ROLE_ORGANISATION_FACTORY = {
    Role.PRISON_STAFF: EstablishmentFactory,
    Role.PROBATION_PRACTITIONER: DeliveryUnitFactory,
    Role.PARTNER_CASEWORKER: ProviderFactory,
    Role.INVOLVEMENT_LEAD: EstablishmentFactory,
    Role.COMMISSIONER: CommissionerFactory,
    Role.ADMINISTRATOR: NationalFactory,
}


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Officer{n}")
    role = Role.PRISON_STAFF
    organisation = factory.LazyAttribute(lambda o: ROLE_ORGANISATION_FACTORY[o.role]())
    password = factory.django.Password("correct horse battery staple")


class ServiceUserFactory(DjangoModelFactory):
    class Meta:
        model = ServiceUser

    given_name = "Sam"
    family_name = factory.Sequence(lambda n: f"Testperson{n}")
    date_of_birth = datetime.date(1990, 3, 27)
    prison_number = factory.Sequence(lambda n: f"Z{n % 10000:04d}{_letters(n // 10000)[1:]}")
    crn = factory.Sequence(lambda n: f"Z{n:06d}")


class CustodyEpisodeFactory(DjangoModelFactory):
    class Meta:
        model = CustodyEpisode

    person = factory.SubFactory(ServiceUserFactory)
    establishment = factory.SubFactory(EstablishmentFactory)
    received_on = datetime.date(2026, 1, 5)
    released_on = None


class ProbationCaseFactory(DjangoModelFactory):
    class Meta:
        model = ProbationCase

    person = factory.SubFactory(ServiceUserFactory)
    delivery_unit = factory.SubFactory(DeliveryUnitFactory)
    practitioner = None
    started_on = datetime.date(2026, 2, 1)


class ContractFactory(DjangoModelFactory):
    class Meta:
        model = Contract
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"TEST-{n:05d}")
    title = "Accommodation support"
    contract_type = ContractType.CRS
    provider = factory.SubFactory(ProviderFactory)
    region = factory.SubFactory(RegionFactory)
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2028, 12, 31)

    @factory.post_generation
    def pathways(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create:
            for pathway in extracted if extracted is not None else [Pathway.ACCOMMODATION]:
                ContractPathway.objects.create(contract=self, pathway=pathway)

    @factory.post_generation
    def obligations(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted is None:
            ContractObligation.objects.create(
                contract=self, kind=ObligationKind.FEEDBACK_DUTY, description="Gather and act on feedback every quarter"
            )


def valid_pnc(year: str, serial: str) -> str:
    """A PNC number with a correct check letter (for tests of the validator)."""
    return f"{year}/{serial}{CHECK_LETTERS[int(year[-2:] + serial.zfill(7)) % 23]}"
