"""An outsider guessing PINs at the own-view sign-in (issue 15, break 8; THREAT-MODEL.md: "a
locked-out ... a slowed service"). These tests post to the sign-in page as the guesser does, with
no session and no staff account:

- the PIN is hashed outside any transaction: on SQLite a transaction holds the database's one
  write lock, and six clients guessing slowed every kiosk's answers from 9 ms to over a second;
- the lockout counts a person's wrong PINs whichever of their numbers is typed: with a prison
  number and a case reference number a person got ten guesses in fifteen minutes, not five.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import hashers
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from myplan import services
from myplan.models import SignInAttempt
from myplan.services import pin_set
from myplan.tests.records import make_story

PIN = "2580"
WRONG = "9999"
SIGN_IN = reverse("myplan:sign-in")
HOME = reverse("myplan:home")


def guess(identifier: str, pin: str):
    """One try from a kiosk, as anyone at it can make: a fresh client each time (no cookie)."""
    return Client().post(SIGN_IN + "?kiosk=1", {"identifier": identifier, "pin": pin, "kiosk": "1"})


def signed_in(response) -> bool:
    return response.status_code == 303 and response["Location"] == HOME


def locked(response) -> bool:
    return response.status_code == 200 and "You have tried too many times" in response.content.decode()


@pytest.fixture
def released():
    """A person out of custody, who may sign in with either number, with a PIN."""
    story = make_story()
    pin_set(acting_user=story.officer, person_id=story.person.pk, pin=PIN)
    story.person.custody_episodes.update(released_on=timezone.localdate())
    assert story.person.prison_number and story.person.crn
    return story


@pytest.mark.django_db
def test_a_persons_two_numbers_share_one_budget_of_five_wrong_pins(released):
    person = released.person
    for identifier in (person.prison_number, person.crn, person.prison_number, person.crn, person.crn):
        assert not signed_in(guess(identifier, WRONG))
    # Five wrong in all: the right PIN is now refused by either number, for 15 minutes.
    assert locked(guess(person.prison_number, PIN))
    assert locked(guess(person.crn, PIN))
    assert SignInAttempt.objects.count() == 5


@pytest.mark.django_db
def test_a_number_typed_in_another_case_or_with_spaces_is_the_same_number(released):
    person = released.person
    for identifier in (person.prison_number.lower(), " ".join(person.crn), person.crn.lower()):
        guess(identifier, WRONG)
    guess(person.prison_number, WRONG)
    guess(person.crn, WRONG)
    assert locked(guess(person.prison_number, PIN))


@pytest.mark.django_db
def test_guesses_at_a_case_reference_number_while_in_custody_count_against_the_person(released):
    """While in custody the case reference number does not sign in (it answers as an unknown
    number does), but guesses at it spend the person's budget all the same."""
    person = released.person
    person.custody_episodes.update(released_on=None)
    for _ in range(3):
        guess(person.crn, WRONG)
    for _ in range(2):
        guess(person.prison_number, WRONG)
    assert locked(guess(person.prison_number, PIN))


@pytest.mark.django_db
def test_an_unknown_number_still_locks_after_five_exactly_as_a_known_one(released):
    for _ in range(5):
        assert not locked(guess("Z9999ZZ", WRONG))
    assert locked(guess("Z9999ZZ", WRONG))
    # Another person's numbers are untouched.
    assert signed_in(guess(released.person.prison_number, PIN))


@pytest.fixture
def hashing_watched(monkeypatch):
    """Every PIN hashed or checked during the test, and whether a transaction was open then."""
    seen: list[tuple[str, bool]] = []

    def watch(name, real):
        def watched(*args, **kwargs):
            seen.append((name, connection.in_atomic_block))
            return real(*args, **kwargs)

        return watched

    monkeypatch.setattr(services, "check_password", watch("check_password", hashers.check_password))
    monkeypatch.setattr(services, "make_password", watch("make_password", hashers.make_password))
    return seen


# transaction=True: no test transaction around the request, so `in_atomic_block` is the view's own.
@pytest.mark.django_db(transaction=True)
def test_a_pin_is_hashed_outside_any_transaction(released, hashing_watched):
    person = released.person
    assert not signed_in(guess(person.prison_number, WRONG))  # a wrong PIN
    assert not signed_in(guess("Z9999ZZ", WRONG))  # an unknown number: the same work, as cover
    assert signed_in(guess(person.prison_number, PIN))  # the right PIN
    assert [name for name, _ in hashing_watched] == ["check_password", "make_password", "check_password"]
    assert not any(in_transaction for _, in_transaction in hashing_watched), hashing_watched


@pytest.mark.django_db
def test_guesses_that_finish_while_a_pin_is_hashed_still_count(released, monkeypatch):
    """The lock is checked again, with the write, after hashing: five wrong guesses recorded by
    other clients while this right one was hashed leave it refused, so racing guesses in parallel
    gets no more than five answers."""
    person = released.person
    real = hashers.check_password

    def slow_hash(password, encoded, *args, **kwargs):
        for _ in range(5):
            SignInAttempt.objects.create(identifier=person.crn, succeeded=False)
        return real(password, encoded, *args, **kwargs)

    monkeypatch.setattr(services, "check_password", slow_hash)
    assert locked(guess(person.prison_number, PIN))


@pytest.mark.django_db
def test_a_pin_switched_off_while_it_was_hashed_does_not_sign_in(released, monkeypatch):
    person = released.person
    real = hashers.check_password

    def switched_off_meanwhile(password, encoded, *args, **kwargs):
        services.pin_switch_off(acting_user=released.officer, person_id=person.pk)
        return real(password, encoded, *args, **kwargs)

    monkeypatch.setattr(services, "check_password", switched_off_meanwhile)
    assert not signed_in(guess(person.prison_number, PIN))
