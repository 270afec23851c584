import datetime

import pytest
from django.utils import timezone

from accounts.constants import Role
from mentoring.constants import MentorKind
from mentoring.services import allocation_add, mentor_add
from tests.factories import CustodyEpisodeFactory, ProviderFactory, UserFactory

TODAY = timezone.localdate()
GOALS = "To get back in touch with my daughter and find steady work"


def ago(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def officer(db):
    return UserFactory(role=Role.PRISON_STAFF, first_name="Olu", last_name="Officer")


@pytest.fixture
def provider(db):
    return ProviderFactory(name="Wold Mentoring Trust")


@pytest.fixture
def caseworker(provider):
    return UserFactory(role=Role.PARTNER_CASEWORKER, organisation=provider, first_name="Carys", last_name="Case")


@pytest.fixture
def mentor(caseworker):
    return mentor_add(acting_user=caseworker, name="Rhys Peer", kind=MentorKind.PEER_MENTOR, lived_experience=True)


@pytest.fixture
def episode(officer):
    return CustodyEpisodeFactory(establishment=officer.organisation, received_on=ago(400))


@pytest.fixture
def person(episode):
    return episode.person


@pytest.fixture
def allocation(officer, person, mentor):
    return allocation_add(
        acting_user=officer, person_id=person.pk, mentor_id=mentor.pk, started_on=ago(60), goals=GOALS, consent=True
    )
