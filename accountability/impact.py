"""The impact estimate, by the Justice Data Lab method: propensity score matching, pure and without models.

An intervention (mentoring, a referral to a pathway or provider) is judged against an outcome by comparing the
people who had it (the treated group) with people like them who did not (a matched comparison group):

1. **Propensity.** A logistic regression (scikit-learn, lbfgs, ``C=1e6`` so near-unpenalised) of being treated on
   what the record holds. Numbers stay numbers and are standardised; strings are categories, one-hot encoded with
   their first level in sorted order dropped as the reference. People are matched on the *logit* of the score
   (the regression's linear predictor), not on the probability.
2. **Matching.** Each treated person gets the comparison person whose logit is nearest (or the ``neighbours``
   nearest), with replacement, as long as the distance is within the caliper: 0.2 × the pooled standard deviation
   of the logit, sqrt((var_treated + var_comparison) / 2) (Austin 2011, *Pharmaceutical Statistics* 10:150–161).
   Everyone tied at the last distance taken is taken too. With ``exact_match`` a treated person is matched only
   within their own ``exact`` group (the region). Comparison people whose outcome is not known cannot be
   analysed, so they are not offered as matches. A treated person with no one within the caliper is dropped
   (attrition: *matched*).
3. **Weights.** A treated person weighs 1. Each time a comparison person is used they gain 1 / (the number of
   matches of that treated person); the weights add up over every treated person who used them. Only treated
   people whose outcome is known (*analysed*) give weight.
4. **Balance.** For every encoded variable (for a category, every level) the standardised mean difference,
   100 × (mean_treated − mean_comparison) / sqrt((var_treated + var_comparison) / 2), before matching (everyone,
   unweighted) and after (the analysed treated against their weighted matches), both over the standard deviation
   from *before* matching so the two are comparable. Graded ``<5%``, ``5–10%`` or ``>10%``.
5. **Effect.** The treated rate against the weighted comparison rate; the difference, its 95% interval and a
   two-sided p-value, by the normal approximation with each group's variance p(1 − p) / n. For the weighted
   comparison mean n is the effective sample size (Σw)² / Σw², which counts a person matched many times as
   less than many people. The two groups are treated as independent (the positive correlation matching makes
   between them is not subtracted, so the interval errs wide) and the uncertainty of the propensity model itself
   is not added.
6. **Publishing.** Only when at least ``min_treated`` (60) treated people are analysed and every key variable
   is balanced within 10% after matching; otherwise the reasons are given and the wording says why it cannot be
   published. A published result is worded "for any 100 typical people"; an interval that includes no
   difference is worded as inconclusive, never as "no effect".
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.stats import norm
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

CALIPER_SD = 0.2
"""The caliper, as a multiple of the pooled standard deviation of the logit of the propensity score."""

MIN_TREATED = 60
"""At least this many treated people must be analysed for a result to be published."""

KEY_BALANCE_LIMIT = 10.0
"""A key variable whose |SMD| after matching is above this many percent stops the result being published."""

CONFIDENCE = 0.95

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class Subject:
    """One eligible person.

    ``features`` holds what the record says: numbers (age, previous custody episodes) stay numbers, strings (sex,
    ethnic group, risk level, region, release type) are categories. ``outcome`` is None when it is not known, and
    the person is then dropped at *analysed*. ``exact`` is the group for optional exact matching (the region).
    """

    treated: bool
    outcome: bool | None
    features: Mapping[str, float | str]
    exact: str | None = None


@dataclass(frozen=True)
class Balance:
    """One row of the balance table: standardised mean differences in percent, before and after matching.

    ``smd_after`` and ``grade_after`` are None when no one could be analysed. ``feature`` is the feature the row
    belongs to (for a category, ``variable`` is ``feature=level``).
    """

    variable: str
    smd_before: float
    smd_after: float | None
    grade_after: str | None
    grade_before: str
    feature: str


@dataclass(frozen=True)
class ImpactResult:
    """The estimate, its balance table, the attrition from eligible to analysed, and whether it may be published.

    Rates and the difference are fractions 0–1, None where they cannot be worked out. ``pairs`` holds, for each
    matched treated person (an index into the subjects given), the comparison people they were matched to.
    """

    eligible: int
    treated: int
    matched: int
    analysed: int
    treated_rate: float | None
    comparison_rate: float | None
    difference: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    balance: tuple[Balance, ...]
    publishable: bool
    reasons: tuple[str, ...]
    wording: str
    pairs: tuple[tuple[int, tuple[int, ...]], ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The shape ``throughgate impact --format json`` prints (rates as fractions 0–1)."""
        return {
            "eligible": self.eligible,
            "treated": self.treated,
            "matched": self.matched,
            "analysed": self.analysed,
            "treated_rate": self.treated_rate,
            "comparison_rate": self.comparison_rate,
            "difference": self.difference,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "p_value": self.p_value,
            "balance": [
                {"variable": row.variable, "smd_before": row.smd_before, "smd_after": row.smd_after}
                for row in self.balance
            ],
            "publishable": self.publishable,
            "wording": self.wording,
        }


