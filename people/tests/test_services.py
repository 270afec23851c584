import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.constants import Role
from audit.constants import Action
from audit.models import Event
from people.models import CustodyEpisode, ProbationCase, ServiceUser
from people.services import PersonDetails, person_open, person_record
from tests.factories import DeliveryUnitFactory, EstablishmentFactory, ServiceUserFactory, UserFactory

pytestmark = pytest.mark.django_db

DETAILS = PersonDetails(
    given_name="Rowan", family_name="Brackwood", date_of_birth=datetime.date(1995, 6, 1), prison_number="z 1111 aa"
)


def _nothing_written():
    return ServiceUser.objects.count() == 0 and CustodyEpisode.objects.count() == 0 and Event.objects.count() == 0


def test_prison_staff_record_a_reception_into_their_own_prison_with_an_audit_event():
    officer = UserFactory(role=Role.PRISON_STAFF)
    person = person_record(acting_user=officer, details=DETAILS, received_on=datetime.date(2026, 11, 2))
    assert person.prison_number == "Z1111AA"  # normalised as typed
    episode = person.custody_episodes.get()
    assert episode.establishment == officer.organisation and episode.released_on is None
    event = Event.objects.get()
    assert (event.action, event.person_id, event.actor, event.organisation_name) == (
        Action.CREATE,
        person.pk,
        officer,
        officer.organisation.name,
    )
    assert ServiceUser.objects.visible_to(officer).filter(pk=person.pk).exists()


def test_probation_practitioner_records_a_case_in_their_delivery_unit():
    practitioner = UserFactory(role=Role.PROBATION_PRACTITIONER)
    details = PersonDetails(
        given_name="Ari", family_name="Quillfen", date_of_birth=datetime.date(1988, 1, 1), crn="z123456"
    )
    person = person_record(acting_user=practitioner, details=details, probation_started_on=datetime.date(2026, 10, 1))
    case = ProbationCase.objects.get(person=person)
    assert (case.delivery_unit, case.practitioner) == (practitioner.organisation, practitioner)


def test_administrator_records_into_a_named_prison():
    prison = EstablishmentFactory(code="ZQX")
    admin = UserFactory(role=Role.ADMINISTRATOR)
    person = person_record(
        acting_user=admin, details=DETAILS, establishment_code="zqx", received_on=datetime.date(2026, 1, 1)
    )
    assert person.custody_episodes.get().establishment == prison


def test_unknown_prison_code_is_refused_and_nothing_is_written():
    admin = UserFactory(role=Role.ADMINISTRATOR)
    with pytest.raises(ValidationError) as error:
        person_record(
            acting_user=admin, details=DETAILS, establishment_code="QQQ", received_on=datetime.date(2026, 1, 1)
        )
    assert error.value.message_dict["establishment_code"] == ["There is no prison with code QQQ"]
    assert _nothing_written()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"prison_number": "12345"}, "prison_number", "Enter a prison number in the correct format, like A1234BC"),
        (
            {"prison_number": "", "crn": "X12"},
            "crn",
            "Enter a case reference number in the correct format, like X123456",
        ),
        (
            {"prison_number": "", "crn": ""},
            "prison_number",
            "Enter a prison number or a case reference number, or both",
        ),
        ({"given_name": "  "}, "given_name", "Enter their first name"),
        ({"date_of_birth": datetime.date(2100, 1, 1)}, "date_of_birth", "Date of birth must be in the past"),
        ({"pnc_number": "2002/0073319A"}, "pnc_number", "Check the PNC number: its check letter does not match"),
    ],
)
def test_bad_details_are_refused_with_a_clear_message_and_change_nothing(change, field, message):
    officer = UserFactory(role=Role.PRISON_STAFF)
    details = PersonDetails(**{**DETAILS.__dict__, **change})
    with pytest.raises(ValidationError) as error:
        person_record(acting_user=officer, details=details, received_on=datetime.date(2026, 1, 1))
    assert message in error.value.message_dict[field]
    assert _nothing_written()


def test_duplicate_people_are_refused_not_merged():
    existing = ServiceUserFactory(prison_number="Z1111AA", crn="Z999999")
    officer = UserFactory(role=Role.PRISON_STAFF)
    for details, field in (
        (DETAILS, "prison_number"),
        (PersonDetails(**{**DETAILS.__dict__, "prison_number": "", "crn": "z999999"}), "crn"),
    ):
        with pytest.raises(ValidationError) as error:
            person_record(acting_user=officer, details=details, received_on=datetime.date(2026, 1, 1))
        assert "already recorded" in error.value.message_dict[field][0]
    assert list(ServiceUser.objects.all()) == [existing]
    assert Event.objects.count() == 0


def test_reception_date_is_required_and_cannot_be_in_the_future_or_before_birth():
    officer = UserFactory(role=Role.PRISON_STAFF)
    for received_on, message in (
        (None, "Enter the date they were received into custody"),
        (datetime.date(2999, 1, 1), "The date cannot be in the future"),
        (datetime.date(1990, 1, 1), "The date cannot be before their date of birth"),
    ):
        with pytest.raises(ValidationError) as error:
            person_record(acting_user=officer, details=DETAILS, received_on=received_on)
        assert error.value.message_dict["received_on"] == [message]
    assert _nothing_written()


@pytest.mark.parametrize("role", [Role.PARTNER_CASEWORKER, Role.INVOLVEMENT_LEAD, Role.COMMISSIONER])
def test_roles_that_do_not_receive_people_cannot_record_them(role):
    with pytest.raises(PermissionDenied):
        person_record(acting_user=UserFactory(role=role), details=DETAILS, received_on=datetime.date(2026, 1, 1))
    assert _nothing_written()


def test_a_failure_after_the_first_write_leaves_no_half_written_rows(monkeypatch):
    """The person row is written before the custody episode; if the episode fails, neither stays."""
    officer = UserFactory(role=Role.PRISON_STAFF)

    def broken_create(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(CustodyEpisode.objects, "create", broken_create)
    with pytest.raises(RuntimeError):
        person_record(acting_user=officer, details=DETAILS, received_on=datetime.date(2026, 1, 1))
    assert _nothing_written()


def test_opening_a_record_is_audited_and_refused_outside_scope():
    officer = UserFactory(role=Role.PRISON_STAFF)
    person = person_record(acting_user=officer, details=DETAILS, received_on=datetime.date(2026, 11, 2))
    assert person_open(acting_user=officer, person_id=person.pk) == person
    view = Event.objects.filter(action=Action.VIEW).get()
    assert (view.person_id, view.actor_username, view.record_type) == (person.pk, officer.username, "person")

    stranger = UserFactory(role=Role.PRISON_STAFF)  # another prison
    with pytest.raises(ServiceUser.DoesNotExist):
        person_open(acting_user=stranger, person_id=person.pk)
    assert Event.objects.filter(action=Action.VIEW).count() == 1


def test_probation_record_needs_its_start_date():
    practitioner = UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=DeliveryUnitFactory())
    with pytest.raises(ValidationError) as error:
        person_record(acting_user=practitioner, details=DETAILS)
    assert "probation_started_on" in error.value.message_dict
    assert _nothing_written()
