"""The safeguarding screen in make bench (issue 14): recall per category and the alert rate on the
labelled check set (insight/corpus.py), and its throughput over 100,000 comments as a ratio to
scikit-learn's bare TF-IDF vectoriser over the same texts in the same run, with peak memory."""

from __future__ import annotations

import random
import time

from sklearn.feature_extraction.text import TfidfVectorizer

from bench.measure import Result, ratio_result, share_result
from insight import corpus
from insight.constants import Concern
from insight.screening import concerns

COMMENTS = 100_000
QUICK_COMMENTS = 10_000
# The screen reads each comment through rules and a classifier; the bare vectoriser only counts
# n-grams. Measured at 44× (3,600 comments a second) on a 2-core machine on 2026-12-07; the
# target keeps it from growing.
THROUGHPUT_TARGET = 60.0
RECALL_TARGETS = {Concern.SELF_HARM.value: 0.97, Concern.HARM_TO_OTHERS.value: 0.95}
ALERT_RATE_TARGET = 0.10


def _quality() -> list[Result]:
    lines = corpus.check()
    scores = corpus.score(concerns, lines)
    results = [
        share_result(
            name=f"screen recall: {concern}",
            figure=scores.recall[concern],
            target=RECALL_TARGETS.get(concern, 0.9),
            at_least=True,
            note=f"{scores.positives[concern]} of {len(lines)} lines; precision {scores.precision[concern]:.3f}",
        )
        for concern in corpus.SCREENED
    ]
    results.append(
        share_result(
            name="screen alert rate on ordinary feedback",
            figure=scores.alert_rate,
            target=ALERT_RATE_TARGET,
            at_least=False,
            note=f"{scores.ordinary} ordinary lines, about half of them hard controls",
        )
    )
    return results


def comments(count: int) -> list[str]:
    """`count` comments drawn (with a fixed seed) from every labelled line."""
    pool = [line.text for line in corpus.training() + corpus.check()]
    chooser = random.Random(14)  # noqa: S311 - sampling, not secrecy
    return [chooser.choice(pool) for _ in range(count)]


def _throughput(count: int) -> Result:
    texts = comments(count)
    concerns("warm up")  # the classifier is trained once per process, before timing
    started = time.perf_counter()
    TfidfVectorizer().fit_transform(texts)
    bare = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        concerns(text)
    screened = time.perf_counter() - started
    return ratio_result(
        name=f"screen throughput over {count:,} comments",
        figure=screened,
        baseline=bare,
        target=THROUGHPUT_TARGET,
        unit="s",
        note=f"{count / screened:,.0f} comments/s; baseline: TfidfVectorizer over the same texts",
    )


def run(*, quick: bool = False) -> list[Result]:
    return [*_quality(), _throughput(QUICK_COMMENTS if quick else COMMENTS)]
