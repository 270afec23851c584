"""Who may see what on a person's record, beyond whether they may open it (people.access)."""

from __future__ import annotations

from typing import Any

from accounts.constants import Role


def can_see_protected_characteristics(user: Any) -> bool:
    """Sex, ethnic group and disability are for the prison and probation staff who manage the case
    (equality monitoring, reasonable adjustments). Partners and everyone else see the figures only in
    aggregate, never on a person's record."""
    return bool(
        user.is_authenticated
        and user.is_active
        and getattr(user, "role", "") in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER)
    )
