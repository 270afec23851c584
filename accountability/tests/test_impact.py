"""The impact estimate on synthetic people: a planted effect it must recover, none, and the rules around it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from accountability.impact import (
    ImpactResult,
    Subject,
    caliper_width,
    encode,
    estimate,
    grade,
    match,
    propensity_logits,
)

PHRASE = "were housed on release"


def _expit(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def population(
    seed: int,
    *,
    n: int = 1500,
    effect: float = 0.0,
    treat_shift: float = -1.0,
    unknown: float = 0.0,
    regions: tuple[str, ...] = ("North", "South", "East"),
) -> list[Subject]:
    """Confounded people: older people are both likelier to be treated and likelier to have the outcome.

    The outcome's chance is base(age, custody) + ``effect`` for the treated, so the true effect on the treated is
    exactly ``effect``; a share ``unknown`` of people have no known outcome.
    """
    rng = np.random.default_rng(seed)
    age = rng.uniform(18, 65, n)
    z = (age - 40) / 12
    sex = rng.choice(["F", "M"], n, p=[0.2, 0.8])
    region = rng.choice(list(regions), n)
    custody = rng.poisson(2, n)
    risk = rng.choice(["low", "medium", "high"], n)
    treated = rng.random(n) < _expit(treat_shift + 1.3 * z + 0.4 * (sex == "F") + 0.1 * custody)
    base = 0.1 + 0.6 * _expit(1.6 * z + 0.15 * (custody - 2))
    outcome = rng.random(n) < base + effect * treated
    known = rng.random(n) >= unknown
    return [
        Subject(
            treated=bool(treated[i]),
            outcome=bool(outcome[i]) if known[i] else None,
            features={
                "age": float(age[i]),
                "sex": str(sex[i]),
                "region": str(region[i]),
                "custody": int(custody[i]),
                "risk": str(risk[i]),
            },
            exact=str(region[i]),
        )
        for i in range(n)
    ]


def naive_difference(subjects: list[Subject]) -> float:
    treated = [s.outcome for s in subjects if s.treated and s.outcome is not None]
    comparison = [s.outcome for s in subjects if not s.treated and s.outcome is not None]
    return sum(treated) / len(treated) - sum(comparison) / len(comparison)


def row(result: ImpactResult, variable: str):
    return next(r for r in result.balance if r.variable == variable)


@pytest.fixture(scope="module")
def planted() -> tuple[list[Subject], ImpactResult]:
    subjects = population(1, effect=0.15)
    return subjects, estimate(subjects, outcome_phrase=PHRASE)


@pytest.fixture(scope="module")
def null() -> tuple[list[Subject], ImpactResult]:
    subjects = population(2, effect=0.0)
    return subjects, estimate(subjects, outcome_phrase=PHRASE)


def test_a_planted_effect_of_15_points_is_recovered_where_the_naive_difference_is_biased(planted):
    subjects, result = planted
    assert naive_difference(subjects) > 0.3  # confounding by age inflates the naive difference
    assert result.publishable, result.reasons
    assert result.ci_low is not None and result.ci_high is not None and result.p_value is not None
    assert result.ci_low < 0.15 < result.ci_high
    assert result.ci_low > 0
    assert result.p_value < 0.05
    assert abs(result.difference - 0.15) < 0.06
    assert result.wording.startswith(f"For any 100 typical people in the treated group, the number who {PHRASE}")
    low, high = round(result.ci_low * 100), round(result.ci_high * 100)
    assert f"between {low} and {high} more than in a matched comparison group" in result.wording


def test_no_planted_effect_is_worded_inconclusive_never_no_effect(null):
    subjects, result = null
    assert naive_difference(subjects) > 0.15  # the confounding alone would look like an effect
    assert result.publishable, result.reasons
    assert result.ci_low < 0 < result.ci_high
    assert result.p_value > 0.05
    assert result.wording.startswith("The result is inconclusive")
    assert "could be between" in result.wording and "fewer and" in result.wording
    assert "no effect" not in result.wording.lower()


def test_a_negative_effect_is_worded_fewer():
    result = estimate(population(3, effect=-0.2), outcome_phrase=PHRASE)
    assert result.publishable and result.ci_high < 0
    assert "fewer than in a matched comparison group" in result.wording


def test_matching_improves_balance_on_the_confounder_and_grades_it(planted):
    _, result = planted
    age = row(result, "age")
    assert age.smd_before > 50 and age.grade_before == ">10%"
    assert abs(age.smd_after) < abs(age.smd_before)
    assert age.grade_after == "<5%"
    # a category is balanced level by level, its reference level included
    assert {r.variable for r in result.balance if r.feature == "sex"} == {"sex=F", "sex=M"}
    assert all(r.grade_after in ("<5%", "5–10%") for r in result.balance)


def test_grades():
    assert [grade(x) for x in (0, -4.99, 5, -10, 10.01, -30)] == ["<5%", "<5%", "5–10%", "5–10%", ">10%", ">10%"]


def test_fewer_than_60_treated_cannot_be_published():
    subjects = population(4, n=400, effect=0.15, treat_shift=-3.0)
    assert sum(s.treated for s in subjects) < 60
    result = estimate(subjects, outcome_phrase=PHRASE)
    assert not result.publishable
    assert any("at least 60 are needed" in reason for reason in result.reasons)
    assert result.wording.startswith("This result cannot be published: only")
    assert "typical people" not in result.wording
    # the threshold is a parameter
    assert "at least 60" not in " ".join(estimate(subjects, outcome_phrase=PHRASE, min_treated=10).reasons)


def _shifted_grid() -> list[Subject]:
    """Treated at x = 0..9, comparisons at x − 0.45: each treated person's nearest match (within the caliper of
    0.2 × 2.87) is 0.45 lower, so x stays 15.7% out of balance after matching."""
    subjects = []
    for value in range(10):
        for copy in range(10):
            subjects.append(Subject(True, copy % 2 == 0, {"x": float(value)}))
            subjects.append(Subject(False, copy % 3 == 0, {"x": value - 0.45}))
    return subjects


def test_a_key_variable_left_unbalanced_cannot_be_published():
    result = estimate(_shifted_grid(), outcome_phrase=PHRASE, min_treated=10)
    x = row(result, "x")
    assert x.smd_after == pytest.approx(100 * 0.45 / np.std(np.arange(10)), rel=1e-6)
    assert x.grade_after == ">10%"
    assert not result.publishable
    assert result.reasons == ("x is not balanced after matching (SMD 15.7%, above 10%)",)
    assert "cannot be published" in result.wording
    # not a key variable: the same imbalance no longer stops it
    assert estimate(_shifted_grid(), outcome_phrase=PHRASE, min_treated=10, key_variables=[]).publishable


def test_exact_matching_never_pairs_across_groups():
    subjects = population(5, n=900, effect=0.1)
    # people in region Z are all treated: no comparison shares their group
    subjects += [Subject(True, i % 2 == 0, {**subjects[i].features, "region": "Z"}, exact="Z") for i in range(20)]
    result = estimate(subjects, outcome_phrase=PHRASE, exact_match=True)
    assert result.pairs
    for treated, matches in result.pairs:
        assert all(subjects[k].exact == subjects[treated].exact for k in matches)
        assert subjects[treated].treated and not any(subjects[k].treated for k in matches)
    assert all(subjects[t].exact != "Z" for t, _ in result.pairs)
    assert result.matched <= result.treated - 20
    loose = estimate(subjects, outcome_phrase=PHRASE)
    assert any(subjects[k].exact != subjects[t].exact for t, matches in loose.pairs for k in matches)


def test_attrition_from_eligible_to_matched_to_analysed_adds_up():
    subjects = population(6, n=1000, effect=0.1, unknown=0.15)
    result = estimate(subjects, outcome_phrase=PHRASE)
    assert result.eligible == len(subjects)
    assert result.treated == sum(s.treated for s in subjects)
    assert result.matched == len(result.pairs) <= result.treated
    assert result.analysed == sum(subjects[t].outcome is not None for t, _ in result.pairs)
    assert result.analysed < result.matched
    # comparison people without a known outcome are never offered as matches
    assert all(subjects[k].outcome is not None for _, matches in result.pairs for k in matches)


def test_matcher_takes_nearest_within_caliper_with_replacement_and_ties():
    logits = np.array([0.0, 1.0, 5.0, -0.1, 0.1, 1.05, 1.05, 3.0])
    treated = np.array([True, True, True, False, False, False, False, False])
    pairs = match(logits, treated, caliper=0.2)
    assert pairs == {0: (3, 4), 1: (5, 6)}  # 0 ties between 3 and 4; 2 has no one within 0.2
    assert match(logits, treated, caliper=0.2, groups=["a", "b", "a", "a", "b", "b", "b", "a"]) == {0: (3,), 1: (5, 6)}
    assert match(logits, treated, caliper=0.2, pool=np.array([True] * 4 + [False] * 4)) == {0: (3,)}
    # k nearest, and everyone tied with the k-th; never beyond the caliper
    wide = np.array([0.0, -0.1, 0.2, 0.2, 0.5, 2.0])
    is_treated = np.array([True, False, False, False, False, False])
    assert match(wide, is_treated, caliper=1.0, neighbours=2) == {0: (1, 2, 3)}
    assert match(wide, is_treated, caliper=1.0, neighbours=4) == {0: (1, 2, 3, 4)}
    assert match(wide, is_treated, caliper=1.0, neighbours=9) == {0: (1, 2, 3, 4)}


def test_more_neighbours_still_recover_the_planted_effect():
    result = estimate(population(1, effect=0.15), outcome_phrase=PHRASE, neighbours=5)
    assert result.ci_low < 0.15 < result.ci_high and result.ci_low > 0
    assert sum(len(matches) >= 5 for _, matches in result.pairs) > 0.9 * len(result.pairs)
    with pytest.raises(ValueError, match="neighbour"):
        estimate(population(1, n=50), outcome_phrase=PHRASE, neighbours=0)


def test_comparison_weights_are_shared_per_treated_person():
    subjects = [
        Subject(True, True, {"x": 1.0}),
        Subject(True, False, {"x": 1.0}),
        Subject(True, True, {"x": 2.0}),
        Subject(False, True, {"x": 1.0}),
        Subject(False, False, {"x": 1.0}),
        Subject(False, True, {"x": 2.0}),
        Subject(False, False, {"x": 9.0}),
    ]
    result = estimate(subjects, outcome_phrase=PHRASE, min_treated=1)
    assert dict(result.pairs) == {0: (3, 4), 1: (3, 4), 2: (5,)}
    # comparison weights: 3 and 4 get 1/2 + 1/2 each, 5 gets 1; weighted rate (1 + 0 + 1) / 3
    assert result.treated_rate == pytest.approx(2 / 3)
    assert result.comparison_rate == pytest.approx(2 / 3)
    assert result.difference == pytest.approx(0)


def test_caliper_is_a_fifth_of_the_pooled_sd_of_the_logit():
    logits = np.array([0.0, 2.0, 1.0, 1.0, 3.0, 5.0])
    treated = np.array([True, True, False, False, False, False])
    pooled = np.sqrt((np.var([0.0, 2.0]) + np.var([1.0, 1.0, 3.0, 5.0])) / 2)
    assert caliper_width(logits, treated) == pytest.approx(0.2 * pooled)


def test_encoding_drops_a_reference_level_for_the_model_only():
    encoded = encode([Subject(True, True, {"s": "b", "n": 1}), Subject(False, False, {"s": "a", "n": 3})])
    assert encoded.balance_names == ("n", "s=a", "s=b")
    assert encoded.model.shape == (2, 2)
    with pytest.raises(ValueError, match="mixes"):
        encode([Subject(True, True, {"s": "b"}), Subject(False, False, {"s": 1.0})])
    with pytest.raises(ValueError, match="holds features"):
        encode([Subject(True, True, {"s": "b"}), Subject(False, False, {"t": "b"})])
    with pytest.raises(ValueError, match="no subjects"):
        estimate([], outcome_phrase=PHRASE)
    with pytest.raises(ValueError, match="Unknown key variables"):
        estimate(_shifted_grid(), outcome_phrase=PHRASE, key_variables=["nope"])


def test_propensity_needs_both_groups():
    with pytest.raises(ValueError, match="both"):
        propensity_logits(np.zeros((2, 1)), np.array([True, True]))


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda s: [Subject(False, x.outcome, x.features, x.exact) for x in s], "there is no treated group"),
        (lambda s: [Subject(True, x.outcome, x.features, x.exact) for x in s], "there is no comparison group"),
        (
            lambda s: [Subject(x.treated, True, x.features, x.exact) for x in s],
            "everyone analysed had the same outcome",
        ),
        (
            lambda s: [Subject(x.treated, x.outcome, x.features, "T" if x.treated else "C") for x in s],
            "no one in the treated group had a comparison match",
        ),
    ],
)
def test_edge_cases_are_unpublishable_with_a_reason_not_a_crash(make, reason):
    subjects = make(population(7, n=300))
    result = estimate(subjects, outcome_phrase=PHRASE, exact_match=True)
    assert not result.publishable
    assert any(r.startswith(reason) for r in result.reasons), result.reasons
    assert result.wording.startswith("This result cannot be published")
    json.dumps(result.as_json(), allow_nan=False)


def test_as_json_shape_and_types(planted):
    _, result = planted
    data = result.as_json()
    assert list(data) == [
        "eligible",
        "treated",
        "matched",
        "analysed",
        "treated_rate",
        "comparison_rate",
        "difference",
        "ci_low",
        "ci_high",
        "p_value",
        "balance",
        "publishable",
        "wording",
    ]
    for key in ("eligible", "treated", "matched", "analysed"):
        assert type(data[key]) is int
    for key in ("treated_rate", "comparison_rate", "difference", "ci_low", "ci_high", "p_value"):
        assert type(data[key]) is float
    assert 0 <= data["treated_rate"] <= 1 and 0 <= data["comparison_rate"] <= 1
    assert data["publishable"] is True and isinstance(data["wording"], str)
    assert data["balance"] and all(list(b) == ["variable", "smd_before", "smd_after"] for b in data["balance"])
    assert all(isinstance(b["smd_before"], float) and isinstance(b["smd_after"], float) for b in data["balance"])
    assert json.loads(json.dumps(data, allow_nan=False)) == data


def test_deterministic(planted):
    subjects, result = planted
    again = estimate(list(subjects), outcome_phrase=PHRASE)
    assert again == result
    assert again.as_json() == result.as_json()
