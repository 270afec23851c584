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
