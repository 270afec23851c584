"""Writes in work on release: employers' opportunities, people's work profiles, applications and
their steps. Each is one transaction with the acting user's permission checked, the input validated
(bad input changes nothing) and an audit event recorded alongside the change."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.constants import Action
from audit.services import changes_between, event_record
from common.once import submission_spend
from people.models import ServiceUser
from work import matching, rules
from work.constants import (
    NEXT_STEPS,
    OPEN_STATUSES,
    ApplicationStatus,
    LicenceCondition,
    OffenceCategory,
    OpportunityKind,
    Skill,
    Step,
    Travel,
    WithdrawalReason,
)
from work.models import Application, ApplicationStep, Opportunity, WorkProfile, status_of

if TYPE_CHECKING:
    from django.http import HttpRequest

# Steps only the employer records (what happened at their end); withdrawing is open to both sides.
EMPLOYER_STEPS = (Step.INTERVIEW_OFFERED, Step.OFFERED, Step.NOT_OFFERED, Step.STARTED)


def _unknown(values: list[str], allowed: list[str]) -> bool:
    return any(v not in allowed for v in values)


# --- opportunities ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class OpportunityDetails:
    kind: str
    title: str
    description: str
    town: str
    postcode_district: str
    hours: str
    pay: str = ""
    places: int | None = None
    closes_on: datetime.date | None = None
    skills: list[str] = field(default_factory=list)
    excluded_offences: list[str] = field(default_factory=list)
    works_with_vulnerable: bool = False
    requires_driving: bool = False
    requires_internet: bool = False


def _clean_opportunity(details: OpportunityDetails, *, today: datetime.date) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    if details.kind not in OpportunityKind.values:
        errors["kind"] = [_("Select whether it is a job, an apprenticeship or a training place")]
    title, description = details.title.strip(), details.description.strip()
    town, hours = details.town.strip(), details.hours.strip()
    district = matching.normalise_district(details.postcode_district)
    if not title:
        errors["title"] = [_("Enter a title")]
    if not description:
        errors["description"] = [_("Describe the work")]
    if not town:
        errors["town"] = [_("Enter the town where the work is")]
    if not district:
        errors["postcode_district"] = [_("Enter the postcode district where the work is, like LS11")]
    elif not matching.is_postcode_district(district):
        errors["postcode_district"] = [_("Enter a postcode district like LS11 or M1")]
    if not hours:
        errors["hours"] = [_("Enter the hours")]
    if details.places is None or details.places < 1:
        errors["places"] = [_("Enter how many places there are, 1 or more")]
    elif details.places > 500:
        errors["places"] = [_("Enter 500 places or fewer")]
    if details.closes_on is None:
        errors["closes_on"] = [_("Enter the closing date")]
    elif details.closes_on < today:
        errors["closes_on"] = [_("The closing date must be today or in the future")]
    if _unknown(details.skills, Skill.values):
        errors["skills"] = [_("Select skills from the list")]
    if _unknown(details.excluded_offences, OffenceCategory.values):
        errors["excluded_offences"] = [_("Select convictions from the list")]
    if errors:
        raise ValidationError(errors)
    return {
        "kind": details.kind,
        "title": title,
        "description": description,
        "town": town,
        "postcode_district": district,
        "hours": hours,
        "pay": details.pay.strip(),
        "places": details.places,
        "closes_on": details.closes_on,
        "skills": [s for s in Skill.values if s in details.skills],
        "excluded_offences": [o for o in OffenceCategory.values if o in details.excluded_offences],
        "works_with_vulnerable": details.works_with_vulnerable,
        "requires_driving": details.requires_driving,
        "requires_internet": details.requires_internet,
    }


@transaction.atomic
def opportunity_post(
    *,
    acting_user: User,
    details: OpportunityDetails,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Opportunity:
    """An employer partner posts a job, apprenticeship or training place."""
    if not rules.is_employer(acting_user):
        raise PermissionDenied
    submission_spend(submission_id=submission_id)
    values = _clean_opportunity(details, today=timezone.localdate())
    assert acting_user.organisation is not None  # an employer belongs to one (rules.is_employer)
    opportunity = Opportunity.objects.create(employer=acting_user.organisation, created_by=acting_user, **values)
    event_record(
        actor=acting_user,
        action=Action.CREATE,
        record_type="work_opportunity",
        record_id=opportunity.pk,
        summary=f"Posted {opportunity.get_kind_display().lower()}: {opportunity.title}",
        request=request,
    )
    return opportunity


def _own_opportunity(acting_user: User, opportunity_id: int) -> Opportunity:
    """The employer's own opportunity, locked for the change; another employer's is not theirs."""
    if not rules.is_employer(acting_user):
        raise PermissionDenied
    try:
        return Opportunity.objects.select_for_update().get(pk=opportunity_id, employer_id=acting_user.organisation_id)
    except Opportunity.DoesNotExist:
        raise PermissionDenied from None


@transaction.atomic
def opportunity_edit(
    *, acting_user: User, opportunity_id: int, details: OpportunityDetails, request: HttpRequest | None = None
) -> Opportunity:
    """Change an opportunity before anyone has been put forward for it: after that, the people put
    forward applied for what it said then."""
    opportunity = _own_opportunity(acting_user, opportunity_id)
    if opportunity.closed_at is not None:
        raise ValidationError(_("This opportunity is closed, so it cannot be changed"))
    if opportunity.applications.exists():
        raise ValidationError(
            _(
                "People have been put forward for this opportunity, so it cannot be changed. "
                "Close it and post a new one."
            )
        )
    values = _clean_opportunity(details, today=timezone.localdate())
    before = {name: getattr(opportunity, name) for name in values}
    for name, value in values.items():
        setattr(opportunity, name, value)
    opportunity.save(update_fields=list(values))
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="work_opportunity",
        record_id=opportunity.pk,
        summary=f"Changed opportunity: {opportunity.title}",
        changes=changes_between(before, values),
        request=request,
    )
    return opportunity


@transaction.atomic
def opportunity_close(*, acting_user: User, opportunity_id: int, request: HttpRequest | None = None) -> Opportunity:
    """Close an opportunity early (filled, or withdrawn by the employer)."""
    opportunity = _own_opportunity(acting_user, opportunity_id)
    if opportunity.closed_at is not None:
        raise ValidationError(_("This opportunity is already closed"))
    opportunity.closed_at, opportunity.closed_by = timezone.now(), acting_user
    opportunity.save(update_fields=["closed_at", "closed_by"])
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="work_opportunity",
        record_id=opportunity.pk,
        summary=f"Closed opportunity: {opportunity.title}",
        changes={"closed_at": [None, opportunity.closed_at.isoformat()]},
        request=request,
    )
    return opportunity


# --- work profiles ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ProfileDetails:
    skills: list[str]
    release_town: str
    release_district: str
    travel: str
    offences: list[str]
    licence_conditions: list[str]
    exclusion_zone: str | list[str] = ""


def _person_for(acting_user: User, person_id: int) -> ServiceUser:
    if not rules.can_match_work(acting_user):
        raise PermissionDenied
    return ServiceUser.objects.visible_one(acting_user, person_id).get()  # DoesNotExist outside scope


def _districts(value: str | list[str]) -> list[str]:
    parts = value if isinstance(value, list) else value.replace(",", " ").split()
    return [matching.normalise_district(p) for p in parts if p.strip()]


@transaction.atomic
def work_profile_save(
    *, acting_user: User, person_id: int, details: ProfileDetails, request: HttpRequest | None = None
) -> WorkProfile:
    """Record or change what matching needs to know about a person (audited with what changed)."""
    person = _person_for(acting_user, person_id)
    errors: dict[str, list[str]] = {}
    if _unknown(details.skills, Skill.values):
        errors["skills"] = [_("Select skills from the list")]
    town = details.release_town.strip()
    district = matching.normalise_district(details.release_district)
    if not town:
        errors["release_town"] = [_("Enter the town they will live in")]
    if not district:
        errors["release_district"] = [_("Enter the postcode district they will live in, like LS11")]
    elif not matching.is_postcode_district(district):
        errors["release_district"] = [_("Enter a postcode district like LS11 or M1")]
    if details.travel not in Travel.values:
        errors["travel"] = [_("Select how far they can travel to work")]
    if _unknown(details.offences, OffenceCategory.values):
        errors["offences"] = [_("Select convictions from the list")]
    if _unknown(details.licence_conditions, LicenceCondition.values):
        errors["licence_conditions"] = [_("Select licence conditions from the list")]
    zone = _districts(details.exclusion_zone)
    if LicenceCondition.EXCLUSION_ZONE in details.licence_conditions:
        if not zone:
            errors["exclusion_zone"] = [_("Enter the postcode districts the exclusion zone covers")]
        elif not all(matching.is_postcode_district(d) for d in zone):
            errors["exclusion_zone"] = [_("Enter postcode districts like LS11 or M1, separated by commas")]
    elif zone:
        errors["exclusion_zone"] = [_("Select exclusion zone as a licence condition, or leave the districts empty")]
    if errors:
        raise ValidationError(errors)
    values: dict[str, Any] = {
        "skills": [s for s in Skill.values if s in details.skills],
        "release_town": town,
        "release_district": district,
        "travel": details.travel,
        "offences": [o for o in OffenceCategory.values if o in details.offences],
        "licence_conditions": [c for c in LicenceCondition.values if c in details.licence_conditions],
        "exclusion_zone": sorted(set(zone)),
    }
    profile = WorkProfile.objects.select_for_update().filter(person=person).first()
    now = timezone.now()
    if profile is None:
        profile = WorkProfile.objects.create(
            person=person, created_by=acting_user, updated_by=acting_user, created_at=now, updated_at=now, **values
        )
        before: dict[str, Any] = {}
        action, summary = Action.CREATE, "Recorded work profile"
    else:
        before = {name: getattr(profile, name) for name in values}
        for name, value in values.items():
            setattr(profile, name, value)
        profile.updated_at, profile.updated_by = now, acting_user
        profile.save()
        action, summary = Action.UPDATE, "Changed work profile"
    event_record(
        actor=acting_user,
        action=action,
        record_type="work_profile",
        record_id=profile.pk,
        person_id=person.pk,
        summary=summary,
        changes=changes_between(before, values),
        request=request,
    )
    return profile


# --- applications -----------------------------------------------------------------------------------


@transaction.atomic
def application_make(
    *,
    acting_user: User,
    person_id: int,
    opportunity_id: int,
    disclosure_statement: str,
    consent_to_share: bool,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Application:
    """Put a person forward for an opportunity, only if matching finds them eligible, with their
    consent to share their disclosure statement with the employer."""
    person = _person_for(acting_user, person_id)
    submission_spend(submission_id=submission_id)
    # Locking the opportunity makes two people putting the same person forward at once queue, so the
    # one-open-application rule below holds.
    opportunity = Opportunity.objects.select_for_update().filter(pk=opportunity_id).first()
    if opportunity is None:
        raise ValidationError({"opportunity": [_("Select an opportunity that exists")]})
    profile = WorkProfile.objects.filter(person=person).first()
    if profile is None:
        raise ValidationError(
            _("Record a work profile for %(name)s before putting them forward") % {"name": person.full_name}
        )
    match = matching.assess(profile=profile, opportunity=opportunity, today=timezone.localdate())
    if not match.eligible:
        raise ValidationError(
            [_("%(name)s cannot be put forward for this opportunity:") % {"name": person.full_name}, *match.exclusions]
        )
    for existing in Application.objects.filter(person=person, opportunity=opportunity).prefetch_related("steps"):
        if status_of(list(existing.steps.all())) in OPEN_STATUSES:
            raise ValidationError(
                _("%(name)s already has an open application for this opportunity") % {"name": person.full_name}
            )
    errors: dict[str, list[str]] = {}
    statement = disclosure_statement.strip()
    if not statement:
        errors["disclosure_statement"] = [_("Enter the disclosure statement they agreed to share")]
    if not consent_to_share:
        errors["consent_to_share"] = [_("Confirm they agreed to share their disclosure statement with the employer")]
    if errors:
        raise ValidationError(errors)
    application = Application.objects.create(
        opportunity=opportunity,
        person=person,
        disclosure_statement=statement,
        consent_to_share=True,
        skills=list(profile.skills),
        created_by=acting_user,
    )
    event_record(
        actor=acting_user,
        action=Action.CREATE,
        record_type="work_application",
        record_id=application.pk,
        person_id=person.pk,
        summary=f"Put forward for {opportunity.title} ({opportunity.employer.name}), with consent to share disclosure",
        request=request,
    )
    return application


@transaction.atomic
def application_record_step(
    *,
    acting_user: User,
    application_id: int,
    step: str,
    reason: str = "",
    note: str = "",
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> ApplicationStep:
    """The employer records what happened (interview, offer or not, started); either side records a
    withdrawal with its coded reason. Each step once, in order; the status is the latest step."""
    application = (
        Application.objects.select_for_update()
        .select_related("opportunity", "person")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise PermissionDenied
    employer = rules.is_employer(acting_user) and application.opportunity.employer_id == acting_user.organisation_id
    staff = (
        rules.can_match_work(acting_user)
        and ServiceUser.objects.visible_one(acting_user, application.person_id).exists()
    )
    if not (employer or staff):
        raise PermissionDenied
    if step in EMPLOYER_STEPS and not employer:
        raise PermissionDenied
    submission_spend(submission_id=submission_id)
    current = status_of(list(application.steps.order_by("recorded_at", "id")))
    errors: dict[str, list[str]] = {}
    if step not in Step.values:
        errors["step"] = [_("Select what happened")]
    elif step not in NEXT_STEPS[current]:
        raise ValidationError(
            {
                "step": [
                    _("This cannot be recorded now: the application is %(status)s") % {"status": _status_label(current)}
                ]
            }
        )
    note = note.strip()
    if step == Step.NOT_OFFERED and not note:
        errors["note"] = [_("Enter why they were not offered it")]
    if step == Step.WITHDRAWN and reason not in WithdrawalReason.values:
        errors["reason"] = [_("Select why the application was withdrawn")]
    if step == Step.WITHDRAWN and reason == WithdrawalReason.OTHER and not note:
        errors["note"] = [_("Enter why the application was withdrawn")]
    if errors:
        raise ValidationError(errors)
    recorded = ApplicationStep.objects.create(
        application=application,
        step=step,
        reason=reason if step == Step.WITHDRAWN else "",
        note=note,
        recorded_by=acting_user,
    )
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="work_application",
        record_id=application.pk,
        person_id=application.person_id,
        summary=f"{Step(step).label}: {application.opportunity.title}",
        changes={"status": [current, step]},
        request=request,
    )
    return recorded


def _status_label(status: str) -> str:
    return str(ApplicationStatus(status).label).lower()
