"""The scorecards and the public dashboard, walked as their users would: staff see true figures
with comparisons and the contract's compliance; the public sees only what disclosure control lets
through, in the page and in the CSV; unknown levels, places and periods answer 404."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from accountability.tests.worlds import PERIOD_KEY, TODAY, hand_worked_world
from accounts.constants import Role
from organisations.constants import MeasureKey, ObligationKind, TargetDirection
from organisations.models import ContractObligation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


@pytest.fixture
def world():
    return hand_worked_world()


@pytest.fixture
def commissioner(client):
    user = UserFactory(role=Role.COMMISSIONER)
    client.force_login(user)
    return user


def page(client, name, *args, period=PERIOD_KEY):
    response = client.get(reverse(name, args=args), {"period": period})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_staff_see_a_prisons_true_figures_with_interval_and_benchmark(client, world, commissioner):
    html = page(client, "accountability:scorecards-place", "establishment", "ZZA")
    assert "HMP Alder" in html
    assert "67%" in html  # 2 of 3 housed
    assert "2 / 3" in html
    assert "57%" in html  # the national benchmark, 4 of 7
    assert "Too few to say" in html
    assert "<svg" in html and "95% interval" in html
    # Compared with prisons of the same type and its own previous quarter.
    assert "Other category c training prisons" in html
    assert "Quarter 4 of 2024-25" in html


def test_the_contract_scorecard_checks_each_obligation_against_its_measure(client, world, commissioner):
    ContractObligation.objects.create(
        contract=world.contract,
        kind=ObligationKind.OUTCOME,
        description="House people on release",
        measure=MeasureKey.HOUSED_ON_RELEASE,
        target_percent=80,
        direction=TargetDirection.AT_LEAST,
    )
    ContractObligation.objects.create(
        contract=world.contract, kind=ObligationKind.OUTPUT, description="Run a drop-in", target="Weekly"
    )
    html = page(client, "accountability:scorecards-place", "contract", "HOUSE-1")
    assert "Contract compliance" in html
    assert "At least 80" in html and "Not met" in html  # 1 of 2 housed
    assert "Not measured" in html


def test_the_public_sees_no_figure_about_fewer_than_ten_people(client, world):
    html = page(client, "accountability:dashboard-place", "establishment", "ZZA")
    # Five people are in scope at HMP Alder: no rate, no count.
    assert "67%" not in html and "2 / 3" not in html
    assert "too few people to publish" in html
    # Nationally ten are in scope: counts rounded to 5, the rate from the rounded counts (5 of 5).
    national = page(client, "accountability:dashboard")
    assert "100%" in national


def test_the_public_csv_holds_no_number_where_a_figure_is_suppressed(client, world):
    response = client.get(reverse("accountability:dashboard-csv", args=["establishment"]), {"period": PERIOD_KEY})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    alder = [r for r in rows if r["Code"] == "ZZA" and r["Measure"] == "housed_on_release"][0]
    assert {alder[f] for f in ("numerator", "denominator", "in_scope", "rate", "known_rate")} == {"*"}


def test_the_staff_csv_holds_the_true_counts(client, world, commissioner):
    response = client.get(reverse("accountability:scorecards-csv", args=["establishment"]), {"period": PERIOD_KEY})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    alder = [r for r in rows if r["Code"] == "ZZA" and r["Measure"] == "housed_on_release"][0]
    assert (alder["numerator"], alder["denominator"], alder["in_scope"]) == ("2", "3", "5")


@pytest.mark.parametrize(
    ("name", "args", "period"),
    [
        ("accountability:dashboard-level", ["county"], PERIOD_KEY),
        ("accountability:dashboard-level", ["delivery_unit"], PERIOD_KEY),  # not a public level
        ("accountability:dashboard-level", ["contract"], PERIOD_KEY),
        ("accountability:dashboard-place", ["establishment", "XXX"], PERIOD_KEY),
        ("accountability:dashboard-level", ["establishment"], "2025-q9"),
        ("accountability:dashboard-level", ["establishment"], "2030"),
    ],
)
def test_unknown_levels_places_and_periods_answer_404(client, world, name, args, period):
    assert client.get(reverse(name, args=args), {"period": period}).status_code == 404


def test_a_period_with_no_data_says_no_data_never_zero(client, world, commissioner):
    html = page(client, "accountability:scorecards-place", "establishment", "ZZA", period="2024-q1")
    assert "no data" in html
    assert 'numeric">0%' not in html  # no rate cell says 0%


def test_the_scorecard_prints_as_a_pdf(client, world, commissioner):
    response = client.get(
        reverse("accountability:scorecards-pdf", args=["establishment", "ZZA"]), {"period": PERIOD_KEY}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
