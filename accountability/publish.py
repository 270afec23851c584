"""A scorecard as data: the rows `throughgate metrics` prints, the CSV downloads hold and the pages
show, for staff (true figures) or for the public (accountability.disclosure applied to every cell,
and to the benchmark the public compares with). One function per shape, so that a page, its CSV
and the command can never disagree."""

from __future__ import annotations

import datetime
from typing import Any

from accountability.figures import Cell, Level, Row, Scorecard, scorecard
from accountability.measures import MEASURES
from accountability.public_figures import public_data
from common.periods import Period

FIELDS = ("numerator", "denominator", "in_scope", "rate", "known_rate", "ci_low", "ci_high", "benchmark", "rag")


def staff_cell(cell: Cell) -> dict[str, Any]:
    f = cell.figures
    interval = cell.interval
    return {
        "numerator": f.numerator,
        "denominator": f.denominator,
        "in_scope": f.in_scope,
        "rate": f.rate,
        "known_rate": f.known_rate,
        "ci_low": interval[0] if interval else None,
        "ci_high": interval[1] if interval else None,
        "benchmark": cell.benchmark,
        "rag": cell.rag if cell.has_data else None,
    }


def row_data(row: Row) -> dict[str, Any]:
    measures = {key: staff_cell(row.cells[key]) for key in MEASURES}
    return {"code": row.place.code, "name": row.place.name, "measures": measures}


def scorecard_data(card: Scorecard) -> dict[str, Any]:
    """`{"period", "level", "rows": [{"code", "name", "measures": {key: {FIELDS...}}}]}`, rates as
    fractions 0–1: the true figures, for staff. The public's, in the same shape, come from
    accountability.public_figures.public_data."""
    return {"period": card.period.key, "level": str(card.level), "rows": [row_data(row) for row in card.rows]}


CSV_HEADINGS = ("Period", "Level", "Code", "Name", "Measure", *FIELDS)


def csv_rows(data: dict[str, Any]) -> list[list[Any]]:
    """One line per place and measure of scorecard data (staff or public); no data is an empty
    cell, never 0."""
    lines = []
    for row in data["rows"]:
        for key, values in row["measures"].items():
            lines.append(
                [
                    data["period"],
                    data["level"],
                    row["code"],
                    row["name"],
                    key,
                    *("" if values[f] is None else values[f] for f in FIELDS),
                ]
            )
    return lines


def level_data(level: Level, period: Period, *, today: datetime.date, public_view: bool) -> dict[str, Any]:
    """The scorecard data for a level: the true figures, or with public_view the published ones."""
    if public_view:
        return public_data(level, period, today=today)
    return scorecard_data(scorecard(level, period, today=today))
