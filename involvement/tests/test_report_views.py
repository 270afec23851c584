"""The involvement report's pages and CSV: who sees what, the period list, and the figures shown."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.constants import Role
from common.periods import report_period, report_periods
from involvement.tests import authorisation_report
from involvement.tests.test_report_data import activity, issue
from involvement.views.report import gap_figure, share
from tests.factories import (
    ContractFactory,
    CustodyEpisodeFactory,
    EstablishmentFactory,
    ProviderFactory,
    RegionFactory,
    UserFactory,
)
from tests.matrix import AD, ANON, CO, EVERYONE, IL, PA, PR, P, World

REPORT = reverse("involvement:report")
CSV = reverse("involvement:report-csv")


@pytest.fixture
def prison(db):
    return EstablishmentFactory(name="HMP Testhaven", region=RegionFactory(name="Testshire"))


@pytest.fixture
def lead(prison):
    return UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=prison)


@pytest.fixture
def admin(db):
    return UserFactory(role=Role.ADMINISTRATOR)


@pytest.fixture
def period():
    return report_period(None)


def test_figures_are_written_with_their_denominators_and_signs():
    assert share(3, 4) == "3 of 4 (75%)"
    assert share(0, 0) == "\u2013"
    assert gap_figure(-1.5) == "\u22121.5 rungs"
    assert gap_figure(1.0) == "+1 rung"
    assert gap_figure(0.0) == "0 rungs"
    assert gap_figure(None) == "no ratings"


def test_the_lead_sees_their_prison_with_its_figures(client, lead, prison, period):
    issue(prison, raised=period.start, answered_after=1)
    activity(prison, rung=5, ratings=(3, 4), held=period.start)  # lower median 3: gap -2
    EstablishmentFactory(name="HMP Elsewhere")
    client.force_login(lead)

    response = client.get(REPORT)

    page = response.content.decode()
    assert response.status_code == 200
    assert "HMP Testhaven" in page and "HMP Elsewhere" not in page
    assert "1 of 1 (100%)" in page
    assert "\u22122 rungs" in page
    assert period.label in page
    assert reverse("involvement:report-organisation", args=[prison.pk]) in page
    assert "Regions" not in page


def test_a_contract_row_shows_meetings_do_not_apply(client, admin, period):
    ContractFactory(title="Housing advice")
    client.force_login(admin)
    page = client.get(REPORT).content.decode()
    assert "Housing advice" in page and "not applicable" in page


def test_another_period_is_chosen_from_the_list(client, admin, prison):
    client.force_login(admin)
    this_quarter = next(p for p in report_periods() if not p.complete)
    issue(prison, raised=timezone.localdate())
    page = client.get(REPORT, {"period": this_quarter.key}).content.decode()
    assert "so far" in page and "This period has not ended" in page


def test_a_period_not_on_the_list_shows_the_default_with_a_message(client, admin, period):
    client.force_login(admin)
    response = client.get(REPORT, {"period": "2026-01-01"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a period from the list" in page and period.label in page


def test_the_organisation_page_shows_each_rung_and_activity(client, lead, prison, period):
    activity(prison, rung=6, ratings=(4, 4), held=period.start, title="Wing menu co-design")
    client.force_login(lead)

    response = client.get(reverse("involvement:report-organisation", args=[prison.pk]), {"period": period.key})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Wing menu co-design" in page
    assert "6. Partnership" in page and "4. Consultation" in page
    assert "Participants rated this 2 rungs lower than staff" in page


def test_another_organisations_page_is_not_found_to_a_lead(client, lead):
    client.force_login(lead)
    other = EstablishmentFactory()
    assert client.get(reverse("involvement:report-organisation", args=[other.pk])).status_code == 404
    assert client.get(reverse("involvement:report-organisation", args=[999999])).status_code == 404


def test_a_regions_lead_may_open_a_prison_in_the_region(client, prison):
    region_lead = UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=prison.region)
    client.force_login(region_lead)
    assert client.get(reverse("involvement:report-organisation", args=[prison.pk])).status_code == 200
    assert client.get(reverse("involvement:report-organisation", args=[prison.region.pk])).status_code == 200


def test_the_csv_has_the_rows_of_the_page_and_the_period_in_its_name(client, admin, prison, period):
    issue(prison, raised=period.start, answered_after=1)
    EstablishmentFactory(name="=HYPERLINK(1)")
    contract = ContractFactory()
    client.force_login(admin)

    response = client.get(CSV, {"period": period.key})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"involvement-{period.key}-as-at-" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    mine = next(r for r in rows if r["Name"] == "HMP Testhaven")
    assert (mine["Level"], mine["Issues raised"], mine["Answered on time"], mine["Council meetings held"]) == (
        "establishment",
        "1",
        "1",
        "0",
    )
    assert next(r for r in rows if r["Code"] == contract.reference)["Council meetings held"] == "not applicable"
    assert any(r["Name"] == "'=HYPERLINK(1)" for r in rows)
    assert any(r["Level"] == "region" and r["Name"] == "Testshire" for r in rows)


@pytest.mark.parametrize("role", [Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER, Role.PARTNER_CASEWORKER])
def test_others_are_refused(client, db, role):
    client.force_login(UserFactory(role=role))
    assert client.get(REPORT).status_code == 403
    assert client.get(CSV).status_code == 403


@pytest.mark.parametrize("role", EVERYONE)
def test_this_areas_rows_of_the_authorisation_matrix(client, prison, role):
    """The same check as tests/test_authorisation_matrix.py, for the report's rows alone."""
    provider = ProviderFactory()
    users = {
        P: UserFactory(role=P, organisation=prison),
        PR: UserFactory(role=PR),
        PA: UserFactory(role=PA, organisation=provider),
        IL: UserFactory(role=IL, organisation=prison),
        CO: UserFactory(role=CO),
        AD: UserFactory(role=AD, is_staff=True, is_superuser=True),
    }
    world = World(
        region=prison.region,
        other_region=RegionFactory(),
        prison=prison,
        provider=provider,
        contract=ContractFactory(provider=provider, region=prison.region),
        person=CustodyEpisodeFactory(establishment=prison).person,
        users=users,
        need=None,
        action=None,
    )
    args = authorisation_report.arrange(world)
    if role != ANON:
        client.force_login(users[role])
    for (name, method), answers in authorisation_report.MATRIX.items():
        response = getattr(client, method)(reverse(name, args=args.get(name)))
        assert response.status_code == answers[role], (name, role)
