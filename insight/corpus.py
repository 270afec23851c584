"""The labelled sets the safeguarding screen is written from and measured on (insight/data/; its
README says how they are labelled).

- Training: `screening_corpus.tsv` and every `screening_more_*.tsv`, written by several hands in
  several voices; the rules are written against these and the classifier trained on them.
- Check: `screening_check.tsv`, written afterwards by another hand without sight of the training
  lines or the screen, and never read while writing rules. Issue 14's targets (recall ≥ 0.97 for
  self-harm, ≥ 0.95 for harm to others, at most 10% of ordinary feedback raising an alert) are
  measured on it (make bench; insight/tests/test_screening_corpus.py)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from insight.constants import Concern

DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "screening_corpus.tsv"
CHECK = DATA / "screening_check.tsv"
# The concerns that raise an alert for the safer custody team (voice.services._ALERTING).
ALERTING = (Concern.SELF_HARM.value, Concern.HARM_TO_OTHERS.value)
SCREENED = (Concern.SELF_HARM.value, Concern.HARM_TO_OTHERS.value, Concern.STAFF_ALLEGATION.value)


@dataclass(frozen=True)
class Line:
    text: str
    language: str
    labels: frozenset[str]


def lines(path: Path) -> list[Line]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Line(
                text=row["text"],
                language=row["lang"],
                labels=frozenset() if row["labels"] == "none" else frozenset(row["labels"].split(",")),
            )
            for row in rows
        ]


def training_files() -> list[Path]:
    return [CORPUS, *sorted(DATA.glob("screening_more_*.tsv"))]


def training() -> list[Line]:
    """Every training line once (the files were written apart, so a short line can recur), and none
    that is also in the check set: what the screen is measured on is never what it learnt from."""
    seen = {line.text.casefold() for line in check()}
    found = []
    for path in training_files():
        for line in lines(path):
            key = line.text.casefold()
            if key not in seen:
                seen.add(key)
                found.append(line)
    return found


def check() -> list[Line]:
    return lines(CHECK)


@dataclass(frozen=True)
class Scores:
    """Per concern: recall over the lines labelled with it and precision over the lines flagged with
    it; and the share of ordinary lines (labelled with nothing) that raised an alert."""

    recall: dict[str, float]
    precision: dict[str, float]
    positives: dict[str, int]
    alert_rate: float
    ordinary: int
    missed: dict[str, list[str]]
    false_alerts: list[str]


def score(screen: Callable[[str], set[str]], sample: Iterable[Line]) -> Scores:
    true = dict.fromkeys(SCREENED, 0)
    flagged = dict.fromkeys(SCREENED, 0)
    right = dict.fromkeys(SCREENED, 0)
    positives = dict.fromkeys(SCREENED, 0)
    missed: dict[str, list[str]] = {c: [] for c in SCREENED}
    false_alerts: list[str] = []
    ordinary = alerts = 0
    for line in sample:
        found = screen(line.text)
        for concern in SCREENED:
            if concern in line.labels:
                positives[concern] += 1
                if concern in found:
                    true[concern] += 1
                else:
                    missed[concern].append(line.text)
            if concern in found:
                flagged[concern] += 1
                right[concern] += concern in line.labels
        if not line.labels:
            ordinary += 1
            if any(c in found for c in ALERTING):
                alerts += 1
                false_alerts.append(line.text)
    return Scores(
        recall={c: true[c] / positives[c] if positives[c] else 1.0 for c in SCREENED},
        precision={c: right[c] / flagged[c] if flagged[c] else 1.0 for c in SCREENED},
        positives=positives,
        alert_rate=alerts / ordinary if ordinary else 0.0,
        ordinary=ordinary,
        missed=missed,
        false_alerts=false_alerts,
    )
