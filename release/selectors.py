"""Reads about releases, checkpoints and handovers, and the rules that derive their state."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, When
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from common.grouping import chosen_groups
from people import selectors as people_selectors
from people.models import CustodyEpisode, ProbationCase, ServiceUser
from release.constants import Accommodation, BenefitsClaim, CheckpointState, YesNo
from release.models import Checkpoint, Handover, ReleasePlan

# A checkpoint may be recorded up to two weeks after its date; after that, with no result, it is
# NOT KNOWN: a failure reported against the organisation responsible, never missing data.
GRACE = datetime.timedelta(days=14)
# The follow-ups list shows unrecorded checkpoints back this far; older ones are history (and stay
# NOT KNOWN in every report).
FOLLOW_UP_LOOKBACK = datetime.timedelta(days=90)


def checkpoint_state(*, checkpoint: Checkpoint, today: datetime.date) -> str:
    return state_of_checkpoint(recorded_at=checkpoint.recorded_at, due_on=checkpoint.due_on, today=today)


def state_of_checkpoint(*, recorded_at: datetime.datetime | None, due_on: datetime.date, today: datetime.date) -> str:
    """The rule, for a checkpoint read as values (the follow-ups list) or as a record."""
    if recorded_at is not None:
        return CheckpointState.RECORDED
    if today < due_on:
        return CheckpointState.UPCOMING
    if today <= due_on + GRACE:
        return CheckpointState.DUE
    return CheckpointState.NOT_KNOWN


def checkpoints_for_person(*, person: ServiceUser) -> QuerySet[Checkpoint]:
    """Every checkpoint of every release of the person, oldest release first."""
    return (
        Checkpoint.objects.filter(person=person)
        .select_related("custody_episode__establishment", "recorded_by")
        .order_by("custody_episode__received_on", "due_on", "id")
    )


def latest_episode(*, person: ServiceUser) -> CustodyEpisode | None:
    return person.custody_episodes.select_related("establishment").order_by("-received_on", "-id").first()


def release_plan_for_person(*, person: ServiceUser) -> ReleasePlan | None:
    """The release plan of the person's latest custody episode, if one has been started."""
    episode = latest_episode(person=person)
    if episode is None:
        return None
    return ReleasePlan.objects.filter(custody_episode=episode).first()


def handover_for_episode(*, episode: CustodyEpisode) -> Handover | None:
    return Handover.objects.filter(custody_episode=episode).select_related("to_organisation").first()


# The pre-release checklist ----------------------------------------------------------------------

# Warnings start 12 weeks before the release date (issue 4).
CHECKLIST_FROM = datetime.timedelta(weeks=12)


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool
    warning: str = ""


def release_checklist(*, plan: ReleasePlan | None, episode: CustodyEpisode) -> list[ChecklistItem]:
    """Each thing the day of release needs, and whether it is arranged. A first night homeless or
    rough sleeping is arranged in the sense of known, but is still a warning."""
    p = plan

    def item(key: str, label: str, value: object, warning: str = "") -> ChecklistItem:
        return ChecklistItem(key, label, bool(value), warning)

    accommodation = p.first_night_accommodation if p else ""
    housing_warning = ""
    if accommodation in (Accommodation.HOMELESS, Accommodation.ROUGH_SLEEPING):
        housing_warning = str(_("Nowhere to live on the first night"))
    elif accommodation == Accommodation.NOT_KNOWN:
        housing_warning = str(_("Where they will sleep on the first night is not known"))
    return [
        item("expected_release_on", str(_("Release date")), episode.expected_release_on),
        item("release_type", str(_("Type of release")), p and p.release_type),
        ChecklistItem(
            "first_night_accommodation",
            str(_("First-night accommodation")),
            bool(accommodation) and not housing_warning,
            housing_warning,
        ),
        item("discharge_grant", str(_("Discharge grant")), p and p.discharge_grant),
        ChecklistItem("has_id", str(_("Identification")), bool(p and p.has_id == YesNo.YES)),
        ChecklistItem("has_bank_account", str(_("Bank account")), bool(p and p.has_bank_account == YesNo.YES)),
        ChecklistItem(
            "benefits_claim",
            str(_("Benefits claim")),
            bool(p and p.benefits_claim in (BenefitsClaim.MADE, BenefitsClaim.NOT_NEEDED)),
        ),
        ChecklistItem("gp_registered", str(_("GP registration")), bool(p and p.gp_registered == YesNo.YES)),
        item("first_appointment_on", str(_("First probation appointment")), p and p.first_appointment_on),
    ]


