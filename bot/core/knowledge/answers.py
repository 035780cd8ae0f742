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
from collections.abc import Awaitable, Callable, Container, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np

from bot.core.base import grounding, prompts, tokens
from bot.core.base.embeddings import Embedder
from bot.core.base.llm import ChatModel, LLMError
from bot.core.base.spelling import correct_typos, spell_checker
from bot.core.base.text import normalize
from bot.core.companion import (
    ASKS_CLOCK_TIME,
    applications_left_note,
    date_answer,
    hours_between_note,
    relative_day_note,
    stated_moment_note,
)
from bot.core.knowledge import scope
from bot.core.knowledge.articles import BUILTIN_SCOPE, Chunk
from bot.core.knowledge.compose import lead_text, pointer_text, section_key, see_also, supporting_paragraph
from bot.core.knowledge.glossary import ENGLISH_NOTE, read_in_english
from bot.core.knowledge.index import KnowledgeIndex, SearchHit
from bot.core.knowledge.questions import QuestionPart, asking_sentences, question_parts
from bot.core.knowledge.situations import situation_in
from bot.core.screen import CRISIS_REPLY, DistressScreen, ScreenResult

log = logging.getLogger(__name__)

#: A long post (the situation, then the question) fits; a pasted article does not.
MAX_QUESTION_CHARS = 2_000
RETRIEVE_K = 8
#: The best passage covers the question when its cosine similarity (to the passage or to one of
#: its section's ways-to-ask) reaches COVERED_SIMILARITY, or HEADING_PASSAGE_SIMILARITY with a
#: section heading (written as a student's question) at least HEADING_SIMILARITY close.
COVERED_SIMILARITY = 0.44
HEADING_PASSAGE_SIMILARITY = 0.38
HEADING_SIMILARITY = 0.55
#: Coverage is judged on the passages an answer can use: the first few.
COVER_FROM = 3
#: A passage this close covers the question even when it names something the guidance doesn't.
CLEAR_SIMILARITY = 0.5
#: Passages this far below the best one are not given to the LLM.
RELATIVE_CUTOFF = 0.15
#: The LLM reads at most this many passages (the best of each part of the question first).
LLM_PASSAGES = 6
DEFAULT_SOAP_YEAR = 2026

Mode = Literal["offline", "llm"]
DeltaCallback = Callable[[str], Awaitable[None]]


#: A question about when something happens ("When is Match Week in 2027?", "what time do offers
#: go out"): the calendar's dates are its answer.
_ASKS_WHEN = re.compile(
    r"\s*(?:(?:and|so|also|ok|okay|hi|hey)[,\s]+)?(?:when\b|what (?:date|day|days|time|times|week)\b|"
    r"which (?:date|day|days|week)\b|on what (?:date|day)\b|how (?:long|soon) (?:until|till|before)\b|"
    r"what (?:are|is|were|was) the (?:exact\s+)?(?:dates?|times?|schedule)\b|"
    r"(?:dates?|times?) (?:of|for)\b|"
    # a fragment: "Round 2 start time, Thursday?"
    r"(?:[\w'-]+\s+){0,4}?(?:start|starting|end|ending|opening|closing)\s+time\b|"
    # "Could you confirm the dates of ...", "can you tell me the start time of round 2"
    r"(?:could|can|would) you (?:please\s+)?(?:confirm|tell me|give me|share|list) (?:the\s+)?(?:exact\s+)?"
    r"(?:dates?|times?|start time|schedule)\b|"
    # "need exact SOAP 2026 start + end", "the dates for match week 2027 pls"
    r"(?:i\s+)?(?:need|want|looking for)\s+(?:the\s+)?(?:exact\s+)?(?:soap\s+|match week\s+)?(?:20[2-3]\d\s+)?"
    r"(?:dates?|times?|start|schedule)\b)",
    re.IGNORECASE,
)

#: An answer that already says contact waits for the program.
_STATES_THE_RULE = re.compile(
    r"\b(?:until|before|unless) (?:the|that|a|each|this) program (?:has )?(?:contact|reach|call|email)", re.IGNORECASE
)
_YEAR = re.compile(r"\b20[1-3]\d\b")
#: Where a short opening clause ends ("I'm in Denver, when is round 1?", "im in LA so when do ...").
_END_OF_SHORT_LEAD = re.compile(r"[,;:.!?]\s*|\s(?=(?:so|and|but)\s)")
_SHORT_LEAD_WORDS = 6
#: A question this short that names a day ("what happens tomorrow?") is asking about the day.
_DAY_ONLY_WORDS = 6


