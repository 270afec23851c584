"""The people an impact estimate compares (accountability.impact), read from the record.

For an intervention, an outcome measure and a period:

- **Eligible:** everyone released in the period (a custody episode whose ``released_on`` falls in it), each release
  once; a release followed by a reception of the same person the same day (a same-day recall) is not a release.
- **Treated:** ``mentoring``: a mentor allocated before the day of release, by an allocation not ended before the
  reception; ``referral:<pathway>``: a referral on that pathway sent between reception and release and accepted.
- **Outcome:** the release's checkpoint of the measure's kind, classified by the measure itself
  (accountability.measures): a success is True, a failure False, and anything else (not known, known but outside
  the denominator, still within its grace period, no checkpoint at all) None, so the person is not analysed.
- **Features**, what the record holds at release: age at release, sex, ethnic group, disability, previous custody
  episodes, a 0/1 need at reception screening for each pathway, risk of serious harm and MAPPA level as last
  assessed on or before release ("not assessed" / "none" otherwise), the releasing prison's region and the release
  type ("unknown" when blank or unplanned). The region is also the group for the optional exact match.

Every read goes through an app's selectors, one query each whatever the number of people."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from accountability.impact import ImpactResult, Subject, estimate, unpublishable
from accountability.measures import MEASURES, Outcome
from common.periods import Period
from mentoring import selectors as mentoring_selectors
from organisations.constants import MeasureKey, Pathway
from people import selectors as people_selectors
from referrals import selectors as referral_selectors
from release import selectors as release_selectors
from resettlement import selectors as resettlement_selectors

MENTORING = "mentoring"
REFERRAL_PREFIX = "referral:"

OUTCOME_PHRASES: dict[str, str] = {
    MeasureKey.HOUSED_ON_RELEASE: "were housed on the night after release",
    MeasureKey.SETTLED_AT_3_MONTHS: "were in settled accommodation 3 months after release",
    MeasureKey.EMPLOYED_AT_6_WEEKS: "were in work 6 weeks after release",
    MeasureKey.EMPLOYED_AT_6_MONTHS: "were in work 6 months after release",
}
"""How each outcome reads in "the number who <phrase>"."""

NOT_ASSESSED = "not assessed"
NO_MAPPA = "none"
UNKNOWN = "unknown"
NO_REGION = "none"


@dataclass(frozen=True)
class Intervention:
    key: str  # "mentoring" or "referral:<pathway>"
    pathway: str = ""


def interventions() -> list[str]:
    """Every intervention the command accepts, for its help and its usage messages."""
    return [MENTORING, *(f"{REFERRAL_PREFIX}{pathway}" for pathway in Pathway.values)]


def intervention_for_key(key: str) -> Intervention | None:
    """The intervention a key names, None for anything else (an unknown name or pathway)."""
    if key == MENTORING:
        return Intervention(MENTORING)
    if key.startswith(REFERRAL_PREFIX):
        pathway = key.removeprefix(REFERRAL_PREFIX)
        if pathway in Pathway.values:
            return Intervention(key, pathway)
    return None


def _treated(intervention: Intervention, *, released_from: datetime.date, released_to: datetime.date) -> set[int]:
    if intervention.key == MENTORING:
        return mentoring_selectors.episodes_mentored_before_release(
            released_from=released_from, released_to=released_to
        )
    return referral_selectors.episodes_referred_during_custody(
        pathway=intervention.pathway, released_from=released_from, released_to=released_to
    )


def _age(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _outcome(measure_key: str, fact: Mapping[str, Any] | None) -> bool | None:
    if fact is None:
        return None
    result = MEASURES[measure_key].classify(fact)
    if result is Outcome.SUCCESS:
        return True
    if result is Outcome.FAILURE:
        return False
    return None


def subjects_for(
    intervention: Intervention, measure_key: str, period: Period, *, today: datetime.date
) -> list[Subject]:
    """Everyone eligible for the period, oldest release first, each with treatment, outcome and features."""
    measure = MEASURES[measure_key]
    bounds = {"released_from": period.start, "released_to": period.end}
    releases = people_selectors.releases_in_period(**bounds)
    if not releases:
        return []
    treated = _treated(intervention, **bounds)
    needs = resettlement_selectors.screening_needs_for_releases(**bounds)
    risks = resettlement_selectors.risk_at_releases(**bounds)
    release_types = release_selectors.release_types_for_releases(**bounds)
    facts = release_selectors.checkpoint_facts_for_releases(kind=measure.checkpoint_kind, today=today, **bounds)
    subjects: list[Subject] = []
    for release in releases:
        episode = release["episode_id"]
        risk = risks.get(episode)
        region = release["region"] or NO_REGION
        features: dict[str, float | str] = {
            "age": float(_age(release["date_of_birth"], release["released_on"])),
            "sex": release["sex"],
            "ethnic_group": release["ethnic_group"],
            "disability": release["disability"],
            "previous_custody": float(release["previous_custody"]),
            "risk_level": risk["rosh_level"] if risk else NOT_ASSESSED,
            "mappa": (risk["mappa_level"] or NO_MAPPA) if risk else NO_MAPPA,
            "region": region,
            "release_type": release_types.get(episode) or UNKNOWN,
        }
        episode_needs = needs.get(episode, set())
        for pathway in Pathway.values:
            features[f"need_{pathway}"] = 1.0 if pathway in episode_needs else 0.0
        subjects.append(
            Subject(
                treated=episode in treated,
                outcome=_outcome(measure_key, facts.get(episode)),
                features=features,
                exact=region,
            )
        )
    return subjects


def no_data(*, period: Period) -> ImpactResult:
    """The answer for a period in which no one was released: no data, never a rate of 0."""
    return unpublishable(
        eligible=0, treated=0, reasons=["no data"], wording=f"No data: no one was released in {period.label}."
    )


def impact(
    intervention: Intervention,
    measure_key: str,
    period: Period,
    *,
    today: datetime.date,
    neighbours: int = 1,
    exact_region: bool = False,
    seed: int = 0,
) -> ImpactResult:
    """The impact estimate of the intervention on the outcome for everyone released in the period."""
    subjects = subjects_for(intervention, measure_key, period, today=today)
    if not subjects:
        return no_data(period=period)
    return estimate(
        subjects,
        outcome_phrase=OUTCOME_PHRASES[measure_key],
        exact_match=exact_region,
        seed=seed,
        neighbours=neighbours,
    )
