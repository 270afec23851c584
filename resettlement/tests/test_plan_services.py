import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.constants import Role
from audit.models import Event
from people.models import ServiceUser
from resettlement.constants import ActionResult, ActionState, NeedStatus
from resettlement.models import Need, NeedEvent, Plan, PlanAction
from resettlement.plan_services import (
    PlanChanged,
    need_record_without_action,
    need_set_status,
    plan_action_add,
    plan_action_record_result,
)
from resettlement.selectors import need_status, overdue_actions_for_user, uncovered_needs
from tests.factories import CustodyEpisodeFactory, ProviderFactory, UserFactory

pytestmark = pytest.mark.django_db
SOON = timezone.localdate() + datetime.timedelta(days=14)


@pytest.fixture
def officer():
    return UserFactory(role=Role.PRISON_STAFF)


@pytest.fixture
def person(officer):
    return CustodyEpisodeFactory(establishment=officer.organisation).person


@pytest.fixture
def needs(officer, person):
    made = []
    for pathway, text in (("accommodation", "Needs somewhere to live"), ("finance_id", "Needs a bank account")):
        need = Need.objects.create(person=person, pathway=pathway, description=text, identified_by=officer)
        NeedEvent.objects.create(need=need, status=NeedStatus.NOT_STARTED, recorded_by=officer)
        made.append(need)
    return made


@pytest.fixture
def partner():
    return UserFactory(role=Role.PARTNER_CASEWORKER, organisation=ProviderFactory())


def add(officer, person, need=None, revision=None, **overrides):
    fields = {
        "description": "Refer to housing advice",
        "owner_id": officer.organisation_id,
        "assignee_id": officer.pk,
        "due_on": SOON,
        "need_id": need.pk if need else None,
    }
    fields.update(overrides)
    return plan_action_add(acting_user=officer, person_id=person.pk, expected_revision=revision, **fields)


def test_an_action_covers_its_need_and_starts_it(officer, person, needs):
    assert len(uncovered_needs(person=person)) == 2
    action = add(officer, person, needs[0])
    assert action.pathway == "accommodation" and action.state(today=timezone.localdate()) == ActionState.OPEN
    assert need_status(need=needs[0]) == NeedStatus.IN_PROGRESS
    assert uncovered_needs(person=person) == [needs[1]]
    need_record_without_action(
        acting_user=officer,
        person_id=person.pk,
        need_id=needs[1].pk,
        expected_revision=None,
        reason="Has an account abroad",
    )
    assert uncovered_needs(person=person) == []


def test_an_action_may_be_owned_by_a_partner_and_assigned_to_its_staff(officer, person, needs, partner):
    action = add(officer, person, needs[0], owner_id=partner.organisation_id, assignee_id=partner.pk)
    assert (action.owner, action.assignee) == (partner.organisation, partner)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"description": "  "}, "description", "Describe the action"),
        ({"owner_id": None}, "owner", "Select the organisation that owns this action"),
        ({"assignee_id": None}, "assignee", "Select who will do it"),
        ({"due_on": None}, "due_on", "Enter the date the action is due"),
        ({"due_on": datetime.date(2000, 1, 1)}, "due_on", "The due date must be today or in the future"),
    ],
)
def test_actions_without_owner_assignee_or_due_date_are_refused(officer, person, needs, overrides, field, message):
    with pytest.raises(ValidationError) as error:
        add(officer, person, needs[0], **overrides)
    assert error.value.message_dict[field] == [message]
    assert PlanAction.objects.count() == 0 and need_status(need=needs[0]) == NeedStatus.NOT_STARTED


def test_the_assignee_must_work_for_the_owning_organisation(officer, person, needs, partner):
    with pytest.raises(ValidationError, match="does not work for"):
        add(officer, person, needs[0], owner_id=partner.organisation_id, assignee_id=officer.pk)


def test_a_need_of_someone_else_is_refused(officer, person, needs):
    other = Need.objects.create(
        person=CustodyEpisodeFactory().person, pathway="health", description="x", identified_by=officer
    )
    with pytest.raises(ValidationError, match="Select one of this person's needs"):
        add(officer, person, other)


