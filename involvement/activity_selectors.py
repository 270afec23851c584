"""Reads of involvement activities, their participants' ratings and lived-experience roles, and the
ladder arithmetic (median, gap, band) the pages and the report share.

The participants' rung of an activity is the LOWER median of their ratings: it is always a rung
somebody actually chose, so it has a name, plain words and a band, and the gap to the staff rung is
a whole number of rungs. With an even count the lower of the two middle ratings is taken, so the
participants' view is never rounded up in the organisation's favour.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from involvement.constants import RUNG_IN_PLAIN_WORDS, Band, Rung, band_of
from involvement.models import (
    Activity,
    GuidancePage,
    LivedExperienceRole,
    Participant,
    ParticipantRating,
    RatingMark,
    SealedRating,
)
from voice.anonymity import digest

# ---------------------------------------------------------------------------------------------
# Ladder arithmetic: plain functions, tested on their own.


def median_rung(rungs: Iterable[int]) -> int | None:
    """The lower median of the rungs chosen (None when nobody has rated)."""
    chosen = sorted(int(r) for r in rungs)
    if not chosen:
        return None
    return int(statistics.median_low(chosen))


def rung_gap(*, staff_rung: int, participant_median: int | None) -> int | None:
    """Participants' median minus the staff rung, in rungs: negative when participants felt they
    had less say than staff thought."""
    if participant_median is None:
        return None
    return participant_median - staff_rung


def band_name(rung: int | None) -> str:
    """The band's label for a rung, or an empty string when there is no rung."""
    if rung is None:
        return ""
    return str(band_of(rung).label)


def gap_in_words(gap: int | None) -> str:
    """How the gap reads on the page: "Participants rated this 2 rungs lower than staff"."""
    if gap is None:
        return _("No ratings from participants yet")
    if gap == 0:
        return _("Participants rated this the same as staff")
    if gap < 0:
        return ngettext(
            "Participants rated this %(count)d rung lower than staff",
            "Participants rated this %(count)d rungs lower than staff",
            -gap,
        ) % {"count": -gap}
    return ngettext(
        "Participants rated this %(count)d rung higher than staff",
        "Participants rated this %(count)d rungs higher than staff",
        gap,
    ) % {"count": gap}


def rung_label(rung: int | None) -> str:
    if rung is None:
        return ""
    return f"{int(rung)}. {Rung(rung).label}"


def rung_plain_words(rung: int) -> str:
    return str(RUNG_IN_PLAIN_WORDS[rung])


# ---------------------------------------------------------------------------------------------
# Figures for the involvement report.


@dataclass(frozen=True)
class ActivityFigures:
    activities: int
    by_rung: dict[int, int]
    by_band: dict[str, int]
    with_participant_ratings: int
    mean_gap: float | None
    fed_back: int
    participants_named: int
    participants_other: int


def _activities_filtered(
    *,
    organisation_ids: Sequence[int] | None = None,
    contract_ids: Sequence[int] | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> QuerySet[Activity]:
    qs = Activity.objects.all()
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=list(organisation_ids))
    if contract_ids is not None:
        qs = qs.filter(contract_id__in=list(contract_ids))
    if start is not None:
        qs = qs.filter(held_on__gte=start)
    if end is not None:
        qs = qs.filter(held_on__lte=end)
    return qs


