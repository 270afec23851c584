"""Work on release for the small demo world, written through the real services (validated and audited
as a member of staff's would be): an employer partner's opportunities, work profiles for people in the
demo prison who are due out within 12 weeks, and applications at each stage.

The small world has no member of staff at an employer partner (its fixed sign-ins are one per role),
so this makes one, `employer`, at the first employer partner, with the demo password. All synthetic."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.constants import Role
from accounts.models import User
from organisations.constants import OrganisationKind, ProviderType
from organisations.models import Organisation
from work import matching, services
from work.constants import (
    LicenceCondition,
    OffenceCategory,
    OpportunityKind,
    Skill,
    Step,
    Travel,
    WithdrawalReason,
)
from work.selectors import candidates_approaching_release

EMPLOYER_USERNAME = "employer"
DEMO_PASSWORD = "throughgate-demo"  # bench.dataset.DEMO_PASSWORD, repeated to keep this module importable alone

# Synthetic places: a town and some of its postcode districts.
PLACES = [("Leeds", ["LS9", "LS10", "LS11", "LS12"]), ("Bradford", ["BD1", "BD3", "BD4"])]

OPPORTUNITIES = [
    {
        "kind": OpportunityKind.JOB,
        "title": "Kitchen assistant",
        "description": "Preparing food and keeping the kitchen clean in a busy staff canteen. Training given.",
        "town": "Leeds",
        "postcode_district": "LS11",
        "hours": "37.5 hours a week, Monday to Friday, 7am to 3pm",
        "pay": "£12.60 an hour",
        "places": 2,
        "skills": [Skill.CATERING, Skill.CLEANING],
        "excluded_offences": [],
    },
    {
        "kind": OpportunityKind.APPRENTICESHIP,
        "title": "Groundworker apprentice",
        "description": "An 18-month apprenticeship on our housing sites, with a CSCS card in the first month.",
        "town": "Leeds",
        "postcode_district": "LS10",
        "hours": "40 hours a week",
        "pay": "£9.50 an hour, rising after 12 months",
        "places": 3,
        "skills": [Skill.CONSTRUCTION, Skill.MATHS_ENGLISH],
        "excluded_offences": [OffenceCategory.ARSON],
    },
    {
        "kind": OpportunityKind.JOB,
        "title": "Delivery driver",
        "description": "Delivering bakery orders to cafés and shops. Cash is taken on some rounds.",
        "town": "Bradford",
        "postcode_district": "BD4",
        "hours": "Early starts, 30 hours a week",
        "pay": "£12.00 an hour",
        "places": 1,
        "skills": [Skill.DRIVING_LICENCE, Skill.CUSTOMER_SERVICE],
        "excluded_offences": [OffenceCategory.DISHONESTY, OffenceCategory.MOTORING],
        "requires_driving": True,
    },
    {
        "kind": OpportunityKind.TRAINING,
        "title": "Warehouse skills course with a guaranteed interview",
        "description": "Four weeks' training, forklift licence included, then an interview for a warehouse job.",
        "town": "Leeds",
        "postcode_district": "LS9",
        "hours": "Monday to Thursday, 9am to 4pm",
        "pay": "",
        "places": 8,
        "skills": [Skill.WAREHOUSING],
        "excluded_offences": [],
    },
]
STATEMENT = (
    "I was convicted in 2024 and have served my sentence. In prison I worked in the kitchen and passed food "
    "hygiene level 2. I want steady work so I can keep my flat and see my children."
)


def _employer() -> User:
    """The demo employer sign-in: found, or made at the first employer partner."""
    existing = User.objects.filter(username=EMPLOYER_USERNAME).select_related("organisation").first()
    if existing is not None:
        return existing
    organisation = (
        Organisation.objects.filter(kind=OrganisationKind.PROVIDER, provider_type=ProviderType.EMPLOYER)
        .order_by("pk")
        .first()
    )
    assert organisation is not None, "the demo world has an employer partner"
    return User.objects.create(
        username=EMPLOYER_USERNAME,
        first_name="Erin",
        last_name="Oduya",
        password=make_password(DEMO_PASSWORD),
        role=Role.PARTNER_CASEWORKER,
        organisation=organisation,
    )


def make_work_records(*, rng: random.Random, officer: User | None = None, people: int = 8) -> dict[str, int]:
    from bench.dataset import DEMO_USERNAMES

    officer = officer or User.objects.select_related("organisation").get(username=DEMO_USERNAMES[Role.PRISON_STAFF])
    employer = _employer()
    today = timezone.localdate()
    opportunities = [
        services.opportunity_post(
            acting_user=employer,
            details=services.OpportunityDetails(
                **values, closes_on=today + datetime.timedelta(days=rng.randint(14, 60))
            ),
        )
        for values in OPPORTUNITIES
    ]
    counts = {"work_opportunities": len(opportunities), "work_profiles": 0, "work_applications": 0}
    candidates = candidates_approaching_release(user=officer, today=today)[:people]
    profiles = []
    for index, candidate in enumerate(candidates):
        town, districts = PLACES[0] if index % 3 else PLACES[1]
        skills = rng.sample([Skill.CATERING, Skill.CLEANING, Skill.CONSTRUCTION, Skill.WAREHOUSING, Skill.IT], 2)
        # A few with convictions or a licence condition that some opportunities exclude, so the
        # pages show exclusions and their reasons too.
        offences = [OffenceCategory.ARSON] if index == 2 else [OffenceCategory.DISHONESTY] if index % 4 == 1 else []
        conditions = [LicenceCondition.EXCLUSION_ZONE] if index == 3 else []
        profiles.append(
            services.work_profile_save(
                acting_user=officer,
                person_id=candidate.person.pk,
                details=services.ProfileDetails(
                    skills=skills,
                    release_town=town,
                    release_district=rng.choice(districts),
                    travel=Travel.POSTCODE_AREA if index % 2 else Travel.SAME_TOWN,
                    offences=offences,
                    licence_conditions=conditions,
                    exclusion_zone="LS11" if conditions else "",
                ),
            )
        )
    counts["work_profiles"] = len(profiles)
    # Three put forward (young leavers first, as the candidates are ordered), at three stages.
    stages: list[list[tuple[str, str, str]]] = [
        [],
        [(Step.INTERVIEW_OFFERED, "", "")],
        [(Step.INTERVIEW_OFFERED, "", ""), (Step.NOT_OFFERED, "", "Another candidate had more kitchen experience")],
        [(Step.OFFERED, "", ""), (Step.WITHDRAWN, WithdrawalReason.OTHER_WORK, "")],
    ]
    for profile in profiles:
        if counts["work_applications"] == len(stages):
            break
        eligible, _excluded = matching.opportunities_for(profile=profile, opportunities=opportunities, today=today)
        if not eligible:
            continue
        application = services.application_make(
            acting_user=officer,
            person_id=profile.person_id,
            opportunity_id=eligible[0].opportunity.pk,
            disclosure_statement=STATEMENT,
            consent_to_share=True,
        )
        for step, reason, note in stages[counts["work_applications"]]:
            actor = officer if step == Step.WITHDRAWN else employer
            services.application_record_step(
                acting_user=actor, application_id=application.pk, step=step, reason=reason, note=note
            )
        counts["work_applications"] += 1
    return counts
