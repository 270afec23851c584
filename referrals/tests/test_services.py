import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.constants import Role
from audit.models import Event
from organisations.constants import Pathway
from people.models import ServiceUser
from referrals import services
from referrals.constants import Attendance, DeclineReason, OutcomeRating, ReferralStatus, WithdrawalReason
from referrals.models import Referral, ReferralOutcome, ReferralSession
from resettlement.models import Need
from tests.factories import (
    ContractFactory,
    CustodyEpisodeFactory,
    EstablishmentFactory,
    ProviderFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def officer(region):
    return UserFactory(role=Role.PRISON_STAFF, organisation=EstablishmentFactory(region=region))


@pytest.fixture
def provider():
    return ProviderFactory(name="Safe Harbour Housing")


@pytest.fixture
def contract(provider, region):
    return ContractFactory(provider=provider, region=region, pathways=[Pathway.ACCOMMODATION, Pathway.FINANCE_ID])


@pytest.fixture
def partner(provider):
    return UserFactory(role=Role.PARTNER_CASEWORKER, organisation=provider)


@pytest.fixture
def person(officer):
    return CustodyEpisodeFactory(establishment=officer.organisation).person


def send(officer, person, contract, **overrides):
    kwargs = {
        "acting_user": officer,
        "person_id": person.pk,
        "contract_id": contract.pk,
        "pathway": Pathway.ACCOMMODATION,
        "details": "Needs a place to live near their children",
        "desired_outcomes": ["A tenancy before release", "  ", "Housing benefit claimed"],
    }
    kwargs.update(overrides)
    return services.referral_send(**kwargs)


def test_a_referral_is_sent_with_its_outcomes_and_audited(officer, person, contract):
    referral = send(officer, person, contract)
    assert referral.status() == ReferralStatus.SENT
    assert referral.provider == contract.provider and referral.referring_organisation == officer.organisation
    assert [o.description for o in referral.outcomes.all()] == ["A tenancy before release", "Housing benefit claimed"]
    assert Event.objects.filter(record_type="referral", record_id=str(referral.pk), person_id=person.pk).exists()


def test_a_referral_to_a_provider_with_no_contract_for_the_pathway_is_refused(officer, person, contract):
    with pytest.raises(ValidationError) as e:
        send(officer, person, contract, pathway=Pathway.HEALTH)
    assert e.value.message_dict["contract"] == [
        "Safe Harbour Housing has no contract for health: choose another service"
    ]
    assert not Referral.objects.exists()


def test_a_referral_under_a_contract_delivered_elsewhere_or_ended_is_refused(officer, person, provider):
    elsewhere = ContractFactory(provider=provider, region=RegionFactory())
    with pytest.raises(ValidationError, match="not delivered where you work"):
        send(officer, person, elsewhere)
    ended = ContractFactory(
        provider=provider,
        region=officer.organisation.region,
        start_date=datetime.date(2020, 1, 1),
        end_date=TODAY - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="not running today"):
        send(officer, person, ended)
    assert not Referral.objects.exists()


def test_missing_details_and_outcomes_are_refused_field_by_field(officer, person, contract):
    with pytest.raises(ValidationError) as e:
        send(officer, person, contract, details=" ", desired_outcomes=["", " "], pathway="nonsense")
    assert set(e.value.message_dict) == {"details", "desired_outcomes", "pathway"}
    assert not Referral.objects.exists()


def test_a_referral_for_a_need_takes_the_needs_pathway_and_another_persons_need_is_refused(officer, person, contract):
    need = Need.objects.create(person=person, pathway=Pathway.FINANCE_ID, description="No bank", identified_by=officer)
    referral = send(officer, person, contract, need_id=need.pk, pathway="")
    assert referral.pathway == Pathway.FINANCE_ID and referral.need == need
    other = Need.objects.create(
        person=CustodyEpisodeFactory(establishment=officer.organisation).person,
        pathway=Pathway.ACCOMMODATION,
        description="Homeless",
        identified_by=officer,
    )
    with pytest.raises(ValidationError, match="Select one of this person's needs"):
        send(officer, person, contract, need_id=other.pk)


def test_a_second_open_referral_to_the_same_partner_and_pathway_is_refused(officer, person, contract):
    send(officer, person, contract)
    with pytest.raises(ValidationError, match="already has an open referral"):
        send(officer, person, contract)
    assert Referral.objects.count() == 1


def test_the_same_form_sent_twice_makes_one_referral(officer, person, contract):
    sid = uuid.uuid4()
    send(officer, person, contract, submission_id=sid)
    with pytest.raises(ValidationError, match="already been sent"):
        send(officer, person, contract, submission_id=sid, pathway=Pathway.FINANCE_ID)
    assert Referral.objects.count() == 1


def test_only_prison_and_probation_staff_refer_and_only_people_they_can_see(officer, person, contract, partner):
    with pytest.raises(PermissionDenied):
        send(partner, person, contract)
    stranger = UserFactory(
        role=Role.PRISON_STAFF, organisation=EstablishmentFactory(region=officer.organisation.region)
    )
    with pytest.raises(ServiceUser.DoesNotExist):
        send(stranger, person, contract)


def test_the_partner_sees_the_person_only_once_referred_and_not_after_declining(officer, person, contract, partner):
    assert not ServiceUser.objects.visible_to(partner).exists()
    referral = send(officer, person, contract)
    assert list(ServiceUser.objects.visible_to(partner)) == [person]
    other_partner = UserFactory(role=Role.PARTNER_CASEWORKER)
    assert not ServiceUser.objects.visible_to(other_partner).exists()
    services.referral_decline(acting_user=partner, referral_id=referral.pk, reason=DeclineReason.NO_CAPACITY, note="")
    assert not ServiceUser.objects.visible_to(partner).exists()


def test_a_partner_keeps_sight_for_90_days_after_the_referral_closes(officer, person, contract, partner):
    referral = send(officer, person, contract)
    services.referral_withdraw(acting_user=officer, referral_id=referral.pk, reason=WithdrawalReason.MOVED, note="")
    assert ServiceUser.objects.visible_to(partner).exists()
    Referral.objects.filter(pk=referral.pk).update(withdrawn_at=timezone.now() - datetime.timedelta(days=91))
    assert not ServiceUser.objects.visible_to(partner).exists()


def test_a_referral_accepted_by_an_organisation_it_was_not_sent_to_is_refused(officer, person, contract):
    referral = send(officer, person, contract)
    for outsider in (UserFactory(role=Role.PARTNER_CASEWORKER), officer):
        with pytest.raises(ValidationError, match="not sent to your organisation"):
            services.referral_accept(acting_user=outsider, referral_id=referral.pk)
    referral.refresh_from_db()
    assert referral.accepted_at is None and referral.status() == ReferralStatus.SENT


def test_accepting_twice_or_declining_after_accepting_is_refused(officer, person, contract, partner):
    referral = send(officer, person, contract)
    services.referral_accept(acting_user=partner, referral_id=referral.pk)
    with pytest.raises(ValidationError, match="is accepted"):
        services.referral_accept(acting_user=partner, referral_id=referral.pk)
    with pytest.raises(ValidationError, match="is accepted"):
        services.referral_decline(acting_user=partner, referral_id=referral.pk, reason="no_capacity", note="")


def test_declining_needs_a_coded_reason_and_a_note_for_another_reason(officer, person, contract, partner):
    referral = send(officer, person, contract)
    with pytest.raises(ValidationError) as e:
        services.referral_decline(acting_user=partner, referral_id=referral.pk, reason="bored", note="")
    assert "reason" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        services.referral_decline(acting_user=partner, referral_id=referral.pk, reason=DeclineReason.OTHER, note=" ")
    assert "note" in e.value.message_dict
    referral.refresh_from_db()
    assert referral.status() == ReferralStatus.SENT


@pytest.fixture
def accepted(officer, person, contract, partner):
    referral = send(officer, person, contract)
    return services.referral_accept(acting_user=partner, referral_id=referral.pk)


def test_sessions_with_attendance_move_the_referral_into_progress(accepted, partner):
    session = services.referral_session_add(
        acting_user=partner, referral_id=accepted.pk, happens_on=TODAY, method="in_person", purpose="First meeting"
    )
    assert accepted.status() == ReferralStatus.ACCEPTED
    services.referral_session_record_attendance(
        acting_user=partner, session_id=session.pk, attendance=Attendance.ATTENDED, note=""
    )
    assert accepted.status() == ReferralStatus.IN_PROGRESS
    with pytest.raises(ValidationError, match="already been recorded"):
        services.referral_session_record_attendance(
            acting_user=partner, session_id=session.pk, attendance=Attendance.DID_NOT_ATTEND, note="x"
        )


def test_attendance_cannot_be_recorded_before_the_session_and_a_no_show_needs_a_note(accepted, partner):
    future = services.referral_session_add(
        acting_user=partner,
        referral_id=accepted.pk,
        happens_on=TODAY + datetime.timedelta(days=3),
        method="phone",
        purpose="Check-in",
    )
    with pytest.raises(ValidationError, match="has not happened yet"):
        services.referral_session_record_attendance(
            acting_user=partner, session_id=future.pk, attendance=Attendance.ATTENDED, note=""
        )
    today = services.referral_session_add(
        acting_user=partner, referral_id=accepted.pk, happens_on=TODAY, method="phone", purpose="Call"
    )
    with pytest.raises(ValidationError) as e:
        services.referral_session_record_attendance(
            acting_user=partner, session_id=today.pk, attendance=Attendance.DID_NOT_ATTEND, note=""
        )
    assert "note" in e.value.message_dict
    assert not ReferralSession.objects.exclude(attendance="").exists()


def test_a_session_needs_a_date_not_before_acceptance_a_method_and_a_purpose(accepted, partner):
    with pytest.raises(ValidationError) as e:
        services.referral_session_add(
            acting_user=partner,
            referral_id=accepted.pk,
            happens_on=TODAY - datetime.timedelta(days=5),
            method="carrier pigeon",
            purpose="",
        )
    assert set(e.value.message_dict) == {"happens_on", "method", "purpose"}
    assert not ReferralSession.objects.exists()


def test_sessions_cannot_be_added_before_acceptance(officer, person, contract, partner):
    referral = send(officer, person, contract)
    with pytest.raises(ValidationError, match="is sent"):
        services.referral_session_add(
            acting_user=partner, referral_id=referral.pk, happens_on=TODAY, method="phone", purpose="Call"
        )


def test_completing_rates_every_outcome(accepted, partner):
    first, second = accepted.outcomes.all()
    with pytest.raises(ValidationError) as e:
        services.referral_complete(
            acting_user=partner, referral_id=accepted.pk, ratings={first.pk: OutcomeRating.ACHIEVED}, note="Done"
        )
    assert list(e.value.message_dict) == [f"outcome_{second.pk}"]
    assert not ReferralOutcome.objects.exclude(rating="").exists()
    services.referral_complete(
        acting_user=partner,
        referral_id=accepted.pk,
        ratings={first.pk: OutcomeRating.ACHIEVED, second.pk: OutcomeRating.PARTLY},
        note="Tenancy signed; benefit claim waiting on ID",
    )
    accepted.refresh_from_db()
    assert accepted.status() == ReferralStatus.COMPLETED
    assert sorted(accepted.outcomes.values_list("rating", flat=True)) == ["achieved", "partly"]
    with pytest.raises(ValidationError, match="is completed"):
        services.referral_withdraw(acting_user=partner, referral_id=accepted.pk, reason=WithdrawalReason.MOVED, note="")


def test_withdrawal_is_coded_and_open_to_the_referrer_and_the_partner_only(accepted, officer, partner):
    with pytest.raises(ValidationError, match="Only the referrer or the partner"):
        services.referral_withdraw(
            acting_user=UserFactory(role=Role.PARTNER_CASEWORKER),
            referral_id=accepted.pk,
            reason=WithdrawalReason.MOVED,
            note="",
        )
    with pytest.raises(ValidationError) as e:
        services.referral_withdraw(acting_user=officer, referral_id=accepted.pk, reason="fed up", note="")
    assert "reason" in e.value.message_dict
    services.referral_withdraw(
        acting_user=officer, referral_id=accepted.pk, reason=WithdrawalReason.RETURNED_TO_CUSTODY, note=""
    )
    accepted.refresh_from_db()
    assert accepted.status() == ReferralStatus.WITHDRAWN
    assert accepted.withdrawal_reason == WithdrawalReason.RETURNED_TO_CUSTODY


def test_the_status_on_a_past_date_is_reconstructed_from_the_recorded_steps(accepted, partner):
    sent_at, accepted_at = accepted.sent_at, accepted.accepted_at
    session = services.referral_session_add(
        acting_user=partner, referral_id=accepted.pk, happens_on=TODAY, method="phone", purpose="Call"
    )
    services.referral_session_record_attendance(
        acting_user=partner, session_id=session.pk, attendance=Attendance.ATTENDED, note=""
    )
    attended_at = ReferralSession.objects.get().attendance_recorded_at
    assert accepted.status(at=sent_at) == ReferralStatus.SENT
    assert accepted.status(at=accepted_at) == ReferralStatus.ACCEPTED
    assert accepted.status(at=attended_at) == ReferralStatus.IN_PROGRESS
    assert accepted.status(at=sent_at - datetime.timedelta(seconds=1)) == ReferralStatus.SENT
