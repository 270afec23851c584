"""Matching people approaching release to employers' opportunities (issue 3, journey 5).

Plain functions of the records they are given: no queries, no clock (today is passed in), so every
rule is tested directly. Every answer carries its reasons, in words staff can read out, both why a
person and an opportunity match and why one was excluded (staff must be able to see the reason).

The rules, in order:
1. the opportunity is open (not closed by the employer, closing date not passed);
2. the person has no conviction of a kind the employer cannot accept;
3. no licence condition conflicts: no work with children or vulnerable adults, no driving, no
   internet; and work that needs driving needs a driving licence;
4. the workplace is not inside their exclusion zone (postcode districts);
5. it is within reach: the same postcode district or town always; the same postcode area (LS11 and
   LS6) when they can travel about 10 miles; anywhere when they can travel further. Without
   geocoding, postcode districts stand in for distance.
Eligible opportunities are ranked by skills in common (most first), then nearness (same district,
same town, same area, further), then closing soonest. People are ranked young leavers (18 to 25 on
the day they are expected out) first, then soonest release.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from work.constants import YOUNG_LEAVER_AGES, LicenceCondition, OffenceCategory, Skill, Travel

SAME_DISTRICT, SAME_TOWN, SAME_AREA, FURTHER = 0, 1, 2, 3
# The furthest nearness each travel answer reaches.
REACH = {Travel.SAME_TOWN: SAME_TOWN, Travel.POSTCODE_AREA: SAME_AREA, Travel.ANYWHERE: FURTHER}

POSTCODE_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")


def normalise_district(value: str) -> str:
    """'ls11 ' -> 'LS11'; a full postcode keeps only its district ('LS11 5AB' -> 'LS11')."""
    return (value or "").strip().upper().split(" ")[0]


def is_postcode_district(value: str) -> bool:
    return bool(POSTCODE_DISTRICT.match(value))


def postcode_area(district: str) -> str:
    """The letters of a district: LS11 -> LS, M1 -> M."""
    return re.match(r"^[A-Z]*", district or "").group(0)  # type: ignore[union-attr] - always matches


def nearness(*, home_town: str, home_district: str, town: str, district: str) -> int:
    if home_district and home_district == district:
        return SAME_DISTRICT
    if home_town and home_town.strip().casefold() == town.strip().casefold():
        return SAME_TOWN
    if postcode_area(home_district) and postcode_area(home_district) == postcode_area(district):
        return SAME_AREA
    return FURTHER


def is_young_leaver(*, date_of_birth: datetime.date, on: datetime.date) -> bool:
    age = on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    return YOUNG_LEAVER_AGES[0] <= age <= YOUNG_LEAVER_AGES[1]


@dataclass(frozen=True)
class Match:
    """One person's profile against one opportunity."""

    opportunity: Any
    exclusions: tuple[str, ...]
    reasons: tuple[str, ...]
    shared_skills: tuple[str, ...] = ()
    near: int = FURTHER

    @property
    def eligible(self) -> bool:
        return not self.exclusions


def _labels(codes: Iterable[str], choices: type) -> list[str]:
    known = dict(choices.choices)
    return [str(known.get(code, code)) for code in codes]