def checklist_warns(*, episode: CustodyEpisode, today: datetime.date) -> bool:
    """The checklist warns while the person is in custody and due out within 12 weeks (or overdue)."""
    return (
        episode.released_on is None
        and episode.expected_release_on is not None
        and episode.expected_release_on <= today + CHECKLIST_FROM
    )


def releases_coming_up(*, user: Any, today: datetime.date) -> QuerySet[CustodyEpisode]:
    """People the user may see who are due out of custody in the next 12 weeks, soonest first, with
    their release plan (one query)."""
    return (
        CustodyEpisode.objects.filter(
            person__in=ServiceUser.objects.visible_to(user).values("pk"),
            released_on__isnull=True,
            expected_release_on__isnull=False,
            expected_release_on__lte=today + CHECKLIST_FROM,
        )
        .select_related("person", "establishment", "release_plan")
        .order_by("expected_release_on", "id")
    )


# Follow-ups and who answers for them -------------------------------------------------------------


def answerable_organisation_id(
    *, due_on: datetime.date, prison_id: int, handover_on: datetime.date | None, unit_id: int | None
) -> int:
    """The community team once responsibility has passed to it (on or before the checkpoint's date),
    otherwise the prison: every NOT KNOWN is reported against the organisation that held the person.
    Stored on each checkpoint when it is made; a handover moves the later ones in its transaction."""
    if handover_on is not None and unit_id is not None and handover_on <= due_on:
        return unit_id
    return prison_id


def followups_due_for_user(*, user: Any, today: datetime.date, team: bool = False) -> QuerySet[Checkpoint]:
    """Checkpoints not yet recorded and due within the next week or in the last 90 days (NOT KNOWN ones
    included, as failures still worth putting right), for the people whose probation case the
    practitioner holds, or (team) for the people their organisation is responsible for. One query."""
    checkpoints = Checkpoint.objects.filter(
        recorded_at__isnull=True,
        due_on__lte=today + datetime.timedelta(days=7),
        due_on__gte=today - FOLLOW_UP_LOOKBACK,
    )
    if team:
        # Answerable implies sight: the delivery unit through the handover, the prison for a year
        # after release (people.access); the lookback keeps every row inside that year.
        checkpoints = checkpoints.filter(answerable_id=user.organisation_id)
    else:
        cases = ProbationCase.objects.filter(practitioner_id=user.pk, ended_on__isnull=True)
        checkpoints = checkpoints.filter(person__in=cases.values("person_id"))
    return checkpoints.select_related("person", "custody_episode__establishment", "answerable").order_by("due_on", "id")


def checkpoint_outcomes(
    *, due_from: datetime.date, due_to: datetime.date, today: datetime.date
) -> list[dict[str, Any]]:
    """For each responsible organisation and kind of checkpoint due in the period: how many were due,
    recorded with a known answer in time, and NOT KNOWN (never recorded within their grace, recorded
    late, or recorded as not known). The figures accountability publishes; one query."""
    past_grace = today - GRACE
    rows = (
        Checkpoint.objects.filter(due_on__gte=due_from, due_on__lte=min(due_to, past_grace))
        .values("answerable_id", "kind")
        .annotate(
            due=Count("pk"),
            not_known=Count(
                "pk",
                filter=Q(recorded_at__isnull=True) | Q(accommodation=Accommodation.NOT_KNOWN) | Q(late=True),
            ),
        )
        .order_by("answerable_id", "kind")
    )
    return [{**row, "responsible_id": row["answerable_id"], "known": row["due"] - row["not_known"]} for row in rows]


