"""Referrals on the person's timeline (people.timeline): sent, accepted or declined, each session's
attendance, completed with its outcomes, withdrawn. At most three queries, whatever the number of
referrals, and one when there are none; each reads only the columns it shows (people.timeline) and
is compiled to SQL once (common.compiled_reads)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet, TextChoices
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.models import User
from common.compiled_reads import scoped_reads
from organisations.constants import Pathway
from people.models import ServiceUser
from people.timeline import Entry
from referrals import rules
from referrals.constants import Attendance, DeclineReason, OutcomeRating, WithdrawalReason
from referrals.models import Referral, ReferralOutcome, ReferralSession

_REFERRAL_COLUMNS = (
    "pk",
    "provider__name",
    "pathway",
    "sent_at",
    "sent_by",
    "accepted_at",
    "accepted_by",
    "declined_at",
    "declined_by",
    "decline_reason",
    "completed_at",
    "completed_by",
    "withdrawn_at",
    "withdrawn_by",
    "withdrawal_reason",
)
_SESSION_COLUMNS = (
    "referral",
    "happens_on",
    "purpose",
    "attendance",
    "attendance_recorded_at",
    "attendance_recorded_by",
)


def _referrals(**where: int) -> QuerySet[Any, Any]:
    return Referral.objects.filter(**where).order_by().values(*_REFERRAL_COLUMNS)


def _outcomes(**where: int) -> QuerySet[Any, Any]:
    return ReferralOutcome.objects.filter(**where).order_by().values("referral", "rating")


def _sessions(**where: int) -> QuerySet[Any, Any]:
    return ReferralSession.objects.filter(attendance__gt="", **where).order_by().values(*_SESSION_COLUMNS)


# Staff who may see the whole record see every referral; a partner only those sent to them. The
# outcomes and sessions are read through the referral, by the same person and provider.
_READS = scoped_reads(
    "provider",
    (_referrals, "person_id", "provider_id"),
    (_outcomes, "referral__person_id", "referral__provider_id"),
    (_sessions, "referral__person_id", "referral__provider_id"),
)


def referral_entries(person: ServiceUser, viewer: User) -> Iterator[Entry]:
    """The person's referrals the viewer may see. The timeline has already checked that the viewer
    may see the person (people.services.person_open), so only a partner's narrower view remains to
    apply; this saves re-running the visibility subquery for every source."""
    if not rules.can_view_referrals(viewer):
        return
    chosen = _READS.choose(person.pk, viewer.organisation_id, everything=viewer.role != Role.PARTNER_CASEWORKER)
    if chosen is None:
        return
    (referrals_read, outcomes_read, sessions_read), where = chosen
    referrals = referrals_read.rows(**where)
    if not referrals:
        return  # nor any sessions or outcomes to read
    ratings: dict[int, list[str]] = {}
    if any(r["completed_at"] for r in referrals):
        for outcome in outcomes_read.rows(**where):
            ratings.setdefault(outcome["referral"], []).append(outcome["rating"])
    for referral in referrals:
        yield from _steps(referral, ratings.get(referral["pk"], []) if referral["completed_at"] else [])
    providers = {r["pk"]: r["provider__name"] for r in referrals}
    attendance = dict(Attendance.choices)
    for session in sessions_read.rows(**where):
        assert session["attendance_recorded_at"] is not None
        yield Entry(
            session["attendance_recorded_at"],
            "referral",
            _("%(provider)s session on %(date)s (%(purpose)s): %(attendance)s")
            % {
                "provider": providers[session["referral"]],
                "date": date_format(session["happens_on"], "j F Y"),
                "purpose": session["purpose"],
                "attendance": str(attendance.get(session["attendance"], session["attendance"])).lower(),
            },
            by=session["attendance_recorded_by"],
        )


def _label(choices: type[TextChoices], value: str) -> str:
    return str(dict(choices.choices).get(value, value))


def _steps(referral: dict[str, Any], ratings: list[str]) -> Iterator[Entry]:
    provider = referral["provider__name"]
    yield Entry(
        referral["sent_at"],
        "referral",
        _("Referred to %(provider)s for %(pathway)s (%(reference)s)")
        % {
            "provider": provider,
            "pathway": _label(Pathway, referral["pathway"]).lower(),
            "reference": f"R{referral['pk']:06d}",
        },
        by=referral["sent_by"],
    )
    if referral["accepted_at"]:
        yield Entry(
            referral["accepted_at"],
            "referral",
            _("Referral accepted by %(provider)s") % {"provider": provider},
            by=referral["accepted_by"],
        )
    if referral["declined_at"]:
        yield Entry(
            referral["declined_at"],
            "referral",
            _("Referral declined by %(provider)s: %(reason)s")
            % {"provider": provider, "reason": _label(DeclineReason, referral["decline_reason"])},
            by=referral["declined_by"],
        )
    if referral["completed_at"]:
        achieved = sum(1 for rating in ratings if rating == OutcomeRating.ACHIEVED)
        partly = sum(1 for rating in ratings if rating == OutcomeRating.PARTLY)
        yield Entry(
            referral["completed_at"],
            "referral",
            _("Referral completed by %(provider)s: %(achieved)d of %(total)d outcomes achieved, %(partly)d partly")
            % {"provider": provider, "achieved": achieved, "total": len(ratings), "partly": partly},
            by=referral["completed_by"],
        )
    if referral["withdrawn_at"]:
        yield Entry(
            referral["withdrawn_at"],
            "referral",
            _("Referral to %(provider)s withdrawn: %(reason)s")
            % {"provider": provider, "reason": _label(WithdrawalReason, referral["withdrawal_reason"])},
            by=referral["withdrawn_by"],
        )
