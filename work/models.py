from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.constants import OrganisationKind
from work.constants import ApplicationStatus, OpportunityKind, Step, Travel, WithdrawalReason


class Opportunity(models.Model):
    """A job, apprenticeship or training place posted by an employer partner, with the conditions it
    puts on convictions. Open until its closing date or until the employer closes it (closed_at):
    its state is derived from those, never stored."""

    employer = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="work_opportunities",
        limit_choices_to={"kind": OrganisationKind.PROVIDER},
    )
    kind = models.CharField(_("type"), max_length=32, choices=OpportunityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    town = models.CharField(_("town"), max_length=100)
    postcode_district = models.CharField(_("postcode district"), max_length=4)
    hours = models.CharField(_("hours"), max_length=200)
    pay = models.CharField(_("pay"), max_length=200, blank=True)
    places = models.PositiveSmallIntegerField(_("number of places"))
    closes_on = models.DateField(_("closing date"))
    skills = models.JSONField(_("skills wanted"), default=list, blank=True)
    excluded_offences = models.JSONField(_("convictions it cannot accept"), default=list, blank=True)
    works_with_vulnerable = models.BooleanField(_("works with children or vulnerable adults"), default=False)
    requires_driving = models.BooleanField(_("requires driving"), default=False)
    requires_internet = models.BooleanField(_("requires internet access"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["closes_on", "id"]
        indexes = [models.Index(fields=["employer", "closes_on"]), models.Index(fields=["closed_at", "closes_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="opportunity_has_a_place"),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_by__isnull=False), name="closed_opportunity_has_closer"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, *, today: datetime.date | None = None) -> bool:
        return self.closed_at is None and self.closes_on >= (today or timezone.localdate())


class WorkProfile(models.Model):
    """What an employer-matching needs to know about a person: their skills, where they will live and
    how far they can travel, the kinds of conviction employers ask about, and the licence conditions
    that bear on work. Recorded by prison or probation staff; every change is audited."""

    person = models.OneToOneField("people.ServiceUser", on_delete=models.PROTECT, related_name="work_profile")
    skills = models.JSONField(_("skills"), default=list, blank=True)
    release_town = models.CharField(_("town they will live in"), max_length=100)
    release_district = models.CharField(_("postcode district they will live in"), max_length=4)
    travel = models.CharField(_("how far they can travel"), max_length=32, choices=Travel.choices)
    offences = models.JSONField(_("convictions employers ask about"), default=list, blank=True)
    licence_conditions = models.JSONField(_("licence conditions that bear on work"), default=list, blank=True)
    exclusion_zone = models.JSONField(_("postcode districts of the exclusion zone"), default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work profile")

    def __str__(self) -> str:
        return f"Work profile of {self.person_id}"


class Application(models.Model):
    """A person put forward for an opportunity by the prison or probation staff who support them,
    with their consent to share the disclosure statement. What the employer sees is copied here
    (skills at the time), so the employer never reads the person's record. Its status is the latest
    ApplicationStep."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="applications")
    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="work_applications")
    disclosure_statement = models.TextField(_("disclosure statement"))
    consent_to_share = models.BooleanField(_("consent to share the disclosure statement"))
    skills = models.JSONField(_("skills"), default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(consent_to_share=True), name="application_has_consent"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} for {self.opportunity_id}"


class ApplicationStep(models.Model):
    """One step in an application, with who recorded it and when (store actors and times, not states)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="steps")
    step = models.CharField(_("step"), max_length=32, choices=Step.choices)
    reason = models.CharField(_("reason"), max_length=32, choices=WithdrawalReason.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "step"], name="each_application_step_once"),
            models.CheckConstraint(condition=~Q(step=Step.WITHDRAWN) | ~Q(reason=""), name="withdrawal_has_a_reason"),
            models.CheckConstraint(condition=~Q(step=Step.NOT_OFFERED) | ~Q(note=""), name="not_offered_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.step} on {self.application_id}"


def status_of(steps: list[ApplicationStep]) -> str:
    """An application's status from its steps (oldest first): the latest, or put forward."""
    return ApplicationStatus(steps[-1].step).value if steps else ApplicationStatus.PUT_FORWARD.value
