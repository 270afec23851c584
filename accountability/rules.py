"""Who may see what of accountability. Plain predicates (ENGINEERING.md: business rules in plain
functions). The public dashboard needs no rule: it is open to everyone, and shows only what
disclosure control lets through."""

from __future__ import annotations

from typing import Any


def can_view_scorecards(user: Any) -> bool:
    """Every member of staff: scorecards hold figures about groups of people, never a person, and
    each organisation needs to see how it compares. The true, unrounded counts stay behind sign-in."""
    return bool(user.is_authenticated and user.is_active and getattr(user, "role", ""))
