import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.constants import Role
from audit.constants import Action
from audit.models import Event
from common.once import AlreadySubmitted
from mentoring.constants import ContactMethod, ContactOutcome, ContactSetting, EndReason, MentorKind
from mentoring.models import Allocation, Contact, Mentor
from mentoring.services import allocation_add, allocation_end, contact_record, mentor_add, mentor_mark_unavailable
from mentoring.tests.conftest import GOALS, TODAY, ago
from people.models import ServiceUser
from tests.factories import CustodyEpisodeFactory, ProviderFactory, UserFactory

pytestmark = pytest.mark.django_db


def contact(user, allocation, **overrides):
    arguments = {
        "acting_user": user,
        "person_id": allocation.person_id,
        "allocation_id": allocation.pk,
        "contact_on": ago(1),
        "method": ContactMethod.IN_PERSON,
        "setting": ContactSetting.IN_PRISON,
        "outcome": ContactOutcome.HAPPENED,
        "note": "Talked about work",
        "rating": "good",
        **overrides,
    }
    return contact_record(**arguments)


def counts():
    return (Mentor.objects.count(), Allocation.objects.count(), Contact.objects.count(), Event.objects.count())


# Mentors ---------------------------------------------------------------------------------------------


def test_a_partner_adds_a_mentor_to_their_own_organisation_and_it_is_audited(caseworker):
    mentor = mentor_add(acting_user=caseworker, name=" Rhys ", kind=MentorKind.COACH, lived_experience=False)
    assert (mentor.organisation, mentor.name, mentor.kind, mentor.is_available) == (
        caseworker.organisation,
        "Rhys",
        "coach",
        True,
    )
    assert Event.objects.get(record_type="mentor").action == Action.CREATE


def test_a_mentor_who_signs_in_takes_their_name_and_must_work_for_the_organisation(caseworker):
    mentor = mentor_add(
        acting_user=caseworker, name="", kind=MentorKind.MENTOR, lived_experience=False, user_id=caseworker.pk
    )
    assert (mentor.user, mentor.name) == (caseworker, "Carys Case")
    outsider = UserFactory(role=Role.PARTNER_CASEWORKER)
    with pytest.raises(ValidationError) as e:
        mentor_add(
            acting_user=caseworker, name="X", kind=MentorKind.MENTOR, lived_experience=False, user_id=outsider.pk
        )
    assert e.value.message_dict["user"] == [f"Select someone who works for {caseworker.organisation.name}"]


def test_an_empty_mentor_is_refused_with_every_problem_and_nothing_changes(caseworker):
    before = counts()
    with pytest.raises(ValidationError) as e:
        mentor_add(acting_user=caseworker, name=" ", kind="", lived_experience=None)
    assert e.value.message_dict == {
        "name": ["Enter the mentor's name"],
        "kind": ["Select whether they are a mentor, a coach or a peer mentor"],
        "lived_experience": ["Select whether they have lived experience of the justice system"],
    }
    assert counts() == before


def test_roles_without_mentors_cannot_add_them():
    for role in (Role.INVOLVEMENT_LEAD, Role.COMMISSIONER, Role.ADMINISTRATOR):
        with pytest.raises(PermissionDenied):
            mentor_add(acting_user=UserFactory(role=role), name="X", kind=MentorKind.MENTOR, lived_experience=True)


def test_the_same_mentor_form_sent_twice_adds_one_mentor(caseworker):
    sid = uuid.uuid4()
    mentor_add(acting_user=caseworker, name="A", kind=MentorKind.MENTOR, lived_experience=True, submission_id=sid)
    with pytest.raises(AlreadySubmitted):
        mentor_add(acting_user=caseworker, name="A", kind=MentorKind.MENTOR, lived_experience=True, submission_id=sid)
    assert Mentor.objects.count() == 1


def test_a_mentor_marked_unavailable_is_not_offered_and_cannot_be_marked_twice(caseworker, officer, person, mentor):
    mentor_mark_unavailable(acting_user=caseworker, mentor_id=mentor.pk, reason="Moved away")
    mentor.refresh_from_db()
    assert (mentor.is_available, mentor.unavailable_by, mentor.unavailable_reason) == (False, caseworker, "Moved away")
    with pytest.raises(ValidationError, match="already marked as unavailable"):
        mentor_mark_unavailable(acting_user=caseworker, mentor_id=mentor.pk)
    with pytest.raises(ValidationError) as e:
        allocation_add(
            acting_user=officer, person_id=person.pk, mentor_id=mentor.pk, started_on=TODAY, goals="x", consent=True
        )
    assert e.value.message_dict["mentor"] == ["Select an available mentor or coach"]


