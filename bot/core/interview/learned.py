"""The rubric's learned layer: sentence classifiers for the answer criteria
(``data/answer_signs.json``, trained by ``scripts/train_classifiers.py rubric`` from
``data/training/sentences.jsonl``).

Problems (blame, self-deprecation, oversharing): a sentence the classifier is sure of turns a
pass into a warning, quoting it. Growth: a sentence the classifier recognises as concrete growth
passes an answer the patterns missed, and an answer whose only "growth" the classifier does not
believe is warned as unconvincing. Ownership: a sentence the classifier is sure owns a cause
passes an answer in which the patterns found no cause at all; future-focus: an ending sentence
the patterns faulted passes when the classifier is sure it looks ahead. Otherwise both stay with
the patterns, which judge where in the answer a sign comes (an owned cause, a forward-looking
ending).

Brief acknowledgment: the words of the sentences that show no owned cause, no growth and no
future-focus are the answer's look back (the story, the feelings, the circumstances); past
``LOOKING_BACK_WORDS`` of them (40 seconds spoken), or past ``LOOKING_BACK_WORDS_MOSTLY`` when they
are most of the answer, the answer dwells on the setback, however it is worded.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from bot.core.base.disclosure import REASON_WITHOUT_DETAIL
from bot.core.base.embeddings import LocalMiniLM
from bot.core.interview import rubric_checks as rc
from bot.core.screen import ClassifierError, LinearClassifier, load_classifier

log = logging.getLogger(__name__)

SIGNS_PATH = Path(__file__).resolve().parent / "data" / "answer_signs.json"
PROBLEMS = ("blame", "self-deprecation", "oversharing")
GOOD_SIGNS = ("ownership", "growth", "future-focus")
#: Words looking back (no owned cause, growth or future-focus) past which an answer dwells on the setback.
LOOKING_BACK_WORDS = 100
#: ... or past which it does when they are most of the answer (a short answer that is all story).
#: Tuning answers (84 labelled for it): 0.73 -> 0.82 of the dwelling ones found, no new false flag.
LOOKING_BACK_WORDS_MOSTLY = 60
MOSTLY = 0.8

#: A death in the family told in one line with what it changed ("My grandmother passed away during
#: interview season, and I cancelled two interviews"): the professional way to say it, not
#: oversharing. Retrain after retrain put such a line just over the learned threshold, hard
#: negatives notwithstanding; the patterns still judge any detail beside it, and the learned
#: layer the answer's other sentences.
_BEREAVEMENT_AND_ITS_EFFECT = re.compile(
    r"\b(?:passed\s+away|passed|died|death|funeral|lost\s+(?:my|our))\b[^.!?]{0,80}?"
    r"\b(?:cancel(?:l)?ed|moved|missed|rescheduled|withdrew|skipped|dropped|postponed)\b[^.!?]{0,30}?\binterviews?\b",
    re.IGNORECASE,
)

#: The answer saying it did not match ("the email said I had not matched", "I went unmatched").
_NOT_MATCHED = re.compile(
    r"\b(?:(?:did\s*n[o'’]?t|didnt|had\s+not|hadn['’]?t|have\s+not|haven['’]?t|was\s+not|wasn['’]?t)\s+match(?:ed)?|"
    r"(?:went|was|were|am|being)\s+unmatched)\b",
    re.IGNORECASE,
)

#: Sentences a learned sign never quotes, whatever their score (as in the critique's learned layer).
_NEVER_EVIDENCE: dict[str, tuple[re.Pattern[str], ...]] = {
    "oversharing": (_BEREAVEMENT_AND_ITS_EFFECT, REASON_WITHOUT_DETAIL),
}


@dataclass(frozen=True)
class Sign:
    criterion: str
    score: float
    threshold: float
    quote: str
    #: For a good sign: below this score it is surely absent.
    absent_below: float = 0.0
    #: For a good sign: at or above this score it is surely there.
    sure_from: float = 1.0

    @property
    def shown(self) -> bool:
        return self.score >= self.threshold

    @property
    def surely_absent(self) -> bool:
        return self.score < self.absent_below

    @property
    def surely_shown(self) -> bool:
        return self.score >= self.sure_from


@cache
def signs_classifier() -> LinearClassifier | None:
    try:
        classifier = load_classifier(SIGNS_PATH)
    except ClassifierError:
        log.warning("rubric classifier unavailable; patterns only")
        return None
    if classifier.model_id != LocalMiniLM.model_id:
        log.warning("rubric classifier trained on another embedding model; not used")
        return None
    return classifier


def answer_signs(doc: rc.Doc) -> dict[str, Sign]:
    """For each criterion, the answer's sentence that shows it most, with its score."""
    classifier = signs_classifier()
    if classifier is None:
        return {}
    indices = [i for i in range(len(doc.sentences)) if doc.sentence_words(i) >= 3]
    texts = [doc.sentence_quote(i) for i in indices]
    pairs = [(i, t) for i, t in zip(indices, texts, strict=True) if t]
    if not pairs:
        return {}
    texts = [t for _, t in pairs]
    scores = classifier.scores(texts, LocalMiniLM.shared().embed(texts))
    out = {"brief-acknowledgment": _looking_back(doc, [i for i, _ in pairs], texts, scores, classifier)}
    for column, label in enumerate(classifier.labels):
        column_scores = scores[:, column].copy()
        never = _NEVER_EVIDENCE.get(label, ())
        if never:
            column_scores[[any(p.search(t) for p in never) for t in texts]] = 0.0
        best = int(column_scores.argmax())
        out[label] = Sign(
            label,
            float(column_scores[best]),
            classifier.thresholds[label],
            texts[best],
            classifier.thresholds.get(f"{label}-absent", 0.0),
            classifier.thresholds.get(f"{label}-sure", 1.0),
        )
    return out


def _looking_back(
    doc: rc.Doc, indices: list[int], texts: list[str], scores: np.ndarray, classifier: LinearClassifier
) -> Sign:
    """How many words of the answer look back: its sentences that show no owned cause, no growth
    and no future-focus. The quote is the first of them."""
    forward = np.zeros(len(texts), dtype=bool)
    for label in ("ownership", "growth", "future-focus"):
        column = classifier.labels.index(label)
        shown = scores[:, column] >= classifier.thresholds[label]
        if label == "growth":
            # The season told before the answer reaches "I didn't match" is not growth since the
            # setback, however much was done in it ("In January I went back for a second look").
            told = _NOT_MATCHED.search(doc.text)
            if told is not None:
                shown &= np.array([doc.sentences[i][0] >= told.start() for i in indices], dtype=bool)
        forward |= shown
    back = [k for k in range(len(texts)) if not forward[k]]
    words = sum(doc.sentence_words(indices[k]) for k in back)
    total = max(sum(doc.sentence_words(i) for i in indices), 1)
    threshold = LOOKING_BACK_WORDS_MOSTLY if words / total >= MOSTLY else LOOKING_BACK_WORDS
    return Sign("brief-acknowledgment", float(words), float(threshold), texts[back[0]] if back else "")
