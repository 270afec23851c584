import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.constants import Role
from audit.constants import Action
from audit.models import Event
from common.once import AlreadySubmitted
from myplan import services
from myplan.constants import Answer, Channel
from myplan.models import ActionConfirmation, PersonPin, SignInAttempt
from myplan.tests.records import make_story
from people.models import ServiceUser
from resettlement.models import PlanAction
from tests.factories import DeliveryUnitFactory, UserFactory

pytestmark = pytest.mark.django_db
PIN = "2580"


@pytest.fixture
def story():
    return make_story()


def set_pin(story, pin=PIN, user=None):
    return services.pin_set(acting_user=user or story.officer, person_id=story.person.pk, pin=pin)


def sign_in(story, identifier=None, pin=PIN, channel=Channel.KIOSK):
    return services.person_sign_in(identifier=identifier or story.person.prison_number, pin=pin, channel=channel)


# Setting a PIN


def test_prison_staff_set_a_pin_stored_only_as_a_hash_and_audited_without_it(story):
    credential = set_pin(story)
    assert credential.pin_hash != PIN and PIN not in credential.pin_hash
    event = Event.objects.get(record_type="own_view_pin")
    assert event.action == Action.CREATE and event.person_id == story.person.pk
    assert PIN not in event.summary and PIN not in str(event.changes)


def test_probation_who_hold_the_case_reset_the_pin_and_it_switches_back_on(story):
    set_pin(story)
    services.pin_switch_off(acting_user=story.officer, person_id=story.person.pk)
    credential = set_pin(story, pin="7391", user=story.probation)
    assert credential.is_active and credential.set_by == story.probation
    assert PersonPin.objects.count() == 1  # at most one sign-in per person
    assert Event.objects.filter(record_type="own_view_pin", action=Action.UPDATE).count() == 2


def test_only_prison_and_probation_staff_set_pins(story):
    for role in (Role.PARTNER_CASEWORKER, Role.ADMINISTRATOR, Role.COMMISSIONER, Role.INVOLVEMENT_LEAD):
        with pytest.raises(PermissionDenied):
            set_pin(story, user=UserFactory(role=role))
    assert not PersonPin.objects.exists()


def test_staff_who_cannot_see_the_person_are_told_they_do_not_exist(story):
    stranger = UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=DeliveryUnitFactory())
    with pytest.raises(ServiceUser.DoesNotExist):
        set_pin(story, user=stranger)
    assert not PersonPin.objects.exists()


@pytest.mark.parametrize(
    ("pin", "message"),
    [
        ("", "Enter a PIN"),
        ("123", "The PIN must be 4, 5 or 6 numbers"),
        ("1234567", "The PIN must be 4, 5 or 6 numbers"),
        ("12a4", "The PIN must be 4, 5 or 6 numbers"),
        ("1111", "Choose a PIN that is harder to guess"),
        ("3456", "Choose a PIN that is harder to guess"),
        ("98765", "Choose a PIN that is harder to guess"),
        ("1990", "Choose a PIN that is not their date of birth"),  # ServiceUserFactory: 27 March 1990
        ("2703", "Choose a PIN that is not their date of birth"),
    ],
)
def test_a_bad_pin_is_refused_and_changes_nothing(story, pin, message):
    with pytest.raises(ValidationError) as e:
        set_pin(story, pin=pin)
    assert e.value.message_dict["pin"][0].startswith(message)
    assert not PersonPin.objects.exists()
    assert not Event.objects.filter(record_type="own_view_pin").exists()


def test_the_same_pin_form_sent_twice_changes_it_once(story):
    submission = uuid.uuid4()
    services.pin_set(acting_user=story.officer, person_id=story.person.pk, pin=PIN, submission_id=submission)
    with pytest.raises(AlreadySubmitted):
        services.pin_set(acting_user=story.officer, person_id=story.person.pk, pin="7391", submission_id=submission)
    sign_in(story)  # still the first PIN


def test_switching_off_twice_is_refused(story):
    set_pin(story)
    services.pin_switch_off(acting_user=story.officer, person_id=story.person.pk)
    with pytest.raises(ValidationError):
        services.pin_switch_off(acting_user=story.officer, person_id=story.person.pk)


# Signing in


def test_the_person_signs_in_with_prison_number_and_pin_and_it_is_audited(story):
    set_pin(story)
    assert sign_in(story, identifier=" " + story.person.prison_number.lower()) == story.person
    event = Event.objects.get(action=Action.SIGN_IN)
    assert event.actor is None and event.person_id == story.person.pk and PIN not in event.summary


def test_a_switched_off_sign_in_refuses_the_right_pin(story):
    set_pin(story)
    services.pin_switch_off(acting_user=story.officer, person_id=story.person.pk)
    with pytest.raises(services.SignInRefused):
        sign_in(story)


def test_the_case_reference_number_works_only_after_release(story):
    set_pin(story)
    with pytest.raises(services.SignInRefused):
        sign_in(story, identifier=story.person.crn)
    story.person.custody_episodes.update(released_on=timezone.localdate())
    assert sign_in(story, identifier=story.person.crn) == story.person
    assert sign_in(story) == story.person  # the prison number still works


