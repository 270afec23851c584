"""The surveys list (voice:surveys) reads each row's version, status and responses counted in the
page's own query: a page of 12 surveys costs the same queries as a page of 3."""

from __future__ import annotations

import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from voice import services
from voice.constants import Channel
from voice.tests.helpers import involvement_lead, published_survey

pytestmark = pytest.mark.django_db


def submit(survey, overall_why: str = "") -> None:
    answers = {"overall": "good", "food": "yes"}
    if overall_why:
        answers["overall_why"] = overall_why
    services.response_submit(
        survey_id=survey.pk,
        version_number=1,
        answers=answers,
        submission_id=str(uuid.uuid4()),
        channel=Channel.KIOSK,
    )


def add_surveys(lead, n: int) -> None:
    """Open surveys with responses (one of them held for safeguarding, one restricted), a draft
    and a closed one, in turn."""
    for i in range(n):
        kind = i % 3
        if kind == 2:
            services.survey_create(acting_user=lead, title=f"Draft {i}", audience="in_custody", eligibility="open")
            continue
        survey = published_survey(lead=lead, title=f"Survey {i}")
        submit(survey)
        submit(survey)
        submit(survey, "Some days I want to end it all")  # held until reviewed
        submit(survey, "Officer Bloggs punched me on the landing")  # restricted
        if kind == 1:
            services.survey_close(acting_user=lead, survey_id=survey.pk)


def queries_for_list(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("voice:surveys"))
    assert response.status_code == 200
    return len(captured), re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_list_costs_the_same_queries_for_3_and_12_surveys(client):
    lead = involvement_lead()
    client.force_login(lead)
    add_surveys(lead, 3)
    few, page = queries_for_list(client)
    assert "3 surveys" in page
    add_surveys(lead, 9)
    many, page = queries_for_list(client)
    assert "12 surveys" in page
    assert many == few, f"{few} queries for 3 surveys, {many} for 12"


def test_the_list_counts_only_responses_that_count(client):
    lead = involvement_lead()
    client.force_login(lead)
    add_surveys(lead, 3)
    response = client.get(reverse("voice:surveys"))
    cells = re.findall(r'govuk-table__cell--numeric">(?:<a[^>]*>)?(\d+)', response.content.decode())
    # Open and closed: 2 counted of 4 (one held for safeguarding, one restricted); the draft: 0.
    assert sorted(cells) == ["0", "2", "2"]
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert "Open" in page and "Closed" in page and "Draft" in page and "Not published yet" in page
