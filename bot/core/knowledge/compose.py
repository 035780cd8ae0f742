"""Offline answers composed from answer cards: for each part of a question, the direct answer of
the section that answers it, at most one supporting paragraph from that same section, and
"See also" pointers to at most two other sections.

Nothing is embedded here: the question's parts were embedded once by the caller and the
sections' paragraphs when they were indexed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from bot.core.base.text import sentences, word_count
from bot.core.knowledge.articles import Chunk
from bot.core.knowledge.index import SearchHit

#: A supporting paragraph must be at least this close to the question.
SUPPORT_SIMILARITY = 0.30
#: ... and is cut to about this many words (its first sentence, then its closest ones).
SUPPORT_WORDS = 70
#: A paragraph sharing this share of its words with the direct answer would repeat it.
REPEAT_OVERLAP = 0.55
#: Another section is worth a "See also" at this similarity, and within this of the best.
SEE_ALSO_SIMILARITY = 0.45
SEE_ALSO_WITHIN = 0.12
SEE_ALSO_MAX = 2
#: A direct answer's "Yes —"/"No —" is kept only when its section was matched this closely
#: (by a way-to-ask or the heading); otherwise the verdict may answer a different question.
VERDICT_SIMILARITY = 0.6

#: Paragraphs that are templates, examples or greetings never support an answer.
_NOT_SUPPORT = re.compile(
    r"^(?:subject:|dear\b|hi\b|hello\b|example\b|for example:|sample\b|template\b|\[)|"
    r"\b(?:best regards|sincerely|kind regards)\b",
    re.IGNORECASE,
)
_VERDICT = re.compile(r"^(?:yes|no)\b[\s,.:;—–-]*", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """A section an answer draws on (a citation)."""

    chunk: Chunk


@dataclass
class PartAnswer:
    question: str
    lead: Chunk | None
    text: list[str] = field(default_factory=list)  # paragraphs, each citing the lead section
    see_also: list[Chunk] = field(default_factory=list)


def verdict_fits(hit: SearchHit) -> bool:
    return max(hit.ask, hit.heading) >= VERDICT_SIMILARITY


def lead_text(hit: SearchHit) -> str:
    """The direct answer of the hit's section; without a close match its bare Yes/No is dropped."""
    return hit.chunk.lead if verdict_fits(hit) else _without_verdict(hit.chunk.lead)


def supporting_paragraph(
    paragraphs: Sequence[str], vectors: np.ndarray, query_vector: np.ndarray, lead: str
) -> str | None:
    """The paragraph of the same section closest to the question, if close enough; trimmed."""
    if not len(paragraphs) or not vectors.size:
        return None
    scores = vectors @ query_vector
    for index in np.argsort(-scores):
        paragraph = paragraphs[int(index)]
        if scores[index] < SUPPORT_SIMILARITY:
            return None
        if _NOT_SUPPORT.search(paragraph.strip()) or _repeats(paragraph, lead) or _is_heading_like(paragraph):
            continue
        return _trim(_without_verdict(paragraph), SUPPORT_WORDS)
    return None


def _without_verdict(text: str) -> str:
    """``text`` without an opening bare "Yes."/"No —" (it answers the heading's question, which may
    not be the student's; the direct answer above already gives the verdict)."""
    if not _VERDICT.match(text):
        return text
    rest = _VERDICT.sub("", text, count=1).strip()
    return rest[:1].upper() + rest[1:] if word_count(rest) >= 4 else text


def pointer_text(chunk: Chunk) -> str:
    """A "See also" line: the section's heading and its direct answer, without a bare Yes/No
    (which answers that heading's question, not necessarily the student's)."""
    return f"*{chunk.section}*: {_without_verdict(chunk.lead)}"


def see_also(hits: Sequence[SearchHit], used: set[str], best_similarity: float) -> list[Chunk]:
    """Up to two other sections close to the question (one per section, none already used)."""
    out: list[Chunk] = []
    seen = set(used)
    for hit in hits[1:]:
        key = section_key(hit.chunk)
        if key in seen:
            continue
        if hit.similarity >= max(SEE_ALSO_SIMILARITY, best_similarity - SEE_ALSO_WITHIN):
            out.append(hit.chunk)
            seen.add(key)
        if len(out) >= SEE_ALSO_MAX:
            break
    return out


def section_key(chunk: Chunk) -> str:
    return f"{chunk.scope}/{chunk.article}#{chunk.anchor}"


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _repeats(paragraph: str, lead: str) -> bool:
    """Whether ``paragraph`` mostly says again what the direct answer said."""
    words = _words(paragraph)
    return not words or len(words & _words(lead)) / len(words) >= REPEAT_OVERLAP


def _is_heading_like(paragraph: str) -> bool:
    return word_count(paragraph) < 6 and not paragraph.rstrip().endswith((".", "!"))


def _trim(paragraph: str, limit: int) -> str:
    """About ``limit`` words: whole sentences from the start, never a cut-off sentence."""
    if word_count(paragraph) <= limit * 1.25:
        return paragraph
    kept: list[str] = []
    count = 0
    for sentence in sentences(paragraph):
        n = word_count(sentence)
        if kept and count + n > limit:
            break
        kept.append(sentence)
        count += n
    return " ".join(kept)