def test_another_organisation_cannot_mark_a_mentor_unavailable(officer, mentor):
    with pytest.raises(Mentor.DoesNotExist):
        mentor_mark_unavailable(acting_user=officer, mentor_id=mentor.pk)


# Allocation --------------------------------------------------------------------------------------------


def test_prison_staff_allocate_a_mentor_with_the_persons_goals_and_consent(officer, person, mentor):
    allocation = allocation_add(
        acting_user=officer,
        person_id=person.pk,
        mentor_id=mentor.pk,
        started_on=ago(3),
        goals=f" {GOALS} ",
        consent=True,
    )
    assert (allocation.kind, allocation.organisation, allocation.goals, allocation.is_active) == (
        MentorKind.PEER_MENTOR,
        mentor.organisation,
        GOALS,
        True,
    )
    event = Event.objects.get(record_type="mentoring_allocation")
    assert (event.action, event.person_id) == (Action.CREATE, person.pk)


def test_an_empty_allocation_lists_every_problem_and_changes_nothing(officer, person):
    before = counts()
    with pytest.raises(ValidationError) as e:
        allocation_add(
            acting_user=officer, person_id=person.pk, mentor_id=None, started_on=None, goals=" ", consent=None
        )
    assert e.value.message_dict == {
        "mentor": ["Select an available mentor or coach"],
        "started_on": ["Enter the date the mentoring starts"],
        "goals": ["Enter what the person wants from mentoring, in their own words"],
        "consent": ["Select whether the person has agreed to be mentored"],
    }
    assert counts() == before


def test_no_mentor_without_consent_and_no_start_in_the_future(officer, person, mentor):
    with pytest.raises(ValidationError) as e:
        allocation_add(
            acting_user=officer,
            person_id=person.pk,
            mentor_id=mentor.pk,
            started_on=ago(-1),
            goals=GOALS,
            consent=False,
        )
    assert e.value.message_dict == {
        "started_on": ["The date cannot be in the future"],
        "consent": ["A mentor can only be allocated with the person's agreement"],
    }
    assert not Allocation.objects.exists()


def test_one_active_allocation_per_person_per_kind(officer, person, mentor, allocation, caseworker):
    second = mentor_add(acting_user=caseworker, name="Second", kind=MentorKind.PEER_MENTOR, lived_experience=True)
    with pytest.raises(ValidationError) as e:
        allocation_add(
            acting_user=officer, person_id=person.pk, mentor_id=second.pk, started_on=TODAY, goals="x", consent=True
        )
    assert e.value.message_dict["mentor"] == [
        f"{person.full_name} already has a peer mentor: end that mentoring before allocating another"
    ]
    coach = mentor_add(acting_user=caseworker, name="Coach", kind=MentorKind.COACH, lived_experience=False)
    allocation_add(
        acting_user=officer, person_id=person.pk, mentor_id=coach.pk, started_on=TODAY, goals="x", consent=True
    )
    assert Allocation.objects.filter(person=person, ended_on__isnull=True).count() == 2


def test_the_same_allocation_form_sent_twice_allocates_once(officer, person, mentor):
    sid = str(uuid.uuid4())
    arguments = {"acting_user": officer, "person_id": person.pk, "mentor_id": mentor.pk, "started_on": TODAY}
    allocation_add(**arguments, goals=GOALS, consent=True, submission_id=sid)
    with pytest.raises(AlreadySubmitted):
        allocation_add(**arguments, goals=GOALS, consent=True, submission_id=sid)
    assert Allocation.objects.count() == 1


def test_only_prison_and_probation_allocate_and_only_people_they_can_see(caseworker, officer, mentor):
    stranger = CustodyEpisodeFactory().person  # in another prison
    with pytest.raises(ServiceUser.DoesNotExist):
        allocation_add(
            acting_user=officer, person_id=stranger.pk, mentor_id=mentor.pk, started_on=TODAY, goals="x", consent=True
        )
    with pytest.raises(PermissionDenied):
        allocation_add(
            acting_user=caseworker,
            person_id=stranger.pk,
            mentor_id=mentor.pk,
            started_on=TODAY,
            goals="x",
            consent=True,
        )


# Contacts ----------------------------------------------------------------------------------------------


def test_the_mentors_organisation_records_a_contact_and_it_is_audited(caseworker, allocation):
    recorded = contact(caseworker, allocation)
    assert (recorded.contact_on, recorded.outcome, recorded.rating, recorded.recorded_by) == (
        ago(1),
        "happened",
        "good",
        caseworker,
    )
    assert Event.objects.get(record_type="mentoring_contact").person_id == allocation.person_id


