"""Sex, ethnic group and disability: recorded with "not recorded/not stated" by default, shown on
the person page only to prison staff and probation practitioners (issue 16 §2)."""

import datetime

import pytest
from django.db.models import Q
from django.urls import reverse

from accounts.constants import Role
from people import access
from people.constants import Disability, EthnicGroup, Sex
from people.rules import can_see_protected_characteristics
from tests.factories import (
    CustodyEpisodeFactory,
    DeliveryUnitFactory,
    ProbationCaseFactory,
    ServiceUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HEADING = "Protected characteristics"


def test_a_new_person_has_nothing_recorded_until_the_case_system_says():
    person = ServiceUserFactory()
    assert (person.sex, person.ethnic_group, person.disability) == (
        Sex.NOT_RECORDED,
        EthnicGroup.NOT_STATED,
        Disability.NOT_STATED,
    )


def test_the_ethnic_groups_are_the_five_ons_groups_and_not_stated():
    assert set(EthnicGroup.values) == {"asian", "black", "mixed", "white", "other", "not_stated"}
    assert set(Sex.values) == {"female", "male", "not_recorded"}
    assert set(Disability.values) == {"yes", "no", "not_stated"}


def test_age_at_release_is_derived_from_the_date_of_birth():
    person = ServiceUserFactory(date_of_birth=datetime.date(2000, 6, 15))
    assert person.age_on(datetime.date(2026, 6, 14)) == 25
    assert person.age_on(datetime.date(2026, 6, 15)) == 26


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        (Role.PRISON_STAFF, True),
        (Role.PROBATION_PRACTITIONER, True),
        (Role.PARTNER_CASEWORKER, False),
        (Role.INVOLVEMENT_LEAD, False),
        (Role.COMMISSIONER, False),
        (Role.ADMINISTRATOR, False),
    ],
)
def test_only_the_case_roles_that_need_them_see_them(role, sees):
    assert can_see_protected_characteristics(UserFactory(role=role)) is sees


def test_an_anonymous_or_inactive_user_never_sees_them():
    from django.contrib.auth.models import AnonymousUser

    assert not can_see_protected_characteristics(AnonymousUser())
    assert not can_see_protected_characteristics(UserFactory(role=Role.PRISON_STAFF, is_active=False))


def test_the_prison_and_probation_see_them_on_the_person_page(client):
    episode = CustodyEpisodeFactory()
    person = episode.person
    person.sex, person.ethnic_group, person.disability = Sex.FEMALE, EthnicGroup.MIXED, Disability.YES
    person.save()
    unit = DeliveryUnitFactory()
    ProbationCaseFactory(person=person, delivery_unit=unit)
    for user in (
        UserFactory(role=Role.PRISON_STAFF, organisation=episode.establishment),
        UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=unit),
    ):
        client.force_login(user)
        page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
        assert HEADING in page and "Female" in page and "Mixed or multiple ethnic groups" in page, user.role


def test_a_partner_caseworkers_person_page_does_not_show_them(client):
    partner = UserFactory(role=Role.PARTNER_CASEWORKER)
    person = ServiceUserFactory(sex=Sex.FEMALE, ethnic_group=EthnicGroup.MIXED, disability=Disability.YES)

    def referred_people(user):
        return Q(pk=person.pk) if user.role == Role.PARTNER_CASEWORKER else None

    access.register(referred_people)
    try:
        client.force_login(partner)
        response = client.get(reverse("people:detail", args=[person.pk]))
    finally:
        access._rules.remove(referred_people)
    page = response.content.decode()
    assert response.status_code == 200 and person.full_name in page  # they may open the record...
    for shown in (HEADING, "Ethnic group", "Mixed or multiple ethnic groups", "Disability", "Female"):
        assert shown not in page, shown  # ...but not its protected characteristics
