"""The outcome measures, defined once (docs/measures.md says the same in words). Each measure
classifies one unit of its scope (a checkpoint, for the checkpoint measures) as a success, a
failure, known but outside the denominator, not known, or not yet countable; `Figures` adds those
up, and everything published is derived from the four counts.

- numerator  = successes
- denominator = successes + failures            (the official rate's denominator)
- known      = denominator + known-but-excluded (e.g. "not available for work")
- in scope   = known + not known                (every release, once)

rate = numerator ÷ denominator and known rate = known ÷ in scope, side by side, so that not knowing
is never rewarded."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from organisations.constants import MeasureKey
from release.constants import Accommodation, CheckpointKind, Employment


class Outcome(enum.Enum):
    SUCCESS = "success"
    FAILURE = "failure"
    EXCLUDED = "excluded"  # known, but outside the official denominator
    NOT_KNOWN = "not_known"
    PENDING = "pending"  # still within its grace period: not counted either way yet


HOUSED = {Accommodation.SETTLED, Accommodation.OTHER_HOUSED, Accommodation.APPROVED_PREMISES}
NOT_HOUSED = {Accommodation.HOMELESS, Accommodation.ROUGH_SLEEPING}
EMPLOYED = {Employment.EMPLOYED}
NOT_EMPLOYED = {Employment.EDUCATION, Employment.UNEMPLOYED}


def _checkpoint_known(fact: Mapping[str, Any]) -> Outcome | None:
    """The part every checkpoint measure shares: pending while its grace period runs; NOT KNOWN
    when never recorded, recorded late, or recorded as not known; otherwise None (read the result)."""
    if fact["pending"]:
        return Outcome.PENDING
    if not fact["recorded"] or fact["late"] or fact["accommodation"] == Accommodation.NOT_KNOWN:
        return Outcome.NOT_KNOWN
    return None


def housed(fact: Mapping[str, Any]) -> Outcome:
    """Housed on release: settled, other housed or approved premises/CAS on the first night, against
    homeless or rough sleeping."""
    early = _checkpoint_known(fact)
    if early:
        return early
    return Outcome.SUCCESS if fact["accommodation"] in HOUSED else Outcome.FAILURE


def settled(fact: Mapping[str, Any]) -> Outcome:
    """Settled at 3 months: settled against every other known accommodation."""
    early = _checkpoint_known(fact)
    if early:
        return early
    return Outcome.SUCCESS if fact["accommodation"] == Accommodation.SETTLED else Outcome.FAILURE


def employed(fact: Mapping[str, Any]) -> Outcome:
    """Employed: employed against education, training or unemployed; "not available for work" is
    known but outside the denominator; work not asked or not known is NOT KNOWN."""
    early = _checkpoint_known(fact)
    if early:
        return early
    work = fact["employment"]
    if work in EMPLOYED:
        return Outcome.SUCCESS
    if work in NOT_EMPLOYED:
        return Outcome.FAILURE
    if work == Employment.UNAVAILABLE:
        return Outcome.EXCLUDED
    return Outcome.NOT_KNOWN


def returned(fact: Mapping[str, Any]) -> Outcome:
    """Back in custody within 12 months of release: counted once the 12 months have passed."""
    if not fact["window_ended"]:
        return Outcome.PENDING
    return Outcome.SUCCESS if fact["returned"] else Outcome.FAILURE


def mentored(fact: Mapping[str, Any]) -> Outcome:
    """A mentor allocated on or before the day of release."""
    return Outcome.SUCCESS if fact["mentored"] else Outcome.FAILURE


# The Friends and Family Test answers (voice.constants.Rating), "don't know" in every denominator.
FFT_POSITIVE = {"very_good", "good"}
FFT_NEGATIVE = {"poor", "very_poor"}


def feedback_positive(fact: Mapping[str, Any]) -> Outcome:
    """% positive: very good or good, of every answer to the overall-experience question."""
    return Outcome.SUCCESS if fact["value"] in FFT_POSITIVE else Outcome.FAILURE


def feedback_negative(fact: Mapping[str, Any]) -> Outcome:
    """% negative: poor or very poor, of every answer to the overall-experience question."""
    return Outcome.SUCCESS if fact["value"] in FFT_NEGATIVE else Outcome.FAILURE


@dataclass(frozen=True)
class Measure:
    key: str
    checkpoint_kind: str  # "" for a measure counted over releases (RELEASE_MEASURES)
    classify: Callable[[Mapping[str, Any]], Outcome]
    explanation: str | Promise  # translated when shown
    higher_is_better: bool = True

    @property
    def label(self) -> str:
        return str(MeasureKey(self.key).label)


CHECKPOINT_MEASURES: tuple[Measure, ...] = (
    Measure(
        MeasureKey.HOUSED_ON_RELEASE,
        CheckpointKind.FIRST_NIGHT,
        housed,
        _(
            "Of the people released whose first night is known, the share who had somewhere to stay: settled, "
            "temporary or approved premises, rather than homeless or sleeping rough."
        ),
    ),
    Measure(
        MeasureKey.SETTLED_AT_3_MONTHS,
        CheckpointKind.MONTH_3,
        settled,
        _("Of the people whose accommodation 3 months after release is known, the share in settled accommodation."),
    ),
    Measure(
        MeasureKey.EMPLOYED_AT_6_WEEKS,
        CheckpointKind.WEEK_6,
        employed,
        _(
            "Of the people able to work whose situation 6 weeks after release is known, the share in work. People "
            "not available for work (ill health, caring, retired) are left out."
        ),
    ),
    Measure(
        MeasureKey.EMPLOYED_AT_6_MONTHS,
        CheckpointKind.MONTH_6,
        employed,
        _(
            "Of the people able to work whose situation 6 months after release is known, the share in work. People "
            "not available for work are left out."
        ),
    ),
)
# Counted over the releases whose release date falls in the period.
RELEASE_MEASURES: tuple[Measure, ...] = (
    Measure(
        MeasureKey.MENTOR_BEFORE_RELEASE,
        "",
        mentored,
        _("Of the people released, the share who had a mentor allocated before the day they left."),
    ),
    Measure(
        MeasureKey.RETURNED_TO_CUSTODY,
        "",
        returned,
        _(
            "Of the people released at least 12 months ago, the share received into custody again within 12 months. "
            "This is the only sign of reoffending the record holds: proven reoffending needs conviction data it does "
            "not hold, and a return to custody may be a recall for breaking licence conditions rather than a new "
            "offence. Lower is better."
        ),
        higher_is_better=False,
    ),
)
# Counted over the answers to the overall-experience question of the responses whose month falls in
# the period, where they were given (the survey's organisation or contract). Anonymous: never by
# protected characteristic.
VOICE_MEASURES: tuple[Measure, ...] = (
    Measure(
        MeasureKey.FEEDBACK_POSITIVE,
        "",
        feedback_positive,
        _(
            "Of everyone who answered \u201cOverall, how was your experience of our service?\u201d, the share who "
            "said very good or good (the NHS Friends and Family Test; \u201cdon\u2019t know\u201d counts in the total)."
        ),
    ),
    Measure(
        MeasureKey.FEEDBACK_NEGATIVE,
        "",
        feedback_negative,
        _("Of everyone who answered the same question, the share who said poor or very poor. Lower is better."),
        higher_is_better=False,
    ),
)
MEASURES: dict[str, Measure] = {m.key: m for m in (*CHECKPOINT_MEASURES, *RELEASE_MEASURES, *VOICE_MEASURES)}
# Twelve months after release, for the return-to-custody measure.
RETURN_WINDOW_DAYS = 365
KNOWN_RATE_EXPLANATION = _(
    "The known rate is the share of people in scope whose result was recorded in time. A low known rate means "
    "the rate beside it describes only some of the people released."
)


@dataclass
class Figures:
    """The four additive counts of one measure in one cell (a place and a period)."""

    numerator: int = 0
    denominator: int = 0
    known: int = 0
    in_scope: int = 0
    pending: int = 0

    def add(self, outcome: Outcome, count: int = 1) -> None:
        if outcome is Outcome.PENDING:
            self.pending += count
            return
        self.in_scope += count
        if outcome is Outcome.NOT_KNOWN:
            return
        self.known += count
        if outcome is Outcome.EXCLUDED:
            return
        self.denominator += count
        if outcome is Outcome.SUCCESS:
            self.numerator += count

    def __iadd__(self, other: Figures) -> Figures:
        self.numerator += other.numerator
        self.denominator += other.denominator
        self.known += other.known
        self.in_scope += other.in_scope
        self.pending += other.pending
        return self

    @property
    def rate(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def known_rate(self) -> float | None:
        return self.known / self.in_scope if self.in_scope else None
