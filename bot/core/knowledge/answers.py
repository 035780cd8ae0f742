"""The ask pipeline: screen -> retrieve -> pack passages into a token budget -> generate or extract -> cite.

Offline mode answers with the most relevant sentences of the retrieved guidance, each
group cited. LLM mode asks the model for a grounded answer over the same passages; any
LLM failure falls back to the offline answer with a notice saying why.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import tomllib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np

from bot.core.base import prompts, tokens
from bot.core.base.embeddings import Embedder
from bot.core.base.llm import LLMClient, LLMError
from bot.core.base.text import normalize, sentences, word_count
from bot.core.companion import relative_day_note
from bot.core.knowledge import scope
from bot.core.knowledge.articles import BUILTIN_SCOPE
from bot.core.knowledge.index import KnowledgeIndex, SearchHit
from bot.core.screen import CRISIS_REPLY, DistressScreen, ScreenResult

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1_000
RETRIEVE_K = 8
#: The best passage covers the question when its cosine similarity reaches COVERED_SIMILARITY,
#: or LEXICAL_SIMILARITY together with a strong BM25 match (many shared rare terms).
COVERED_SIMILARITY = 0.40
LEXICAL_SIMILARITY = 0.30
LEXICAL_BM25 = 5.0
#: ... or a section whose heading (written as a student's question) is close to the question.
HEADING_PASSAGE_SIMILARITY = 0.33
HEADING_SIMILARITY = 0.50
#: A section's opening "Yes."/"No." is kept only when its heading is this close to the question.
VERDICT_HEADING_SIMILARITY = 0.60
#: Passages this far below the best one are not used for the answer.
RELATIVE_CUTOFF = 0.15
EXTRACT_PASSAGES = 3
EXTRACT_MAX_PARAGRAPHS = 4
EXTRACT_MAX_WORDS = 190
EXTRACT_PARAGRAPH_WORDS = 70
DEFAULT_SOAP_YEAR = 2026

Mode = Literal["offline", "llm"]
DeltaCallback = Callable[[str], Awaitable[None]]


class QuestionError(ValueError):
    """The question cannot be answered as given (empty, too long); the message says why."""


@dataclass(frozen=True)
class Citation:
    article: str
    title: str
    section: str
    anchor: str = ""

    def to_json(self) -> dict[str, str]:
        return {"article": self.article, "title": self.title, "section": self.section}


@dataclass
class Answer:
    text: str
    citations: list[Citation] = field(default_factory=list)
    mode: Mode = "offline"
    #: answer | not-covered | out-of-scope | prediction | program-facts | crisis | calendar
    kind: str = "answer"
    notice: str | None = None
    #: The distress screen's check-in, shown before the answer (and privately) when set.
    care: str | None = None

    @property
    def full_text(self) -> str:
        text = f"{self.text}\n\n_{self.notice}_" if self.notice else self.text
        return f"{self.care}\n\n{text}" if self.care else text

    @property
    def private(self) -> bool:
        """A crisis reply or a check-in is shown only to the student, even where answers are public."""
        return self.kind == "crisis" or self.care is not None

    def to_json(self) -> dict[str, object]:
        return {
            "answer": self.full_text,
            "citations": [c.to_json() for c in self.citations],
            "mode": self.mode,
        }


def fallback_notice(error: LLMError) -> str:
    return f"AI answer unavailable ({error.notice}); answered offline from the guidance."


_MD_NOISE = re.compile(r"(\*\*|__|`|^#+\s*|^\s*[-*•]\s+|^\s*\d+[.)]\s+|^>\s*)", re.MULTILINE)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


_TABLE = re.compile(r"(?:^[ \t]*\|.*\|[ \t]*(?:\n|$))+", re.MULTILINE)


def _table_as_sentences(match: re.Match[str]) -> str:
    """A Markdown table as one sentence per row: "Round 1: 9:00 to 11:00 a.m. ET."."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in match.group(0).strip().splitlines()
        if not re.fullmatch(r"[\s|:\-]*", line)
    ]
    body = rows[1:] if len(rows) > 1 else rows  # the first row is the header
    lines = [f"{row[0]}: {', '.join(c for c in row[1:] if c)}." if len(row) > 1 else f"{row[0]}." for row in body]
    return "\n".join(lines) + "\n"


