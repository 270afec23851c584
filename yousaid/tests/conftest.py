import datetime
import uuid

import pytest
from django.utils import timezone

from accounts.constants import Role
from tests.factories import EstablishmentFactory, RegionFactory, ServiceUserFactory, UserFactory
from voice.models import Response, Survey, SurveyVersion
from yousaid.constants import Source
from yousaid.services import issue_raise

TODAY = timezone.localdate()
WORDS = "The showers on C wing have been cold for a month"

DEFINITION = {
    "questions": [
        {"id": "overall", "type": "fft", "required": True, "text": {}, "easy_read": {}},
        {"id": "overall_why", "type": "text", "required": False, "text": {"en": "Why?"}, "easy_read": {}},
    ]
}


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def feedback_response(organisation, *, words=WORDS, restricted=False, named_person=None, lead=None):
    lead = lead or UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=organisation)
    survey = Survey.objects.create(
        title="Life on the wing", owner=organisation, audience="in_custody", eligibility="open", created_by=lead
    )
    version = SurveyVersion.objects.create(
        survey=survey, number=1, definition=DEFINITION, created_by=lead, published_at=timezone.now(), published_by=lead
    )
    return Response.objects.create(
        version=version,
        organisation=organisation,
        month=TODAY.replace(day=1),
        channel="kiosk",
        answers={"overall": "poor", "overall_why": words},
        submission_digest=uuid.uuid4().hex,
        restricted=restricted,
        named_person=named_person,
    )


@pytest.fixture
def region(db):
    return RegionFactory(name="Testshire and Wold")


@pytest.fixture
def prison(region):
    return EstablishmentFactory(name="HMP Testhaven", region=region)


@pytest.fixture
def lead(prison):
    return UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=prison, first_name="Ifan", last_name="Lead")


@pytest.fixture
def other_lead(db):
    return UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=EstablishmentFactory(name="HMP Elsewhere"))


@pytest.fixture
def admin(db):
    return UserFactory(role=Role.ADMINISTRATOR)


@pytest.fixture
def person(db):
    return ServiceUserFactory(given_name="Alex", family_name="Ashdown", prison_number="Z1234AB")


@pytest.fixture
def issue(lead):
    return issue_raise(acting_user=lead, organisation_id=None, source=Source.BY_HAND, said=WORDS)


@pytest.fixture
def named_issue(lead, person):
    return issue_raise(
        acting_user=lead, organisation_id=None, source=Source.COUNCIL, said=WORDS, named_identifier="z1234ab"
    )
