"""Scorecards for staff (signed in, true counts) and the public dashboard (no sign-in, disclosure
control on every figure), with CSV and PDF. Unknown levels, places and periods answer 404."""

from __future__ import annotations

import csv
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability import comparisons, compliance, display, rules
from accountability.disclosure import MIN_PEOPLE
from accountability.figures import LEVEL_LABELS, Level, Place, place, scorecard
from accountability.measures import KNOWN_RATE_EXPLANATION, MEASURES
from accountability.public_figures import PUBLIC_LEVELS, public_tables
from accountability.publish import CSV_HEADINGS, csv_rows, level_data, row_data, scorecard_data
from accountability.stats import RAG_LABELS
from accounts.decorators import allowed_if
from common.csv_cells import safe_cell
from common.periods import Period, period_for_key, report_periods
from involvement.report_selectors import involvement_report

STAFF_LEVELS = tuple(Level)


def _period(request: HttpRequest) -> tuple[Period, list[Period]]:
    """The period asked for, and the list the page offers (made once per request: formatting its
    labels is a third of a dashboard page's time)."""
    key = request.GET.get("period", "")
    offered = report_periods()
    period = offered[0] if not key else next((p for p in offered if p.key == key), None) or period_for_key(key)
    if period is None:
        raise Http404(_("There is no such period. Choose a financial quarter or year from the list."))
    return period, offered


def _level(value: str, allowed: tuple[Level, ...]) -> Level:
    try:
        level = Level(value)
    except ValueError:
        raise Http404(_("There is no such level.")) from None
    if level not in allowed:
        raise Http404(_("There is no such level."))
    return level


def _place(level: Level, code: str) -> Place:
    found = place(level, code)
    if found is None:
        raise Http404(_("There is no such place."))
    return found


def _common(period: Period, offered: list[Period], *, public_view: bool) -> dict[str, Any]:
    levels = PUBLIC_LEVELS if public_view else STAFF_LEVELS
    return {
        "period": period,
        "periods": offered,
        "levels": [(level, LEVEL_LABELS[level]) for level in levels if level is not Level.NATIONAL],
        "measures": MEASURES,
        "public_view": public_view,
        "rag_label": display.rag_label,
        "rag_tag": display.rag_tag,
        "pct": display.pct,
        "count": display.count,
        "fmt": display,
        "rag_labels": RAG_LABELS,
        "known_rate_explanation": KNOWN_RATE_EXPLANATION,
        "min_people": MIN_PEOPLE,
        "base": "accountability:dashboard" if public_view else "accountability:scorecards",
    }


def _card_page(request: HttpRequest, level_value: str, *, public_view: bool) -> HttpResponse:
    period, offered = _period(request)
    level = _level(level_value, PUBLIC_LEVELS if public_view else STAFF_LEVELS)
    today = timezone.localdate()
    if public_view:
        tables = public_tables(period, today=today, levels=(level, Level.NATIONAL))
        rows, national = tables[level], tables[Level.NATIONAL][0]
    else:
        card = scorecard(level, period, today=today)
        rows, national = scorecard_data(card)["rows"], row_data(card.national)
    return render(
        request,
        "accountability/level.html",
        {
            **_common(period, offered, public_view=public_view),
            "level": level,
            "level_label": LEVEL_LABELS[level],
            "rows": rows,
            "national": national,
        },
    )


