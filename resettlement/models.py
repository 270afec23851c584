from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.constants import Pathway
from resettlement.constants import ActionResult as ActionResultChoices
from resettlement.constants import (
    ActionState,
    AnswerStatus,
    ConcernKind,
    MappaCategory,
    MappaLevel,
    NeedStatus,
    RiskLevel,
)


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


class Plan(models.Model):
    """A person's resettlement plan: the actions that meet their needs. `revision` goes up with every
    change, so a change made from an out-of-date page is refused rather than silently overwriting."""

    person = models.OneToOneField("people.ServiceUser", on_delete=models.PROTECT, related_name="plan")
    revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Plan for {self.person_id} (revision {self.revision})"


class PlanAction(models.Model):
    """One thing someone will do, by a date, with an owning organisation and an assignee."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="actions")
    need = models.ForeignKey(Need, on_delete=models.PROTECT, null=True, blank=True, related_name="actions")
    # A mitigation of a public protection concern rather than a step on a pathway.
    concern = models.ForeignKey(
        "RiskConcern", on_delete=models.PROTECT, null=True, blank=True, related_name="mitigations"
    )
    pathway = models.CharField(_("pathway"), max_length=32, choices=Pathway.choices, blank=True)
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("owning organisation"), on_delete=models.PROTECT, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), on_delete=models.PROTECT, related_name="plan_actions"
    )
    due_on = models.DateField(_("due date"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The result, once recorded: done with its outcome, or not done with the reason.
    result = models.CharField(_("result"), max_length=16, choices=ActionResultChoices.choices, blank=True)
    result_note = models.TextField(_("outcome or reason"), blank=True)
    result_at = models.DateTimeField(null=True, blank=True)
    result_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["assignee", "result", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(result="") | (~Q(result_note="") & Q(result_at__isnull=False) & Q(result_by__isnull=False)),
                name="action_result_has_note_time_and_author",
            ),
            models.CheckConstraint(
                condition=~Q(pathway="") | Q(concern__isnull=False), name="action_on_a_pathway_or_a_concern"
            ),
        ]

    def __str__(self) -> str:
        return self.description

    def state(self, *, today: date) -> str:
        if self.result:
            return self.result
        return ActionState.OVERDUE if self.due_on < today else ActionState.OPEN


class NeedWithoutAction(models.Model):
    """The recorded reason a recognised need has no action in the plan (so no need is ignored in
    silence: the inspection found a third of plans made no provision for recognised needs)."""

    need = models.OneToOneField(Need, on_delete=models.PROTECT, related_name="without_action")
    reason = models.TextField()
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"No action for need {self.need_id}: {self.reason[:40]}"


class RiskAssessment(models.Model):
    """The person's risk of serious harm and MAPPA management, as assessed at a moment. The latest is
    current; earlier ones stay, so the position on any past date can be reported."""

    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="risk_assessments")
    rosh_level = models.CharField(_("risk of serious harm"), max_length=16, choices=RiskLevel.choices)
    mappa_category = models.CharField(_("MAPPA category"), max_length=2, choices=MappaCategory.choices, blank=True)
    mappa_level = models.CharField(_("MAPPA level"), max_length=2, choices=MappaLevel.choices, blank=True)
    assessed_at = models.DateTimeField(default=timezone.now)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-assessed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(mappa_category="") & Q(mappa_level="")) | (~Q(mappa_category="") & ~Q(mappa_level="")),
                name="mappa_category_and_level_together",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.rosh_level}"


class RiskConcern(models.Model):
    """A safeguarding or public protection concern, which the plan must mitigate with owned actions."""

    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="risk_concerns")
    kind = models.CharField(_("type of concern"), max_length=32, choices=ConcernKind.choices)
    description = models.TextField(_("concern"))
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:40]}"
