"""Writes for feedback and surveys. Staff writes follow the house rule (one transaction taking
`acting_user`: check, validate, write, audit). A person's own answers have no staff actor and,
when anonymous, leave no trace that names them: no audit event, no log line, no time finer than a
month (voice/models.py)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.constants import Action
from audit.services import event_record
from common.once import submission_spend
from insight.redaction import redact
from insight.screening import concerns as screen
from organisations.constants import OrganisationKind
from organisations.models import Contract, Organisation
from people.models import ServiceUser
from voice import anonymity, definition, mixing_services, rules
from voice.constants import Audience, Channel, Concern, Eligibility
from voice.models import (
    EligibilitySpend,
    EligibilityToken,
    ProtectedWords,
    Response,
    SafeguardingAlert,
    SealedResponse,
    Survey,
    SurveyVersion,
)
from voice.selectors import survey_is_open

if TYPE_CHECKING:
    from accounts.models import User

TITLE_MAX = 200
TOKEN_DAYS = 7
ACTION_TAKEN_MAX = 2000
SERVICE_KINDS = (OrganisationKind.ESTABLISHMENT, OrganisationKind.DELIVERY_UNIT, OrganisationKind.PROVIDER)
ALERT_CONCERNS = (Concern.SELF_HARM, Concern.HARM_TO_OTHERS)
# As sets, built once: an enum's `.values` builds a new list at every use (the kiosks' hot path).
CHANNELS = frozenset(Channel.values)
_ALERTING = frozenset(c.value for c in ALERT_CONCERNS)
FAMILY_CHANNELS = (Channel.PUBLIC_WEB, Channel.VISITS_KIOSK)


class SurveyNotOpen(ValidationError):
    """The survey is unknown, not yet published, or closed: nothing was stored."""


class PassRefused(ValidationError):
    """The one-time pass is missing, unknown, used already or for another survey."""


class AlreadyAnswered(PassRefused):
    """This person has answered this survey already (a pass refused because its person's one
    response is spent)."""


@dataclass(frozen=True)
class Submitted:
    """What a submission did. Never carries the response's id: the device has no use for it, and
    a device that keeps nothing cannot be asked for it."""

    duplicate: bool
    concerns: frozenset[str]

    @property
    def signpost_complaints(self) -> bool:
        return Concern.COMPLAINT in self.concerns or Concern.STAFF_ALLEGATION in self.concerns

    @property
    def routed_to_safer_custody(self) -> bool:
        return bool(self.concerns & _ALERTING)


def _today() -> datetime.date:
    return timezone.localdate()


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You cannot do this"))


def _prison(organisation_id: int) -> None:
    """Families and visitors give feedback about a prison; anything else is refused."""
    if not Organisation.objects.filter(pk=organisation_id, active=True, kind=OrganisationKind.ESTABLISHMENT).exists():
        raise ValidationError({"organisation": _("Select the prison your feedback is about from the list")})


def _service(organisation_id: int | None, field: str = "organisation") -> Organisation | None:
    if organisation_id is None:
        return None
    organisation = Organisation.objects.filter(pk=organisation_id, active=True, kind__in=SERVICE_KINDS).first()
    if organisation is None:
        raise ValidationError({field: _("Choose a prison, probation office or provider from the list")})
    return organisation


@transaction.atomic
def survey_create(
    *,
    acting_user: User,
    title: str,
    audience: str,
    eligibility: str,
    about_id: int | None = None,
    contract_id: int | None = None,
    closes_on: datetime.date | None = None,
    questions: list[dict[str, Any]] | None = None,
    submission_id: uuid.UUID | str | None = None,
) -> Survey:
    """Start a survey for the user's organisation, with a first draft version (by default the
    standard overall-experience question and its free-text question)."""
    _require(rules.can_build_surveys(acting_user))
    errors: dict[str, str] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Enter a title")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("Title must be 200 characters or fewer")
    if audience not in Audience.values:
        errors["audience"] = _("Select who the survey is for")
    if eligibility not in Eligibility.values:
        errors["eligibility"] = _("Select who can answer")
    elif audience == Audience.FAMILIES and eligibility == Eligibility.ONE_PER_PERSON:
        errors["eligibility"] = _("Families and visitors do not sign in, so their surveys are open to anyone")
    if closes_on is not None and closes_on < _today():
        errors["closes_on"] = _("The closing date must be today or in the future")
    if errors:
        raise ValidationError(errors)
    submission_spend(submission_id=submission_id)
    about = _service(about_id, "about_id")
    contract = None
    if contract_id is not None:
        contract = Contract.objects.filter(pk=contract_id).first()
        if contract is None:
            raise ValidationError({"contract_id": _("Choose a contract from the list")})
    cleaned = definition.definition_clean({"questions": questions or definition.standard_questions()})
    assert acting_user.organisation is not None  # every member of staff belongs to one
    survey = Survey.objects.create(
        title=title,
        owner=acting_user.organisation,
        audience=audience,
        eligibility=eligibility,
        about=about,
        contract=contract,
        closes_on=closes_on,
        created_by=acting_user,
    )
    SurveyVersion.objects.create(survey=survey, number=1, definition=cleaned, created_by=acting_user)
    event_record(actor=acting_user, action=Action.CREATE, record_type="survey", record_id=survey.pk, summary=title)
    return survey


def _managed(acting_user: User, survey_id: int) -> Survey:
    survey = Survey.objects.select_for_update().filter(pk=survey_id).first()
    if survey is None or not rules.can_manage_survey(acting_user, survey):
        raise PermissionDenied(_("You cannot change this survey"))
    return survey


@transaction.atomic
def survey_questions_save(
    *, acting_user: User, survey_id: int, questions: list[dict[str, Any]], based_on: int
) -> SurveyVersion:
    """Save the survey's questions as its draft. Published versions never change: editing after
    publishing starts a new draft version. `based_on` is the version number the editor was shown;
    if someone has saved since, the save is refused rather than overwriting their work."""
    survey = _managed(acting_user, survey_id)
    if survey.closed_at:
        raise ValidationError(_("This survey is closed, so its questions cannot change"))
    latest = survey.versions.order_by("-number").first()
    assert latest is not None
    if latest.number != based_on:
        raise ValidationError(
            _("Someone else saved this survey's questions while you were editing. Open it again to see their changes."),
            code="stale",
        )
    cleaned = definition.definition_clean({"questions": questions})
    if latest.published_at is None:
        latest.definition = cleaned
        latest.save(update_fields=["definition"])
        version = latest
    else:
        version = SurveyVersion.objects.create(
            survey=survey, number=latest.number + 1, definition=cleaned, created_by=acting_user
        )
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="survey",
        record_id=survey.pk,
        summary=f"questions saved as version {version.number}",
    )
    return version


@transaction.atomic
def survey_publish(*, acting_user: User, survey_id: int) -> SurveyVersion:
    """Publish the draft: from now on it is what people are asked, and it never changes."""
    survey = _managed(acting_user, survey_id)
    if survey.closed_at:
        raise ValidationError(_("This survey is closed"))
    draft = survey.versions.filter(published_at__isnull=True).order_by("-number").first()
    if draft is None:
        raise ValidationError(_("There is no draft to publish: change the questions first"), code="no_draft")
    draft.published_at = timezone.now()
    draft.published_by = acting_user
    draft.save(update_fields=["published_at", "published_by"])
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="survey",
        record_id=survey.pk,
        summary=f"version {draft.number} published",
    )
    return draft


@transaction.atomic
def survey_close(*, acting_user: User, survey_id: int) -> Survey:
    survey = _managed(acting_user, survey_id)
    if survey.closed_at:
        raise ValidationError(_("This survey is already closed"), code="closed")
    survey.closed_at = timezone.now()
    survey.closed_by = acting_user
    survey.save(update_fields=["closed_at", "closed_by"])
    EligibilityToken.objects.filter(survey=survey).delete()
    # Whatever is waiting to be mixed is mixed now, so the closed survey's results are whole.
    mixing_services.responses_mix(minimum=1)
    event_record(actor=acting_user, action=Action.UPDATE, record_type="survey", record_id=survey.pk, summary="closed")
    return survey


@transaction.atomic
def eligibility_pass_issue(*, person_id: int, survey_id: int) -> str:
    """Give a signed-in person a pass for a survey they have not answered. Their one response is
    spent with their answers (`_eligibility_spend`), not here: a person who opens the survey and
    leaves it may start again (issue 15, break 11). A person may hold more than one pass (one
    from each time they opened the survey); the first to bring answers spends their response, and
    the others are refused. The pass is the only thing that travels with the answers; it names no
    one, and its row keeps only its person's keyed digest (voice/models.py)."""
    survey = Survey.objects.select_for_update().filter(pk=survey_id).first()
    if survey is None or not survey_is_open(survey):
        raise SurveyNotOpen(_("This survey is not open"), code="closed")
    if survey.eligibility != Eligibility.ONE_PER_PERSON:
        raise PassRefused(_("This survey is open to anyone: no pass is needed"), code="open")
    if not ServiceUser.objects.filter(pk=person_id).exists():
        raise PassRefused(_("Sign in first"), code="no_person")
    person = anonymity.person_digest(survey_id=survey.pk, person_id=person_id)
    if EligibilitySpend.objects.filter(survey=survey, person_digest=person).exists():
        raise AlreadyAnswered(_("You have already answered this survey. Thank you."), code="already")
    token = anonymity.new_token()
    EligibilityToken.objects.create(
        digest=anonymity.token_digest(token),
        survey=survey,
        expires_on=_today() + datetime.timedelta(days=TOKEN_DAYS),
        person_digest=person,
    )
    return token


