"""The navigation's duty links (config/navigation.py): safer custody and professional standards are
marks on a member of staff, not roles, and each brings its own page into the navigation."""

from __future__ import annotations

import pytest

from accounts.constants import Role
from config.navigation import navigation_for
from tests.factories import EstablishmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def texts(user, view_name=""):
    return [item["text"] for item in navigation_for(user, view_name)]


def test_duty_marks_bring_their_pages():
    prison = EstablishmentFactory()
    officer = UserFactory(role=Role.PRISON_STAFF, organisation=prison)
    assert "Safeguarding alerts" not in texts(officer) and "Restricted" not in texts(officer)
    officer.safer_custody = True
    assert "Safeguarding alerts" in texts(officer)
    officer.professional_standards = True
    assert "Restricted" in texts(officer)


def test_only_the_current_voice_page_is_active():
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=EstablishmentFactory())
    active = [item["text"] for item in navigation_for(lead, "voice:survey-results") if item["active"]]
    assert active == ["Surveys"]


def test_involvement_leads_reach_activities_and_commissioners_the_report():
    lead = UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=EstablishmentFactory())
    commissioner = UserFactory(role=Role.COMMISSIONER)
    officer = UserFactory(role=Role.PRISON_STAFF, organisation=EstablishmentFactory())
    by_text = {item["text"]: item for item in navigation_for(lead, "involvement:research-project")}
    assert by_text["Involvement"]["href"] == "/involvement/activities/" and by_text["Involvement"]["active"]
    by_text = {item["text"]: item for item in navigation_for(commissioner)}
    assert by_text["Involvement"]["href"] == "/involvement/report/"
    assert "Involvement" not in texts(officer)


def test_commissioners_reach_the_outcomes_and_case_workers_reach_them_from_home():
    commissioner = UserFactory(role=Role.COMMISSIONER)
    officer = UserFactory(role=Role.PRISON_STAFF, organisation=EstablishmentFactory())
    by_text = {item["text"]: item for item in navigation_for(commissioner, "accountability:scorecards-place")}
    assert by_text["Outcomes"]["href"] == "/scorecards/" and by_text["Outcomes"]["active"]
    assert "Outcomes" not in texts(officer)
