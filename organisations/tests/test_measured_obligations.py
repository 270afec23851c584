"""A prison's type, and a contract obligation linked to a measure with a numeric target and
direction (issue 16 §2)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.constants import Role
from organisations.constants import EstablishmentType, MeasureKey, ObligationKind, OrganisationKind, TargetDirection
from organisations.models import ContractObligation, Organisation
from tests.factories import ContractFactory, EstablishmentFactory, ProviderFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_establishment_types_are_the_six_functions():
    assert dict(EstablishmentType.choices) == {
        "reception_local": "Reception or local prison",
        "training": "Category C training prison",
        "open": "Open prison (category D)",
        "yoi": "Young offender institution",
        "women": "Women's prison",
        "high_security": "High security prison",
    }


def test_a_prison_needs_a_type():
    prison = Organisation(kind=OrganisationKind.ESTABLISHMENT, name="HMP Nowhere", code="ZZQ", region=RegionFactory())
    with pytest.raises(ValidationError) as error:
        prison.full_clean()
    assert error.value.message_dict == {"establishment_type": ["Select the type of prison"]}
    prison.establishment_type = EstablishmentType.TRAINING
    prison.full_clean()


def test_only_a_prison_has_a_type():
    provider = Organisation(
        kind=OrganisationKind.PROVIDER, name="Nameless", provider_type="voluntary", establishment_type="open"
    )
    with pytest.raises(ValidationError) as error:
        provider.full_clean()
    assert error.value.message_dict == {"establishment_type": ["Only a prison has a type of prison"]}


def test_the_prison_page_shows_its_type(client):
    client.force_login(UserFactory(role=Role.COMMISSIONER))
    prison = EstablishmentFactory(establishment_type=EstablishmentType.OPEN)
    page = client.get(reverse("organisations:detail", args=[prison.pk])).content.decode()
    assert "Type of prison" in page and "Open prison (category D)" in page
    listed = client.get(reverse("organisations:list"), {"q": prison.code}).content.decode()
    assert "Open prison (category D)" in listed
    provider = client.get(reverse("organisations:detail", args=[ProviderFactory().pk])).content.decode()
    assert "Type of prison" not in provider


def _obligation(**fields):
    return ContractObligation(
        contract=ContractFactory(), kind=ObligationKind.OUTCOME, description="House people on release", **fields
    )


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"measure": MeasureKey.HOUSED_ON_RELEASE},
            {
                "target_percent": ["Enter the target, as a percentage from 0 to 100"],
                "direction": ["Select whether the result must be at least or at most the target"],
            },
        ),
        (
            {"measure": MeasureKey.HOUSED_ON_RELEASE, "target_percent": Decimal("100.5"), "direction": "at_least"},
            {"target_percent": ["The target must be a percentage from 0 to 100"]},
        ),
        (
            {"measure": MeasureKey.HOUSED_ON_RELEASE, "target_percent": Decimal("-1"), "direction": "at_least"},
            {"target_percent": ["The target must be a percentage from 0 to 100"]},
        ),
        (
            {"target_percent": Decimal("80"), "direction": "at_least"},
            {
                "target_percent": ["Select the measure this target applies to, or remove the target"],
                "direction": ["Select the measure this direction applies to, or remove the direction"],
            },
        ),
    ],
)
def test_a_measure_needs_a_target_and_a_direction_and_no_measure_neither(fields, errors):
    with pytest.raises(ValidationError) as error:
        _obligation(**fields).full_clean()
    assert error.value.message_dict == errors


@pytest.mark.parametrize("target", [Decimal("0"), Decimal("80"), Decimal("100")])
def test_a_measured_obligation_with_a_target_from_0_to_100_is_valid(target):
    _obligation(measure=MeasureKey.HOUSED_ON_RELEASE, target_percent=target, direction="at_least").full_clean()


def test_free_text_alone_is_still_an_obligation():
    _obligation(target="Quarterly report to the commissioner").full_clean()


def test_the_database_refuses_a_measure_without_a_target():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractObligation.objects.create(
            contract=ContractFactory(), kind=ObligationKind.OUTCOME, description="x", measure="housed_on_release"
        )


def test_the_measured_target_in_words():
    housed = _obligation(
        measure=MeasureKey.HOUSED_ON_RELEASE, target_percent=Decimal("80.0"), direction=TargetDirection.AT_LEAST
    )
    assert housed.measured_target == "Housed on the first night after release: at least 80%"
    back = _obligation(
        measure=MeasureKey.RETURNED_TO_CUSTODY, target_percent=Decimal("27.5"), direction=TargetDirection.AT_MOST
    )
    assert back.measured_target == "Back in custody within 12 months of release: at most 27.5%"
    assert _obligation(target="Produce a plan").measured_target == "not measured"


def test_the_contract_page_shows_each_obligations_measure_or_not_measured(client):
    contract = ContractFactory()  # with its unmeasured feedback duty
    ContractObligation.objects.create(
        contract=contract,
        kind=ObligationKind.OUTCOME,
        description="House people on release",
        measure=MeasureKey.HOUSED_ON_RELEASE,
        target_percent=Decimal("80"),
        direction=TargetDirection.AT_LEAST,
    )
    client.force_login(UserFactory(role=Role.PARTNER_CASEWORKER, organisation=contract.provider))
    page = client.get(reverse("organisations:contract", args=[contract.pk])).content.decode()
    assert "Housed on the first night after release: at least 80%" in page
    assert "not measured" in page


def test_the_admin_obligation_form_offers_the_measure_fields(admin_client):
    contract = ContractFactory()
    page = admin_client.get(reverse("admin:organisations_contract_change", args=[contract.pk])).content.decode()
    for name in ("measure", "target_percent", "direction"):
        assert f"obligations-0-{name}" in page, name
