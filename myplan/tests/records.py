"""A person with a full record for the own-view tests, written through the real services: plan
actions owned by the prison, probation and a partner (one done), a risk assessment and a public
protection concern with its mitigation (both staff only, and marked so tests can prove they never
reach the person), a referral with a session to come, a peer mentor, and a second person."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from accounts.constants import Role
from mentoring.constants import MentorKind
from mentoring.services import allocation_add, mentor_add
from organisations.constants import Pathway
from referrals.constants import SessionMethod
from referrals.services import referral_accept, referral_send, referral_session_add
from resettlement.constants import ActionResult, ConcernKind, RiskLevel
from resettlement.plan_services import plan_action_add, plan_action_record_result, risk_assess, risk_concern_add
from tests.factories import (
    ContractFactory,
    CustodyEpisodeFactory,
    DeliveryUnitFactory,
    EstablishmentFactory,
    ProbationCaseFactory,
    ProviderFactory,
    RegionFactory,
    ServiceUserFactory,
    UserFactory,
)

SECRET_CONCERN = "Concern kept from the person: no contact with the victim"
SECRET_MITIGATION = "Mitigation kept from the person: check the address with police"
SECRET_RESULT_NOTE = "Staff-only note on the result"


@dataclass
class Story:
    prison: Any
    delivery_unit: Any
    provider: Any
    officer: Any
    probation: Any
    partner: Any
    person: Any
    other_person: Any
    done_action: Any
    probation_action: Any
    partner_action: Any
    mitigation: Any
    other_action: Any
    referral: Any


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _action(user: Any, person: Any, description: str, owner: Any, assignee: Any, **kwargs: Any) -> Any:
    return plan_action_add(
        acting_user=user,
        person_id=person.pk,
        expected_revision=None,
        description=description,
        owner_id=owner.pk,
        assignee_id=assignee.pk,
        due_on=kwargs.pop("due_on", _days(14)),
        **kwargs,
    )


def make_story(
    *,
    prison: Any = None,
    delivery_unit: Any = None,
    provider: Any = None,
    officer: Any = None,
    probation: Any = None,
    partner: Any = None,
    person: Any = None,
) -> Story:
    region = prison.region if prison is not None else RegionFactory()
    prison = prison or EstablishmentFactory(region=region, name="HMP Testhaven")
    delivery_unit = delivery_unit or DeliveryUnitFactory(region=region)
    provider = provider or ProviderFactory(name="Wold Housing Trust")
    contract = ContractFactory(provider=provider, region=region, pathways=[Pathway.ACCOMMODATION])
    officer = officer or UserFactory(role=Role.PRISON_STAFF, organisation=prison)
    probation = probation or UserFactory(role=Role.PROBATION_PRACTITIONER, organisation=delivery_unit)
    partner = partner or UserFactory(role=Role.PARTNER_CASEWORKER, organisation=provider)
    person = (
        person
        or CustodyEpisodeFactory(
            establishment=prison, person=ServiceUserFactory(given_name="Alex", family_name="Ashdown")
        ).person
    )
    ProbationCaseFactory(person=person, delivery_unit=delivery_unit, practitioner=probation)

    done_action = _action(
        officer, person, "Open a bank account", prison, officer, pathway=Pathway.FINANCE_ID, due_on=_days(3)
    )
    plan_action_record_result(
        acting_user=officer,
        person_id=person.pk,
        action_id=done_action.pk,
        expected_revision=None,
        result=ActionResult.DONE,
        note=SECRET_RESULT_NOTE,
    )
    probation_action = _action(
        officer, person, "Arrange a first meeting after release", delivery_unit, probation, pathway=Pathway.ATTITUDES
    )
    partner_action = _action(
        officer, person, "Find a room to rent near family", provider, partner, pathway=Pathway.ACCOMMODATION
    )
    risk_assess(
        acting_user=officer,
        person_id=person.pk,
        expected_revision=None,
        rosh_level=RiskLevel.HIGH,
        mappa_category="2",
        mappa_level="2",
    )
    concern = risk_concern_add(
        acting_user=officer,
        person_id=person.pk,
        expected_revision=None,
        kind=ConcernKind.VICTIM_CONTACT,
        description=SECRET_CONCERN,
    )
    mitigation = _action(officer, person, SECRET_MITIGATION, prison, officer, concern_id=concern.pk)
    plan_action_record_result(
        acting_user=officer,
        person_id=person.pk,
        action_id=mitigation.pk,
        expected_revision=None,
        result=ActionResult.DONE,
        note="Checked",
    )

    referral = referral_send(
        acting_user=officer,
        person_id=person.pk,
        contract_id=contract.pk,
        pathway=Pathway.ACCOMMODATION,
        details="Needs a room near his daughter's school",
        desired_outcomes=["A tenancy agreed before release"],
    )
    referral_accept(acting_user=partner, referral_id=referral.pk)
    referral_session_add(
        acting_user=partner,
        referral_id=referral.pk,
        happens_on=_days(5),
        method=SessionMethod.IN_PERSON,
        purpose="Housing assessment",
    )
    mentor = mentor_add(acting_user=partner, name="Morgan Evans", kind=MentorKind.PEER_MENTOR, lived_experience=True)
    allocation_add(
        acting_user=officer,
        person_id=person.pk,
        mentor_id=mentor.pk,
        started_on=_days(-7),
        goals="To find work",
        consent=True,
    )

    other_person = CustodyEpisodeFactory(
        establishment=prison, person=ServiceUserFactory(given_name="Bryn", family_name="Bellamy")
    ).person
    other_action = _action(officer, other_person, "Other person's action", prison, officer, pathway=Pathway.HEALTH)
    plan_action_record_result(
        acting_user=officer,
        person_id=other_person.pk,
        action_id=other_action.pk,
        expected_revision=None,
        result=ActionResult.DONE,
        note="Registered",
    )
    return Story(
        prison=prison,
        delivery_unit=delivery_unit,
        provider=provider,
        officer=officer,
        probation=probation,
        partner=partner,
        person=person,
        other_person=other_person,
        done_action=done_action,
        probation_action=probation_action,
        partner_action=partner_action,
        mitigation=mitigation,
        other_action=other_action,
        referral=referral,
    )
