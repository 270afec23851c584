from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from organisations.constants import OrganisationKind
from organisations.models import Contract, ContractObligation, Organisation


def organisation_list(*, kind: str = "", search: str = "") -> QuerySet[Organisation]:
    organisations = Organisation.objects.active().select_related("region")
    if kind:
        organisations = organisations.filter(kind=kind)
    if search.strip():
        term = search.strip()
        organisations = organisations.filter(Q(name__icontains=term) | Q(code__iexact=term))
    return organisations


def organisation_get(*, organisation_id: int) -> Organisation:
    return Organisation.objects.select_related("region").get(pk=organisation_id)


def organisation_members(*, organisation: Organisation) -> QuerySet[Organisation]:
    return organisation.members.filter(active=True).order_by("kind", "name")


def contract_list_for_user(*, user: Any) -> QuerySet[Contract]:
    """Contracts relevant to the user's organisation, with what a list needs in a fixed number of queries."""
    if not getattr(user, "organisation", None):
        return Contract.objects.none()
    return (
        Contract.objects.relevant_to(user.organisation)
        .select_related("provider", "region", "commissioner")
        .prefetch_related("pathways")
        .order_by("reference")
    )


def contract_get_for_user(*, user: Any, contract_id: int) -> Contract:
    """One contract the user may see; Contract.DoesNotExist otherwise."""
    if not getattr(user, "organisation", None):
        raise Contract.DoesNotExist
    return (
        Contract.objects.relevant_to(user.organisation)
        .select_related("provider", "region", "commissioner")
        .prefetch_related("pathways", "obligations", "establishments")
        .get(pk=contract_id)
    )


def reporting_places() -> list[dict[str, Any]]:
    """Every prison, region, delivery unit and provider that figures are reported for, with what a
    report names and groups them by. One query."""
    return [
        dict(row)
        for row in Organisation.objects.filter(
            kind__in=(
                OrganisationKind.ESTABLISHMENT,
                OrganisationKind.PROBATION_REGION,
                OrganisationKind.DELIVERY_UNIT,
                OrganisationKind.PROVIDER,
            )
        )
        .values("pk", "kind", "name", "code", "region_id", "establishment_type")
        .order_by("name", "pk")
    ]


def reporting_contracts() -> list[dict[str, Any]]:
    """Every contract with its provider and its obligations (measure, target, direction, free text).
    Two queries."""
    contracts: list[dict[str, Any]] = [
        dict(row)
        for row in Contract.objects.values(
            "pk", "reference", "title", "provider_id", "region_id", "start_date", "end_date"
        )
    ]
    obligations: dict[int, list[dict[str, Any]]] = {c["pk"]: [] for c in contracts}
    for row in ContractObligation.objects.values(
        "contract_id", "kind", "description", "target", "measure", "target_percent", "direction"
    ).order_by("contract_id", "kind", "pk"):
        obligations[row["contract_id"]].append(dict(row))
    return [{**c, "obligations": obligations[c["pk"]]} for c in contracts]
