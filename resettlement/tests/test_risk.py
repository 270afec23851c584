import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.constants import Role
from resettlement.constants import ConcernKind, RiskLevel
from resettlement.models import PlanAction, RiskAssessment, RiskConcern
from resettlement.plan_services import plan_action_add, risk_assess, risk_concern_add
from resettlement.selectors import risk_current, unmitigated_concerns
from tests.factories import CustodyEpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(role=Role.PRISON_STAFF)


@pytest.fixture
def person(officer):
    return CustodyEpisodeFactory(establishment=officer.organisation).person


def test_the_latest_assessment_is_current_and_earlier_ones_are_kept(officer, person):
    risk_assess(acting_user=officer, person_id=person.pk, expected_revision=None, rosh_level=RiskLevel.MEDIUM)
    risk_assess(
        acting_user=officer,
        person_id=person.pk,
        expected_revision=None,
        rosh_level=RiskLevel.HIGH,
        mappa_category="2",
        mappa_level="1",
    )
    current = risk_current(person=person)
    assert (current.rosh_level, current.mappa_category, current.mappa_level) == ("high", "2", "1")
    assert RiskAssessment.objects.count() == 2


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"rosh_level": ""}, "rosh_level", "Select the risk of serious harm"),
        ({"rosh_level": "low", "mappa_category": "2"}, "mappa_level", "Select the MAPPA level for this category"),
        (
            {"rosh_level": "low", "mappa_level": "3"},
            "mappa_category",
            "Select the MAPPA category this level applies to",
        ),
        (
            {"rosh_level": "low", "mappa_category": "9", "mappa_level": "1"},
            "mappa_category",
            "Select a MAPPA category from the list",
        ),
    ],
)
def test_bad_assessments_are_refused_and_change_nothing(officer, person, fields, field, message):
    with pytest.raises(ValidationError) as error:
        risk_assess(acting_user=officer, person_id=person.pk, expected_revision=None, **fields)
    assert error.value.message_dict[field] == [message]
    assert not RiskAssessment.objects.exists()


def test_a_concern_needs_an_owned_mitigation_before_the_plan_is_complete(officer, person):
    concern = risk_concern_add(
        acting_user=officer,
        person_id=person.pk,
        expected_revision=None,
        kind=ConcernKind.CHILD_SAFEGUARDING,
        description="No contact with a named child",
    )
    assert unmitigated_concerns(person=person) == [concern]
    action = plan_action_add(
        acting_user=officer,
        person_id=person.pk,
        expected_revision=None,
        description="Check the release address with children's services",
        owner_id=officer.organisation_id,
        assignee_id=officer.pk,
        due_on=timezone.localdate() + datetime.timedelta(days=5),
        concern_id=concern.pk,
    )
    assert (action.concern, action.pathway) == (concern, "")
    assert unmitigated_concerns(person=person) == []


def test_a_concern_must_be_described(officer, person):
    with pytest.raises(ValidationError, match="Describe the concern"):
        risk_concern_add(
            acting_user=officer,
            person_id=person.pk,
            expected_revision=None,
            kind=ConcernKind.DOMESTIC_ABUSE,
            description=" ",
        )
    assert not RiskConcern.objects.exists()


def test_an_action_with_neither_pathway_nor_concern_is_refused(officer, person):
    with pytest.raises(ValidationError, match="Select the pathway"):
        plan_action_add(
            acting_user=officer,
            person_id=person.pk,
            expected_revision=None,
            description="Something",
            owner_id=officer.organisation_id,
            assignee_id=officer.pk,
            due_on=timezone.localdate(),
        )
    assert not PlanAction.objects.exists()


@pytest.mark.parametrize("role", [Role.PARTNER_CASEWORKER, Role.INVOLVEMENT_LEAD, Role.COMMISSIONER])
def test_only_prison_and_probation_staff_record_risk(person, role):
    with pytest.raises(PermissionDenied):
        risk_assess(acting_user=UserFactory(role=role), person_id=person.pk, expected_revision=None, rosh_level="low")


def test_the_risk_section_shows_to_prison_staff_but_not_to_an_administrator_without_edit_rights(
    client, officer, person
):
    risk_assess(acting_user=officer, person_id=person.pk, expected_revision=None, rosh_level=RiskLevel.VERY_HIGH)
    client.force_login(officer)
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Risk and public protection" in page and "Very high" in page
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    admin_page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Very high" in admin_page and "Record a risk assessment" not in admin_page


def test_recording_risk_and_a_mitigated_concern_through_the_pages(client, officer, person):
    client.force_login(officer)
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Risk of serious harm has not been assessed." in page
    empty = client.post(reverse("resettlement:risk-assessment", args=[person.pk]), {"revision": 0}).content.decode()
    assert "Select the risk of serious harm" in empty
    half = client.post(
        reverse("resettlement:risk-assessment", args=[person.pk]),
        {"revision": 0, "rosh_level": "high", "mappa_category": "2"},
    ).content.decode()
    assert "Select the MAPPA level for this category" in half and not RiskAssessment.objects.exists()
    done = client.post(
        reverse("resettlement:risk-assessment", args=[person.pk]),
        {"revision": 0, "rosh_level": "high", "mappa_category": "2", "mappa_level": "2"},
    )
    assert done.status_code == 302
    assert (
        "Describe the concern"
        in client.post(
            reverse("resettlement:concern-new", args=[person.pk]), {"revision": 1, "kind": "victim_contact"}
        ).content.decode()
    )
    client.post(
        reverse("resettlement:concern-new", args=[person.pk]),
        {"revision": 1, "kind": "victim_contact", "description": "Victim lives near the release address"},
    )
    concern = RiskConcern.objects.get()
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "1 concern has no mitigating action." in page and "Category 2: violent offender" in page
    form = client.get(reverse("resettlement:action-new", args=[person.pk]) + f"?concern={concern.pk}").content.decode()
    assert f'<option value="{concern.pk}" selected>' in form
    due = timezone.localdate() + datetime.timedelta(days=3)
    response = client.post(
        reverse("resettlement:action-new", args=[person.pk]),
        {
            "revision": 2,
            "concern": concern.pk,
            "need": "",
            "pathway": "",
            "description": "Exclusion zone on the licence",
            "owner": officer.organisation_id,
            "assignee": officer.pk,
            "due_on_day": due.day,
            "due_on_month": due.month,
            "due_on_year": due.year,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "has no mitigating action" not in page and "Mitigation: Exclusion zone on the licence" in page
