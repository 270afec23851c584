"""What each role may do with mentoring. Plain predicates (as accounts.rules), so views, templates
and tests ask the same question; which people a user may see is decided in people.access."""

from __future__ import annotations

from typing import Any

from accounts.constants import Role


def _staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "role", ""))


# Roles whose organisations can have mentors and coaches: partner providers mostly, and prisons and
# probation delivery units that run their own schemes.
MENTORING_ROLES = (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER, Role.PARTNER_CASEWORKER)


def can_manage_mentors(user: Any) -> bool:
    """An organisation's own staff list, add and mark unavailable its mentors and coaches."""
    return _staff(user) and user.role in MENTORING_ROLES


def can_view_mentoring_caseload(user: Any) -> bool:
    """Staff of an organisation that mentors see its mentees ("My mentees")."""
    return _staff(user) and user.role in MENTORING_ROLES


def can_allocate_mentor(user: Any) -> bool:
    """Prison and probation staff who work with the person allocate a mentor or coach to them
    (issue 3, journey 5); which people is decided by people.access."""
    return _staff(user) and user.role in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER)


def can_record_contact(user: Any) -> bool:
    """Contacts are recorded by the mentor's organisation (for its own allocations only, checked by
    the service) or by the prison and probation staff working with the person."""
    return _staff(user) and user.role in MENTORING_ROLES


def can_end_allocation(user: Any) -> bool:
    """Mentoring is ended by the prison or probation staff working with the person, or by the
    mentor's organisation (who knows first when the mentor leaves or contact is lost)."""
    return _staff(user) and user.role in MENTORING_ROLES


def can_view_all_mentoring(user: Any) -> bool:
    """Prison and probation staff and administrators see every organisation's mentoring of a person
    they may see; a partner sees only its own allocations (PRODUCT.md §1: "each organisation sees
    what it needs and no more")."""
    return _staff(user) and user.role in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER, Role.ADMINISTRATOR)
