"""Release from custody and what follows it: the release plan (the pre-release checklist), the
handover from prison to the community team, and the follow-up checkpoints after every release.

A release is a custody episode's `released_on` date (people.CustodyEpisode), whoever recorded it
here or in the system it was imported from, so checkpoints follow every release exactly once (one
row per episode and kind). A recall starts a new custody episode, and its re-release a new set."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from release.constants import (
    Accommodation,
    BenefitsClaim,
    CheckpointKind,
    DischargeGrant,
    Employment,
    ReleaseType,
    YesNo,
)


class ReleasePlan(models.Model):
    """What is arranged for the day of release. Blank means not yet arranged: the pre-release
    checklist (release.checklist) warns on each blank from 12 weeks before the date."""

    custody_episode = models.OneToOneField(
        "people.CustodyEpisode", on_delete=models.PROTECT, related_name="release_plan"
    )
    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="release_plans")
    release_type = models.CharField(_("type of release"), max_length=32, choices=ReleaseType.choices, blank=True)
    first_night_accommodation = models.CharField(
        _("first-night accommodation"), max_length=32, choices=Accommodation.choices, blank=True
    )
    first_night_address = models.CharField(_("first-night address"), max_length=300, blank=True)
    discharge_grant = models.CharField(_("discharge grant"), max_length=16, choices=DischargeGrant.choices, blank=True)
    has_id = models.CharField(_("identification"), max_length=3, choices=YesNo.choices, blank=True)
    has_bank_account = models.CharField(_("bank account"), max_length=3, choices=YesNo.choices, blank=True)
    benefits_claim = models.CharField(_("benefits claim"), max_length=16, choices=BenefitsClaim.choices, blank=True)
    gp_registered = models.CharField(_("registered with a GP"), max_length=3, choices=YesNo.choices, blank=True)
    first_appointment_on = models.DateField(_("first probation appointment"), null=True, blank=True)
    first_appointment_place = models.CharField(_("where"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Set when the release itself was recorded here (an imported release has none).
    released_recorded_at = models.DateTimeField(null=True, blank=True)
    released_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Release plan for episode {self.custody_episode_id}"


class Handover(models.Model):
    """Responsibility for the person passes from the prison to a probation delivery unit on a date.
    Both see the same plan; checkpoints due on or after the date are the community team's."""

    custody_episode = models.OneToOneField("people.CustodyEpisode", on_delete=models.PROTECT, related_name="handover")
    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="handovers")
    from_organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="handovers_received"
    )
    handover_on = models.DateField(_("handover date"))
    note = models.TextField(_("anything the community team should know"), blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["to_organisation", "handover_on"])]

    def __str__(self) -> str:
        return f"Handover of episode {self.custody_episode_id} on {self.handover_on}"


class Checkpoint(models.Model):
    """A follow-up after a release. Its state is derived: upcoming, due, recorded, or NOT KNOWN once
    its grace period has passed without a result (release.selectors.checkpoint_state)."""

    custody_episode = models.ForeignKey("people.CustodyEpisode", on_delete=models.PROTECT, related_name="checkpoints")
    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="checkpoints")
    kind = models.CharField(max_length=16, choices=CheckpointKind.choices)
    due_on = models.DateField()
    accommodation = models.CharField(_("accommodation"), max_length=32, choices=Accommodation.choices, blank=True)
    employment = models.CharField(_("employment"), max_length=16, choices=Employment.choices, blank=True)
    note = models.TextField(_("notes"), blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Who answers for it: the prison, or the delivery unit once the person was handed over on or
    # before its date (release.selectors.answerable_organisation_id, the rule). Stored, and moved in
    # the handover's own transaction, so the team's follow-ups list and the reports read one index.
    answerable = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, related_name="answerable_checkpoints"
    )
    # Recorded after its grace period: kept, but it stays NOT KNOWN in every measure. Knowing weeks
    # later where someone slept is not knowing at the time, and a late answer must not erase a failure.
    late = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["due_on", "recorded_at"]),
            models.Index(fields=["person", "due_on"]),
            models.Index(fields=["answerable", "recorded_at", "due_on"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["custody_episode", "kind"], name="one_checkpoint_per_release_and_kind"),
            models.CheckConstraint(
                condition=Q(recorded_at__isnull=True) | (~Q(accommodation="") & Q(recorded_by__isnull=False)),
                name="recorded_checkpoint_has_accommodation_and_author",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} after episode {self.custody_episode_id}"
