from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from accounts.constants import Role
from audit.models import Event
from people.timeline import timeline_for_person
from tests.factories import CustodyEpisodeFactory, ServiceUserFactory, UserFactory
from work import services
from work.constants import OffenceCategory, Step, WithdrawalReason
from work.models import Application, ApplicationStep, Opportunity
from work.tests.helpers import employer_user, in_days, post_opportunity, put_forward, save_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer():
    return employer_user(first_name="Eve", last_name="Employer")


@pytest.fixture
def officer():
    return UserFactory(role=Role.PRISON_STAFF, first_name="Olu", last_name="Officer")


def young_person(officer, days=20, **kwargs):
    """In custody at the officer's prison, due out in `days`."""
    return CustodyEpisodeFactory(
        establishment=officer.organisation,
        expected_release_on=in_days(days),
        person=ServiceUserFactory(date_of_birth=kwargs.pop("born", datetime.date(2005, 6, 1)), **kwargs),
    ).person


@pytest.fixture
def person(officer):
    return young_person(officer, given_name="Jo", family_name="Jobseeker")


@pytest.fixture
def opportunity(employer):
    return post_opportunity(employer)


@pytest.fixture
def application(officer, person, opportunity):
    save_profile(officer, person)
    return put_forward(officer, person, opportunity)


# --- employers ---------------------------------------------------------------------------------------


def test_an_employer_posts_an_opportunity_through_the_form(client, employer):
    client.force_login(employer)
    page = client.get(reverse("work:opportunity-new")).content.decode()
    submission = page.split('name="submission_id" value="')[1].split('"')[0]
    data = {
        "submission_id": submission,
        "kind": "apprenticeship",
        "title": "Bricklaying apprentice",
        "description": "Learn bricklaying on our housing sites",
        "town": "Leeds",
        "postcode_district": "ls10",
        "hours": "40 hours a week",
        "pay": "",
        "places": "3",
        "closes_on_day": in_days(10).day,
        "closes_on_month": in_days(10).month,
        "closes_on_year": in_days(10).year,
        "skills": ["construction", "maths_english"],
        "excluded_offences": ["arson"],
        "requirements": ["requires_driving"],
    }
    response = client.post(reverse("work:opportunity-new"), data)
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("work:opportunity", args=[opportunity.pk])
    assert opportunity.skills == ["construction", "maths_english"] and opportunity.requires_driving
    assert not opportunity.works_with_vulnerable
    again = client.post(reverse("work:opportunity-new"), data).content.decode()
    assert "This form has already been sent, so nothing was changed the second time." in again
    assert Opportunity.objects.count() == 1


def test_an_empty_opportunity_form_lists_every_problem_and_saves_nothing(client, employer):
    client.force_login(employer)
    page = client.post(reverse("work:opportunity-new"), {}).content.decode()
    for message in (
        "Select whether it is a job, an apprenticeship or a training place",
        "Enter a title",
        "Describe the work",
        "Enter the town where the work is",
        "Enter the postcode district where the work is, like LS11",
        "Enter the hours",
        "Enter how many places there are, 1 or more",
        "Enter the closing date",
    ):
        assert message in page
    assert not Opportunity.objects.exists()


def test_employers_list_only_their_own_opportunities(client, employer, opportunity):
    post_opportunity(employer_user(), title="Someone else's forklift job")
    client.force_login(employer)
    page = client.get(reverse("work:opportunities")).content.decode()
    assert "Kitchen assistant" in page and "forklift" not in page


def test_another_employers_opportunity_does_not_exist_for_an_employer(client, opportunity):
    client.force_login(employer_user())
    for name in ("work:opportunity", "work:opportunity-edit", "work:opportunity-close"):
        assert client.get(reverse(name, args=[opportunity.pk])).status_code == 404


def test_the_employer_sees_only_what_they_need_and_the_read_is_audited(client, employer, application, person):
    client.force_login(employer)
    page = client.get(reverse("work:opportunity", args=[application.opportunity_id])).content.decode()
    assert person.full_name in page and "Olu Officer" in page
    page = client.get(reverse("work:application", args=[application.pk])).content.decode()
    assert "I was convicted of theft in 2023" in page and "Catering and food hygiene" in page
    assert "Olu Officer" in page and person.full_name in page
    assert person.prison_number not in page and reverse("people:detail", args=[person.pk]) not in page
    assert Event.objects.filter(actor=employer, action="view", person_id=person.pk).count() == 1
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 404  # never the case record