def eligibility_spent(*, person_id: int, survey_id: int) -> bool:
    """Whether the person has answered the survey (not merely opened it)."""
    return EligibilitySpend.objects.filter(
        survey_id=survey_id, person_digest=anonymity.person_digest(survey_id=survey_id, person_id=person_id)
    ).exists()


def _eligibility_spend(*, pass_digest: str, survey_id: int, today: datetime.date) -> None:
    """Spend a pass and, with it, its person's one response: called inside the transaction that
    stores the answers, so either both happen or neither (issue 15, break 11).

    The person's response is spent first, by inserting their `EligibilitySpend`: of two
    submissions racing with passes given to the same person (or with one pass), the second waits
    on the unique constraint and is refused as already answered. Then the pass is spent by
    deleting it (a pass given before passes kept their person's digest is only deleted: its
    response was spent when it was given), and the person's other passes with it. In this order
    the second submission holds no row the first needs, so the two cannot deadlock. Any refusal
    undoes everything the caller's transaction wrote. The spend row keeps the person's keyed
    digest only: no pass, no time (decision 19)."""
    passes = EligibilityToken.objects.filter(digest=pass_digest, survey_id=survey_id, expires_on__gte=today)
    row = passes.values_list("person_digest").first()
    refused = PassRefused(
        _("This pass has been used already or has run out. Sign in again to see your surveys."), code="bad_pass"
    )
    if row is None:
        raise refused
    found = row[0]
    if found is not None:
        try:
            with transaction.atomic():
                EligibilitySpend.objects.create(survey_id=survey_id, person_digest=found)
        except IntegrityError:
            raise AlreadyAnswered(_("You have already answered this survey. Thank you."), code="already") from None
    if not passes.delete()[0]:
        raise refused
    if found is not None:
        # The person's other passes for this survey can no longer be used: they go too.
        EligibilityToken.objects.filter(survey_id=survey_id, person_digest=found).delete()


