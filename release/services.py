"""Writes about releases: the release plan, the release itself, the handover, and the follow-up
checkpoints. Each is one transaction with its audit event; bad input changes nothing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from audit.constants import Action
from audit.services import event_record
from organisations.constants import OrganisationKind
from organisations.models import Organisation
from people.models import CustodyEpisode, ServiceUser
from release import rules
from release.constants import (
    ASKS_EMPLOYMENT,
    CHECKPOINT_DAYS,
    Accommodation,
    BenefitsClaim,
    CheckpointKind,
    DischargeGrant,
    Employment,
    ReleaseType,
    YesNo,
)
from release.models import Checkpoint, Handover, ReleasePlan
from release.selectors import GRACE, answerable_organisation_id
from resettlement.models import Plan

if TYPE_CHECKING:
    from django.http import HttpRequest

BATCH_SIZE = 5000

# The release plan's coded fields and the choices each accepts.
PLAN_CHOICES: dict[str, type] = {
    "release_type": ReleaseType,
    "first_night_accommodation": Accommodation,
    "discharge_grant": DischargeGrant,
    "has_id": YesNo,
    "has_bank_account": YesNo,
    "benefits_claim": BenefitsClaim,
    "gp_registered": YesNo,
}


def _open_episode(*, acting_user: User, person_id: int) -> CustodyEpisode:
    person = ServiceUser.objects.visible_one(acting_user, person_id).get()  # DoesNotExist outside scope
    episode = CustodyEpisode.objects.select_for_update().filter(person=person, released_on__isnull=True).first()
    if episode is None:
        raise ValidationError(_("%(name)s is not in custody, so there is no release to plan") % {"name": person})
    return episode


def _audit(*, user: User, action: Action, record: object, person_id: int, summary: str, request: HttpRequest | None):
    event_record(
        actor=user,
        action=action,
        record_type=type(record).__name__.lower(),
        record_id=getattr(record, "pk", ""),
        person_id=person_id,
        summary=summary,
        request=request,
    )


@transaction.atomic
def release_plan_save(
    *,
    acting_user: User,
    person_id: int,
    expected_release_on: datetime.date | None,
    first_night_address: str = "",
    first_appointment_on: datetime.date | None = None,
    first_appointment_place: str = "",
    request: HttpRequest | None = None,
    **coded: str,
) -> ReleasePlan:
    """Arrange the day of release. Anything left blank is shown as missing on the pre-release
    checklist; nothing here blocks the release itself (people are released on their date)."""
    if not rules.can_plan_release(acting_user):
        raise PermissionDenied
    episode = _open_episode(acting_user=acting_user, person_id=person_id)
    errors: dict[str, list[str]] = {}
    unknown = set(coded) - set(PLAN_CHOICES)
    if unknown:
        raise TypeError(f"Unknown release plan fields: {sorted(unknown)}")
    for name, choices in PLAN_CHOICES.items():
        if coded.get(name, "") not in ("", *choices.values):  # type: ignore[attr-defined]
            errors[name] = [_("Select one of the options")]
    if expected_release_on is not None and expected_release_on < episode.received_on:
        errors["expected_release_on"] = [
            _("The release date cannot be before they were received into custody on %(date)s")
            % {"date": date_format(episode.received_on, "j F Y")}
        ]
    if (
        first_appointment_on is not None
        and expected_release_on is not None
        and first_appointment_on < expected_release_on
    ):
        errors["first_appointment_on"] = [_("The first probation appointment cannot be before the release date")]
    if errors:
        raise ValidationError(errors)
    plan, created = ReleasePlan.objects.get_or_create(
        custody_episode=episode, defaults={"person_id": episode.person_id, "updated_by": acting_user}
    )
    for name in PLAN_CHOICES:
        setattr(plan, name, coded.get(name, ""))
    plan.first_night_address = first_night_address.strip()
    plan.first_appointment_on = first_appointment_on
    plan.first_appointment_place = first_appointment_place.strip()
    plan.updated_by = acting_user
    plan.save()
    if episode.expected_release_on != expected_release_on:
        episode.expected_release_on = expected_release_on
        episode.save(update_fields=["expected_release_on"])
    _audit(
        user=acting_user,
        action=Action.CREATE if created else Action.UPDATE,
        record=plan,
        person_id=episode.person_id,
        summary="Release plan started" if created else "Release plan changed",
        request=request,
    )
    return plan


def checkpoints_generate(
    *,
    episode_ids: Iterable[int] | None = None,
    released_since: datetime.date | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Make the follow-up checkpoints of every release that has none yet, exactly once (the unique
    constraint makes a second run, or a concurrent one, add nothing). Releases recorded here and
    releases imported from other systems alike; a recall's re-release is a new custody episode and
    gets its own set. Returns the number of checkpoints made. Its cost is proportional to the
    releases without checkpoints: one read of them, then batched inserts."""
    released = CustodyEpisode.objects.filter(released_on__isnull=False).exclude(
        pk__in=Checkpoint.objects.values("custody_episode_id")
    )
    if episode_ids is not None:
        released = released.filter(pk__in=list(episode_ids))
    if released_since is not None:
        released = released.filter(released_on__gte=released_since)
    made = 0
    batch: list[Checkpoint] = []
    rows = released.values_list(
        "pk", "person_id", "released_on", "establishment_id", "handover__handover_on", "handover__to_organisation_id"
    ).iterator(chunk_size=batch_size)
    for episode_id, person_id, released_on, prison_id, handover_on, unit_id in rows:
        assert released_on is not None
        for kind, days in CHECKPOINT_DAYS.items():
            due_on = released_on + datetime.timedelta(days=days)
            batch.append(
                Checkpoint(
                    custody_episode_id=episode_id,
                    person_id=person_id,
                    kind=kind,
                    due_on=due_on,
                    answerable_id=answerable_organisation_id(
                        due_on=due_on, prison_id=prison_id, handover_on=handover_on, unit_id=unit_id
                    ),
                )
            )
        if len(batch) >= batch_size:
            made += len(Checkpoint.objects.bulk_create(batch, ignore_conflicts=True))
            batch = []
    if batch:
        made += len(Checkpoint.objects.bulk_create(batch, ignore_conflicts=True))
    return made