def _place_context(request: HttpRequest, level_value: str, code: str, *, public_view: bool) -> dict[str, Any]:
    period, offered = _period(request)
    level = _level(level_value, PUBLIC_LEVELS if public_view else STAFF_LEVELS)
    today = timezone.localdate()
    here = _place(level, code) if level is not Level.NATIONAL else None
    if public_view:
        rows = public_tables(period, today=today, levels=(level,))[level]
    else:
        card = scorecard(level, period, today=today)
        rows = scorecard_data(card)["rows"]
    row = next((r for r in rows if here is None or r["code"] == here.code), None)
    if row is None:
        raise Http404(_("There is no such place."))
    context: dict[str, Any] = {
        **_common(period, offered, public_view=public_view),
        "level": level,
        "level_label": LEVEL_LABELS[level],
        "row": row,
    }
    if not public_view:
        subject = here or card.national.place
        context["same_type"] = comparisons.same_type(card, subject) if here else {}
        context["previous"] = comparisons.against_previous(subject, card, today=today)
        context["characteristics"] = [
            (label, comparisons.by_characteristic(subject, period, key, today=today))
            for key, (label, _choices) in comparisons.CHARACTERISTICS.items()
        ]
        if here is not None and level is Level.CONTRACT:
            found = card.row(here.code)
            assert found is not None
            report = involvement_report(user=request.user, period=period, today=today)  # type: ignore[arg-type]  # signed in: allowed_if
            feedback = next((r for r in report.contracts if r.contract_id == here.pk), None)
            context["obligations"] = compliance.obligations_checked(found, period, feedback)
    return context


def _place_page(request: HttpRequest, level_value: str, code: str, *, public_view: bool) -> HttpResponse:
    return render(
        request, "accountability/place.html", _place_context(request, level_value, code, public_view=public_view)
    )


def _csv(request: HttpRequest, level_value: str, *, public_view: bool) -> HttpResponse:
    period, _offered = _period(request)
    level = _level(level_value, PUBLIC_LEVELS if public_view else STAFF_LEVELS)
    data = level_data(level, period, today=timezone.localdate(), public_view=public_view)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    audience = "public" if public_view else "staff"
    response["Content-Disposition"] = f'attachment; filename="outcomes-{level}-{period.key}-{audience}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADINGS)
    for line in csv_rows(data):
        writer.writerow([safe_cell(cell) for cell in line])
    return response


# --- staff ---------------------------------------------------------------------------------------


@allowed_if(rules.can_view_scorecards)
def scorecards(request: HttpRequest) -> HttpResponse:
    return _place_page(request, Level.NATIONAL, "national", public_view=False)


@allowed_if(rules.can_view_scorecards)
def scorecard_level(request: HttpRequest, level: str) -> HttpResponse:
    return _card_page(request, level, public_view=False)


@allowed_if(rules.can_view_scorecards)
def scorecard_place(request: HttpRequest, level: str, code: str) -> HttpResponse:
    return _place_page(request, level, code, public_view=False)


@allowed_if(rules.can_view_scorecards)
def scorecard_csv(request: HttpRequest, level: str) -> HttpResponse:
    return _csv(request, level, public_view=False)


@allowed_if(rules.can_view_scorecards)
def scorecard_pdf(request: HttpRequest, level: str, code: str) -> HttpResponse:
    """The place's scorecard as a printable, tagged PDF (WeasyPrint, as the paper surveys)."""
    from weasyprint import HTML

    context = _place_context(request, level, code, public_view=False)
    html = render_to_string("accountability/print.html", context, request=request)
    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="scorecard-{level}-{code}.pdf"'
    return response


# --- the public ----------------------------------------------------------------------------------


def dashboard(request: HttpRequest) -> HttpResponse:
    return _place_page(request, Level.NATIONAL, "national", public_view=True)


def dashboard_level(request: HttpRequest, level: str) -> HttpResponse:
    return _card_page(request, level, public_view=True)


def dashboard_place(request: HttpRequest, level: str, code: str) -> HttpResponse:
    return _place_page(request, level, code, public_view=True)


def dashboard_csv(request: HttpRequest, level: str) -> HttpResponse:
    return _csv(request, level, public_view=True)


def outcomes(request: HttpRequest) -> HttpResponse:
    """What each measure means, in plain words, for everyone."""
    offered = report_periods()
    return render(request, "accountability/outcomes.html", _common(offered[0], offered, public_view=True))
