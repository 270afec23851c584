"""How a figure reads on a page: a rate as a whole percentage, a count with thousands separators,
a suppressed value as `*` with words for screen readers, no data as "no data" (never 0%), and a
rating as a GOV.UK tag. Plain functions the templates call (cheaper than template macros on a page
of hundreds of cells, and testable)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from markupsafe import Markup, escape

from accountability.stats import RAG_LABELS

RAG_COLOURS = {
    "green": "govuk-tag--green",
    "amber": "govuk-tag--yellow",
    "red": "govuk-tag--red",
    "too_few": "govuk-tag--grey",
    "*": "govuk-tag--grey",
}


def _hidden_star(words: str) -> Markup:
    return Markup('<span aria-hidden="true">*</span><span class="govuk-visually-hidden">{}</span>').format(words)


def pct(value: float | str | None) -> Markup:
    if value is None:
        return Markup('<span class="tg-no-data">{}</span>').format(_("no data"))
    if value == "*":
        return _hidden_star(_("too few people to publish"))
    return escape(f"{float(value) * 100:.0f}%")


def count(value: int | str) -> Markup:
    if value == "*":
        return _hidden_star(_("fewer than 8"))
    return escape(f"{int(value):,}")


def rag_label(value: str | None) -> str:
    if value is None:
        return _("No data")
    if value == "*":
        return _("Too few people to publish")
    return _(RAG_LABELS[value])


def rag_tag(value: str | None) -> Markup:
    colour = RAG_COLOURS.get(value or "", "govuk-tag--grey")
    return Markup('<strong class="govuk-tag {}">{}</strong>').format(colour, rag_label(value))
