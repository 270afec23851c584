"""Who may do what with involvement activities, roles, peer research and the guidance library.
Plain predicates (ENGINEERING.md: business rules in plain functions)."""

from __future__ import annotations

from typing import Any

from accounts.constants import Role
from organisations.constants import OrganisationKind


def _staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "role", ""))


def can_run_involvement(user: Any) -> bool:
    """Involvement leads log activities, roles and projects for their own organisation; administrators for any."""
    return _staff(user) and user.role in (Role.INVOLVEMENT_LEAD, Role.ADMINISTRATOR)


def in_remit(user: Any, organisation_id: int | None) -> bool:
    """An involvement lead works on their own organisation's records only; another organisation's
    record is answered as if it did not exist (404)."""
    if not can_run_involvement(user):
        return False
    return user.role == Role.ADMINISTRATOR or (organisation_id is not None and organisation_id == user.organisation_id)


def can_read_guidance(user: Any) -> bool:
    """Every member of staff may read the guidance library (commissioners read how to check the
    feedback duty)."""
    return _staff(user)


def can_edit_guidance(user: Any) -> bool:
    return can_run_involvement(user)


def can_view_report(user: Any) -> bool:
    """The people who run involvement, and the commissioners who hold providers to it."""
    return _staff(user) and user.role in (Role.INVOLVEMENT_LEAD, Role.ADMINISTRATOR, Role.COMMISSIONER)


def report_organisation_in_remit(user: Any, organisation: Any) -> bool:
    """An involvement lead reads their organisation (a region's lead, the region's establishments
    and delivery units too); administrators and commissioners read every organisation."""
    if not can_view_report(user):
        return False
    if user.role in (Role.ADMINISTRATOR, Role.COMMISSIONER) or organisation.pk == user.organisation_id:
        return True
    own = user.organisation
    return bool(own is not None and own.kind == OrganisationKind.PROBATION_REGION and organisation.region_id == own.pk)