def test_a_wrong_pin_and_an_unknown_number_get_the_same_answer_and_the_same_counting(story):
    set_pin(story)
    with pytest.raises(services.SignInRefused) as wrong:
        sign_in(story, pin="8642")
    with pytest.raises(services.SignInRefused) as unknown:
        sign_in(story, identifier="Z9999ZZ", pin="8642")
    assert wrong.value.messages == unknown.value.messages and wrong.value.code == unknown.value.code == "invalid"
    assert SignInAttempt.objects.filter(succeeded=False).count() == 2
    failed = Event.objects.filter(action=Action.SIGN_IN_FAILED).order_by("id")
    assert [e.person_id for e in failed] == [story.person.pk, None]
    assert all("8642" not in e.summary for e in failed)


def test_five_wrong_pins_lock_the_number_even_for_the_right_pin_then_it_unlocks_after_15_minutes(story):
    set_pin(story)
    for _ in range(5):
        with pytest.raises(services.SignInRefused) as e:
            sign_in(story, pin="9999")
        assert e.value.code == "invalid"
    with pytest.raises(services.SignInRefused) as e:
        sign_in(story)
    assert e.value.code == "locked" and "15 minutes" in e.value.messages[0]
    assert SignInAttempt.objects.count() == 5  # tries while locked are not counted
    SignInAttempt.objects.update(attempted_at=timezone.now() - datetime.timedelta(minutes=15, seconds=1))
    assert sign_in(story) == story.person


def test_an_unknown_number_locks_exactly_like_a_known_one(story):
    for _ in range(5):
        with pytest.raises(services.SignInRefused):
            sign_in(story, identifier="Z9999ZZ", pin="9999")
    with pytest.raises(services.SignInRefused) as e:
        sign_in(story, identifier="Z9999ZZ", pin="9999")
    assert e.value.code == "locked"


def test_a_successful_sign_in_starts_the_count_again(story):
    set_pin(story)
    for _ in range(4):
        with pytest.raises(services.SignInRefused):
            sign_in(story, pin="9999")
    sign_in(story)
    for _ in range(4):
        with pytest.raises(services.SignInRefused):
            sign_in(story, pin="9999")
    assert sign_in(story) == story.person


def test_one_number_locked_leaves_another_persons_number_alone(story):
    set_pin(story)
    services.pin_set(acting_user=story.officer, person_id=story.other_person.pk, pin="7391")
    for _ in range(5):
        with pytest.raises(services.SignInRefused):
            sign_in(story, pin="9999")
    assert sign_in(story, identifier=story.other_person.prison_number, pin="7391") == story.other_person


# Did this really happen?


def answer(story, action=None, value=Answer.DID_NOT_HAPPEN, **kwargs):
    return services.action_confirmation_record(
        person_id=story.person.pk,
        action_id=(action or story.done_action).pk,
        answer=value,
        comment=kwargs.pop("comment", "Nobody came to see me"),
        channel=kwargs.pop("channel", Channel.KIOSK),
        **kwargs,
    )


def test_the_person_says_an_action_did_not_happen_and_it_is_audited(story):
    confirmation = answer(story)
    assert confirmation.answer == Answer.DID_NOT_HAPPEN and confirmation.channel == Channel.KIOSK
    event = Event.objects.get(record_type="action_confirmation")
    assert event.actor is None and event.person_id == story.person.pk and "did not happen" in event.summary


def test_the_person_may_change_their_answer_and_every_answer_is_kept(story):
    answer(story)
    answer(story, value=Answer.HAPPENED, comment="It did in the end", channel=Channel.PHONE)
    assert ActionConfirmation.objects.count() == 2
    from myplan.selectors import latest_answers

    assert latest_answers(person=story.person)[story.done_action.pk].answer == Answer.HAPPENED


def test_the_same_answer_form_sent_twice_is_saved_once(story):
    submission = uuid.uuid4()
    answer(story, submission_id=submission)
    with pytest.raises(AlreadySubmitted):
        answer(story, submission_id=submission)
    assert ActionConfirmation.objects.count() == 1


@pytest.mark.parametrize("which", ["other_action", "mitigation", "partner_action"])
def test_another_persons_action_a_mitigation_or_one_not_done_is_not_found_and_nothing_changes(story, which):
    events = Event.objects.count()
    with pytest.raises(PlanAction.DoesNotExist):
        answer(story, action=getattr(story, which))
    assert not ActionConfirmation.objects.exists() and Event.objects.count() == events


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"value": "maybe"}, "answer"), ({"comment": "x" * 1001}, "comment"), ({"channel": "tablet"}, "answer")],
)
def test_a_bad_answer_is_refused_and_changes_nothing(story, kwargs, field):
    with pytest.raises(ValidationError) as e:
        answer(story, **kwargs)
    assert field in e.value.message_dict
    assert not ActionConfirmation.objects.exists()
