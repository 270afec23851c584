"""Who on the staff side may do what with a person's own view. Which people is decided by
people.access (ServiceUser.objects.visible_to); these predicates decide the role.

The person themselves is never a staff user: their session is checked in myplan.session."""

from __future__ import annotations

from typing import Any

from accounts.constants import Role


def _staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "role", ""))


def can_set_pin(user: Any) -> bool:
    """Prison staff and probation practitioners who work with the person set, reset or switch off
    the PIN for the person's own view, and tell the person it face to face (issue 4)."""
    return _staff(user) and user.role in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER)


def can_see_what_the_person_says(user: Any) -> bool:
    """Prison and probation staff who work with the person see whether the person says each action
    really happened (issue 4), so they can put it right; partners see only their own actions."""
    return _staff(user) and user.role in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER)