def _check_submission_id(submission_id: Any) -> str:
    try:
        return str(uuid.UUID(str(submission_id)))
    except (TypeError, ValueError):
        message = _("The answers could not be read. Start the survey again.")
        raise ValidationError(message, code="bad_submission_id") from None


@dataclass(frozen=True)
class _Published:
    """What a submission needs of a published version and its survey, read in one query."""

    survey_id: int
    version_id: int
    eligibility: str
    about_id: int | None
    contract_id: int | None
    closed: bool
    definition: dict[str, Any]


# Published versions never change (survey_questions_save makes a new one), so each process keeps
# their definitions once read: the kiosk endpoint then reads one small row per submission. (It
# reads that row rather than remembering the survey too: on SQLite a check folded into the write
# holds the one write lock for longer, and the kiosks queue behind it.)
_DEFINITIONS: dict[tuple[int, str], dict[str, Any]] = {}
_DEFINITIONS_MAX = 256


# The kiosk's hot path reads with hand-written SQL: compiling the same two ORM queries cost more
# than running them (make bench, "kiosk submissions"). Table names come from the models.
_PUBLISHED_SQL = (
    "SELECT v.id, v.published_at, s.eligibility, s.about_id, s.contract_id,"  # noqa: S608 - table names from the models
    " (s.closed_at IS NOT NULL OR (s.closes_on IS NOT NULL AND s.closes_on < %s))"
    f" FROM {SurveyVersion._meta.db_table} v JOIN {Survey._meta.db_table} s ON s.id = v.survey_id"
    " WHERE v.survey_id = %s AND v.number = %s AND v.published_at IS NOT NULL"
)
_STORED_SQL = (
    f"SELECT 1 FROM {Response._meta.db_table} WHERE submission_digest = %s"  # noqa: S608 - as above
    f" UNION ALL SELECT 1 FROM {SealedResponse._meta.db_table} WHERE submission_digest = %s"
)


