"""Small learned judgements over the sentence embeddings the project ships (MiniLM).

A :class:`LinearClassifier` is a set of one-vs-rest logistic-regression heads, one per label,
over the MiniLM vector of a text and, optionally, TF-IDF weights of its words and word pairs
(which catch the wording a sentence vector blurs: "my friend" versus "I", "note" versus
"goodbye note"). It is trained offline by ``scripts/train-classifiers`` from labelled examples
and committed as a JSON file beside the package that uses it. At run time it is a sparse dot
product and a sigmoid on vectors that were computed anyway.

Each head has its own decision threshold, chosen at training time on held-out folds for the
recall and precision that label needs.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

#: The same tokens as scikit-learn's default TfidfVectorizer (two or more word characters).
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")


class ClassifierError(RuntimeError):
    """A weights file is missing or does not match the embedding model."""


@dataclass(frozen=True)
class Lexicon:
    """TF-IDF over words and word pairs, or over character n-grams within words (``chars``: 3 to
    5 characters, which read through typos and texting: "pils", "goodbyes", "bye4now"): sublinear
    term frequency, smooth IDF, L2-normalised, as scikit-learn's TfidfVectorizer computes them."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    chars: tuple[int, int] | None = None

    def terms(self, text: str) -> list[str]:
        if self.chars is not None:
            return _char_ngrams(text.lower(), *self.chars)
        words = _TOKEN.findall(text.lower())
        return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]

    def weights(self, text: str) -> dict[int, float]:
        counts = Counter(t for t in self.terms(text) if t in self.vocabulary)
        row = {self.vocabulary[t]: (1.0 + math.log(c)) * float(self.idf[self.vocabulary[t]]) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in row.values()))
        return {k: v / norm for k, v in row.items()} if norm else {}


def _char_ngrams(text: str, low: int, high: int) -> list[str]:
    """scikit-learn's ``char_wb`` analyzer: n-grams of each space-padded word (a word shorter
    than n counts once)."""
    out: list[str] = []
    for word in _SPACES.sub(" ", text).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            out.extend(padded[i : i + n] for i in range(max(len(padded) - n + 1, 1)))
            if len(padded) <= n:
                break
    return out


@dataclass(frozen=True)
class LinearClassifier:
    name: str
    model_id: str
    labels: tuple[str, ...]
    #: (labels, embedding dim) weights on the sentence vector.
    weights: np.ndarray
    bias: np.ndarray  # (labels,)
    thresholds: dict[str, float]
    #: Optional (labels, vocabulary) weights on the lexicon's TF-IDF features.
    lexical_weights: np.ndarray | None = None
    lexicon: Lexicon | None = None
    info: dict[str, object] = field(default_factory=dict)
    #: Optional (labels, n-grams) weights on character n-grams (``char_lexicon``).
    char_weights: np.ndarray | None = None
    char_lexicon: Lexicon | None = None

    def scores(self, texts: Sequence[str], vectors: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
        """(n, labels) probabilities for n texts and their sentence vectors."""
        matrix = np.asarray(vectors, dtype=np.float32)
        if matrix.ndim == 1:
            matrix = matrix[None, :]
        if matrix.shape[0] == 0:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        logits = matrix @ self.weights.T + self.bias
        for lexicon, weights in ((self.lexicon, self.lexical_weights), (self.char_lexicon, self.char_weights)):
            if lexicon is None or weights is None:
                continue
            for row, text in enumerate(texts):
                for column, value in lexicon.weights(text).items():
                    logits[row] += value * weights[:, column]
        return 1.0 / (1.0 + np.exp(-logits))

    def fired(self, texts: Sequence[str], vectors: np.ndarray | Sequence[Sequence[float]]) -> dict[str, list[int]]:
        """For each label, the rows whose probability reaches the label's threshold."""
        probs = self.scores(texts, vectors)
        return {
            label: [int(i) for i in np.flatnonzero(probs[:, k] >= self.thresholds[label])]
            for k, label in enumerate(self.labels)
        }

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "name": self.name,
            "model_id": self.model_id,
            "labels": list(self.labels),
            "thresholds": {k: round(v, 4) for k, v in self.thresholds.items()},
            "bias": [round(float(b), 5) for b in self.bias],
            "weights": [[round(float(w), 5) for w in row] for row in self.weights],
            "info": self.info,
        }
        for key, lexicon, weights in (
            ("lexicon", self.lexicon, self.lexical_weights),
            ("char_lexicon", self.char_lexicon, self.char_weights),
        ):
            if lexicon is None or weights is None:
                continue
            terms = sorted(lexicon.vocabulary, key=lexicon.vocabulary.__getitem__)
            data[key] = {
                "terms": terms,
                "idf": [round(float(v), 4) for v in lexicon.idf],
                # Sparse: per label, {column: weight} for the weights that matter.
                "weights": [
                    {str(i): round(float(w), 4) for i, w in enumerate(row) if abs(w) >= 1e-3} for row in weights
                ],
                **({"chars": list(lexicon.chars)} if lexicon.chars else {}),
            }
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> LinearClassifier:
        labels = tuple(str(label) for label in data["labels"])  # type: ignore[attr-defined]
        weights = np.asarray(data["weights"], dtype=np.float32)
        bias = np.asarray(data["bias"], dtype=np.float32)
        if weights.ndim != 2 or weights.shape[0] != len(labels) or bias.shape != (len(labels),):
            raise ClassifierError(f"classifier {data.get('name')!r}: weights do not match its labels")
        thresholds = {str(k): float(v) for k, v in dict(data["thresholds"]).items()}  # type: ignore[call-overload]
        lexicon, lexical = _sparse_lexicon(data.get("lexicon"), len(labels))
        char_lexicon, char_weights = _sparse_lexicon(data.get("char_lexicon"), len(labels))
        return cls(
            name=str(data["name"]),
            model_id=str(data["model_id"]),
            labels=labels,
            weights=weights,
            bias=bias,
            thresholds=thresholds,
            lexical_weights=lexical,
            lexicon=lexicon,
            info=dict(data.get("info") or {}),  # type: ignore[call-overload]
            char_weights=char_weights,
            char_lexicon=char_lexicon,
        )

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")


def _sparse_lexicon(raw: object, labels: int) -> tuple[Lexicon | None, np.ndarray | None]:
    """A lexicon and its dense (labels, terms) weights from their JSON form (None when absent)."""
    if not isinstance(raw, dict):
        return None, None
    terms = list(raw["terms"])
    chars = raw.get("chars")
    lexicon = Lexicon(
        {t: i for i, t in enumerate(terms)},
        np.asarray(raw["idf"], dtype=np.float32),
        (int(chars[0]), int(chars[1])) if chars else None,
    )
    weights = np.zeros((labels, len(terms)), dtype=np.float32)
    for k, row in enumerate(raw["weights"]):
        for column, value in row.items():
            weights[k, int(column)] = float(value)
    return lexicon, weights


def load_classifier(path: Path) -> LinearClassifier:
    """A classifier from its JSON weights file (read once per path)."""
    return _load(path.resolve())


@cache
def _load(path: Path) -> LinearClassifier:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ClassifierError(f"classifier weights not found: {path.name} (run scripts/train-classifiers)") from None
    return LinearClassifier.from_json(data)
