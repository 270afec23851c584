"""Referral URLs in the authorisation matrix (tests/test_authorisation_matrix.py). The world's
prison refers its person to the world's provider; the probation practitioner works elsewhere, so
to them the referral does not exist (404)."""

from __future__ import annotations

from django.utils import timezone

from organisations.constants import Pathway
from organisations.models import ContractPathway
from referrals.models import ReferralSession
from referrals.services import referral_accept, referral_send
from tests.matrix import World, expect

# Only the partner the referral was sent to decides, delivers and closes it.
PARTNER_ONLY = expect(403, partner_caseworker=200, probation_practitioner=404)

MATRIX = {
    ("referrals:list", "get"): expect(
        403, prison_staff=200, probation_practitioner=200, partner_caseworker=200, administrator=200
    ),
    ("referrals:new", "get"): expect(403, prison_staff=200, probation_practitioner=404),
    ("referrals:detail", "get"): expect(
        403, prison_staff=200, probation_practitioner=404, partner_caseworker=200, administrator=200
    ),
    # Anyone who can see the referral may ask; the service refuses all but the partner, with a message.
    ("referrals:accept", "post"): expect(
        403, prison_staff=302, probation_practitioner=404, partner_caseworker=302, administrator=302
    ),
    ("referrals:decline", "get"): PARTNER_ONLY,
    ("referrals:withdraw", "get"): expect(403, prison_staff=200, probation_practitioner=404, partner_caseworker=200),
    ("referrals:session-new", "get"): PARTNER_ONLY,
    ("referrals:attendance", "get"): PARTNER_ONLY,
    ("referrals:complete", "get"): PARTNER_ONLY,
}


def arrange(world: World) -> dict[str, list[object]]:
    prison_user = world.users["prison_staff"]
    ContractPathway.objects.get_or_create(contract=world.contract, pathway=Pathway.FINANCE_ID)
    referral = referral_send(
        acting_user=prison_user,
        person_id=world.person.pk,
        contract_id=world.contract.pk,
        pathway=Pathway.ACCOMMODATION,
        details="Help to find somewhere to live",
        desired_outcomes=["A tenancy agreed before release"],
    )
    accepted = referral_send(
        acting_user=prison_user,
        person_id=world.person.pk,
        contract_id=world.contract.pk,
        pathway=Pathway.FINANCE_ID,
        details="Help with a bank account",
        desired_outcomes=["A bank account"],
    )
    referral_accept(acting_user=world.users["partner_caseworker"], referral_id=accepted.pk)
    session = ReferralSession.objects.create(
        referral=accepted,
        happens_on=timezone.localdate(),
        method="in_person",
        purpose="First meeting",
        created_by=world.users["partner_caseworker"],
    )
    return {
        "referrals:new": [world.person.pk],
        "referrals:detail": [referral.pk],
        "referrals:accept": [referral.pk],
        "referrals:decline": [referral.pk],
        "referrals:withdraw": [referral.pk],
        "referrals:session-new": [accepted.pk],
        "referrals:attendance": [accepted.pk, session.pk],
        "referrals:complete": [accepted.pk],
    }
