"""Comparators, as the prison inspectorate's survey draws them: a place against places of the same
type, against its own previous period, and its people by protected characteristic against the rest
of its people. Each difference is tested (accountability.stats.compare: chi-square, or Fisher's
exact test where counts are small) and called significant only at p < 0.01."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accountability.figures import GROUP_OF_LEVEL, Level, Place, Scorecard, figures_by, level_figures
from accountability.measures import MEASURES, Figures
from accountability.stats import Comparison, compare
from common.periods import Period, period_for_key
from organisations.constants import EstablishmentType
from people.constants import Disability, EthnicGroup, Sex

CHARACTERISTICS = {
    "sex": (gettext_lazy("Sex"), Sex),
    "ethnic_group": (gettext_lazy("Ethnic group"), EthnicGroup),
    "disability": (gettext_lazy("Disability"), Disability),
}


@dataclass(frozen=True)
class Compared:
    """One measure of this place against one comparator."""

    label: str
    mine: Figures
    theirs: Figures
    result: Comparison

    @property
    def words(self) -> str:
        if self.result.test == "":
            return _("Nothing to compare")
        if not self.result.significant:
            return _("No significant difference")
        return _("Significantly higher") if self.result.direction > 0 else _("Significantly lower")


def _compared(label: str, mine: Figures, theirs: Figures) -> Compared:
    result = compare(mine.numerator, mine.denominator, theirs.numerator, theirs.denominator)
    return Compared(label, mine, theirs, result)


def previous_period(period: Period, *, today: datetime.date) -> Period | None:
    """The quarter before a quarter; the year before a year."""
    if "-q" in period.key:
        year, quarter = period.key.split("-q")
        number = int(quarter) - 1
        key = f"{year}-q{number}" if number else f"{int(year) - 1}-q4"
    else:
        key = str(int(period.key) - 1)
    return period_for_key(key, today=today)


def same_type(card: Scorecard, place: Place) -> dict[str, Compared]:
    """A prison against every other prison of its type, in the same period."""
    if place.level is not Level.ESTABLISHMENT or not place.establishment_type:
        return {}
    label = _("Other %(type)s") % {"type": str(EstablishmentType(place.establishment_type).label).lower() + "s"}
    mine = card.row(place.code)
    if mine is None:
        return {}
    found: dict[str, Compared] = {}
    for key in MEASURES:
        others = Figures()
        for row in card.rows:
            if row.place.establishment_type == place.establishment_type and row.place.code != place.code:
                others += row.cells[key].figures
        found[key] = _compared(label, mine.cells[key].figures, others)
    return found


def against_previous(place: Place, card: Scorecard, *, today: datetime.date) -> dict[str, Compared]:
    before = previous_period(card.period, today=today)
    mine = card.row(place.code) if place.level is not Level.NATIONAL else card.national
    if before is None or mine is None:
        return {}
    counted = level_figures(place.level, before, today=today)
    previous = counted.get(place.pk, {})
    label = before.label
    return {key: _compared(label, mine.cells[key].figures, previous.get(key, Figures())) for key in MEASURES}


@dataclass(frozen=True)
class GroupComparison:
    value: str
    label: str
    by_measure: dict[str, Compared]


def by_characteristic(
    place: Place, period: Period, characteristic: str, *, today: datetime.date
) -> list[GroupComparison]:
    """Each group of the place's people (e.g. each ethnic group) against the rest of its people."""
    group = GROUP_OF_LEVEL.get(place.level)
    found_by = figures_by(period, today=today, group=((group,) if group else ()) + (characteristic,))
    counted = {
        key[-1] if group else key: figures for key, figures in found_by.items() if not group or key[0] == place.pk
    }
    choices = CHARACTERISTICS[characteristic][1]
    found = []
    for value, label in choices.choices:
        if value not in counted:
            continue
        comparisons = {}
        for key in MEASURES:
            rest = Figures()
            for other, figures in counted.items():
                if other != value:
                    rest += figures[key]
            comparisons[key] = _compared(_("The rest"), counted[value][key], rest)
        found.append(GroupComparison(value, str(label), comparisons))
    return found