def _alone(write: Callable[[], str | None]) -> str | None:
    """A submission's only write: a single statement in autocommit, or within a savepoint when a
    caller's transaction is open (so a refused duplicate does not break theirs)."""
    if connection.in_atomic_block:
        with transaction.atomic():
            return write()
    return write()


def _stored(key: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(_STORED_SQL, [key, key])
        return cursor.fetchone() is not None


_ROW_ID_MAX = 2**63 - 1  # the largest integer SQLite and PostgreSQL (bigint) hold


def _published(survey_id: Any, version_number: Any, *, today: datetime.date) -> _Published:
    try:
        survey_id, version_number = int(survey_id), int(version_number)
    except (TypeError, ValueError, OverflowError):
        raise SurveyNotOpen(_("This survey does not exist"), code="unknown") from None
    if not (0 < survey_id <= _ROW_ID_MAX and 0 < version_number <= _ROW_ID_MAX):
        # No row has such a number, and SQLite refuses to be asked (OverflowError, a 500 to an
        # outsider who sent 2**70: issue 15, break 9).
        raise SurveyNotOpen(_("This survey does not exist"), code="unknown")
    with connection.cursor() as cursor:
        cursor.execute(_PUBLISHED_SQL, [today, survey_id, version_number])
        row = cursor.fetchone()
    if row is None:
        raise SurveyNotOpen(_("This survey does not exist"), code="unknown")
    version_id, published_at, eligibility, about_id, contract_id, closed = row
    # Keyed by the moment of publishing too: a row id can be reused after a rollback, a
    # (row id, published at) pair cannot.
    cache_key = (version_id, str(published_at))
    found = _DEFINITIONS.get(cache_key)
    if found is None:
        found = SurveyVersion.objects.values_list("definition", flat=True).get(pk=version_id)
        if len(_DEFINITIONS) >= _DEFINITIONS_MAX:
            _DEFINITIONS.clear()
        _DEFINITIONS[cache_key] = found
    return _Published(
        survey_id=survey_id,
        version_id=version_id,
        eligibility=eligibility,
        about_id=about_id,
        contract_id=contract_id,
        # The same rule as selectors.survey_is_open, whose "has a published version" this row proves.
        closed=bool(closed),
        definition=found,
    )


def response_submit(
    *,
    survey_id: Any,
    version_number: Any,
    answers: Any,
    submission_id: Any,
    channel: str,
    language: str = "en",
    easy_read: bool = False,
    token: str | None = None,
    organisation_id: int | None = None,
    contract_id: int | None = None,
    named_person_id: int | None = None,
    entered_by: User | None = None,
) -> Submitted:
    """Store one person's answers, exactly once: the same submission id sent again (a replay from
    a kiosk's queue, a double tap) is acknowledged and stores nothing, even when the survey has
    closed or the pass has been used since (by that same submission). See _submit."""
    key = anonymity.submission_digest(_check_submission_id(submission_id))
    try:
        return _submit(
            key=key,
            survey_id=survey_id,
            version_number=version_number,
            answers=answers,
            channel=channel,
            language=language,
            easy_read=easy_read,
            token=token,
            organisation_id=organisation_id,
            contract_id=contract_id,
            named_person_id=named_person_id,
            entered_by=entered_by,
        )
    except (SurveyNotOpen, PassRefused):
        if _stored(key):
            return Submitted(duplicate=True, concerns=frozenset())
        raise


def _submit(
    *,
    key: str,
    survey_id: Any,
    version_number: Any,
    answers: Any,
    channel: str,
    language: str = "en",
    easy_read: bool = False,
    token: str | None = None,
    organisation_id: int | None = None,
    contract_id: int | None = None,
    named_person_id: int | None = None,
    entered_by: User | None = None,
) -> Submitted:
    """Store one person's answers under their keyed submission digest (the unique constraint
    makes a replay "already stored"). Answers are checked against
    the version they were given under; a closed or unknown survey, a used or wrong pass and
    malformed answers are refused and change nothing. On paper a required question may be left
    blank: the person has already gone, and their other answers still count.

    Before anything else, free text is screened (insight/screening.py): words about self-harm or
    harm to others raise an alert for a human in the safer custody team and hold the response out
    of every result until it has been read; an allegation against staff is restricted.

    This is the kiosk's hot path (make bench, "kiosk submissions"): one read of the version and
    its survey, then a transaction of only the writes (the pass spent, the insert, whose unique
    submission digest turns a replay into "already stored")."""
    if channel not in CHANNELS:
        raise ValidationError(_("Unknown channel"), code="channel")
    today = _today()  # once: the local date costs a time-zone conversion
    published = _published(survey_id, version_number, today=today)
    if published.closed:
        raise SurveyNotOpen(_("This survey has closed, so your answers could not be taken"), code="closed")
    if channel == Channel.PAPER:
        survey = Survey.objects.get(pk=published.survey_id)
        if entered_by is None or not rules.can_enter_paper(entered_by, survey):
            raise PermissionDenied(_("You cannot enter paper responses for this survey"))
    elif entered_by is not None:
        raise ValidationError(_("Only paper responses are entered by staff"), code="channel")
    cleaned = definition.answers_clean(published.definition, answers, require=channel != Channel.PAPER)
    if language not in definition.languages(published.definition):
        language = "en"
    pass_digest = None
    if published.eligibility == Eligibility.ONE_PER_PERSON and channel != Channel.PAPER:
        if not token:
            raise PassRefused(_("Sign in to answer this survey"), code="no_pass")
        pass_digest = anonymity.token_digest(str(token))
    if named_person_id is not None and not ServiceUser.objects.filter(pk=named_person_id).exists():
        raise ValidationError(_("Unknown person"), code="person")
    about_id = published.about_id
    if about_id is None and organisation_id is not None:
        service = _service(organisation_id)
        about_id = service.pk if service else None
    if channel in FAMILY_CHANNELS:
        # Families' and visitors' feedback is about a prison: it counts for none without one.
        if about_id is None:
            raise ValidationError({"organisation": _("Select the prison your feedback is about")})
        if about_id != published.about_id:
            _prison(about_id)
    contract = published.contract_id
    if contract is None and contract_id is not None:
        contract = Contract.objects.filter(pk=contract_id).values_list("pk", flat=True).first()
    written = definition.free_text_by_id(published.definition, cleaned)
    found = screen(*written.values())
    # What identifies anyone is redacted before anything is stored (issue 14, §2): every reader of
    # results, lists, exports and boards sees only the redacted words. The words as written are
    # kept only for the teams that must read them (ProtectedWords), below.
    redacted = {question: redact(words).text for question, words in written.items()}
    # The Response's columns, by attribute name (voice.mixing_services writes them).
    row: dict[str, Any] = {
        "version_id": published.version_id,
        "organisation_id": about_id,
        "contract_id": contract,
        "month": today.replace(day=1),
        "channel": channel,
        "language": language,
        "easy_read": bool(easy_read),
        "answers": {**cleaned, **redacted},
        "submission_digest": key,
        "named_person_id": named_person_id,
        "entered_by_id": entered_by.pk if entered_by is not None else None,
        "concerns": sorted(found),
        "restricted": Concern.STAFF_ALLEGATION in found,
    }
    alert_concerns = sorted(c for c in found if c in _ALERTING)
    if (alert_concerns or row["restricted"]) and redacted != written:
        row["original"] = written
    # Anonymous responses are sealed and written to the results in shuffled batches (decision 19,
    # voice/mixing_services.py). A named response, paper typed in by staff, and a response that
    # raises an alert are written at once: see SealedResponse for why.
    direct = named_person_id is not None or entered_by is not None or bool(alert_concerns)
    if not direct and pass_digest is None:
        # The usual kiosk submission writes one row, and one INSERT is atomic by itself: in
        # autocommit it needs no transaction around it (BEGIN and COMMIT cost as much as the row).
        try:
            sealed = _alone(lambda: mixing_services.response_seal(row))
        except IntegrityError:
            sealed = None
        if sealed is None:
            return Submitted(duplicate=True, concerns=frozenset())
        mixing_services.responses_mix_when_full()
        return Submitted(duplicate=False, concerns=frozenset(found))
    # Everything above only reads; the transaction holds just the writes, because on SQLite it
    # holds the database's one write lock (transaction_mode IMMEDIATE) and kiosks queue behind it.
    try:
        with transaction.atomic():
            # The pass, and with it the person's one response, is spent with the answers.
            if pass_digest is not None:
                _eligibility_spend(pass_digest=pass_digest, survey_id=published.survey_id, today=today)
            sealed = None
            if not direct:
                sealed = mixing_services.response_seal(row)
                if sealed is None:
                    raise IntegrityError("already mixed into the responses")  # undo the pass spent
            else:
                response_id = row["id"] = uuid.uuid4()
                mixing_services.response_insert(row)
                if "original" in row:
                    ProtectedWords.objects.create(response_id=response_id, answers=row["original"])
            if alert_concerns:
                SafeguardingAlert.objects.create(
                    response_id=response_id, organisation_id=about_id, concerns=alert_concerns, raised_on=today
                )
            if entered_by is not None:
                # Staff typing in a paper form is a staff action, audited without the response's id.
                event_record(
                    actor=entered_by,
                    action=Action.CREATE,
                    record_type="survey_paper_response",
                    record_id=published.survey_id,
                    summary=f"paper response entered for survey {published.survey_id}",
                )
    except IntegrityError:
        # The same submission arrived twice at once: the other request stored it, and this one's
        # writes (the pass it spent) are undone.
        return Submitted(duplicate=True, concerns=frozenset())
    if sealed is not None:
        mixing_services.responses_mix_when_full()
    return Submitted(duplicate=False, concerns=frozenset(found))


@transaction.atomic
def alert_review(*, acting_user: User, alert_id: int, action_taken: str) -> SafeguardingAlert:
    """A member of the safer custody team records what they did about an alert; until then the
    response is held out of every result."""
    if not rules.can_review_alerts(acting_user):
        raise PermissionDenied(_("Only the safer custody team can review alerts"))
    alert = (
        SafeguardingAlert.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .filter(pk=alert_id)
        .first()
    )
    if alert is None or not rules.alert_in_remit(acting_user, alert.organisation):
        raise PermissionDenied(_("This alert is for another team"))
    if alert.reviewed_at is not None:
        raise ValidationError(_("This alert has already been reviewed"), code="reviewed")
    action_taken = (action_taken or "").strip()
    if not action_taken:
        raise ValidationError({"action_taken": _("Say what you did")})
    if len(action_taken) > ACTION_TAKEN_MAX:
        raise ValidationError({"action_taken": _("Write 2,000 characters or fewer")})
    alert.reviewed_at = timezone.now()
    alert.reviewed_by = acting_user
    alert.action_taken = action_taken
    alert.save(update_fields=["reviewed_at", "reviewed_by", "action_taken"])
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="safeguarding_alert",
        record_id=alert.pk,
        summary="reviewed",
    )
    return alert
