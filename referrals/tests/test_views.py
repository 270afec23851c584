import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.constants import Role
from audit.constants import Action
from audit.models import Event
from organisations.constants import Pathway
from referrals import services
from referrals.constants import ReferralStatus
from referrals.models import Referral
from resettlement.models import Need, PlanAction
from resettlement.plan_services import plan_action_add, plan_action_record_result
from tests.factories import ContractFactory, CustodyEpisodeFactory, EstablishmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    officer = UserFactory(role=Role.PRISON_STAFF, organisation=EstablishmentFactory())
    contract = ContractFactory(region=officer.organisation.region, pathways=[Pathway.ACCOMMODATION])
    partner = UserFactory(role=Role.PARTNER_CASEWORKER, organisation=contract.provider)
    person = CustodyEpisodeFactory(establishment=officer.organisation).person
    return officer, contract, partner, person


def _submission_id(response):
    return re.search(r'name="submission_id" value="([0-9a-f-]{36})"', response.content.decode()).group(1)


def _form(contract, submission_id, **overrides):
    data = {
        "submission_id": str(submission_id),
        "need": "",
        "pathway": Pathway.ACCOMMODATION,
        "contract": str(contract.pk),
        "details": "Somewhere to live",
        "desired_outcomes": "A tenancy\nA deposit paid",
    }
    data.update(overrides)
    return data


def test_sending_a_referral_from_the_form_and_resending_it_makes_one(client, world):
    officer, contract, _, person = world
    client.force_login(officer)
    submission_id = _submission_id(client.get(reverse("referrals:new", args=[person.pk])))
    response = client.post(reverse("referrals:new", args=[person.pk]), _form(contract, submission_id))
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("referrals:detail", args=[referral.pk])
    again = client.post(reverse("referrals:new", args=[person.pk]), _form(contract, submission_id))
    assert again.status_code == 200
    assert "This form has already been sent" in again.content.decode()
    assert Referral.objects.count() == 1


def test_an_empty_referral_form_lists_its_problems_and_saves_nothing(client, world):
    officer, contract, _, person = world
    client.force_login(officer)
    submission_id = _submission_id(client.get(reverse("referrals:new", args=[person.pk])))
    response = client.post(
        reverse("referrals:new", args=[person.pk]),
        {**_form(contract, submission_id), "contract": "", "details": "", "desired_outcomes": ""},
    )
    html = response.content.decode()
    assert "There is a problem" in html
    for message in ("Select the service to refer to", "Describe the help the person needs", "Enter at least one"):
        assert message in html
    assert not Referral.objects.exists()


def test_the_partner_reads_the_referral_and_the_read_is_audited(client, world):
    officer, contract, partner, person = world
    referral = services.referral_send(
        acting_user=officer,
        person_id=person.pk,
        contract_id=contract.pk,
        pathway=Pathway.ACCOMMODATION,
        details="Somewhere to live",
        desired_outcomes=["A tenancy"],
    )
    client.force_login(partner)
    html = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert person.full_name in html and "Accept the referral" in html and "A tenancy" in html
    assert Event.objects.filter(action=Action.VIEW, record_type="referral", person_id=person.pk, actor=partner).exists()
    client.force_login(UserFactory(role=Role.PARTNER_CASEWORKER))
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404
    assert client.post(reverse("referrals:accept", args=[referral.pk])).status_code == 404
    referral.refresh_from_db()
    assert referral.status() == ReferralStatus.SENT


def test_prison_staff_asking_to_accept_are_told_it_was_not_sent_to_them(client, world):
    officer, contract, _, person = world
    referral = services.referral_send(
        acting_user=officer,
        person_id=person.pk,
        contract_id=contract.pk,
        pathway=Pathway.ACCOMMODATION,
        details="Somewhere to live",
        desired_outcomes=["A tenancy"],
    )
    client.force_login(officer)
    response = client.post(reverse("referrals:accept", args=[referral.pk]), follow=True)
    assert "This referral was not sent to your organisation" in response.content.decode()
    referral.refresh_from_db()
    assert referral.accepted_at is None