def assess(*, profile: Any, opportunity: Any, today: datetime.date) -> Match:
    """Whether a person (their work profile) may be put forward for an opportunity, and why."""
    exclusions: list[str] = []
    if opportunity.closed_at is not None:
        exclusions.append(_("The employer has closed it"))
    elif opportunity.closes_on < today:
        exclusions.append(_("It closed on %(date)s") % {"date": date_format(opportunity.closes_on, "j F Y")})
    for label in _labels([o for o in opportunity.excluded_offences if o in profile.offences], OffenceCategory):
        exclusions.append(_("The employer cannot accept convictions for %(offence)s") % {"offence": label.lower()})
    conditions = set(profile.licence_conditions)
    if opportunity.works_with_vulnerable and LicenceCondition.NO_VULNERABLE_WORK in conditions:
        exclusions.append(_("It involves work with children or vulnerable adults, which their licence does not allow"))
    if opportunity.requires_driving and LicenceCondition.NO_DRIVING in conditions:
        exclusions.append(_("It needs driving, which their licence does not allow"))
    elif opportunity.requires_driving and Skill.DRIVING_LICENCE not in profile.skills:
        exclusions.append(_("It needs driving, and their profile records no driving licence"))
    if opportunity.requires_internet and LicenceCondition.NO_INTERNET in conditions:
        exclusions.append(_("It needs internet access, which their licence does not allow"))
    if LicenceCondition.EXCLUSION_ZONE in conditions and opportunity.postcode_district in profile.exclusion_zone:
        exclusions.append(
            _("It is in %(district)s, inside their exclusion zone") % {"district": opportunity.postcode_district}
        )
    near = nearness(
        home_town=profile.release_town,
        home_district=profile.release_district,
        town=opportunity.town,
        district=opportunity.postcode_district,
    )
    if near > REACH.get(profile.travel, SAME_TOWN):
        exclusions.append(
            _("%(town)s (%(district)s) is further than they can travel (%(travel)s)")
            % {
                "town": opportunity.town,
                "district": opportunity.postcode_district,
                "travel": str(Travel(profile.travel).label).lower() if profile.travel in Travel.values else "",
            }
        )

    shared = tuple(s for s in Skill.values if s in opportunity.skills and s in profile.skills)
    reasons: list[str] = []
    if shared:
        reasons.append(_("Skills in common: %(skills)s") % {"skills": ", ".join(_labels(shared, Skill))})
    elif opportunity.skills:
        reasons.append(_("No skills in common with what the employer asks for"))
    else:
        reasons.append(_("The employer asks for no particular skills"))
    reasons.append(
        {
            SAME_DISTRICT: _("In the postcode district they will live in (%(district)s)"),
            SAME_TOWN: _("In the town they will live in (%(town)s)"),
            SAME_AREA: _("In the same postcode area as where they will live (%(area)s)"),
            FURTHER: _("Outside their own area, within how far they can travel (%(town)s)"),
        }[near]
        % {
            "district": opportunity.postcode_district,
            "town": opportunity.town,
            "area": postcode_area(opportunity.postcode_district),
        }
    )
    if opportunity.excluded_offences and not exclusions:
        reasons.append(_("None of their convictions is of a kind the employer cannot accept"))
    return Match(
        opportunity=opportunity,
        exclusions=tuple(exclusions),
        reasons=tuple(reasons),
        shared_skills=shared,
        near=near,
    )


def opportunities_for(
    *, profile: Any, opportunities: Iterable[Any], today: datetime.date
) -> tuple[list[Match], list[Match]]:
    """(eligible, excluded) open opportunities for a person: eligible ranked by skills in common,
    then nearness, then closing soonest; excluded ones with their reasons, by closing date.
    Closed opportunities are left out: they are not open to anyone."""
    eligible, excluded = [], []
    for opportunity in opportunities:
        if opportunity.closed_at is not None or opportunity.closes_on < today:
            continue
        match = assess(profile=profile, opportunity=opportunity, today=today)
        (eligible if match.eligible else excluded).append(match)
    eligible.sort(key=lambda m: (-len(m.shared_skills), m.near, m.opportunity.closes_on, m.opportunity.pk or 0))
    excluded.sort(key=lambda m: (m.opportunity.closes_on, m.opportunity.pk or 0))
    return eligible, excluded


@dataclass(frozen=True)
class Candidate:
    """A person approaching release, with their work profile (None when none is recorded)."""

    person: Any
    profile: Any
    expected_release_on: datetime.date
    prison: Any = None

    @property
    def young_leaver(self) -> bool:
        return is_young_leaver(date_of_birth=self.person.date_of_birth, on=self.expected_release_on)


@dataclass(frozen=True)
class PersonMatch:
    candidate: Candidate
    match: Match | None
    exclusions: tuple[str, ...] = field(default=())

    @property
    def eligible(self) -> bool:
        return not self.exclusions


def candidate_order(candidate: Candidate) -> tuple[bool, datetime.date, str, str, int]:
    """Young leavers first, then soonest release, then by name."""
    person = candidate.person
    return (
        not candidate.young_leaver,
        candidate.expected_release_on,
        person.family_name,
        person.given_name,
        person.pk or 0,
    )


def people_for(
    *, opportunity: Any, candidates: Sequence[Candidate], today: datetime.date
) -> tuple[list[PersonMatch], list[PersonMatch]]:
    """(eligible, excluded) people for an opportunity, each in candidate order; a person with no
    work profile is excluded until one is recorded, so no one is matched on guesses."""
    eligible, excluded = [], []
    for candidate in sorted(candidates, key=candidate_order):
        if candidate.profile is None:
            excluded.append(PersonMatch(candidate, None, (_("No work profile has been recorded yet"),)))
            continue
        match = assess(profile=candidate.profile, opportunity=opportunity, today=today)
        result = PersonMatch(candidate, match, match.exclusions)
        (eligible if result.eligible else excluded).append(result)
    return eligible, excluded
