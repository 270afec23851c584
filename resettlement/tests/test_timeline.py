import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.constants import Role
from audit.constants import Action
from audit.models import Event
from people.timeline import timeline_for_person
from resettlement.constants import ActionResult
from resettlement.models import Need, NeedEvent
from resettlement.plan_services import plan_action_add, plan_action_record_result
from resettlement.timeline import resettlement_entries
from tests.factories import CustodyEpisodeFactory, ProbationCaseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(role=Role.PRISON_STAFF, first_name="Olu", last_name="Officer")


def _plan(officer, person, n):
    for i in range(n):
        need = Need.objects.create(person=person, pathway="health", description=f"Need {i}", identified_by=officer)
        NeedEvent.objects.create(need=need, status="not_started", recorded_by=officer)
        action = plan_action_add(
            acting_user=officer,
            person_id=person.pk,
            expected_revision=None,
            description=f"Action {i}",
            owner_id=officer.organisation_id,
            assignee_id=officer.pk,
            due_on=timezone.localdate() + datetime.timedelta(days=3),
            need_id=need.pk,
        )
        plan_action_record_result(
            acting_user=officer,
            person_id=person.pk,
            action_id=action.pk,
            expected_revision=None,
            result=ActionResult.DONE,
            note="Done",
        )


def test_the_timeline_shows_every_step_by_every_organisation_newest_first(officer):
    person = CustodyEpisodeFactory(establishment=officer.organisation, received_on=datetime.date(2026, 1, 5)).person
    ProbationCaseFactory(person=person, started_on=datetime.date(2026, 1, 6))
    _plan(officer, person, 1)
    entries = timeline_for_person(person=person, viewer=officer)
    texts = [e.text for e in entries]
    assert texts[-1] == f"Received into {officer.organisation.name}"
    assert texts[-2].startswith("Probation supervision started in")
    assert "Need identified: Need 0" in texts and "Need in progress: Need 0" in texts
    assert any(t.startswith("Action added: Action 0 (Olu Officer") for t in texts)
    assert "Action done: Action 0 – Done" in texts
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    done = next(e for e in entries if e.text.startswith("Action done"))
    assert (done.who, done.organisation) == ("Olu Officer", officer.organisation.name)


def test_the_timeline_takes_a_fixed_number_of_queries(officer, django_assert_num_queries):
    small = CustodyEpisodeFactory(establishment=officer.organisation).person
    large = CustodyEpisodeFactory(establishment=officer.organisation).person
    _plan(officer, small, 1)
    _plan(officer, large, 8)
    # Custody, probation, risk assessments, concerns, screenings, need events, reasons, actions.
    with django_assert_num_queries(8):
        resettlement_entries(small, officer)
    with django_assert_num_queries(8):
        assert len(resettlement_entries(large, officer)) > 30


def test_reading_the_timeline_is_audited_and_scoped(client, officer):
    person = CustodyEpisodeFactory(establishment=officer.organisation).person
    client.force_login(officer)
    assert client.get(reverse("resettlement:timeline", args=[person.pk])).status_code == 200
    assert Event.objects.filter(action=Action.VIEW, person_id=person.pk).count() == 1
    client.force_login(UserFactory(role=Role.PRISON_STAFF))
    assert client.get(reverse("resettlement:timeline", args=[person.pk])).status_code == 404


def test_risk_entries_appear_only_for_those_who_may_see_risk(officer):
    from resettlement.plan_services import risk_assess

    person = CustodyEpisodeFactory(establishment=officer.organisation).person
    risk_assess(acting_user=officer, person_id=person.pk, expected_revision=None, rosh_level="high")
    assert "Risk of serious harm assessed: high" in [e.text for e in timeline_for_person(person=person, viewer=officer)]
    partner = UserFactory(role=Role.PARTNER_CASEWORKER)
    assert not [e for e in timeline_for_person(person=person, viewer=partner) if e.kind == "risk"]


def test_a_partner_sees_where_the_person_is_and_their_own_actions_only(officer):
    person = CustodyEpisodeFactory(establishment=officer.organisation).person
    _plan(officer, person, 1)
    partner = UserFactory(role=Role.PARTNER_CASEWORKER)
    plan_action_add(
        acting_user=officer,
        person_id=person.pk,
        expected_revision=None,
        description="Housing advice appointment",
        owner_id=partner.organisation_id,
        assignee_id=partner.pk,
        due_on=timezone.localdate() + datetime.timedelta(days=3),
        pathway="accommodation",
    )
    texts = [e.text for e in timeline_for_person(person=person, viewer=partner)]
    assert f"Received into {officer.organisation.name}" in texts
    assert any(t.startswith("Action added: Housing advice appointment") for t in texts)
    assert not [t for t in texts if "Action 0" in t or "Need" in t or "screening" in t.lower()]
