from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.constants import Pathway
from resettlement.constants import AnswerStatus, NeedStatus


class Screening(models.Model):
    """A reception screening of immediate needs, answered against one version of a questionnaire.
    Its state is derived from what was recorded: submitted when submitted_at is set (HMPPS
    Interventions ADR: store actors and times, not states)."""

    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="screenings")
    custody_episode = models.ForeignKey(
        "people.CustodyEpisode", on_delete=models.PROTECT, null=True, blank=True, related_name="screenings"
    )
    questionnaire_key = models.CharField(max_length=64)
    questionnaire_version = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "questionnaire_key"],
                condition=Q(submitted_at__isnull=True),
                name="one_draft_screening_per_person",
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(submitted_by__isnull=False),
                name="submitted_screening_has_submitter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire_key} v{self.questionnaire_version} for {self.person_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class ScreeningAnswer(models.Model):
    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="answers")
    question_id = models.CharField(max_length=100)
    status = models.CharField(max_length=32, choices=AnswerStatus.choices)
    value = models.JSONField(default=str, blank=True)
    reason = models.TextField(blank=True)
    answered_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["screening", "question_id"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=Q(status=AnswerStatus.ANSWERED) | ~Q(reason=""), name="unanswered_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.status}"


class Need(models.Model):
    """One itemised need on a resettlement pathway. Its status is the latest of its NeedEvents."""

    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="needs")
    pathway = models.CharField(_("pathway"), max_length=32, choices=Pathway.choices)
    description = models.CharField(_("need"), max_length=300)
    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, null=True, blank=True, related_name="needs")
    question_id = models.CharField(max_length=100, blank=True)
    identified_at = models.DateTimeField(default=timezone.now)
    identified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["person", "pathway", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "question_id"],
                condition=Q(screening__isnull=False),
                name="one_need_per_screening_question",
            )
        ]

    def __str__(self) -> str:
        return self.description


class NeedEvent(models.Model):
    """What happened to a need, when and by whom: its status at any past date is the latest event
    on or before that date."""

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="events")
    status = models.CharField(max_length=32, choices=NeedStatus.choices)
    occurred_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["need", "occurred_at", "id"]
        indexes = [models.Index(fields=["need", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.need_id} {self.status} at {self.occurred_at:%Y-%m-%d}"
