"""What each role may do. Plain predicates, so views, templates and tests ask the same question."""

from __future__ import annotations

from typing import Any

from accounts.constants import CASE_ROLES, Role


def _staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and getattr(user, "role", ""))


def can_view_people(user: Any) -> bool:
    """Case-working roles open people's records; involvement leads and commissioners never do."""
    return _staff(user) and user.role in CASE_ROLES


def can_record_person(user: Any) -> bool:
    """People enter the record at prison reception or at the start of probation, or by an administrator."""
    return _staff(user) and user.role in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER, Role.ADMINISTRATOR)


def can_view_audit(user: Any) -> bool:
    """Only administrators read the audit trail."""
    return _staff(user) and user.role == Role.ADMINISTRATOR


def can_view_organisations(user: Any) -> bool:
    """Every member of staff can look up who does what (prisons, regions, providers)."""
    return _staff(user)


def can_view_contracts(user: Any) -> bool:
    """Everyone with a part in a contract can read it; which contracts is decided by
    ContractQuerySet.relevant_to."""
    return _staff(user)


def can_screen_on_reception(user: Any) -> bool:
    """Reception screening is done by the prison that receives the person."""
    return _staff(user) and user.role == Role.PRISON_STAFF


def can_edit_plan(user: Any) -> bool:
    """Prison and probation staff write the plan of the people they work with (which people is
    decided by people.access); partners will record results on the actions assigned to them."""
    return _staff(user) and user.role in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER)


def can_record_action_results(user: Any) -> bool:
    """Whoever is assigned plan actions records how they ended: prison and probation staff, and
    partners for the actions their own organisation owns (checked by the service)."""
    return _staff(user) and user.role in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER, Role.PARTNER_CASEWORKER)


def can_view_risk(user: Any) -> bool:
    """Risk of serious harm, MAPPA and safeguarding concerns are for the prison and probation staff
    who manage them (and administrators); partners and the person themselves never see them."""
    return _staff(user) and user.role in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER, Role.ADMINISTRATOR)


def can_view_whole_record(user: Any) -> bool:
    """Prison and probation staff (and administrators) see the whole resettlement record of the
    people they may see. A partner sees only what their referral or their own actions need
    (PRODUCT.md §1: "partners see only the parts of the record the referral needs")."""
    return _staff(user) and user.role in (Role.PRISON_STAFF, Role.PROBATION_PRACTITIONER, Role.ADMINISTRATOR)
