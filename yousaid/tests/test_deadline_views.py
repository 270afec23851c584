"""The response deadline page: a lead sets their own organisation's deadline, an administrator
any organisation's; bad input says why and changes nothing; issues already raised keep theirs."""

import pytest
from django.test import override_settings
from django.urls import reverse

from accounts.constants import Role
from audit.models import Event
from tests.factories import UserFactory
from yousaid import selectors, services, workdays
from yousaid.constants import Source
from yousaid.models import ResponseDeadline
from yousaid.tests.conftest import TODAY

URL = reverse("yousaid:deadline")


def test_the_list_links_to_the_deadline(client, lead):
    client.force_login(lead)
    assert URL in client.get(reverse("yousaid:list")).content.decode()


@override_settings(YOUSAID_RESPONSE_WORKING_DAYS=20)
def test_a_lead_sets_their_own_deadline_and_goes_back_to_the_default(client, lead, issue):
    client.force_login(lead)
    page = client.get(URL).content.decode()
    assert "20 working days, the default" in page
    assert 'inputmode="numeric"' in page and "working days</div>" in page  # the suffix
    assert "Issues already raised keep the deadline they were given" in page
    assert "Use the default" not in page  # nothing to go back to

    response = client.post(URL, {"working_days": " 10 "})
    assert response.status_code == 302 and response["Location"] == URL
    assert ResponseDeadline.objects.get(organisation=lead.organisation).working_days == 10
    assert selectors.response_working_days(lead.organisation_id) == 10
    page = client.get(URL).content.decode()
    assert "is now 10 working days" in page
    assert f"10 working days, set by {lead.organisation.name}" in page
    assert "Use the default (20 working days)" in page
    assert Event.objects.filter(record_type="yousaid_deadline", record_id=str(lead.organisation_id)).count() == 1

    # Issues already raised keep the deadline they were given; new ones get the new one.
    before = issue.response_due_on
    issue.refresh_from_db()
    assert issue.response_due_on == before
    new = services.issue_raise(acting_user=lead, organisation_id=None, source=Source.BY_HAND, said="Too hot")
    assert new.response_due_on == workdays.add_working_days(TODAY, 10)

    client.post(URL, {"working_days": "", "use_default": "yes"})
    assert not ResponseDeadline.objects.exists()
    assert "is now the default, 20 working days" in client.get(URL).content.decode()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Enter a number of working days from 1 to 120"),
        ("121", "Enter a number of working days from 1 to 120"),
        ("abc", "Enter the number of working days as a whole number, like 20"),
        ("2.5", "Enter the number of working days as a whole number, like 20"),
        ("-3", "Enter the number of working days as a whole number, like 20"),
        ("", "Enter the number of working days"),
        ("   ", "Enter the number of working days"),
    ],
)
def test_bad_input_says_why_and_changes_nothing(client, lead, value, message):
    services.deadline_set(acting_user=lead, organisation_id=lead.organisation_id, working_days=15)
    events = Event.objects.count()
    client.force_login(lead)
    response = client.post(URL, {"working_days": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert 'href="#id_working_days"' in page  # the summary links to the field
    assert ResponseDeadline.objects.get().working_days == 15
    assert Event.objects.count() == events


def test_a_lead_may_not_ask_for_another_organisations_deadline(client, lead, other_lead):
    client.force_login(lead)
    assert client.get(URL, {"organisation": other_lead.organisation_id}).status_code == 404
    assert client.post(f"{URL}?organisation={other_lead.organisation_id}", {"working_days": "5"}).status_code == 404
    assert client.get(URL, {"organisation": lead.organisation_id}).status_code == 200
    assert not ResponseDeadline.objects.exists()


def test_an_administrator_chooses_the_organisation(client, admin, lead, other_lead):
    client.force_login(admin)
    page = client.get(URL).content.decode()
    assert "Which organisation?" in page and other_lead.organisation.name in page
    url = f"{URL}?organisation={other_lead.organisation_id}"
    response = client.post(url, {"working_days": "30"})
    assert response["Location"] == url
    assert ResponseDeadline.objects.get().organisation == other_lead.organisation
    assert client.get(f"{URL}?organisation=999999").status_code == 404
    assert client.get(f"{URL}?organisation=abc").status_code == 404


@pytest.mark.parametrize("role", [Role.PRISON_STAFF, Role.COMMISSIONER, Role.PROBATION_PRACTITIONER])
def test_other_staff_are_refused(client, prison, role):
    client.force_login(UserFactory(role=role, organisation=prison))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"working_days": "5"}).status_code == 403
    assert not ResponseDeadline.objects.exists()


def test_signed_out_is_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302
