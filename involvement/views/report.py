"""Involvement: the report for the people who run involvement and the commissioners who hold
providers to it (issue 6, item 4): the page, one organisation's page and the same rows as CSV."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.constants import Role
from accounts.decorators import allowed_if
from common import periods
from common.csv_cells import safe_cell
from common.periods import Period
from involvement import report_selectors, rules
from involvement.activity_selectors import gap_in_words, rung_label
from involvement.constants import Band, Rung, band_of
from involvement.report_selectors import InvolvementRow
from organisations.models import Organisation

MINUS = "\u2212"  # A true minus sign: screen readers say "minus", not "dash".
NOT_APPLICABLE = "\u2013"


def _period(request: HttpRequest) -> Period:
    """The period chosen from the list; an unknown one falls back to the default with a message
    (the form offers only the list, so this is a crafted or stale address)."""
    key = request.GET.get("period", "")
    period = periods.report_period(key)
    if period is None:
        messages.warning(request, _("Choose a period from the list. Showing the last complete quarter."))
        period = periods.report_period(None)
    assert period is not None
    return period


def share(n: int, of: int) -> str:
    """A count with its denominator and percentage: "3 of 4 (75%)"; a dash when nothing was due."""
    if of == 0:
        return NOT_APPLICABLE
    return _("%(n)d of %(of)d (%(percent)d%%)") % {"n": n, "of": of, "percent": round(100 * n / of)}


def gap_figure(mean_gap: float | None) -> str:
    """The mean gap as the report writes it: "−1.5 rungs" (participants lower than staff)."""
    if mean_gap is None:
        return _("no ratings")
    value = round(mean_gap, 1)
    text = f"{abs(value):g}"
    sign = MINUS if value < 0 else ("+" if value > 0 else "")
    return ngettext("%(gap)s rung", "%(gap)s rungs", 1 if abs(value) == 1 else 2) % {"gap": sign + text}


def due(row: InvolvementRow) -> int:
    """Issues whose answer was due by today: those answered, and those overdue. Issues not yet due
    are left out, so a new issue never counts against the organisation."""
    f = row.issues
    return f.answered_on_time + f.answered_late + f.overdue


def meetings(row: InvolvementRow) -> str:
    return NOT_APPLICABLE if row.meetings_held is None else str(row.meetings_held)


def _helpers() -> dict[str, Any]:
    return {
        "share": share,
        "gap_figure": gap_figure,
        "due": due,
        "meetings": meetings,
        "bands": list(Band),
        "rungs": list(Rung),
        "band_of": band_of,
        "rung_label": rung_label,
        "gap_in_words": gap_in_words,
    }


@allowed_if(rules.can_view_report)
def report(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    found = report_selectors.involvement_report(user=request.user, period=period)
    return render(
        request,
        "involvement/report/report.html",
        {
            "report": found,
            "period": period,
            "periods": periods.report_periods(),
            "report_scope_note": ""
            if request.user.role in (Role.ADMINISTRATOR, Role.COMMISSIONER)
            else _("Only the issues and activities of the organisations you report on are counted."),
            **_helpers(),
        },
    )


@allowed_if(rules.can_view_report)
def report_organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Another organisation's figures are answered as if it did not exist (404)."""
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    if not rules.report_organisation_in_remit(request.user, organisation):
        raise Http404
    period = _period(request)
    found = report_selectors.organisation_report(organisation=organisation, period=period)
    return render(
        request,
        "involvement/report/organisation.html",
        {
            "found": found,
            "row": found.row,
            "period": period,
            "periods": periods.report_periods(),
            **_helpers(),
        },
    )


CSV_HEADINGS = (
    "Period",
    "Level",
    "Name",
    "Code",
    "Issues raised",
    "Answers due",
    "Answered on time",
    "Answered late",
    "Not yet answered",
    "Overdue",
    "Actions promised",
    "Actions done (claimed)",
    "Actions confirmed",
    "Council meetings held",
    "Activities",
    "Non-participation",
    "Tokenism",
    "Citizen power",
    *(f"Rung {rung.value}: {rung.label}" for rung in Rung),
    "Activities rated by participants",
    "Mean rating gap (participants minus staff, rungs)",
    "Activities fed back",
    "Participants named",
    "Other participants",
)


def csv_row(period: Period, row: InvolvementRow) -> list[object]:
    f, a = row.issues, row.activities
    cells: list[object] = [
        period.label,
        row.kind,
        row.label,
        row.code,
        f.raised,
        due(row),
        f.answered_on_time,
        f.answered_late,
        f.not_answered,
        f.overdue,
        f.actions_promised,
        f.actions_done_claimed,
        f.actions_confirmed,
        "not applicable" if row.meetings_held is None else row.meetings_held,
        a.activities,
        *(a.by_band[band.value] for band in Band),
        *(a.by_rung[rung.value] for rung in Rung),
        a.with_participant_ratings,
        "" if a.mean_gap is None else round(a.mean_gap, 2),
        a.fed_back,
        a.participants_named,
        a.participants_other,
    ]
    return [safe_cell(cell) for cell in cells]


@allowed_if(rules.can_view_report)
def report_csv(request: HttpRequest) -> HttpResponse:
    """The rows of the page, for the accountability work. Headings stay in English: they are read
    by programs as well as people."""
    period = _period(request)
    found = report_selectors.involvement_report(user=request.user, period=period)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="involvement-{period.key}-as-at-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADINGS)
    for row in [*found.organisations, *found.regions, *found.contracts]:
        writer.writerow(csv_row(period, row))
    return response


urlpatterns: list[URLPattern] = [
    path("report/", report, name="report"),
    path("report/organisations/<int:organisation_id>/", report_organisation, name="report-organisation"),
    path("report.csv", report_csv, name="report-csv"),
]