@dataclass(frozen=True)
class Encoded:
    """The features as columns: ``model`` for the propensity regression, ``balance`` for the balance table."""

    model: Floats
    balance: Floats
    balance_names: tuple[str, ...]
    balance_features: tuple[str, ...]


def encode(subjects: Sequence[Subject]) -> Encoded:
    """Turn the features into columns.

    Every subject must hold the same feature names, and a feature must be a number for everyone or a category for
    everyone. A number is one column (standardised for the model; a constant one is left out of the model). A
    category gives the balance table one 0/1 column per level and the model one per level but the first in sorted
    order (the reference).
    """
    if not subjects:
        raise ValueError("There are no subjects.")
    names = sorted(subjects[0].features)
    for index, subject in enumerate(subjects):
        if sorted(subject.features) != names:
            raise ValueError(f"Subject {index} holds features {sorted(subject.features)}, not {names}.")
    model_columns: list[Floats] = []
    balance_columns: list[Floats] = []
    balance_names: list[str] = []
    balance_features: list[str] = []
    for name in names:
        values = [subject.features[name] for subject in subjects]
        if all(isinstance(value, str) for value in values):
            levels = sorted({str(value) for value in values})
            for position, level in enumerate(levels):
                column = np.array([value == level for value in values], dtype=np.float64)
                balance_columns.append(column)
                balance_names.append(f"{name}={level}")
                balance_features.append(name)
                if position > 0:
                    model_columns.append(column)
        elif any(isinstance(value, str) for value in values):
            raise ValueError(f"Feature {name!r} mixes numbers and categories.")
        else:
            column = np.array(values, dtype=np.float64)
            if not np.all(np.isfinite(column)):
                raise ValueError(f"Feature {name!r} holds a missing or infinite number.")
            balance_columns.append(column)
            balance_names.append(name)
            balance_features.append(name)
            spread = float(column.std())
            if spread > 0:
                model_columns.append((column - column.mean()) / spread)
    n = len(subjects)
    return Encoded(
        model=np.column_stack(model_columns) if model_columns else np.empty((n, 0)),
        balance=np.column_stack(balance_columns) if balance_columns else np.empty((n, 0)),
        balance_names=tuple(balance_names),
        balance_features=tuple(balance_features),
    )


def propensity_logits(model: Floats, treated: NDArray[np.bool_], *, seed: int = 0) -> Floats:
    """The logit of each person's propensity score from a near-unpenalised logistic regression.

    With no columns to model, everyone has the same logit, log(treated / comparison). Both groups must be present.
    """
    n_treated = int(treated.sum())
    n_comparison = len(treated) - n_treated
    if n_treated == 0 or n_comparison == 0:
        raise ValueError("A propensity score needs both a treated and a comparison group.")
    if model.shape[1] == 0:
        return np.full(len(treated), math.log(n_treated / n_comparison))
    regression = LogisticRegression(C=1e6, solver="lbfgs", max_iter=5000, random_state=seed)
    with warnings.catch_warnings():
        # Near-separation (a group no comparison shares) stops lbfgs short of converging; the logits are still
        # ordered, and the people it leaves far apart fall outside the caliper.
        warnings.simplefilter("ignore", ConvergenceWarning)
        regression.fit(model, treated.astype(int))
    return np.asarray(regression.decision_function(model), dtype=np.float64)


def caliper_width(logits: Floats, treated: NDArray[np.bool_]) -> float:
    """0.2 × the pooled standard deviation of the logit, sqrt((var_treated + var_comparison) / 2) (Austin 2011)."""
    pooled = math.sqrt((float(np.var(logits[treated])) + float(np.var(logits[~treated]))) / 2)
    return CALIPER_SD * pooled


