"""Issue 14, §2: every free-text answer is redacted when it is stored, on every channel, before it
is sealed; the words as written are kept only for the teams that must read them."""

from __future__ import annotations

import uuid
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from accounts.constants import Role
from tests.factories import UserFactory
from voice.constants import Channel
from voice.mixing_services import responses_mix
from voice.models import ProtectedWords, Response, SafeguardingAlert, SealedResponse
from voice.services import alert_review, response_submit
from voice.tests.helpers import published_survey
from yousaid import services as yousaid_services
from yousaid.constants import Source

pytestmark = pytest.mark.django_db

IDENTIFYING = "Officer John Smith said my number A1234BC is wrong, ring my mum on 07700 900123"
REDACTED = "[STAFF MEMBER] said my number [PRISON NUMBER] is wrong, ring my mum on [PHONE]"


def text(response) -> str:
    return unescape(response.content.decode())


def say(survey, words, *, overall="poor"):
    return response_submit(
        survey_id=survey.pk,
        version_number=1,
        answers={"overall": overall, "overall_why": words, "food": "yes"},
        submission_id=str(uuid.uuid4()),
        channel=Channel.KIOSK,
    )


def every_stored_byte() -> str:
    """What an attacker reading the tables sees: every row of the response tables, as text."""
    found = []
    with connection.cursor() as cursor:
        for model in (Response, SealedResponse, ProtectedWords):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")  # noqa: S608 - names from the models
            found += [repr(row) for row in cursor.fetchall()]
    return "\n".join(found)


@pytest.fixture
def survey():
    return published_survey(title="Life on the wing")


def test_an_ordinary_answer_is_stored_redacted_and_its_words_as_written_are_kept_nowhere(client, survey):
    say(survey, IDENTIFYING)
    stored = Response.objects.get()
    assert stored.answers["overall_why"] == REDACTED
    assert not ProtectedWords.objects.exists()
    stored_bytes = every_stored_byte()
    for words in ("Smith", "A1234BC", "07700"):
        assert words not in stored_bytes
    client.force_login(survey.created_by)
    results = text(client.get(reverse("voice:survey-results", args=[survey.pk])))
    assert REDACTED in results and "Smith" not in results


def test_a_sealed_answer_is_redacted_before_it_is_sealed(settings, survey):
    settings.VOICE_MIX_BATCH = 5
    say(survey, IDENTIFYING)
    assert SealedResponse.objects.count() == 1 and not Response.objects.exists()
    responses_mix(minimum=1)
    assert Response.objects.get().answers["overall_why"] == REDACTED


def test_an_alert_keeps_the_words_as_written_for_safer_custody_and_results_show_them_redacted(client, survey):
    words = "I want to kill myself, my number is A1234BC and Officer Dale knows"
    say(survey, words)
    alert = SafeguardingAlert.objects.get()
    assert (
        alert.response.answers["overall_why"]
        == "I want to kill myself, my number is [PRISON NUMBER] and [STAFF MEMBER] knows"
    )
    assert ProtectedWords.objects.get(response=alert.response).answers == {"overall_why": words}
    officer = UserFactory(organisation=survey.about, safer_custody=True)
    client.force_login(officer)
    assert words in text(client.get(reverse("voice:alerts")))
    alert_review(acting_user=officer, alert_id=alert.pk, action_taken="Spoke to the wing; ACCT opened")
    client.force_login(survey.created_by)
    results = text(client.get(reverse("voice:survey-results", args=[survey.pk])))
    assert "A1234BC" not in results and "Dale" not in results


def test_a_sealed_allegation_keeps_its_words_for_professional_standards_alone(client, survey, settings):
    settings.VOICE_MIX_BATCH = 2
    words = "Officer Dale falsified my adjudication and lied about it"
    say(survey, words)
    assert not ProtectedWords.objects.exists()  # nothing in arrival order: it waits sealed
    say(survey, "The gym is good", overall="good")
    allegation = Response.objects.get(restricted=True)
    assert allegation.answers["overall_why"] == "[STAFF MEMBER] falsified my adjudication and lied about it"
    assert ProtectedWords.objects.get(response=allegation).answers == {"overall_why": words}
    client.force_login(UserFactory(role=Role.PRISON_STAFF, professional_standards=True))
    assert words in text(client.get(reverse("voice:restricted")))


def test_words_copied_or_typed_into_an_issue_reach_the_public_board_redacted(client, survey):
    lead = survey.created_by
    issue = yousaid_services.issue_raise(
        acting_user=lead,
        organisation_id=None,
        source=Source.BY_HAND,
        said="Mr Pryce on A wing never answers cell bells",
    )
    assert issue.said == "[NAME] on A wing never answers cell bells"


def test_stored_answers_are_redacted_by_the_command_once_keeping_words_for_restricted_readers(survey):
    version = survey.versions.get()
    plain = Response.objects.create(
        version=version,
        month=survey.created_at.date().replace(day=1),
        channel=Channel.KIOSK,
        answers={"overall": "poor", "overall_why": IDENTIFYING},
        submission_digest=uuid.uuid4().hex,
    )
    restricted = Response.objects.create(
        version=version,
        month=plain.month,
        channel=Channel.KIOSK,
        restricted=True,
        answers={"overall": "poor", "overall_why": "Officer Dale lied about me"},
        submission_digest=uuid.uuid4().hex,
    )
    call_command("voice_redact_stored")
    plain.refresh_from_db()
    restricted.refresh_from_db()
    assert plain.answers["overall_why"] == REDACTED and not ProtectedWords.objects.filter(response=plain).exists()
    assert restricted.answers["overall_why"] == "[STAFF MEMBER] lied about me"
    assert ProtectedWords.objects.get(response=restricted).answers == {"overall_why": "Officer Dale lied about me"}
    out = StringIO()
    call_command("voice_redact_stored", stdout=out)
    assert "Redacted 0 stored responses" in out.getvalue()
