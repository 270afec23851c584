"""Submitting answers, passes, closing and safeguarding (voice/services.py)."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import ServiceUserFactory, UserFactory
from voice import mixing_services, services
from voice.constants import Audience, Channel, Concern, Eligibility
from voice.definition import AnswersError
from voice.models import EligibilitySpend, EligibilityToken, Response, SafeguardingAlert, SurveyVersion
from voice.selectors import survey_results
from voice.tests.helpers import involvement_lead, published_survey

pytestmark = pytest.mark.django_db

GOOD = {"overall": "good", "overall_why": "The library is open more", "food": "yes"}


def submit(survey, **overrides):
    version = survey.versions.get(published_at__isnull=False)
    kwargs = {
        "survey_id": survey.pk,
        "version_number": version.number,
        "answers": GOOD,
        "submission_id": str(uuid.uuid4()),
        "channel": Channel.KIOSK,
    }
    kwargs.update(overrides)
    return services.response_submit(**kwargs)


def test_answers_are_stored_with_coarse_context_only():
    survey = published_survey()
    result = submit(survey)
    assert not result.duplicate
    response = Response.objects.get()
    assert response.month.day == 1
    assert response.organisation == survey.about
    assert response.answers == GOOD
    assert response.named_person is None and response.entered_by is None


def test_the_same_submission_is_stored_once():
    survey = published_survey()
    submission_id = str(uuid.uuid4())
    assert not submit(survey, submission_id=submission_id).duplicate
    assert submit(survey, submission_id=submission_id).duplicate
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({"overall_why": "fine", "food": "yes"}, "required"),
        ({"overall": "brilliant", "food": "yes"}, "not_an_option"),
        ({"overall": "good", "food": ["yes"]}, "not_an_option"),
        ({"overall": "good", "food": "yes", "food_why": "more"}, "skipped"),
        ({"overall": "good", "food": "yes", "shoes": "size 9"}, "unknown_question"),
        ("overall=good", "malformed"),
    ],
)
def test_malformed_answers_are_refused_and_change_nothing(answers, code):
    survey = published_survey()
    with pytest.raises(AnswersError) as raised:
        submit(survey, answers=answers)
    assert raised.value.code == code
    assert Response.objects.count() == 0


def test_a_closed_or_unknown_survey_is_refused():
    survey = published_survey()
    services.survey_close(acting_user=survey.created_by, survey_id=survey.pk)
    with pytest.raises(services.SurveyNotOpen):
        submit(survey)
    with pytest.raises(services.SurveyNotOpen):
        submit(survey, survey_id=survey.pk + 1000)
    assert Response.objects.count() == 0


def test_a_draft_version_cannot_be_answered():
    survey = published_survey()
    services.survey_questions_save(
        acting_user=survey.created_by,
        survey_id=survey.pk,
        questions=[{"id": "overall", "type": "fft", "required": True}],
        based_on=1,
    )
    assert SurveyVersion.objects.filter(survey=survey).count() == 2
    with pytest.raises(services.SurveyNotOpen):
        submit(survey, version_number=2, answers={"overall": "good"})
    # Answers given under version 1 are still taken after a new version is drafted.
    assert not submit(survey).duplicate


def test_one_pass_per_person_and_each_pass_once():
    survey = published_survey(eligibility=Eligibility.ONE_PER_PERSON)
    person = ServiceUserFactory()
    token = services.eligibility_pass_issue(person_id=person.pk, survey_id=survey.pk)
    with pytest.raises(services.PassRefused):
        submit(survey)  # no pass
    submit(survey, token=token)
    with pytest.raises(services.AlreadyAnswered):  # spent with the answers (issue 15, break 11)
        services.eligibility_pass_issue(person_id=person.pk, survey_id=survey.pk)
    with pytest.raises(services.PassRefused):
        submit(survey, token=token)  # the same pass again, in a new submission
    assert Response.objects.count() == 1
    assert EligibilityToken.objects.count() == 0
    assert EligibilitySpend.objects.count() == 1


def test_words_about_self_harm_raise_an_alert_and_hold_the_response():
    survey = published_survey()
    result = submit(survey, answers={**GOOD, "overall_why": "Some days I want to end it all"})
    assert result.routed_to_safer_custody
    alert = SafeguardingAlert.objects.get()
    assert alert.concerns == [Concern.SELF_HARM]
    assert survey_results(survey).responses == 0
    safer = UserFactory(organisation=survey.about, safer_custody=True)
    services.alert_review(acting_user=safer, alert_id=alert.pk, action_taken="Opened an ACCT review on the wing")
    assert survey_results(survey).responses == 1


def test_only_the_safer_custody_team_reviews_alerts_and_says_what_they_did():
    survey = published_survey()
    submit(survey, answers={**GOOD, "overall_why": "He said he will stab someone"})
    alert = SafeguardingAlert.objects.get()
    with pytest.raises(PermissionDenied):
        services.alert_review(acting_user=UserFactory(organisation=survey.about), alert_id=alert.pk, action_taken="x")
    safer = UserFactory(organisation=survey.about, safer_custody=True)
    with pytest.raises(ValidationError):
        services.alert_review(acting_user=safer, alert_id=alert.pk, action_taken="  ")
    alert.refresh_from_db()
    assert alert.reviewed_at is None


def test_an_allegation_against_staff_is_restricted_and_never_counted():
    survey = published_survey()
    result = submit(survey, answers={**GOOD, "overall_why": "Officer Bloggs punched me on the landing"})
    assert result.signpost_complaints
    assert Response.objects.get().restricted
    assert survey_results(survey).responses == 0


def test_fft_score_is_percent_positive_and_negative():
    survey = published_survey()
    for rating in ("very_good", "good", "poor", "dont_know"):
        submit(survey, answers={"overall": rating, "food": "yes"})
    results = survey_results(survey)
    assert (results.fft_answered, results.fft_positive, results.fft_negative) == (4, 50.0, 25.0)


def test_paper_needs_staff_who_may_enter_it_and_records_them():
    survey = published_survey(eligibility=Eligibility.ONE_PER_PERSON)
    with pytest.raises(PermissionDenied):
        submit(survey, channel=Channel.PAPER)
    lead = survey.created_by
    submit(survey, channel=Channel.PAPER, entered_by=lead)
    assert Response.objects.get().entered_by == lead


def test_families_surveys_are_open_to_anyone():
    lead = involvement_lead()
    with pytest.raises(ValidationError):
        services.survey_create(
            acting_user=lead, title="Visits", audience=Audience.FAMILIES, eligibility=Eligibility.ONE_PER_PERSON
        )


def test_stale_question_edits_are_refused():
    survey = published_survey()
    questions = [{"id": "overall", "type": "fft", "required": True}]
    services.survey_questions_save(acting_user=survey.created_by, survey_id=survey.pk, questions=questions, based_on=1)
    with pytest.raises(ValidationError) as raised:
        services.survey_questions_save(
            acting_user=survey.created_by, survey_id=survey.pk, questions=questions, based_on=1
        )
    assert raised.value.code == "stale"


@pytest.mark.django_db(transaction=True)
def test_the_usual_submission_is_one_insert_in_autocommit_and_a_replay_leaves_the_connection_usable(monkeypatch):
    from django.db import connection

    survey = published_survey()
    submission_id = str(uuid.uuid4())
    inserts = []
    seal = mixing_services.response_seal

    def watched(row, **kwargs):
        inserts.append((connection.in_atomic_block, connection.get_autocommit()))
        return seal(row, **kwargs)

    monkeypatch.setattr(mixing_services, "response_seal", watched)
    assert not submit(survey, submission_id=submission_id).duplicate
    assert inserts == [(False, True)], "one INSERT, in autocommit, with no transaction around it"
    assert submit(survey, submission_id=submission_id).duplicate
    assert Response.objects.count() == 1  # and the connection still answers after the refused INSERT


def test_inside_a_callers_transaction_a_replay_does_not_break_it():
    from django.db import transaction

    survey = published_survey()
    submission_id = str(uuid.uuid4())
    with transaction.atomic():
        assert not submit(survey, submission_id=submission_id).duplicate
        assert submit(survey, submission_id=submission_id).duplicate
        assert Response.objects.count() == 1


def test_a_response_and_its_alert_are_written_together_or_not_at_all(monkeypatch):
    survey = published_survey()

    def fail(**kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(SafeguardingAlert.objects, "create", fail)
    with pytest.raises(RuntimeError):
        submit(survey, answers={**GOOD, "overall_why": "I want to kill myself"})
    assert Response.objects.count() == 0


def test_a_survey_closed_after_answers_were_taken_refuses_and_stores_nothing():
    survey = published_survey()
    submit(survey)
    services.survey_close(acting_user=survey.created_by, survey_id=survey.pk)
    with pytest.raises(services.SurveyNotOpen) as refused:
        submit(survey)
    assert refused.value.code == "closed"
    assert Response.objects.count() == 1


def test_a_survey_past_its_closing_date_refuses(monkeypatch):
    import datetime

    survey = published_survey()
    Survey = type(survey)
    Survey.objects.filter(pk=survey.pk).update(closes_on=services._today())
    submit(survey)
    monkeypatch.setattr(services, "_today", lambda: datetime.date.today() + datetime.timedelta(days=1))
    with pytest.raises(services.SurveyNotOpen):
        submit(survey)
    assert Response.objects.count() == 1
