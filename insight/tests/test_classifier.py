"""The classifier's own arithmetic agrees with scikit-learn's transform and predict."""

from __future__ import annotations

import pytest
from sklearn.linear_model import LogisticRegression

from insight import classifier, corpus
from insight.words import stems

pytestmark = pytest.mark.slow


def test_scores_match_scikit_learn_on_lines_it_was_not_trained_on():
    model = classifier.model()
    training = corpus.training()
    features = model.vectoriser.transform([stems(line.text) for line in training])
    for concern in corpus.SCREENED:
        fitted = LogisticRegression(C=10, class_weight="balanced", max_iter=3000).fit(
            features, [concern in line.labels for line in training]
        )
        for line in corpus.check()[:40]:
            stemmed = stems(line.text)
            expected = fitted.predict_proba(model.vectoriser.transform([stemmed]))[0, 1]
            assert model.probabilities(stemmed)[concern] == pytest.approx(expected, abs=1e-6)


def test_a_line_with_no_known_words_scores_the_intercept_alone():
    chances = classifier.model().probabilities(" zzqx ")
    assert all(0 < p < 1 for p in chances.values())
