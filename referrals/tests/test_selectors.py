import pytest

from accounts.constants import Role
from organisations.constants import Pathway
from referrals import services
from referrals.selectors import referrals_for_person
from tests.factories import ContractFactory, CustodyEpisodeFactory, EstablishmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _send(officer, contract, person):
    return services.referral_send(
        acting_user=officer,
        person_id=person.pk,
        contract_id=contract.pk,
        pathway=Pathway.ACCOMMODATION,
        details="Help",
        desired_outcomes=["A home"],
    )


def test_one_persons_referrals_are_those_the_viewer_may_see_of_that_person_only(django_assert_max_num_queries):
    officer = UserFactory(role=Role.PRISON_STAFF, organisation=EstablishmentFactory())
    region = officer.organisation.region
    ours, theirs = ContractFactory(region=region), ContractFactory(region=region)
    partner = UserFactory(role=Role.PARTNER_CASEWORKER, organisation=ours.provider)
    person, someone_else = (CustodyEpisodeFactory(establishment=officer.organisation).person for _ in range(2))
    to_us, to_them = _send(officer, ours, person), _send(officer, theirs, person)
    _send(officer, ours, someone_else)
    elsewhere = UserFactory(role=Role.PRISON_STAFF, organisation=EstablishmentFactory(region=region))

    with django_assert_max_num_queries(1):
        assert {r.pk for r in referrals_for_person(person=person, user=officer)} == {to_us.pk, to_them.pk}
    assert [r.pk for r in referrals_for_person(person=person, user=partner)] == [to_us.pk]
    assert not referrals_for_person(person=person, user=elsewhere).exists()
    # A declined referral gives the partner no more sight of the person, nor of their referrals.
    services.referral_decline(acting_user=partner, referral_id=to_us.pk, reason="no_capacity", note="Full")
    assert not referrals_for_person(person=person, user=partner).exists()


def test_the_count_of_one_status_agrees_with_the_counts_of_every_status():
    from referrals.constants import ReferralStatus
    from referrals.selectors import referral_count_for_user, referral_counts_for_user

    officer = UserFactory(role=Role.PRISON_STAFF, organisation=EstablishmentFactory())
    contract = ContractFactory(region=officer.organisation.region)
    partner = UserFactory(role=Role.PARTNER_CASEWORKER, organisation=contract.provider)
    people = [CustodyEpisodeFactory(establishment=officer.organisation).person for _ in range(3)]
    referrals = [_send(officer, contract, person) for person in people]
    services.referral_accept(acting_user=partner, referral_id=referrals[0].pk)
    for user in (officer, partner):
        every = referral_counts_for_user(user=user)
        for status in ReferralStatus.values:
            assert referral_count_for_user(user=user, status=status) == every[status], (user.role, status)
    assert referral_count_for_user(user=officer, status=ReferralStatus.SENT) == 2
