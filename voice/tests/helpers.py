"""Making surveys for tests through the services, as users would."""

from __future__ import annotations

import copy
from typing import Any

from accounts.constants import Role
from organisations.constants import OrganisationKind
from tests.factories import EstablishmentFactory, UserFactory
from voice.constants import Audience, Eligibility
from voice.models import Survey
from voice.services import survey_create, survey_publish

CHOICE_QUESTIONS: list[dict[str, Any]] = [
    {"id": "overall", "type": "fft", "required": True},
    {"id": "overall_why", "type": "text"},
    {
        "id": "food",
        "type": "single",
        "required": True,
        "text": {"en": "Do you get enough to eat?", "cy": "Ydych chi'n cael digon i'w fwyta?"},
        "easy_read": {"en": "Do you get enough food?"},
        "options": [
            {"value": "yes", "text": {"en": "Yes", "cy": "Ydw"}},
            {"value": "no", "text": {"en": "No", "cy": "Nac ydw"}},
        ],
    },
    {
        "id": "food_why",
        "type": "text",
        "text": {"en": "What would make it better?", "cy": "Beth fyddai'n ei wella?"},
        "show_if": {"question": "food", "in": ["no"]},
    },
]


def involvement_lead(organisation: Any = None) -> Any:
    organisation = organisation or EstablishmentFactory()
    assert organisation.kind in (OrganisationKind.ESTABLISHMENT, OrganisationKind.DELIVERY_UNIT)
    return UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=organisation)


def published_survey(
    *,
    lead: Any = None,
    title: str = "Life on the wing",
    audience: str = Audience.IN_CUSTODY,
    eligibility: str = Eligibility.OPEN,
    questions: list[dict[str, Any]] | None = None,
    about_id: int | None = None,
) -> Survey:
    lead = lead or involvement_lead()
    survey = survey_create(
        acting_user=lead,
        title=title,
        audience=audience,
        eligibility=eligibility,
        about_id=about_id if about_id is not None else lead.organisation_id,
        # A copy: a test that changes its questions must never change the next test's.
        questions=copy.deepcopy(questions or CHOICE_QUESTIONS),
    )
    survey_publish(acting_user=lead, survey_id=survey.pk)
    return survey
