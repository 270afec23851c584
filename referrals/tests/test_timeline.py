import pytest
from django.utils import timezone

from accounts.constants import Role
from organisations.constants import Pathway
from people.timeline import name_who_did_it
from referrals import services
from referrals.constants import Attendance, OutcomeRating
from referrals.timeline import referral_entries
from tests.factories import ContractFactory, CustodyEpisodeFactory, EstablishmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _delivered(officer, partner, contract, person, pathway):
    referral = services.referral_send(
        acting_user=officer,
        person_id=person.pk,
        contract_id=contract.pk,
        pathway=pathway,
        details="Help",
        desired_outcomes=["First", "Second"],
    )
    services.referral_accept(acting_user=partner, referral_id=referral.pk)
    session = services.referral_session_add(
        acting_user=partner, referral_id=referral.pk, happens_on=timezone.localdate(), method="phone", purpose="Call"
    )
    services.referral_session_record_attendance(
        acting_user=partner, session_id=session.pk, attendance=Attendance.ATTENDED, note=""
    )
    first, second = referral.outcomes.all()
    services.referral_complete(
        acting_user=partner,
        referral_id=referral.pk,
        ratings={first.pk: OutcomeRating.ACHIEVED, second.pk: OutcomeRating.NOT_ACHIEVED},
        note="Finished",
    )
    return referral


@pytest.fixture
def world():
    officer = UserFactory(role=Role.PRISON_STAFF, organisation=EstablishmentFactory())
    pathways = list(Pathway.values)
    contract = ContractFactory(region=officer.organisation.region, pathways=pathways)
    other = ContractFactory(region=officer.organisation.region, pathways=pathways)
    partner = UserFactory(role=Role.PARTNER_CASEWORKER, organisation=contract.provider)
    other_partner = UserFactory(role=Role.PARTNER_CASEWORKER, organisation=other.provider)
    person = CustodyEpisodeFactory(establishment=officer.organisation).person
    return officer, contract, partner, other, other_partner, person


def test_every_step_of_a_referral_is_on_the_timeline_with_who_did_it(world):
    officer, contract, partner, _, _, person = world
    _delivered(officer, partner, contract, person, Pathway.ACCOMMODATION)
    texts = {e.text: e for e in name_who_did_it(list(referral_entries(person, officer)))}
    name = contract.provider.name
    sent = next(t for t in texts if t.startswith(f"Referred to {name} for accommodation"))
    assert texts[sent].who == officer.display_name
    assert texts[f"Referral accepted by {name}"].organisation == name
    assert f"{name} session on {timezone.localdate().strftime('%-d %B %Y')} (Call): attended" in texts
    assert f"Referral completed by {name}: 1 of 2 outcomes achieved, 0 partly" in texts


def test_a_partner_sees_only_their_own_referrals_on_the_timeline(world):
    officer, contract, partner, other, other_partner, person = world
    _delivered(officer, partner, contract, person, Pathway.ACCOMMODATION)
    _delivered(officer, other_partner, other, person, Pathway.HEALTH)
    assert {other.provider.name in e.text for e in referral_entries(person, partner)} == {False}
    assert any(other.provider.name in e.text for e in referral_entries(person, officer))


def test_the_timeline_reads_referrals_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    officer, contract, partner, _, _, person = world
    _delivered(officer, partner, contract, person, Pathway.ACCOMMODATION)
    with django_assert_num_queries(3):  # referrals, their outcomes, sessions
        few = list(referral_entries(person, officer))
    for pathway in (Pathway.HEALTH, Pathway.FAMILY, Pathway.FINANCE_ID):
        _delivered(officer, partner, contract, person, pathway)
    with django_assert_num_queries(3):
        assert len(list(referral_entries(person, officer))) == 4 * len(few)


def test_with_no_referrals_the_timeline_reads_no_sessions_or_outcomes(world, django_assert_num_queries):
    officer, _, _, _, _, person = world
    with django_assert_num_queries(1):
        assert list(referral_entries(person, officer)) == []
