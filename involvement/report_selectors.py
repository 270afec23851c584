"""Reads for the involvement report (issue 6, item 4): per establishment or service, region and
contract, the issues raised and how they were answered and acted on, the council meetings held, the
activities on each band of the ladder and the gap between staff's and participants' ratings.

Periods are fixed (financial quarters and years, April to March) so that published figures cannot
be differenced into a smaller period; figures for a period stand as they are today. Each table is
built from a constant number of grouped queries, whatever the number of rows: every figure is
folded from per-organisation or per-contract groups, and a region is the sum of its own and its
members' groups."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q
from django.utils import timezone

from accounts.constants import Role
from common.periods import Period
from councils.models import Meeting
from involvement import rules
from involvement.activity_selectors import ActivityFigures, median_rung, rung_gap
from involvement.constants import Band, Rung, band_of
from involvement.models import Activity, Participant, ParticipantRating
from organisations.constants import OrganisationKind
from organisations.models import Contract, Organisation
from yousaid.selectors import IssueFigures, issue_figures_add, issue_figures_by

if TYPE_CHECKING:
    from accounts.models import User

# Kinds of organisation that have a row of their own (regions have a table of their own).
ROW_KINDS = (OrganisationKind.ESTABLISHMENT, OrganisationKind.DELIVERY_UNIT, OrganisationKind.PROVIDER)
ROW_KIND_NAMES = {
    OrganisationKind.ESTABLISHMENT: "establishment",
    OrganisationKind.DELIVERY_UNIT: "delivery unit",
    OrganisationKind.PROVIDER: "provider",
    OrganisationKind.PROBATION_REGION: "region",
}


# --- figures -------------------------------------------------------------------------------------


@dataclass
class InvolvementRow:
    """One row of the report. `meetings_held` is None for a contract: councils belong to
    organisations, not contracts, so the figure does not apply."""

    label: str
    kind: str
    issues: IssueFigures
    meetings_held: int | None
    activities: ActivityFigures
    organisation_id: int | None = None
    contract_id: int | None = None
    code: str = ""


@dataclass
class _ActivityTally:
    """Additive parts of ActivityFigures (a mean cannot be added; its sum and count can)."""

    activities: int = 0
    by_rung: dict[int, int] = field(default_factory=lambda: {int(r): 0 for r in Rung.values})
    gap_total: int = 0
    with_participant_ratings: int = 0
    fed_back: int = 0
    participants_named: int = 0
    participants_other: int = 0

    def add(self, more: _ActivityTally) -> _ActivityTally:
        total = _ActivityTally(
            activities=self.activities + more.activities,
            gap_total=self.gap_total + more.gap_total,
            with_participant_ratings=self.with_participant_ratings + more.with_participant_ratings,
            fed_back=self.fed_back + more.fed_back,
            participants_named=self.participants_named + more.participants_named,
            participants_other=self.participants_other + more.participants_other,
        )
        total.by_rung = {rung: self.by_rung[rung] + more.by_rung[rung] for rung in self.by_rung}
        return total

    def figures(self) -> ActivityFigures:
        by_band = {str(b.value): 0 for b in Band}
        for rung, n in self.by_rung.items():
            by_band[str(band_of(rung).value)] += n
        rated = self.with_participant_ratings
        return ActivityFigures(
            activities=self.activities,
            by_rung=dict(self.by_rung),
            by_band=by_band,
            with_participant_ratings=rated,
            mean_gap=self.gap_total / rated if rated else None,
            fed_back=self.fed_back,
            participants_named=self.participants_named,
            participants_other=self.participants_other,
        )


def _activity_tallies(activities: Any) -> tuple[dict[int, _ActivityTally], dict[int, _ActivityTally]]:
    """Tallies by organisation and by contract for these activities, in three queries: the
    activities, their ratings and their named participants (each grouped by activity)."""
    rows = list(
        activities.values_list(
            "pk", "organisation_id", "contract_id", "staff_rung", "fed_back_on", "other_participants"
        )
    )
    ids = [row[0] for row in rows]
    ratings: dict[int, list[int]] = {}
    rated = (
        ParticipantRating.objects.filter(activity_id__in=ids)
        .values("activity_id", "rung")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("activity_id", "rung", "n")
    )
    for activity_id, rung, n in rated:
        ratings.setdefault(activity_id, []).extend([rung] * n)
    named = dict(
        Participant.objects.filter(activity_id__in=ids)
        .values("activity_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("activity_id", "n")
    )
    by_organisation: dict[int, _ActivityTally] = {}
    by_contract: dict[int, _ActivityTally] = {}
    for pk, organisation_id, contract_id, staff_rung, fed_back_on, other in rows:
        gap = rung_gap(staff_rung=staff_rung, participant_median=median_rung(ratings.get(pk, [])))
        groups = [by_organisation.setdefault(organisation_id, _ActivityTally())]
        if contract_id is not None:
            groups.append(by_contract.setdefault(contract_id, _ActivityTally()))
        for tally in groups:
            tally.activities += 1
            tally.by_rung[int(staff_rung)] += 1
            tally.fed_back += fed_back_on is not None
            tally.participants_named += named.get(pk, 0)
            tally.participants_other += other
            if gap is not None:
                tally.with_participant_ratings += 1
                tally.gap_total += gap
    return by_organisation, by_contract


def _meetings_by_organisation(organisation_ids: list[int], period: Period) -> dict[int, int]:
    return dict(
        Meeting.objects.filter(
            council__organisation_id__in=organisation_ids, held_on__gte=period.start, held_on__lte=period.end
        )
        .values("council__organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("council__organisation_id", "n")
    )


@dataclass
class Report:
    period: Period
    organisations: list[InvolvementRow]
    regions: list[InvolvementRow]
    contracts: list[InvolvementRow]
    today: datetime.date


def _remit(user: User) -> tuple[list[Organisation], list[Organisation], list[Contract], list[int] | None]:
    """Who the user reports on: organisations with a row of their own, regions, contracts, and the
    organisations whose issues and activities count in a contract's row (None: every one)."""
    if not rules.can_view_report(user):
        return [], [], [], []
    rows = Organisation.objects.filter(active=True).order_by("name", "pk")
    if user.role in (Role.ADMINISTRATOR, Role.COMMISSIONER):
        organisations = list(rows.filter(kind__in=ROW_KINDS))
        regions = list(rows.filter(kind=OrganisationKind.PROBATION_REGION))
        contracts = Contract.objects.select_related("provider")
        if user.role == Role.COMMISSIONER:
            # A commissioner's contracts: those their organisation commissions (a region's
            # commissioners, those let in their region too).
            commissioner = user.organisation_id or 0
            contracts = contracts.filter(Q(commissioner_id=commissioner) | Q(region_id=commissioner))
        return organisations, regions, list(contracts.order_by("reference")), None
    own = user.organisation
    if own is None:
        return [], [], [], []
    if own.kind == OrganisationKind.PROBATION_REGION:
        organisations = list(rows.filter(region=own, kind__in=ROW_KINDS))
        regions = [own]
    else:
        organisations, regions = [own], []
    in_remit = [own.pk, *(o.pk for o in organisations)]
    contracts = Contract.objects.relevant_to(own).select_related("provider").order_by("reference")
    return organisations, regions, list(contracts), in_remit


