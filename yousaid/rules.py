"""Who may do what with "you said, we did". Plain predicates with reasons."""

from __future__ import annotations

from typing import Any

from accounts.constants import Role
from organisations.constants import OrganisationKind


def _staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "role", ""))


def can_run_issues(user: Any) -> bool:
    """Involvement leads raise and answer issues for their own organisation; administrators for any."""
    return _staff(user) and user.role in (Role.INVOLVEMENT_LEAD, Role.ADMINISTRATOR)


def issue_in_remit(user: Any, organisation_id: int | None) -> bool:
    """An involvement lead works on their own organisation's issues only (another organisation's
    issue is answered as if it did not exist)."""
    if not can_run_issues(user):
        return False
    return user.role == Role.ADMINISTRATOR or (organisation_id is not None and organisation_id == user.organisation_id)


def can_view_report(user: Any) -> bool:
    """The people who run involvement read its figures: involvement leads (their organisation, or
    their region's organisations) and administrators (per region)."""
    return can_run_issues(user)


def report_in_remit(user: Any, organisation: Any) -> bool:
    if not can_view_report(user):
        return False
    if user.role == Role.ADMINISTRATOR or organisation.pk == user.organisation_id:
        return True
    own = user.organisation
    return bool(own is not None and own.kind == OrganisationKind.PROBATION_REGION and organisation.region_id == own.pk)