# What checkpoint_fact_counts may group by besides the result: where the release belongs and who
# the person is (for comparisons in aggregate only).
FACT_GROUPS: dict[str, Any] = {
    "establishment_id": F("custody_episode__establishment_id"),
    "region_id": F("custody_episode__establishment__region_id"),
    "unit_id": F("custody_episode__handover__to_organisation_id"),
    "sex": F("person__sex"),
    "ethnic_group": F("person__ethnic_group"),
    "disability": F("person__disability"),
    "month": TruncMonth("due_on"),
}
# Through an accepted referral sent between reception and the checkpoint's date (docs/measures.md).
REFERRAL_GROUPS: dict[str, Any] = {
    "contract_id": F("person__referrals__contract_id"),
    "provider_id": F("person__referrals__provider_id"),
}


def recorded_flag() -> Case:
    """For a checkpoint: whether a result was recorded (in time or late)."""
    return Case(When(recorded_at__isnull=False, then=True), default=False, output_field=BooleanField())


def pending_flag(today: datetime.date) -> Case:
    """For a checkpoint: unrecorded and still within its grace period on `today`, so not yet
    counted either way. With kind, accommodation, employment, late and recorded_flag, what the
    measures classify."""
    return Case(
        When(recorded_at__isnull=True, due_on__gt=today - GRACE, then=True), default=False, output_field=BooleanField()
    )


def checkpoint_fact_counts(
    *, due_from: datetime.date, due_to: datetime.date, today: datetime.date, by: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """Checkpoints due in the period, counted (`n`) by kind and result (accommodation, employment,
    recorded, late, and `pending` while the grace period still runs) and by the groups asked for
    (FACT_GROUPS, or one of REFERRAL_GROUPS). What accountability's measures classify; one query.

    A release followed by a reception of the same person on the same day (a same-day recall) is out
    of scope (ENGINEERING.md, "Outcome measures"), so its checkpoints are not counted. A checkpoint
    counts once in each group it belongs to: through referrals, once per contract or provider
    however many of its referrals the person had."""
    checkpoints = Checkpoint.objects.filter(due_on__gte=due_from, due_on__lte=due_to).filter(
        ~people_selectors.same_day_recall("custody_episode__")
    )
    groups, through = chosen_groups(by, FACT_GROUPS, REFERRAL_GROUPS)
    if through:
        checkpoints = checkpoints.filter(
            people_selectors.accepted_referral_during(episode="custody_episode__", until="due_on")
        )
    rows = (
        checkpoints.annotate(recorded=recorded_flag(), pending=pending_flag(today))
        .values("kind", "accommodation", "employment", "late", "recorded", "pending", **groups)
        .annotate(n=Count("pk", distinct=bool(through)))
        .order_by()
    )
    return [dict(row) for row in rows]


def release_types_for_releases(*, released_from: datetime.date, released_to: datetime.date) -> dict[int, str]:
    """The release type planned for each custody episode released in the period ("" when blank); one query."""
    return dict(
        ReleasePlan.objects.filter(
            custody_episode__released_on__gte=released_from, custody_episode__released_on__lte=released_to
        )
        .order_by()
        .values_list("custody_episode_id", "release_type")
    )


def checkpoint_facts_for_releases(
    *, kind: str, released_from: datetime.date, released_to: datetime.date, today: datetime.date
) -> dict[int, dict[str, Any]]:
    """The checkpoint of a kind after each custody episode released in the period, as the facts the
    measures classify (as checkpoint_fact_counts gives them, one per release); one query."""
    rows = (
        Checkpoint.objects.filter(
            kind=kind,
            custody_episode__released_on__gte=released_from,
            custody_episode__released_on__lte=released_to,
        )
        .annotate(recorded=recorded_flag(), pending=pending_flag(today))
        .order_by()
        .values("custody_episode_id", "kind", "accommodation", "employment", "late", "recorded", "pending")
    )
    return {
        row["custody_episode_id"]: {key: value for key, value in row.items() if key != "custody_episode_id"}
        for row in rows
    }
