"""The matching rules, one by one, on unsaved records: no database, no clock."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

import pytest

from work import matching
from work.constants import LicenceCondition, OffenceCategory, Skill, Travel

TODAY = datetime.date(2026, 11, 23)


def opportunity(pk: int = 1, **overrides: Any) -> SimpleNamespace:
    values: dict[str, Any] = {
        "pk": pk,
        "title": f"Opportunity {pk}",
        "town": "Leeds",
        "postcode_district": "LS11",
        "skills": [Skill.CATERING],
        "excluded_offences": [],
        "works_with_vulnerable": False,
        "requires_driving": False,
        "requires_internet": False,
        "closes_on": TODAY + datetime.timedelta(days=10),
        "closed_at": None,
    }
    values.update(overrides)
    return SimpleNamespace(**values)


def profile(**overrides: Any) -> SimpleNamespace:
    values: dict[str, Any] = {
        "skills": [Skill.CATERING],
        "release_town": "Leeds",
        "release_district": "LS11",
        "travel": Travel.SAME_TOWN,
        "offences": [],
        "licence_conditions": [],
        "exclusion_zone": [],
    }
    values.update(overrides)
    return SimpleNamespace(**values)


def assess(p: SimpleNamespace, o: SimpleNamespace) -> matching.Match:
    return matching.assess(profile=p, opportunity=o, today=TODAY)


def test_a_person_with_the_skills_in_their_own_district_matches_and_says_why():
    match = assess(profile(), opportunity())
    assert match.eligible
    assert match.reasons == (
        "Skills in common: Catering and food hygiene",
        "In the postcode district they will live in (LS11)",
    )


def test_an_excluded_offence_excludes_with_the_reason():
    match = assess(
        profile(offences=[OffenceCategory.DISHONESTY, OffenceCategory.MOTORING]),
        opportunity(excluded_offences=[OffenceCategory.DISHONESTY, OffenceCategory.SEXUAL]),
    )
    assert match.exclusions == ("The employer cannot accept convictions for offences of dishonesty (theft, fraud)",)


def test_an_offence_the_employer_accepts_does_not_exclude_and_is_said():
    match = assess(profile(offences=[OffenceCategory.VIOLENCE]), opportunity(excluded_offences=[OffenceCategory.ARSON]))
    assert match.eligible
    assert "None of their convictions is of a kind the employer cannot accept" in match.reasons


@pytest.mark.parametrize(
    ("condition", "flag", "message"),
    [
        (
            LicenceCondition.NO_VULNERABLE_WORK,
            "works_with_vulnerable",
            "It involves work with children or vulnerable adults, which their licence does not allow",
        ),
        (LicenceCondition.NO_DRIVING, "requires_driving", "It needs driving, which their licence does not allow"),
        (
            LicenceCondition.NO_INTERNET,
            "requires_internet",
            "It needs internet access, which their licence does not allow",
        ),
    ],
)
def test_a_licence_condition_the_work_conflicts_with_excludes(condition, flag, message):
    p = profile(licence_conditions=[condition], skills=[Skill.CATERING, Skill.DRIVING_LICENCE])
    assert assess(p, opportunity(**{flag: True})).exclusions == (message,)
    assert assess(p, opportunity()).eligible  # the same person, work without that need


def test_driving_work_needs_a_driving_licence():
    assert assess(profile(), opportunity(requires_driving=True)).exclusions == (
        "It needs driving, and their profile records no driving licence",
    )
    assert assess(profile(skills=[Skill.DRIVING_LICENCE]), opportunity(requires_driving=True)).eligible


def test_work_inside_the_exclusion_zone_is_excluded():
    p = profile(licence_conditions=[LicenceCondition.EXCLUSION_ZONE], exclusion_zone=["LS11", "LS12"])
    assert assess(p, opportunity()).exclusions == ("It is in LS11, inside their exclusion zone",)
    assert assess(p, opportunity(postcode_district="LS10")).eligible


@pytest.mark.parametrize(
    ("travel", "town", "district", "eligible", "near"),
    [
        (Travel.SAME_TOWN, "Leeds", "LS11", True, matching.SAME_DISTRICT),
        (Travel.SAME_TOWN, "leeds", "LS2", True, matching.SAME_TOWN),
        (Travel.SAME_TOWN, "Morley", "LS27", False, matching.SAME_AREA),
        (Travel.POSTCODE_AREA, "Morley", "LS27", True, matching.SAME_AREA),
        (Travel.POSTCODE_AREA, "Bradford", "BD1", False, matching.FURTHER),
        (Travel.ANYWHERE, "Bradford", "BD1", True, matching.FURTHER),
    ],
)
def test_location_within_reach(travel, town, district, eligible, near):
    match = assess(profile(travel=travel), opportunity(town=town, postcode_district=district))
    assert (match.eligible, match.near) == (eligible, near)
    if not eligible:
        assert match.exclusions[0].startswith(f"{town} ({district}) is further than they can travel")


def test_closed_or_past_opportunities_are_excluded_with_the_reason():
    closed = opportunity(closed_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC))
    assert assess(profile(), closed).exclusions == ("The employer has closed it",)
    past = opportunity(closes_on=TODAY - datetime.timedelta(days=1))
    assert assess(profile(), past).exclusions == ("It closed on 22 November 2026",)
    assert assess(profile(), opportunity(closes_on=TODAY)).eligible  # open on its closing day


def test_opportunities_are_ranked_by_skills_in_common_then_nearness_then_closing_date():
    p = profile(skills=[Skill.CATERING, Skill.CLEANING], travel=Travel.ANYWHERE)
    far_two_skills = opportunity(1, town="Bradford", postcode_district="BD1", skills=[Skill.CATERING, Skill.CLEANING])
    near_one_skill = opportunity(2, skills=[Skill.CATERING])
    town_one_skill_soon = opportunity(3, postcode_district="LS2", skills=[Skill.CLEANING])
    town_one_skill_late = opportunity(
        4, postcode_district="LS2", skills=[Skill.CLEANING], closes_on=TODAY + datetime.timedelta(days=40)
    )
    excluded = opportunity(5, excluded_offences=[OffenceCategory.ARSON])
    closed = opportunity(6, closes_on=TODAY - datetime.timedelta(days=3))
    eligible, not_eligible = matching.opportunities_for(
        profile=profile(**{**vars(p), "offences": [OffenceCategory.ARSON]}),
        opportunities=[town_one_skill_late, excluded, near_one_skill, closed, far_two_skills, town_one_skill_soon],
        today=TODAY,
    )
    assert [m.opportunity.pk for m in eligible] == [1, 2, 3, 4]
    assert [m.opportunity.pk for m in not_eligible] == [5]  # the closed one is not listed at all


def person(pk: int, born: datetime.date) -> SimpleNamespace:
    return SimpleNamespace(pk=pk, date_of_birth=born, family_name=f"Person{pk}", given_name="Sam")


@pytest.mark.parametrize(
    ("born", "young"),
    [
        (datetime.date(2008, 12, 1), False),  # 17 on release day
        (datetime.date(2008, 11, 30), True),  # 18 that day
        (datetime.date(2000, 12, 1), True),  # 25
        (datetime.date(2000, 11, 30), False),  # 26 that day
    ],
)
def test_young_leavers_are_18_to_25_on_the_day_they_are_expected_out(born, young):
    assert matching.is_young_leaver(date_of_birth=born, on=datetime.date(2026, 11, 30)) is young


def test_people_are_ranked_young_leavers_first_then_soonest_release_and_unprofiled_are_excluded():
    soon = TODAY + datetime.timedelta(days=5)
    later = TODAY + datetime.timedelta(days=50)
    older_soon = matching.Candidate(person(1, datetime.date(1980, 1, 1)), profile(), soon)
    young_later = matching.Candidate(person(2, datetime.date(2004, 1, 1)), profile(), later)
    young_soon = matching.Candidate(person(3, datetime.date(2005, 1, 1)), profile(), soon)
    older_later_excluded = matching.Candidate(
        person(4, datetime.date(1980, 1, 1)), profile(offences=[OffenceCategory.ARSON]), later
    )
    no_profile = matching.Candidate(person(5, datetime.date(2003, 1, 1)), None, soon)
    eligible, excluded = matching.people_for(
        opportunity=opportunity(excluded_offences=[OffenceCategory.ARSON]),
        candidates=[older_later_excluded, older_soon, young_later, no_profile, young_soon],
        today=TODAY,
    )
    assert [r.candidate.person.pk for r in eligible] == [3, 2, 1]
    assert [(r.candidate.person.pk, r.exclusions) for r in excluded] == [
        (5, ("No work profile has been recorded yet",)),
        (4, ("The employer cannot accept convictions for arson",)),
    ]


@pytest.mark.parametrize(
    ("raw", "district", "valid"),
    [
        ("ls11", "LS11", True),
        (" LS11 5AB", "LS11", True),
        ("M1", "M1", True),
        ("EC1A", "EC1A", True),
        ("11LS", "11LS", False),
    ],
)
def test_postcode_districts_are_normalised_and_checked(raw, district, valid):
    assert matching.normalise_district(raw) == district
    assert matching.is_postcode_district(district) is valid
