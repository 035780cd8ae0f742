"""Training of :class:`~bot.core.screen.classifier.LinearClassifier` (offline, by a script).

Logistic regression (scikit-learn, from the ``[train]`` extra) over the MiniLM vector and the
TF-IDF of words and word pairs, one head per label, with grouped out-of-fold probabilities for
placing thresholds (pieces of one message never straddle a fold). Nothing here runs when the
bot starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.core.screen.classifier import Lexicon, LinearClassifier


@dataclass(frozen=True)
class Examples:
    """Training pieces: text, MiniLM vector, group (the message it came from) and weight."""

    texts: list[str]
    vectors: np.ndarray
    groups: list[object]
    weights: np.ndarray

    def subset(self, mask: np.ndarray) -> Examples:
        keep = np.flatnonzero(mask)
        return Examples(
            [self.texts[i] for i in keep], self.vectors[keep], [self.groups[i] for i in keep], self.weights[keep]
        )


#: Character n-gram lengths when a classifier reads characters too (``chars=True``).
CHAR_NGRAMS = (3, 5)


class Heads:
    """Fitted heads sharing one vocabulary: ``predict(texts, vectors)`` -> (n, labels)."""

    def __init__(
        self,
        examples: Examples,
        targets: dict[str, np.ndarray],
        *,
        lexical: bool = True,
        chars: bool = False,
        c: float = 10.0,
    ):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.labels = tuple(targets)
        self.dim = examples.vectors.shape[1]
        self.vectorizer: Any = None
        if lexical:
            self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit(examples.texts)
        self.char_vectorizer: Any = None
        if chars:
            self.char_vectorizer = TfidfVectorizer(
                analyzer="char_wb", ngram_range=CHAR_NGRAMS, min_df=3, sublinear_tf=True, max_features=30000
            ).fit(examples.texts)
        features = self._features(examples.texts, examples.vectors)
        self.models = []
        for label in self.labels:
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
            model.fit(features, targets[label].astype(int), sample_weight=examples.weights)
            self.models.append(model)

    def _features(self, texts: Sequence[str], vectors: np.ndarray) -> Any:
        from scipy.sparse import csr_matrix, hstack

        parts = [csr_matrix(vectors)]
        if self.vectorizer is not None:
            parts.append(self.vectorizer.transform(texts))
        if self.char_vectorizer is not None:
            parts.append(self.char_vectorizer.transform(texts))
        return hstack(parts).tocsr()

    def predict(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        features = self._features(texts, vectors)
        return np.stack([m.predict_proba(features)[:, 1] for m in self.models], axis=1)

    def export(
        self, name: str, model_id: str, thresholds: dict[str, float], info: dict[str, object]
    ) -> LinearClassifier:
        coefs = np.vstack([np.asarray(m.coef_[0], dtype=np.float32) for m in self.models])
        weights = coefs[:, : self.dim]
        bias = np.asarray([float(m.intercept_[0]) for m in self.models], dtype=np.float32)
        columns = self.dim
        lexicon = lexical = char_lexicon = char_weights = None
        if self.vectorizer is not None:
            vocabulary = {term: int(i) for term, i in self.vectorizer.vocabulary_.items()}
            lexicon = Lexicon(vocabulary, np.asarray(self.vectorizer.idf_, dtype=np.float32))
            lexical = coefs[:, columns : columns + len(vocabulary)]
            columns += len(vocabulary)
        if self.char_vectorizer is not None:
            vocabulary = {term: int(i) for term, i in self.char_vectorizer.vocabulary_.items()}
            char_lexicon = Lexicon(vocabulary, np.asarray(self.char_vectorizer.idf_, dtype=np.float32), CHAR_NGRAMS)
            char_weights = coefs[:, columns : columns + len(vocabulary)]
        return LinearClassifier(
            name=name,
            model_id=model_id,
            labels=self.labels,
            weights=weights,
            bias=bias,
            thresholds=thresholds,
            lexical_weights=lexical,
            lexicon=lexicon,
            info=info,
            char_weights=char_weights,
            char_lexicon=char_lexicon,
        )


def out_of_fold(
    examples: Examples,
    targets: dict[str, np.ndarray],
    *,
    folds: int = 5,
    seed: int = 0,
    lexical: bool = True,
    c: float = 10.0,
    score_mask: np.ndarray | None = None,
) -> np.ndarray:
    """(n, labels) probabilities, each from heads that never saw the piece's group.

    ``score_mask`` limits which pieces are scored (the rest stay 0) to save time."""
    keys = sorted(set(examples.groups), key=str)
    rng = np.random.default_rng(seed)
    rng.shuffle(keys)
    fold_of = {key: i % folds for i, key in enumerate(keys)}
    assignment = np.array([fold_of[g] for g in examples.groups])
    out = np.zeros((len(examples.texts), len(targets)))
    for fold in range(folds):
        test = assignment == fold
        if score_mask is not None:
            test &= score_mask
        if not test.any():
            continue
        train = assignment != fold
        heads = Heads(examples.subset(train), {k: v[train] for k, v in targets.items()}, lexical=lexical, c=c)
        keep = np.flatnonzero(test)
        out[keep] = heads.predict([examples.texts[i] for i in keep], examples.vectors[keep])
    return out


def threshold_for_recall(scores: np.ndarray, recall: float) -> float:
    """The highest threshold that keeps at least ``recall`` of ``scores`` (positives) at or above it."""
    ordered = np.sort(scores)
    keep = int(np.ceil(recall * len(ordered)))
    return float(ordered[len(ordered) - keep]) if len(ordered) else 0.5


def threshold_for_false_alarms(scores: np.ndarray, rate: float) -> float:
    """The lowest threshold at which at most ``rate`` of ``scores`` (negatives) reach it."""
    if not len(scores):
        return 0.5
    ordered = np.sort(scores)[::-1]
    allowed = int(np.floor(rate * len(ordered)))
    return float(np.nextafter(ordered[allowed], 1.0)) if allowed < len(ordered) else 0.0
