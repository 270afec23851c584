"""Writes for involvement activities: each rule, and each refusal leaves everything as it was."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.constants import Role
from audit.models import Event
from councils import services as council_services
from involvement import activity_services as services
from involvement.constants import ActivityKind, RatingChannel
from involvement.models import Activity, Participant, ParticipantRating, PeerResearchProject
from involvement.tests import helpers_activities as helpers
from involvement.tests.helpers_activities import add_person, days, log_activity, rate, snapshot
from tests.factories import ContractFactory, EstablishmentFactory, ProviderFactory, UserFactory

prison, lead, other_lead, admin, person = (
    helpers.prison,
    helpers.lead,
    helpers.other_lead,
    helpers.admin,
    helpers.person,
)


def refused(call, *args, **kwargs) -> ValidationError:
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    assert snapshot() == before
    return caught.value


def test_log_an_activity_for_the_leads_own_organisation(lead, prison):
    other = EstablishmentFactory()
    activity = log_activity(lead, organisation_id=other.pk)
    assert activity.organisation == prison  # a lead's choice of organisation is ignored
    assert activity.staff_rung == 4 and activity.version == 1
    event = Event.objects.get(record_type="involvement_activity")
    assert event.actor == lead and "staff rung 4" in event.summary


def test_an_administrator_chooses_the_organisation(admin, prison):
    assert log_activity(admin, organisation_id=prison.pk).organisation == prison
    error = refused(log_activity, admin, organisation_id=None)
    assert error.message_dict["organisation"] == ["Select the organisation"]


@pytest.mark.parametrize("rung", [0, 9, -1, "4.5", "four", "", None, "08"])
def test_a_rung_outside_the_ladder_is_refused_and_nothing_changes(lead, rung):
    error = refused(log_activity, lead, staff_rung=rung)
    assert error.message_dict["staff_rung"] == ["Choose a rung on the ladder"]


def test_every_rung_on_the_ladder_is_accepted(lead):
    for rung in range(1, 9):
        assert log_activity(lead, staff_rung=str(rung)).staff_rung == rung


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", " ", "Enter a title"),
        ("purpose", "", "Enter what the activity was for"),
        ("staff_rung_reason", "", "Enter why you chose this rung"),
        ("held_on", None, "Enter the date of the activity"),
        ("held_on", days(1), "The date of the activity must be today or in the past"),
        ("kind", "picnic", "Select the type of activity"),
        ("other_participants", -1, "Enter a number of people from 0 upwards"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(lead, field, value, message):
    error = refused(log_activity, lead, **{field: value})
    assert error.message_dict[field] == [message]


def test_others_cannot_log_activities(prison):
    staff = UserFactory(role=Role.PRISON_STAFF, organisation=prison)
    with pytest.raises(PermissionDenied):
        log_activity(staff)


def test_links_must_belong_to_the_organisation(lead, prison, other_lead):
    provider = ProviderFactory()
    mine = ContractFactory(provider=provider, region=prison.region)
    theirs = ContractFactory(provider=provider, region=EstablishmentFactory().region)
    assert log_activity(lead, contract_id=mine.pk).contract == mine
    assert "contract" in refused(log_activity, lead, contract_id=theirs.pk).message_dict
    council = council_services.council_create(acting_user=lead, organisation_id=prison.pk, name="Prisoner council")
    meeting = council_services.meeting_record(acting_user=lead, council_id=council.pk, held_on=days(-3), agenda="Food")
    activity = log_activity(lead, kind=ActivityKind.COUNCIL_MEETING, council_meeting_id=meeting.pk)
    assert activity.council_meeting == meeting
    assert "council_meeting" in refused(log_activity, lead, council_meeting_id=meeting.pk).message_dict
    project = PeerResearchProject.objects.create(organisation=prison, title="Leaving", question="Why?", created_by=lead)
    elsewhere = PeerResearchProject.objects.create(
        organisation=other_lead.organisation, title="Theirs", question="?", created_by=other_lead
    )
    assert log_activity(lead, kind=ActivityKind.PEER_RESEARCH, project_id=project.pk).project == project
    assert (
        "project" in refused(log_activity, lead, kind=ActivityKind.PEER_RESEARCH, project_id=elsewhere.pk).message_dict
    )
    assert "project" in refused(log_activity, lead, project_id=project.pk).message_dict


def test_a_double_submitted_form_logs_once(lead):
    sid = uuid.uuid4()
    log_activity(lead, submission_id=sid)
    refused(log_activity, lead, submission_id=sid)
    assert Activity.objects.count() == 1


def test_participants_by_prison_number_or_crn_with_recognition(lead, person):
    activity = log_activity(lead)
    services.activity_participant_add(
        acting_user=lead, activity_id=activity.pk, identifier="z 1234 ab", recognition="paid", amount_pounds="£12.50"
    )
    participant = Participant.objects.get()
    assert participant.person == person and participant.amount_pence == 1250
    error = refused(
        services.activity_participant_add,
        acting_user=lead,
        activity_id=activity.pk,
        identifier=person.crn,
        recognition="thanks",
    )
    assert error.message_dict["identifier"] == ["This person is already a participant"]
    assert Event.objects.filter(record_type="involvement_participant", person_id=person.pk).exists()


@pytest.mark.parametrize(
    ("identifier", "recognition", "amount", "field"),
    [
        ("", "thanks", None, "identifier"),
        ("Z9999ZZ", "thanks", None, "identifier"),
        ("Z1234AB", "paid", "", "amount"),
        ("Z1234AB", "voucher", "0", "amount"),
        ("Z1234AB", "voucher", "12.345", "amount"),
        ("Z1234AB", "voucher", "ten", "amount"),
        ("Z1234AB", "gold", None, "recognition"),
    ],
)
def test_bad_participants_are_refused(lead, person, identifier, recognition, amount, field):
    activity = log_activity(lead)
    error = refused(
        services.activity_participant_add,
        acting_user=lead,
        activity_id=activity.pk,
        identifier=identifier,
        recognition=recognition,
        amount_pounds=amount,
    )
    assert field in error.message_dict


def test_another_organisations_activity_does_not_exist_for_a_lead(lead, other_lead, person):
    activity = log_activity(lead)
    with pytest.raises(Activity.DoesNotExist):
        add_person(other_lead, activity, person)
    with pytest.raises(Activity.DoesNotExist):
        services.activity_slips_enter(acting_user=other_lead, activity_id=activity.pk, counts={3: 1})


def test_a_participant_is_removed_only_before_any_rating(lead):
    activity = log_activity(lead)
    add_person(lead, activity)
    participant = Participant.objects.get()
    rate(activity, 3)
    error = refused(
        services.activity_participant_remove, acting_user=lead, activity_id=activity.pk, participant_id=participant.pk
    )
    assert "cannot be removed" in error.messages[0]
    ParticipantRating.objects.all().delete()
    services.activity_participant_remove(acting_user=lead, activity_id=activity.pk, participant_id=participant.pk)
    assert not Participant.objects.exists()


def test_what_was_fed_back_is_recorded_and_audited(lead):
    activity = log_activity(lead, held_on=days(-5))
    services.activity_feedback_record(
        acting_user=lead, activity_id=activity.pk, fed_back="Visits start earlier from May", fed_back_on=days(-1)
    )
    activity.refresh_from_db()
    assert activity.fed_back_on == days(-1)
    assert Event.objects.filter(summary__startswith="Recorded what was fed back").exists()


@pytest.mark.parametrize(
    ("words", "on", "field", "message"),
    [
        ("", -1, "fed_back", "Enter what was fed back"),
        ("Told them", None, "fed_back_on", "Enter the date it was fed back"),
        ("Told them", -6, "fed_back_on", None),
        ("Told them", 1, "fed_back_on", "The date it was fed back must be today or in the past"),
    ],
)
def test_bad_feedback_is_refused(lead, words, on, field, message):
    activity = log_activity(lead, held_on=days(-5))
    error = refused(
        services.activity_feedback_record,
        acting_user=lead,
        activity_id=activity.pk,
        fed_back=words,
        fed_back_on=None if on is None else days(on),
    )
    assert field in error.message_dict
    if message:
        assert error.message_dict[field] == [message]
    else:
        assert "on or after the activity" in error.message_dict[field][0]


def test_staff_rating_edit_and_a_stale_edit_is_refused(lead):
    activity = log_activity(lead)
    services.activity_staff_rating_edit(
        acting_user=lead, activity_id=activity.pk, expected_version=1, staff_rung=6, staff_rung_reason="Shared"
    )
    activity.refresh_from_db()
    assert (activity.staff_rung, activity.version) == (6, 2)
    error = refused(
        services.activity_staff_rating_edit,
        acting_user=lead,
        activity_id=activity.pk,
        expected_version=1,
        staff_rung=2,
        staff_rung_reason="Stale",
    )
    assert "changed this rating since you opened the page" in error.messages[0]
    assert "6, Partnership" in error.messages[0]
    error = refused(
        services.activity_staff_rating_edit,
        acting_user=lead,
        activity_id=activity.pk,
        expected_version=2,
        staff_rung=9,
        staff_rung_reason="x",
    )
    assert error.message_dict["staff_rung"] == ["Choose a rung on the ladder"]


def test_rating_slips_are_entered_in_one_go_without_anyone_named(lead):
    activity = log_activity(lead)
    stored = services.activity_slips_enter(acting_user=lead, activity_id=activity.pk, counts={2: 3, 4: 1, 8: 0})
    assert stored == 4
    assert sorted(ParticipantRating.objects.values_list("rung", flat=True)) == [2, 2, 2, 4]
    assert set(ParticipantRating.objects.values_list("channel", flat=True)) == {RatingChannel.SLIP}


@pytest.mark.parametrize("counts", [{}, {3: 0}, {9: 1}, {0: 2}, {3: -1}, {3: 501}, {3: "x"}])
def test_bad_slips_are_refused(lead, counts):
    activity = log_activity(lead)
    refused(services.activity_slips_enter, acting_user=lead, activity_id=activity.pk, counts=counts)


def test_slips_sent_twice_are_stored_once(lead):
    activity = log_activity(lead)
    sid = uuid.uuid4()
    services.activity_slips_enter(acting_user=lead, activity_id=activity.pk, counts={3: 2}, submission_id=sid)
    refused(services.activity_slips_enter, acting_user=lead, activity_id=activity.pk, counts={3: 2}, submission_id=sid)
    assert ParticipantRating.objects.count() == 2