def activity_figures(
    *,
    organisation_ids: Sequence[int] | None = None,
    contract_ids: Sequence[int] | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> ActivityFigures:
    """Counts over the activities held between start and end inclusive (None: unbounded) for the
    given organisations and contracts (None: all). by_rung and by_band count the STAFF rung (every
    rung and band present, zero where none); mean_gap is the mean over activities with participants'
    ratings of (participants' lower median minus staff rung)."""
    activities = _activities_filtered(
        organisation_ids=organisation_ids, contract_ids=contract_ids, start=start, end=end
    )
    rows = list(activities.values_list("pk", "staff_rung", "fed_back_on", "other_participants"))
    by_rung = {int(r): 0 for r in Rung.values}
    by_band = {str(b.value): 0 for b in Band}
    for _pk, staff_rung, _fed, _other in rows:
        by_rung[int(staff_rung)] += 1
        by_band[str(band_of(staff_rung).value)] += 1
    ids = [row[0] for row in rows]
    ratings: dict[int, list[int]] = {}
    for activity_id, rung in ParticipantRating.objects.filter(activity_id__in=ids).values_list("activity_id", "rung"):
        ratings.setdefault(activity_id, []).append(rung)
    gaps = []
    for pk, staff_rung, _fed, _other in rows:
        gap = rung_gap(staff_rung=staff_rung, participant_median=median_rung(ratings.get(pk, [])))
        if gap is not None:
            gaps.append(gap)
    return ActivityFigures(
        activities=len(rows),
        by_rung=by_rung,
        by_band=by_band,
        with_participant_ratings=len(gaps),
        mean_gap=(sum(gaps) / len(gaps)) if gaps else None,
        fed_back=sum(1 for row in rows if row[2] is not None),
        participants_named=Participant.objects.filter(activity_id__in=ids).count(),
        participants_other=sum(row[3] for row in rows),
    )


# ---------------------------------------------------------------------------------------------
# Pages.


@dataclass
class RatingSummary:
    count: int
    distribution: list[tuple[int, str, int]]  # (rung, label, count), rungs 1..8
    median: int | None
    gap: int | None
    gap_words: str
    median_label: str = ""
    median_band: str = ""


@dataclass
class ActivityRow:
    activity: Activity
    participants_named: int
    participants_total: int
    median: int | None
    gap: int | None
    gap_words: str = ""


def activity_list(*, organisation_id: int | None = None) -> list[ActivityRow]:
    """Activities newest first, with participant counts and the participants' rung beside the staff's."""
    qs = Activity.objects.select_related("organisation").annotate(named=Count("participants", distinct=True))
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    activities = list(qs.order_by("-held_on", "-pk"))
    ratings: dict[int, list[int]] = {}
    for activity_id, rung in ParticipantRating.objects.filter(activity__in=activities).values_list(
        "activity_id", "rung"
    ):
        ratings.setdefault(activity_id, []).append(rung)
    rows = []
    for activity in activities:
        median = median_rung(ratings.get(activity.pk, []))
        gap = rung_gap(staff_rung=activity.staff_rung, participant_median=median)
        rows.append(
            ActivityRow(
                activity=activity,
                participants_named=activity.named,  # type: ignore[attr-defined]
                participants_total=activity.named + activity.other_participants,  # type: ignore[attr-defined]
                median=median,
                gap=gap,
                gap_words=gap_in_words(gap),
            )
        )
    return rows


def activity_rating_summary(*, activity: Activity) -> RatingSummary:
    """Count, distribution over the eight rungs, lower median and gap; never a single rating."""
    counts = dict(
        ParticipantRating.objects.filter(activity=activity)
        .values("rung")
        .annotate(n=Count("id"))
        .values_list("rung", "n")
    )
    distribution = [(int(r), rung_label(int(r)), int(counts.get(r, 0))) for r in Rung.values]
    median = median_rung(r for r, _label, n in distribution for _ in range(n))
    gap = rung_gap(staff_rung=activity.staff_rung, participant_median=median)
    return RatingSummary(
        count=sum(n for _r, _label, n in distribution),
        distribution=distribution,
        median=median,
        gap=gap,
        gap_words=gap_in_words(gap),
        median_label=rung_label(median),
        median_band=band_name(median),
    )


def activity_participants(*, activity: Activity) -> QuerySet[Participant]:
    return Participant.objects.filter(activity=activity).select_related("person").order_by("added_at", "pk")


def activity_ratings_waiting(*, activity: Activity) -> int:
    """Ratings given on people's own view that are sealed and not counted yet (rating_mixing.py):
    how many, never which or when."""
    return SealedRating.objects.filter(activity=activity).count()


def activity_has_ratings(*, activity: Activity) -> bool:
    return ParticipantRating.objects.filter(activity=activity).exists()


def guidance_for_kind(*, kind: str) -> list[GuidancePage]:
    """Guidance pages whose `for_kinds` list names this kind (filtered in Python: JSON "contains"
    is not portable to SQLite)."""
    return [page for page in GuidancePage.objects.order_by("title") if kind in (page.for_kinds or [])]


def activities_to_rate_for_person(*, person_id: int) -> list[Activity]:
    """Activities the person took part in and has not yet rated from their own view: the check is
    the keyed digest (RatingMark), never a link from the rating to the person."""
    taken = list(
        Activity.objects.filter(participants__person_id=person_id)
        .select_related("organisation")
        .order_by("-held_on", "-pk")
    )
    if not taken:
        return []
    marks = {digest("involvement.rating", activity.pk, person_id): activity.pk for activity in taken}
    done = set(RatingMark.objects.filter(digest__in=list(marks)).values_list("activity_id", flat=True))
    return [activity for activity in taken if activity.pk not in done]


# ---------------------------------------------------------------------------------------------
# Lived-experience roles.


def role_lists(
    *, organisation_id: int | None, today: datetime.date
) -> tuple[list[LivedExperienceRole], list[LivedExperienceRole]]:
    """(current, ended): a role is current while it has no end date or ends today or later."""
    qs = LivedExperienceRole.objects.select_related("person", "organisation")
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    current_q = Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    return list(qs.filter(current_q)), list(qs.exclude(current_q))
