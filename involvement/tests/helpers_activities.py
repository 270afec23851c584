"""Synthetic involvement activities for the tests (invented titles, prison numbers starting Z)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from accounts.constants import Role
from involvement import activity_services as services
from involvement.constants import ActivityKind, RatingChannel
from involvement.models import Activity, ParticipantRating
from tests.factories import EstablishmentFactory, RegionFactory, ServiceUserFactory, UserFactory

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def log_activity(lead: Any, **overrides: Any) -> Activity:
    values: dict[str, Any] = {
        "organisation_id": None,
        "kind": ActivityKind.FOCUS_GROUP,
        "title": "Focus group on visits",
        "held_on": days(-7),
        "purpose": "Hear what families find hard about visits",
        "staff_rung": 4,
        "staff_rung_reason": "We asked for views and will decide ourselves",
        "other_participants": 2,
    }
    values.update(overrides)
    return services.activity_log(acting_user=lead, **values)


def add_person(lead: Any, activity: Activity, person: Any = None, **overrides: Any) -> Any:
    person = person or ServiceUserFactory()
    values = {"recognition": "voucher", "amount_pounds": "10.00"}
    values.update(overrides)
    services.activity_participant_add(
        acting_user=lead, activity_id=activity.pk, identifier=person.prison_number, **values
    )
    return person


def rate(activity: Activity, *rungs: int) -> None:
    ParticipantRating.objects.bulk_create(
        ParticipantRating(activity=activity, rung=r, channel=RatingChannel.SLIP) for r in rungs
    )


def snapshot() -> dict[str, list[Any]]:
    """Every involvement row that a refused write must leave as it was."""
    from audit.models import Event
    from involvement.models import LivedExperienceRole, Participant, RatingMark

    return {
        "activities": list(Activity.objects.order_by("pk").values()),
        "participants": list(Participant.objects.order_by("pk").values()),
        "ratings": sorted(ParticipantRating.objects.values_list("activity_id", "rung", "channel")),
        "marks": list(RatingMark.objects.values_list("digest", flat=True)),
        "roles": list(LivedExperienceRole.objects.order_by("pk").values()),
        "events": list(Event.objects.values_list("pk", flat=True)),
    }


# Fixtures, imported by the test modules that use them.


@pytest.fixture
def prison(db: Any) -> Any:
    return EstablishmentFactory(name="HMP Testhaven", region=RegionFactory(name="Testshire and Wold"))


@pytest.fixture
def lead(prison: Any) -> Any:
    return UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=prison, first_name="Ifan", last_name="Lead")


@pytest.fixture
def other_lead(db: Any) -> Any:
    return UserFactory(role=Role.INVOLVEMENT_LEAD, organisation=EstablishmentFactory(name="HMP Elsewhere"))


@pytest.fixture
def admin(db: Any) -> Any:
    return UserFactory(role=Role.ADMINISTRATOR)


@pytest.fixture
def person(db: Any) -> Any:
    return ServiceUserFactory(given_name="Alex", family_name="Ashdown", prison_number="Z1234AB", crn="Z123456")
