"""voice.selectors.fft_answer_counts: the overall-experience answers of counted responses, by place
and month, whatever the question's id (one with "__" in it too), never a held or restricted one."""

from __future__ import annotations

import datetime
import hashlib

import pytest

from accounts.constants import Role
from tests.factories import EstablishmentFactory, UserFactory
from voice.models import Response, SafeguardingAlert, Survey, SurveyVersion
from voice.selectors import fft_answer_counts

pytestmark = pytest.mark.django_db
MONTH = datetime.date(2025, 4, 1)


def survey_with(question_id, prison, user, answers):
    survey = Survey.objects.create(
        title="Your say", owner=prison, about=prison, audience="in_custody", eligibility="open", created_by=user
    )
    version = SurveyVersion.objects.create(
        survey=survey,
        number=1,
        definition={"questions": [{"id": question_id, "type": "fft", "required": True, "text": {}, "easy_read": {}}]},
        created_by=user,
    )
    made = []
    for index, value in enumerate(answers):
        made.append(
            Response.objects.create(
                version=version,
                organisation=prison,
                month=MONTH,
                channel="paper",
                answers={question_id: value},
                submission_digest=hashlib.sha256(f"{question_id}-{index}".encode()).hexdigest(),
            )
        )
    return made


@pytest.mark.parametrize("question_id", ["overall", "how__was_it"])
def test_answers_are_counted_by_place_month_and_answer_whatever_the_id(question_id):
    prison = EstablishmentFactory()
    user = UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=prison)
    made = survey_with(question_id, prison, user, ["good", "good", "poor", "very_good"])
    made[3].restricted = True
    made[3].save()
    SafeguardingAlert.objects.create(response=made[2], organisation=prison, concerns=["self_harm"], raised_on=MONTH)
    rows = fft_answer_counts(month_from=MONTH, month_to=MONTH)
    assert [(r["organisation_id"], r["month"], r["value"], r["n"]) for r in rows] == [(prison.pk, MONTH, "good", 2)]
