"""Who may do what with releases and follow-ups. Plain predicates; which people is decided by
people.access, as everywhere."""

from __future__ import annotations

from typing import Any

from accounts.constants import Role


def _staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "role", ""))


def can_plan_release(user: Any) -> bool:
    """Prison and probation staff arrange the day of release together (the same plan, nothing
    re-entered)."""
    return _staff(user) and user.role in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER)


def can_record_release(user: Any) -> bool:
    """The prison records that it has released someone."""
    return _staff(user) and user.role == Role.PRISON_STAFF


def can_record_handover(user: Any) -> bool:
    return can_plan_release(user)


def can_record_checkpoint(user: Any) -> bool:
    """Follow-ups are recorded by the probation practitioner (or the prison, before handover)."""
    return can_plan_release(user)


def can_view_followups(user: Any) -> bool:
    return can_plan_release(user)
