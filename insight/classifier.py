"""The screen's second reader: a small logistic regression per concern over character and word
n-grams of the words as the rules see them (insight/words.py), trained on the writing part of the
labelled set (insight/corpus.py) with fixed settings, so the same set gives the same model.

It exists for recall (issue 14: "combined so that recall comes first"). The rules catch what they
name; this catches phrasings near the labelled lines that no rule names ("sewer slide thoughts
again", "hes a dead man"). It is trained once per process, on first use, in about four seconds,
from the file in the repository: nothing is downloaded and no model file is loaded from disk."""

from __future__ import annotations

import math
import threading
from collections import Counter
from functools import cache, lru_cache

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

from insight import corpus
from insight.words import stems

_LOCK = threading.Lock()


class Model:
    def __init__(self, lines: list[corpus.Line]) -> None:
        texts = [stems(line.text) for line in lines]
        self.vectoriser = FeatureUnion(
            [
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ]
        )
        features = self.vectoriser.fit_transform(texts)
        weights: dict[str, list[float]] = {}
        self.intercepts: dict[str, float] = {}
        for concern in corpus.SCREENED:
            labels = [concern in line.labels for line in lines]
            fitted = LogisticRegression(C=10, class_weight="balanced", max_iter=3000).fit(features, labels)
            weights[concern] = fitted.coef_[0].tolist()
            self.intercepts[concern] = float(fitted.intercept_[0])
        # Scoring one line through scikit-learn's transform and predict costs milliseconds of input
        # checking, too much for the kiosk's hot path; the same sums done here from the fitted
        # vocabularies, idf weights and coefficients (public attributes) cost tens of microseconds
        # (insight/tests/test_classifier.py checks both agree).
        self.parts = []
        offset = 0
        for _, vectoriser in self.vectoriser.transformer_list:
            vocabulary = vectoriser.vocabulary_
            idf = vectoriser.idf_
            table = {
                gram: (float(idf[index]), tuple(weights[c][offset + index] for c in corpus.SCREENED))
                for gram, index in vocabulary.items()
            }
            analyse = vectoriser.build_analyzer()
            if vectoriser.analyzer == "char_wb":
                # Character n-grams never cross a space, so a line's are the sum of its words'; a
                # word's are worked out once (the same few hundred words make most feedback).
                analyse = _per_word(analyse, table)
            self.parts.append((analyse, table))
            offset += len(vocabulary)

    def probabilities(self, stemmed: str) -> dict[str, float]:
        """Each concern's probability for one line of stems (the model's own arithmetic: sublinear
        tf × idf, normalised per vectoriser, dotted with the coefficients)."""
        totals = [0.0] * len(corpus.SCREENED)
        for analyse, table in self.parts:
            counts = Counter(gram for gram in analyse(stemmed) if gram in table)
            if not counts:
                continue
            values = [((1 + math.log(n)) * table[gram][0], table[gram][1]) for gram, n in counts.items()]
            norm = math.sqrt(sum(v * v for v, _ in values))
            for value, coefficients in values:
                for i, coefficient in enumerate(coefficients):
                    totals[i] += value / norm * coefficient
        return {
            concern: 1 / (1 + math.exp(-(total + self.intercepts[concern])))
            for concern, total in zip(corpus.SCREENED, totals, strict=True)
        }


def _per_word(analyse, table):  # type: ignore[no-untyped-def]
    @lru_cache(maxsize=32768)
    def grams(word: str) -> tuple[str, ...]:
        return tuple(gram for gram in analyse(word) if gram in table)

    def analyse_line(line: str) -> list[str]:
        found: list[str] = []
        for word in line.split():
            found.extend(grams(word))
        return found

    return analyse_line


@cache
def _model() -> Model:
    return Model(corpus.training())


def model() -> Model:
    """The process's model, trained once (two threads asking at once train it once)."""
    with _LOCK:
        return _model()
