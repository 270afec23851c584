import pytest
from django.urls import reverse

from accounts.constants import Role
from resettlement.models import Need, Screening, ScreeningAnswer
from tests.factories import CustodyEpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db

SECTION_POSTS = {
    "accommodation": {"shown": ["accommodation_before"], "accommodation_before": "homeless"},
    "attitudes": {"shown": ["attitudes_support_wanted"], "attitudes_support_wanted": "no"},
    "family": {
        "shown": ["family_dependants", "family_contact_wanted"],
        "family_dependants": "no",
        "family_contact_wanted": "no",
    },
    "drugs_alcohol": {"shown": ["drugs_alcohol_problem"], "drugs_alcohol_problem": "no"},
    "education_work": {"shown": ["work_before"], "work_before": "no"},
    "finance_id": {
        "shown": ["finance_id_documents", "finance_bank_account", "finance_debts"],
        "finance_id_documents": "yes",
        "finance_bank_account": "yes",
        "finance_debts": "not_able_to_ask",
        "finance_debts__reason": "Interpreter not available",
    },
    "health": {
        "shown": ["health_gp_registered", "health_mental_health_support", "health_notes"],
        "health_gp_registered": "yes",
        "health_mental_health_support": "no",
        "health_notes": "",
    },
}


@pytest.fixture
def officer(client):
    user = UserFactory(role=Role.PRISON_STAFF)
    client.force_login(user)
    return user


@pytest.fixture
def person(officer):
    return CustodyEpisodeFactory(establishment=officer.organisation).person


def section_url(person, screening, section):
    return reverse("resettlement:screening-section", args=[person.pk, screening.pk, section])


def test_the_whole_screening_journey(client, officer, person):
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Start reception screening" in page
    response = client.post(reverse("resettlement:screening-start", args=[person.pk]))
    screening = Screening.objects.get()
    assert response["Location"] == section_url(person, screening, "accommodation")

    first = client.get(response["Location"]).content.decode()
    assert "Where were they living before they came into custody?" in first
    assert "Declined to answer" in first and "Not able to ask" in first
    assert "Is their home at risk" not in first  # a follow-up that does not apply yet

    for section, data in SECTION_POSTS.items():
        response = client.post(section_url(person, screening, section), data)
        assert response.status_code == 302, (section, response.content.decode()[:500])
    assert response["Location"] == reverse("resettlement:screening", args=[person.pk, screening.pk])
    check = client.get(response["Location"]).content.decode()
    assert "Not able to ask: Interpreter not available" in check and "No fixed address or rough sleeping" in check

    done = client.post(response["Location"], follow=True).content.decode()
    assert "Screening submitted: 2 needs identified" in done
    assert "Needs somewhere settled to live on release" in done and "Not started" in done
    assert list(Need.objects.values_list("pathway", flat=True)) == ["accommodation", "education_work"]


def test_an_empty_section_lists_every_question_in_the_error_summary(client, officer, person):
    client.post(reverse("resettlement:screening-start", args=[person.pk]))
    screening = Screening.objects.get()
    response = client.post(
        section_url(person, screening, "finance_id"), {"shown": SECTION_POSTS["finance_id"]["shown"]}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    for message in (
        "Select whether they have photo ID they can use on release",
        "Select whether they have a bank account",
        "Select whether they have debts they are worried about",
    ):
        assert page.count(message) == 2, message  # in the summary and at the question
    assert 'href="#id_finance_debts"' in page
    assert ScreeningAnswer.objects.count() == 0


def test_a_follow_up_is_asked_on_the_same_page_when_an_answer_makes_it_apply(client, officer, person):
    client.post(reverse("resettlement:screening-start", args=[person.pk]))
    screening = Screening.objects.get()
    url = section_url(person, screening, "accommodation")
    response = client.post(url, {"shown": ["accommodation_before"], "accommodation_before": "settled"})
    assert response["Location"] == url
    assert "Is their home at risk while they are in custody" in client.get(url).content.decode()


def test_submitting_an_incomplete_screening_is_refused_with_what_is_missing(client, officer, person):
    client.post(reverse("resettlement:screening-start", args=[person.pk]))
    screening = Screening.objects.get()
    client.post(section_url(person, screening, "accommodation"), SECTION_POSTS["accommodation"])
    page = client.post(reverse("resettlement:screening", args=[person.pk, screening.pk])).content.decode()
    assert "There is a problem" in page and "Do they have a bank account?" in page
    screening.refresh_from_db()
    assert not screening.is_submitted and not Need.objects.exists()


def test_a_bad_section_name_is_not_found(client, officer, person):
    client.post(reverse("resettlement:screening-start", args=[person.pk]))
    screening = Screening.objects.get()
    assert client.get(section_url(person, screening, "gardening")).status_code == 404


def test_another_prisons_staff_cannot_reach_the_screening(client, officer, person):
    client.post(reverse("resettlement:screening-start", args=[person.pk]))
    screening = Screening.objects.get()
    client.force_login(UserFactory(role=Role.PRISON_STAFF))
    assert client.get(section_url(person, screening, "accommodation")).status_code == 404
    assert client.get(reverse("resettlement:screening", args=[person.pk, screening.pk])).status_code == 404
    assert client.post(reverse("resettlement:screening-start", args=[person.pk])).status_code == 404
