"""The safeguarding screen measured on the held-out part of its labelled set (insight/corpus.py),
per category. The rules and the classifier are written and trained on the other part only.

Issue 14's targets are recall ≥ 0.97 for self-harm and ≥ 0.95 for harm to others with at most 10%
of ordinary feedback alerting; make bench reports each against them. These tests hold the floor
reached so far, so that no change goes back below it: harm to others meets its target; self-harm
recall (0.969, three lines of 97 missed) and the alert rate on a set whose ordinary lines are half
hard controls (0.133) do not yet."""

from __future__ import annotations

import pytest

from insight import corpus
from insight.constants import Concern
from insight.screening import concerns

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scores():
    return corpus.score(concerns, corpus.held_out())


def test_the_labelled_set_is_large_varied_and_bilingual():
    lines = corpus.lines()
    assert len(lines) >= 1500
    assert len({line.text.casefold() for line in lines}) == len(lines), "no line twice"
    welsh = [line for line in lines if line.language == "cy"]
    assert len(welsh) >= 100
    assert any(line.labels for line in welsh) and any(not line.labels for line in welsh)
    held_out = corpus.held_out()
    assert 0.15 < len(held_out) / len(lines) < 0.25
    for concern in corpus.SCREENED:
        assert sum(concern in line.labels for line in held_out) >= 25, concern


def test_self_harm_recall_on_held_out_lines_is_at_least_96_percent(scores):
    assert scores.recall[Concern.SELF_HARM] >= 0.96, scores.missed[Concern.SELF_HARM]


def test_harm_to_others_recall_on_held_out_lines_is_at_least_95_percent(scores):
    assert scores.recall[Concern.HARM_TO_OTHERS] >= 0.95, scores.missed[Concern.HARM_TO_OTHERS]


def test_at_most_fifteen_percent_of_ordinary_feedback_raises_an_alert(scores):
    assert scores.alert_rate <= 0.15, scores.false_alerts


def test_allegations_against_staff_are_found_by_the_rules_at_least_as_often_as_now(scores):
    # The rules alone find allegations (the classifier learnt "officer", not wrongdoing): about half
    # of the held-out ones today, a floor to raise, not a target met.
    assert scores.recall[Concern.STAFF_ALLEGATION] >= 0.45, scores.missed[Concern.STAFF_ALLEGATION]
