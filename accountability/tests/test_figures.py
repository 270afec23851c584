"""The figures for a small world worked out by hand (accountability/tests/worlds.py says how)."""

from __future__ import annotations

import pytest

from accountability.figures import Level, scorecard
from accountability.stats import Rag
from accountability.tests.worlds import PERIOD_KEY, TODAY, feedback, hand_worked_world
from common.periods import period_for_key

pytestmark = pytest.mark.django_db
PERIOD = period_for_key(PERIOD_KEY, today=TODAY)


def counts(cell):
    f = cell.figures
    return f.numerator, f.denominator, f.known, f.in_scope


@pytest.fixture
def world():
    return hand_worked_world()


def test_national_figures_match_the_hand_worked_answers(world):
    card = scorecard(Level.NATIONAL, PERIOD, today=TODAY)
    housed = card.national.cells["housed_on_release"]
    # 4 housed of 6 housed-or-not (the early referral's homeless person included), 6 known of 10.
    assert counts(housed) == (4, 7, 7, 10)
    assert housed.figures.rate == pytest.approx(4 / 7)
    assert housed.figures.known_rate == pytest.approx(0.7)
    employed = card.national.cells["employed_at_6_weeks"]
    assert counts(employed) == (1, 3, 4, 4)


def test_each_prison_and_region_matches_the_hand_worked_answers(world):
    prisons = scorecard(Level.ESTABLISHMENT, PERIOD, today=TODAY)
    assert counts(prisons.row("ZZA").cells["housed_on_release"]) == (2, 3, 3, 5)
    assert counts(prisons.row("ZZB").cells["housed_on_release"]) == (1, 3, 3, 4)
    # The same-day recall is out of scope: one release, not two.
    assert counts(prisons.row("ZZC").cells["housed_on_release"]) == (1, 1, 1, 1)
    regions = scorecard(Level.REGION, PERIOD, today=TODAY)
    assert counts(regions.row(str(world.north.pk)).cells["housed_on_release"]) == (3, 6, 6, 9)
    assert counts(regions.row(str(world.south.pk)).cells["housed_on_release"]) == (1, 1, 1, 1)


def test_a_delivery_unit_counts_the_releases_handed_over_to_it(world):
    units = scorecard(Level.DELIVERY_UNIT, PERIOD, today=TODAY)
    assert counts(units.row(str(world.unit.pk)).cells["housed_on_release"]) == (1, 2, 2, 2)


def test_a_contract_and_its_provider_count_releases_with_a_referral_accepted_during_custody(world):
    contracts = scorecard(Level.CONTRACT, PERIOD, today=TODAY)
    assert counts(contracts.row("HOUSE-1").cells["housed_on_release"]) == (1, 2, 2, 2)
    providers = scorecard(Level.PROVIDER, PERIOD, today=TODAY)
    assert counts(providers.row(str(world.contract.provider_id)).cells["housed_on_release"]) == (1, 2, 2, 2)


def test_every_cell_carries_the_national_benchmark_and_a_wilson_interval(world):
    prisons = scorecard(Level.ESTABLISHMENT, PERIOD, today=TODAY)
    cell = prisons.row("ZZA").cells["housed_on_release"]
    assert cell.benchmark == pytest.approx(4 / 7)
    low, high = cell.interval
    assert low < 2 / 3 < high
    # Three people cannot be told apart from the benchmark.
    assert cell.rag == Rag.TOO_FEW


def test_a_period_with_no_data_has_no_rate_never_zero(world):
    empty = scorecard(Level.ESTABLISHMENT, period_for_key("2024-q1", today=TODAY), today=TODAY)
    cell = empty.row("ZZA").cells["housed_on_release"]
    assert not cell.has_data and cell.figures.rate is None and cell.figures.known_rate is None


def test_a_scorecard_costs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    # Per level: one grouped read each of checkpoints, releases and feedback answers, the survey
    # versions and the places (the nation's and the contracts'); and the contracts themselves.
    with django_assert_max_num_queries(14):
        scorecard(Level.CONTRACT, PERIOD, today=TODAY)


def test_release_measures_count_each_release_in_the_period_once(world):
    national = scorecard(Level.NATIONAL, PERIOD, today=TODAY).national
    assert counts(national.cells["returned_to_custody_12_months"]) == (1, 14, 14, 14)
    assert counts(national.cells["mentor_before_release"]) == (0, 14, 14, 14)
    prisons = scorecard(Level.ESTABLISHMENT, PERIOD, today=TODAY)
    assert counts(prisons.row("ZZA").cells["returned_to_custody_12_months"]) == (1, 9, 9, 9)
    assert counts(prisons.row("ZZC").cells["returned_to_custody_12_months"]) == (0, 1, 1, 1)


def test_a_return_to_custody_is_not_counted_before_its_12_months_have_passed(world):
    early = scorecard(Level.NATIONAL, PERIOD, today=PERIOD.end).national.cells["returned_to_custody_12_months"]
    assert early.figures.in_scope == 0 and early.figures.pending == 14


def test_feedback_counts_every_answer_to_the_overall_question_where_it_was_given(world):
    answers = ["very_good", "good", "neither", "poor", "dont_know", "very_good"]
    # The last answer's month is outside the period.
    feedback(world, world.a, [(PERIOD.start, a) for a in answers] + [(PERIOD.start.replace(year=2024), "good")])
    prisons = scorecard(Level.ESTABLISHMENT, PERIOD, today=TODAY)
    # 3 of 6 positive, 1 of 6 negative; "don't know" is in the denominator.
    assert counts(prisons.row("ZZA").cells["feedback_positive"]) == (3, 6, 6, 6)
    assert counts(prisons.row("ZZA").cells["feedback_negative"]) == (1, 6, 6, 6)
    assert counts(prisons.row("ZZB").cells["feedback_positive"]) == (0, 0, 0, 0)
    regions = scorecard(Level.REGION, PERIOD, today=TODAY)
    assert counts(regions.row(str(world.north.pk)).cells["feedback_positive"]) == (3, 6, 6, 6)
    assert prisons.national.cells["feedback_positive"].figures.numerator == 3


def test_every_scorecard_adds_up_to_what_each_level_counts_by_itself(world):
    from accountability.figures import every_scorecard

    together = every_scorecard(PERIOD, today=TODAY)
    for level in Level:
        alone = scorecard(level, PERIOD, today=TODAY)
        for row in alone.rows:
            other = together[level].row(row.place.code) if level is not Level.NATIONAL else together[level].national
            assert {k: counts(c) for k, c in row.cells.items()} == {k: counts(c) for k, c in other.cells.items()}
