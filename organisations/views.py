from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import rules
from accounts.decorators import allowed_if
from organisations import selectors
from organisations.forms import OrganisationFilterForm
from organisations.models import Contract, Organisation

ORGANISATIONS_PER_PAGE = 50
CONTRACTS_PER_PAGE = 25


@allowed_if(rules.can_view_organisations)
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {"kind": "", "q": ""}
    organisations = selectors.organisation_list(kind=data["kind"], search=data["q"])
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "organisations/list.html", {"filter_form": form, "page": page})


@allowed_if(rules.can_view_organisations)
def organisation_detail(request: HttpRequest, organisation_id: int) -> HttpResponse:
    try:
        organisation = selectors.organisation_get(organisation_id=organisation_id)
    except Organisation.DoesNotExist:
        raise Http404 from None
    visible_contracts = selectors.contract_list_for_user(user=request.user)
    contracts = visible_contracts.filter(pk__in=Contract.objects.relevant_to(organisation).values("pk"))
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "members": selectors.organisation_members(organisation=organisation),
            "contracts": contracts,
        },
    )


@allowed_if(rules.can_view_contracts)
def contract_list(request: HttpRequest) -> HttpResponse:
    contracts = selectors.contract_list_for_user(user=request.user)
    page = Paginator(contracts, CONTRACTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "organisations/contract_list.html", {"page": page})


@allowed_if(rules.can_view_contracts)
def contract_detail(request: HttpRequest, contract_id: int) -> HttpResponse:
    try:
        contract = selectors.contract_get_for_user(user=request.user, contract_id=contract_id)
    except Contract.DoesNotExist:
        raise Http404 from None
    return render(request, "organisations/contract_detail.html", {"contract": contract})
