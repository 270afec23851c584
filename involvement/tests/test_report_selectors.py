"""The involvement report's figures, each checked against hand-made records."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.constants import Role
from common.periods import report_period, report_periods
from involvement.activity_selectors import activity_figures
from involvement.report_selectors import involvement_report, organisation_report
from involvement.tests.test_report_data import AFTER, BEFORE, TODAY, action, activity, issue, meeting
from tests.factories import (
    CommissionerFactory,
    ContractFactory,
    DeliveryUnitFactory,
    EstablishmentFactory,
    ProviderFactory,
    RegionFactory,
    UserFactory,
)

PERIOD = report_period(None, today=TODAY)


def _row(rows, organisation):
    return next(r for r in rows if r.label == getattr(organisation, "name", str(organisation)))


# --- periods -------------------------------------------------------------------------------------


def test_the_default_period_is_the_last_complete_financial_quarter():
    assert PERIOD is not None
    assert (PERIOD.key, PERIOD.start, PERIOD.end, PERIOD.complete) == (
        "2026-q2",
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
        True,
    )
    assert PERIOD.label == "Quarter 2 of 2026-27 (July to September 2026)"


def test_only_fixed_quarters_and_financial_years_are_offered():
    periods = {p.key: p for p in report_periods(today=TODAY)}
    assert list(periods) == ["2026-q2", "2026-q1", "2025-q4", "2025-q3", "2026-q3", "2025", "2024", "2026"]
    assert (periods["2025"].start, periods["2025"].end) == (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    assert periods["2025-q4"].start == datetime.date(2026, 1, 1)
    assert not periods["2026-q3"].complete and periods["2026-q3"].label.endswith(", so far")
    assert not periods["2026"].complete
    assert report_period("2026-11-01", today=TODAY) is None


def test_in_january_the_last_complete_quarter_is_october_to_december():
    period = report_period(None, today=datetime.date(2027, 1, 5))
    assert period is not None
    assert (period.key, period.start, period.end) == (
        "2026-q3",
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )


# --- figures -------------------------------------------------------------------------------------


@pytest.fixture
def admin(db):
    return UserFactory(role=Role.ADMINISTRATOR)


@pytest.fixture
def prison(db):
    return EstablishmentFactory(name="HMP Testhaven")


def test_issues_answered_on_time_late_overdue_and_actions_claimed_and_confirmed(admin, prison):
    on_time = issue(prison, answered_after=5)
    late = issue(prison, answered_after=30)
    issue(prison, due_in=20)  # not answered, overdue by TODAY
    issue(prison, raised=datetime.date(2026, 9, 30), due_in=90)  # not answered, not yet due
    issue(prison, raised=BEFORE, answered_after=1)
    issue(prison, raised=AFTER, answered_after=1)
    action(on_time, confirmed=True)
    action(on_time, claimed=True)
    action(late)

    row = _row(involvement_report(user=admin, period=PERIOD, today=TODAY).organisations, prison)

    f = row.issues
    assert (f.raised, f.answered_on_time, f.answered_late, f.not_answered, f.overdue) == (4, 1, 1, 2, 1)
    assert (f.actions_promised, f.actions_done_claimed, f.actions_confirmed) == (3, 2, 1)
    assert row.kind == "establishment"


def test_council_meetings_count_only_inside_the_period(admin, prison):
    meeting(prison)
    meeting(prison, held=PERIOD.end)
    meeting(prison, held=BEFORE)
    meeting(prison, held=AFTER)

    assert _row(involvement_report(user=admin, period=PERIOD, today=TODAY).organisations, prison).meetings_held == 2


def test_activities_by_rung_and_band_and_the_mean_rating_gap(admin, prison):
    activity(prison, rung=5, ratings=(3, 3, 4), named=2, other=3, fed_back=True)  # median 3: gap -2
    activity(prison, rung=2, ratings=(4, 2))  # lower median 2: gap 0
    activity(prison, rung=7, other=1)  # not rated
    activity(prison, rung=8, ratings=(1,), held=AFTER)

    a = _row(involvement_report(user=admin, period=PERIOD, today=TODAY).organisations, prison).activities

    assert a.activities == 3
    assert a.by_rung == {1: 0, 2: 1, 3: 0, 4: 0, 5: 1, 6: 0, 7: 1, 8: 0}
    assert a.by_band == {"non_participation": 1, "tokenism": 1, "citizen_power": 1}
    assert (a.with_participant_ratings, a.mean_gap) == (2, -1.0)
    assert (a.fed_back, a.participants_named, a.participants_other) == (1, 2, 4)
    # The report's grouped reading agrees with the activities' own figures.
    assert a == activity_figures(organisation_ids=[prison.pk], start=PERIOD.start, end=PERIOD.end)


def test_no_ratings_leaves_the_gap_unknown(admin, prison):
    activity(prison, rung=4)
    a = _row(involvement_report(user=admin, period=PERIOD, today=TODAY).organisations, prison).activities
    assert (a.activities, a.with_participant_ratings, a.mean_gap) == (1, 0, None)


def test_a_region_counts_itself_with_its_prisons_and_delivery_units(admin):
    region, elsewhere = RegionFactory(name="Testshire"), RegionFactory(name="Woldshire")
    prison, unit = EstablishmentFactory(region=region), DeliveryUnitFactory(region=region)
    issue(region)
    issue(prison, answered_after=1)
    issue(unit)
    issue(EstablishmentFactory(region=elsewhere))
    meeting(prison)
    meeting(unit)
    activity(prison, rung=6, ratings=(4,))  # gap -2
    activity(unit, rung=3, ratings=(4,))  # gap +1

    report = involvement_report(user=admin, period=PERIOD, today=TODAY)
    row = _row(report.regions, region)

    assert (row.kind, row.issues.raised, row.issues.answered_on_time, row.meetings_held) == ("region", 3, 1, 2)
    assert (row.activities.activities, row.activities.mean_gap) == (2, -0.5)
    assert _row(report.regions, elsewhere).issues.raised == 1
    assert _row(report.organisations, unit).kind == "delivery unit"


def test_contract_rows_count_issues_and_activities_under_the_contract_and_no_meetings(admin, prison):
    provider = ProviderFactory(name="Example Housing Trust")
    contract = ContractFactory(provider=provider, title="Housing advice")
    other = ContractFactory(provider=provider, title="Money advice")
    issue(prison, contract=contract, answered_after=1)
    issue(provider, contract=contract)
    issue(prison)  # no contract
    issue(prison, contract=contract, raised=BEFORE)
    activity(provider, rung=4, ratings=(2, 2), contract=contract)
    activity(prison, rung=4)
    meeting(prison)

    report = involvement_report(user=admin, period=PERIOD, today=TODAY)
    row = _row(report.contracts, contract)

    assert (row.kind, row.code, row.issues.raised, row.issues.answered_on_time) == (
        "contract",
        contract.reference,
        2,
        1,
    )
    assert (row.activities.activities, row.activities.mean_gap) == (1, -2.0)
    assert row.meetings_held is None
    assert _row(report.contracts, other).issues.raised == 0
    assert _row(report.organisations, prison).issues.raised == 2


# --- remit ---------------------------------------------------------------------------------------


def test_a_lead_reports_on_their_own_organisation_only(prison):
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=prison)
    neighbour = EstablishmentFactory(region=prison.region)
    issue(prison)
    issue(neighbour)

    report = involvement_report(user=lead, period=PERIOD, today=TODAY)

    assert [r.label for r in report.organisations] == [prison.name]
    assert report.regions == []


def test_a_regions_lead_reports_on_the_region_and_its_members(db):
    region = RegionFactory(name="Testshire")
    prison, unit = EstablishmentFactory(region=region), DeliveryUnitFactory(region=region)
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=region)
    EstablishmentFactory()  # another region's prison

    report = involvement_report(user=lead, period=PERIOD, today=TODAY)

    assert {r.label for r in report.organisations} == {prison.name, unit.name}
    assert [r.label for r in report.regions] == [region.name]


def test_a_leads_contract_rows_count_only_their_own_organisations(prison):
    provider = ProviderFactory()
    contract = ContractFactory(provider=provider, region=prison.region)
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=prison)
    issue(prison, contract=contract)
    issue(provider, contract=contract)
    activity(provider, rung=3, contract=contract)

    row = _row(involvement_report(user=lead, period=PERIOD, today=TODAY).contracts, contract)

    assert (row.issues.raised, row.activities.activities) == (1, 0)


def test_a_commissioner_sees_every_organisation_and_the_contracts_they_commission(prison):
    team = CommissionerFactory()
    commissioner = UserFactory(role=Role.COMMISSIONER, organisation=team)
    theirs = ContractFactory(commissioner=team)
    ContractFactory(commissioner=CommissionerFactory())

    report = involvement_report(user=commissioner, period=PERIOD, today=TODAY)

    assert prison.name in {r.label for r in report.organisations}
    assert [r.contract_id for r in report.contracts] == [theirs.pk]


def test_someone_who_may_not_see_the_report_gets_nothing(prison):
    report = involvement_report(user=UserFactory(role=Role.PRISON_STAFF, organisation=prison), period=PERIOD)
    assert (report.organisations, report.regions, report.contracts) == ([], [], [])


# --- one organisation ----------------------------------------------------------------------------


def test_one_organisation_lists_its_activities_with_both_ratings(prison):
    activity(prison, rung=6, ratings=(3, 4, 4), title="Wing menu co-design")
    activity(prison, rung=2, title="Induction talk")
    activity(prison, rung=8, held=BEFORE, title="Last year's event")

    found = organisation_report(organisation=prison, period=PERIOD, today=TODAY)

    lines = {line.activity.title: line for line in found.activities}
    assert set(lines) == {"Wing menu co-design", "Induction talk"}
    wing = lines["Wing menu co-design"]
    assert (wing.staff_rung, wing.participants_rung, wing.gap, wing.ratings) == (6, 4, -2, 3)
    assert lines["Induction talk"].participants_rung is None
    assert found.row.activities.by_rung[6] == 1 and found.row.activities.by_rung[2] == 1


# --- cost ----------------------------------------------------------------------------------------


def _world(n: int) -> list:
    region = RegionFactory()
    contract = ContractFactory(region=region)
    made = []
    for _n in range(n):
        prison = EstablishmentFactory(region=region)
        on = issue(prison, answered_after=2, contract=contract)
        action(on, confirmed=True)
        meeting(prison)
        activity(prison, rung=4, ratings=(3,), named=1, contract=contract)
        made.append(prison)
    return made


def _queries(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        report = involvement_report(user=user, period=PERIOD, today=TODAY)
    assert report.organisations
    return len(captured)


def test_the_report_costs_the_same_number_of_queries_for_3_or_30_organisations(admin):
    _world(3)
    few = _queries(admin)
    _world(27)
    many = _queries(admin)
    assert few == many
    assert many <= 15