def test_a_partner_sees_the_person_but_not_their_screening_needs_or_risk(client, world):
    officer, contract, partner, person = world
    Need.objects.create(
        person=person, pathway=Pathway.HEALTH, description="Sees a GP about pain", identified_by=officer
    )
    services.referral_send(
        acting_user=officer,
        person_id=person.pk,
        contract_id=contract.pk,
        pathway=Pathway.ACCOMMODATION,
        details="Somewhere to live",
        desired_outcomes=["A tenancy"],
    )
    client.force_login(partner)
    html = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Plan actions for your organisation" in html and "Referrals to partners" in html
    for hidden in ("Reception screening", "Sees a GP about pain", "Risk and public protection"):
        assert hidden not in html
    client.force_login(officer)
    html = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Sees a GP about pain" in html and "Refer to a partner" in html


def test_the_list_filters_by_status(client, world):
    officer, contract, partner, person = world
    services.referral_send(
        acting_user=officer,
        person_id=person.pk,
        contract_id=contract.pk,
        pathway=Pathway.ACCOMMODATION,
        details="Somewhere to live",
        desired_outcomes=["A tenancy"],
    )
    client.force_login(partner)
    assert person.full_name in client.get(reverse("referrals:list") + "?status=sent").content.decode()
    assert person.full_name not in client.get(reverse("referrals:list") + "?status=completed").content.decode()
    html = client.get(reverse("home")).content.decode()
    assert "1 new referral waiting for your decision" in html


def test_a_partner_records_the_result_of_their_own_organisations_action_only(client, world):
    officer, contract, partner, person = world
    services.referral_send(
        acting_user=officer,
        person_id=person.pk,
        contract_id=contract.pk,
        pathway=Pathway.ACCOMMODATION,
        details="Somewhere to live",
        desired_outcomes=["A tenancy"],
    )
    due = timezone.localdate() + datetime.timedelta(days=5)
    theirs = plan_action_add(
        acting_user=officer,
        person_id=person.pk,
        expected_revision=None,
        description="Housing assessment",
        owner_id=partner.organisation_id,
        assignee_id=partner.pk,
        due_on=due,
        pathway=Pathway.ACCOMMODATION,
    )
    prisons = plan_action_add(
        acting_user=officer,
        person_id=person.pk,
        expected_revision=None,
        description="Book a GP",
        owner_id=officer.organisation_id,
        assignee_id=officer.pk,
        due_on=due,
        pathway=Pathway.HEALTH,
    )
    client.force_login(partner)
    assert "Housing assessment" in client.get(reverse("my-actions")).content.decode()
    url = reverse("resettlement:action-result", args=[person.pk, theirs.pk])
    response = client.post(url, {"revision": "2", "result": "done", "note": "Assessed; bidding for a flat"})
    assert response.status_code == 302
    assert client.get(reverse("resettlement:action-result", args=[person.pk, prisons.pk])).status_code == 403
    with pytest.raises(ValidationError, match="only they can record its result"):
        plan_action_record_result(
            acting_user=partner,
            person_id=person.pk,
            action_id=prisons.pk,
            expected_revision=None,
            result="done",
            note="x",
        )
    assert PlanAction.objects.get(pk=theirs.pk).result == "done"
    assert PlanAction.objects.get(pk=prisons.pk).result == ""


def test_once_declined_the_partner_no_longer_sees_the_referrals_copy_of_the_persons_details(client, world):
    officer, contract, partner, person = world
    referral = services.referral_send(
        acting_user=officer,
        person_id=person.pk,
        contract_id=contract.pk,
        pathway=Pathway.ACCOMMODATION,
        details="Somewhere to live",
        desired_outcomes=["A tenancy"],
    )
    client.force_login(partner)
    response = client.post(reverse("referrals:decline", args=[referral.pk]), {"reason": "no_capacity", "note": ""})
    assert response["Location"] == reverse("referrals:list")
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404
    assert person.full_name not in client.get(reverse("referrals:list")).content.decode()
    client.force_login(officer)
    assert "No capacity" in client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
