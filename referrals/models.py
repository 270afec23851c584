"""A referral to a partner provider under a contract: sent by the prison or probation, accepted or
declined by the partner it was sent to (and only by them), delivered in sessions with recorded
attendance, and closed with each desired outcome rated, or withdrawn for a coded reason.

Each step stores who did it and when, never a status: the status on any date is derived from them
(HMPPS Interventions ADR, "store actors and time instead of state")."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.constants import Pathway
from referrals.constants import (
    ATTENDED,
    Attendance,
    DeclineReason,
    OutcomeRating,
    ReferralStatus,
    SessionMethod,
    WithdrawalReason,
)
from referrals.querysets import ReferralQuerySet


class Referral(models.Model):
    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="referrals")
    contract = models.ForeignKey(
        "organisations.Contract", verbose_name=_("contract"), on_delete=models.PROTECT, related_name="referrals"
    )
    # The contract's provider when the referral was sent: who may see and act on it.
    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="referrals_received"
    )
    pathway = models.CharField(_("pathway"), max_length=32, choices=Pathway.choices)
    need = models.ForeignKey(
        "resettlement.Need", on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    details = models.TextField(_("what help is needed"))

    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referring_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="referrals_sent"
    )

    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    declined_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decline_reason = models.CharField(max_length=32, choices=DeclineReason.choices, blank=True)
    decline_note = models.TextField(blank=True)

    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completion_note = models.TextField(blank=True)

    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.CharField(max_length=32, choices=WithdrawalReason.choices, blank=True)
    withdrawal_note = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["provider", "sent_at"]), models.Index(fields=["referring_organisation"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(declined_at__isnull=True),
                name="referral_accepted_or_declined",
            ),
            models.CheckConstraint(
                condition=Q(declined_at__isnull=True) | (~Q(decline_reason="") & Q(declined_by__isnull=False)),
                name="referral_declined_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | (~Q(withdrawal_reason="") & Q(withdrawn_by__isnull=False)),
                name="referral_withdrawn_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(accepted_at__isnull=False),
                name="referral_completed_only_once_accepted",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(withdrawn_at__isnull=True),
                name="referral_completed_or_withdrawn",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.reference} to {self.provider_id}"

    @property
    def reference(self) -> str:
        return f"R{self.pk:06d}" if self.pk else ""

    def status(self, *, at: datetime.datetime | None = None, attended: bool | None = None) -> str:
        """The status on a date (now by default). `attended`: whether a session had been attended by
        then, when the caller already knows (lists annotate it); otherwise it is read."""

        def by(moment: datetime.datetime | None) -> bool:
            return moment is not None and (at is None or moment <= at)

        if by(self.withdrawn_at):
            return ReferralStatus.WITHDRAWN
        if by(self.declined_at):
            return ReferralStatus.DECLINED
        if by(self.completed_at):
            return ReferralStatus.COMPLETED
        if by(self.accepted_at):
            if attended is None:
                sessions = self.sessions.filter(attendance__in=ATTENDED)
                if at is not None:
                    sessions = sessions.filter(attendance_recorded_at__lte=at)
                attended = sessions.exists()
            return ReferralStatus.IN_PROGRESS if attended else ReferralStatus.ACCEPTED
        return ReferralStatus.SENT


class ReferralOutcome(models.Model):
    """A desired outcome, set when the referral is sent and rated when it is completed."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="outcomes")
    description = models.CharField(_("desired outcome"), max_length=300)
    rating = models.CharField(_("rating"), max_length=16, choices=OutcomeRating.choices, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["referral", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating="") | (Q(rated_at__isnull=False) & Q(rated_by__isnull=False)),
                name="outcome_rating_has_time_and_author",
            )
        ]

    def __str__(self) -> str:
        return self.description


class ReferralSession(models.Model):
    """A session or appointment the partner arranges, and whether the person came."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="sessions")
    happens_on = models.DateField(_("date"))
    method = models.CharField(_("how"), max_length=16, choices=SessionMethod.choices)
    purpose = models.CharField(_("what the session is for"), max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    attendance = models.CharField(_("attendance"), max_length=16, choices=Attendance.choices, blank=True)
    attendance_note = models.TextField(_("notes"), blank=True)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["happens_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance="")
                | (Q(attendance_recorded_at__isnull=False) & Q(attendance_recorded_by__isnull=False)),
                name="attendance_has_time_and_author",
            )
        ]

    def __str__(self) -> str:
        return f"{self.purpose} on {self.happens_on}"
