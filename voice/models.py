"""Feedback and surveys (issue 5).

Anonymity is a property of the tables, not a promise of the code (docs/decisions.md §19):
- `Response` has no column that names or points to a person, a session, a device, a token or a
  moment finer than a month. Its key is random, so its order says nothing about when it came.
  A named response (the person chose to give their name) is the only kind with a person in it.
- `EligibilitySpend` says only "someone with this keyed digest has answered this survey": no
  time, no token; it is written in the transaction that stores the answers. `EligibilityToken`
  holds the digest of a pass (and of the person it was given to) until it is used, and is deleted
  in that same transaction (the answers never carry the token).
- No anonymous response is ever written to the audit log or the application log.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voice.constants import Audience, Channel, Concern, Eligibility


class Survey(models.Model):
    """A survey, consultation or feedback form, owned by the organisation whose involvement lead
    built it. Its questions live in versions; it is open from its first published version until
    it is closed (by hand, or by its closing date)."""

    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="surveys", verbose_name=_("run by")
    )
    audience = models.CharField(_("who it is for"), max_length=16, choices=Audience.choices)
    eligibility = models.CharField(_("who can answer"), max_length=16, choices=Eligibility.choices)
    # Feedback about one service (an establishment, probation office, provider); empty when the
    # person chooses the service they are talking about.
    about = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys_about",
        verbose_name=_("about"),
    )
    contract = models.ForeignKey(
        "organisations.Contract", on_delete=models.PROTECT, null=True, blank=True, related_name="surveys"
    )
    closes_on = models.DateField(_("closing date"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_by__isnull=False), name="survey_closed_has_actor"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SurveyVersion(models.Model):
    """One version of a survey's questions (voice/definition.py). Published versions never change:
    a change is a new version, and each answer keeps the version it was given under."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="survey_version_once"),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(published_by__isnull=False),
                name="survey_version_published_has_actor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} v{self.number}"


