"""The community team a person is handed over to sees them (people.access), before and after release."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from accounts.constants import Role

if TYPE_CHECKING:
    from accounts.models import User
    from people.access import Grant

# As with the prison's sight after release (people.access): a year after the release.
SIGHT_AFTER_RELEASE = datetime.timedelta(days=365)


def probation_sees_people_handed_over_to_them(user: User) -> Grant | None:
    """Probation practitioners see the people handed over to their delivery unit, so both teams work
    on the same plan from the handover date, even before a probation case is opened."""
    if user.role != Role.PROBATION_PRACTITIONER:
        return None
    from release.models import Handover

    since = timezone.localdate() - SIGHT_AFTER_RELEASE
    return Handover.objects.filter(to_organisation_id=user.organisation_id).filter(
        Q(custody_episode__released_on__isnull=True) | Q(custody_episode__released_on__gte=since)
    )
