import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.constants import Role
from resettlement.constants import NeedStatus
from resettlement.models import Need, NeedEvent, NeedWithoutAction, Plan, PlanAction
from tests.factories import ContractFactory, CustodyEpisodeFactory, ProviderFactory, UserFactory

pytestmark = pytest.mark.django_db
DUE = timezone.localdate() + datetime.timedelta(days=10)


@pytest.fixture
def officer(client):
    user = UserFactory(role=Role.PRISON_STAFF)
    client.force_login(user)
    return user


@pytest.fixture
def person(officer):
    return CustodyEpisodeFactory(establishment=officer.organisation).person


@pytest.fixture
def need(officer, person):
    need = Need.objects.create(
        person=person, pathway="accommodation", description="Needs somewhere to live", identified_by=officer
    )
    NeedEvent.objects.create(need=need, status=NeedStatus.NOT_STARTED, recorded_by=officer)
    return need


def action_post(officer, need, revision=0, **overrides):
    data = {
        "revision": revision,
        "need": need.pk,
        "pathway": "",
        "description": "Refer to the housing charity",
        "owner": officer.organisation_id,
        "assignee": officer.pk,
        "due_on_day": DUE.day,
        "due_on_month": DUE.month,
        "due_on_year": DUE.year,
    }
    data.update(overrides)
    return data


def test_the_person_page_shows_an_incomplete_plan_until_each_need_is_covered(client, officer, person, need):
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "The plan is incomplete: 1 need has no action and no reason why not." in page
    response = client.post(reverse("resettlement:action-new", args=[person.pk]), action_post(officer, need))
    assert response.status_code == 302
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Every recognised need has an action or a recorded reason why not." in page
    assert "Refer to the housing charity" in page and "Record result" in page


def test_partners_contracted_at_the_prison_can_own_actions(client, officer, person, need):
    provider = ProviderFactory(name="Example Housing Trust")
    ContractFactory(provider=provider, region=officer.organisation.region)
    caseworker = UserFactory(role=Role.PARTNER_CASEWORKER, organisation=provider, first_name="Pat", last_name="Partner")
    page = client.get(reverse("resettlement:action-new", args=[person.pk])).content.decode()
    assert "Example Housing Trust" in page and "Pat Partner (Example Housing Trust)" in page
    client.post(
        reverse("resettlement:action-new", args=[person.pk]),
        action_post(officer, need, owner=provider.pk, assignee=caseworker.pk),
    )
    assert PlanAction.objects.get().assignee == caseworker


def test_an_empty_action_form_lists_every_problem(client, officer, person, need):
    page = client.post(reverse("resettlement:action-new", args=[person.pk]), {"revision": 0}).content.decode()
    for message in (
        "Describe the action",
        "Select the organisation that owns this action",
        "Select who will do it",
        "Enter the date the action is due",
    ):
        assert message in page
    assert not PlanAction.objects.exists()


def test_a_stale_page_is_refused_and_shows_what_changed(client, officer, person, need):
    client.post(reverse("resettlement:action-new", args=[person.pk]), action_post(officer, need))
    stale = client.post(
        reverse("resettlement:action-new", args=[person.pk]), action_post(officer, need, description="A second idea")
    )
    page = stale.content.decode()
    assert "This plan was changed after you opened it" in page and "Added action: Refer to the housing charity" in page
    assert 'name="revision" value="1"' in page  # resubmitting now applies on top of the current plan
    assert PlanAction.objects.count() == 1 and Plan.objects.get().revision == 1


def test_recording_a_result_and_meeting_the_need(client, officer, person, need):
    client.post(reverse("resettlement:action-new", args=[person.pk]), action_post(officer, need))
    action = PlanAction.objects.get()
    url = reverse("resettlement:need-status", args=[person.pk, need.pk])
    refused = client.post(url, {"revision": 1, "status": "met", "note": ""}).content.decode()
    assert "open actions before marking it met" in refused
    empty = client.post(
        reverse("resettlement:action-result", args=[person.pk, action.pk]), {"revision": 1}
    ).content.decode()
    assert "Select whether the action was done" in empty
    client.post(
        reverse("resettlement:action-result", args=[person.pk, action.pk]),
        {"revision": 1, "result": "done", "note": "Room offered"},
    )
    assert client.post(url, {"revision": 2, "status": "met", "note": ""}).status_code == 302
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Room offered" in page and ">Met<" in page


def test_recording_why_a_need_has_no_action(client, officer, person, need):
    url = reverse("resettlement:need-without-action", args=[person.pk, need.pk])
    assert "Enter why this need has no action" in client.post(url, {"revision": 0, "reason": ""}).content.decode()
    assert client.post(url, {"revision": 0, "reason": "Family will house them"}).status_code == 302
    assert NeedWithoutAction.objects.get().reason == "Family will house them"


def test_other_prisons_cannot_reach_the_plan(client, person, need):
    client.force_login(UserFactory(role=Role.PRISON_STAFF))
    assert client.get(reverse("resettlement:action-new", args=[person.pk])).status_code == 404
    assert client.get(reverse("resettlement:need-status", args=[person.pk, need.pk])).status_code == 404


def test_overdue_actions_are_flagged_on_the_home_page_and_in_my_actions(client, officer, person, need):
    client.post(reverse("resettlement:action-new", args=[person.pk]), action_post(officer, need))
    assert "overdue action" not in client.get(reverse("home")).content.decode()
    PlanAction.objects.update(due_on=timezone.localdate() - datetime.timedelta(days=2))
    home = client.get(reverse("home")).content.decode()
    assert "You have 1 overdue action" in home
    mine = client.get(reverse("my-actions")).content.decode()
    assert "1 action is overdue." in mine and person.full_name in mine and "Overdue" in mine


def test_overdue_actions_are_flagged_to_the_assignees_manager(client, officer, person, need):
    manager = UserFactory(
        role=Role.PRISON_STAFF, organisation=officer.organisation, first_name="Mo", last_name="Manager"
    )
    officer.manager = manager
    officer.save()
    client.post(reverse("resettlement:action-new", args=[person.pk]), action_post(officer, need))
    PlanAction.objects.update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(manager)
    assert "People you manage have 1 overdue action" in client.get(reverse("home")).content.decode()
    page = client.get(reverse("my-actions")).content.decode()
    assert "Overdue in your team" in page and officer.display_name in page and "Refer to the housing charity" in page
    client.force_login(UserFactory(role=Role.PRISON_STAFF, organisation=officer.organisation))
    assert "overdue" not in client.get(reverse("home")).content.decode()


def test_a_double_submission_of_any_plan_form_changes_the_plan_once(client, officer, person, need):
    """A double click or a resent form carries the same revision as the first: the second is refused."""
    first = client.post(reverse("resettlement:action-new", args=[person.pk]), action_post(officer, need))
    again = client.post(reverse("resettlement:action-new", args=[person.pk]), action_post(officer, need))
    assert first.status_code == 302 and again.status_code == 200
    assert "This plan was changed after you opened it" in again.content.decode()
    action = PlanAction.objects.get()
    result = {"revision": 1, "result": "done", "note": "Housed"}
    client.post(reverse("resettlement:action-result", args=[person.pk, action.pk]), result)
    assert client.post(reverse("resettlement:action-result", args=[person.pk, action.pk]), result).status_code == 200
    assert Plan.objects.get().revision == 2
