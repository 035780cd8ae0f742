"""The critique's learned layer: sentence classifiers for the tone checks (``data/tone.json``,
trained by ``scripts/train_classifiers.py critique`` from ``data/training/sentences.jsonl``).

The phrase patterns run first and stay for what they do well; this layer catches new wordings
of a tone problem (certainty instead of a promise, desperation as behaviour, a diagnosis in a
thank-you note). A finding quotes the sentence that fired, so evidence stays a substring of the
draft, and is a warning: the learned layer never raises an error on its own.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

from bot.core.base.disclosure import REASON_WITHOUT_DETAIL
from bot.core.base.embeddings import LocalMiniLM
from bot.core.critique.checks import Context, Hit, advice, personalization_score, rule_hits
from bot.core.critique.draft import Draft
from bot.core.screen import ClassifierError, LinearClassifier, load_classifier

log = logging.getLogger(__name__)

TONE_PATH = Path(__file__).resolve().parent / "data" / "tone.json"
#: Sentences shorter than this say too little to judge tone.
MIN_WORDS = 4
#: Sentences that cannot be a promise to accept a position, whatever their words: accepting an
#: interview (an "offer to interview"), and questions (asking whether an offer is coming is an
#: off-target question, which its own check covers).
_NOT_A_PROMISE = re.compile(
    r"\b(offer|invitation|invite)s?\s+(to|for|of)\s+(an?\s+|the\s+)?(\w+\s+)?interview"
    r"|\binterview\s+(offer|invitation|invite|slot|time)|\?\s*$",
    re.IGNORECASE,
)

#: Context offered as "not an excuse" ("I know none of this is an excuse, but ..."): framing, not
#: running oneself down. Retrain after retrain put such a line on either side of the threshold.
_NOT_AN_EXCUSE = re.compile(r"(?:\b(?:not|no|none|never)\b|n't\b)[^.!?]{0,25}\bexcuses?\b", re.IGNORECASE)
#: A plain question whether positions are still open ("Do you still have any open positions in your
#: residency this year?"): a matter for the contact rule, not desperation. Retrain after retrain put
#: such a question on either side of the threshold, hard negatives notwithstanding.
_AVAILABILITY_QUESTION = re.compile(
    r"\b(?:positions?|spots?|openings?|vacanc(?:y|ies)|slots?|places?)\b[^.!?]{0,40}\?\s*$"
    r"|\b(?:still|any)\b[^.!?]{0,40}\b(?:open|available|unfilled|left|vacant)\b[^.!?]{0,40}\?\s*$",
    re.IGNORECASE,
)
#: A patient's story told as the writer's clinical care ("I cared for a young man with functional
#: seizures whose symptoms improved only when we addressed the stress he was carrying at home",
#: "I managed patients with depression and anxiety on my psychiatry rotation"): the health and home
#: life are the patient's. Retrain after retrain put such a sentence either side of the oversharing
#: threshold, hard negatives notwithstanding. Not when the sentence speaks of the writer's own
#: diagnosis, treatment or family trouble.
_PATIENTS_STORY = re.compile(
    r"^(?![\s\S]*\b(?:my\s+(?:own\s+)?(?:diagnosis|depression|anxiety|therapy|therapist|medications?|meds|"
    r"psychiatrist|divorce|illness|condition|disorder|breakdown)|I\s+(?:was|am|have\s+been|got)\s+"
    r"(?:diagnosed|hospitali[sz]ed|admitted))\b)[\s\S]*?\b(?:cared\s+for|treated|saw|followed|managed|admitted|"
    r"evaluated|looked\s+after|took\s+care\s+of|worked\s+with)\s+(?:a|an|the|one|two|three|several|many|our|"
    r"my|\d+)?\s*(?:[\w-]+\s+){0,3}?(?:patients?|man|woman|men|women|boy|girl|child(?:ren)?|teen(?:ager)?s?|"
    r"veterans?|adults?|infants?|newborns?)\b",
    re.IGNORECASE,
)
#: The learned not-personalized check in a draft the patterns find personalised (two specifics).
PERSONALIZED_DRAFT_THRESHOLD = 0.9

#: Sentences a learned check never quotes, whatever their score.
_NEVER_EVIDENCE: dict[str, tuple[re.Pattern[str], ...]] = {
    "commitment": (_NOT_A_PROMISE,),
    "self-deprecation": (_NOT_AN_EXCUSE,),
    "desperation": (_AVAILABILITY_QUESTION,),
    "oversharing": (_PATIENTS_STORY, REASON_WITHOUT_DETAIL),
}


@cache
def tone_classifier() -> LinearClassifier | None:
    try:
        classifier = load_classifier(TONE_PATH)
    except ClassifierError:
        log.warning("critique tone classifier unavailable; phrase checks only")
        return None
    if classifier.model_id != LocalMiniLM.model_id:
        log.warning("critique tone classifier trained on another embedding model; not used")
        return None
    return classifier


def learned_hits(d: Draft, ctx: Context, applicable: list[str], flagged: set[str]) -> list[Hit]:
    """A warning for each tone check the patterns left unflagged where a body sentence shows it."""
    classifier = tone_classifier()
    wanted = (
        [label for label in classifier.labels if label in applicable and label not in flagged] if classifier else []
    )
    if classifier is None or not wanted:
        return []
    spans = [d.body, d.postscript] if d.postscript else [d.body]
    body = [
        s
        for s in d.sentences
        if any(a <= s.start and s.end <= b for a, b in spans) and len(d.masked[s.start : s.end].split()) >= MIN_WORDS
    ]
    texts = [d.quote(s.start, s.end) for s in body]
    keep = [i for i, text in enumerate(texts) if text]
    if not keep:
        return []
    texts = [texts[i] for i in keep]
    body = [body[i] for i in keep]
    scores = classifier.scores(texts, LocalMiniLM.shared().embed(texts))
    hits = []
    personalized = "not-personalized" in wanted and personalization_score(d) >= 2
    for label in wanted:
        column = classifier.labels.index(label)
        column_scores = scores[:, column].copy()
        never = _NEVER_EVIDENCE.get(label, ())
        if never:
            column_scores[[any(p.search(t) for p in never) for t in texts]] = 0.0
        best = int(column_scores.argmax())
        # Alone, the classifier must be sure; beside a phrase pattern of the same check that was
        # too weak to flag on its own, a looser score is enough (two weak signals agree).
        threshold = classifier.thresholds[label]
        if rule_hits(d, label):
            threshold = classifier.thresholds.get(f"{label}+pattern", threshold)
        elif label == "not-personalized" and personalized:
            # A draft that already names what is particular to the program: one sentence of general
            # praise ("made the program feel like a real community") must be plainly generic.
            threshold = max(threshold, PERSONALIZED_DRAFT_THRESHOLD)
        if column_scores[best] >= threshold:
            sentence = body[best]
            hits.append(Hit(label, "warning", texts[best], advice(f"learned-{label}", ctx), sentence.start))
    return hits