def match(
    logits: Floats,
    treated: NDArray[np.bool_],
    *,
    caliper: float,
    pool: NDArray[np.bool_] | None = None,
    groups: Sequence[str | None] | None = None,
    neighbours: int = 1,
) -> dict[int, tuple[int, ...]]:
    """Nearest-neighbour matching on the logit, with replacement, within the caliper.

    Each treated index maps to its ``neighbours`` nearest comparison indices (and everyone tied with the last of
    them), as long as each is at most ``caliper`` away; a treated index with no one in reach is left out. Only
    comparison people in ``pool`` (default: every comparison person) are offered. With ``groups``, a treated
    person is matched only to comparison people of the same group (None is a group of its own).
    """
    pool_mask = ~treated if pool is None else (pool & ~treated)
    group_of: list[str | None] = list(groups) if groups is not None else [None] * len(logits)
    grouped: dict[str | None, list[int]] = {}
    for i in np.flatnonzero(pool_mask):
        grouped.setdefault(group_of[i], []).append(int(i))
    by_group: dict[str | None, tuple[NDArray[np.intp], Floats]] = {}
    for group, indices in grouped.items():
        members = np.array(indices, dtype=np.intp)
        order = np.argsort(logits[members], kind="stable")
        by_group[group] = (members[order], logits[members[order]])
    pairs: dict[int, tuple[int, ...]] = {}
    for i in np.flatnonzero(treated):
        candidates = by_group.get(group_of[i])
        if candidates is None:
            continue
        members, values = candidates
        x = float(logits[i])
        high = int(np.searchsorted(values, x))
        low = high - 1
        chosen: list[int] = []
        last = math.inf
        while True:
            left = x - float(values[low]) if low >= 0 else math.inf
            right = float(values[high]) - x if high < len(values) else math.inf
            distance = min(left, right)
            if distance > caliper or (len(chosen) >= neighbours and distance > last):
                break
            if left <= right:
                chosen.append(int(members[low]))
                low -= 1
            else:
                chosen.append(int(members[high]))
                high += 1
            last = distance
        if not chosen:
            continue
        pairs[int(i)] = tuple(sorted(set(chosen)))
    return pairs


def comparison_weights(pairs: Mapping[int, Sequence[int]], n: int, among: set[int] | None = None) -> Floats:
    """Each treated person (those in ``among``, default all matched) gives 1 / (their number of matches) to each
    match; a comparison person's weight is the sum. Everyone else weighs 0."""
    weights = np.zeros(n)
    for i, matches in pairs.items():
        if among is not None and i not in among:
            continue
        for k in matches:
            weights[k] += 1 / len(matches)
    return weights


def grade(smd: float) -> str:
    """``<5%`` below 5, ``5–10%`` from 5 to 10 inclusive, ``>10%`` above 10 (|SMD| in percent)."""
    size = abs(smd)
    if size < 5:
        return "<5%"
    if size <= KEY_BALANCE_LIMIT:
        return "5–10%"
    return ">10%"


def _smd(column: Floats, treated: Floats, comparison: Floats, spread: float) -> float:
    """100 × the difference of weighted means over ``spread``; 0 when the column does not vary at all."""
    if spread == 0:
        return 0.0
    mean_t = float(np.average(column, weights=treated))
    mean_c = float(np.average(column, weights=comparison))
    return 100 * (mean_t - mean_c) / spread


def balance_table(encoded: Encoded, treated: NDArray[np.bool_], after: tuple[Floats, Floats] | None) -> list[Balance]:
    """Standardised mean differences before matching (everyone, unweighted) and after (``after`` gives the
    treated and comparison weights), both over sqrt((var_t + var_c) / 2) from before matching. Where that is 0
    but the groups still differ (each group constant, e.g. treated all in one region), the spread of everyone
    together stands in."""
    before_t = treated.astype(np.float64)
    before_c = (~treated).astype(np.float64)
    rows: list[Balance] = []
    for position, name in enumerate(encoded.balance_names):
        column = encoded.balance[:, position]
        spread = math.sqrt((float(np.var(column[treated])) + float(np.var(column[~treated]))) / 2)
        if spread == 0:
            spread = float(np.std(column))
        smd_before = _smd(column, before_t, before_c, spread)
        smd_after = _smd(column, after[0], after[1], spread) if after is not None else None
        rows.append(
            Balance(
                variable=name,
                smd_before=smd_before,
                smd_after=smd_after,
                grade_after=grade(smd_after) if smd_after is not None else None,
                grade_before=grade(smd_before),
                feature=encoded.balance_features[position],
            )
        )
    return rows