def test_an_application_to_another_employer_does_not_exist_for_them(client, application):
    client.force_login(employer_user())
    assert client.get(reverse("work:application", args=[application.pk])).status_code == 404
    assert client.get(reverse("work:application-step", args=[application.pk])).status_code == 404


def test_the_employer_records_an_outcome_through_the_form(client, employer, application):
    client.force_login(employer)
    url = reverse("work:application-step", args=[application.pk])
    page = client.get(url).content.decode()
    assert "Interview offered" in page and "Started" not in page  # only what may come next
    submission = page.split('name="submission_id" value="')[1].split('"')[0]
    page = client.post(url, {"submission_id": submission, "step": "not_offered"}).content.decode()
    assert "Enter why they were not offered it" in page
    assert not ApplicationStep.objects.exists()
    response = client.post(url, {"submission_id": submission, "step": "not_offered", "note": "No driving licence"})
    assert response.status_code == 302
    page = client.get(reverse("work:application", args=[application.pk])).content.decode()
    assert "Not offered" in page and "No driving licence" in page and "Eve Employer" in page


def test_the_employer_list_takes_a_fixed_number_of_queries(client, employer, django_assert_num_queries):
    client.force_login(employer)
    post_opportunity(employer)
    client.get(reverse("work:opportunities"))
    with django_assert_num_queries(4):  # session, user, organisation, opportunities with their counts
        client.get(reverse("work:opportunities"))
    for n in range(5):
        post_opportunity(employer, title=f"Role {n}")
    with django_assert_num_queries(4):
        assert client.get(reverse("work:opportunities")).status_code == 200


def test_the_opportunity_page_takes_a_fixed_number_of_queries(
    client, employer, officer, opportunity, django_assert_max_num_queries
):
    def apply(n):
        person = young_person(officer, days=10 + n)
        save_profile(officer, person)
        put_forward(officer, person, opportunity)

    apply(0)
    client.force_login(employer)
    with django_assert_max_num_queries(8) as one:
        client.get(reverse("work:opportunity", args=[opportunity.pk]))
    for n in range(1, 6):
        apply(n)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("work:opportunity", args=[opportunity.pk]))
    client.force_login(officer)
    with django_assert_max_num_queries(12) as staff:
        client.get(reverse("work:opportunity", args=[opportunity.pk]))
    apply(6)
    young_person(officer, days=3)  # one more, with no profile
    with django_assert_max_num_queries(len(staff.captured_queries)):
        client.get(reverse("work:opportunity", args=[opportunity.pk]))


# --- practitioners ------------------------------------------------------------------------------------


def test_the_person_page_has_a_work_panel_for_prison_and_probation_staff(client, officer, person, opportunity):
    client.force_login(officer)
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Work on release" in page and "No work profile has been recorded" in page
    save_profile(officer, person)
    put_forward(officer, person, opportunity)
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "1 open opportunity matches." in page and "Kitchen assistant" in page and "Put forward" in page


def test_the_work_matches_page_shows_why_and_why_not_and_is_audited(client, officer, person, employer):
    post_opportunity(employer, title="Canteen cook")
    post_opportunity(employer, title="Cash office clerk", excluded_offences=[OffenceCategory.DISHONESTY])
    save_profile(officer, person, offences=[OffenceCategory.DISHONESTY])
    client.force_login(officer)
    page = client.get(reverse("work:person", args=[person.pk])).content.decode()
    assert "Canteen cook" in page and "Skills in common: Catering and food hygiene" in page
    assert "Cash office clerk" in page
    assert "The employer cannot accept convictions for offences of dishonesty (theft, fraud)" in page
    assert Event.objects.filter(actor=officer, action="view", person_id=person.pk).exists()


def test_staff_record_a_profile_through_the_form(client, officer, person):
    client.force_login(officer)
    url = reverse("work:profile", args=[person.pk])
    page = client.post(url, {"licence_conditions": ["exclusion_zone"]}).content.decode()
    for message in (
        "Enter the town they will live in",
        "Enter the postcode district they will live in, like LS11",
        "Select how far they can travel to work",
    ):
        assert message in page
    response = client.post(
        url,
        {
            "skills": ["cleaning"],
            "release_town": "Leeds",
            "release_district": "ls9",
            "travel": "postcode_area",
            "licence_conditions": ["exclusion_zone"],
            "exclusion_zone": "LS1, LS2",
        },
    )
    assert response.status_code == 302
    assert person.work_profile.exclusion_zone == ["LS1", "LS2"]