def test_every_action_ends_with_a_result_and_its_reason(officer, person, needs):
    action = add(officer, person, needs[0])
    with pytest.raises(ValidationError, match="Enter why it was not done"):
        plan_action_record_result(
            acting_user=officer,
            person_id=person.pk,
            action_id=action.pk,
            expected_revision=None,
            result=ActionResult.NOT_DONE,
            note="",
        )
    plan_action_record_result(
        acting_user=officer,
        person_id=person.pk,
        action_id=action.pk,
        expected_revision=None,
        result=ActionResult.DONE,
        note="Tenancy offered",
    )
    action.refresh_from_db()
    assert (action.result, action.result_note, action.result_by) == (ActionResult.DONE, "Tenancy offered", officer)
    with pytest.raises(ValidationError, match="already been recorded"):
        plan_action_record_result(
            acting_user=officer,
            person_id=person.pk,
            action_id=action.pk,
            expected_revision=None,
            result=ActionResult.DONE,
            note="again",
        )


def test_a_need_cannot_be_met_while_its_actions_are_open(officer, person, needs):
    action = add(officer, person, needs[0])
    with pytest.raises(ValidationError, match="open actions"):
        need_set_status(
            acting_user=officer, person_id=person.pk, need_id=needs[0].pk, expected_revision=None, status=NeedStatus.MET
        )
    assert need_status(need=needs[0]) == NeedStatus.IN_PROGRESS
    plan_action_record_result(
        acting_user=officer,
        person_id=person.pk,
        action_id=action.pk,
        expected_revision=None,
        result=ActionResult.DONE,
        note="Housed",
    )
    need_set_status(
        acting_user=officer, person_id=person.pk, need_id=needs[0].pk, expected_revision=None, status=NeedStatus.MET
    )
    assert need_status(need=needs[0]) == NeedStatus.MET
    with pytest.raises(ValidationError, match="closed"):
        add(officer, person, needs[0])


def test_declining_needs_the_persons_reason(officer, person, needs):
    with pytest.raises(ValidationError, match="Enter why they declined"):
        need_set_status(
            acting_user=officer,
            person_id=person.pk,
            need_id=needs[1].pk,
            expected_revision=None,
            status=NeedStatus.DECLINED,
        )
    need_set_status(
        acting_user=officer,
        person_id=person.pk,
        need_id=needs[1].pk,
        expected_revision=None,
        status=NeedStatus.DECLINED,
        note="Will sort it out with family",
    )
    assert needs[1] not in uncovered_needs(person=person)


def test_a_need_status_can_be_read_at_any_past_moment(officer, person, needs):
    before = timezone.now()
    add(officer, person, needs[0])
    assert need_status(need=needs[0], at=before) == NeedStatus.NOT_STARTED
    assert need_status(need=needs[0]) == NeedStatus.IN_PROGRESS


def test_a_second_save_from_an_out_of_date_page_is_refused_showing_what_changed(officer, person, needs):
    colleague = UserFactory(
        role=Role.PRISON_STAFF, organisation=officer.organisation, first_name="Cal", last_name="Colleague"
    )
    add(officer, person, needs[0])  # both now look at revision 1
    opened_at = Plan.objects.get().revision
    add(colleague, person, needs[1], revision=opened_at, description="Open a bank account")
    with pytest.raises(PlanChanged) as error:
        add(officer, person, needs[1], revision=opened_at, description="Apply for a basic bank account")
    text = " ".join(error.value.messages)
    assert "changed after you opened it" in text and "Cal Colleague: Added action: Open a bank account" in text
    assert list(PlanAction.objects.values_list("description", flat=True)) == [
        "Refer to housing advice",
        "Open a bank account",
    ]
    assert Plan.objects.get().revision == opened_at + 1


def test_overdue_actions_are_flagged_to_their_assignee(officer, person, needs):
    action = add(officer, person, needs[0])
    assert list(overdue_actions_for_user(user=officer)) == []
    PlanAction.objects.filter(pk=action.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    action.refresh_from_db()
    assert list(overdue_actions_for_user(user=officer)) == [action]
    assert action.state(today=timezone.localdate()) == ActionState.OVERDUE


def test_only_staff_who_work_with_the_person_write_the_plan(person, needs, partner):
    with pytest.raises(ServiceUser.DoesNotExist):
        add(UserFactory(role=Role.PRISON_STAFF), person, needs[0])
    for user in (partner, UserFactory(role=Role.COMMISSIONER), UserFactory(role=Role.ADMINISTRATOR)):
        with pytest.raises(PermissionDenied):
            add(user, person, needs[0])
    assert not Plan.objects.exists()


def test_plan_changes_are_audited_with_their_revision(officer, person, needs):
    add(officer, person, needs[0])
    event = Event.objects.get(record_type="plan")
    assert event.changes["revision"] == ["0", "1"] and event.person_id == person.pk
