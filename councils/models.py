"""Councils of people in prison or on probation, their meetings, and their elections (issue 6, item 2).

Ballot secrecy is decided by the shape of these tables (as decision 19 does for anonymous answers):
`Ballot` has no column that names or points to a voter, a member of staff, a device, a channel or a
moment, and its key is a random UUID. "Has voted" is a `VoterMark` keyed by an HMAC of election and
person (councils/secrecy.py), with no time and a primary key that is the digest itself, so neither
table's keys say in which order votes came. A mark and its sealed ballot are written in one
transaction; sealed ballots are moved into `Ballot` in shuffled batches (see `Ballot`).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.constants import COUNCIL_ORGANISATION_KINDS, ElectionStatus, LeavingReason, MemberRole


class Council(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("prison or probation service"),
        on_delete=models.PROTECT,
        related_name="councils",
        limit_choices_to={"kind__in": COUNCIL_ORGANISATION_KINDS},
    )
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="council_name_unique")]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's seat on a council, from the start of their term until they leave."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    term_starts_on = models.DateField(_("term starts"))
    term_ends_on = models.DateField(_("term ends"), null=True, blank=True)
    left_on = models.DateField(_("date they left"), null=True, blank=True)
    leaving_reason = models.CharField(_("reason"), max_length=20, choices=LeavingReason.choices, blank=True)
    leaving_note = models.CharField(_("more about why they left"), max_length=500, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    left_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["term_starts_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "person"], condition=Q(left_on__isnull=True), name="one_current_seat_per_person"
            ),
            models.CheckConstraint(
                condition=Q(term_ends_on__isnull=True) | Q(term_ends_on__gte=F("term_starts_on")),
                name="membership_term_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("term_starts_on")),
                name="membership_left_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} on council {self.council_id}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None


class Meeting(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField(_("date of the meeting"))
    agenda = models.TextField(_("agenda"))
    minutes = models.TextField(_("minutes"), blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Meeting of council {self.council_id} on {self.held_on}"


class Decision(models.Model):
    """One decision a meeting made, shown on the public board."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("decision"), max_length=1000)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="decision_position_unique")]

    def __str__(self) -> str:
        return self.text


