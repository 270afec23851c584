"""Mentoring's rule for people.access: a partner whose mentor or coach works with a person may see
that person (the basics and the mentoring part: other panels decide what else they show)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from accounts.constants import Role

if TYPE_CHECKING:
    from accounts.models import User
    from people.access import Grant

# Sight of the person continues for 90 days after mentoring ends, so the last contacts can be
# recorded (issue 3, journey 5).
SIGHT_AFTER_ENDING = datetime.timedelta(days=90)


def mentor_organisations_see_their_mentees(user: User) -> Grant | None:
    """Partner caseworkers see the people their organisation's mentors are allocated to: active
    allocations, and those ended in the last 90 days. Prison and probation staff already see the
    people they mentor through their own rules, so this grants them nothing more."""
    if user.role != Role.PARTNER_CASEWORKER:
        return None
    from mentoring.models import Allocation

    since = timezone.localdate() - SIGHT_AFTER_ENDING
    return Allocation.objects.filter(organisation_id=user.organisation_id).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=since)
    )
