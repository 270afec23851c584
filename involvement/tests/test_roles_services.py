"""Lived-experience roles: adding and ending, with clear refusals that change nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.constants import Role
from audit.models import Event
from involvement import activity_services as services
from involvement.models import LivedExperienceRole
from involvement.tests import helpers_activities as helpers
from involvement.tests.helpers_activities import days, snapshot
from tests.factories import UserFactory

prison, lead, other_lead, admin, person = (
    helpers.prison,
    helpers.lead,
    helpers.other_lead,
    helpers.admin,
    helpers.person,
)


def add(user, **overrides):
    values = {
        "organisation_id": None,
        "identifier": "Z1234AB",
        "title": "Peer mentor",
        "kind": "paid",
        "pay_pounds": "12.21",
        "hours_per_week": "7.5",
        "starts_on": days(-30),
        "description": "Meets people in their first week",
    }
    values.update(overrides)
    return services.role_add(acting_user=user, **values)


def refused(call, **kwargs) -> ValidationError:
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    assert snapshot() == before
    return caught.value


def test_a_paid_role(lead, person, prison):
    role = add(lead)
    assert (role.organisation, role.person, role.pay_pence_per_hour, str(role.hours_per_week)) == (
        prison,
        person,
        1221,
        "7.5",
    )
    assert Event.objects.filter(record_type="involvement_role", person_id=person.pk).exists()


def test_a_volunteer_role_needs_no_pay(lead, person):
    role = add(lead, kind="volunteer", pay_pounds="", hours_per_week="")
    assert role.pay_pence_per_hour is None and role.hours_per_week is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"pay_pounds": ""}, "pay", "Enter the pay per hour for a paid role"),
        ({"pay_pounds": "0"}, "pay", "Enter an amount in pounds more than 0, like 12.50"),
        ({"kind": "unpaid"}, "kind", "Select paid or volunteer"),
        ({"title": ""}, "title", "Enter the role"),
        ({"identifier": "Z0000ZZ"}, "identifier", None),
        ({"starts_on": None}, "starts_on", "Enter the date the role starts"),
        ({"ends_on": days(-31)}, "ends_on", "The end date must be on or after the start date"),
        ({"hours_per_week": "lots"}, "hours_per_week", None),
        ({"hours_per_week": "200"}, "hours_per_week", None),
    ],
)
def test_bad_roles_are_refused(lead, person, overrides, field, message):
    error = refused(add, user=lead, **overrides)
    assert field in error.message_dict
    if message:
        assert error.message_dict[field] == [message]


def test_only_involvement_leads_and_administrators(prison, person):
    with pytest.raises(PermissionDenied):
        add(UserFactory(role=Role.PRISON_STAFF, organisation=prison))


def test_end_a_role(lead, person):
    role = add(lead)
    services.role_end(acting_user=lead, role_id=role.pk, ends_on=days(-1), end_reason="released")
    role.refresh_from_db()
    assert (role.ends_on, role.end_reason) == (days(-1), "released")
    error = refused(services.role_end, acting_user=lead, role_id=role.pk, ends_on=days(0), end_reason="other")
    assert error.messages == ["This role has already ended"]


@pytest.mark.parametrize(
    ("ends_on", "reason", "field"),
    [(None, "released", "ends_on"), (-31, "released", "ends_on"), (-1, "fired", "end_reason")],
)
def test_bad_endings_are_refused(lead, person, ends_on, reason, field):
    role = add(lead)
    error = refused(
        services.role_end,
        acting_user=lead,
        role_id=role.pk,
        ends_on=None if ends_on is None else days(ends_on),
        end_reason=reason,
    )
    assert field in error.message_dict


def test_another_organisations_role_does_not_exist(lead, other_lead, person):
    role = add(lead)
    with pytest.raises(LivedExperienceRole.DoesNotExist):
        services.role_end(acting_user=other_lead, role_id=role.pk, ends_on=days(0), end_reason="other")
