"""Writes to a person's resettlement plan. Every change takes the plan revision the user was
looking at: a change made from an out-of-date page is refused with what changed meanwhile, so two
people editing one plan never overwrite each other in silence."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import rules
from accounts.models import User
from audit.constants import Action
from audit.models import Event
from audit.services import event_record
from organisations.constants import OrganisationKind, Pathway
from organisations.models import Organisation
from people.models import ServiceUser
from resettlement.constants import ActionResult, ConcernKind, MappaCategory, MappaLevel, NeedStatus, RiskLevel
from resettlement.models import Need, NeedEvent, NeedWithoutAction, Plan, PlanAction, RiskAssessment, RiskConcern
from resettlement.selectors import need_status

if TYPE_CHECKING:
    from django.http import HttpRequest

# Who can own an action: the prison, probation, or a partner provider.
OWNER_KINDS = (OrganisationKind.ESTABLISHMENT, OrganisationKind.DELIVERY_UNIT, OrganisationKind.PROVIDER)


class PlanChanged(ValidationError):
    """The plan changed after the user opened it; nothing of theirs was saved."""


def _plan_for_change(
    *,
    acting_user: User,
    person_id: int,
    expected_revision: int | None,
    permitted: Callable[[Any], bool] = rules.can_edit_plan,
) -> Plan:
    if not permitted(acting_user):
        raise PermissionDenied
    person = ServiceUser.objects.visible_one(acting_user, person_id).get()  # DoesNotExist outside scope
    Plan.objects.get_or_create(person=person, defaults={"created_by": acting_user})
    plan = Plan.objects.select_for_update().select_related("person").get(person=person)
    if expected_revision is not None and plan.revision != expected_revision:
        changed = plan_changes_since(plan=plan, revision=expected_revision)
        raise PlanChanged(
            [_("This plan was changed after you opened it, so your change has not been saved:")]
            + [
                f"{date_format(timezone.localtime(e.occurred_at), 'j F Y H:i')} "
                f"{e.actor.display_name if e.actor else e.actor_username}: {e.summary}"
                for e in changed
            ]
            + [_("Check the plan as it is now, then make your change again.")],
            code="plan_changed",
        )
    return plan


def plan_changes_since(*, plan: Plan, revision: int) -> list[Event]:
    """The audited changes that took the plan past a revision, oldest first."""
    events = Event.objects.filter(record_type="plan", record_id=str(plan.pk)).select_related("actor").order_by("id")
    return [e for e in events if int((e.changes.get("revision") or [0, 0])[1] or 0) > revision]


def _changed(
    *, plan: Plan, acting_user: User, summary: str, changes: dict[str, Any], request: HttpRequest | None
) -> None:
    plan.revision += 1
    plan.save(update_fields=["revision"])
    event_record(
        actor=acting_user,
        action=Action.UPDATE,
        record_type="plan",
        record_id=plan.pk,
        person_id=plan.person_id,
        summary=summary,
        changes={**changes, "revision": [str(plan.revision - 1), str(plan.revision)]},
        request=request,
    )


def _need_of(plan: Plan, need_id: int) -> Need:
    try:
        return Need.objects.get(pk=need_id, person_id=plan.person_id)
    except Need.DoesNotExist:
        raise ValidationError({"need": [_("Select one of this person's needs")]}) from None


@transaction.atomic
def plan_action_add(
    *,
    acting_user: User,
    person_id: int,
    expected_revision: int | None,
    description: str,
    owner_id: int | None,
    assignee_id: int | None,
    due_on: datetime.date | None,
    need_id: int | None = None,
    pathway: str = "",
    concern_id: int | None = None,
    request: HttpRequest | None = None,
) -> PlanAction:
    """An action on a need or a pathway, or a mitigation of a public protection concern."""
    plan = _plan_for_change(acting_user=acting_user, person_id=person_id, expected_revision=expected_revision)
    errors: dict[str, list[str]] = {}
    need = None
    concern = None
    if concern_id:
        concern = RiskConcern.objects.filter(pk=concern_id, person_id=plan.person_id).first()
        if concern is None:
            errors["concern"] = [_("Select one of this person's concerns")]
    if need_id:
        try:
            need = _need_of(plan, need_id)
        except ValidationError as e:
            errors.update(e.message_dict)
        else:
            pathway = need.pathway
            if need_status(need=need) in (NeedStatus.MET, NeedStatus.DECLINED):
                errors["need"] = [_("This need is closed: it cannot have new actions")]
    if pathway not in Pathway.values and not (concern_id and not pathway):
        errors["pathway"] = [_("Select the pathway this action is on")]
    description = description.strip()
    if not description:
        errors["description"] = [_("Describe the action")]
    owner = Organisation.objects.filter(pk=owner_id, kind__in=OWNER_KINDS, active=True).first() if owner_id else None
    if owner is None:
        errors["owner"] = [_("Select the organisation that owns this action")]
    assignee = User.objects.filter(pk=assignee_id, is_active=True).first() if assignee_id else None
    if assignee is None:
        errors["assignee"] = [_("Select who will do it")]
    elif owner is not None and assignee.organisation_id != owner.pk:
        errors["assignee"] = [
            _("%(name)s does not work for %(organisation)s")
            % {"name": assignee.display_name, "organisation": owner.name}
        ]
    if due_on is None:
        errors["due_on"] = [_("Enter the date the action is due")]
    elif due_on < timezone.localdate():
        errors["due_on"] = [_("The due date must be today or in the future")]
    if errors:
        raise ValidationError(errors)
    assert owner is not None and assignee is not None and due_on is not None
    action = PlanAction.objects.create(
        plan=plan,
        need=need,
        concern=concern,
        pathway=pathway,
        description=description,
        owner=owner,
        assignee=assignee,
        due_on=due_on,
        created_by=acting_user,
    )
    if need is not None and need_status(need=need) == NeedStatus.NOT_STARTED:
        NeedEvent.objects.create(need=need, status=NeedStatus.IN_PROGRESS, recorded_by=acting_user, note=description)
    _changed(
        plan=plan,
        acting_user=acting_user,
        summary=f"Added action: {description} (owner {owner.name}, due {date_format(due_on, 'j F Y')})",
        changes={"action": [None, str(action.pk)]},
        request=request,
    )
    return action


@transaction.atomic
def plan_action_record_result(
    *,
    acting_user: User,
    person_id: int,
    action_id: int,
    expected_revision: int | None,
    result: str,
    note: str,
    request: HttpRequest | None = None,
) -> PlanAction:
    """Every action ends with a result: done with its outcome, or not done with the reason. A partner
    records results only for the actions their own organisation owns."""
    plan = _plan_for_change(
        acting_user=acting_user,
        person_id=person_id,
        expected_revision=expected_revision,
        permitted=rules.can_record_action_results,
    )
    action = PlanAction.objects.filter(pk=action_id, plan=plan).select_related("owner").first()
    if action is None:
        raise ValidationError(_("That action is not in this plan"))
    if not rules.can_edit_plan(acting_user) and action.owner_id != acting_user.organisation_id:
        raise ValidationError(
            _("This action belongs to %(owner)s: only they can record its result") % {"owner": action.owner.name}
        )
    if action.result:
        raise ValidationError(_("A result has already been recorded for this action"))
    errors: dict[str, list[str]] = {}
    if result not in ActionResult.values:
        errors["result"] = [_("Select whether the action was done")]
    note = note.strip()
    if not note:
        errors["note"] = [_("Enter what came of it") if result == ActionResult.DONE else _("Enter why it was not done")]
    if errors:
        raise ValidationError(errors)
    action.result, action.result_note, action.result_at, action.result_by = result, note, timezone.now(), acting_user
    action.save(update_fields=["result", "result_note", "result_at", "result_by"])
    _changed(
        plan=plan,
        acting_user=acting_user,
        summary=f"Recorded {ActionResult(result).label.lower()}: {action.description}",
        changes={"result": [None, result]},
        request=request,
    )
    return action


@transaction.atomic
def need_record_without_action(
    *,
    acting_user: User,
    person_id: int,
    need_id: int,
    expected_revision: int | None,
    reason: str,
    request: HttpRequest | None = None,
) -> NeedWithoutAction:
    plan = _plan_for_change(acting_user=acting_user, person_id=person_id, expected_revision=expected_revision)
    need = _need_of(plan, need_id)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Enter why this need has no action")]})
    if need.actions.exists():
        raise ValidationError({"reason": [_("This need already has an action in the plan")]})
    if NeedWithoutAction.objects.filter(need=need).exists():
        raise ValidationError({"reason": [_("A reason has already been recorded for this need")]})
    recorded = NeedWithoutAction.objects.create(need=need, reason=reason, recorded_by=acting_user)
    _changed(
        plan=plan,
        acting_user=acting_user,
        summary=f"Recorded why there is no action for: {need.description}",
        changes={"need_without_action": [None, str(need.pk)]},
        request=request,
    )
    return recorded


@transaction.atomic
def need_set_status(
    *,
    acting_user: User,
    person_id: int,
    need_id: int,
    expected_revision: int | None,
    status: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> NeedEvent:
    """Record a change of a need's status. A need is met only when none of its actions is still
    open; declining needs the person's reason."""
    plan = _plan_for_change(acting_user=acting_user, person_id=person_id, expected_revision=expected_revision)
    need = _need_of(plan, need_id)
    current = need_status(need=need)
    if status not in NeedStatus.values:
        raise ValidationError({"status": [_("Select the need's status")]})
    if status == current:
        raise ValidationError(
            {"status": [_("The need is already %(status)s") % {"status": NeedStatus(status).label.lower()}]}
        )
    if status == NeedStatus.MET and need.actions.filter(result="").exists():
        raise ValidationError({"status": [_("Record a result for this need's open actions before marking it met")]})
    if status == NeedStatus.DECLINED and not note.strip():
        raise ValidationError({"note": [_("Enter why they declined")]})
    event = NeedEvent.objects.create(need=need, status=status, recorded_by=acting_user, note=note.strip())
    _changed(
        plan=plan,
        acting_user=acting_user,
        summary=f"Need now {NeedStatus(status).label.lower()}: {need.description}",
        changes={"need_status": [current, status]},
        request=request,
    )
    return event


