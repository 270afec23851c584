"""Who sees whom: the one place (people.access) that every list, page and count goes through."""

import datetime

import pytest
from django.db.models import Q
from django.utils import timezone

from accounts.constants import Role
from people import access
from people.models import ServiceUser
from tests.factories import (
    CustodyEpisodeFactory,
    DeliveryUnitFactory,
    EstablishmentFactory,
    ProbationCaseFactory,
    ServiceUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    prison, other_prison = EstablishmentFactory(), EstablishmentFactory()
    unit, other_unit = DeliveryUnitFactory(), DeliveryUnitFactory()
    today = timezone.localdate()
    in_custody = CustodyEpisodeFactory(establishment=prison).person
    released_recently = CustodyEpisodeFactory(
        establishment=prison,
        received_on=today - datetime.timedelta(days=400),
        released_on=today - datetime.timedelta(days=30),
    ).person
    released_long_ago = CustodyEpisodeFactory(
        establishment=prison, received_on=datetime.date(2019, 1, 1), released_on=datetime.date(2020, 1, 1)
    ).person
    elsewhere = CustodyEpisodeFactory(establishment=other_prison).person
    on_probation = ProbationCaseFactory(delivery_unit=unit).person
    ended_probation = ProbationCaseFactory(delivery_unit=unit, ended_on=datetime.date(2026, 3, 1)).person
    other_unit_case = ProbationCaseFactory(delivery_unit=other_unit)
    return {
        "prison": prison,
        "unit": unit,
        "in_custody": in_custody,
        "released_recently": released_recently,
        "released_long_ago": released_long_ago,
        "elsewhere": elsewhere,
        "on_probation": on_probation,
        "ended_probation": ended_probation,
        "other_unit_case": other_unit_case,
    }


def visible(user):
    return set(ServiceUser.objects.visible_to(user))


def test_prison_staff_see_people_held_or_released_in_the_last_year_at_their_prison(world):
    officer = UserFactory(role=Role.PRISON_STAFF, organisation=world["prison"])
    assert visible(officer) == {world["in_custody"], world["released_recently"]}


def test_probation_sees_open_cases_in_its_unit_and_its_own_caseload_elsewhere(world):
    practitioner = UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=world["unit"])
    assert visible(practitioner) == {world["on_probation"]}
    case = world["other_unit_case"]
    case.practitioner = practitioner
    case.save()
    assert visible(practitioner) == {world["on_probation"], case.person}


@pytest.mark.parametrize("role", [Role.PARTNER_CASEWORKER, Role.INVOLVEMENT_LEAD, Role.COMMISSIONER])
def test_roles_without_a_caseload_see_no_one(world, role):
    assert visible(UserFactory(role=role)) == set()


def test_involvement_lead_in_a_prison_sees_no_case_records(world):
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=world["prison"])
    assert visible(lead) == set()


def test_administrators_see_everyone(world):
    assert visible(UserFactory(role=Role.ADMINISTRATOR)) == set(ServiceUser.objects.all())


def test_inactive_and_anonymous_users_see_no_one(world):
    officer = UserFactory(role=Role.PRISON_STAFF, organisation=world["prison"], is_active=False)
    assert visible(officer) == set()
    from django.contrib.auth.models import AnonymousUser

    assert set(ServiceUser.objects.visible_to(AnonymousUser())) == set()


def test_rules_registered_by_higher_apps_widen_access_without_this_module_knowing_them(world):
    """How resettlement will let a partner see the people referred to it."""
    partner = UserFactory(role=Role.PARTNER_CASEWORKER)
    referred = ServiceUserFactory()

    def referred_people(user):
        return Q(pk=referred.pk) if user.role == Role.PARTNER_CASEWORKER else None

    access.register(referred_people)
    try:
        assert visible(partner) == {referred}
        officer = UserFactory(role=Role.PRISON_STAFF, organisation=world["prison"])
        assert referred not in visible(officer)
    finally:
        access._rules.remove(referred_people)


def test_scoping_takes_a_fixed_number_of_queries(world, django_assert_num_queries):
    officer = UserFactory(role=Role.PRISON_STAFF, organisation=world["prison"])
    for _ in range(20):
        CustodyEpisodeFactory(establishment=world["prison"])
    with django_assert_num_queries(1):
        list(ServiceUser.objects.visible_to(officer))


def test_one_person_is_found_exactly_when_the_list_would_show_them(world):
    """visible_one narrows each rule's granting rows to the person; it must admit exactly whom
    visible_to admits, for every role's rules."""
    officer = UserFactory(role=Role.PRISON_STAFF, organisation=world["prison"])
    practitioner = UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=world["unit"])
    admin = UserFactory(role=Role.ADMINISTRATOR)
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=world["prison"])
    people = [p for key, p in world.items() if isinstance(p, ServiceUser)] + [world["other_unit_case"].person]
    for user in (officer, practitioner, admin, lead):
        listed = visible(user)
        for person in people:
            one = set(ServiceUser.objects.visible_one(user, person.pk))
            assert one == ({person} if person in listed else set()), (user.role, person)


def test_one_person_is_looked_up_among_their_own_rows_not_the_whole_caseload(world):
    """The subquery for one person is narrowed to that person's rows, so SQLite does not build the
    whole caseload's list to open one record (the cost no longer grows with the caseload)."""
    practitioner = UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=world["unit"])
    person = world["on_probation"]
    sql = str(ServiceUser.objects.visible_one(practitioner, person.pk).query)
    inner = sql[sql.index("IN (SELECT") :]
    assert f'"person_id" = {person.pk}' in inner


def test_a_practitioners_own_cases_are_a_part_of_what_they_may_see(world):
    practitioner = UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=world["unit"])
    mine = ProbationCaseFactory(delivery_unit=world["unit"], practitioner=practitioner).person
    ProbationCaseFactory(
        delivery_unit=world["unit"],
        practitioner=practitioner,
        started_on=datetime.date(2025, 1, 1),
        ended_on=datetime.date(2026, 1, 1),
    )
    own = set(ServiceUser.objects.filter(access.own_cases_filter(practitioner)))
    assert own == {mine} and own <= visible(practitioner)
    officer = UserFactory(role=Role.PRISON_STAFF, organisation=world["prison"])
    assert access.own_cases_filter(officer) is None
