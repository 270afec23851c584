"""The safeguarding screen measured on its check set (insight/corpus.py): lines written by another
hand, never trained on and never read while writing rules.

Issue 14's targets are recall ≥ 0.97 for self-harm and ≥ 0.95 for harm to others, with at most 10%
of ordinary feedback raising an alert; make bench reports each against them. These tests hold the
floor reached so far, so that no change goes back below it. Harm to others meets its target;
self-harm recall and the alert rate are just short of theirs (decision 28)."""

from __future__ import annotations

import pytest

from insight import corpus
from insight.constants import Concern
from insight.screening import concerns

pytestmark = pytest.mark.slow

# Measured on 2026-12-07: self-harm 0.955, harm to others 0.952, allegations 0.635, alert rate 0.101
# (32 of 317; the target is 0.10). Harm to others is held at issue 14's target; self-harm, whose
# recall comes first, and the alert rate at the floor and ceiling reached.
FLOORS = {Concern.SELF_HARM.value: 0.95, Concern.HARM_TO_OTHERS.value: 0.95, Concern.STAFF_ALLEGATION.value: 0.6}
ALERT_RATE_CEILING = 0.11


@pytest.fixture(scope="module")
def scores():
    return corpus.score(concerns, corpus.check())


def test_the_labelled_sets_are_large_varied_bilingual_and_apart():
    training, check = corpus.training(), corpus.check()
    assert len(training) >= 1500 and len(check) >= 500
    for path in [*corpus.training_files(), corpus.CHECK]:
        texts = [line.text.casefold() for line in corpus.lines(path)]
        assert len(set(texts)) == len(texts), f"a line twice in {path.name}"
    for lines in (training, check):
        welsh = [line for line in lines if line.language == "cy"]
        assert len(welsh) >= 100
        assert any(line.labels for line in welsh) and any(not line.labels for line in welsh)
        for concern in corpus.SCREENED:
            assert sum(concern in line.labels for line in lines) >= 50, concern
    assert not {line.text.casefold() for line in training} & {line.text.casefold() for line in check}


@pytest.mark.parametrize("concern", corpus.SCREENED)
def test_recall_on_the_check_set_holds_its_floor(scores, concern):
    assert scores.recall[concern] >= FLOORS[concern], scores.missed[concern]


def test_the_alert_rate_on_ordinary_check_lines_holds_its_ceiling(scores):
    assert scores.alert_rate <= ALERT_RATE_CEILING, scores.false_alerts
