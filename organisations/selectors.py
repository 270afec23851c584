from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from organisations.models import Contract, Organisation


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