def plain(text: str) -> str:
    """Markdown to readable plain sentences (links keep their words, code fences dropped)."""
    text = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
    text = _TABLE.sub(_table_as_sentences, text)
    text = _LINK.sub(r"\1", text)
    text = _MD_NOISE.sub("", text)
    # A list item or line without final punctuation becomes its own sentence.
    lines = [ln.strip() for ln in text.split("\n")]
    joined = []
    for line in lines:
        if not line:
            joined.append("")
            continue
        joined.append(line if re.search(r"[.!?:;][\"'”’)]*$", line) else line + ".")
    return "\n".join(joined)


class Answerer:
    def __init__(
        self,
        index: KnowledgeIndex,
        embedder: Embedder,
        *,
        prompt_token_budget: int = 3000,
        screen: DistressScreen | None = None,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.prompt_token_budget = prompt_token_budget
        self.screen = screen

    async def search(
        self, question: str, k: int = RETRIEVE_K, scopes: Sequence[str] = (BUILTIN_SCOPE,)
    ) -> list[SearchHit]:
        return await asyncio.to_thread(self.index.search, expand_abbreviations(question), k, tuple(scopes))

    async def ask(
        self,
        question: str,
        *,
        scopes: Sequence[str] = (BUILTIN_SCOPE,),
        llm: LLMClient | None = None,
        llm_unavailable: LLMError | None = None,
        on_delta: DeltaCallback | None = None,
        soap_year: int = DEFAULT_SOAP_YEAR,
        today: dt.date | None = None,
        now: dt.datetime | None = None,
        calendar_overrides: Mapping[str, str] | None = None,
        screened: ScreenResult | None = None,
    ) -> Answer:
        """Answer ``question``. ``llm_unavailable`` explains why no LLM is passed (e.g. budget).

        The distress screen runs first (``screened``: its local layers, when the caller already
        ran them): a crisis gets the crisis reply instead of an answer, distress a check-in
        before it.

        A question about "today" or "tomorrow" gets a first paragraph saying where Match Week
        stands at ``now`` (default: the current time) in the calendar (with a server's
        ``calendar_overrides``), and what that day holds.
        """
        question = normalize(question).strip()
        if not question:
            raise QuestionError("Please type a question about SOAP.")
        if len(question) > MAX_QUESTION_CHARS:
            raise QuestionError(
                f"That question is {len(question):,} characters long; please keep it under "
                f"{MAX_QUESTION_CHARS:,} (one question at a time works best)."
            )
        care = await self.screen.screen(question, screened) if self.screen is not None else screened
        if care is not None and care.crisis:
            return Answer(CRISIS_REPLY, kind="crisis")
        answer = await self._answer(
            question, scopes, llm, llm_unavailable, on_delta, soap_year, today, now, calendar_overrides
        )
        if care is not None and care.needs_care:
            answer.care = care.reply
        return answer

    async def _answer(
        self,
        question: str,
        scopes: Sequence[str],
        llm: LLMClient | None,
        llm_unavailable: LLMError | None,
        on_delta: DeltaCallback | None,
        soap_year: int,
        today: dt.date | None,
        now: dt.datetime | None,
        calendar_overrides: Mapping[str, str] | None,
    ) -> Answer:
        screen = scope.screen_question(question)
        if screen.kind == "out-of-scope":
            text = scope.OFF_TOPIC_REPLY
            if screen.mentions_contacting_programs:
                text += "\n\n" + scope.COLD_CONTACT_NOTE
            return Answer(text, kind="out-of-scope")

        hits = await self.search(question, RETRIEVE_K, scopes)
        best = max((h.similarity for h in hits), default=0.0)
        covered = bool(hits) and (
            best >= COVERED_SIMILARITY
            or (best >= LEXICAL_SIMILARITY and max(h.bm25 for h in hits) >= LEXICAL_BM25)
            or (best >= HEADING_PASSAGE_SIMILARITY and max(h.heading for h in hits) >= HEADING_SIMILARITY)
        )
        if screen.kind in ("prediction", "program-facts"):
            # After declining a prediction, the guidance on choosing well still helps.
            answer = await self._extractive(question, hits) if covered and screen.kind == "prediction" else None
            text = scope.PREDICTION_REPLY if screen.kind == "prediction" else scope.PROGRAM_FACTS_REPLY
            if answer:
                text += "\n\n" + answer.text
            return Answer(text, answer.citations if answer else [], kind=screen.kind)
        day_note = relative_day_note(question, now, calendar_overrides)
        if not covered:
            if day_note:
                return Answer(day_note, kind="calendar")
            # A request about contacting programs always gets the rule, whatever else it asked.
            rule = "\n\n" + scope.COLD_CONTACT_NOTE if screen.mentions_contacting_programs else ""
            if scope.is_soap_related(question):
                return Answer(scope.NOT_COVERED_REPLY + rule, kind="not-covered")
            return Answer(scope.OFF_TOPIC_REPLY + rule, kind="out-of-scope")

        hits = sorted(hits, key=lambda h: h.score, reverse=True)
        used = [h for h in hits if h.similarity >= best - RELATIVE_CUTOFF or h is hits[0]]
        notice = fallback_notice(llm_unavailable) if llm_unavailable else None
        answer = None
        if llm is not None:
            try:
                answer = await self._generate(question, used, llm, on_delta, soap_year, today)
            except LLMError as exc:
                notice = fallback_notice(exc)
        if answer is None:
            answer = await self._extractive(question, used)
            answer.notice = notice
        if day_note:
            answer.text = f"{day_note}\n\n{answer.text}"
        return answer

    # ----- LLM mode --------------------------------------------------------------------------

    def pack(
        self, question: str, hits: Sequence[SearchHit], soap_year: int, today: dt.date, budget: int | None = None
    ) -> tuple[list[dict[str, str]], list[SearchHit]]:
        """Render the ask prompt with as many passages as fit the token budget (at least one)."""
        budget = budget or self.prompt_token_budget  # smaller when the LLM server's context is
        chosen: list[SearchHit] = []
        messages: list[dict[str, str]] = []
        for hit in hits:
            candidate = [*chosen, hit]
            rendered = self._render(question, candidate, soap_year, today)
            if chosen and tokens.count_message_tokens(rendered) > budget:
                break
            chosen, messages = candidate, rendered
        if tokens.count_message_tokens(messages) > budget and chosen:
            # A single oversized passage: trim its text to what the budget allows.
            hit = chosen[0]
            overflow = tokens.count_message_tokens(messages) - budget
            keep = max(50, tokens.count_tokens(hit.chunk.text) - overflow - 10)
            trimmed = SearchHit(
                chunk=type(hit.chunk)(
                    **{**hit.chunk.__dict__, "text": tokens.truncate_to_tokens(hit.chunk.text, keep)}
                ),
                score=hit.score,
                similarity=hit.similarity,
                bm25=hit.bm25,
            )
            chosen = [trimmed]
            messages = self._render(question, chosen, soap_year, today)
        return messages, chosen

    @staticmethod
    def _render(question: str, hits: Sequence[SearchHit], soap_year: int, today: dt.date) -> list[dict[str, str]]:
        passages = "\n\n".join(
            f"[{i}] {h.chunk.title} — {h.chunk.section}\n" + prompts.delimit(h.chunk.text, "passage")
            for i, h in enumerate(hits, 1)
        )
        return prompts.render(
            "ask",
            passages=passages,
            question=prompts.delimit(question, "question"),
            soap_year=soap_year,
            today=today.isoformat(),
        )

    async def _generate(
        self,
        question: str,
        hits: Sequence[SearchHit],
        llm: LLMClient,
        on_delta: DeltaCallback | None,
        soap_year: int,
        today: dt.date | None,
    ) -> Answer:
        messages, chosen = self.pack(question, hits, soap_year, today or dt.date.today())

        def refit(budget: int) -> list[dict[str, str]]:  # the LLM server's context is smaller: fewer passages
            nonlocal messages, chosen
            messages, chosen = self.pack(question, hits, soap_year, today or dt.date.today(), budget)
            return messages

        log.debug("ask prompt tokens=%d passages=%d", tokens.count_message_tokens(messages), len(chosen))
        if on_delta is None:
            text = (await llm.complete(messages, purpose="ask", max_tokens=500, refit=refit)).text
        else:
            text, checked = "", 0
            async for delta in llm.stream(messages, purpose="ask", max_tokens=500, refit=refit):
                text += delta
                if len(text) - checked >= prompts.ECHO_WINDOW // 2:  # stop a prompt leak before it is shown
                    checked = len(text)
                    if prompts.echoes_instructions(text, messages):
                        raise LLMError("echo")
                await on_delta(text)
        text = text.strip()
        if prompts.echoes_instructions(text, messages):
            raise LLMError("echo")
        cited = sorted({int(n) for n in re.findall(r"\[(\d+)\]", text) if 1 <= int(n) <= len(chosen)})
        numbers = cited or list(range(1, min(len(chosen), 2) + 1))
        # Renumber so citations read [1], [2], ... in order; passages of one section share a number.
        citations: list[Citation] = []
        renumber: dict[int, int] = {}
        for old in numbers:
            citation = _citation(chosen[old - 1])
            if citation not in citations:
                citations.append(citation)
            renumber[old] = citations.index(citation) + 1
        text = re.sub(
            r"\[(\d+)\]",
            lambda m: f"[{renumber[int(m.group(1))]}]" if int(m.group(1)) in renumber else "",
            text,
        )
        text = re.sub(r"(\[\d+\])(\1)+", r"\1", text)
        return Answer(text, citations, mode="llm")

    # ----- offline mode ----------------------------------------------------------------------

    async def _extractive(self, question: str, hits: Sequence[SearchHit]) -> Answer:
        return await asyncio.to_thread(self._extract, question, hits)

    def _extract(self, question: str, hits: Sequence[SearchHit]) -> Answer:
        """Quote the guidance: the best passage's opening, then the paragraphs closest to the question.

        Articles lead each section with the direct answer, so the opening paragraph of the best
        passage comes first; more paragraphs (from any of the top passages) are added by how
        close their best sentence is to the question or to one part of a compound question.
        """
        units: list[tuple[int, int, str, list[str]]] = []  # (hit rank, paragraph no., text, sentences)
        for rank, hit in enumerate(hits[:EXTRACT_PASSAGES]):
            for number, paragraph in enumerate(_paragraphs(hit.chunk.text)):
                parts = [x for x in sentences(paragraph) if _is_answer_sentence(x)]
                if parts:
                    units.append((rank, number, " ".join(parts), parts))
        if not units:
            return Answer(scope.NOT_COVERED_REPLY, kind="not-covered")
        queries = [question, *subquestions(question)]
        flat = [(u, x) for u, unit in enumerate(units) for x in unit[3]]
        vectors = np.array(self.embedder.embed(queries + [x for _, x in flat]))
        similarity = vectors[len(queries) :] @ vectors[: len(queries)].T  # (sentences, queries)
        best_per_unit = np.full((len(units), len(queries)), -1.0)
        for row, (u, _) in enumerate(flat):
            best_per_unit[u] = np.maximum(best_per_unit[u], similarity[row])
        query_terms = _terms(question)
        scores = []
        for u, (rank, number, text, _) in enumerate(units):
            overlap = len(query_terms & _terms(text)) / max(1, len(query_terms))
            scores.append(float(best_per_unit[u].max()) + 0.1 * overlap - 0.04 * rank + (0.06 if number == 0 else 0.0))

        chosen: list[int] = []
        words = 0

        opening = {units[u][0]: u for u in reversed(range(len(units)))}  # hit rank -> its first paragraph

        def take(u: int) -> None:
            """Add paragraph ``u``, preceded by its section's opening (where the direct answer is)."""
            nonlocal words
            group = [u] if opening[units[u][0]] in chosen or opening[units[u][0]] == u else [opening[units[u][0]], u]
            group = [g for g in group if g not in chosen]
            cost = sum(min(word_count(units[g][2]), EXTRACT_PARAGRAPH_WORDS) for g in group)
            if not group or len(chosen) + len(group) > EXTRACT_MAX_PARAGRAPHS:
                return
            if chosen and words + cost > EXTRACT_MAX_WORDS:
                return
            chosen.extend(group)
            words += cost

        take(next(u for u, unit in enumerate(units) if unit[0] == units[0][0]))  # opening of the best passage
        bonus = np.array(scores) - best_per_unit.max(axis=1)
        for q in range(1, len(queries)):  # each part of a compound question
            u = int(np.argmax(best_per_unit[:, q] + bonus))
            if best_per_unit[u, q] >= 0.35:
                take(u)
        for u in np.argsort(scores)[::-1]:
            if scores[u] < max(scores) - 0.2:
                break
            take(int(u))

        sentence_score = {id(x): float(similarity[row].max()) for row, (_, x) in enumerate(flat)}
        chosen.sort(key=lambda u: (units[u][0], units[u][1]))
        paragraphs: list[str] = []
        citations: list[Citation] = []
        for u in chosen:
            rank, _, text, parts = units[u]
            citation = _citation(hits[rank])
            if citation not in citations:
                citations.append(citation)
            text = _trim_words(parts, EXTRACT_PARAGRAPH_WORDS, [sentence_score[id(x)] for x in parts])
            if rank > 0 or hits[rank].heading < VERDICT_HEADING_SIMILARITY:
                # "Yes."/"No." answers that section's own heading, which is not the student's question.
                text = re.sub(r"^(?:Yes|No)[.,]\s+(?=\S)", "", text)
                text = text[:1].upper() + text[1:]
            paragraphs.append(f"{text} [{citations.index(citation) + 1}]")
        return Answer("\n\n".join(paragraphs), citations, mode="offline")


def _paragraphs(markdown: str) -> list[str]:
    """Paragraphs of a passage as plain text; a list stays with the line that introduces it."""
    blocks = [b for b in re.split(r"\n\s*\n", markdown.strip()) if b.strip()]
    merged: list[str] = []
    for block in blocks:
        is_list = bool(re.match(r"^\s*([-*•]|\d+[.)]|\|)\s", block))
        if is_list and merged and merged[-1].rstrip().endswith(":"):
            merged[-1] = merged[-1] + "\n" + block
        else:
            merged.append(block)
    return [plain(b).strip() for b in merged if plain(b).strip()]


def _is_answer_sentence(sentence: str) -> bool:
    # Rhetorical questions in the guidance ("Which offer wins?") are not answers; quoted
    # questions are examples ("How would you describe the culture?") and stay.
    rhetorical = sentence.endswith("?") and not sentence.startswith(('"', "“", "'"))
    # A piece starting in lower case is a fragment left by an odd split ("or 'Why ...?'").
    fragment = sentence[:1].islower()
    return word_count(sentence) >= 1 and not rhetorical and not fragment


def _trim_words(parts: list[str], limit: int, relevance: list[float]) -> str:
    """A long paragraph cut to about ``limit`` words: its first sentence, then its most
    relevant ones, kept in their original order."""
    if word_count(" ".join(parts)) <= limit * 1.2:
        return " ".join(parts)
    keep = {0}
    count = word_count(parts[0])
    for i in sorted(range(1, len(parts)), key=lambda i: relevance[i], reverse=True):
        n = word_count(parts[i])
        if count + n <= limit:
            keep.add(i)
            count += n
    return " ".join(parts[i] for i in sorted(keep))


def _citation(hit: SearchHit) -> Citation:
    return Citation(hit.chunk.article, hit.chunk.title, hit.chunk.section, hit.chunk.anchor)


ABBREVIATIONS_PATH = Path(__file__).parent / "data" / "abbreviations.toml"


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    with open(ABBREVIATIONS_PATH, "rb") as fh:
        return {k.lower(): v for k, v in tomllib.load(fh)["abbreviations"].items()}


def expand_abbreviations(question: str) -> str:
    """The question with the spelled-out form of SOAP shorthand added ("LUP" -> "LUP (List of
    Unfilled Programs)"), so retrieval matches guidance that spells terms out."""
    table = _abbreviations()

    def spell(match: re.Match[str]) -> str:
        word = match.group(0)
        full = table.get(word.lower())
        return f"{word} ({full})" if full else word

    return re.sub(r"\b[A-Za-z][A-Za-z0-9/-]*\b", spell, question)


def subquestions(question: str) -> list[str]:
    """The parts of a compound question ("how long ..., and how do I start ...?"), if any."""
    parts = [
        p.strip(" ,;")
        for p in re.split(
            r"\?(?!['\"’”])|(?:,\s*)?\b(?:and|or|also|plus)\b(?=\s+(?:how|what|when|where|why|which|who|is|are|can|do|does|should|will|would|could)\b)",
            question,
            flags=re.IGNORECASE,
        )
    ]
    parts = [p for p in parts if p and word_count(p) >= 4]
    return parts if len(parts) > 1 else []


_STOP = {
    "the",
    "a",
    "an",
    "and",
    "or",
    "to",
    "of",
    "in",
    "on",
    "for",
    "is",
    "are",
    "i",
    "my",
    "me",
    "can",
    "do",
    "does",
    "if",
    "it",
    "be",
    "what",
    "how",
    "should",
    "will",
    "with",
    "that",
    "this",
    "at",
    "you",
    "your",
    "am",
    "was",
    "were",
    "about",
    "from",
    "as",
    "by",
    "so",
    "just",
    "any",
}


def _terms(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 1}
