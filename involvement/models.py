"""Involvement (issue 6, item 3): every activity with its participants, what was fed back to them,
their recognition and its rung on Arnstein's ladder as staff and participants rate it;
lived-experience roles; peer research projects; and the guidance library.

Statuses (a project's stage, whether a role is current) are derived from recorded events
(docs/decisions.md §10). Participants' ratings never name who gave them: a rating has a random id,
the activity, the rung and how it reached us; one-per-person on the person's own view is checked
with a keyed digest kept apart (RatingMark), as ballots are (councils/secrecy.py)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from involvement.constants import (
    RECOGNITION_WITH_AMOUNT,
    ActivityKind,
    ApprovalDecision,
    ProjectStage,
    RatingChannel,
    Recognition,
    RoleEndReason,
    RoleKind,
    Rung,
)

RUNG_IN_RANGE = Q(rung__gte=Rung.MANIPULATION) & Q(rung__lte=Rung.CITIZEN_CONTROL)


class GuidancePage(models.Model):
    """A page of the guidance library that involvement leads edit. `for_kinds` lists the activity
    kinds it describes, so each activity links to the pages about it."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400)
    body = models.TextField(_("page text"))
    for_kinds = models.JSONField(_("activities it describes"), default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class PeerResearchProject(models.Model):
    """Research designed and carried out by people with lived experience. Its stage is the latest
    ProjectStageChange; fieldwork needs an approval and trained researchers (services)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("research question"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class ProjectStageChange(models.Model):
    project = models.ForeignKey(PeerResearchProject, on_delete=models.PROTECT, related_name="stage_changes")
    stage = models.CharField(_("stage"), max_length=20, choices=ProjectStage.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["on", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} on {self.on}"


class ProjectApproval(models.Model):
    """A decision by a body whose approval the project needs (the prison's governor, the HMPPS
    National Research Committee, a university ethics committee)."""

    project = models.ForeignKey(PeerResearchProject, on_delete=models.PROTECT, related_name="approvals")
    body = models.CharField(_("who decided"), max_length=200)
    decision = models.CharField(_("decision"), max_length=16, choices=ApprovalDecision.choices)
    decided_on = models.DateField(_("date of the decision"))
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    conditions = models.TextField(_("conditions or reasons"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision=ApprovalDecision.CONDITIONS) | ~Q(conditions=""),
                name="involvement_approval_conditions_written",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body}: {self.get_decision_display()}"


class PeerResearcher(models.Model):
    project = models.ForeignKey(PeerResearchProject, on_delete=models.PROTECT, related_name="researchers")
    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("paid or volunteer"), max_length=16, choices=RoleKind.choices)
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "person"], name="involvement_researcher_once"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="involvement_researcher_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"Peer researcher {self.pk}"


class ResearchTraining(models.Model):
    researcher = models.ForeignKey(PeerResearcher, on_delete=models.PROTECT, related_name="training")
    course = models.CharField(_("course"), max_length=200)
    completed_on = models.DateField(_("completed"))
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["completed_on", "pk"]

    def __str__(self) -> str:
        return self.course


class ResearchConsent(models.Model):
    """Consent of a person taking part in the research, under the project's own participant code
    (never their name or number: research data is kept apart from the case record)."""

    project = models.ForeignKey(PeerResearchProject, on_delete=models.PROTECT, related_name="consents")
    participant_code = models.CharField(_("participant code"), max_length=40)
    form_version = models.CharField(_("consent form version"), max_length=40)
    given_on = models.DateField(_("consent given"))
    withdrawn_on = models.DateField(_("consent withdrawn"), null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["participant_code"]
        constraints = [
            models.UniqueConstraint(fields=["project", "participant_code"], name="involvement_consent_code_once"),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="involvement_consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return self.participant_code


class LivedExperienceRole(models.Model):
    """A paid or volunteer role held by a person with lived experience (peer mentor, council rep,
    lived-experience adviser). Current while it has no end date or ends in the future."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("role"), max_length=200)
    kind = models.CharField(_("paid or volunteer"), max_length=16, choices=RoleKind.choices)
    description = models.TextField(_("what the role does"), blank=True)
    hours_per_week = models.DecimalField(_("hours a week"), max_digits=4, decimal_places=1, null=True, blank=True)
    pay_pence_per_hour = models.PositiveIntegerField(_("pay per hour, in pence"), null=True, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=20, choices=RoleEndReason.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=RoleKind.PAID) | Q(pay_pence_per_hour__gt=0), name="involvement_paid_role_has_pay"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="involvement_role_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    """One involvement activity, rated on the ladder by the staff who ran it (`staff_rung`, with
    their reason) and by the people who took part (ParticipantRating)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    # Activities run under a commissioned contract are reported against it too.
    contract = models.ForeignKey(
        "organisations.Contract", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("type of activity"), max_length=24, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    purpose = models.TextField(_("what it was for"))
    # People who took part but are not recorded by name (families, visitors, people who chose not to be).
    other_participants = models.PositiveIntegerField(_("other people who took part, not named"), default=0)
    staff_rung = models.PositiveSmallIntegerField(_("rung on the ladder (staff rating)"), choices=Rung.choices)
    staff_rung_reason = models.TextField(_("why this rung"))
    fed_back = models.TextField(_("what was fed back to the people who took part"), blank=True)
    fed_back_on = models.DateField(_("date fed back"), null=True, blank=True)
    council_meeting = models.ForeignKey(
        "councils.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    project = models.ForeignKey(
        PeerResearchProject, on_delete=models.PROTECT, null=True, blank=True, related_name="activities"
    )
    role = models.ForeignKey(
        LivedExperienceRole, on_delete=models.PROTECT, null=True, blank=True, related_name="activities"
    )
    version = models.PositiveIntegerField(default=1)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(staff_rung__gte=Rung.MANIPULATION) & Q(staff_rung__lte=Rung.CITIZEN_CONTROL),
                name="involvement_staff_rung_on_ladder",
            ),
            models.CheckConstraint(
                condition=Q(fed_back_on__isnull=True) | ~Q(fed_back=""), name="involvement_feedback_has_words"
            ),
            models.CheckConstraint(
                condition=Q(fed_back_on__isnull=True) | Q(fed_back_on__gte=models.F("held_on")),
                name="involvement_fed_back_after_activity",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="participants")
    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="+")
    recognition = models.CharField(_("payment or recognition"), max_length=16, choices=Recognition.choices)
    amount_pence = models.PositiveIntegerField(_("amount, in pence"), null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="involvement_participant_once"),
            models.CheckConstraint(
                condition=~Q(recognition__in=RECOGNITION_WITH_AMOUNT) | Q(amount_pence__gt=0),
                name="involvement_paid_recognition_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"Participant {self.pk}"


class ParticipantRating(models.Model):
    """A rung chosen by someone who took part. No person, no time: a random id, the activity, the
    rung and how it reached us."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="ratings")
    rung = models.PositiveSmallIntegerField(_("rung"), choices=Rung.choices)
    channel = models.CharField(max_length=16, choices=RatingChannel.choices)

    class Meta:
        constraints = [models.CheckConstraint(condition=RUNG_IN_RANGE, name="involvement_rating_rung_on_ladder")]

    def __str__(self) -> str:
        return f"Rung {self.rung}"


class SealedRating(models.Model):
    """A rating given from the person's own view, before it is mixed (decision 19's pattern, as for
    voice.SealedResponse): the activity and the rung, until `INVOLVEMENT_MIX_BATCH` of them (10
    unless set) wait, when the rating that fills the batch deletes them all and writes them as
    ParticipantRating rows in a random order under new random keys, in its transaction
    (involvement.rating_mixing). So neither the ratings' physical order nor their transaction
    matches the order of the marks and of the audit events that say who rated. `throughgate
    involvement_mix` (daily) mixes whatever waits. Until then a rating waits here in arrival order
    (at most a batch less one), sealed, and is not counted."""

    # The activity is the scope the rating is counted in (and already known: the person is on
    # its list of participants); the rung is sealed under THROUGHGATE_SEAL_KEY for this activity
    # (common/sealing.py), a key held outside the database, so the rows' order says only who sent
    # which ciphertext (issue 15, break 2).
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="+")
    sealed = models.BinaryField()

    def __str__(self) -> str:
        return "A sealed rating"


class RatingMark(models.Model):
    """That someone has rated an activity from their own view: a keyed digest of activity and
    person (voice.anonymity.digest, purpose "involvement.rating"), no time, nothing that points at the rating."""

    digest = models.CharField(max_length=64, primary_key=True)
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return "Rated"
