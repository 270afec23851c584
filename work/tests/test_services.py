from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.constants import Role
from audit.models import Event
from common.once import AlreadySubmitted
from people.models import ServiceUser
from tests.factories import CustodyEpisodeFactory, ProviderFactory, UserFactory
from work import services
from work.constants import ApplicationStatus, LicenceCondition, OffenceCategory, Step, WithdrawalReason
from work.models import Application, ApplicationStep, Opportunity, WorkProfile, status_of
from work.tests.helpers import (
    employer_user,
    in_days,
    opportunity_details,
    post_opportunity,
    profile_details,
    put_forward,
    save_profile,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer():
    return employer_user()


@pytest.fixture
def officer():
    return UserFactory(role=Role.PRISON_STAFF)


@pytest.fixture
def person(officer):
    return CustodyEpisodeFactory(establishment=officer.organisation).person


@pytest.fixture
def opportunity(employer):
    return post_opportunity(employer)


def counts():
    return (
        Opportunity.objects.count(),
        WorkProfile.objects.count(),
        Application.objects.count(),
        ApplicationStep.objects.count(),
        Event.objects.count(),
    )


# --- opportunities ------------------------------------------------------------------------------------


def test_an_employer_posts_an_opportunity_and_it_is_audited(employer):
    opportunity = post_opportunity(
        employer, postcode_district="ls11 5ab", excluded_offences=[OffenceCategory.DISHONESTY], requires_driving=True
    )
    assert (opportunity.employer, opportunity.postcode_district, opportunity.created_by) == (
        employer.organisation,
        "LS11",
        employer,
    )
    assert opportunity.excluded_offences == ["dishonesty"] and opportunity.requires_driving
    event = Event.objects.get(record_type="work_opportunity")
    assert (event.actor, event.action, event.summary) == (employer, "create", "Posted job: Kitchen assistant")


@pytest.mark.parametrize(
    "role", [Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER, Role.PARTNER_CASEWORKER, Role.ADMINISTRATOR]
)
def test_only_employer_partners_post_opportunities(role):
    with pytest.raises(PermissionDenied):
        services.opportunity_post(acting_user=UserFactory(role=role), details=opportunity_details())
    assert not Opportunity.objects.exists()


def test_a_partner_at_a_provider_that_is_not_an_employer_cannot_post():
    partner = UserFactory(role=Role.PARTNER_CASEWORKER, organisation=ProviderFactory())
    with pytest.raises(PermissionDenied):
        services.opportunity_post(acting_user=partner, details=opportunity_details())


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kind": ""}, "kind", "Select whether it is a job, an apprenticeship or a training place"),
        ({"title": "  "}, "title", "Enter a title"),
        ({"description": ""}, "description", "Describe the work"),
        ({"town": ""}, "town", "Enter the town where the work is"),
        ({"postcode_district": ""}, "postcode_district", "Enter the postcode district where the work is, like LS11"),
        ({"postcode_district": "Leeds"}, "postcode_district", "Enter a postcode district like LS11 or M1"),
        ({"hours": ""}, "hours", "Enter the hours"),
        ({"places": 0}, "places", "Enter how many places there are, 1 or more"),
        ({"places": None}, "places", "Enter how many places there are, 1 or more"),
        ({"places": 501}, "places", "Enter 500 places or fewer"),
        ({"closes_on": None}, "closes_on", "Enter the closing date"),
        ({"closes_on": in_days(-1)}, "closes_on", "The closing date must be today or in the future"),
        ({"skills": ["juggling"]}, "skills", "Select skills from the list"),
        ({"excluded_offences": ["parking"]}, "excluded_offences", "Select convictions from the list"),
    ],
)
def test_bad_opportunity_input_is_refused_and_changes_nothing(employer, overrides, field, message):
    before = counts()
    with pytest.raises(ValidationError) as error:
        services.opportunity_post(acting_user=employer, details=opportunity_details(**overrides))
    assert error.value.message_dict[field] == [message]
    assert counts() == before


def test_a_double_submitted_opportunity_is_posted_once(employer):
    submission = uuid.uuid4()
    services.opportunity_post(acting_user=employer, details=opportunity_details(), submission_id=submission)
    before = counts()
    with pytest.raises(AlreadySubmitted):
        services.opportunity_post(acting_user=employer, details=opportunity_details(), submission_id=submission)
    assert counts() == before


def test_an_employer_edits_their_own_opportunity_until_someone_is_put_forward(employer, opportunity, officer, person):
    services.opportunity_edit(
        acting_user=employer, opportunity_id=opportunity.pk, details=opportunity_details(title="Chef de partie")
    )
    opportunity.refresh_from_db()
    assert opportunity.title == "Chef de partie"
    event = Event.objects.filter(record_type="work_opportunity", action="update").get()
    assert event.changes == {"title": ["Kitchen assistant", "Chef de partie"]}
    save_profile(officer, person)
    put_forward(officer, person, opportunity)
    with pytest.raises(ValidationError, match="People have been put forward"):
        services.opportunity_edit(
            acting_user=employer, opportunity_id=opportunity.pk, details=opportunity_details(title="Sous chef")
        )
    opportunity.refresh_from_db()
    assert opportunity.title == "Chef de partie"


