"""Test data for work on release, made through the services (so it is valid by construction)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from accounts.constants import Role
from organisations.constants import ProviderType
from tests.factories import ProviderFactory, UserFactory
from work import services
from work.constants import OpportunityKind, Skill, Travel


def employer_user(**kwargs: Any) -> Any:
    """A partner caseworker at an employer partner."""
    organisation = kwargs.pop("organisation", None) or ProviderFactory(
        name=kwargs.pop("employer_name", None) or ProviderFactory.name.function(ProviderFactory._meta.next_sequence()),
        provider_type=ProviderType.EMPLOYER,
    )
    return UserFactory(role=Role.PARTNER_CASEWORKER, organisation=organisation, **kwargs)


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def opportunity_details(**overrides: Any) -> services.OpportunityDetails:
    values: dict[str, Any] = {
        "kind": OpportunityKind.JOB,
        "title": "Kitchen assistant",
        "description": "Preparing food in a busy staff canteen",
        "town": "Leeds",
        "postcode_district": "LS11",
        "hours": "37.5 hours a week, Monday to Friday",
        "pay": "£12.60 an hour",
        "places": 2,
        "closes_on": in_days(30),
        "skills": [Skill.CATERING],
    }
    values.update(overrides)
    return services.OpportunityDetails(**values)


def post_opportunity(employer: Any, **overrides: Any) -> Any:
    return services.opportunity_post(acting_user=employer, details=opportunity_details(**overrides))


def profile_details(**overrides: Any) -> services.ProfileDetails:
    values: dict[str, Any] = {
        "skills": [Skill.CATERING],
        "release_town": "Leeds",
        "release_district": "LS11",
        "travel": Travel.SAME_TOWN,
        "offences": [],
        "licence_conditions": [],
        "exclusion_zone": "",
    }
    values.update(overrides)
    return services.ProfileDetails(**values)


def save_profile(staff: Any, person: Any, **overrides: Any) -> Any:
    return services.work_profile_save(acting_user=staff, person_id=person.pk, details=profile_details(**overrides))


def put_forward(staff: Any, person: Any, opportunity: Any, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "disclosure_statement": "I was convicted of theft in 2023. I have since completed a catering course.",
        "consent_to_share": True,
    }
    values.update(overrides)
    return services.application_make(acting_user=staff, person_id=person.pk, opportunity_id=opportunity.pk, **values)
