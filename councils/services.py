"""Writes for councils and elections: each one @transaction.atomic function taking acting_user,
recording its audit event in the same transaction (ENGINEERING.md, Zulip convention).

Ballots are the exception to "audit everything about a record": `ballot_cast` audits the member
of staff and the election ("a ballot was taken at the polling station for election X", "paper
ballot entered for election X") and never the voter or the ballot, because an event naming the
voter with a time, next to the stored ballots, would be a road from a ballot to a person. A ballot
the person casts from their own view (`ballot_cast_by_voter`) has no member of staff to name, so its
event names the election alone: no actor, no person.

Ballots go into the box sealed and are moved to the counted table in shuffled batches
(`_ballots_mix`; councils.models.Ballot says what that defends and what it does not)."""

from __future__ import annotations

import datetime
import logging
import secrets
import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.constants import Action
from audit.services import event_record
from common.once import submission_spend
from common.sealing import SealUnreadable, checkpoint_after_commit, open_sealed, seal
from councils import rules, selectors
from councils.constants import (
    COUNCIL_ORGANISATION_KINDS,
    STAFF_CHANNELS,
    Channel,
    ElectionStatus,
    LeavingReason,
    MemberRole,
)
from councils.models import (
    Ballot,
    Candidate,
    Council,
    Decision,
    Election,
    Meeting,
    Membership,
    ResultTotal,
    SealedBallot,
    Voter,
    VoterMark,
)
from councils.secrecy import voter_digest
from organisations.models import Organisation

logger = logging.getLogger(__name__)


def _managed(acting_user: Any, council: Council) -> None:
    if not rules.can_manage_council(acting_user, council):
        raise PermissionDenied


def _election_for_update(election_id: int) -> Election:
    return Election.objects.select_for_update().select_related("council__organisation").get(pk=election_id)


