"""Who may do what with referrals. Plain predicates, so views, templates and tests ask the same question."""

from __future__ import annotations

from typing import Any

from accounts.constants import Role

REFERRERS = (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER)


def _staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "role", ""))


def can_send_referral(user: Any) -> bool:
    """Prison and probation staff refer the people they work with to partners."""
    return _staff(user) and user.role in REFERRERS


def can_view_referrals(user: Any) -> bool:
    """Referrers see what their organisation sent; partners what was sent to them; administrators all."""
    return _staff(user) and user.role in (*REFERRERS, Role.PARTNER_CASEWORKER, Role.ADMINISTRATOR)


def is_receiving_partner(user: Any, referral: Any) -> bool:
    """Only the partner a referral was sent to accepts, declines, delivers and closes it."""
    return _staff(user) and user.role == Role.PARTNER_CASEWORKER and user.organisation_id == referral.provider_id


def is_referrer(user: Any, referral: Any) -> bool:
    """The organisation that sent a referral (and prison or probation staff who can see the person,
    checked by the caller) may withdraw it."""
    return _staff(user) and user.role in REFERRERS