@transaction.atomic
def release_record(
    *, acting_user: User, person_id: int, released_on: datetime.date | None, request: HttpRequest | None = None
) -> CustodyEpisode:
    """Record that the prison released the person on a date, and make their follow-up checkpoints."""
    if not rules.can_record_release(acting_user):
        raise PermissionDenied
    episode = _open_episode(acting_user=acting_user, person_id=person_id)
    if episode.establishment_id != acting_user.organisation_id:
        raise ValidationError(_("Only the prison holding the person records their release"))
    if released_on is None:
        raise ValidationError({"released_on": [_("Enter the date they were released")]})
    if released_on < episode.received_on:
        raise ValidationError(
            {
                "released_on": [
                    _("The release date cannot be before they were received into custody on %(date)s")
                    % {"date": date_format(episode.received_on, "j F Y")}
                ]
            }
        )
    if released_on > timezone.localdate():
        raise ValidationError({"released_on": [_("The release date must be today or in the past")]})
    episode.released_on = released_on
    episode.save(update_fields=["released_on"])
    plan, _created = ReleasePlan.objects.get_or_create(
        custody_episode=episode, defaults={"person_id": episode.person_id, "updated_by": acting_user}
    )
    plan.released_recorded_at, plan.released_recorded_by = timezone.now(), acting_user
    plan.save(update_fields=["released_recorded_at", "released_recorded_by"])
    checkpoints_generate(episode_ids=[episode.pk])
    _audit(
        user=acting_user,
        action=Action.UPDATE,
        record=episode,
        person_id=episode.person_id,
        summary=f"Released on {released_on:%Y-%m-%d}; follow-up checkpoints made",
        request=request,
    )
    return episode


