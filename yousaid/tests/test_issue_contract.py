"""An issue about a commissioned service names its contract (issue 6, item 4), so that the
involvement report counts it against the contract; only a contract the organisation has a part in."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import ContractFactory, ProviderFactory
from yousaid import selectors
from yousaid.constants import Source
from yousaid.models import Issue
from yousaid.services import issue_raise

from .conftest import WORDS


@pytest.fixture
def contract(prison):
    return ContractFactory(provider=ProviderFactory(), region=prison.region, title="Housing advice")


def test_an_issue_names_a_contract_of_its_organisation(lead, contract):
    issue = issue_raise(
        acting_user=lead, organisation_id=None, source=Source.BY_HAND, said=WORDS, contract_id=contract.pk
    )
    assert issue.contract_id == contract.pk
    assert selectors.issue_figures(contract_ids=[contract.pk]).raised == 1
    assert selectors.issue_figures(contract_ids=[contract.pk], organisation_ids=[]).raised == 0


def test_a_contract_the_organisation_has_no_part_in_is_refused_and_nothing_changes(lead):
    elsewhere = ContractFactory()
    with pytest.raises(ValidationError) as refused:
        issue_raise(acting_user=lead, organisation_id=None, source=Source.BY_HAND, said=WORDS, contract_id=elsewhere.pk)
    assert "Select a contract that HMP Testhaven has a part in" in refused.value.message_dict["contract"]
    assert not Issue.objects.exists()


def test_the_form_offers_only_the_organisations_contracts(client, lead, contract):
    ContractFactory(title="Somewhere else entirely")
    client.force_login(lead)
    page = client.get(reverse("yousaid:raise"))
    text = page.content.decode()
    assert "Housing advice" in text and "Somewhere else entirely" not in text
    sid = re.search(r'name="submission_id" value="([^"]+)"', text).group(1)
    client.post(
        reverse("yousaid:raise"),
        {"submission_id": sid, "source": Source.BY_HAND, "said": WORDS, "restricted": "no", "contract": contract.pk},
    )
    assert Issue.objects.get().contract_id == contract.pk


def test_figures_grouped_by_contract_match_one_at_a_time(lead, contract):
    other = ContractFactory(region=contract.region)
    for chosen in (contract, contract, other, None):
        issue_raise(
            acting_user=lead,
            organisation_id=None,
            source=Source.BY_HAND,
            said=WORDS,
            contract_id=getattr(chosen, "pk", None),
        )
    grouped = selectors.issue_figures_by(by="contract", contract_ids=[contract.pk, other.pk])
    assert {k: v.raised for k, v in grouped.items()} == {contract.pk: 2, other.pk: 1}
    assert selectors.issue_figures(organisation_ids=[lead.organisation_id]).raised == 4