def _whole(fraction: float) -> int:
    """A fraction as a whole number per 100, halves rounded away from zero."""
    value = abs(fraction) * 100
    return int(math.floor(value + 0.5)) * (1 if fraction >= 0 else -1)


def _p_text(p_value: float) -> str:
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.3f}"


def word(
    *,
    outcome_phrase: str,
    publishable: bool,
    reasons: Sequence[str],
    treated_rate: float | None = None,
    comparison_rate: float | None = None,
    ci_low: float | None = None,
    ci_high: float | None = None,
    p_value: float | None = None,
) -> str:
    """The result in words, Justice Data Lab style.

    Published with an interval on one side of zero: "For any 100 typical people in the treated group, the number
    who <outcome phrase> was between X and Y more (fewer) than in a matched comparison group". Published with an
    interval that includes zero: inconclusive, "could be between X fewer and Y more", and more people are needed;
    never "no effect". Not published: why not.
    """
    if not publishable or ci_low is None or ci_high is None or p_value is None:
        because = "; ".join(reasons) if reasons else "the estimate could not be made"
        return f"This result cannot be published: {because}."
    rates = ""
    if treated_rate is not None and comparison_rate is not None:
        rates = f" ({_whole(treated_rate)} in 100 against {_whole(comparison_rate)} in 100"
        rates += f"; the range is a 95% confidence interval, {_p_text(p_value)})"
    if ci_low > 0 or ci_high < 0:
        more = ci_low > 0
        low, high = (ci_low, ci_high) if more else (-ci_high, -ci_low)
        direction = "more" if more else "fewer"
        return (
            f"For any 100 typical people in the treated group, the number who {outcome_phrase} was between "
            f"{_whole(low)} and {_whole(high)} {direction} than in a matched comparison group{rates}. "
            "This is a statistically significant result."
        )
    return (
        f"The result is inconclusive: for any 100 typical people in the treated group, the number who "
        f"{outcome_phrase} could be between {_whole(-ci_low)} fewer and {_whole(ci_high)} more than in a matched "
        f"comparison group{rates}. More people are needed to tell whether the intervention makes a difference."
    )


def unpublishable(
    *,
    eligible: int,
    treated: int,
    reasons: Sequence[str],
    outcome_phrase: str = "",
    balance: Sequence[Balance] = (),
    matched: int = 0,
    analysed: int = 0,
    pairs: tuple[tuple[int, tuple[int, ...]], ...] = (),
    wording: str | None = None,
) -> ImpactResult:
    """A result with no estimate to give: every rate and interval None, the reasons kept, and the
    wording saying why it cannot be published (or `wording`, where the caller has better words)."""
    return ImpactResult(
        eligible=eligible,
        treated=treated,
        matched=matched,
        analysed=analysed,
        treated_rate=None,
        comparison_rate=None,
        difference=None,
        ci_low=None,
        ci_high=None,
        p_value=None,
        balance=tuple(balance),
        publishable=False,
        reasons=tuple(reasons),
        wording=wording or word(outcome_phrase=outcome_phrase, publishable=False, reasons=list(reasons)),
        pairs=pairs,
    )