def test_staff_put_a_person_forward_and_the_refusal_is_clear(client, officer, person, employer):
    arson = post_opportunity(employer, title="Warehouse operative", excluded_offences=[OffenceCategory.ARSON])
    save_profile(officer, person, offences=[OffenceCategory.ARSON])
    client.force_login(officer)
    url = reverse("work:apply", args=[person.pk, arson.pk])
    page = client.get(url).content.decode()
    submission = page.split('name="submission_id" value="')[1].split('"')[0]
    page = client.post(
        url, {"submission_id": submission, "disclosure_statement": "Statement", "consent_to_share": "on"}
    ).content.decode()
    assert "cannot be put forward for this opportunity:" in page
    assert "The employer cannot accept convictions for arson" in page
    assert not Application.objects.exists()
    kitchen = post_opportunity(employer)
    url = reverse("work:apply", args=[person.pk, kitchen.pk])
    page = client.post(url, {"submission_id": submission, "disclosure_statement": "Statement"}).content.decode()
    assert "Confirm they agreed to share their disclosure statement with the employer" in page
    response = client.post(
        url, {"submission_id": submission, "disclosure_statement": "Statement", "consent_to_share": "on"}
    )
    assert response.status_code == 302
    assert Application.objects.get().opportunity == kitchen


def test_approaching_release_lists_young_leavers_first_then_soonest(
    client, officer, employer, django_assert_max_num_queries
):
    post_opportunity(employer)
    older_soon = young_person(officer, days=5, born=datetime.date(1980, 1, 1), family_name="Older")
    young_later = young_person(officer, days=60, family_name="Younger")
    young_person(officer, days=100, family_name="Notyet")  # beyond 12 weeks
    CustodyEpisodeFactory(establishment=officer.organisation)  # no expected release date
    save_profile(officer, older_soon)
    client.force_login(officer)
    page = client.get(reverse("work:approaching-release")).content.decode()
    assert page.index("Younger") < page.index("Older")
    assert "Notyet" not in page
    assert "2 people approaching release" in page and "Young leaver" in page
    assert "Kitchen assistant" in page and "No work profile yet" in page
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("work:approaching-release"))
    for n in range(5):
        save_profile(officer, young_person(officer, days=10 + n))
        post_opportunity(employer, title=f"Role {n}")
    save_profile(officer, young_later)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("work:approaching-release"))


def test_the_opportunity_page_shows_staff_who_matches_and_who_does_not(client, officer, employer, person):
    opportunity = post_opportunity(employer, excluded_offences=[OffenceCategory.SEXUAL])
    save_profile(officer, person)
    excluded = young_person(officer, days=30, family_name="Excluded")
    save_profile(officer, excluded, offences=[OffenceCategory.SEXUAL])
    client.force_login(officer)
    page = client.get(reverse("work:opportunity", args=[opportunity.pk])).content.decode()
    assert person.full_name in page and "Why they match" in page
    assert "1 person does not match, and why" in page
    assert "The employer cannot accept convictions for sexual offences" in page


# --- timeline -----------------------------------------------------------------------------------------


def test_the_timeline_shows_applications_and_outcomes_in_a_fixed_number_of_queries(
    officer, employer, person, application, django_assert_num_queries
):
    services.application_record_step(acting_user=employer, application_id=application.pk, step=Step.INTERVIEW_OFFERED)
    services.application_record_step(
        acting_user=officer,
        application_id=application.pk,
        step=Step.WITHDRAWN,
        reason=WithdrawalReason.OTHER_WORK,
    )
    from work.timeline import work_entries

    with django_assert_num_queries(2):
        entries = work_entries(person, officer)
    texts = [e.text for e in sorted(entries, key=lambda e: e.at)]
    employer_name = employer.organisation.name
    assert texts == [
        f"Put forward for Kitchen assistant at {employer_name}",
        f"Interview offered: Kitchen assistant at {employer_name}",
        f"Withdrawn: Kitchen assistant at {employer_name} – They found other work or training",
    ]
    other = post_opportunity(employer, title="Porter")
    put_forward(officer, person, other)
    with django_assert_num_queries(2):
        assert len(work_entries(person, officer)) == 4
    assert any("Put forward for Porter" in e.text for e in timeline_for_person(person=person, viewer=officer))


def test_with_no_applications_the_timeline_reads_no_steps(officer, person, django_assert_num_queries):
    from work.timeline import work_entries

    with django_assert_num_queries(1):
        assert work_entries(person, officer) == []