def test_a_contact_cannot_be_in_the_future_before_the_start_or_after_the_end(officer, allocation):
    before = counts()
    with pytest.raises(ValidationError) as e:
        contact(officer, allocation, contact_on=ago(-1))
    assert e.value.message_dict == {"contact_on": ["The date cannot be in the future"]}
    with pytest.raises(ValidationError) as e:
        contact(officer, allocation, contact_on=ago(61))
    assert e.value.message_dict["contact_on"][0].startswith("The contact cannot be before the mentoring began on")
    allocation_end(
        acting_user=officer,
        person_id=allocation.person_id,
        allocation_id=allocation.pk,
        ended_on=ago(10),
        reason=EndReason.GOALS_MET,
    )
    with pytest.raises(ValidationError) as e:
        contact(officer, allocation, contact_on=ago(5))
    assert e.value.message_dict["contact_on"][0].startswith("The contact cannot be after the mentoring ended on")
    contact(officer, allocation, contact_on=ago(10))  # completed afterwards, dated within the mentoring
    assert Contact.objects.count() == before[2] + 1


def test_an_empty_contact_lists_every_problem_and_a_missed_one_is_not_rated(officer, allocation):
    with pytest.raises(ValidationError) as e:
        contact(officer, allocation, contact_on=None, method="", setting="", outcome="", rating="")
    assert e.value.message_dict == {
        "contact_on": ["Enter the date of the contact"],
        "method": ["Select how the contact was made"],
        "setting": ["Select where the contact was"],
        "outcome": ["Select whether the contact happened"],
    }
    with pytest.raises(ValidationError) as e:
        contact(officer, allocation, outcome=ContactOutcome.DID_NOT_ATTEND, rating="good")
    assert e.value.message_dict == {"rating": ["Leave the rating empty when the person did not attend"]}
    assert not Contact.objects.exists()


def test_the_same_contact_form_sent_twice_records_one_contact(caseworker, allocation):
    sid = uuid.uuid4()
    contact(caseworker, allocation, submission_id=sid)
    with pytest.raises(AlreadySubmitted):
        contact(caseworker, allocation, submission_id=sid)
    assert Contact.objects.count() == 1


def test_another_partner_cannot_record_contacts_on_an_allocation_not_theirs(allocation, officer):
    other = UserFactory(role=Role.PARTNER_CASEWORKER, organisation=ProviderFactory())
    with pytest.raises(ServiceUser.DoesNotExist):
        contact(other, allocation)
    for role in (Role.INVOLVEMENT_LEAD, Role.COMMISSIONER, Role.ADMINISTRATOR):
        with pytest.raises(PermissionDenied):
            contact(UserFactory(role=role), allocation)


# Ending ------------------------------------------------------------------------------------------------


def test_mentoring_ends_with_a_date_and_a_coded_reason_once(caseworker, allocation):
    ended = allocation_end(
        acting_user=caseworker,
        person_id=allocation.person_id,
        allocation_id=allocation.pk,
        ended_on=ago(2),
        reason=EndReason.MENTOR_LEFT,
    )
    assert (ended.ended_on, ended.end_reason, ended.ended_by, ended.is_active) == (
        ago(2),
        "mentor_left",
        caseworker,
        False,
    )
    with pytest.raises(ValidationError, match="already ended"):
        allocation_end(
            acting_user=caseworker,
            person_id=allocation.person_id,
            allocation_id=allocation.pk,
            ended_on=ago(1),
            reason="other",
            note="x",
        )


def test_ending_refuses_bad_input_and_changes_nothing(officer, caseworker, allocation):
    contact(caseworker, allocation, contact_on=ago(5))
    before = counts()
    arguments = {"acting_user": officer, "person_id": allocation.person_id, "allocation_id": allocation.pk}
    with pytest.raises(ValidationError) as e:
        allocation_end(**arguments, ended_on=None, reason="")
    assert e.value.message_dict == {
        "ended_on": ["Enter the date the mentoring ended"],
        "reason": ["Select why the mentoring ended"],
    }
    with pytest.raises(ValidationError) as e:
        allocation_end(**arguments, ended_on=ago(6), reason=EndReason.OTHER)
    assert e.value.message_dict["ended_on"][0].startswith("The end date cannot be before the last contact on")
    assert e.value.message_dict["note"] == ["Enter why the mentoring ended"]
    with pytest.raises(ValidationError) as e:
        allocation_end(**arguments, ended_on=ago(61), reason=EndReason.LOST_CONTACT)
    assert e.value.message_dict["ended_on"][0].startswith("The end date cannot be before the mentoring began")
    with pytest.raises(ValidationError) as e:
        allocation_end(**arguments, ended_on=ago(-1), reason=EndReason.LOST_CONTACT)
    assert e.value.message_dict["ended_on"] == ["The date cannot be in the future"]
    assert counts() == before
    allocation.refresh_from_db()
    assert allocation.is_active