def estimate(
    subjects: Sequence[Subject],
    *,
    outcome_phrase: str,
    key_variables: Sequence[str] | None = None,
    exact_match: bool = False,
    seed: int = 0,
    min_treated: int = MIN_TREATED,
    neighbours: int = 1,
) -> ImpactResult:
    """Estimate the intervention's effect on the outcome by propensity score matching (see the module's rules).

    ``key_variables`` names the features (or single encoded variables, ``feature=level``) whose balance after
    matching must be within 10% to publish; by default every feature. ``exact_match`` matches only within each
    subject's ``exact`` group. Deterministic: the same subjects and seed give the same result. Bad input (no
    subjects, inconsistent features, an unknown key variable) raises ValueError; too little to go on gives an
    unpublishable result with its reasons.
    """
    if not outcome_phrase.strip():
        raise ValueError("The outcome phrase is empty.")
    if neighbours < 1:
        raise ValueError("At least one neighbour is needed.")
    encoded = encode(subjects)
    if key_variables is not None:
        known = set(encoded.balance_features) | set(encoded.balance_names)
        unknown = [name for name in key_variables if name not in known]
        if unknown:
            raise ValueError(f"Unknown key variables: {', '.join(unknown)}.")
    keys = set(encoded.balance_features) if key_variables is None else set(key_variables)
    n = len(subjects)
    treated = np.array([subject.treated for subject in subjects], dtype=np.bool_)
    n_treated = int(treated.sum())
    if n_treated == 0 or n_treated == n:
        reason = "there is no treated group" if n_treated == 0 else "there is no comparison group"
        return unpublishable(eligible=n, treated=n_treated, reasons=[reason], outcome_phrase=outcome_phrase)

    logits = propensity_logits(encoded.model, treated, seed=seed)
    known_outcome = np.array([subject.outcome is not None for subject in subjects], dtype=np.bool_)
    pairs = match(
        logits,
        treated,
        caliper=caliper_width(logits, treated),
        pool=known_outcome,
        groups=[subject.exact for subject in subjects] if exact_match else None,
        neighbours=neighbours,
    )
    analysed_ids = {i for i in pairs if known_outcome[i]}
    matched, analysed = len(pairs), len(analysed_ids)
    after: tuple[Floats, Floats] | None = None
    if analysed:
        treated_weights = np.zeros(n)
        treated_weights[sorted(analysed_ids)] = 1.0
        after = (treated_weights, comparison_weights(pairs, n, among=analysed_ids))
    balance = balance_table(encoded, treated, after)

    reasons: list[str] = []
    if matched == 0:
        reasons.append("no one in the treated group had a comparison match within the caliper")
    elif analysed == 0:
        reasons.append("no one matched in the treated group has a known outcome")
    if analysed < min_treated:
        reasons.append(
            f"only {analysed} people in the treated group could be analysed; at least {min_treated} are needed"
        )
    for row in balance:
        is_key = row.feature in keys or row.variable in keys
        if is_key and row.smd_after is not None and abs(row.smd_after) > KEY_BALANCE_LIMIT:
            reasons.append(f"{row.variable} is not balanced after matching (SMD {row.smd_after:.1f}%, above 10%)")
    if after is None:
        return unpublishable(
            eligible=n,
            treated=n_treated,
            matched=matched,
            analysed=analysed,
            balance=balance,
            reasons=reasons,
            outcome_phrase=outcome_phrase,
            pairs=tuple(sorted(pairs.items())),
        )

    outcomes = np.array([bool(subject.outcome) for subject in subjects], dtype=np.float64)
    treated_weights, weights = after
    treated_rate = float(np.average(outcomes, weights=treated_weights))
    comparison_rate = float(np.average(outcomes, weights=weights))
    effective = float(weights.sum() ** 2 / (weights**2).sum())
    variance = treated_rate * (1 - treated_rate) / analysed + comparison_rate * (1 - comparison_rate) / effective
    difference = treated_rate - comparison_rate
    ci_low = ci_high = p_value = None
    if variance > 0:
        se = math.sqrt(variance)
        z = float(norm.ppf(0.5 + CONFIDENCE / 2))
        ci_low, ci_high = difference - z * se, difference + z * se
        p_value = float(2 * norm.sf(abs(difference) / se))
    else:
        reasons.append("everyone analysed had the same outcome, so no interval can be estimated")
    publishable = not reasons
    return ImpactResult(
        eligible=n,
        treated=n_treated,
        matched=matched,
        analysed=analysed,
        treated_rate=treated_rate,
        comparison_rate=comparison_rate,
        difference=difference,
        ci_low=ci_low,
        ci_high=ci_high,
        p_value=p_value,
        balance=tuple(balance),
        publishable=publishable,
        reasons=tuple(reasons),
        wording=word(
            outcome_phrase=outcome_phrase,
            publishable=publishable,
            reasons=reasons,
            treated_rate=treated_rate,
            comparison_rate=comparison_rate,
            ci_low=ci_low,
            ci_high=ci_high,
            p_value=p_value,
        ),
        pairs=tuple(sorted(pairs.items())),
    )
