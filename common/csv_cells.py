"""Cells for CSV downloads that a spreadsheet will open."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula is written as text (OWASP CSV injection).
    Numbers pass as they are: a negative number is a number, not a formula."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value
