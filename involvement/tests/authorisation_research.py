"""Authorisation rows for involvement/views/research.py. The project belongs to the world's prison,
whose involvement lead runs it; only involvement leads (their own organisation's projects) and
administrators see peer research, so everyone else is refused (403). Another organisation's lead is
told the project does not exist (404): involvement/tests/test_research_views.py checks that, since
the world has one user per role."""

from __future__ import annotations

from involvement.research_services import consent_record
from involvement.tests.helpers_research import days_ago, project_in_fieldwork
from tests.matrix import World, expect

RUNS = expect(403, involvement_lead=200, administrator=200)

MATRIX = {
    ("involvement:research-projects", "get"): RUNS,
    ("involvement:research-project-new", "get"): RUNS,
    ("involvement:research-project", "get"): RUNS,
    ("involvement:research-stage", "get"): RUNS,
    ("involvement:research-approval-new", "get"): RUNS,
    ("involvement:research-researcher-new", "get"): RUNS,
    ("involvement:research-researcher-leave", "get"): RUNS,
    ("involvement:research-training-new", "get"): RUNS,
    ("involvement:research-consent-new", "get"): RUNS,
    ("involvement:research-consent-withdraw", "get"): RUNS,
}


def arrange(world: World) -> dict[str, list[object]]:
    lead = world.users["involvement_lead"]
    project = project_in_fieldwork(lead)
    researcher = project.researchers.get()
    consent = consent_record(
        acting_user=lead, project_id=project.pk, participant_code="P-001", form_version="v1", given_on=days_ago(5)
    )
    one = [project.pk]
    return {
        "involvement:research-project": one,
        "involvement:research-stage": one,
        "involvement:research-approval-new": one,
        "involvement:research-researcher-new": one,
        "involvement:research-researcher-leave": [project.pk, researcher.pk],
        "involvement:research-training-new": [project.pk, researcher.pk],
        "involvement:research-consent-new": one,
        "involvement:research-consent-withdraw": [project.pk, consent.pk],
    }
