"""Synthetic peer research projects for the tests (invented titles; people from the factories,
whose prison numbers start with Z)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from accounts.constants import Role
from involvement import research_services as services
from involvement.constants import ApprovalDecision, ProjectStage, RoleKind
from involvement.models import PeerResearchProject, ProjectStageChange
from tests.factories import EstablishmentFactory, ServiceUserFactory, UserFactory


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def project(lead: Any, *, proposed_days_ago: int = 60, title: str = "Getting ID before release") -> PeerResearchProject:
    return services.project_create(
        acting_user=lead,
        organisation_id=lead.organisation_id,
        title=title,
        question="What stops people leaving with photo ID, and what would help?",
        proposed_on=days_ago(proposed_days_ago),
    )


def approve(
    lead: Any, p: PeerResearchProject, *, on: int = 40, body: str = "The governor", decision: str = "approved"
) -> Any:
    conditions = "" if decision == ApprovalDecision.APPROVED else "Interviews in the library only"
    return services.approval_record(
        acting_user=lead,
        project_id=p.pk,
        body=body,
        decision=decision,
        decided_on=days_ago(on),
        conditions=conditions,
    )


def add_researcher(
    lead: Any, p: PeerResearchProject, *, person: Any = None, joined: int = 35, trained: int | None = 30
) -> Any:
    person = person or ServiceUserFactory()
    researcher = services.researcher_add(
        acting_user=lead,
        project_id=p.pk,
        identifier=person.prison_number,
        kind=RoleKind.VOLUNTEER,
        joined_on=days_ago(joined),
    )
    if trained is not None:
        services.training_record(
            acting_user=lead,
            project_id=p.pk,
            researcher_id=researcher.pk,
            course="Peer research methods",
            completed_on=days_ago(trained),
        )
    return researcher


def move(lead: Any, p: PeerResearchProject, stage: str, *, on: int = 10, note: str = "") -> ProjectStageChange:
    return services.project_stage_move(acting_user=lead, project_id=p.pk, stage=stage, on=days_ago(on), note=note)


def project_in_fieldwork(lead: Any, *, person: Any = None) -> PeerResearchProject:
    """Approved, with one trained volunteer, in fieldwork since 10 days ago."""
    p = project(lead)
    approve(lead, p)
    add_researcher(lead, p, person=person)
    move(lead, p, ProjectStage.FIELDWORK)
    return p


# Fixtures, imported by name into the test modules that use them.


@pytest.fixture
def prison(db: Any) -> Any:
    return EstablishmentFactory(name="HMP Testhaven")


@pytest.fixture
def lead(prison: Any) -> Any:
    return UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=prison, first_name="Ifan", last_name="Lead")


@pytest.fixture
def other_lead(db: Any) -> Any:
    return UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=EstablishmentFactory(name="HMP Elsewhere"))


@pytest.fixture
def admin(db: Any) -> Any:
    return UserFactory(role=Role.ADMINISTRATOR)


@pytest.fixture
def person(db: Any) -> Any:
    return ServiceUserFactory(given_name="Alex", family_name="Ashdown", prison_number="Z1234AB", crn="Z123456")