def involvement_report(*, user: User, period: Period, today: datetime.date | None = None) -> Report:
    """The three tables for the user's remit (involvement.rules.report_organisation_in_remit):
    organisations, regions (each with its prisons and delivery units together) and contracts. A
    lead's contract rows count only their own organisations' issues and activities."""
    today = today or timezone.localdate()
    organisations, regions, contracts, contract_scope = _remit(user)
    members: dict[int, list[int]] = {region.pk: [region.pk] for region in regions}
    if regions:
        in_regions = Organisation.objects.filter(
            region__in=regions, kind__in=(OrganisationKind.ESTABLISHMENT, OrganisationKind.DELIVERY_UNIT)
        )
        for pk, region_id in in_regions.values_list("pk", "region_id"):
            members[region_id].append(pk)
    organisation_ids = sorted({o.pk for o in organisations} | {pk for ids in members.values() for pk in ids})
    contract_ids = [c.pk for c in contracts]

    issues = issue_figures_by(
        by="organisation", organisation_ids=organisation_ids, start=period.start, end=period.end, today=today
    )
    contract_issues = issue_figures_by(
        by="contract",
        organisation_ids=contract_scope,
        contract_ids=contract_ids,
        start=period.start,
        end=period.end,
        today=today,
    )
    meetings = _meetings_by_organisation(organisation_ids, period)
    held = Q(held_on__gte=period.start, held_on__lte=period.end)
    in_contracts = Q(contract_id__in=contract_ids)
    if contract_scope is not None:
        in_contracts &= Q(organisation_id__in=contract_scope)
    activities, contract_activities = _activity_tallies(
        Activity.objects.filter(held).filter(Q(organisation_id__in=organisation_ids) | in_contracts)
    )

    def row(organisation: Organisation, ids: Iterable[int], kind: str) -> InvolvementRow:
        figures, tally, meetings_held = IssueFigures(), _ActivityTally(), 0
        for pk in ids:
            figures = issue_figures_add(figures, issues.get(pk, IssueFigures()))
            tally = tally.add(activities.get(pk, _ActivityTally()))
            meetings_held += meetings.get(pk, 0)
        return InvolvementRow(
            label=organisation.name,
            kind=kind,
            issues=figures,
            meetings_held=meetings_held,
            activities=tally.figures(),
            organisation_id=organisation.pk,
            code=organisation.code,
        )

    return Report(
        period=period,
        organisations=[row(o, [o.pk], ROW_KIND_NAMES[OrganisationKind(o.kind)]) for o in organisations],
        regions=[row(r, members[r.pk], "region") for r in regions],
        contracts=[
            InvolvementRow(
                label=str(contract),
                kind="contract",
                issues=contract_issues.get(contract.pk, IssueFigures()),
                meetings_held=None,
                activities=contract_activities.get(contract.pk, _ActivityTally()).figures(),
                contract_id=contract.pk,
                code=contract.reference,
            )
            for contract in contracts
        ],
        today=today,
    )