@transaction.atomic
def handover_record(
    *,
    acting_user: User,
    person_id: int,
    to_organisation_id: int | None,
    handover_on: datetime.date | None,
    note: str = "",
    request: HttpRequest | None = None,
) -> Handover:
    """Responsibility passes from the prison to a probation delivery unit on a date. The community
    team then sees and works on the same plan: nothing is re-entered."""
    if not rules.can_record_handover(acting_user):
        raise PermissionDenied
    person = ServiceUser.objects.visible_one(acting_user, person_id).get()
    episode = (
        CustodyEpisode.objects.select_for_update()
        .select_related("establishment")
        .filter(person=person)
        .order_by("-received_on", "-id")
        .first()
    )
    if episode is None:
        raise ValidationError(_("%(name)s has no time in custody to hand over") % {"name": person})
    if Handover.objects.filter(custody_episode=episode).exists():
        raise ValidationError(_("The handover for this time in custody has already been recorded"))
    errors: dict[str, list[str]] = {}
    unit = (
        Organisation.objects.filter(pk=to_organisation_id, kind=OrganisationKind.DELIVERY_UNIT, active=True).first()
        if to_organisation_id
        else None
    )
    if unit is None:
        errors["to_organisation"] = [_("Select the probation delivery unit taking over")]
    plan = Plan.objects.filter(person=person).first()
    if handover_on is None:
        errors["handover_on"] = [_("Enter the date responsibility passes to the community team")]
    elif plan is None:
        errors["handover_on"] = [
            _("Make the resettlement plan before the handover: the community team takes over that plan")
        ]
    elif handover_on < timezone.localdate(plan.created_at):
        errors["handover_on"] = [
            _("The handover cannot be before the plan was made on %(date)s")
            % {"date": date_format(timezone.localdate(plan.created_at), "j F Y")}
        ]
    elif handover_on < episode.received_on:
        errors["handover_on"] = [_("The handover cannot be before they were received into custody")]
    if errors:
        raise ValidationError(errors)
    assert unit is not None and handover_on is not None
    handover = Handover.objects.create(
        custody_episode=episode,
        person=person,
        from_organisation=episode.establishment,
        to_organisation=unit,
        handover_on=handover_on,
        note=note.strip(),
        recorded_by=acting_user,
    )
    # From the handover date the community team answers for the follow-ups (release.selectors).
    Checkpoint.objects.filter(custody_episode=episode, due_on__gte=handover_on).update(answerable=unit)
    _audit(
        user=acting_user,
        action=Action.CREATE,
        record=handover,
        person_id=person.pk,
        summary=f"Handover from {episode.establishment.name} to {unit.name} on {handover_on:%Y-%m-%d}",
        request=request,
    )
    return handover


@transaction.atomic
def checkpoint_record(
    *,
    acting_user: User,
    checkpoint_id: int,
    accommodation: str,
    employment: str = "",
    note: str = "",
    request: HttpRequest | None = None,
) -> Checkpoint:
    """Record where the person is living (and, from 6 weeks, whether they are working) at a checkpoint.
    Once, on or after its date; "not known" may be recorded, and counts as a failure like silence, as
    does an answer recorded after the grace period (kept, marked late)."""
    if not rules.can_record_checkpoint(acting_user):
        raise PermissionDenied
    checkpoint = Checkpoint.objects.select_for_update().filter(pk=checkpoint_id).first()
    if checkpoint is None or not ServiceUser.objects.visible_one(acting_user, checkpoint.person_id).exists():
        raise Checkpoint.DoesNotExist
    if checkpoint.recorded_at is not None:
        raise ValidationError(_("This checkpoint has already been recorded"), code="already_recorded")
    errors: dict[str, list[str]] = {}
    if timezone.localdate() < checkpoint.due_on:
        errors["__all__"] = [
            _("This checkpoint is not due until %(date)s: record what you find on or after that day")
            % {"date": date_format(checkpoint.due_on, "j F Y")}
        ]
    if accommodation not in Accommodation.values:
        errors["accommodation"] = [_("Select where they are living")]
    if checkpoint.kind in ASKS_EMPLOYMENT:
        if employment not in Employment.values:
            errors["employment"] = [_("Select whether they are working")]
    elif employment:
        errors["employment"] = [_("The first-night checkpoint records accommodation only")]
    if errors:
        raise ValidationError(errors)
    checkpoint.accommodation, checkpoint.employment, checkpoint.note = accommodation, employment, note.strip()
    checkpoint.recorded_at, checkpoint.recorded_by = timezone.now(), acting_user
    checkpoint.late = timezone.localdate() > checkpoint.due_on + GRACE
    checkpoint.save(update_fields=["accommodation", "employment", "note", "recorded_at", "recorded_by", "late"])
    _audit(
        user=acting_user,
        action=Action.UPDATE,
        record=checkpoint,
        person_id=checkpoint.person_id,
        summary=f"{CheckpointKind(checkpoint.kind).label} checkpoint recorded: {accommodation}"
        + (f", {employment}" if employment else ""),
        request=request,
    )
    return checkpoint
