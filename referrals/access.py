"""The people a partner caseworker may see: those referred to their organisation (people.access)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from accounts.constants import Role

if TYPE_CHECKING:
    from accounts.models import User
    from people.access import Grant


def partners_see_people_referred_to_them(user: User) -> Grant | None:
    """A partner sees a person while a referral to their organisation is open, and for 90 days after
    it closes; a declined referral gives no sight after it is declined (PRODUCT.md §1: partners see
    only people referred to them)."""
    if user.role != Role.PARTNER_CASEWORKER:
        return None
    from referrals.models import Referral
    from referrals.selectors import PARTNER_SIGHT_AFTER_CLOSE

    since = timezone.now() - PARTNER_SIGHT_AFTER_CLOSE
    referrals = Referral.objects.to_provider(user.organisation_id).filter(declined_at__isnull=True)
    current = referrals.open() | referrals.filter(Q(completed_at__gte=since) | Q(withdrawn_at__gte=since))
    return current
