"""The screen's second reader: a small logistic regression per concern over character and word
n-grams of the words as the rules see them (insight/words.py), trained on the writing part of the
labelled set (insight/corpus.py) with fixed settings, so the same set gives the same model.

It exists for recall (issue 14: "combined so that recall comes first"). The rules catch what they
name; this catches phrasings near the labelled lines that no rule names ("sewer slide thoughts
again", "hes a dead man"). It is trained once per process, on first use, in about four seconds,
from the file in the repository: nothing is downloaded and no model file is loaded from disk."""

from __future__ import annotations

import threading
from collections import Counter
from functools import cache, lru_cache

import numpy
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
        weights = []
        intercepts = []
        for concern in corpus.SCREENED:
            labels = [concern in line.labels for line in lines]
            fitted = LogisticRegression(C=10, class_weight="balanced", max_iter=3000).fit(features, labels)
            weights.append(fitted.coef_[0])
            intercepts.append(float(fitted.intercept_[0]))
        self.intercepts = numpy.array(intercepts)
        coefficients = numpy.column_stack(weights)  # a row per feature, a column per concern
        # Scoring one line through scikit-learn's transform and predict costs milliseconds of input
        # checking, too much for the kiosk's hot path; the same sums done here from the fitted
        # vocabularies, idf weights and coefficients (public attributes) cost tens of microseconds
        # (insight/tests/test_classifier.py checks both agree).
        self.parts = []
        offset = 0
        for _, vectoriser in self.vectoriser.transformer_list:
            vocabulary = vectoriser.vocabulary_
            analyse = vectoriser.build_analyzer()
            if vectoriser.analyzer == "char_wb":
                # Character n-grams never cross a space, so a line's are the sum of its words'; a
                # word's are worked out once (the same few hundred words make most feedback).
                analyse = _per_word(analyse, vocabulary)
            else:
                analyse = _known(analyse, vocabulary)
            part_weights = coefficients[offset : offset + len(vocabulary)]
            self.parts.append((analyse, vectoriser.idf_, part_weights))
            offset += len(vocabulary)

    def probabilities(self, stemmed: str) -> dict[str, float]:
        """Each concern's probability for one line of stems (the model's own arithmetic: sublinear
        tf × idf, normalised per vectoriser, dotted with the coefficients)."""
        totals = self.intercepts.copy()
        for analyse, idf, part_weights in self.parts:
            counts = Counter(analyse(stemmed))
            if not counts:
                continue
            index = numpy.fromiter(counts.keys(), dtype=numpy.intp, count=len(counts))
            values = (1 + numpy.log(numpy.fromiter(counts.values(), dtype=float, count=len(counts)))) * idf[index]
            totals += (values / numpy.sqrt(values @ values)) @ part_weights[index]
        chances = 1 / (1 + numpy.exp(-totals))
        return {concern: float(chance) for concern, chance in zip(corpus.SCREENED, chances, strict=True)}


def _per_word(analyse, vocabulary):  # type: ignore[no-untyped-def]
    """A line's known character n-grams (as feature numbers), each word's worked out once."""

    @lru_cache(maxsize=32768)
    def grams(word: str) -> tuple[int, ...]:
        return tuple(vocabulary[gram] for gram in analyse(word) if gram in vocabulary)

    def analyse_line(line: str) -> list[int]:
        found: list[int] = []
        for word in line.split():
            found.extend(grams(word))
        return found

    return analyse_line


def _known(analyse, vocabulary):  # type: ignore[no-untyped-def]
    """A line's known word n-grams, as feature numbers."""

    def analyse_line(line: str) -> list[int]:
        return [vocabulary[gram] for gram in analyse(line) if gram in vocabulary]

    return analyse_line


@cache
def _model() -> Model:
    return Model(corpus.training())


def model() -> Model:
    """The process's model, trained once (two threads asking at once train it once)."""
    with _LOCK:
        return _model()