_LAST_QUESTION = re.compile(r"[^.!?\n]*\?\s*$")


def _asks_when_first(asked: str) -> bool:
    """Whether the question opens by asking when, perhaps after a short clause of context, or its
    closing question asks for a clock time."""
    if _ASKS_WHEN.match(asked):
        return True
    last = _LAST_QUESTION.search(asked)
    if last is not None and ASKS_CLOCK_TIME.search(last.group(0)):
        return True
    for end in _END_OF_SHORT_LEAD.finditer(asked):
        if len(asked[: end.start()].split()) > _SHORT_LEAD_WORDS:
            return False
        if _ASKS_WHEN.match(asked, end.end()):
            return True
    return False


#: A capitalised word that does not open a sentence: a name of a place, a person or a program.
_NAME_INSIDE_SENTENCE = re.compile(r"(?<![.?!:]\s)(?<=[ \t])[A-Z][a-z]{4,}\b")
#: A part that names its subject only by pointing back ("how long are they?", "what's the smart
#: way to handle this?"); "it is possible to ..." points nowhere.
_POINTS_BACK = re.compile(
    r"^(?!(?:is )?it(?: is|'s)? possible)(?=.*\b(?:it|they|them|this|that|those|these|"
    r"(?:the|that|this) (?:last|first|next|final|other|same) one)\b)",
    re.IGNORECASE,
)

PART_NOT_COVERED = (
    "The guidance doesn't cover this part, so I won't guess: check nrmp.org or ask your dean's office or advisor."
)


@dataclass(frozen=True)
class Found:
    """What retrieval found for one part of a question."""

    part: QuestionPart
    hits: list[SearchHit]
    vector: np.ndarray
    covered: bool


#: The built-in article written to deans and advisors, and what shows a question is asked as one.
ADVISOR_ARTICLE = "for-advisors"
_ASKS_AS_ADVISOR = re.compile(
    r"\b(?:my|our|a|the)\s+(?:\w+\s+)?(?:students?|advisees?|mentees?|cohort|class|graduates|applicants?|"
    r"fourth-?years?|MS-?4s?)\b|"
    r"\b(?:as|i am|i'm|we are|we're)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:dean|deans|advisors?|advisers?|mentors?|faculty|"
    r"student affairs|attending|attendings|preceptor|supervisor|clerkship director)\b|"
    r"\b(?:on behalf of|for)\s+(?:a|my|our)\s+student\b",
    re.IGNORECASE,
)
#: How much closer an advisors' section must be to lead a question asked by a student.
ADVISOR_MARGIN = 0.08


def covers(hits: Sequence[SearchHit], unknown_terms: bool = False) -> bool:
    """Whether the best passage is close enough to answer (else: "not covered", never a guess).

    ``unknown_terms``: the question names something the guidance never mentions ("refund"); a
    merely close passage then answers a neighbouring question, not this one.
    """
    if not hits:
        return False
    top = hits[:COVER_FROM]
    best = max(h.similarity for h in top)
    if unknown_terms and best < CLEAR_SIMILARITY:
        return False
    return best >= COVERED_SIMILARITY or (
        best >= HEADING_PASSAGE_SIMILARITY and max(h.heading for h in top) >= HEADING_SIMILARITY
    )


def _answered_sections(found: Sequence[Found]) -> set[str]:
    """The sections the covered parts of a question are answered from."""
    return {section_key(f.hits[0].chunk) for f in found if f.covered}


def _for_llm(found: Sequence[Found]) -> list[SearchHit]:
    """The passages an LLM reads: the best of each covered part first, then the others close to it."""
    firsts = [f.hits[0] for f in found if f.covered]
    rest = [h for f in found if f.covered for h in f.hits[1:] if h.similarity >= f.hits[0].similarity - RELATIVE_CUTOFF]
    out: list[SearchHit] = []
    for hit in firsts + rest:
        if all(hit.chunk.id != h.chunk.id for h in out):
            out.append(hit)
    return out[:LLM_PASSAGES]


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
    #: In AI mode: what the grounding check found in the model's text (counts only).
    checked: grounding.Report | None = None

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


@dataclass(frozen=True)
class Lead:
    """A direct answer that opens an AI reply: the curated answer of the section that answers
    one part of the question, as the offline answer would open with it."""

    part: str
    hit: SearchHit
    text: str


