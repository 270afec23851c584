"""Referrals on the person's timeline (people.timeline): sent, accepted or declined, each session's
attendance, completed with its outcomes, withdrawn. Two queries, whatever the number of referrals."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.models import User
from people.models import ServiceUser
from people.timeline import Entry, done_by
from referrals import rules
from referrals.constants import OutcomeRating
from referrals.models import Referral, ReferralSession


def _of_person(person: ServiceUser, viewer: User) -> QuerySet[Referral]:
    """The person's referrals the viewer may see. The timeline has already checked that the viewer
    may see the person (people.services.person_open), so only a partner's narrower view remains to
    apply; this saves re-running the visibility subquery for every source."""
    if not rules.can_view_referrals(viewer):
        return Referral.objects.none()
    referrals = Referral.objects.filter(person=person)
    if viewer.role == Role.PARTNER_CASEWORKER:
        referrals = referrals.filter(provider_id=viewer.organisation_id)
    return referrals


def referral_entries(person: ServiceUser, viewer: User) -> Iterator[Entry]:
    referrals = (
        _of_person(person, viewer)
        .select_related(
            "provider",
            "sent_by__organisation",
            "accepted_by__organisation",
            "declined_by__organisation",
            "completed_by__organisation",
            "withdrawn_by__organisation",
        )
        .prefetch_related("outcomes")
        .order_by()  # the timeline sorts every entry; an ORDER BY here only costs compile time
    )
    for referral in referrals:
        yield from _steps(referral)
    sessions = (
        ReferralSession.objects.filter(referral__in=_of_person(person, viewer).values("pk"), attendance__gt="")
        .select_related("referral__provider", "attendance_recorded_by__organisation")
        .order_by()
    )
    for session in sessions:
        assert session.attendance_recorded_at is not None
        yield Entry(
            session.attendance_recorded_at,
            "referral",
            _("%(provider)s session on %(date)s (%(purpose)s): %(attendance)s")
            % {
                "provider": session.referral.provider.name,
                "date": date_format(session.happens_on, "j F Y"),
                "purpose": session.purpose,
                "attendance": session.get_attendance_display().lower(),
            },
            *done_by(session.attendance_recorded_by),
        )


def _steps(referral: Referral) -> Iterator[Entry]:
    provider = referral.provider.name
    yield Entry(
        referral.sent_at,
        "referral",
        _("Referred to %(provider)s for %(pathway)s (%(reference)s)")
        % {"provider": provider, "pathway": referral.get_pathway_display().lower(), "reference": referral.reference},
        *done_by(referral.sent_by),
    )
    if referral.accepted_at:
        yield Entry(
            referral.accepted_at,
            "referral",
            _("Referral accepted by %(provider)s") % {"provider": provider},
            *done_by(referral.accepted_by),
        )
    if referral.declined_at:
        yield Entry(
            referral.declined_at,
            "referral",
            _("Referral declined by %(provider)s: %(reason)s")
            % {"provider": provider, "reason": referral.get_decline_reason_display()},
            *done_by(referral.declined_by),
        )
    if referral.completed_at:
        outcomes = list(referral.outcomes.all())
        achieved = sum(1 for o in outcomes if o.rating == OutcomeRating.ACHIEVED)
        partly = sum(1 for o in outcomes if o.rating == OutcomeRating.PARTLY)
        yield Entry(
            referral.completed_at,
            "referral",
            _("Referral completed by %(provider)s: %(achieved)d of %(total)d outcomes achieved, %(partly)d partly")
            % {"provider": provider, "achieved": achieved, "total": len(outcomes), "partly": partly},
            *done_by(referral.completed_by),
        )
    if referral.withdrawn_at:
        yield Entry(
            referral.withdrawn_at,
            "referral",
            _("Referral to %(provider)s withdrawn: %(reason)s")
            % {"provider": provider, "reason": referral.get_withdrawal_reason_display()},
            *done_by(referral.withdrawn_by),
        )