class Election(models.Model):
    """An election for `seats` seats. Its status is derived from the recorded steps: nominations
    until the voter list is made; voting between opens_at and closes_at (or an earlier close);
    then the count, published once."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="elections")
    title = models.CharField(_("title"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("number of seats"), validators=[MinValueValidator(1)])
    by_election = models.BooleanField(_("by-election"), default=False)
    vacancy = models.ForeignKey(
        Membership,
        verbose_name=_("seat left vacant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="by_elections",
    )
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    voter_list_made_at = models.DateTimeField(null=True, blank=True)
    voter_list_made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="election_closes_after_opening"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="election_has_a_seat"),
            models.CheckConstraint(condition=Q(by_election=False) | Q(seats=1), name="by_election_fills_one_seat"),
        ]

    def __str__(self) -> str:
        return self.title

    def status(self, now: object = None) -> ElectionStatus:
        now = now or timezone.now()
        if self.published_at:
            return ElectionStatus.PUBLISHED
        if self.voter_list_made_at is None:
            return ElectionStatus.NOMINATIONS
        if self.closed_at or now >= self.closes_at:  # type: ignore[operator]
            return ElectionStatus.CLOSED
        if now < self.opens_at:  # type: ignore[operator]
            return ElectionStatus.SCHEDULED
        return ElectionStatus.VOTING

    def get_status_display(self) -> str:
        return str(self.status().label)


class Candidate(models.Model):
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="candidates")
    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="+")
    statement = models.TextField(_("statement"))
    nominated_at = models.DateTimeField(auto_now_add=True)
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["person__family_name", "person__given_name", "id"]
        constraints = [models.UniqueConstraint(fields=["election", "person"], name="candidate_once_per_election")]

    def __str__(self) -> str:
        return f"Candidate {self.person_id} in election {self.election_id}"

    @property
    def is_standing(self) -> bool:
        return self.withdrawn_at is None


class Voter(models.Model):
    """One line of the voter list, stored when the election opens so that who may vote never
    changes under a running election. It says nothing of whether the person voted."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="voters")
    person = models.ForeignKey("people.ServiceUser", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["person__family_name", "person__given_name", "id"]
        constraints = [models.UniqueConstraint(fields=["election", "person"], name="voter_once_per_election")]

    def __str__(self) -> str:
        return f"Voter {self.person_id} in election {self.election_id}"


class VoterMark(models.Model):
    """This voter has voted. The key is the keyed digest of (election, person) itself, so the
    table holds no counter and no time, and without the service's key it does not say who."""

    voter_digest = models.CharField(max_length=64, primary_key=True)
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"A voter has voted in election {self.election_id}"


class SealedBallot(models.Model):
    """A ballot in the box before it is mixed: the same shape as `Ballot` (a random key, the
    election, the sorted choices, nothing else). Casting writes one of these beside the voter's
    mark; once the election holds `COUNCILS_MIX_BATCH` of them (10 unless set), or when voting
    closes, they are all deleted and written again as `Ballot` rows in a random order with new
    random keys (councils.services._ballots_mix), in the same transaction.

    Until their batch is mixed, its rows (at most a batch less one per election) are in the
    physical order of arrival, and can be paired with the marks and the own-view sign-ins by rank
    (SQLite's rowid; PostgreSQL's ctid, and xmin, which each row shares with its voter's mark);
    but the choices are ciphertext under the seal key, held outside the database (issue 15,
    break 2), so the pairing says only which voter sent which ciphertext. Someone holding the
    database and the seal key before the mix can read it. Nothing is counted, verified or shown
    from this table."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="+")
    # The sorted choices, sealed under THROUGHGATE_SEAL_KEY for this election (common/sealing.py),
    # a key held outside the database: a row's place says when a ciphertext came, never what it holds.
    sealed = models.BinaryField()

    def __str__(self) -> str:
        return f"A sealed ballot in election {self.election_id}"


class Ballot(models.Model):
    """One secret ballot: the election and the candidates chosen (ids, sorted, so the order in
    which they were ticked is not kept), and nothing else. No voter, member of staff, device,
    channel, time or sequence; the key is random (uuid4), so ordering by it says nothing.

    Ballots are written only in shuffled batches (decision 19's planned mitigation, built for
    ballots): a cast stores a `SealedBallot`; the cast that brings an election's sealed ballots to
    `COUNCILS_MIX_BATCH` (10 unless set) deletes them all and writes them here in a random order
    (secrets.SystemRandom) with new random keys, in that cast's transaction; closing voting (or
    publishing an election whose closing time has passed) does the same with whatever is left.

    What is defended: within a batch of N, neither the physical order of these rows (SQLite's
    rowid; PostgreSQL's ctid) nor the transaction id says which ballot is whose: all N ballots of a
    batch share the xmin of the one transaction that mixed them (the cast that filled the batch,
    whose mark has that xmin too, which says only that its voter is in the batch), their keys are
    not the sealed keys, and their order is the shuffle's. Someone with raw access to the files and the service's
    key (or, for own-view votes, the person's sign-in events, which give the order of own-view
    voters without the key) can place a voter in their batch, so a ballot is theirs with
    1 chance in N, not certainly.

    What is not: the last batch, mixed at close, holds whatever is left (from 1 to N-1 ballots),
    so its voters are hidden among fewer; with 1 it is as before mixing. Until its batch is mixed a
    ballot is a `SealedBallot` in arrival order (see there). A batch's ballots are linkable as a
    set to the batch's voters, so a batch in which everyone chose alike says how each of them
    voted (as any small count does). Deleted rows: on SQLite every connection sets
    `PRAGMA secure_delete = ON` (config/settings.py), so a sealed ballot's bytes are overwritten
    when it is mixed, and the write-ahead log (the -wal file), which keeps earlier page images in
    commit order, is checkpointed and truncated once each mix commits (common.sealing). On
    PostgreSQL a deleted sealed ballot stays in the table's files, with its xmin, until VACUUM
    reclaims it (autovacuum, not the request), and in the write-ahead log and any archive of it,
    as ciphertext; operators who fear raw-file access run VACUUM after voting closes and keep WAL
    archives as carefully as the database (decision 19)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="ballots")
    choices = models.JSONField()

    def __str__(self) -> str:
        return f"A ballot in election {self.election_id}"


class ResultTotal(models.Model):
    """The published count for one candidate: stored at publication, so that anyone can re-run the
    count from the stored ballots and see that it gives these totals."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="totals")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveIntegerField()
    elected = models.BooleanField(default=False)
    tied = models.BooleanField(default=False, help_text=_("Tied for the last seat: not decided by the count"))

    class Meta:
        ordering = ["-votes", "candidate__person__family_name", "id"]
        constraints = [models.UniqueConstraint(fields=["election", "candidate"], name="one_total_per_candidate")]

    def __str__(self) -> str:
        return f"{self.votes} for candidate {self.candidate_id}"
