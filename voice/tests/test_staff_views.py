"""The safer custody team's alerts and professional standards' restricted route (voice/views/staff.py)."""

from __future__ import annotations

import uuid
from html import unescape

import pytest
from django.urls import reverse

from accounts.constants import Role
from audit.models import Event
from tests.factories import EstablishmentFactory, UserFactory
from voice.constants import Channel
from voice.models import SafeguardingAlert
from voice.selectors import survey_results
from voice.services import response_submit
from voice.tests.helpers import published_survey

pytestmark = pytest.mark.django_db

SELF_HARM = "Some days I want to end it all"
ALLEGATION = "Officer Testman punched me on the landing"


def text(response) -> str:
    return unescape(response.content.decode())


def say(survey, words):
    response_submit(
        survey_id=survey.pk,
        version_number=1,
        answers={"overall": "poor", "overall_why": words, "food": "yes"},
        submission_id=str(uuid.uuid4()),
        channel=Channel.KIOSK,
    )


@pytest.fixture
def survey():
    return published_survey(title="Life on the wing")


def test_only_the_safer_custody_team_sees_alerts(client, survey):
    say(survey, SELF_HARM)
    alert = SafeguardingAlert.objects.get()
    for user in (
        UserFactory(role=Role.PRISON_STAFF, organisation=survey.about),
        UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=survey.about),
        UserFactory(role=Role.ADMINISTRATOR),
    ):
        client.force_login(user)
        assert client.get(reverse("voice:alerts")).status_code == 403
        assert client.get(reverse("voice:alert-review", args=[alert.pk])).status_code == 403


def test_the_alert_shows_the_words_the_service_the_day_and_the_concerns(client, survey):
    say(survey, SELF_HARM)
    say(survey, "The gym is good")
    client.force_login(UserFactory(organisation=survey.about, safer_custody=True))
    page = text(client.get(reverse("voice:alerts")))
    assert "1 waiting to be read" in page
    assert SELF_HARM in page and survey.about.name in page and "Self-harm or suicide" in page
    assert "Life on the wing" in page and "The gym is good" not in page
    assert "Record what you did" in page


def test_an_alert_at_another_prison_is_not_theirs(client, survey):
    say(survey, SELF_HARM)
    alert = SafeguardingAlert.objects.get()
    client.force_login(UserFactory(organisation=EstablishmentFactory(), safer_custody=True))
    page = text(client.get(reverse("voice:alerts")))
    assert "There are no alerts waiting" in page and SELF_HARM not in page
    assert client.get(reverse("voice:alert-review", args=[alert.pk])).status_code == 404
    assert client.post(reverse("voice:alert-review", args=[alert.pk]), {"action_taken": "x"}).status_code == 404
    alert.refresh_from_db()
    assert alert.reviewed_at is None


@pytest.mark.parametrize(
    ("words", "message"), [("   ", "Say what you did"), ("x" * 2001, "Write 2,000 characters or fewer")]
)
def test_recording_nothing_or_too_much_is_refused_and_the_response_stays_held(client, survey, words, message):
    say(survey, SELF_HARM)
    alert = SafeguardingAlert.objects.get()
    client.force_login(UserFactory(organisation=survey.about, safer_custody=True))
    response = client.post(reverse("voice:alert-review", args=[alert.pk]), {"action_taken": words})
    assert response.status_code == 200
    assert "There is a problem" in text(response) and message in text(response)
    alert.refresh_from_db()
    assert alert.reviewed_at is None
    assert survey_results(survey).responses == 0


def test_recording_what_was_done_releases_the_response_into_the_results(client, survey):
    say(survey, SELF_HARM)
    alert = SafeguardingAlert.objects.get()
    officer = UserFactory(organisation=survey.about, safer_custody=True, first_name="Sian", last_name="Safer")
    client.force_login(officer)
    page = text(client.get(reverse("voice:alert-review", args=[alert.pk])))
    assert SELF_HARM in page and "What did you do?" in page
    response = client.post(
        reverse("voice:alert-review", args=[alert.pk]), {"action_taken": "Opened an ACCT review on the wing"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("voice:alerts")
    alert.refresh_from_db()
    assert alert.reviewed_by == officer and alert.action_taken == "Opened an ACCT review on the wing"
    assert survey_results(survey).responses == 1
    page = text(client.get(reverse("voice:alerts")))
    assert "0 waiting to be read" in page and "Read and acted on" in page and "Sian Safer" in page
    # Reviewed once: the form is gone, and a second review is refused.
    page = text(client.get(reverse("voice:alert-review", args=[alert.pk])))
    assert "What did you do?" not in page
    response = client.post(reverse("voice:alert-review", args=[alert.pk]), {"action_taken": "Again"})
    assert "This alert has already been reviewed" in text(response)
    alert.refresh_from_db()
    assert alert.action_taken == "Opened an ACCT review on the wing"


def test_only_professional_standards_read_allegations_against_staff(client, survey):
    say(survey, ALLEGATION)
    say(survey, "The food is cold")
    for user in (
        UserFactory(role=Role.ADMINISTRATOR),
        UserFactory(organisation=survey.about, safer_custody=True),
        survey.created_by,
    ):
        client.force_login(user)
        assert client.get(reverse("voice:restricted")).status_code == 403
    reader = UserFactory(role=Role.PRISON_STAFF, professional_standards=True)
    client.force_login(reader)
    page = text(client.get(reverse("voice:restricted")))
    assert ALLEGATION in page and "The food is cold" not in page
    assert "1 response" in page and survey.about.name in page and "Life on the wing" in page
    # Who read the route is recorded; which response is not.
    event = Event.objects.get(record_type="restricted_responses")
    assert event.actor == reader and event.record_id == ""
