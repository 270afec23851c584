from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from referrals.models import Referral  # noqa: F401 - named in a base below


class ReferralQuerySet(models.QuerySet["Referral"]):
    def open(self) -> ReferralQuerySet:
        """Sent, accepted or in progress: not yet declined, completed or withdrawn."""
        return self.filter(declined_at__isnull=True, completed_at__isnull=True, withdrawn_at__isnull=True)

    def to_provider(self, organisation_id: int | None) -> ReferralQuerySet:
        return self.filter(provider_id=organisation_id)
