"""Who may do what in work on release. Plain predicates (like accounts.rules), so views, templates,
services and tests ask the same question."""

from __future__ import annotations

from typing import Any

from accounts.constants import Role
from organisations.constants import OrganisationKind, ProviderType


def _staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "role", ""))


def is_employer(user: Any) -> bool:
    """A partner caseworker whose organisation is an employer partner: they post opportunities and
    see the applications to their own, never people's case records (issue 3: "partners see only what
    their part needs")."""
    if not (_staff(user) and user.role == Role.PARTNER_CASEWORKER and user.organisation_id):
        return False
    organisation = user.organisation
    return organisation.kind == OrganisationKind.PROVIDER and organisation.provider_type == ProviderType.EMPLOYER


def can_match_work(user: Any) -> bool:
    """Prison and probation staff record work profiles, see matches and put people forward, for the
    people they may see (people.access decides which)."""
    return _staff(user) and user.role in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER)


def can_view_opportunities(user: Any) -> bool:
    """Employers read their own opportunities; prison and probation staff read every open one, to
    match people to it; administrators read all, to support them."""
    return is_employer(user) or can_match_work(user) or (_staff(user) and user.role == Role.ADMINISTRATOR)


def can_view_application(user: Any) -> bool:
    """An application is read by the employer it was made to and by the staff who may see the person
    (the selector decides which applications)."""
    return is_employer(user) or can_match_work(user)
