"""Peer research pages: who may see them, the forms end to end, and refusals shown on the page
with nothing changed."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from involvement.constants import ProjectStage
from involvement.models import PeerResearchProject, ProjectStageChange, ResearchConsent
from involvement.tests import authorisation_research
from involvement.tests import helpers_research as helpers
from involvement.tests.helpers_research import add_researcher, approve, days_ago, project, project_in_fieldwork
from involvement.views.research import activity_url
from tests.factories import ContractFactory, CustodyEpisodeFactory, ProviderFactory, RegionFactory, UserFactory
from tests.matrix import AD, ANON, CO, EVERYONE, IL, PA, PR, P, World

admin, lead, other_lead, person, prison = (
    helpers.admin,
    helpers.lead,
    helpers.other_lead,
    helpers.person,
    helpers.prison,
)


def submission(page) -> str:
    return re.search(r'name="submission_id" value="([^"]+)"', page.content.decode()).group(1)


def date(prefix: str, day) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


@pytest.mark.parametrize("role", EVERYONE)
def test_this_areas_rows_of_the_authorisation_matrix(client, prison, role):
    """The same check as tests/test_authorisation_matrix.py, for these rows alone."""
    region = RegionFactory()
    provider = ProviderFactory()
    users = {
        P: UserFactory(role=P, organisation=prison),
        PR: UserFactory(role=PR),
        PA: UserFactory(role=PA, organisation=provider),
        IL: UserFactory(role=IL, organisation=prison),
        CO: UserFactory(role=CO),
        AD: UserFactory(role=AD, is_staff=True, is_superuser=True),
    }
    world = World(
        region=region,
        other_region=RegionFactory(),
        prison=prison,
        provider=provider,
        contract=ContractFactory(provider=provider, region=region),
        person=CustodyEpisodeFactory(establishment=prison).person,
        users=users,
        need=None,
        action=None,
    )
    args = authorisation_research.arrange(world)
    if role != ANON:
        client.force_login(users[role])
    for (name, method), answers in authorisation_research.MATRIX.items():
        response = getattr(client, method)(reverse(name, args=args.get(name)))
        assert response.status_code == answers[role], (name, role)


def test_another_organisations_project_is_not_found(client, lead, other_lead):
    p = project_in_fieldwork(lead)
    researcher = p.researchers.get()
    client.force_login(other_lead)
    urls = [
        reverse("involvement:research-project", args=[p.pk]),
        reverse("involvement:research-stage", args=[p.pk]),
        reverse("involvement:research-approval-new", args=[p.pk]),
        reverse("involvement:research-researcher-new", args=[p.pk]),
        reverse("involvement:research-researcher-leave", args=[p.pk, researcher.pk]),
        reverse("involvement:research-training-new", args=[p.pk, researcher.pk]),
        reverse("involvement:research-consent-new", args=[p.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    assert p.title not in client.get(reverse("involvement:research-projects")).content.decode()


def test_a_researcher_of_another_project_is_not_found(client, lead):
    p, q = project(lead), project(lead, title="Other")
    researcher = add_researcher(lead, q)
    client.force_login(lead)
    assert client.get(reverse("involvement:research-training-new", args=[p.pk, researcher.pk])).status_code == 404


def test_a_lead_proposes_a_project_through_the_form(client, lead, prison):
    client.force_login(lead)
    url = reverse("involvement:research-project-new")
    page = client.get(url)
    assert 'name="organisation"' not in page.content.decode()
    sid = submission(page)
    response = client.post(url, {"submission_id": sid, "title": "", "question": ""})
    assert response.status_code == 200
    assert "Enter the project's title" in html.unescape(response.content.decode())
    assert not PeerResearchProject.objects.exists()
    response = client.post(url, {"submission_id": sid, "title": "Getting ID", "question": "What helps?"})
    made = PeerResearchProject.objects.get()
    assert response["Location"] == reverse("involvement:research-project", args=[made.pk])
    assert made.organisation == prison
    again = client.post(url, {"submission_id": sid, "title": "Getting ID", "question": "What helps?"})
    assert "already been sent" in again.content.decode()
    assert PeerResearchProject.objects.count() == 1
    listing = client.get(reverse("involvement:research-projects")).content.decode()
    assert "Getting ID" in listing and "Proposed" in listing


def test_an_administrator_chooses_the_organisation(client, admin, prison):
    client.force_login(admin)
    url = reverse("involvement:research-project-new")
    sid = submission(client.get(url))
    client.post(url, {"submission_id": sid, "organisation": prison.pk, "title": "T", "question": "Q"})
    assert PeerResearchProject.objects.get().organisation == prison
    assert prison.name in client.get(reverse("involvement:research-projects")).content.decode()


def test_fieldwork_is_refused_on_the_page_then_allowed(client, lead):
    p = project(lead)
    approve(lead, p)
    researcher = add_researcher(lead, p, trained=None)
    client.force_login(lead)
    detail = client.get(reverse("involvement:research-project", args=[p.pk])).content.decode()
    assert "Train every peer researcher before fieldwork: 1 not trained" in detail
    url = reverse("involvement:research-stage", args=[p.pk])
    sid = submission(client.get(url))
    form = {"submission_id": sid, "stage": ProjectStage.FIELDWORK, **date("on", days_ago(1))}
    response = client.post(url, form)
    assert response.status_code == 200
    assert "Train every peer researcher before fieldwork: 1 not trained" in response.content.decode()
    assert p.stage_changes.count() == 1
    training = reverse("involvement:research-training-new", args=[p.pk, researcher.pk])
    client.post(
        training,
        {"submission_id": submission(client.get(training)), "course": "Methods", **date("completed_on", days_ago(2))},
    )
    response = client.post(url, form)
    assert response["Location"] == reverse("involvement:research-project", args=[p.pk])
    assert p.stage_changes.latest("on", "recorded_at").stage == ProjectStage.FIELDWORK


def test_a_stage_that_is_not_offered_is_refused(client, lead):
    p = project_in_fieldwork(lead)
    client.force_login(lead)
    url = reverse("involvement:research-stage", args=[p.pk])
    page = client.get(url)
    assert "Training peer researchers" not in page.content.decode()
    response = client.post(url, {"submission_id": submission(page), "stage": "training", **date("on", days_ago(0))})
    assert "Select the stage the project is moving to" in response.content.decode()
    assert ProjectStageChange.objects.filter(project=p).count() == 2


def test_consent_pages_refuse_identifiers_and_wait_for_fieldwork(client, lead, person):
    early = project(lead)
    client.force_login(lead)
    page = client.get(reverse("involvement:research-consent-new", args=[early.pk])).content.decode()
    assert "Consent is recorded from fieldwork onwards" in page and 'name="participant_code"' not in page
    p = project_in_fieldwork(lead)
    url = reverse("involvement:research-consent-new", args=[p.pk])
    sid = submission(client.get(url))
    data = {
        "submission_id": sid,
        "participant_code": person.prison_number,
        "form_version": "v1",
        **date("given_on", days_ago(0)),
    }
    response = client.post(url, data)
    assert "Use the project's participant code, not a prison number or case reference" in html.unescape(
        response.content.decode()
    )
    assert not ResearchConsent.objects.exists()
    client.post(url, {**data, "participant_code": "P-014"})
    consent = ResearchConsent.objects.get()
    withdraw = reverse("involvement:research-consent-withdraw", args=[p.pk, consent.pk])
    client.post(withdraw, date("withdrawn_on", days_ago(0)))
    consent.refresh_from_db()
    assert consent.withdrawn_on == days_ago(0)
    assert "already withdrawn" in client.get(withdraw).content.decode()


def test_the_project_page_shows_researchers_approvals_and_activities(client, lead, person):
    p = project_in_fieldwork(lead, person=person)
    client.force_login(lead)
    page = client.get(reverse("involvement:research-project", args=[p.pk])).content.decode()
    for text in ("Alex Ashdown", "Peer research methods", "The governor", "Fieldwork", "No involvement activities"):
        assert text in page


def test_activity_links_wait_for_the_activity_page():
    url = activity_url(1)
    assert url is None or url.endswith("/1/")
