import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.constants import Role
from organisations.constants import OrganisationKind, Pathway
from organisations.models import Contract, Organisation
from organisations.selectors import contract_list_for_user
from tests.factories import (
    CommissionerFactory,
    ContractFactory,
    DeliveryUnitFactory,
    EstablishmentFactory,
    ProviderFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["", "LE", "LEIX", "le1", "lei"])
def test_a_prison_needs_a_three_letter_code(code):
    prison = Organisation(kind=OrganisationKind.ESTABLISHMENT, name="HMP Nowhere", code=code)
    with pytest.raises(ValidationError) as error:
        prison.full_clean()
    assert "code" in error.value.message_dict


def test_the_database_also_refuses_a_prison_without_a_valid_code():
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(kind=OrganisationKind.ESTABLISHMENT, name="HMP Nowhere", code="")


def test_prison_codes_are_unique():
    EstablishmentFactory(code="ZZA")
    with pytest.raises(IntegrityError), transaction.atomic():
        EstablishmentFactory(code="ZZA")


def test_a_delivery_unit_belongs_to_a_region_and_a_provider_has_a_type():
    with pytest.raises(ValidationError, match="region"):
        Organisation(kind=OrganisationKind.DELIVERY_UNIT, name="Nowhere PDU").full_clean()
    with pytest.raises(ValidationError, match="provider"):
        Organisation(kind=OrganisationKind.PROVIDER, name="Nameless").full_clean()
    with pytest.raises(ValidationError, match="Only prisons and probation delivery units"):
        Organisation(
            kind=OrganisationKind.PROVIDER, name="X", provider_type="voluntary", region=RegionFactory()
        ).full_clean()


def test_a_contract_cannot_end_before_it_starts():
    import datetime

    with pytest.raises(IntegrityError), transaction.atomic():
        ContractFactory(start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2025, 1, 1))


def test_contracts_are_found_by_pathway():
    housing = ContractFactory(pathways=[Pathway.ACCOMMODATION])
    ContractFactory(pathways=[Pathway.EDUCATION_WORK, Pathway.FINANCE_ID])
    assert list(Contract.objects.for_pathway(Pathway.ACCOMMODATION)) == [housing]


def test_each_organisation_sees_the_contracts_it_has_a_part_in():
    region, other_region = RegionFactory(), RegionFactory()
    prison = EstablishmentFactory(region=other_region)
    provider = ProviderFactory()
    in_region = ContractFactory(region=region, provider=provider)
    in_prison = ContractFactory(region=None)
    in_prison.establishments.add(prison)
    elsewhere = ContractFactory(region=other_region)

    def seen(organisation):
        return set(Contract.objects.relevant_to(organisation))

    assert seen(provider) == {in_region}
    assert seen(prison) == {in_prison, elsewhere}  # its own, and its region's
    assert seen(DeliveryUnitFactory(region=region)) == {in_region}
    assert seen(region) == {in_region}
    assert seen(CommissionerFactory()) == {in_region, in_prison, elsewhere}


def test_the_contract_list_takes_a_fixed_number_of_queries(django_assert_num_queries):
    user = UserFactory(role=Role.COMMISSIONER)
    for _ in range(15):
        ContractFactory()
    with django_assert_num_queries(2):
        contracts = list(contract_list_for_user(user=user))
        assert all(c.pathway_labels for c in contracts)
