"""Text views and pattern detectors behind the rehearsal rubric (:mod:`bot.core.interview.rubric`).

The rubric judges spoken answers, so its patterns describe the *grammar* of each problem
(an agent plus a harmful verb for blame, a first-person identity judgement for
self-deprecation, a first-person action plus something concrete for growth ...) rather
than the wording of any example. The phrase lists and word lists themselves are data, in
``bot/core/interview/data/rubric_patterns.toml`` and ``rubric_words.toml`` (read by
:mod:`bot.core.interview.patterns`); this module binds them to the names the rubric uses.

Everything here works on a :class:`Doc`: the student's answer as given, plus a matching
view in which typographic apostrophes are straightened, invisible characters dropped and
fillers ("um", "like", "you know" ...) removed, with a map back to the original. Patterns
run on the view; every quote is cut from the original, so evidence is always an exact
substring of what the student wrote.

Generic helpers defined here (not in :mod:`bot.core.base.text` because only the rubric needs
them): :func:`build_view` (character-mapped normalisation), :meth:`Doc.clause` (the clause
around a match) and :func:`sentence_spans` (sentence boundaries with offsets).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from bot.core.interview import patterns

# ----------------------------------------------------------------------------------------
# The phrase lists and word lists are data: bot/core/interview/data/rubric_patterns.toml and
# rubric_words.toml, read once by bot.core.interview.patterns. The names below keep them
# importable from here; the comments on each list are in the data files.

# Contractions, typed with or without the apostrophe (answers are often typed on phones).
IM = patterns.macro("IM")
IVE = patterns.macro("IVE")
ID = patterns.macro("ID")
ILL = patterns.macro("ILL")
DIDNT = patterns.macro("DIDNT")
DONT = patterns.macro("DONT")
WASNT = patterns.macro("WASNT")
COULDNT = patterns.macro("COULDNT")
NUM = patterns.macro("NUM")
FIRST_PERSON = patterns.rx("FIRST_PERSON")
PATIENT = patterns.rx("PATIENT")
FAMILY = patterns.rx("FAMILY")

# ----------------------------------------------------------------------------------------
# Fillers. "like" and "you know" count only in their filler uses.
_FILLER_CANDIDATE = patterns.rx("_FILLER_CANDIDATE")
_ALWAYS_FILLER = patterns.rx("_ALWAYS_FILLER")
_WORD_RE = re.compile(r"[A-Za-z0-9']+")
_LIKE_REAL_BEFORE = patterns.words("_LIKE_REAL_BEFORE")
_LIKE_FILLER_BEFORE = patterns.words("_LIKE_FILLER_BEFORE")
_LIKE_FILLER_AFTER = patterns.words("_LIKE_FILLER_AFTER")
_NUMBER_WORDS = patterns.words("_NUMBER_WORDS")
_YOU_KNOW_REAL_BEFORE = patterns.words("_YOU_KNOW_REAL_BEFORE")
_YOU_KNOW_REAL_AFTER = patterns.words("_YOU_KNOW_REAL_AFTER")


def _last_word(text: str) -> str:
    found = _WORD_RE.findall(text[-40:])
    return found[-1].lower() if found else ""


def _first_word(text: str) -> str:
    m = _WORD_RE.search(text[:40])
    return m.group(0).lower() if m else ""


def count_fillers(text: str) -> list[tuple[int, int]]:
    """Spans of filler uses in ``text``: um, uh, er, hmm, basically, and "like" / "you know"
    only where they are fillers ("I, like, only applied", "was like really", "like three"),
    never "I would like to", "felt like", "programs like yours" or "you know how ...".
    """
    spans: list[tuple[int, int]] = []
    for m in _FILLER_CANDIDATE.finditer(text):
        word = m.group(0).lower()
        before, after = text[: m.start()], text[m.end() :]
        b, a = before.rstrip(), after.lstrip()
        comma_before = b.endswith(",")
        comma_after = a.startswith(",")
        sentence_start = not b or b[-1] in '.!?:;\n"('
        prev, nxt = _last_word(before), _first_word(after)
        if _ALWAYS_FILLER.fullmatch(word):
            spans.append((m.start(), m.end()))
            continue
        if word == "like":
            if comma_before and comma_after:
                filler = True
            elif prev in _LIKE_REAL_BEFORE:
                filler = False
            else:
                filler = (
                    (sentence_start and comma_after)
                    or (comma_after and prev in _LIKE_FILLER_BEFORE)
                    or (prev in _LIKE_FILLER_BEFORE and nxt in _LIKE_FILLER_AFTER)
                    or (comma_before and nxt in _LIKE_FILLER_AFTER)
                    or (nxt in _NUMBER_WORDS or nxt.isdigit())
                )
        else:  # you know
            if prev in _YOU_KNOW_REAL_BEFORE and not comma_after:
                filler = False
            else:
                filler = (
                    comma_after
                    or (a[:1] in (".", "?", "!", "…", "—", "-"))
                    or not a
                    or ((comma_before or sentence_start) and nxt not in _YOU_KNOW_REAL_AFTER)
                )
        if filler:
            spans.append((m.start(), m.end()))
    return spans


# ----------------------------------------------------------------------------------------
# Views: normalised text with a map to the original characters.

_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
_CHAR_MAP = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "–",
    "\u2014": "—",
    "\u00a0": " ",
    "\t": " ",
}


@dataclass(frozen=True)
class View:
    """``text`` with ``origin[i]`` = index in ``original`` of ``text[i]``."""

    original: str
    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        if not self.text:
            return 0, 0
        start = max(0, min(start, len(self.text) - 1))
        end = max(start + 1, min(end, len(self.text)))
        return self.origin[start], self.origin[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.original[a:b].strip()


def build_view(original: str) -> View:
    """Straighten quotes, drop invisible characters and CRs, NFKC each character."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(original):
        if _INVISIBLE.match(ch):
            continue
        if ch == "\r":
            if original[i + 1 : i + 2] == "\n":
                continue
            ch = "\n"
        ch = _CHAR_MAP.get(ch, ch)
        for c in unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch:
            chars.append(_CHAR_MAP.get(c, c))
            origin.append(i)
    return View(original, "".join(chars), tuple(origin))


