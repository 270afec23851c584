"""The scorecards and the public dashboard, walked in the browser: a commissioner signs in, opens a
prison's scorecard, changes the period and downloads the CSV; someone not signed in reads the public
dashboard, where a small prison's figures are hidden and a larger one's are rounded; and every page
is checked by axe-core against WCAG 2.2 AA.

The world is the hand-worked one (accountability/tests/worlds.py: releases in April 2025, quarter 1
of 2025-26) and one more prison, HMP Elm, in a region of its own, with 20 people released and
counted on their first night (13 housed), so that its public figures are published, rounded to 5."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from accountability.tests.worlds import PERIOD_KEY, World, _checkpoint, _release, hand_worked_world
from accounts.constants import Role
from organisations.constants import MeasureKey, ObligationKind, TargetDirection
from organisations.models import ContractObligation
from tests.browser.conftest import check_accessibility, log_in, screenshot, sign_in
from tests.factories import CommissionerFactory, EstablishmentFactory, RegionFactory, UserFactory

YEAR = "Financial year 2025-26 (April 2025 to March 2026)"  # holds quarter 1 of 2025-26
ELM = "ZZE"


@pytest.fixture
def outcomes(transactional_db: None) -> World:
    world = hand_worked_world()
    elm = EstablishmentFactory(name="HMP Elm", code=ELM, region=RegionFactory(name="East"))
    for n in range(20):
        _checkpoint(_release(elm), world.officer, accommodation="settled" if n < 13 else "homeless")
    ContractObligation.objects.create(
        contract=world.contract,
        kind=ObligationKind.OUTCOME,
        description="House people on release",
        measure=MeasureKey.HOUSED_ON_RELEASE,
        target_percent=80,
        direction=TargetDirection.AT_LEAST,
    )
    return world


@pytest.fixture
def commissioner(transactional_db: None) -> Any:
    return UserFactory(
        role=Role.COMMISSIONER,
        username="commissioner",
        first_name="Cerys",
        organisation=CommissionerFactory(name="Testshire Commissioning Team"),
    )


def test_a_commissioner_reads_a_prisons_scorecard_and_downloads_the_figures(
    live_server, outcomes: World, commissioner: Any, page
):
    sign_in(page, live_server, commissioner.username)

    page.goto(f"{live_server.url}/scorecards/")
    expect(page.get_by_role("heading", level=1)).to_have_text("England and Wales")
    page.get_by_role("link", name="Prisons", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prisons")
    page.get_by_role("link", name="HMP Elm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("HMP Elm")

    # The latest quarter has no releases: the user chooses the year that holds them.
    page.get_by_label("Period").select_option(label=YEAR)
    page.get_by_role("button", name="Show the figures").click()
    page.wait_for_url(lambda url: "period=2025" in url)
    expect(page.get_by_role("heading", level=1)).to_have_text("HMP Elm")
    expect(page.get_by_text(YEAR).first).to_be_visible()

    chart = page.locator("figure svg[role=img]")
    expect(chart).to_have_count(1)
    expect(chart.locator("title")).to_have_text("Each measure's rate with its 95% interval and the national benchmark")
    expect(page.get_by_role("img", name="Each measure's rate with its 95% interval")).to_be_visible()
    figures = page.get_by_role("table", name="Every figure behind the chart")
    housed = figures.get_by_role("row", name="Housed on the first night after release")
    expect(housed).to_contain_text("65%")  # 13 of 20, the true count for staff
    expect(housed).to_contain_text("13 / 20")
    screenshot(page, "accountability-scorecard")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the figures at this level (CSV)").click()
    assert download.value.suggested_filename == "outcomes-establishment-2025-staff.csv"
    text = Path(download.value.path()).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("Period,Level,Code,Name,Measure,")
    assert any(line.split(",")[2:5] == [ELM, "HMP Elm", "housed_on_release"] for line in lines[1:])


def test_the_public_reads_the_dashboard_without_signing_in(live_server, outcomes: World, page):
    page.goto(f"{live_server.url}/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("England and Wales")
    page.get_by_label("Period").select_option(label=YEAR)
    page.get_by_role("button", name="Show the figures").click()
    page.wait_for_url(lambda url: "period=2025" in url)
    page.get_by_role("link", name="Prisons", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prisons")

    table = page.get_by_role("table", name="Rates, known rates and how each compares with the national benchmark")
    # HMP Alder counts 5 people: nothing is published about them.
    alder = table.get_by_role("row", name="HMP Alder")
    expect(alder.locator("td").first).to_contain_text("*")
    expect(alder.locator("td").first).to_contain_text("too few people to publish")
    # HMP Elm counts 20: 13 housed is rounded to 15, so the rate is 15 of 20, not the true 65%.
    elm = table.get_by_role("row", name="HMP Elm")
    expect(elm.locator("td").first).to_contain_text("75%")
    expect(elm.locator("td").first).not_to_contain_text("65%")
    screenshot(page, "accountability-dashboard")

    page.get_by_text("How to read these figures").click()
    page.get_by_role("link", name="What each measure means").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What the outcome measures mean")
    expect(page.get_by_text("Housed on the first night after release")).to_be_visible()


STAFF_PAGES = [
    ("scorecards-national", "/scorecards/"),
    ("scorecards-prisons", "/scorecards/establishment/"),
    ("scorecards-prison", "/scorecards/establishment/ZZA/"),
    ("scorecards-contract", "/scorecards/contract/HOUSE-1/"),
]
PUBLIC_PAGES = [
    ("dashboard-national", "/dashboard/"),
    ("dashboard-prisons", "/dashboard/establishment/"),
    ("dashboard-prison", f"/dashboard/establishment/{ELM}/"),
    ("dashboard-small-prison", "/dashboard/establishment/ZZA/"),
    ("outcomes", "/outcomes/"),
]


def test_every_page_meets_wcag_2_2_aa(live_server, outcomes: World, commissioner: Any, page):
    for name, path in PUBLIC_PAGES:
        response = page.goto(f"{live_server.url}{path}?period={PERIOD_KEY}")
        assert response is not None and response.status == 200, (path, response and response.status)
        check_accessibility(page, name)
    log_in(page, live_server, commissioner)
    for name, path in STAFF_PAGES:
        response = page.goto(f"{live_server.url}{path}?period={PERIOD_KEY}")
        assert response is not None and response.status == 200, (path, response and response.status)
        check_accessibility(page, name)
    expect(page.get_by_role("heading", name="Contract compliance")).to_be_visible()
