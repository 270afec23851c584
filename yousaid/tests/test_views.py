import re

import pytest
from django.urls import reverse

from accounts.constants import Role
from tests.factories import ContractFactory, CustodyEpisodeFactory, ProviderFactory, RegionFactory, UserFactory
from tests.matrix import AD, ANON, CO, EVERYONE, IL, PA, PR, P, World
from yousaid import services
from yousaid.constants import ConfirmedBy, Source
from yousaid.models import Action, Issue
from yousaid.tests import authorisation
from yousaid.tests.conftest import TODAY, WORDS, days, feedback_response


def submission(page):
    return re.search(r'name="submission_id" value="([^"]+)"', page.content.decode()).group(1)


@pytest.mark.parametrize("role", EVERYONE)
def test_this_apps_rows_of_the_authorisation_matrix(client, prison, region, role):
    """The same check as tests/test_authorisation_matrix.py, for this app's rows alone."""
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
    args = authorisation.arrange(world)
    if role != ANON:
        client.force_login(users[role])
    for (name, method), answers in authorisation.MATRIX.items():
        response = getattr(client, method)(reverse(name, args=args.get(name)))
        assert response.status_code == answers[role], (name, role)


def test_another_organisations_issue_is_not_found(client, issue, other_lead):
    client.force_login(other_lead)
    assert client.get(reverse("yousaid:detail", args=[issue.pk])).status_code == 404
    assert client.get(reverse("yousaid:respond", args=[issue.pk])).status_code == 404


def test_raise_by_hand_through_the_form(client, lead, person):
    client.force_login(lead)
    page = client.get(reverse("yousaid:raise"))
    sid = submission(page)
    response = client.post(reverse("yousaid:raise"), {"submission_id": sid, "restricted": "no"})
    assert response.status_code == 200
    assert "Enter what people said" in response.content.decode()
    assert not Issue.objects.exists()
    response = client.post(
        reverse("yousaid:raise"),
        {
            "submission_id": sid,
            "restricted": "no",
            "source": Source.COUNCIL,
            "said": "More gym time",
            "named_identifier": person.prison_number,
        },
    )
    issue = Issue.objects.get()
    assert response["Location"] == reverse("yousaid:detail", args=[issue.pk])
    assert issue.named_person == person and issue.source == Source.COUNCIL
    again = client.post(reverse("yousaid:raise"), {"submission_id": sid, "restricted": "no", "said": "x"})
    assert "already been sent" in again.content.decode()


def test_raise_from_feedback_lists_and_copies(client, lead, prison):
    response = feedback_response(prison)
    client.force_login(lead)
    page = client.get(reverse("yousaid:feedback"))
    assert WORDS in page.content.decode()
    url = reverse("yousaid:raise") + f"?response={response.pk}&question=overall_why"
    form = client.get(url)
    assert WORDS in form.content.decode()
    client.post(
        url,
        {
            "submission_id": submission(form),
            "said": WORDS,
            "restricted": "no",
            "response": str(response.pk),
            "question": "overall_why",
        },
    )
    assert Issue.objects.get().feedback_response_id == response.pk
    restricted = feedback_response(prison, restricted=True, words="About officer Z")
    assert "About officer Z" not in client.get(reverse("yousaid:feedback")).content.decode()
    assert client.get(reverse("yousaid:raise") + f"?response={restricted.pk}&question=overall_why").status_code == 404


def test_a_response_after_close_is_refused_on_the_page(client, lead, issue):
    services.issue_respond(acting_user=lead, issue_id=issue.pk, response="Fixed")
    services.issue_close(acting_user=lead, issue_id=issue.pk)
    client.force_login(lead)
    response = client.post(reverse("yousaid:respond", args=[issue.pk]), {"response": "Again"})
    assert "This issue is closed" in response.content.decode()


def test_confirm_without_a_claim_is_refused_on_the_page(client, lead, issue):
    action = services.action_add(
        acting_user=lead, issue_id=issue.pk, description="Fix it", owner_user_id=lead.pk, due_on=days(5)
    )
    client.force_login(lead)
    response = client.post(
        reverse("yousaid:action-confirm", args=[issue.pk, action.pk]),
        {
            "confirmed_by": ConfirmedBy.COUNCIL,
            "confirmed_on_day": TODAY.day,
            "confirmed_on_month": TODAY.month,
            "confirmed_on_year": TODAY.year,
            "note": "Council said so",
        },
    )
    assert "Mark the action as done before" in response.content.decode()
    assert Action.objects.get().confirmed_at is None


def test_public_board_hides_restricted_issues_and_names(client, lead, named_issue, person):
    services.issue_raise(
        acting_user=lead, organisation_id=None, source=Source.BY_HAND, said="About a named officer", restricted=True
    )
    services.issue_respond(acting_user=lead, issue_id=named_issue.pk, response="New boiler ordered")
    page = client.get(reverse("yousaid:board", args=[lead.organisation_id])).content.decode()
    assert WORDS in page and "New boiler ordered" in page
    assert "About a named officer" not in page
    assert person.given_name not in page and person.family_name not in page and person.prison_number not in page
    assert lead.organisation.name in client.get(reverse("yousaid:boards")).content.decode()


def test_report_page_shows_the_figures(client, lead, issue, admin):
    services.issue_respond(acting_user=lead, issue_id=issue.pk, response="Fixed")
    client.force_login(lead)
    page = client.get(reverse("yousaid:report")).content.decode()
    assert lead.organisation.name in page and "Answered on time" in page
    client.force_login(admin)
    page = client.get(reverse("yousaid:report")).content.decode()
    assert lead.organisation.region.name in page


def test_other_roles_are_refused(client, prison):
    client.force_login(UserFactory(role=Role.PRISON_STAFF, organisation=prison))
    assert client.get(reverse("yousaid:list")).status_code == 403
