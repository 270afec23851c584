"""Referrals for the small demo world, made through the real services (validated and audited as a
member of staff's would be): the demo prison refers people to the demo partner under the contracts
delivered there, and the partner accepts, delivers, completes or declines them; one is withdrawn."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from accounts.models import User
from organisations.models import Contract
from people.models import ServiceUser
from referrals import services
from referrals.constants import Attendance, DeclineReason, OutcomeRating, WithdrawalReason
from referrals.models import Referral

DETAILS = {
    "accommodation": "No address to go to on release; wants to live near their children",
    "attitudes": "Wants help to manage anger in the family home",
    "family": "Wants to rebuild contact with their children",
    "drugs_alcohol": "Wants support to stay off alcohol after release",
    "education_work": "Wants a job in a warehouse or kitchen; has a forklift licence",
    "finance_id": "Has no bank account and no photo ID",
    "health": "Not registered with a GP; needs regular medication",
}
OUTCOMES = {
    "accommodation": ["Somewhere to live on the night of release", "Housing benefit claim made"],
    "attitudes": ["Finishes the course", "Knows who to call when things get difficult"],
    "family": ["A first visit with their children", "A family support worker after release"],
    "drugs_alcohol": ["An appointment with a community service in the first week"],
    "education_work": ["A CV and a cover letter", "Two job interviews arranged"],
    "finance_id": ["A basic bank account", "A provisional driving licence as photo ID"],
    "health": ["Registered with a GP near the release address"],
}


def make_referral_records(*, officer: User, partner: User, rng: random.Random, people: int = 10) -> dict[str, int]:
    assert officer.organisation is not None
    contracts = list(
        Contract.objects.relevant_to(officer.organisation)
        .current(on=timezone.localdate())
        .filter(provider_id=partner.organisation_id)
        .prefetch_related("pathways")
    )
    counts = {"referrals": 0}
    if not contracts:
        return counts
    in_custody = ServiceUser.objects.visible_to(officer).filter(custody_episodes__released_on__isnull=True)
    for index, person in enumerate(in_custody.order_by("pk")[:people]):
        contract = contracts[index % len(contracts)]
        pathway = rng.choice([p.pathway for p in contract.pathways.all()])
        referral = services.referral_send(
            acting_user=officer,
            person_id=person.pk,
            contract_id=contract.pk,
            pathway=pathway,
            details=DETAILS[pathway],
            desired_outcomes=OUTCOMES[pathway],
        )
        counts["referrals"] += 1
        _progress(referral, officer=officer, partner=partner, stage=index % 6)
    return counts


def _progress(referral: Referral, *, officer: User, partner: User, stage: int) -> None:
    """Stage 0 stays sent (waiting for the partner); 1 declined; 2 accepted; 3 in progress; 4 completed;
    5 withdrawn by the prison."""
    if stage == 0:
        return
    if stage == 1:
        services.referral_decline(
            acting_user=partner, referral_id=referral.pk, reason=DeclineReason.NO_CAPACITY, note="Full until March"
        )
        return
    if stage == 5:
        services.referral_withdraw(
            acting_user=officer, referral_id=referral.pk, reason=WithdrawalReason.NEEDS_MET, note=""
        )
        return
    services.referral_accept(acting_user=partner, referral_id=referral.pk)
    if stage == 2:
        services.referral_session_add(
            acting_user=partner,
            referral_id=referral.pk,
            happens_on=timezone.localdate() + datetime.timedelta(days=7),
            method="in_person",
            purpose="First meeting in the prison",
        )
        return
    session = services.referral_session_add(
        acting_user=partner,
        referral_id=referral.pk,
        happens_on=timezone.localdate(),
        method="in_person",
        purpose="First meeting in the prison",
    )
    services.referral_session_record_attendance(
        acting_user=partner, session_id=session.pk, attendance=Attendance.ATTENDED, note=""
    )
    if stage == 4:
        ratings = [OutcomeRating.ACHIEVED, OutcomeRating.PARTLY, OutcomeRating.NOT_ACHIEVED]
        services.referral_complete(
            acting_user=partner,
            referral_id=referral.pk,
            ratings={o.pk: ratings[i % 3] for i, o in enumerate(referral.outcomes.all())},
            note="Worked together over four sessions before release",
        )