def test_another_employers_opportunity_is_not_theirs_to_change_or_close(opportunity):
    other = employer_user()
    with pytest.raises(PermissionDenied):
        services.opportunity_edit(acting_user=other, opportunity_id=opportunity.pk, details=opportunity_details())
    with pytest.raises(PermissionDenied):
        services.opportunity_close(acting_user=other, opportunity_id=opportunity.pk)
    opportunity.refresh_from_db()
    assert opportunity.closed_at is None


def test_closing_records_who_and_when_once(employer, opportunity):
    services.opportunity_close(acting_user=employer, opportunity_id=opportunity.pk)
    opportunity.refresh_from_db()
    assert opportunity.closed_by == employer and not opportunity.is_open()
    with pytest.raises(ValidationError, match="already closed"):
        services.opportunity_close(acting_user=employer, opportunity_id=opportunity.pk)
    with pytest.raises(ValidationError, match="closed, so it cannot be changed"):
        services.opportunity_edit(acting_user=employer, opportunity_id=opportunity.pk, details=opportunity_details())


# --- work profiles ------------------------------------------------------------------------------------


def test_staff_record_and_change_a_work_profile_with_each_change_audited(officer, person):
    profile = save_profile(officer, person, release_district="ls11")
    assert profile.release_district == "LS11"
    created = Event.objects.get(record_type="work_profile", action="create")
    assert created.person_id == person.pk
    save_profile(
        officer,
        person,
        licence_conditions=[LicenceCondition.EXCLUSION_ZONE],
        exclusion_zone="ls6, LS7 ls6",
    )
    profile.refresh_from_db()
    assert profile.exclusion_zone == ["LS6", "LS7"]
    changed = Event.objects.get(record_type="work_profile", action="update")
    assert changed.changes["exclusion_zone"] == ["[]", "['LS6', 'LS7']"]
    assert WorkProfile.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"skills": ["juggling"]}, "skills", "Select skills from the list"),
        ({"release_town": ""}, "release_town", "Enter the town they will live in"),
        ({"release_district": ""}, "release_district", "Enter the postcode district they will live in, like LS11"),
        ({"release_district": "L"}, "release_district", "Enter a postcode district like LS11 or M1"),
        ({"travel": "far"}, "travel", "Select how far they can travel to work"),
        ({"offences": ["parking"]}, "offences", "Select convictions from the list"),
        ({"licence_conditions": ["curfew"]}, "licence_conditions", "Select licence conditions from the list"),
        (
            {"licence_conditions": [LicenceCondition.EXCLUSION_ZONE]},
            "exclusion_zone",
            "Enter the postcode districts the exclusion zone covers",
        ),
        (
            {"licence_conditions": [LicenceCondition.EXCLUSION_ZONE], "exclusion_zone": "Leeds centre"},
            "exclusion_zone",
            "Enter postcode districts like LS11 or M1, separated by commas",
        ),
        (
            {"exclusion_zone": "LS1"},
            "exclusion_zone",
            "Select exclusion zone as a licence condition, or leave the districts empty",
        ),
    ],
)
def test_bad_profile_input_is_refused_and_changes_nothing(officer, person, overrides, field, message):
    before = counts()
    with pytest.raises(ValidationError) as error:
        services.work_profile_save(acting_user=officer, person_id=person.pk, details=profile_details(**overrides))
    assert error.value.message_dict[field] == [message]
    assert counts() == before


def test_a_profile_for_someone_the_user_may_not_see_does_not_exist_for_them(person):
    other_prison_officer = UserFactory(role=Role.PRISON_STAFF)
    with pytest.raises(ServiceUser.DoesNotExist):
        save_profile(other_prison_officer, person)
    with pytest.raises(PermissionDenied):
        save_profile(employer_user(), person)


# --- applications -------------------------------------------------------------------------------------


def test_staff_put_an_eligible_person_forward_with_their_consent(officer, person, opportunity):
    save_profile(officer, person)
    application = put_forward(officer, person, opportunity)
    assert (application.created_by, application.skills, application.consent_to_share) == (officer, ["catering"], True)
    assert status_of([]) == ApplicationStatus.PUT_FORWARD
    event = Event.objects.get(record_type="work_application")
    assert event.person_id == person.pk and "with consent to share disclosure" in event.summary


def test_an_ineligible_person_is_refused_with_the_reasons_and_nothing_changes(officer, person, employer):
    opportunity = post_opportunity(employer, excluded_offences=[OffenceCategory.ARSON])
    save_profile(officer, person, offences=[OffenceCategory.ARSON])
    before = counts()
    with pytest.raises(ValidationError) as error:
        put_forward(officer, person, opportunity)
    assert error.value.messages == [
        f"{person.full_name} cannot be put forward for this opportunity:",
        "The employer cannot accept convictions for arson",
    ]
    assert counts() == before