@transaction.atomic
def council_create(
    *,
    acting_user: Any,
    organisation_id: int,
    name: str,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Council:
    organisation = Organisation.objects.get(pk=organisation_id)
    if organisation.kind not in COUNCIL_ORGANISATION_KINDS:
        raise ValidationError({"organisation": _("A council belongs to a prison, probation region or delivery unit")})
    council = Council(organisation=organisation, name=name.strip(), created_by=acting_user)
    _managed(acting_user, council)
    if Council.objects.filter(organisation=organisation, name__iexact=council.name).exists():
        raise ValidationError({"name": _("%(place)s already has a council with this name") % {"place": organisation}})
    submission_spend(submission_id=submission_id)
    council.save()
    event_record(
        actor=acting_user,
        action=Action.CREATE,
        record_type="councils.Council",
        record_id=council.pk,
        summary=f"Council {council.name} set up for {organisation.name}",
        request=request,
    )
    return council


@transaction.atomic
def member_add(
    *,
    acting_user: Any,
    council_id: int,
    identifier: str,
    role: str,
    term_starts_on: datetime.date,
    term_ends_on: datetime.date | None = None,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Membership:
    council = Council.objects.select_related("organisation").get(pk=council_id)
    _managed(acting_user, council)
    person = selectors.eligible_person_find(organisation=council.organisation, identifier=identifier)
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Select a role")})
    if term_ends_on is not None and term_ends_on < term_starts_on:
        raise ValidationError({"term_ends_on": _("The term must end after it starts")})
    if council.memberships.filter(person=person, left_on__isnull=True).exists():
        raise ValidationError({"identifier": _("%(name)s is already a member") % {"name": person.full_name}})
    submission_spend(submission_id=submission_id)
    membership = Membership.objects.create(
        council=council,
        person=person,
        role=role,
        term_starts_on=term_starts_on,
        term_ends_on=term_ends_on,
        added_by=acting_user,
    )
    event_record(
        actor=acting_user,
        action=Action.CREATE,
        record_type="councils.Membership",
        record_id=membership.pk,
        person_id=person.pk,
        summary=f"Added to {council.name} as {MemberRole(role).label}",
        request=request,
    )
    return membership


@transaction.atomic
def member_leave(
    *,
    acting_user: Any,
    membership_id: int,
    left_on: datetime.date,
    reason: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> Membership:
    membership = Membership.objects.select_for_update().select_related("council").get(pk=membership_id)
    _managed(acting_user, membership.council)
    if membership.left_on is not None:
        raise ValidationError(_("This member has already left the council"))
    if reason not in LeavingReason.values:
        raise ValidationError({"reason": _("Select why they left")})
    if reason == LeavingReason.OTHER and not note.strip():
        raise ValidationError({"note": _("Say why they left")})
    if left_on < membership.term_starts_on:
        raise ValidationError({"left_on": _("They cannot leave before their term started")})
    if left_on > timezone.localdate():
        raise ValidationError({"left_on": _("The date they left must be today or in the past")})
    membership.left_on, membership.leaving_reason, membership.leaving_note = left_on, reason, note.strip()
    membership.left_recorded_by = acting_user
    membership.save(update_fields=["left_on", "leaving_reason", "leaving_note", "left_recorded_by"])
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="councils.Membership",
        record_id=membership.pk,
        person_id=membership.person_id,
        summary=f"Left {membership.council.name} on {left_on} ({LeavingReason(reason).label})",
        request=request,
    )
    return membership


@transaction.atomic
def meeting_record(
    *,
    acting_user: Any,
    council_id: int,
    held_on: datetime.date,
    agenda: str,
    minutes: str = "",
    decisions: Sequence[str] = (),
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Meeting:
    council = Council.objects.get(pk=council_id)
    _managed(acting_user, council)
    if not agenda.strip():
        raise ValidationError({"agenda": _("Enter the agenda")})
    decisions = [d.strip() for d in decisions if d.strip()]
    if decisions and held_on > timezone.localdate():
        raise ValidationError({"decisions": _("A meeting that has not happened yet cannot have made decisions")})
    if any(len(d) > 1000 for d in decisions):
        raise ValidationError({"decisions": _("Each decision must be 1,000 characters or fewer")})
    submission_spend(submission_id=submission_id)
    meeting = Meeting.objects.create(
        council=council, held_on=held_on, agenda=agenda.strip(), minutes=minutes.strip(), recorded_by=acting_user
    )
    Decision.objects.bulk_create(
        Decision(meeting=meeting, position=n, text=text) for n, text in enumerate(decisions, start=1)
    )
    event_record(
        actor=acting_user,
        action=Action.CREATE,
        record_type="councils.Meeting",
        record_id=meeting.pk,
        summary=f"Meeting of {council.name} on {held_on} recorded, {len(decisions)} decision(s)",
        request=request,
    )
    return meeting


@transaction.atomic
def election_create(
    *,
    acting_user: Any,
    council_id: int,
    title: str,
    seats: int,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    vacancy_id: int | None = None,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Election:
    """An election, or, with `vacancy_id` (a member who has left), a by-election for that one seat."""
    council = Council.objects.get(pk=council_id)
    _managed(acting_user, council)
    vacancy = None
    if vacancy_id is not None:
        vacancy = council.memberships.get(pk=vacancy_id)
        if vacancy.left_on is None:
            raise ValidationError(_("A by-election is for a seat a member has left; this member has not left"))
        if vacancy.by_elections.exists():
            raise ValidationError(_("A by-election has already been called for this seat"))
        seats = 1
    if seats < 1:
        raise ValidationError({"seats": _("An election must be for at least 1 seat")})
    if closes_at <= opens_at:
        raise ValidationError({"closes_on": _("Voting must close after it opens")})
    if closes_at <= timezone.now():
        raise ValidationError({"closes_on": _("Voting must close in the future")})
    submission_spend(submission_id=submission_id)
    election = Election.objects.create(
        council=council,
        title=title.strip(),
        seats=seats,
        by_election=vacancy is not None,
        vacancy=vacancy,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=acting_user,
    )
    event_record(
        actor=acting_user,
        action=Action.CREATE,
        record_type="councils.Election",
        record_id=election.pk,
        summary=f"{'By-election' if vacancy else 'Election'} {election.title} for {seats} seat(s) on {council.name}",
        request=request,
    )
    return election


@transaction.atomic
def candidate_nominate(
    *,
    acting_user: Any,
    election_id: int,
    identifier: str,
    statement: str,
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> Candidate:
    election = _election_for_update(election_id)
    _managed(acting_user, election.council)
    if election.status() != ElectionStatus.NOMINATIONS:
        raise ValidationError(_("Nominations closed when the voter list was made"))
    person = selectors.eligible_person_find(organisation=election.council.organisation, identifier=identifier)
    if not statement.strip():
        raise ValidationError({"statement": _("Enter the candidate's statement")})
    if election.candidates.filter(person=person).exists():
        raise ValidationError({"identifier": _("%(name)s is already a candidate") % {"name": person.full_name}})
    submission_spend(submission_id=submission_id)
    candidate = Candidate.objects.create(
        election=election, person=person, statement=statement.strip(), nominated_by=acting_user
    )
    event_record(
        actor=acting_user,
        action=Action.CREATE,
        record_type="councils.Candidate",
        record_id=candidate.pk,
        person_id=person.pk,
        summary=f"Nominated in {election.title}",
        request=request,
    )
    return candidate


@transaction.atomic
def candidate_withdraw(*, acting_user: Any, candidate_id: int, request: HttpRequest | None = None) -> Candidate:
    candidate = Candidate.objects.select_related("election__council").get(pk=candidate_id)
    election = _election_for_update(candidate.election_id)
    _managed(acting_user, election.council)
    if election.status() != ElectionStatus.NOMINATIONS:
        raise ValidationError(_("A candidate can withdraw only before the voter list is made"))
    if candidate.withdrawn_at is not None:
        raise ValidationError(_("This candidate has already withdrawn"))
    candidate.withdrawn_at, candidate.withdrawn_by = timezone.now(), acting_user
    candidate.save(update_fields=["withdrawn_at", "withdrawn_by"])
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="councils.Candidate",
        record_id=candidate.pk,
        person_id=candidate.person_id,
        summary=f"Withdrew from {election.title}",
        request=request,
    )
    return candidate


@transaction.atomic
def election_open(*, acting_user: Any, election_id: int, request: HttpRequest | None = None) -> Election:
    """Close nominations and store the voter list: everyone the council's body serves now."""
    election = _election_for_update(election_id)
    _managed(acting_user, election.council)
    if election.voter_list_made_at is not None:
        raise ValidationError(_("The voter list has already been made"))
    if election.closes_at <= timezone.now():
        raise ValidationError(_("Voting was due to close already. Create a new election."))
    if not election.candidates.filter(withdrawn_at__isnull=True).exists():
        raise ValidationError(_("Add at least one candidate before opening the election"))
    people = list(selectors.eligible_people(organisation=election.council.organisation).values_list("pk", flat=True))
    if not people:
        raise ValidationError(_("No one is eligible to vote, so the voter list would be empty"))
    Voter.objects.bulk_create(Voter(election=election, person_id=pk) for pk in people)
    election.voter_list_made_at, election.voter_list_made_by = timezone.now(), acting_user
    election.save(update_fields=["voter_list_made_at", "voter_list_made_by"])
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="councils.Election",
        record_id=election.pk,
        summary=f"Nominations closed and voter list of {len(people)} made for {election.title}",
        request=request,
    )
    return election


def _choices_checked(election: Election, candidate_ids: Sequence[int | str]) -> list[int]:
    try:
        chosen = sorted({int(c) for c in candidate_ids})
    except (TypeError, ValueError):
        raise ValidationError({"choices": _("This ballot could not be read. Start again.")}) from None
    if len(chosen) != len(list(candidate_ids)):
        raise ValidationError({"choices": _("Choose each candidate no more than once")})
    if not chosen:
        raise ValidationError({"choices": _("Choose at least one candidate")})
    if len(chosen) > election.seats:
        raise ValidationError(
            {
                "choices": ngettext(
                    "Choose no more than %(seats)s candidate: there is %(seats)s seat",
                    "Choose no more than %(seats)s candidates: there are %(seats)s seats",
                    election.seats,
                )
                % {"seats": election.seats}
            }
        )
    standing = set(election.candidates.filter(withdrawn_at__isnull=True).values_list("pk", flat=True))
    if not set(chosen) <= standing:
        raise ValidationError({"choices": _("Only candidates standing in this election can be chosen")})
    return chosen


def _ballot_checked(
    *, election: Election, voter: Voter | None, candidate_ids: Sequence[int | str], not_on_list: str
) -> tuple[Voter, list[int]]:
    """The checks every ballot passes, whoever brings it: voting is open, the voter is on the
    list, and the choices are a valid ballot. Returns the voter and the choices, sorted."""
    refusal = selectors.voting_refusal(election=election)
    if refusal:
        raise ValidationError(refusal)
    if voter is None:
        raise ValidationError({"voter": not_on_list})
    return voter, _choices_checked(election, candidate_ids)


def mix_batch_size() -> int:
    """How many sealed ballots an election gathers before they are shuffled into the count
    (setting COUNCILS_MIX_BATCH, 10 by default, as decision 19 plans; never less than 1)."""
    return max(1, int(getattr(settings, "COUNCILS_MIX_BATCH", 10)))


def _shuffle(items: list[Any]) -> None:
    """Shuffle in place from the operating system's randomness, so no seed can replay the order."""
    secrets.SystemRandom().shuffle(items)


def _ballots_write_shuffled(*, election: Election, choices: list[list[int]]) -> int:
    """Write these ballots in a random order under new uuid4 keys (the model's default, never the
    keys they had before, so a key seen earlier in a backup or a free page matches no ballot)."""
    _shuffle(choices)
    Ballot.objects.bulk_create([Ballot(election=election, choices=chosen) for chosen in choices])
    return len(choices)


def _ballots_mix(*, election: Election) -> int:
    """Move every sealed ballot of this election into the counted ballots, inside the caller's
    transaction (which holds the election's row lock): read them, delete them, and write them again
    in a random order under new random keys, so that neither the rows' physical order, nor their
    keys, nor the transaction that wrote them says which voter's mark goes with which ballot.
    Returns how many were mixed."""
    sealed = SealedBallot.objects.filter(election=election)
    choices = _opened(election, sealed)
    if not choices:
        return 0
    sealed.delete()
    checkpoint_after_commit()
    return _ballots_write_shuffled(election=election, choices=choices)


# The kind a sealed ballot is sealed as (common/sealing.py binds it, with the election, to each).
BALLOT_SEAL = "councils.ballot"


def _opened(election: Election, sealed: Any) -> list[list[int]]:
    """The choices of these sealed ballots, opened with the seal key (outside the database); if any
    does not open, a clear refusal before anything is deleted or written."""
    try:
        return [
            open_sealed(BALLOT_SEAL, blob, scope=election.pk)["choices"]
            for blob in sealed.values_list("sealed", flat=True)
        ]
    except SealUnreadable as error:
        raise ValidationError(
            _("The sealed ballots cannot be opened with the configured seal key, so none were mixed: %(why)s")
            % {"why": error}
        ) from None


def _ballots_mix_whole_election(*, election: Election) -> int:
    """At the close: every ballot of the election, sealed or already mixed in a batch, is read,
    deleted and written again in one random order under new keys, so that the whole election is
    one group to hide in (the last, smaller batch no longer stands apart, and on SQLite, with
    secure_delete, the batches leave no trace). Returns how many ballots the election holds."""
    sealed, counted = SealedBallot.objects.filter(election=election), Ballot.objects.filter(election=election)
    choices = [*_opened(election, sealed), *counted.values_list("choices", flat=True)]
    if not choices:
        return 0
    sealed.delete()
    counted.delete()
    checkpoint_after_commit()
    return _ballots_write_shuffled(election=election, choices=choices)


def _ballot_store(*, election: Election, voter: Voter, chosen: list[int], already_voted: str) -> None:
    """Mark the voter as having voted and seal their secret ballot in the box, inside the caller's
    transaction, so that neither exists without the other; when the box holds a full batch, mix it
    into the counted ballots in the same transaction. The mark's key is unique, so a second ballot
    from the same voter is refused here whatever the channel."""
    try:
        with transaction.atomic():
            VoterMark.objects.create(
                voter_digest=voter_digest(election_id=election.pk, person_id=voter.person_id), election=election
            )
    except IntegrityError:
        raise ValidationError({"voter": already_voted}) from None
    SealedBallot.objects.create(election=election, sealed=seal(BALLOT_SEAL, {"choices": chosen}, scope=election.pk))
    if SealedBallot.objects.filter(election=election).count() >= mix_batch_size():
        try:
            with transaction.atomic():
                _ballots_mix(election=election)
        except ValidationError:
            # The ballot is sealed and safe; the batch waits until the key that opens it is
            # configured, and closing voting says why it cannot go on meanwhile.
            logger.exception("Sealed ballots of election %s could not be opened; none were mixed", election.pk)


@transaction.atomic
def ballot_cast(
    *,
    acting_user: Any,
    election_id: int,
    voter_id: int,
    candidate_ids: Sequence[int | str],
    channel: str,
    request: HttpRequest | None = None,
) -> None:
    """Mark the voter as having voted and store their secret ballot, in one transaction, so that
    neither exists without the other. Returns nothing: not even the caller learns the ballot's id.

    `voter_id` is a line of the voter list: at a polling station the member of staff verified the
    person and the person filled in the ballot privately; on paper, staff type in the paper ballot
    the person handed in and mark them on the list."""
    election = _election_for_update(election_id)
    _managed(acting_user, election.council)
    if channel not in STAFF_CHANNELS:
        raise ValidationError(_("Unknown voting channel"))
    voter, chosen = _ballot_checked(
        election=election,
        voter=election.voters.filter(pk=voter_id).first(),
        candidate_ids=candidate_ids,
        not_on_list=_("This person is not on the voter list for this election"),
    )
    _ballot_store(
        election=election, voter=voter, chosen=chosen, already_voted=_("This person has already voted in this election")
    )
    event_record(
        actor=acting_user,
        action=Action.CREATE,
        record_type="councils.Election",
        record_id=election.pk,
        summary=(
            f"Paper ballot entered for election {election.title}"
            if channel == Channel.PAPER
            else f"Ballot taken at the polling station for election {election.title}"
        ),
        request=request,
    )


@transaction.atomic
def ballot_cast_by_voter(
    *,
    person_id: int,
    election_id: int,
    candidate_ids: Sequence[int | str],
    submission_id: uuid.UUID | str | None = None,
    request: HttpRequest | None = None,
) -> None:
    """A person on the voter list votes by themselves, signed in to their own view (kiosk or
    phone) with their own PIN: no member of staff acts, so the person is the only one who could
    have chosen. The same checks and the same mark-and-ballot write as `ballot_cast`.

    The audit event names the election and the channel only: no actor (there is no staff member),
    no person, no ballot. An event naming the voter next to the ballots would be a road from a
    ballot to a person; "has voted" is already kept, keyed, by the mark. The event's own time is
    the only time kept (see councils.models.Ballot for the residual risk of row order)."""
    election = _election_for_update(election_id)
    voter, chosen = _ballot_checked(
        election=election,
        voter=election.voters.filter(person_id=person_id).first(),
        candidate_ids=candidate_ids,
        not_on_list=_("You are not on the voter list for this election, so you cannot vote in it"),
    )
    _ballot_store(
        election=election,
        voter=voter,
        chosen=chosen,
        already_voted=_("You have already voted in this election. You can vote only once."),
    )
    # Spent after the mark, in the same transaction: a form sent twice is told "already voted",
    # the message that says what happened, and a refusal here undoes the mark and the ballot.
    submission_spend(submission_id=submission_id)
    event_record(
        actor=None,
        action=Action.CREATE,
        record_type="councils.Election",
        record_id=election.pk,
        summary=f"A ballot was cast from the person's own view for election {election.title}",
        request=request,
        day_only=True,  # no time to pair with the voter's timed sign-in (decision 22)
    )


@transaction.atomic
def election_close(*, acting_user: Any, election_id: int, request: HttpRequest | None = None) -> Election:
    election = _election_for_update(election_id)
    _managed(acting_user, election.council)
    if election.voter_list_made_at is None:
        raise ValidationError(_("This election has not opened, so it cannot close"))
    if election.closed_at is not None:
        raise ValidationError(_("Voting has already closed"))
    # Nothing is counted from the sealed box, and the whole election becomes one mixed set.
    _ballots_mix_whole_election(election=election)
    election.closed_at, election.closed_by = timezone.now(), acting_user
    election.save(update_fields=["closed_at", "closed_by"])
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="councils.Election",
        record_id=election.pk,
        summary=f"Voting closed in {election.title}",
        request=request,
    )
    return election


@transaction.atomic
def election_publish(*, acting_user: Any, election_id: int, request: HttpRequest | None = None) -> Election:
    """Count the stored ballots, store the totals and who was elected (ties noted, not decided),
    and seat the elected on the council."""
    election = _election_for_update(election_id)
    _managed(acting_user, election.council)
    if election.published_at is not None:
        raise ValidationError(_("The result has already been published"))
    if election.status() != ElectionStatus.CLOSED:
        raise ValidationError(_("Close voting before publishing the result"))
    if election.closed_at is None:
        # Voting ended at its closing time and no one closed it: this is the close, so the last
        # batch is mixed here, as election_close would have.
        _ballots_mix_whole_election(election=election)
        election.closed_at, election.closed_by = timezone.now(), acting_user
    totals = selectors.election_count(election=election)
    outcome = selectors.decide(totals=totals, seats=election.seats)
    ResultTotal.objects.bulk_create(
        ResultTotal(
            election=election,
            candidate_id=candidate_id,
            votes=votes,
            elected=candidate_id in outcome.elected,
            tied=candidate_id in outcome.tied,
        )
        for candidate_id, votes in totals.items()
    )
    today = timezone.localdate()
    for candidate in Candidate.objects.filter(pk__in=outcome.elected).select_related("person"):
        if not election.council.memberships.filter(person=candidate.person, left_on__isnull=True).exists():
            Membership.objects.create(
                council=election.council, person=candidate.person, term_starts_on=today, added_by=acting_user
            )
    election.published_at, election.published_by = timezone.now(), acting_user
    election.save(update_fields=["closed_at", "closed_by", "published_at", "published_by"])
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="councils.Election",
        record_id=election.pk,
        summary=f"Result of {election.title} published: {len(outcome.elected)} elected"
        + (f", {len(outcome.tied)} tied for the last seat" if outcome.tied else ""),
        changes={"totals": {str(k): v for k, v in totals.items()}},
        request=request,
    )
    return election