# --- one organisation ----------------------------------------------------------------------------


@dataclass
class ActivityLine:
    activity: Activity
    staff_rung: int
    participants_rung: int | None
    gap: int | None
    ratings: int


@dataclass
class OrganisationReport:
    organisation: Organisation
    period: Period
    row: InvolvementRow
    activities: list[ActivityLine]


def organisation_report(
    *, organisation: Organisation, period: Period, today: datetime.date | None = None
) -> OrganisationReport:
    """One organisation's figures for the period (a region's with its prisons and delivery units)
    and its activities, staff's rung beside the participants'. The caller checks the remit."""
    today = today or timezone.localdate()
    ids = [organisation.pk]
    kind = ROW_KIND_NAMES.get(OrganisationKind(organisation.kind), str(organisation.kind))
    if organisation.kind == OrganisationKind.PROBATION_REGION:
        ids += list(
            Organisation.objects.filter(
                region=organisation, kind__in=(OrganisationKind.ESTABLISHMENT, OrganisationKind.DELIVERY_UNIT)
            ).values_list("pk", flat=True)
        )
    issues = IssueFigures()
    for figures in issue_figures_by(
        by="organisation", organisation_ids=ids, start=period.start, end=period.end, today=today
    ).values():
        issues = issue_figures_add(issues, figures)
    activities = Activity.objects.filter(organisation_id__in=ids, held_on__gte=period.start, held_on__lte=period.end)
    by_organisation, _unused = _activity_tallies(activities)
    tally = _ActivityTally()
    for part in by_organisation.values():
        tally = tally.add(part)
    ratings: dict[int, list[int]] = {}
    for activity_id, rung in ParticipantRating.objects.filter(activity__in=activities).values_list(
        "activity_id", "rung"
    ):
        ratings.setdefault(activity_id, []).append(rung)
    lines = []
    for activity in activities.select_related("organisation").order_by("-held_on", "-pk"):
        median = median_rung(ratings.get(activity.pk, []))
        lines.append(
            ActivityLine(
                activity=activity,
                staff_rung=activity.staff_rung,
                participants_rung=median,
                gap=rung_gap(staff_rung=activity.staff_rung, participant_median=median),
                ratings=len(ratings.get(activity.pk, [])),
            )
        )
    row = InvolvementRow(
        label=organisation.name,
        kind=kind,
        issues=issues,
        meetings_held=sum(_meetings_by_organisation(ids, period).values()),
        activities=tally.figures(),
        organisation_id=organisation.pk,
        code=organisation.code,
    )
    return OrganisationReport(organisation=organisation, period=period, row=row, activities=lines)
