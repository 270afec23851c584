"""Who may do what with councils and elections. The public board needs no sign-in at all."""

from __future__ import annotations

from typing import Any

from accounts.constants import Role
from people import access


def _staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "role", ""))


def can_see_councils(user: Any) -> bool:
    """Any member of staff sees the list of councils (their names and bodies, and the public board
    of each); a council's own pages need `can_see_council`."""
    return _staff(user)


def can_see_council(user: Any, council: Any) -> bool:
    """A council's staff pages name its people in full, with their prison numbers or case reference
    numbers, past members and why they left, minutes, candidates and voters: only staff who may see
    the people its prison or probation service serves see them (people.access.may_see_people_of,
    decision 26). To anyone else they answer 404, as those people's records do; the public board
    (first name and initial) is open to all."""
    return _staff(user) and access.may_see_people_of(user, council.organisation_id)


def can_create_councils(user: Any) -> bool:
    """Involvement leads set up councils for their own prison or probation service (issue 6);
    administrators for any."""
    return _staff(user) and user.role in (Role.INVOLVEMENT_LEAD, Role.ADMINISTRATOR)


def can_manage_council(user: Any, council: Any) -> bool:
    """A council is run by the involvement leads of its own organisation, and administrators:
    members, meetings, elections, the voter list, the polling station and paper ballots."""
    if not _staff(user):
        return False
    if user.role == Role.ADMINISTRATOR:
        return True
    return user.role == Role.INVOLVEMENT_LEAD and user.organisation_id == council.organisation_id
