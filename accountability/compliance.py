"""Contract compliance: each obligation checked against the measure it names, with the evidence
(period, value, interval, target); an obligation no measure covers is reported as "not measured";
the duty to gather and act on feedback is checked from what was run and answered under the
contract (involvement's figures for the contract, read through its selectors)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accountability.figures import Row, Target
from common.periods import Period
from organisations.constants import MeasureKey, ObligationKind, TargetDirection


class Status:
    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"
    NOT_MEASURED = "not_measured"


STATUS_LABELS = {
    Status.MET: gettext_lazy("Met"),
    Status.NOT_MET: gettext_lazy("Not met"),
    Status.NO_DATA: gettext_lazy("No data for the period"),
    Status.NOT_MEASURED: gettext_lazy("Not measured"),
}


@dataclass(frozen=True)
class Checked:
    kind: str
    description: str
    measure: str  # the measure's label, or ""
    target: str  # the target in words
    status: str
    evidence: str

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def _percent(value: float) -> str:
    return f"{100 * value:.1f}%"


def check_measured(obligation: dict[str, Any], row: Row, period: Period) -> Checked:
    """An obligation that names a measure: met when the period's rate meets the target in its
    direction; no data when nobody was in the measure's denominator."""
    key = obligation["measure"]
    cell = row.cells.get(key)
    target = Target(obligation["target_percent"], obligation["direction"])
    direction = TargetDirection(target.direction).label
    target_words = f"{direction} {target.percent}%"
    label = str(MeasureKey(key).label)
    base = {
        "kind": str(ObligationKind(obligation["kind"]).label),
        "description": obligation["description"],
        "measure": label,
    }
    if cell is None or cell.figures.rate is None:
        return Checked(
            **base, target=target_words, status=Status.NO_DATA, evidence=_("%(p)s: no data") % {"p": period.label}
        )
    rate = cell.figures.rate
    interval = cell.interval
    evidence = _("%(p)s: %(rate)s (%(n)d of %(d)d; 95%% interval %(low)s to %(high)s; known rate %(known)s)") % {
        "p": period.label,
        "rate": _percent(rate),
        "n": cell.figures.numerator,
        "d": cell.figures.denominator,
        "low": _percent(interval[0]) if interval else "–",
        "high": _percent(interval[1]) if interval else "–",
        "known": _percent(cell.figures.known_rate or 0.0),
    }
    status = Status.MET if target.met_by(rate) else Status.NOT_MET
    return Checked(**base, target=target_words, status=status, evidence=evidence)


def check_feedback_duty(obligation: dict[str, Any], feedback: Any | None, period: Period) -> Checked:
    """The feedback duty is met when, in the period, feedback was gathered under the contract (an
    issue raised or an involvement activity run) and every issue whose answer was due was answered."""
    base = {
        "kind": str(ObligationKind(obligation["kind"]).label),
        "description": obligation["description"],
        "measure": _("Issues and involvement activities under the contract"),
        "target": _("Feedback gathered, and every answer given by its deadline"),
    }
    if feedback is None:
        return Checked(**base, status=Status.NO_DATA, evidence=_("The contract is outside your report."))
    issues, activities = feedback.issues, feedback.activities
    gathered = issues.raised + activities.activities
    evidence = _(
        "%(p)s: %(raised)d issues raised, %(activities)d activities run; %(on_time)d answered on time, "
        "%(late)d late, %(overdue)d overdue"
    ) % {
        "p": period.label,
        "raised": issues.raised,
        "activities": activities.activities,
        "on_time": issues.answered_on_time,
        "late": issues.answered_late,
        "overdue": issues.overdue,
    }
    met = gathered > 0 and issues.overdue == 0 and issues.answered_late == 0
    return Checked(**base, status=Status.MET if met else Status.NOT_MET, evidence=evidence)


def obligations_checked(row: Row, period: Period, feedback: Any | None = None) -> list[Checked]:
    """Every obligation of the contract in `row`, checked. `feedback` is involvement's row for the
    contract (None when the viewer does not report on it)."""
    checked = []
    for obligation in row.place.obligations:
        if obligation["measure"] and obligation["target_percent"] is not None:
            checked.append(check_measured(obligation, row, period))
        elif obligation["kind"] == ObligationKind.FEEDBACK_DUTY:
            checked.append(check_feedback_duty(obligation, feedback, period))
        else:
            checked.append(
                Checked(
                    kind=str(ObligationKind(obligation["kind"]).label),
                    description=obligation["description"],
                    measure="",
                    target=obligation["target"],
                    status=Status.NOT_MEASURED,
                    evidence=_("No measure covers this obligation: check it by other means."),
                )
            )
    return checked
