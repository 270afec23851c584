"""Mentoring, coaching and Good Help (issue 3, journey 5): mentors and coaches, their allocation
to a person, and each contact, carried through the gate. Status is derived from what was recorded
(who, when), never stored: an allocation is active until `ended_on` is set, a mentor available
until `unavailable_at` is set (HMPPS Interventions ADR: store actors and times, not states)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mentoring.constants import ContactMethod, ContactOutcome, ContactRating, ContactSetting, EndReason, MentorKind


class Mentor(models.Model):
    """A mentor or coach, employed or volunteering with one organisation (usually a partner
    provider). Peer mentors often do not sign in: their organisation's caseworker records for them,
    so the link to a user is optional."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="mentors"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=MentorKind.choices)
    lived_experience = models.BooleanField(_("lived experience of the justice system"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signs in as"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentor_profiles",
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    unavailable_at = models.DateTimeField(null=True, blank=True)
    unavailable_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unavailable_reason = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["organisation", "unavailable_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(unavailable_at__isnull=True) | Q(unavailable_by__isnull=False),
                name="mentor_unavailable_has_actor",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_available(self) -> bool:
        return self.unavailable_at is None


class Allocation(models.Model):
    """A mentor allocated to a person, from a start date, with what the person wants from it in
    their own words and their recorded consent. It is active until it is ended; its organisation
    (the mentor's, copied so that record access reads one indexed table) may then see the person."""

    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="mentoring_allocations")
    mentor = models.ForeignKey(Mentor, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="allocations")
    # Copied from the mentor: the database enforces one active allocation per person per kind, and
    # the access rule finds an organisation's mentees without a join.
    kind = models.CharField(_("kind"), max_length=32, choices=MentorKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="mentoring_allocations"
    )
    started_on = models.DateField(_("start date"))
    goals = models.TextField(_("what the person wants from it, in their own words"))
    consent_recorded_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(_("reason it ended"), max_length=32, choices=EndReason.choices, blank=True)
    end_note = models.TextField(_("note"), blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "ended_on"]),
            models.Index(fields=["person", "ended_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"], condition=Q(ended_on__isnull=True), name="one_active_allocation_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="allocation_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=(Q(ended_on__isnull=True) & Q(end_reason=""))
                | (Q(ended_on__isnull=False) & ~Q(end_reason="") & Q(ended_by__isnull=False)),
                name="ended_allocation_has_reason_and_actor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id} with {self.person_id} from {self.started_on}"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class Contact(models.Model):
    """One contact between a mentor and the person, or one the person did not attend."""

    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="contacts")
    contact_on = models.DateField(_("date of the contact"))
    method = models.CharField(_("how"), max_length=32, choices=ContactMethod.choices)
    setting = models.CharField(_("where"), max_length=32, choices=ContactSetting.choices)
    outcome = models.CharField(_("did it happen"), max_length=32, choices=ContactOutcome.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    rating = models.CharField(_("how the person rated it"), max_length=32, choices=ContactRating.choices, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-contact_on", "-id"]
        indexes = [models.Index(fields=["allocation", "contact_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome=ContactOutcome.HAPPENED) | Q(rating=""),
                name="only_a_contact_that_happened_is_rated",
            )
        ]

    def __str__(self) -> str:
        return f"{self.allocation_id} on {self.contact_on}"

    @property
    def happened(self) -> bool:
        return self.outcome == ContactOutcome.HAPPENED
