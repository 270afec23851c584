import datetime

import pytest
from django.urls import reverse

from accounts.constants import Role
from audit.constants import Action
from audit.models import Event
from people import selectors
from people.models import ServiceUser
from tests.factories import (
    CustodyEpisodeFactory,
    DeliveryUnitFactory,
    EstablishmentFactory,
    ProbationCaseFactory,
    ProviderFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

VALID = {
    "given_name": "Rowan",
    "family_name": "Brackwood",
    "date_of_birth_day": "1",
    "date_of_birth_month": "6",
    "date_of_birth_year": "1995",
    "prison_number": "Z1111AA",
    "crn": "",
    "pnc_number": "",
    "received_on_day": "2",
    "received_on_month": "11",
    "received_on_year": "2026",
}


@pytest.fixture
def officer(client):
    user = UserFactory(role=Role.PRISON_STAFF)
    client.force_login(user)
    return user


def test_an_empty_form_shows_the_error_summary_and_changes_nothing(client, officer):
    response = client.post(reverse("people:new"), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "govuk-error-summary" in page
    # Every problem at once, not one round at a time.
    for message in (
        "Enter their first name",
        "Enter their last name",
        "Enter their date of birth",
        "Enter a prison number or a case reference number, or both",
        "Enter the date they were received into custody",
    ):
        assert page.count(message) == 2, message  # in the summary and beside the field
    assert 'href="#id_given_name"' in page and 'href="#id_date_of_birth_day"' in page
    assert page.count('class="govuk-error-message"') == 5
    assert "<title>Error: " in page
    assert ServiceUser.objects.count() == 0 and Event.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"prison_number": "12345"}, "Enter a prison number in the correct format, like A1234BC"),
        ({"date_of_birth_month": "13"}, "Enter a real date"),
        ({"date_of_birth_year": ""}, "Date must include a year"),
        (
            {"received_on_day": "", "received_on_month": "", "received_on_year": ""},
            "Enter the date they were received into custody",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, officer, change, message):
    response = client.post(reverse("people:new"), {**VALID, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ServiceUser.objects.count() == 0


def test_recording_a_person_then_reading_them_is_audited(client, officer):
    response = client.post(reverse("people:new"), VALID)
    person = ServiceUser.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", args=[person.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Rowan Brackwood has been recorded" in page and officer.organisation.name in page
    actions = list(
        Event.objects.filter(person_id=person.pk).order_by("id").values_list("action", "actor_username", "path")
    )
    assert actions == [
        (Action.CREATE, officer.username, reverse("people:new")),
        (Action.VIEW, officer.username, reverse("people:detail", args=[person.pk])),
    ]


def test_a_double_submission_creates_one_person(client, officer):
    client.post(reverse("people:new"), VALID)
    again = client.post(reverse("people:new"), VALID)
    assert "already recorded" in again.content.decode()
    assert ServiceUser.objects.count() == 1


def test_the_list_shows_only_people_in_scope_and_searches_are_audited(client, officer):
    mine = CustodyEpisodeFactory(establishment=officer.organisation).person
    theirs = CustodyEpisodeFactory().person
    page = client.get(reverse("people:list")).content.decode()
    assert mine.prison_number in page and theirs.prison_number not in page
    found = client.get(reverse("people:list"), {"q": theirs.prison_number.lower()}).content.decode()
    assert "No one you can see matches that search." in found
    search = Event.objects.get(action=Action.SEARCH)
    assert theirs.prison_number.lower() in search.summary


def test_list_queries_do_not_grow_with_the_number_of_people(client, officer, django_assert_max_num_queries):
    for _ in range(30):
        CustodyEpisodeFactory(establishment=officer.organisation)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("people:list")).status_code == 200


def test_each_row_of_the_list_links_to_the_person_and_says_where_they_are_now(client, officer):
    held = CustodyEpisodeFactory(establishment=officer.organisation).person
    supervised = CustodyEpisodeFactory(establishment=officer.organisation).person
    unit = DeliveryUnitFactory()
    ProbationCaseFactory(person=supervised, delivery_unit=unit)
    page = client.get(reverse("people:list")).content.decode()
    prison = officer.organisation.name
    for person in (held, supervised):
        link = f'<a class="govuk-link" href="/people/{person.pk}/">{person.family_name}, {person.given_name}</a>'
        assert link in page
    assert page.count(f">In custody at {prison}</td>") == 1
    assert f">In custody at {prison}; Supervised by {unit.name}</td>" in page


def test_the_list_shows_a_page_of_people_in_name_order(client, officer):
    people = [CustodyEpisodeFactory(establishment=officer.organisation).person for _ in range(27)]
    names = sorted((p.family_name, p.given_name, p.pk) for p in people)
    first = client.get(reverse("people:list")).content.decode()
    second = client.get(reverse("people:list"), {"page": 2}).content.decode()
    assert "27 people" in first
    shown = [pk for _, _, pk in names if f'href="/people/{pk}/"' in first]
    assert shown == [pk for _, _, pk in names[:25]]
    assert [pk for _, _, pk in names if f'href="/people/{pk}/"' in second] == [pk for _, _, pk in names[25:]]


def test_a_practitioner_sees_their_own_cases_first_and_everyone_their_team_supervises_a_link_away(client):
    unit = DeliveryUnitFactory()
    practitioner = UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=unit)
    mine = ProbationCaseFactory(delivery_unit=unit, practitioner=practitioner).person
    colleagues = ProbationCaseFactory(delivery_unit=unit).person
    client.force_login(practitioner)
    own = client.get(reverse("people:list")).content.decode()
    assert mine.crn in own and colleagues.crn not in own and "Your 1 case" in own
    everyone = client.get(reverse("people:list"), {"show": "all"}).content.decode()
    assert mine.crn in everyone and colleagues.crn in everyone and "2 people" in everyone
    # A search looks through everyone they may see.
    found = client.get(reverse("people:list"), {"q": colleagues.crn}).content.decode()
    assert colleagues.crn in found