class Response(models.Model):
    """One person's answers. See the module docstring for what it must never hold."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Indexed by (version, month) below, which also serves look-ups by version alone.
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="responses", db_index=False)
    # Coarse context only: the service it is about, and the month it arrived.
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    contract = models.ForeignKey(
        "organisations.Contract", on_delete=models.PROTECT, null=True, blank=True, db_index=False
    )
    month = models.DateField()
    channel = models.CharField(max_length=16, choices=Channel.choices)
    language = models.CharField(max_length=8, default="en")
    easy_read = models.BooleanField(default=False)
    answers = models.JSONField()
    # The device's submission id, keyed and hashed: the same submission sent again is stored once.
    submission_digest = models.CharField(max_length=64, unique=True)
    # Only when the person chose to give their name.
    named_person = models.ForeignKey(
        "people.ServiceUser", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    # Paper responses: the member of staff who typed them in.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    # What the safeguarding screen found (insight/screening.py): Concern values.
    concerns = models.JSONField(default=list, blank=True)
    # Allegations against named staff: only professional standards see them, and they are never
    # published or counted in anything public.
    restricted = models.BooleanField(default=False)

    class Meta:
        # Each index is a page written with every response, on the kiosks' hot path. The columns
        # that are usually empty (a contract, a named person, staff typing in paper) are indexed
        # only where they hold a value: a look-up by one of them (x = id) uses the partial index.
        indexes = [
            models.Index(fields=["version", "month"]),
            models.Index(fields=["contract"], condition=Q(contract__isnull=False), name="response_contract_idx"),
            models.Index(
                fields=["named_person"], condition=Q(named_person__isnull=False), name="response_named_person_idx"
            ),
            models.Index(fields=["entered_by"], condition=Q(entered_by__isnull=False), name="response_entered_by_idx"),
        ]

    def __str__(self) -> str:
        return f"Response to {self.version_id} in {self.month:%B %Y}"


class ProtectedWords(models.Model):
    """What a person wrote, before redaction (insight/redaction.py), kept only where a named team
    must read it as written: a response that raised a safeguarding alert (the safer custody team)
    or is an allegation against staff (professional standards). Every other reader, and every other
    response, has only the redacted words in `Response.answers` (issue 14, §2).

    Keyed by its response (no counter of its own); written with its response, so a sealed
    allegation's words are written at its mix, in the batch's shuffled order."""

    response = models.OneToOneField(Response, on_delete=models.CASCADE, primary_key=True, related_name="protected")
    # {question id: the words as written}, free-text answers only.
    answers = models.JSONField()

    def __str__(self) -> str:
        return "Words kept as written for a restricted reader"


class SealedResponse(models.Model):
    """An anonymous response before it is mixed (decision 19): the columns it will have as a
    `Response`, held until `VOICE_MIX_BATCH` of them (10 unless set) are waiting. The submission
    that fills the batch deletes them all and writes them as `Response` rows in a random order with
    new random keys, in one transaction (voice.services.responses_mix), so neither the responses'
    physical order (SQLite's rowid, PostgreSQL's ctid), nor their keys, nor the transaction that
    wrote them (xmin: one for the whole batch) says which response came when. Closing a survey,
    and `throughgate voice_mix` (run daily), mix whatever is waiting.

    Until its batch is mixed a response waits here in arrival order (at most a batch less one),
    sealed: its columns are ciphertext under a key held outside the database (issue 15, break 2),
    so someone with the files and the audit trail can pair a sign-in with a ciphertext, and no
    more. The mix opens them in Python and writes them shuffled (voice/mixing_services.py).
    Nothing is counted or shown from this table except how many are waiting. Named responses,
    paper typed in by staff, and responses that raise a safeguarding alert are written straight to
    `Response`: a named one names the person by their choice, paper carries no pass or sign-in to
    match, and an alert must reach a human at once."""

    # The digest is the key here and unique in Response, so a replay is "already stored" in either
    # place; as the key it needs no counter (and SQLite no sequence row written with every seal).
    submission_digest = models.CharField(max_length=64, primary_key=True)
    # No index: the table holds at most a batch or so, read whole.
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="+", db_index=False)
    # The Response's other columns (organisation, contract, month, channel, language, easy read,
    # answers, concerns, restricted), as JSON sealed under THROUGHGATE_SEAL_KEY, which is kept
    # outside the database (common/sealing.py): the rows' arrival order says only which
    # ciphertext came when, never what it holds.
    sealed = models.BinaryField()

    def __str__(self) -> str:
        return f"A sealed response to {self.version_id}"


class EligibilitySpend(models.Model):
    """A person has given their one response to a survey. The digest is keyed (voice/anonymity.py) so
    the table alone does not say who; nothing here says when."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="+")
    person_digest = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "person_digest"], name="eligibility_once")]

    def __str__(self) -> str:
        return f"An answer given to survey {self.survey_id}"


class EligibilityToken(models.Model):
    """A one-time pass, by the digest of its secret, until it is used (then deleted). It keeps the
    keyed digest of the person it was given to (the same as their `EligibilitySpend` would hold),
    so that the person's one response is spent with their answers, not when they open the survey
    (issue 15, break 11); the answers never carry the pass, so this row points at no response."""

    digest = models.CharField(max_length=64, primary_key=True)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    expires_on = models.DateField()
    # Empty only for a pass given before this was kept: its person's response was spent then.
    person_digest = models.CharField(max_length=64, null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["survey", "person_digest"], name="eligibility_token_person")]

    def __str__(self) -> str:
        return f"An unused pass for survey {self.survey_id}"


class SafeguardingAlert(models.Model):
    """Words about self-harm or harm to others, routed to a human before anything else happens
    to the response: it is held out of every result until someone has read it and acted.
    Only the day is kept, not the time, so the alert cannot be matched to a sign-in."""

    response = models.OneToOneField(Response, on_delete=models.PROTECT, related_name="alert")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    concerns = models.JSONField(default=list)
    raised_on = models.DateField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action_taken = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(reviewed_at__isnull=True) | (Q(reviewed_by__isnull=False) & ~Q(action_taken="")),
                name="alert_reviewed_has_actor_and_action",
            )
        ]

    def __str__(self) -> str:
        return f"Safeguarding alert raised on {self.raised_on}"

    @property
    def concern_labels(self) -> list[str]:
        return [str(Concern(c).label) for c in self.concerns if c in Concern.values]