def leads_for(found: Sequence[Found]) -> list[Lead]:
    """The direct answers that fit the question: for each covered part, the curated answer of its
    best section (as offline, without a bare Yes/No when the match is loose); one per section."""
    out: list[Lead] = []
    seen: set[str] = set()
    for item in found:
        if not item.covered or not item.hits[0].chunk.answer:
            continue
        key = section_key(item.hits[0].chunk)
        if key not in seen:
            seen.add(key)
            out.append(Lead(item.part.text, item.hits[0], lead_text(item.hits[0])))
    return out


class Ungrounded(Exception):
    """Too much of the AI answer could not be checked against the guidance to show the rest."""

    def __init__(self, report: grounding.Report) -> None:
        super().__init__(report.summary)
        self.report = report


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
        llm: ChatModel | None = None,
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
        # A question in one of the glossary's languages (see glossary.py) is searched in English words.
        reading = read_in_english(question)
        answer = await self._answer(
            reading.english if reading else question,
            scopes,
            llm,
            llm_unavailable,
            on_delta,
            soap_year,
            today,
            now,
            calendar_overrides,
        )
        if reading is not None:
            answer.text = f"{ENGLISH_NOTE}\n\n{answer.text}"
        if care is not None and care.needs_care:
            answer.care = care.reply
        return answer

    async def _answer(
        self,
        question: str,
        scopes: Sequence[str],
        llm: ChatModel | None,
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

        parts = question_parts(question)
        found = await asyncio.to_thread(self._retrieve, parts, tuple(scopes), question)

        if screen.kind in ("prediction", "unreleased-list", "personal-legal", "program-facts"):
            # After declining a prediction or legal advice, the guidance on the topic still helps.
            covered_parts = [f for f in found if f.covered] if screen.kind != "program-facts" else []
            answer = self._compose(covered_parts) if covered_parts else None
            text = {
                "prediction": scope.PREDICTION_REPLY,
                "unreleased-list": scope.UNRELEASED_LIST_REPLY,
                "personal-legal": scope.PERSONAL_LEGAL_REPLY,
                "program-facts": scope.PROGRAM_FACTS_REPLY,
            }[screen.kind]
            if answer:
                text += "\n\n" + answer.text
            return Answer(text, answer.citations if answer else [], kind=screen.kind)
        asked = " ".join(part.text for part in parts)
        # Dates come from the calendar for the year asked about (estimated until NRMP publishes it);
        # "today"/"tomorrow" in what is asked (not in the story around it): where Match Week stands.
        dates = date_answer(asked, now, calendar_overrides, context=question)
        covered = any(f.covered for f in found)
        day_note = dates or relative_day_note(asked, now, calendar_overrides, near_match_week_only=covered)
        # The calendar leads only when the question is about when something happens; otherwise
        # the direct answer leads and the calendar follows it.
        calendar_leads = bool(dates) and _asks_when_first(asked)
        # "Thursday 17:30 ET. Which round is running right now?": where the week stands at the
        # moment the question names leads, before the rest of the calendar.
        moment = stated_moment_note(question, now, calendar_overrides)
        if moment:
            day_note = f"{moment}\n\n{dates}" if dates else moment
            calendar_leads = True
        # "sent 31 apps monday, how many more?", "LUP to first offers, hours?": the number worked out leads.
        computed = applications_left_note(question) or hours_between_note(question, now, calendar_overrides)
        if computed:
            day_note = f"{computed}\n\n{day_note}" if day_note else computed
            calendar_leads = True
        if not covered:
            # A request about contacting programs always gets the rule, whatever else it asked ("I was
            # planning to phone him tonight ... any reason I shouldn't?" gets the calendar and the rule).
            rule = "\n\n" + scope.COLD_CONTACT_NOTE if screen.mentions_contacting_programs else ""
            # "tomorrow I have my pharmacology exam": a day named in a longer question that is not about
            # SOAP or Match Week gets the scope reply, not the calendar ("what happens tomorrow?" does).
            if day_note and (dates or scope.is_soap_related(question) or len(question.split()) <= _DAY_ONLY_WORDS):
                return Answer(day_note + rule, kind="calendar")
            if scope.is_soap_related(question):
                return Answer(scope.NOT_COVERED_REPLY + rule, kind="not-covered")
            return Answer(scope.OFF_TOPIC_REPLY + rule, kind="out-of-scope")

        if calendar_leads and len(found) > 1:
            # "when does round 1 start and when does SOAP close?": the calendar answers the parts
            # that ask when; one that no section covers is not "not covered" as well.
            found = [f for f in found if f.covered or date_answer(f.part.text, now, calendar_overrides) is None]
        notice = fallback_notice(llm_unavailable) if llm_unavailable else None
        answer = None
        checked: grounding.Report | None = None
        if llm is not None:
            try:
                answer = await self._generate(
                    question, _for_llm(found), llm, on_delta, soap_year, today, leads_for(found)
                )
            except LLMError as exc:
                notice = fallback_notice(exc)
            except Ungrounded as exc:
                notice, checked = grounding.FALLBACK_NOTE, exc.report
        if answer is None:
            answer = self._compose(found)
            answer.notice = notice
            answer.checked = checked
        if screen.mentions_contacting_programs and not _STATES_THE_RULE.search(answer.text):
            # A request about contacting programs always gets the rule, whatever else it asked.
            answer.text += "\n\n" + scope.COLD_CONTACT_NOTE
        if day_note:
            answer.text = f"{day_note}\n\n{answer.text}" if calendar_leads else f"{answer.text}\n\n{day_note}"
        return answer

    def _retrieve(self, parts: Sequence[QuestionPart], scopes: tuple[str, ...], message: str = "") -> list[Found]:
        """Search for every part of the question (blocking: run it in a thread). Only the parts'
        queries are embedded here; everything else was embedded at index time. A message that
        asks one thing is read whole for a situation that changes the rule ("SOAP concluded
        Thursday night" three sentences before the question)."""
        queries = [self._search_form(part.query) for part in parts]
        vectors = self.embedder.embed(queries) if queries else []
        found = []
        for part, query, vector in zip(parts, queries, vectors, strict=True):
            hits = self.index.search(query, RETRIEVE_K, scopes, vector=vector)
            situation_text = message if len(parts) == 1 and message else part.query
            # Only what it asks names the topic, not the story or the feelings told around it ("it's
            # 9:40 and i'm frozen. do i have to decide right now??").
            asked = asking_sentences(part.text)
            unknown = self._unknown_terms(asked)
            hits, covered = self._rerank(part.query, hits, unknown, situation_text)
            found.append(Found(part, hits, np.asarray(vector, dtype=np.float32), covered))
        return self._read_follow_ups(found, scopes)

    def _read_follow_ups(self, found: list[Found], scopes: tuple[str, ...]) -> list[Found]:
        """A part nothing answers on its own is read once more after the part before it ("are
        soap interviews in person?? how long are they?"); when that finds the section the earlier
        part is answered from, the part keeps those hits (still not covered), so the answer does
        not call it "not covered" (``_compose``)."""
        answered = _answered_sections(found)
        out = list(found)
        for i, item in enumerate(found):
            if item.covered or i == 0 or not answered or not _POINTS_BACK.search(item.part.text):
                continue
            query = self._search_form(f"{found[i - 1].part.text} {item.part.query}")
            hits = self.index.search(query, RETRIEVE_K, scopes, vector=self.embedder.embed([query])[0])
            if hits and covers(hits) and section_key(hits[0].chunk) in answered:
                out[i] = Found(item.part, hits, item.vector, False)
        return out

    def _search_form(self, text: str) -> str:
        """``text`` as it is searched: clear typos fixed, then SOAP shorthand spelled out."""
        return expand_abbreviations(correct_typos(text, _KnownWords(self.index.vocabulary)))

    def _unknown_terms(self, asked: str) -> bool:
        """Whether what is asked has a real English word of five letters or more that no passage
        uses ("refund"). Only the asking sentences are read, not the story around them, and a name
        (a capitalised word inside a sentence: "Florida", "Priya") is not a topic."""
        vocabulary = self.index.vocabulary
        asked = _NAME_INSIDE_SENTENCE.sub(" ", self._search_form(asked))
        words = {w for w in re.findall(r"[a-z]{5,}", asked.lower()) if w not in vocabulary}
        if not words:
            return False
        checker = spell_checker()
        return any(w in checker and w.rstrip("s") not in vocabulary for w in words)

    def _rerank(
        self, query: str, hits: list[SearchHit], unknown_terms: bool = False, situation_text: str = ""
    ) -> tuple[list[SearchHit], bool]:
        """Put first the section a situation or a year in the question calls for; (hits, covered).

        - A situation that changes the rule (a program never applied to, SOAP over, ...) puts its
          section first, even when retrieval ranked it lower or missed it.
        - A question about one year ("in 2013") is answered from the section about that year;
          when no section is about it but the best one is about another year, it is not covered.
        """
        covered = covers(hits, unknown_terms)
        text = situation_text or query
        # read as written and with typos corrected ("accpeted", "never aplied")
        situation = situation_in(text) or situation_in(correct_typos(text, _KnownWords(self.index.vocabulary)))
        if situation is not None:
            chunk = self.index.section_chunk(situation.article, situation.anchor)
            if chunk is not None:
                best = max((h.similarity for h in hits), default=0.0)
                mine = next((h for h in hits if h.chunk.id == chunk.id), None)
                lead = SearchHit(
                    chunk,
                    hits[0].score if hits else 1.0,
                    max(best, mine.similarity if mine else 0.0),
                    mine.bm25 if mine else 0.0,
                    mine.heading if mine else 0.0,
                    max(best, mine.ask if mine else 0.0),
                )
                return [lead, *[h for h in hits if h.chunk.id != chunk.id]], True
        if hits and hits[0].chunk.article == ADVISOR_ARTICLE and not _ASKS_AS_ADVISOR.search(text):
            # "PD called me first, can I reply?": a student asking about themselves is answered from
            # the students' sections before the one written to their deans and advisors.
            own = next((h for h in hits if h.chunk.article != ADVISOR_ARTICLE), None)
            if own is not None and own.similarity >= hits[0].similarity - ADVISOR_MARGIN:
                hits = [own, *[h for h in hits if h is not own]]
        years = set(_YEAR.findall(query))
        if years and hits:
            about = [h for h in hits if years & set(_YEAR.findall(h.chunk.section))]
            if about:
                hits = about + [h for h in hits if h not in about]
            elif _YEAR.search(hits[0].chunk.section):
                covered = False
        return hits, covered

    # ----- LLM mode --------------------------------------------------------------------------

    def pack(
        self,
        question: str,
        hits: Sequence[SearchHit],
        soap_year: int,
        today: dt.date,
        budget: int | None = None,
        leads: Sequence[Lead] = (),
    ) -> tuple[list[dict[str, str]], list[SearchHit]]:
        """Render the ask prompt with as many passages as fit the token budget (at least one);
        the direct answers shown first (``leads``) go first in the prompt."""
        budget = budget or self.prompt_token_budget  # smaller when the LLM server's context is
        chosen: list[SearchHit] = []
        messages: list[dict[str, str]] = []
        for hit in hits:
            candidate = [*chosen, hit]
            rendered = self._render(question, candidate, soap_year, today, leads)
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
            messages = self._render(question, chosen, soap_year, today, leads)
        return messages, chosen

    @staticmethod
    def _render(
        question: str, hits: Sequence[SearchHit], soap_year: int, today: dt.date, leads: Sequence[Lead] = ()
    ) -> list[dict[str, str]]:
        passages = "\n\n".join(
            f"[{i}] {h.chunk.title} — {h.chunk.section}\n" + prompts.delimit(h.chunk.text, "passage")
            for i, h in enumerate(hits, 1)
        )
        numbers = {section_key(h.chunk): i for i, h in enumerate(hits, 1)}
        answers = "\n".join(
            (f"[{numbers[key]}] " if (key := section_key(lead.hit.chunk)) in numbers else "") + lead.text
            for lead in leads
        )
        return prompts.render(
            "ask",
            passages=passages,
            direct_answers=prompts.delimit(answers, "answer") if answers else "(none for this question)",
            question=prompts.delimit(question, "question"),
            soap_year=soap_year,
            today=today.isoformat(),
        )

    async def _generate(
        self,
        question: str,
        hits: Sequence[SearchHit],
        llm: ChatModel,
        on_delta: DeltaCallback | None,
        soap_year: int,
        today: dt.date | None,
        leads: Sequence[Lead] = (),
    ) -> Answer:
        """The AI answer: the direct answers that fit the question first, verbatim and labelled,
        then the model's explanation, of which only what the guidance supports is kept (see
        :mod:`bot.core.base.grounding`). Raises :class:`Ungrounded` when too little is left."""
        day = today or dt.date.today()
        messages, chosen = self.pack(question, hits, soap_year, day, leads=leads)

        def refit(budget: int) -> list[dict[str, str]]:  # the LLM server's context is smaller: fewer passages
            nonlocal messages, chosen
            messages, chosen = self.pack(question, hits, soap_year, day, budget, leads)
            return messages

        citations = [_citation(lead.hit) for lead in leads]
        citations = [c for i, c in enumerate(citations) if c not in citations[:i]]
        opening = _lead_block(leads, citations)
        log.debug(
            "ask prompt tokens=%d passages=%d leads=%d", tokens.count_message_tokens(messages), len(chosen), len(leads)
        )
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
                await on_delta(f"{opening}\n\n{text}" if opening else text)
        text = text.strip()
        if prompts.echoes_instructions(text, messages):
            raise LLMError("echo")
        # A few tens of milliseconds of regular expressions: off the event loop.
        result = await asyncio.to_thread(lambda: grounding.check(text, self._grounds(chosen, leads, messages)))
        report = result.report
        log.info(
            "ask grounding %s fallback=%s", report.summary, "yes" if result.too_little() else "no"
        )  # counts only, never text
        if result.too_little():
            raise Ungrounded(report)
        text = result.text
        cited = sorted({int(n) for n in re.findall(r"\[(\d+)\]", text) if 1 <= int(n) <= len(chosen)})
        numbers = cited or ([] if leads else list(range(1, min(len(chosen), 2) + 1)))
        # Renumber so citations read [1], [2], ... in order (the direct answers' sections first);
        # passages of one section share a number.
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
        answer = Answer("\n\n".join(t for t in (opening, text) if t), citations, mode="llm", checked=report)
        if report.dropped:
            answer.notice = grounding.DROPPED_NOTE
        return answer

    @staticmethod
    def _grounds(
        chosen: Sequence[SearchHit], leads: Sequence[Lead], messages: Sequence[dict[str, str]]
    ) -> grounding.Grounds:
        """What the model was given: the passages (each with its section's direct answer), the
        direct answers shown first, the prompt's own facts (year, today) and its rule."""
        system = [m["content"] for m in messages if m.get("role") == "system"]
        sections = {section_key(h.chunk): h.chunk for h in [*(lead.hit for lead in leads), *chosen]}
        return grounding.Grounds(
            facts=[*(h.chunk.passage for h in chosen), *(lead.text for lead in leads), *system],
            rules=[*(grounding.Rule(c.lead, c.section) for c in sections.values()), *system],
            leads=[lead.text for lead in leads] if leads else None,
        )

    # ----- offline mode ----------------------------------------------------------------------

    def _compose(self, found: Sequence[Found]) -> Answer:
        """For each part: the direct answer of the section that answers it, at most one supporting
        paragraph of that section, then "See also" at most two other sections. Parts answered by
        the same section are answered once."""
        citations: list[Citation] = []

        def cite(chunk: Chunk) -> int:
            citation = Citation(chunk.article, chunk.title, chunk.section, chunk.anchor)
            if citation not in citations:
                citations.append(citation)
            return citations.index(citation) + 1

        # Each block: the parts it answers (their questions head it) and its text.
        blocks: list[tuple[list[str], str]] = []
        block_of: dict[str, int] = {}
        used: set[str] = set()
        also: list[Chunk] = []
        several = len(found) > 1
        answered = _answered_sections(found)
        for item in found:
            if not item.covered:
                # A follow-up that points back ("...are they in person?? how long are they?") and
                # whose nearest section answers another part is answered there; any other part
                # ("can you help me word a goodbye note to my lab?", or a year the guidance has no
                # figures for) is said to be not covered.
                nearest = section_key(item.hits[0].chunk) if item.hits else ""
                follow_up = bool(_POINTS_BACK.search(item.part.text)) and not _YEAR.search(item.part.text)
                if follow_up and nearest in block_of:
                    blocks[block_of[nearest]][0].append(item.part.text)
                elif several and not (follow_up and nearest in answered):
                    blocks.append(([item.part.text], PART_NOT_COVERED))
                continue
            best = item.hits[0]
            key = section_key(best.chunk)
            if key in used:
                # Another part was answered from this section. A section this part matches more
                # closely (by meaning) among its next few hits answers it instead; otherwise the
                # answer above heads with this part's question too.
                closer = [
                    h for h in item.hits[1:4] if section_key(h.chunk) not in used and h.similarity > best.similarity
                ]
                if not closer:
                    blocks[block_of[key]][0].append(item.part.text)
                    continue
                best = closer[0]
                key = section_key(best.chunk)
            used.add(key)
            lead = lead_text(best)
            texts, vectors = self.index.paragraph_vectors(best.chunk)
            support = supporting_paragraph(texts, vectors, item.vector, lead)
            n = cite(best.chunk)
            block_of[key] = len(blocks)
            blocks.append(([item.part.text], f"{lead} [{n}]" + (f"\n\n{support} [{n}]" if support else "")))
            also += [c for c in see_also(item.hits, used, best.similarity) if c not in also]
        if not blocks:
            return Answer(scope.NOT_COVERED_REPLY, kind="not-covered")
        shown = [f"**{_joined(questions)}**\n{text}" if several else text for questions, text in blocks]
        pointers = [c for c in also if section_key(c) not in used][: 1 if several else 2]
        if pointers:
            shown.append("**See also**\n" + "\n".join(f"- {pointer_text(c)} [{cite(c)}]" for c in pointers))
        return Answer("\n\n".join(shown), citations, mode="offline")


def _joined(questions: Sequence[str]) -> str:
    """Several questions heading one answer, each ending as a question ("How long should it be?
    What should it include?"), not run together."""
    if len(questions) == 1:
        return questions[0]
    return " ".join(q if q.rstrip().endswith(("?", "!", ".")) else f"{q.rstrip()}?" for q in questions)


def _citation(hit: SearchHit) -> Citation:
    return Citation(hit.chunk.article, hit.chunk.title, hit.chunk.section, hit.chunk.anchor)


def _lead_block(leads: Sequence[Lead], citations: Sequence[Citation]) -> str:
    """The direct answers that open an AI reply, labelled, each citing its section."""
    if not leads:
        return ""

    def cited(lead: Lead) -> str:
        return f"{lead.text} [{citations.index(_citation(lead.hit)) + 1}]"

    if len(leads) == 1:
        return f"**Direct answer** (from the guidance): {cited(leads[0])}"
    lines = "\n".join(f"- **{lead.part}** {cited(lead)}" for lead in leads)
    return f"**Direct answers** (from the guidance):\n{lines}"


ABBREVIATIONS_PATH = Path(__file__).parent / "data" / "abbreviations.toml"


@dataclass(frozen=True)
class _Shorthand:
    table: dict[str, str]  # lowercase key -> spelled out
    ambiguous: frozenset[str]  # keys also an everyday word in lowercase ("im")
    words_before: frozenset[str]  # ... spelled out in lowercase only after one of these
    words_after: frozenset[str]  # ... or before one of these


@lru_cache(maxsize=1)
def _abbreviations() -> _Shorthand:
    with open(ABBREVIATIONS_PATH, "rb") as fh:
        data = tomllib.load(fh)
    ambiguous = data["ambiguous"]
    return _Shorthand(
        {k.lower(): v for k, v in data["abbreviations"].items()},
        frozenset(k.lower() for k in ambiguous["keys"]),
        frozenset(ambiguous["words_before"]),
        frozenset(ambiguous["words_after"]),
    )


class _KnownWords:
    """Words a typo fix leaves alone: the guidance's own words and SOAP shorthand ("progs" is
    programs, not "frogs")."""

    def __init__(self, vocabulary: Container[str]) -> None:
        self.vocabulary = vocabulary

    def __contains__(self, word: object) -> bool:
        return word in self.vocabulary or word in _abbreviations().table


def expand_abbreviations(question: str) -> str:
    """The question with the spelled-out form of SOAP shorthand added ("LUP" -> "LUP (List of
    Unfilled Programs)"), so retrieval matches guidance that spells terms out."""
    shorthand = _abbreviations()

    def spell(match: re.Match[str]) -> str:
        word = match.group(0)
        full = shorthand.table.get(word.lower())
        if full and word.lower() in shorthand.ambiguous and word != word.upper():
            # "im unmatched" is "I'm"; "applying im and fm" is internal medicine
            before = re.findall(r"[\w/]+", question[: match.start()])[-1:]
            after = re.findall(r"[\w/]+", question[match.end() :])[:1]
            if not (
                (before and before[0].lower() in shorthand.words_before)
                or (after and after[0].lower() in shorthand.words_after)
            ):
                return word
        return f"{word} ({full})" if full else word

    return re.sub(r"\b[A-Za-z][A-Za-z0-9/-]*\b", spell, question)