def test_without_a_profile_or_consent_or_statement_no_one_is_put_forward(officer, person, opportunity):
    with pytest.raises(ValidationError, match="Record a work profile"):
        put_forward(officer, person, opportunity)
    save_profile(officer, person)
    before = counts()
    with pytest.raises(ValidationError) as error:
        put_forward(officer, person, opportunity, consent_to_share=False, disclosure_statement="  ")
    assert error.value.message_dict == {
        "disclosure_statement": ["Enter the disclosure statement they agreed to share"],
        "consent_to_share": ["Confirm they agreed to share their disclosure statement with the employer"],
    }
    assert counts() == before


def test_one_open_application_per_person_per_opportunity(officer, person, opportunity):
    save_profile(officer, person)
    application = put_forward(officer, person, opportunity)
    with pytest.raises(ValidationError, match="already has an open application"):
        put_forward(officer, person, opportunity)
    services.application_record_step(
        acting_user=officer, application_id=application.pk, step=Step.WITHDRAWN, reason=WithdrawalReason.RELEASE_CHANGED
    )
    put_forward(officer, person, opportunity)  # once withdrawn, they can be put forward again
    assert Application.objects.count() == 2


def test_a_double_submitted_application_is_made_once(officer, person, opportunity):
    save_profile(officer, person)
    submission = uuid.uuid4()
    put_forward(officer, person, opportunity, submission_id=submission)
    before = counts()
    with pytest.raises(AlreadySubmitted):
        put_forward(officer, person, opportunity, submission_id=submission)
    assert counts() == before


def test_a_closed_opportunity_takes_no_one(officer, person, employer, opportunity):
    save_profile(officer, person)
    services.opportunity_close(acting_user=employer, opportunity_id=opportunity.pk)
    with pytest.raises(ValidationError, match="The employer has closed it"):
        put_forward(officer, person, opportunity)


@pytest.fixture
def application(officer, person, opportunity):
    save_profile(officer, person)
    return put_forward(officer, person, opportunity)


def step(user, application, step, **kwargs):
    return services.application_record_step(acting_user=user, application_id=application.pk, step=step, **kwargs)


def test_the_employer_records_each_step_and_the_status_follows(employer, application):
    step(employer, application, Step.INTERVIEW_OFFERED)
    step(employer, application, Step.OFFERED)
    step(employer, application, Step.STARTED, note="Started on the early shift")
    steps = list(application.steps.all())
    assert [s.step for s in steps] == ["interview_offered", "offered", "started"]
    assert all(s.recorded_by == employer for s in steps)
    assert status_of(steps) == ApplicationStatus.STARTED
    assert Event.objects.filter(record_type="work_application", action="update").count() == 3
    with pytest.raises(ValidationError, match="the application is started"):
        step(employer, application, Step.WITHDRAWN, reason=WithdrawalReason.OTHER, note="Left")


def test_not_offered_needs_a_reason_and_ends_the_application(employer, application):
    before = counts()
    with pytest.raises(ValidationError) as error:
        step(employer, application, Step.NOT_OFFERED)
    assert error.value.message_dict == {"note": ["Enter why they were not offered it"]}
    assert counts() == before
    step(employer, application, Step.NOT_OFFERED, note="Another candidate had more kitchen experience")
    with pytest.raises(ValidationError, match="cannot be recorded now"):
        step(employer, application, Step.OFFERED)


def test_withdrawal_needs_a_coded_reason(officer, application):
    with pytest.raises(ValidationError) as error:
        step(officer, application, Step.WITHDRAWN, reason="bored")
    assert error.value.message_dict == {"reason": ["Select why the application was withdrawn"]}
    with pytest.raises(ValidationError) as error:
        step(officer, application, Step.WITHDRAWN, reason=WithdrawalReason.OTHER)
    assert error.value.message_dict == {"note": ["Enter why the application was withdrawn"]}
    recorded = step(officer, application, Step.WITHDRAWN, reason=WithdrawalReason.RETURNED_TO_CUSTODY)
    assert (recorded.reason, recorded.recorded_by) == ("returned_to_custody", officer)


def test_staff_may_withdraw_but_only_the_employer_records_its_decisions(officer, application):
    with pytest.raises(PermissionDenied):
        step(officer, application, Step.OFFERED)
    with pytest.raises(PermissionDenied):
        step(employer_user(), application, Step.OFFERED)  # another employer
    with pytest.raises(PermissionDenied):
        step(UserFactory(role=Role.PRISON_STAFF), application, Step.WITHDRAWN, reason="other", note="x")
    assert not ApplicationStep.objects.exists()


def test_a_double_submitted_step_is_recorded_once(employer, application):
    submission = uuid.uuid4()
    step(employer, application, Step.INTERVIEW_OFFERED, submission_id=submission)
    with pytest.raises(AlreadySubmitted):
        step(employer, application, Step.INTERVIEW_OFFERED, submission_id=submission)
    assert ApplicationStep.objects.count() == 1
