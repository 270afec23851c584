"""Who may do what with surveys and what people say. Plain predicates with reasons."""

from __future__ import annotations

from typing import Any

from accounts.constants import Role
from organisations.constants import OrganisationKind


def _staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "role", ""))


def can_build_surveys(user: Any) -> bool:
    """Involvement leads build surveys and consultations for their own organisation."""
    return _staff(user) and user.role in (Role.INVOLVEMENT_LEAD, Role.ADMINISTRATOR)


def can_manage_survey(user: Any, survey: Any) -> bool:
    """A survey is run by the organisation that owns it; administrators can run any."""
    if not can_build_surveys(user):
        return False
    return user.role == Role.ADMINISTRATOR or survey.owner_id == user.organisation_id


def can_enter_paper(user: Any, survey: Any) -> bool:
    """Paper responses are typed in by the involvement lead who runs the survey, or by prison or
    probation staff where the survey is about their own service ("entered by" is recorded)."""
    if can_manage_survey(user, survey):
        return True
    return (
        _staff(user)
        and user.role in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER)
        and user.organisation_id in (survey.owner_id, survey.about_id)
    )


def can_review_alerts(user: Any) -> bool:
    """Members of the safer custody team (in probation, the public protection team) read words
    about self-harm or harm to others before anyone else does."""
    return _staff(user) and bool(getattr(user, "safer_custody", False))


def can_read_restricted(user: Any) -> bool:
    """Allegations against staff are read only by professional standards."""
    return _staff(user) and bool(getattr(user, "professional_standards", False))


def alert_in_remit(user: Any, organisation: Any) -> bool:
    """A safer custody officer answers for their own establishment (or delivery unit, or the delivery
    units of their region); an alert about no particular service goes to every such team."""
    if organisation is None or user.role == Role.ADMINISTRATOR:
        return True
    if organisation.pk == user.organisation_id:
        return True
    return bool(
        user.organisation.kind == OrganisationKind.PROBATION_REGION and organisation.region_id == user.organisation_id
    )