@transaction.atomic
def risk_assess(
    *,
    acting_user: User,
    person_id: int,
    expected_revision: int | None,
    rosh_level: str,
    mappa_category: str = "",
    mappa_level: str = "",
    request: HttpRequest | None = None,
) -> RiskAssessment:
    """Record the person's risk of serious harm and, where it applies, their MAPPA category and level
    (seed 003: risk was 'neither assessed nor mitigated')."""
    if not rules.can_view_risk(acting_user):
        raise PermissionDenied
    plan = _plan_for_change(acting_user=acting_user, person_id=person_id, expected_revision=expected_revision)
    errors: dict[str, list[str]] = {}
    if rosh_level not in RiskLevel.values:
        errors["rosh_level"] = [_("Select the risk of serious harm")]
    if mappa_category not in MappaCategory.values:
        errors["mappa_category"] = [_("Select a MAPPA category from the list")]
    if mappa_level not in MappaLevel.values:
        errors["mappa_level"] = [_("Select a MAPPA level from the list")]
    if mappa_category and not mappa_level:
        errors["mappa_level"] = [_("Select the MAPPA level for this category")]
    if mappa_level and not mappa_category:
        errors["mappa_category"] = [_("Select the MAPPA category this level applies to")]
    if errors:
        raise ValidationError(errors)
    previous = RiskAssessment.objects.filter(person_id=plan.person_id).first()
    assessment = RiskAssessment.objects.create(
        person_id=plan.person_id,
        rosh_level=rosh_level,
        mappa_category=mappa_category,
        mappa_level=mappa_level,
        assessed_by=acting_user,
    )
    _changed(
        plan=plan,
        acting_user=acting_user,
        summary=f"Assessed risk of serious harm: {RiskLevel(rosh_level).label.lower()}"
        + (f", MAPPA category {mappa_category} level {mappa_level}" if mappa_category else ""),
        changes={"rosh_level": [previous.rosh_level if previous else None, rosh_level]},
        request=request,
    )
    return assessment


@transaction.atomic
def risk_concern_add(
    *,
    acting_user: User,
    person_id: int,
    expected_revision: int | None,
    kind: str,
    description: str,
    request: HttpRequest | None = None,
) -> RiskConcern:
    """Record a safeguarding or public protection concern; the plan is incomplete until it has an
    owned mitigation."""
    if not rules.can_view_risk(acting_user):
        raise PermissionDenied
    plan = _plan_for_change(acting_user=acting_user, person_id=person_id, expected_revision=expected_revision)
    errors: dict[str, list[str]] = {}
    if kind not in ConcernKind.values:
        errors["kind"] = [_("Select the type of concern")]
    description = description.strip()
    if not description:
        errors["description"] = [_("Describe the concern")]
    if errors:
        raise ValidationError(errors)
    concern = RiskConcern.objects.create(
        person_id=plan.person_id, kind=kind, description=description, recorded_by=acting_user
    )
    _changed(
        plan=plan,
        acting_user=acting_user,
        summary=f"Recorded concern: {ConcernKind(kind).label}",
        changes={"concern": [None, str(concern.pk)]},
        request=request,
    )
    return concern