def test_a_practitioner_with_no_cases_of_their_own_sees_their_team(client):
    unit = DeliveryUnitFactory()
    practitioner = UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=unit)
    theirs = ProbationCaseFactory(delivery_unit=unit).person
    client.force_login(practitioner)
    page = client.get(reverse("people:list")).content.decode()
    assert theirs.crn in page and "Your cases" not in page


@pytest.mark.parametrize(
    "role", [Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER, Role.PARTNER_CASEWORKER, Role.ADMINISTRATOR]
)
def test_the_count_from_the_access_rows_is_the_count_of_the_list(role):
    """people.access.visible_count counts the union of the granting rows: it must give exactly the
    number of people the list shows, someone in custody and on probation at once counted once."""
    prison, unit = EstablishmentFactory(), DeliveryUnitFactory()
    organisation = {Role.PRISON_STAFF: prison, Role.PROBATION_PRACTITIONER: unit}.get(role) or ProviderFactory()
    user = UserFactory(role=role, organisation=organisation)
    both = CustodyEpisodeFactory(establishment=prison).person
    ProbationCaseFactory(person=both, delivery_unit=unit)
    for _ in range(3):
        CustodyEpisodeFactory(establishment=prison)
        ProbationCaseFactory(delivery_unit=unit)
    CustodyEpisodeFactory()
    listed = selectors.person_list_for_user(user=user).count()
    assert selectors.person_count_for_user(user=user) == listed


def test_a_search_by_prison_number_or_case_reference_finds_the_one_person_if_in_scope(client, officer):
    mine = CustodyEpisodeFactory(establishment=officer.organisation).person
    theirs = CustodyEpisodeFactory().person
    for term in (mine.prison_number, f" {mine.prison_number[:3].lower()} {mine.prison_number[3:]} ", mine.crn):
        page = client.get(reverse("people:list"), {"q": term}).content.decode()
        assert "1 person matches" in page and f"/people/{mine.pk}/" in page, term
    for term in (theirs.prison_number, theirs.crn, "Z9999ZZ"):
        page = client.get(reverse("people:list"), {"q": term}).content.decode()
        assert "No one you can see matches that search." in page and f"/people/{theirs.pk}/" not in page


def test_a_search_by_name_still_matches_names(client, officer):
    mine = CustodyEpisodeFactory(establishment=officer.organisation).person
    page = client.get(reverse("people:list"), {"q": mine.family_name[:6].lower()}).content.decode()
    assert f"/people/{mine.pk}/" in page


def test_home_counts_the_people_the_user_may_see(client, officer):
    for _ in range(3):
        CustodyEpisodeFactory(establishment=officer.organisation)
    CustodyEpisodeFactory(
        establishment=officer.organisation, received_on=datetime.date(2019, 1, 1), released_on=datetime.date(2020, 1, 1)
    )  # released long ago
    CustodyEpisodeFactory()  # another prison's
    page = client.get(reverse("home")).content.decode()
    assert "3 people your organisation works with" in page


def test_the_search_box_keeps_what_was_typed_and_shows_a_too_long_search_as_an_error(client, officer):
    page = client.get(reverse("people:list"), {"q": "Ashdown <b>"}).content.decode()
    assert 'id="id_q" name="q" type="text" value="Ashdown &lt;b&gt;"' in page
    long = client.get(reverse("people:list"), {"q": "x" * 101}).content.decode()
    assert "govuk-input--error" in long and "govuk-error-message" in long
