"""The person's own view (issue 4, journey 4): their sign-in (a PIN, stored only as a hash), each
sign-in attempt (so guessed PINs lock the person's numbers, counted from recorded attempts rather
than a stored counter: docs/decisions.md 31), and their word on whether each action recorded as done really happened.

Each step stores who did it and when (HMPPS Interventions ADR, "store actors and time instead of
state"): a PIN is active from `set_at` until `switched_off_at`; an action's answer is its latest row."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from myplan.constants import Answer, Channel


class PersonPin(models.Model):
    """A person's one sign-in to their own view. The PIN is hashed with Django's password hashers and
    never stored or shown in clear: staff tell the person the PIN once, when they set it."""

    person = models.OneToOneField("people.ServiceUser", on_delete=models.PROTECT, related_name="own_view_pin")
    pin_hash = models.CharField(max_length=200)
    set_at = models.DateTimeField(default=timezone.now)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    switched_off_at = models.DateTimeField(null=True, blank=True)
    switched_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(switched_off_at__isnull=True) | Q(switched_off_by__isnull=False),
                name="pin_switched_off_has_actor",
            )
        ]

    def __str__(self) -> str:
        return f"Own-view sign-in for {self.person_id}"

    @property
    def is_active(self) -> bool:
        return self.switched_off_at is None


class SignInAttempt(models.Model):
    """One try at signing in, by the identifier typed (normalised), whether or not it names anyone:
    an unknown identifier is counted exactly like a known one, so the lockout reveals nothing."""

    identifier = models.CharField(max_length=20)
    attempted_at = models.DateTimeField(default=timezone.now)
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ["-attempted_at", "-id"]
        indexes = [models.Index(fields=["identifier", "attempted_at"])]

    def __str__(self) -> str:
        return f"{self.identifier} at {self.attempted_at:%Y-%m-%d %H:%M} ({'ok' if self.succeeded else 'failed'})"


class ActionConfirmation(models.Model):
    """The person's answer to "Did this really happen?" for a plan action recorded as done. Every
    answer is kept; the latest is what the person says now."""

    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="action_confirmations")
    action = models.ForeignKey("resettlement.PlanAction", on_delete=models.PROTECT, related_name="person_confirmations")
    answer = models.CharField(_("did it happen?"), max_length=16, choices=Answer.choices)
    comment = models.TextField(_("anything you want to tell us"), blank=True)
    answered_at = models.DateTimeField(default=timezone.now)
    channel = models.CharField(max_length=8, choices=Channel.choices)

    class Meta:
        ordering = ["-answered_at", "-id"]
        indexes = [models.Index(fields=["person", "action", "answered_at"])]

    def __str__(self) -> str:
        return f"{self.person_id} on action {self.action_id}: {self.answer}"
