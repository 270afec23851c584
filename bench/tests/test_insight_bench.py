"""The screen's benchmark (bench/insight_bench.py) and shares in the report."""

from __future__ import annotations

import json

import pytest

from bench import insight_bench, report
from bench.measure import share_result
from insight import corpus
from insight.screening import concerns

pytestmark = pytest.mark.slow


def test_a_share_passes_at_least_or_at_most_its_target():
    assert share_result(name="r", figure=0.97, target=0.97, at_least=True).passed
    assert not share_result(name="r", figure=0.96, target=0.97, at_least=True).passed
    assert share_result(name="a", figure=0.1, target=0.1, at_least=False).passed
    assert not share_result(name="a", figure=0.11, target=0.1, at_least=False).passed


def test_quality_figures_are_the_check_sets_scores(tmp_path):
    results = {r.name: r for r in insight_bench._quality()}
    scores = corpus.score(concerns, corpus.check())
    assert results["screen recall: self_harm"].figure == round(scores.recall["self_harm"], 3)
    assert results["screen recall: harm_to_others"].target == 0.95
    assert results["screen alert rate on ordinary feedback"].figure == round(scores.alert_rate, 3)
    written = report.write(results=list(results.values()), dataset={}, directory=tmp_path)
    assert "| ≥ 0.97 |" in (tmp_path / "report.md").read_text()
    assert "| ≤ 0.1 |" in (tmp_path / "report.md").read_text()
    assert {row["name"] for row in json.loads((tmp_path / "report.json").read_text())["benchmarks"]} == set(results)
    assert written["benchmarks"][0]["pass"] in (True, False)


def test_throughput_is_a_ratio_to_the_bare_vectoriser_on_the_same_comments():
    result = insight_bench._throughput(300)
    # The screen reads each comment through rules and a classifier; counting n-grams is cheaper.
    assert result.unit == "s" and result.ratio > 1 and "comments/s" in result.note
    assert insight_bench.comments(5) == insight_bench.comments(5)
