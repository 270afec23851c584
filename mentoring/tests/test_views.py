import uuid

import pytest

from accounts.constants import Role
from audit.constants import Action
from audit.models import Event
from mentoring.models import Allocation, Contact, Mentor
from mentoring.tests.conftest import GOALS, TODAY, ago
from tests.factories import ProviderFactory, UserFactory

pytestmark = pytest.mark.django_db


def date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_allocating_lists_every_problem_then_allocates_once(client, officer, person, mentor):
    client.force_login(officer)
    url = f"/mentoring/people/{person.pk}/allocate/"
    page = client.get(url).content.decode()
    assert "Rhys Peer, peer mentor, lived experience (Wold Mentoring Trust)" in page
    assert Event.objects.filter(action=Action.VIEW, person_id=person.pk).exists()  # the read is audited
    sid = str(uuid.uuid4())
    page = client.post(url, {"submission_id": sid}).content.decode()
    for message in (
        "Select an available mentor or coach",
        "Enter the date the mentoring starts",
        "Enter what the person wants from mentoring, in their own words",
        "Select whether the person has agreed to be mentored",
    ):
        assert message in page
    assert not Allocation.objects.exists()
    data = {"submission_id": sid, "mentor": mentor.pk, "goals": GOALS, "consent": "yes", **date("started_on", TODAY)}
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == f"/people/{person.pk}/#mentoring"
    page = client.post(url, data).content.decode()
    assert "This form has already been sent, so nothing was changed the second time." in page
    assert Allocation.objects.count() == 1


def test_recording_a_contact_refuses_a_future_date_and_saves_a_good_one(client, caseworker, allocation):
    client.force_login(caseworker)
    url = f"/mentoring/people/{allocation.person_id}/allocations/{allocation.pk}/contacts/new/"
    assert "Rhys Peer, peer mentor with lived experience" in client.get(url).content.decode()
    data = {
        "submission_id": str(uuid.uuid4()),
        "outcome": "happened",
        "method": "in_person",
        "setting": "in_prison",
        "note": "Planned the first week out",
        **date("contact_on", ago(-2)),
    }
    page = client.post(url, data).content.decode()
    assert "The date cannot be in the future" in page and not Contact.objects.exists()
    response = client.post(url, {**data, **date("contact_on", ago(1)), "rating": "very_good"})
    assert response.status_code == 302
    assert Contact.objects.get().rating == "very_good"


def test_another_partner_gets_404_for_an_allocation_not_theirs(client, allocation):
    client.force_login(UserFactory(role=Role.PARTNER_CASEWORKER, organisation=ProviderFactory()))
    url = f"/mentoring/people/{allocation.person_id}/allocations/{allocation.pk}/contacts/new/"
    assert client.get(url).status_code == 404


def test_ending_mentoring_needs_a_note_for_another_reason(client, officer, allocation):
    client.force_login(officer)
    url = f"/mentoring/people/{allocation.person_id}/allocations/{allocation.pk}/end/"
    page = client.post(url, {"reason": "other", **date("ended_on", TODAY)}).content.decode()
    assert "Enter why the mentoring ended" in page
    assert client.post(url, {"reason": "goals_met", **date("ended_on", TODAY)}).status_code == 302
    allocation.refresh_from_db()
    assert allocation.end_reason == "goals_met"
    page = client.get(f"/people/{allocation.person_id}/").content.decode()
    assert "Mentoring that has ended" in page and "The person&#39;s goals were met" in page


def test_a_partner_adds_a_mentor_and_marks_them_unavailable(client, caseworker):
    client.force_login(caseworker)
    page = client.post("/mentoring/mentors/new/", {"submission_id": str(uuid.uuid4())}).content.decode()
    assert "Enter the mentor&#39;s name" in page and not Mentor.objects.exists()
    data = {"submission_id": str(uuid.uuid4()), "name": "Ana Mentor", "kind": "mentor", "lived_experience": "no"}
    assert client.post("/mentoring/mentors/new/", data).status_code == 302
    mentor = Mentor.objects.get()
    page = client.get("/mentoring/mentors/").content.decode()
    assert "Ana Mentor" in page and "Mark unavailable" in page
    assert client.post(f"/mentoring/mentors/{mentor.pk}/unavailable/", {"reason": "Left"}).status_code == 302
    page = client.post(f"/mentoring/mentors/{mentor.pk}/unavailable/", {"reason": ""}).content.decode()
    assert "Ana Mentor is already marked as unavailable" in page
    assert "Unavailable" in client.get("/mentoring/mentors/").content.decode()