def strip_spans(view: View, spans: Iterable[tuple[int, int]]) -> View:
    """A view of ``view`` with each span (and a comma right around it) removed."""
    text = view.text
    remove = [False] * len(text)
    for start, end in spans:
        s, e = start, end
        # take a comma directly before ("I, like, only") and one directly after
        j = s
        while j > 0 and text[j - 1] == " ":
            j -= 1
        if j > 0 and text[j - 1] == ",":
            s = j - 1
        k = e
        while k < len(text) and text[k] == " ":
            k += 1
        if k < len(text) and text[k] == ",":
            e = k + 1
        for i in range(s, e):
            remove[i] = True
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if remove[i]:
            if chars and chars[-1] != " ":
                chars.append(" ")
                origin.append(view.origin[i])
            continue
        if ch == " " and chars and chars[-1] == " ":
            continue
        chars.append(ch)
        origin.append(view.origin[i])
    # "So I" not "So  I"; "right ?" is harmless for matching
    return View(view.original, "".join(chars), tuple(origin))


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=\S)|\n+")


_ABBREVIATION_END = re.compile(
    r"(?:\b(?i:a\.m|p\.m|e\.g|i\.e|vs|etc|approx)\.|\b(?:Dr|Mr|Mrs|Ms|Prof|St|No|Jr|Sr|U\.S|"
    r"Ph\.D|M\.D|D\.O)\.|\b[A-Z]\.)$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence (or line) in ``text``, whitespace trimmed.

    A full stop after a common abbreviation ("Dr. Lee", "8 a.m.") does not end a sentence.
    """
    spans = []
    pos = 0
    for m in _SENTENCE_BREAK.finditer(text):
        if "\n" not in m.group(0) and _ABBREVIATION_END.search(text[pos : m.start()]):
            continue
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\-][A-Za-z0-9\u00C0-\u024F]+)*")
WORD = _WORD  # public: the rubric counts words in spans with it
_CLAUSE_BREAK = re.compile(r"[.!?;:\n—–,]|\s-\s|\(|\)")


@dataclass
class Hit:
    """A pattern match in the clean view: [start, end) with a weight and a label."""

    start: int
    end: int
    weight: float = 1.0
    label: str = ""


@dataclass
class Doc:
    """An answer prepared for the detectors."""

    original: str
    base: View = field(init=False)
    clean: View = field(init=False)
    filler_spans: list[tuple[int, int]] = field(init=False)

    def __post_init__(self) -> None:
        self.base = build_view(self.original)
        self.filler_spans = count_fillers(self.base.text)
        self.clean = strip_spans(self.base, self.filler_spans)
        if not _WORD.search(self.clean.text):  # nothing but fillers: judge the words as given
            self.clean = self.base
        if not self.clean.text.strip():
            self.clean = View(self.original, self.original, tuple(range(len(self.original))))

    @property
    def text(self) -> str:
        return self.clean.text

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentence_spans(self.text)

    @cached_property
    def word_starts(self) -> list[int]:
        return [m.start() for m in _WORD.finditer(self.text)]

    @property
    def n_words(self) -> int:
        return len(self.word_starts)

    def words_before(self, pos: int) -> int:
        import bisect

        return bisect.bisect_left(self.word_starts, pos)

    def sentence_index(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.sentences):
            if pos < e or i == len(self.sentences) - 1:
                if pos >= s or i == 0:
                    return i
                return max(0, i - 1)
        return 0

    def sentence_text(self, i: int) -> str:
        s, e = self.sentences[i]
        return self.text[s:e]

    def sentence_words(self, i: int) -> int:
        return len(_WORD.findall(self.sentence_text(i)))

    def find(self, pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        return pattern.finditer(self.text, start, len(self.text) if end is None else end)

    def before_in_sentence(self, pos: int, limit: int = 80) -> str:
        s, _ = self.sentences[self.sentence_index(pos)]
        return self.text[max(s, pos - limit) : pos]

    # ---- quoting -------------------------------------------------------------------
    def clause(self, start: int, end: int, max_words: int = 28) -> str:
        """The clause of the original answer around [start, end) of the clean view."""
        text = self.text
        s_idx = self.sentence_index(start)
        sent_s, sent_e = self.sentences[s_idx]
        left = sent_s
        for m in _CLAUSE_BREAK.finditer(text, sent_s, start):
            left = m.end()
        right = sent_e
        after = _CLAUSE_BREAK.search(text, end, sent_e)
        if after:
            right = after.start()
        right = max(right, end)
        # too short to read on its own: widen to the sentence
        if len(_WORD.findall(text[left:right])) < 4:
            left, right = min(sent_s, start), max(sent_e, end)
        span_words = list(_WORD.finditer(text, left, right))
        if len(span_words) > max_words:
            # keep the match and a few words either side
            inner = [w for w in span_words if w.end() > start and w.start() < end]
            first = span_words.index(inner[0]) if inner else 0
            last = span_words.index(inner[-1]) if inner else len(span_words) - 1
            pad = max(2, (max_words - (last - first + 1)) // 2)
            a = max(0, first - pad)
            b = min(len(span_words) - 1, last + pad)
            left, right = span_words[a].start(), max(span_words[b].end(), end)
        quote = self.clean.quote(left, right)
        return _trim_quote(quote)

    def sentence_quote(self, i: int, max_words: int = 30) -> str:
        s, e = self.sentences[i]
        return (
            self.clause(s, e, max_words=max_words)
            if self.sentence_words(i) > max_words
            else _trim_quote(self.clean.quote(s, e))
        )


def trim_quote(quote: str) -> str:
    """Strip spaces and dangling punctuation from the ends of a quote."""
    return _trim_quote(quote)


def _trim_quote(quote: str) -> str:
    quote = quote.strip()
    quote = re.sub(r"^[\s,;:—–\-]+", "", quote)
    quote = re.sub(r"[\s,;:—–\-]+$", "", quote)
    return quote


def hits(
    doc: Doc, pattern: re.Pattern[str], weight: float = 1.0, label: str = "", guard: re.Pattern[str] | None = None
) -> list[Hit]:
    """Matches of ``pattern``, skipping those preceded in their sentence by ``guard``."""
    out = []
    for m in doc.find(pattern):
        if m.end() == m.start():
            continue
        if guard is not None and guard.search(doc.before_in_sentence(m.start())):
            continue
        out.append(Hit(m.start(), m.end(), weight, label))
    return out


def first(hit_lists: Iterable[list[Hit]]) -> Hit | None:
    best = None
    for hl in hit_lists:
        for h in hl:
            if best is None or h.start < best.start:
                best = h
    return best


# ========================================================================================
# Pattern library (bot/core/interview/data/rubric_patterns.toml)
# ========================================================================================

# ---- causes a student can own (why didn't you match / red flags) -----------------------
CAUSE = patterns.rx("CAUSE")
REASON_FRAME = patterns.rx("REASON_FRAME")
REASON_BECAUSE = patterns.rx("REASON_BECAUSE")
MATCH_TOPIC = patterns.rx("MATCH_TOPIC")
OWNERSHIP = patterns.rx("OWNERSHIP")
OWNERSHIP_GUARD = patterns.rx("OWNERSHIP_GUARD")
VAGUE_CAUSE = patterns.rx("VAGUE_CAUSE")
DEFLECT = patterns.rx("DEFLECT")
FIRST_PERSON_PAST = patterns.rx("FIRST_PERSON_PAST")
SELF_SUBJECT = patterns.rx("SELF_SUBJECT")
WE_SUBJECT = patterns.rx("WE_SUBJECT")
AGENTLESS_PASSIVE = patterns.rx("AGENTLESS_PASSIVE")
OUTCOME = patterns.rx("OUTCOME")

# ---- blame -----------------------------------------------------------------------------
_AGENT = patterns.macro("_AGENT")
_HARM_STRONG = patterns.macro("_HARM_STRONG")
_HARM_WEAK = patterns.macro("_HARM_WEAK")
BLAME_STRONG = patterns.rx("BLAME_STRONG")
BLAME_WEAK = patterns.rx("BLAME_WEAK")
DENIAL = patterns.rx("DENIAL")
BLAME_GUARD = patterns.rx("BLAME_GUARD")
BLAME_OPINION_GUARD = patterns.rx("BLAME_OPINION_GUARD")

# ---- self-deprecation ------------------------------------------------------------------
SELF_DEP_STRONG = patterns.rx("SELF_DEP_STRONG")
SELF_DEP_MILD = patterns.rx("SELF_DEP_MILD")
SELF_DEP_GUARD = patterns.rx("SELF_DEP_GUARD")

# ---- oversharing -----------------------------------------------------------------------
HEALTH_DX = patterns.rx("HEALTH_DX")
HEALTH_TX = patterns.rx("HEALTH_TX")
ONGOING = patterns.rx("ONGOING")
DRAMA = patterns.rx("DRAMA")
FAMILY_CRISIS = patterns.rx("FAMILY_CRISIS")
FINANCE = patterns.rx("FINANCE")
CLINICAL_SETTING_NOUN = patterns.rx("CLINICAL_SETTING_NOUN")
#: A diagnosis or treatment word naming where the student worked or studied ("a cancer center", "the
#: stroke service", "depression screening calls", "the addiction consult service"): work, not a disclosure.
CLINICAL_SETTING = re.compile(
    rf"(?:{HEALTH_DX.pattern}|{HEALTH_TX.pattern})\s+(?:{CLINICAL_SETTING_NOUN.pattern})", patterns.FLAGS
)

# ---- dwelling on the outcome -----------------------------------------------------------
EMOTION = patterns.rx("EMOTION")
NARRATION = patterns.rx("NARRATION")

# ---- growth ----------------------------------------------------------------------------
CHANGE_MARKER = patterns.rx("CHANGE_MARKER")
_ACTION_PARTICIPLE = patterns.macro("_ACTION_PARTICIPLE")
_STATIVE = patterns.macro("_STATIVE")
PERFECT_ACTION = patterns.rx("PERFECT_ACTION")
SIMPLE_ACTION = patterns.rx("SIMPLE_ACTION")
PLAN = patterns.rx("PLAN")
INTENTION = patterns.rx("INTENTION")
NOT_STARTED = patterns.rx("NOT_STARTED")
STARTED = patterns.rx("STARTED")
THINKING_ONLY = patterns.rx("THINKING_ONLY")
APPLIED_ONLY = patterns.rx("APPLIED_ONLY")
BREADTH = patterns.rx("BREADTH")
CHANGE_PHRASE = patterns.rx("CHANGE_PHRASE")
HABIT = patterns.rx("HABIT")
CONCRETE = patterns.rx("CONCRETE")
LESSON = patterns.rx("LESSON")
VAGUE_GROWTH = patterns.rx("VAGUE_GROWTH")
NOT_CONCRETE_AFTER_VAGUE = patterns.rx("NOT_CONCRETE_AFTER_VAGUE")

# ---- ending / future focus -------------------------------------------------------------
FORWARD = patterns.rx("FORWARD")
BACKWARD_END = patterns.rx("BACKWARD_END")
LOOSE_FORWARD = patterns.rx("LOOSE_FORWARD")
GENERIC_FORWARD = patterns.rx("GENERIC_FORWARD")
GENERIC_ASPIRATION = patterns.rx("GENERIC_ASPIRATION")
WHEREVER = patterns.rx("WHEREVER")
PLEASANTRY = patterns.rx("PLEASANTRY")
BACKUP = patterns.rx("BACKUP")
BACKUP_REAPPLY = patterns.rx("BACKUP_REAPPLY")
_WILLING = patterns.macro("_WILLING")
DESPERATE = patterns.rx("DESPERATE")
_ACCEPT = patterns.macro("_ACCEPT")
PROMISE = patterns.rx("PROMISE")

# ---- negated or reported words (guards for fallbacks, desperation and promises) --------
_NOT = patterns.macro("_NOT")
NEGATED = patterns.rx("NEGATED")
REPORTED = patterns.rx("REPORTED")
NEGATED_OR_REPORTED = re.compile(patterns.join(NEGATED.pattern, REPORTED.pattern), patterns.FLAGS)
BACKUP_GUARD = NEGATED

# ---- fit to other question kinds -------------------------------------------------------
WEAKNESS_NAMED = patterns.rx("WEAKNESS_NAMED")
HUMBLEBRAG = patterns.rx("HUMBLEBRAG")
OWNED_ERROR = patterns.rx("OWNED_ERROR")
