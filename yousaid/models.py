""" "You said, we did" (issue 6, item 1): issues raised from what people say, public responses on
time, and actions that are done only when the people who raised them confirm it.

Statuses are derived from the recorded *_at / *_by steps (docs/decisions.md §10), never stored.
An issue raised from anonymous feedback copies the words and keeps only a reference to the
response; it never names a person (docs/decisions.md §19). Only a person who chose to give their
name is recorded, so that they can be told what happens."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from yousaid.constants import ConfirmedBy, NotificationKind, Source


class ResponseDeadline(models.Model):
    """An organisation's own deadline for public responses, in working days (else the setting)."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    working_days = models.PositiveSmallIntegerField(_("working days"))
    set_at = models.DateTimeField(default=timezone.now)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(working_days__gte=1) & Q(working_days__lte=120), name="yousaid_deadline_in_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.working_days} working days"


class Issue(models.Model):
    """Something people said that the organisation must answer in public ("You said")."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    # Issues about a commissioned service are reported against its contract too (issue 6, item 4).
    contract = models.ForeignKey(
        "organisations.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(_("where it came from"), max_length=16, choices=Source.choices)
    said = models.TextField(_("what people said"))
    # Raised from feedback: which response and which of its free-text answers (no person).
    feedback_response = models.ForeignKey(
        "voice.Response", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feedback_question = models.CharField(max_length=40, blank=True)
    # Only when the person chose to give their name, so that they can be told what happens.
    named_person = models.ForeignKey(
        "people.ServiceUser", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Kept off the public board (for example, it is about a named member of staff).
    restricted = models.BooleanField(_("keep off the public board"), default=False)
    # The deadline given when it was raised: a later change of the setting never moves it.
    response_due_on = models.DateField(_("respond by"))
    raised_at = models.DateTimeField(default=timezone.now)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    response = models.TextField(_("our response"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["organisation", "raised_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(responded_at__isnull=True) | (Q(responded_by__isnull=False) & ~Q(response="")),
                name="yousaid_issue_response_has_actor_and_words",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | (Q(closed_by__isnull=False) & Q(responded_at__isnull=False)),
                name="yousaid_issue_closed_after_response",
            ),
            # Only feedback points at a response; an issue from feedback never names anyone but
            # the person who gave their name on that response (checked by the service).
            models.CheckConstraint(
                condition=Q(source=Source.FEEDBACK) | Q(feedback_response__isnull=True),
                name="yousaid_issue_response_only_from_feedback",
            ),
        ]

    def __str__(self) -> str:
        return f"Issue {self.pk}"


class Action(models.Model):
    """Something promised in answer to an issue ("We will"). Done only when confirmed."""

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField(_("what we will do"))
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(_("due date"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    done_claimed_at = models.DateTimeField(null=True, blank=True)
    done_claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_claim_note = models.TextField(blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The member of staff who recorded the confirmation, and who gave it.
    confirmed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_by_kind = models.CharField(max_length=16, choices=ConfirmedBy.choices, blank=True)
    confirmed_on = models.DateField(null=True, blank=True)
    confirmed_by_note = models.TextField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_reason = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(owner_user__isnull=False) & Q(owner_organisation__isnull=True))
                | (Q(owner_user__isnull=True) & Q(owner_organisation__isnull=False)),
                name="yousaid_action_one_owner",
            ),
            # Confirmation only follows a claim that it is done (issue 6: "done only when confirmed").
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True)
                | (
                    Q(done_claimed_at__isnull=False)
                    & Q(confirmed_recorded_by__isnull=False)
                    & ~Q(confirmed_by_kind="")
                    & Q(confirmed_on__isnull=False)
                ),
                name="yousaid_action_confirmed_after_claim",
            ),
            models.CheckConstraint(
                condition=Q(done_claimed_at__isnull=True) | Q(done_claimed_by__isnull=False),
                name="yousaid_action_claim_has_actor",
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | (Q(cancelled_by__isnull=False) & Q(confirmed_at__isnull=True)),
                name="yousaid_action_cancelled_not_confirmed",
            ),
        ]

    def __str__(self) -> str:
        return f"Action {self.pk} on issue {self.issue_id}"


class ActionProgress(models.Model):
    """A dated note of how an action is going."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="progress")
    noted_on = models.DateField(_("date"))
    note = models.TextField(_("progress"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["noted_on", "pk"]

    def __str__(self) -> str:
        return f"Progress on action {self.action_id} on {self.noted_on}"


class Notification(models.Model):
    """The person who raised an issue (and gave their name) is told when its status changes;
    shown in the person's own view (read through yousaid.selectors.notifications_for_person)."""

    person = models.ForeignKey("people.ServiceUser", on_delete=models.CASCADE, related_name="+")
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    message = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (issue {self.issue_id})"
