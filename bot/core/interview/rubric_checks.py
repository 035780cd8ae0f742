"""Text views and pattern detectors behind the rehearsal rubric (:mod:`bot.core.interview.rubric`).

The rubric judges spoken answers, so its patterns describe the *grammar* of each problem
(an agent plus a harmful verb for blame, a first-person identity judgement for
self-deprecation, a first-person action plus something concrete for growth ...) rather
than the wording of any example.

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

_I = re.IGNORECASE


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), _I)


# ----------------------------------------------------------------------------------------
# Contractions, typed with or without the apostrophe (answers are often typed on phones).
IM = r"I(?:'?m| am)"
IVE = r"I(?:'?ve| have)"
ID = r"I(?:'?d| would)"
ILL = r"I(?:'ll| will)"
DIDNT = r"(?:didn'?t|did not)"
DONT = r"(?:don'?t|do not)"
WASNT = r"(?:wasn'?t|was not)"
COULDNT = r"(?:couldn'?t|could not)"
NUM = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|a few|a handful of|a couple of|several)(?:[- ]\w+)?"
)
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|myself|mine|we|our|us)\b", _I)
PATIENT = re.compile(
    r"\b(?:patients?|pt|a (?:woman|man|boy|girl|child|teen|teenager|veteran)|(?:his|her|their) "
    r"(?:family|mother|father|daughter|son|wife|husband))\b",
    _I,
)
FAMILY = re.compile(
    r"\b(?:mom|mum|mother|dad|father|parents?|brother|sister|siblings?|husband|wife|spouse|"
    r"partner|boyfriend|girlfriend|fianc[ée]e?|son|daughter|children|kids?|baby|grand(?:ma|pa|"
    r"mother|father|parents?)|aunt|uncle|cousin|family|in-laws?)\b",
    _I,
)

# ----------------------------------------------------------------------------------------
# Fillers. "like" and "you know" count only in their filler uses.
_FILLER_CANDIDATE = re.compile(r"\b(?:u+m+|u+h+m*|e+r+m+|e+r+|h+m+|m+h*m+|basically|like|you know)\b", _I)
_ALWAYS_FILLER = re.compile(r"(?:u+m+|u+h+m*|e+r+m+|e+r+|h+m+|m+h*m+|basically)", _I)
_WORD_RE = re.compile(r"[A-Za-z0-9']+")
# "I would like", "felt like", "just like", "programs like yours" ... are not fillers.
_LIKE_REAL_BEFORE = frozenset(
    [
        "would",
        "'d",
        "d",
        "i'd",
        "we'd",
        "you'd",
        "they'd",
        "feel",
        "feels",
        "felt",
        "feeling",
        "seem",
        "seems",
        "seemed",
        "look",
        "looks",
        "looked",
        "sound",
        "sounds",
        "sounded",
        "just",
        "things",
        "something",
        "anything",
        "nothing",
        "more",
        "less",
        "much",
        "not",
        "don't",
        "didn't",
        "doesn't",
        "dont",
        "didnt",
        "really",
        "also",
        "i",
        "you",
        "we",
        "they",
        "people",
        "programs",
        "program",
        "specialty",
        "specialties",
        "fields",
        "field",
        "places",
        "place",
        "students",
        "doctors",
        "would've",
        "exactly",
        "a",
        "very",
        "most",
    ]
)
_LIKE_FILLER_BEFORE = frozenset(
    ["and", "so", "but", "um", "uh", "was", "were", "it's", "its", "is", "are", "i'm", "im", "be", "been"]
)
_LIKE_FILLER_AFTER = frozenset(
    [
        "i",
        "we",
        "he",
        "she",
        "they",
        "you",
        "really",
        "so",
        "totally",
        "very",
        "literally",
        "just",
        "super",
        "um",
        "uh",
        "every",
        "all",
        "actually",
        "honestly",
        "maybe",
        "seriously",
        "kind",
        "sort",
    ]
)
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "hundred",
        "half",
    ]
)
_YOU_KNOW_REAL_BEFORE = frozenset(
    ["do", "did", "if", "as", "don't", "didn't", "what", "would", "i", "you'll", "whether"]
)
_YOU_KNOW_REAL_AFTER = frozenset(
    [
        "what",
        "how",
        "that",
        "why",
        "where",
        "when",
        "who",
        "if",
        "the",
        "about",
        "him",
        "her",
        "them",
        "it",
        "this",
        "me",
        "whether",
    ]
)


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
# Pattern library
# ========================================================================================

# ---- causes a student can own (why didn't you match / red flags) ------------------------
CAUSE = _rx(
    # breadth and strategy of the application
    r"\b(?:appl(?:y|ied|ying)|submitted|sent)\b(?:[ \t]+(?!and\b|but\b|so\b|then\b)[\w'-]+){0,5}?[ \t]+"
    r"(?:too (?:few|narrow(?:ly)?|"
    r"selectively|late|top-heavy)|only|mostly|almost (?:only|exclusively|entirely)|exclusively|"
    r"primarily|predominantly|just|narrowly|so few|not enough|fewer|too many (?:reach|academic|"
    r"university|competitive))\b",
    r"\b(?:too few|not enough|only a (?:few|handful of|couple of)|a (?:small|limited) number of|"
    r"so few) (?:\w+ )?(?:programs|applications|interviews?|interview invit\w*|places|backup|"
    r"community programs)\b",
    r"\b(?:narrow|short|small|top-heavy|unbalanced|unrealistic|ambitious|limited|thin|"
    r"reach-heavy) (?:program |application |rank |match |SOAP )?(?:list|strategy|search)\b",
    r"\b(?:list|strategy)\b(?:\W+\w+){0,2}?\W+(?:was|were|is) (?:too|far too|very|not|way too) "
    r"(?:narrow|short|small|ambitious|top-heavy|broad|realistic|diverse)\b",
    rf"\b{DIDNT} (?:apply|rank|look)\b(?:\W+\w+){{0,3}}?\W+(?:broadly|widely|enough|more|"
    r"community|backup|outside)\b",
    r"\b(?:geographic(?:al(?:ly)?)?|one (?:city|region|state|area|part of the country)|close to "
    r"(?:home|family)|(?:limited|restricted) (?:myself|my (?:search|list|applications?)))\b",
    rf"\b(?:no|without a|{DIDNT} have (?:a|any)|never had a|lacked a) (?:real |solid )?"
    r"(?:back-?up|parallel|safety|fallback)\b",
    rf"\b{DIDNT} (?:dual[- ]apply|apply to a (?:back-?up|second) specialty)\b",
    # competitiveness and scores
    r"\b(?:competitive|very competitive|highly competitive|most competitive) (?:specialty|"
    r"specialties|field|programs?|year|cycle)\b",
    r"\b(?:how|too|very|extremely|highly) competitive\b",
    r"\b(?:my|low|lower|borderline|below[- ]average|weak|modest|mediocre|average|marginal) "
    r"(?:Step|USMLE|COMLEX|Level|board|exam|test|shelf)(?: ?(?:1|2|3|one|two|2 ?CK|CK|PE|I|II))?"
    r" ?(?:scores?|results?|numbers|performance)\b",
    r"\b(?:scores?|numbers)\b(?:\W+\w+){0,3}?\W+(?:were|was|are|weren'?t|wasn'?t) (?:\w+ )?"
    r"(?:low|borderline|below|competitive|strong enough|high enough|under|on the lower|weak)\b",
    r"\b(?:fail(?:ed|ure|ing)?|didn'?t pass|did not pass|retook|retake|re-?took|repeated|second "
    r"attempt|two attempts|first attempt)\b(?:\W+\w+){0,4}?\W+(?:Step|USMLE|COMLEX|Level|boards?|"
    r"shelf|exam|CK)\b",
    r"\b(?:Step|USMLE|COMLEX|Level|board)\s*(?:1|2|3|one|two|2 ?CK|CK|I|II)?\s*(?:failure|fail|"
    r"attempt|retake)\b",
    r"\b(?:only took|didn'?t take|did not take|never took|without(?: taking)?)(?: the)? "
    r"(?:USMLE|COMLEX|Step)\b",
    # timing
    r"\b(?:appl(?:y|ied|ication|ications)|submitted|submission|ERAS)\b(?:\W+\w+){0,6}?\W+"
    r"(?:late|behind|after (?:the )?(?:deadline|opening|most))\b",
    r"\bI (?:took|needed|requested|chose to take|had to take) (?:a |an |some |two |three |six )?(?:\w+ )?"
    r"(?:year|semester|months?|time|leave|break)(?: off| away)?\b",
    r"\blate (?:application|submission|start|decision|switch|change|in the (?:season|cycle))\b",
    r"\b(?:decided|switched|changed specialt\w*|committed)\b(?:\W+\w+){0,5}?\W+(?:late|too late)\b",
    r"\bwaited too long\b",
    # interviews
    r"\binterview(?:ing)? (?:skills|performance|technique|style|answers|preparation|prep)\b",
    r"\b(?:interviewed|interview) (?:poorly|badly|weakly|stiffly|nervously|terribly)\b",
    rf"\b(?:{DIDNT}|never) (?:interview(?:ed)?|present(?:ed)? myself|come across|came across) "
    r"(?:well|as)\b",
    r"\b(?:memorized|rehearsed|scripted|canned|generic|stiff|robotic) (?:answers|responses|"
    r"interviews?)\b",
    r"\b(?:few|limited|not many|not enough|handful of) interview(?:s| invit\w*| offers)\b",
    # experience and documents
    r"\b(?:lack(?:ed|ing)? (?:of |any )?|no |without |limited |not enough |little |few |weak |"
    r"generic |thin |missing |late )(?:US |U\.S\. |American |recent |specialty[- ]specific |"
    r"strong |hands-on )?(?:clinical experience|USCE|letters?(?: of recommendation)?|LoRs?|"
    r"recommendation letters|research|publications|away rotations?|audition rotations?|"
    r"sub-?internships?|sub-?Is?|mentorship|mentors?|advising|connections|home program)\b",
    rf"\b(?:{DIDNT}|never|{COULDNT}|was unable to|wasn'?t able to)\b(?:\W+\w+){{0,4}}?\W+"
    r"(?:away|audition|sub-?i\w*|rotations?|letters?|research|USCE|clinical experience|advice|"
    r"feedback|help|requirements)\b",
    r"\bpersonal statement\b",
    # red flags
    r"\b(?:gap year|gap in (?:my )?(?:training|education|CV|application|timeline)|(?:year|"
    r"month)-?long gap|leave of absence|medical leave|personal leave|LOA|repeated (?:a |my |"
    r"third |second |first )?(?:year|clerkship|course|rotation)|remediat\w*|professionalism|"
    r"probation|graduat\w* (?:in \d{4}|\w+ years ago|years ago|a while ago|some time ago)|year "
    r"of graduation|time since graduation|older graduate|visa (?:status|sponsorship|"
    r"requirements?|needs)|need(?:ed)? (?:a )?visa|couples?[- ]match\w*|(?:my|wasted|misused|"
    r"used) (?:program |preference )?signals)\b",
    # first-person misjudgements
    r"\bI (?:also |probably |really |just )?(?:underestimated|overestimated|misjudged|overrated|"
    r"assumed|relied|procrastinated|overcommitted|overextended|ignored|neglected|put off|delayed|"
    r"chose not|was overconfident|was complacent|was naive|was naïve|was unrealistic|wasn'?t "
    r"realistic|was not realistic|wasn'?t strategic|was not strategic|focused too|put all my eggs)\b",
    rf"\bI {DIDNT} (?:really |even |actually |fully |properly )?(?:seek|ask|listen|look|research|"
    r"check|prepare|practi[cs]e|start|get feedback|"
    r"take (?:it|the advice|advice)|apply|plan|think|realize|appreciate|understand|reach out|account|"
    r"factor|consider|adjust|anticipate|reschedule|follow up|follow through|prioriti[sz]e|use|"
    r"study)\b",
    r"\b(?:overconfident|complacent|too confident|naive|naïve|unrealistic expectations)\b",
    r"\b(?:it was|it'?s|was|because of|due to|came down to) (?:mostly |mainly |probably |largely |"
    r"just |really )?my (?:interviews?|interviewing|scores?|list|application|letters|statement|"
    r"timing|grades|exam|Step \w+|board scores)\b",
    r"\b(?:restriction|limit|limitation|constraint|preference)s? (?:was|were) (?:too|far too|way "
    r"too) (?:tight|narrow|strict|limiting|restrictive)\b",
    r"\b(?:only|just) ranked\b",
    r"\b(?:which|that|it|this) was (?:too|far too|way too|overly|much too) (?:restrictive|narrow|limited|"
    r"ambitious|risky|optimistic|top-heavy|late|short)\b",
    r"\b(?:limited|restricted|confined) (?:ourselves|myself|our search|our list)\b",
    r"\b(?:weak|weakest) (?:point|spot|link|part)\b",
    r"\bthe (?:main |biggest |real |core )?(?:problem|issue|weakness)\b(?:\W+\w+){0,3}?\W+(?:was|were) "
    r"(?:my|that I|how I)\b",
    r"\bcame across as (?:rehearsed|scripted|stiff|nervous|arrogant|unprepared|generic|robotic|flat|"
    r"uninterested|unsure|disengaged|overconfident)\b",
    r"\b(?:ranked|rank list|ranked list)\b(?:\W+\w+){0,4}?\W+(?:only|few|too|short|one|two|three|"
    r"four|\d+)\b",
)

# "The main reason was ..." / "because I ..." frames a cause in the student's own words.
REASON_FRAME = _rx(
    r"\b(?:the |my )?(?:main |biggest |primary |real |honest |key |major |most likely |likely |"
    r"single biggest )?(?:reason|factor|problem|issue|cause|mistake)s? (?:was|were|is|that I)\b",
    r"\bcame down to\b",
    r"\bI think (?:it'?s|it was) (?:mostly |mainly |largely |partly |probably )?(?:because|due to)\b",
)
REASON_BECAUSE = _rx(r"\b(?:because|due to) (?:of )?(?:I|my)\b")
MATCH_TOPIC = _rx(
    r"\b(?:match\w*|unmatched|interview\w*|appl\w*|scores?|rank\w*|programs?|exam|Step|COMLEX|"
    r"SOAP|letters?|didn'?t|wasn'?t|weren'?t)\b"
)

# A student owning a decision or a mistake.
OWNERSHIP = _rx(
    r"\b(?:that'?s|that is|that was|it was|it'?s|this was|this is|which was|which is)\s+"
    r"(?:\w+\s+){0,2}?(?:on me|my (?:own )?(?:call|decision|choice|mistake|fault|doing|"
    r"responsibility|error|misjudg(?:e)?ment|blind spot|miscalculation))\b",
    r"\bI (?:fully |completely |honestly )?(?:own (?:that|it|this|the|my)|take (?:full |complete )?"
    r"(?:responsibility|ownership)|accept (?:full |complete )?(?:responsibility|that)|made (?:a|the) "
    r"(?:wrong|poor|bad|mistaken|naive|risky) (?:call|choice|decision|bet)|made (?:a|that|the) "
    r"mistake|should (?:have|'?ve)|could (?:have|'?ve) (?:done|applied|prepared|started|asked|been))\b",
    r"\bmy (?:own )?(?:mistake|misjudg(?:e)?ment|error|blind spot|responsibility|miscalculation)\b",
    r"\bI (?:was|am) (?:responsible|accountable)\b",
    r"\bon me\b",
    r"\b(?:that|it|this) was (?:a |an )?(?:big |real |clear |serious |costly |honest )?(?:mistake|"
    r"misjudg(?:e)?ment|error|miscalculation)\b",
    r"\b(?:which|something) I (?:deeply |really |now )?regret\b",
    r"\bI(?:'?d| would) make the same (?:choice|decision|call)\b",
    r"\bI (?:knew|understood) (?:it|that) was (?:a )?(?:risk|risky|a gamble|a reach)\b",
    r"\b(?:I|we) (?:\w+ )?(?:decided|chose) (?:it|that|this|on that)\b",
    r"\b(?:a|the) (?:\w+ )?(?:bet|gamble|risk|trade-?off|choice|decision) (?:I|we) (?:made|took)\b",
    r"\bin (?:hindsight|retrospect),? I (?:should|would|could|see|realize)\b",
)
OWNERSHIP_GUARD = re.compile(
    r"(?:\b(?:not|n't|never|isn'?t|wasn'?t)\s*(?:\w+\s+){0,1}|\b(?:anything|nothing)\s+(?:more\s+|else\s+)?)$",
    _I,
)

# Explanations that name nothing.
VAGUE_CAUSE = _rx(
    rf"\bI (?:honestly |really |truly |genuinely |still |just )?(?:{DONT}|can'?t|cannot) "
    r"(?:really |fully |quite |honestly |exactly )?(?:know|say|tell|explain|figure out|understand|"
    r"pinpoint|put my finger on)(?: for sure| exactly| for certain)?(?= why| what| how|\s*[.,;!?]|"
    r"\s*$| it\b)",
    r"\bnot (?:really |entirely |totally |completely |exactly |100% )?sure (?:why|what (?:happened|"
    r"went wrong)|exactly)\b",
    r"\b(?:no|not much of an?) (?:idea|clue)\b",
    r"\b(?:just )?(?:didn'?t|did not|doesn'?t|just don'?t) (?:work|pan) out\b",
    r"\b(?:bad|tough|pure|dumb|just|sheer|rotten) luck\b|\bunlucky\b|\bluck of the draw\b",
    r"\b(?:numbers game|lottery|crapshoot|crap shoot|roll of the dice)\b",
    r"\b(?:it'?s|it was|so|pretty|totally|feels|felt) random\b",
    r"\b(?:a lot of|lots of|many|various|multiple|several|a (?:bunch|number) of|a combination of|"
    r"a mix of) (?:different )?(?:factors|reasons|things)\b",
    r"\b(?:wasn'?t|was not|just wasn'?t) meant to be\b",
    r"\bit (?:just )?happens\b",
    r"\bthings (?:just )?(?:didn'?t|did not) (?:go|fall|line up|work)\b",
    r"\bit'?s hard to (?:say|know|pinpoint)\b",
)

# Not answering: "I'd rather focus on the future".
DEFLECT = _rx(
    rf"\b{ID} rather (?:not|focus|talk about|look)\b",
    r"\b(?:doesn'?t|does not) (?:really )?matter (?:now|why|anymore)\b",
    r"\blet'?s (?:not|move on|focus)\b",
    rf"\bI {DONT} (?:really )?(?:want|like|think it helps) to (?:dwell|talk|get into|go into|discuss)\b",
    r"\b(?:prefer|rather) not to (?:discuss|talk|get into|go into)\b",
)
FIRST_PERSON_PAST = _rx(
    r"\b(?:I|we)(?:\s+(?:also|only|just|never|really|then|probably))?\s+(?:was|were|had|did|didn'?t|"
    r"wasn'?t|couldn'?t|got|went|took|made|thought|felt|saw|knew|[a-z]+ed)\b",
    r"\bmy (?:\w+ )?(?:was|were|had)\b",
)
OUTCOME = _rx(
    r"\b(?:match\w*|unmatched|SOAP|this (?:year|cycle|season)|Match Day|results?|the email)\b",
    r"\b(?:didn'?t|did not) (?:work out|go)\b",
)

# ---- blame --------------------------------------------------------------------------
_AGENT = (
    r"(?:interviewers?|programs?|program directors?|PDs?|faculty|attendings?|residents?|"
    r"coordinators?|(?:med(?:ical)? )?schools?|deans?|dean'?s office|advis[eo]rs?|letter "
    r"writers?|recommenders?|mentors?|committees?|NRMP|ERAS|ECFMG|system|algorithm|"
    r"administration|clerkship directors?|proctors?|test(?:ing)? cent(?:er|re)s?|examiners?|staff|"
    r"NBME|NBOME|supervisors?|classmates?|the rest|others|(?:most|many|some|several|a lot|all) of "
    r"them|they|he|she|everyone|nobody|no one|people)"
)
_HARM_STRONG = (
    r"(?:sank|sunk|tanked|ruined|destroyed|sabotaged|torpedoed|screwed|killed|cost me|hurt me|"
    r"hurt my|blocked|failed (?:me|us|to)|let (?:me|us) down|left (?:me|us) (?:alone|hanging|out)|"
    r"(?:uploaded|submitted|sent|released|certified) (?:\w+ ){0,3}?(?:late|weeks late|too late)|"
    r"lost (?:\w+ ){0,3}?(?:my|me)\b|forgot|refused|ignored|"
    r"overlooked|dismissed|discriminat\w*|rejected me|never (?:even )?(?:sent|submitted|uploaded|gave|told|"
    r"responded|replied|bothered)|(?:didn'?t|did not|wouldn'?t|would not|won'?t) (?:send|submit|"
    r"upload|support|help|prepare|guide|advise|give (?:me|us|IMGs|DOs)|bother|care|read|respond|"
    r"reply|even (?:look|read|consider|give))|(?:was|were|is|are|seemed|seem) (?:\w+ )?(?:biased|"
    r"unfair|rude|unprofessional|dismissive|against|rigged|broken|distracted|disorganized|hostile|"
    r"uninterested|incompetent|clueless|useless|prejudiced|disruptive|chaotic|noisy|loud)|threw me off|"
    r"distracted me|had it (?:out|in) for me|ranked me "
    r"(?:low|last|poorly|at the bottom)|(?:didn'?t|did not|never) (?:like|want) me|checked "
    r"(?:his|her|their) (?:phone|watch|email)|cut me off|(?:wasn'?t|weren'?t|was not|were not) "
    r"(?:even )?(?:paying attention|listening|fair|interested|engaged)|told me (?:I(?:'?d| would) "
    r"(?:be fine|match|get in)|not to worry|to apply only)|steered me|gave me (?:bad|wrong|poor|"
    r"terrible) advice|misled me|judged me|looked down on|(?:doesn'?t|don'?t) care|play(?:ed|s)? "
    r"favou?rites)"
)
_HARM_WEAK = (
    r"(?:(?:seem(?:ed)? to |seemed like they )?(?:only|just) (?:seem(?:ed)? to )?(?:want(?:ed)?|care[sd]? "
    r"about|look(?:ed)? at|take|took|"
    r"interview(?:ed)?|rank(?:ed)?|pick(?:ed)?) (?:\w+ )?(?:applicants|students|people|candidates|"
    r"their own|US grads|MDs|insiders|those|who)|favou?r(?:ed|s)? (?:their|US|MD|insiders|own)|"
    r"(?:didn'?t|did not) (?:give|offer) (?:me )?(?:a|any) (?:chance|shot|interview)|(?:weren'?t|"
    r"wasn'?t|were not|didn'?t|don'?t|aren'?t) (?:\w+ )?(?:looking for|want|interested in) (?:someone|"
    r"people|applicants|students|candidates) like me)"
)
BLAME_STRONG = _rx(
    rf"\b{_AGENT}\b(?:\W+\w+){{0,6}}?\W+{_HARM_STRONG}",
    r"\b(?:bad|terrible|awful|horrible|rude|biased|unfair|hostile|dismissive|unprofessional|"
    r"disorganized|useless|incompetent|toxic|unsupportive|clueless|lazy|careless|negligent|"
    r"arrogant|condescending)\s+(?:\w+\s+)?(?:interviewers?|programs?|program directors?|PDs?|"
    r"faculty|attendings?|schools?|deans?|advis[eo]rs?|letter writers?|mentors?|system|process|"
    r"match|NRMP|ERAS|algorithm|administration|residents?|coordinators?)\b",
    r"\b(?:the )?(?:match|system|process|NRMP|algorithm|whole thing)\b(?:\W+\w+){0,4}?\W+(?:is|was|"
    r"are|were|feels|felt)\b(?:\W+\w+){0,2}?\W+(?:rigged|broken|unfair|a lottery|a joke|biased|"
    r"stacked|a crapshoot|against|a scam|corrupt)\b",
    r"\bunfairly\b",
    r"\b(?:rigged|stacked against (?:me|us|IMGs|DOs)|unfair to (?:me|us|IMGs|DOs|international)|"
    r"biased against|discriminat\w* against|prejudice against|bias against)\b",
)
BLAME_WEAK = _rx(
    rf"\b{_AGENT}\b(?:\W+\w+){{0,6}}?\W+{_HARM_WEAK}",
    r"\b(?:out of|beyond) my control\b",
    r"\bput (?:me|us) at a (?:\w+ )?disadvantage\b",
    r"\b(?:bad|tough|pure|dumb|sheer|rotten) luck\b|\bunlucky\b|\bluck of the draw\b|\b(?:a|the) "
    r"(?:lottery|crapshoot)\b",
)
DENIAL = _rx(
    r"\bI did (?:everything|all)(?: that)? (?:I could|right|I was supposed to|I was told|anyone "
    r"could|I possibly could|correctly|they asked)\b",
    r"\b(?:not|wasn'?t|was not|isn'?t|is not|none of (?:it|this|that) (?:was|is)) (?:really |"
    r"entirely |at all |even |necessarily )?my fault\b",
    r"\bthrough no fault of my own\b",
    r"\b(?:isn'?t|wasn'?t|there'?s not|there was not|there is not|don'?t think there'?s|don'?t think "
    r"there was|not) (?:really )?anything (?:more |else |different )?I could(?:'?ve| have)? "
    r"(?:done|do|change)\b",
    r"\bnothing (?:more |else )?I (?:could|would|can) (?:have )?(?:done|do|change)\b",
    r"\b(?:there'?s|there is|there was) nothing (?:more |else )?I could\b",
    rf"\bI {COULDNT} have done (?:anything|more|better)\b",
    r"\bmy application was (?:perfect|flawless|great|excellent)\b",
)
BLAME_GUARD = _rx(
    r"\b(?:not|never|won'?t|don'?t|doesn'?t|didn'?t|can'?t|no one|nobody|not going to|rather than|"
    r"instead of)\b(?:\W+\w+){0,3}?\W+(?:blam\w*|fault|say|claim|pretend|complain)\b",
    r"\bit'?s not that\b",
    r"\bwasn'?t that\b",
    r"\bnot because\b",
    r"\bsome people (?:say|think)\b",
    r"\bI used to (?:think|believe|blame)\b",
)
#: For blame (not denial): "I don't think the interviewer was unfair".
BLAME_OPINION_GUARD = _rx(r"\b(?:don'?t|do not|didn'?t|never) (?:think|believe|feel|say)\b")

# ---- self-deprecation -----------------------------------------------------------------
SELF_DEP_STRONG = _rx(
    rf"\b(?:{IM}|I was|{IVE} (?:always |never )?been|I feel(?: like)?|I felt(?: like)?|I guess "
    rf"{IM}|I think {IM}|{IM} probably|maybe {IM})\s+(?:\w+\s+){{0,2}}?(?:not|never)\s+(?:\w+\s+)?"
    r"(?:smart|good|strong|bright|talented|capable|competent|cut out|qualified|clever|skilled|"
    r"worthy|meant|made)(?: enough)?\b",
    rf"\b(?:{IM}|I was|{IVE} been) (?:just |simply |probably )?(?:not|never) (?:good|smart|strong|"
    r"bright|talented) enough\b",
    r"\bnot (?:\w+ )?(?:sure|convinced|certain) (?:if |whether |that )?I(?:'?m| am| was) (?:\w+ )?"
    r"(?:good|smart|strong|capable|cut out|qualified|talented)(?: enough)?\b",
    r"\bI doubt (?:that |whether |if )?I(?:'?m| am)? (?:\w+ )?(?:good|smart|capable|cut out|"
    r"qualified)\b",
    rf"\b(?:{IM}|I was|I feel like|I felt like|{IVE} been)\s+(?:\w+\s+){{0,2}}?(?:a (?:complete |"
    r"total |huge |big |such a )?(?:failure|fraud|disappointment|loser|mess|joke|impostor|imposter|"
    r"burden|letdown|embarrassment)|worthless|useless|hopeless|stupid|dumb|an idiot|incompetent|"
    r"inadequate|a fake)\b",
    rf"\b{IM}\s+(?:just|only|merely|simply|nothing but)\s+(?:an?\s+)?(?:IMG|international "
    r"(?:medical )?graduate|foreign (?:medical )?grad\w*|DO|osteopath\w*|Caribbean (?:grad\w*|"
    r"student)|average|mediocre|ordinary|nobody)\b",
    r"\bjust an? (?:IMG|DO|foreign grad\w*|Caribbean grad\w*|average student)\b",
    rf"\bI (?:probably |really |honestly |just )?(?:{DONT}|didn'?t) (?:really )?(?:deserve|belong)\b",
    r"\bwho would (?:want|hire|rank|pick|choose) (?:someone like )?me\b",
    r"\bno (?:program|one|body) (?:would|will) (?:ever )?(?:want|take|rank|hire) me\b",
    r"\bnot cut out\b",
)
SELF_DEP_MILD = _rx(
    rf"\b{IVE} always been (?:\w+ )?(?:slower|worse|weaker|behind|the (?:slowest|worst|weakest)|"
    r"less (?:smart|capable|talented|quick))\b",
    r"\b(?:slower|worse|weaker|dumber|less (?:smart|capable|talented|intelligent|gifted)) than "
    r"(?:my |the |other |everyone|most|all)\b",
    r"\bnot as (?:smart|bright|talented|capable|strong|quick) as\b",
    rf"\b{IM} (?:honestly |really |so |very |deeply |a little |a bit |kind of |pretty |still )?"
    r"(?:embarrassed|ashamed|humiliated|mortified)\b",
    rf"\b{IM} (?:\w+ )?(?:worried|afraid|scared|terrified|nervous|concerned) (?:that )?I (?:won'?t|"
    r"will not|can'?t|cannot|might not|wouldn'?t|may not) (?:be (?:\w+ )?)?(?:ready|able|keep up|"
    r"cope|handle|make it|good enough|cut out)\b",
    r"\bI'?ll (?:probably|likely|definitely) (?:make (?:a lot of|lots of|many|tons of)|mess|fail|"
    r"struggle|screw|be (?:slow|behind|the weakest))\b",
    r"\bI (?:always|tend to|usually) (?:mess|screw) (?:things |it )?up\b",
    rf"\b{IM} (?:\w+ )?(?:a )?(?:terrible|horrible|awful|bad|lousy|poor|weak) (?:test[- ]taker|"
    r"student|interviewer|learner|speaker)\b",
    rf"\b{IM} not (?:a )?(?:very |particularly |especially |that |the )?(?:good|strong|great|natural|fast|"
    r"quick|smart|bright) "
    r"(?:test[- ]taker|student|interviewer|learner)\b",
)
SELF_DEP_GUARD = _rx(
    r"\b(?:doesn'?t mean|does not mean|didn'?t mean|don'?t think|do not think|don'?t believe|"
    r"used to (?:think|believe|feel|tell myself|worry|fear)|once (?:thought|believed|worried|"
    r"feared)|instead of|rather than|no longer|not that|people (?:assume|think|say)|some (?:might|"
    r"may) (?:think|say)|stopped (?:thinking|believing|feeling)|never (?:thought|believed)|"
    r"not because)\b"
)

# ---- oversharing ----------------------------------------------------------------------
HEALTH_DX = _rx(
    r"\beating disorder\b",
    r"\banorexi\w*\b",
    r"\bbulimi\w*\b",
    r"\bdepression\b",
    r"\bdepressive\b",
    r"\bbipolar\b",
    r"\banxiety (?:disorder|attacks?)\b",
    r"\bpanic attacks?\b",
    r"\bPTSD\b",
    r"\bOCD\b",
    r"\bADHD\b",
    r"\bschizo\w*\b",
    r"\bpsychos[ie]s\b",
    r"\bpsychotic\b",
    r"\bsuicid\w*\b",
    r"\bself-harm\w*\b",
    r"\boverdos\w*\b",
    r"\baddict\w*\b",
    r"\balcoholi\w*\b",
    r"\bsubstance (?:use|abuse)\b",
    r"\bcancer\b",
    r"\bchemo\w*\b",
    r"\blymphoma\b",
    r"\bleuka?emia\b",
    r"\btumou?r\b",
    r"\blupus\b",
    r"\bcrohn'?s\b",
    r"\bcolitis\b",
    r"\bmultiple sclerosis\b",
    r"\bseizures?\b",
    r"\bepilep\w*\b",
    r"\bmiscarri\w*\b",
    r"\binfertility\b",
    r"\bIVF\b",
    r"\bHIV\b",
    r"\bconcussion\b",
    r"\bstroke\b",
    r"\bheart attack\b",
    r"\bbreakdown\b",
    r"\bmental health crisis\b",
    r"\bdementia\b",
    r"\balzheimer'?s\b",
    r"\bpregnan\w*\b",
    r"\bpre-?term\b",
    r"\bpremature\b",
    r"\bbed rest\b",
    r"\bhigh[- ]risk\b",
    r"\bNICU\b",
    r"\bstillbirth\b",
    r"\bcomplications\b",
    r"\bterminal\b",
)
HEALTH_TX = _rx(
    r"\bhospitali[sz]\w*\b",
    r"\binpatient\b",
    r"\bresidential (?:program|treatment|facility|care)\b",
    r"\bpsych(?:iatric)? (?:ward|unit|hold)\b",
    r"\bintensive outpatient\b",
    r"\bpartial hospitali\w*\b",
    r"\bmy (?:therapist|psychiatrist|counsell?or|dietitian|"
    r"nutritionist|oncologist|neurologist)\b",
    r"\b(?:in|started|weekly|years of|intensive) therapy\b",
    r"\btherapy sessions\b",
    r"\bantidepressants?\b",
    r"\bSSRIs?\b",
    r"\b(?:on|my|started|changed|new) medications?\b",
    r"\bmeds\b",
    r"\brehab\w*\b",
    r"\bdetox\b",
    r"\brelaps\w*\b",
    r"\bsurgeries\b",
    r"\b(?:had|underwent|needed|emergency) surgery\b",
    r"\bdialysis\b",
    r"\bICU\b",
    r"\bhospice\b",
    r"\bER visits?\b",
)
ONGOING = _rx(
    r"\bsome (?:days|weeks|months) are (?:better|harder|worse|good|bad)\b",
    r"\bstill (?:struggl\w*|in therapy|see(?:ing)? (?:my|a)|recovering|dealing|fighting|not (?:fully|"
    r"completely)|have bad)\b",
    r"\bups and downs\b",
    r"\bbad days\b",
    r"\bon medication\b",
    r"\bday by day\b",
)
DRAMA = _rx(
    r"\bdivorc\w*\b",
    r"\bcheat(?:ed|ing)\b",
    r"\baffair\b",
    r"\babus\w*\b",
    r"\barrest\w*\b",
    r"\bjail\b",
    r"\bprison\b",
    r"\bdeport\w*\b",
    r"\bcustody\b",
    r"\bkicked (?:me|us) out\b",
    r"\bdisowned\b",
    r"\brestraining order\b",
    r"\bdomestic violence\b",
    r"\bbreak-?up\b",
    r"\bbroke up\b",
    r"\btoxic relationship\b",
    r"\bex-(?:husband|wife|boyfriend|girlfriend|partner)\b",
    r"\bmy ex\b",
    r"\blawsuit\b",
    r"\bsued\b",
    r"\bDUI\b",
    r"\bDWI\b",
    r"\bpolice\b",
    r"\b(?:screaming|yelling) (?:matches|at each other)\b",
)
FAMILY_CRISIS = _rx(
    r"\bpassed away\b",
    r"\bdied\b",
    r"\bdeath\b",
    r"\bsick\b",
    r"\bill(?:ness)?\b",
    r"\baccident\b",
    r"\blost (?:his|her|their) (?:job|battle|fight)\b",
    r"\bcaregiv\w*\b",
    r"\btook care of\b",
    r"\bcaring for\b",
)
FINANCE = _rx(
    r"\bremortgag\w*\b",
    r"\bsecond mortgage\b",
    r"\bbankrupt\w*\b",
    r"\bevict\w*\b",
    r"\bforeclos\w*\b",
    r"\$\s?\d[\d,.]*\s?[kK]?\b",
    r"\b\d[\d,]* dollars\b",
    r"\bin (?:so much |a lot of |serious |deep )?debt\b",
    r"\bcredit card debt\b",
    r"\b(?:couldn'?t|could not|can'?t|cannot) (?:pay|afford) (?:rent|food|groceries|my bills|bills|"
    r"the mortgage|to eat)\b",
    r"\bfood stamps\b",
    r"\bhomeless\w*\b",
    r"\blost (?:our|my|the) (?:house|home|apartment)\b",
    r"\b(?:I was|we were|I'?m|we'?re|completely|totally|flat) broke\b",
    r"\btook out (?:\w+ )?loans? to (?:pay|cover)\b",
    r"\bsavings (?:are|were) gone\b",
    r"\bmaxed out\b",
    r"\b(?:huge|massive|piles? of|crushing|mounting|unpaid) (?:medical )?bills\b",
    r"\bmedical bills\b",
    r"\b(?:one|a single) income\b",
    r"\bmake ends meet\b",
    r"\bbehind on (?:rent|bills|the mortgage|payments)\b",
)

# ---- dwelling on the outcome -------------------------------------------------------------
EMOTION = _rx(
    r"\bdevastat\w*\b",
    r"\bheartbr\w*\b",
    r"\bcrushed\b",
    r"\bgutted\b",
    r"\bshatter\w*\b",
    r"\bcried\b",
    r"\bcrying\b",
    r"\btears\b",
    r"\bsobb\w*\b",
    r"\bnumb\b",
    r"\bshock(?:ed)?\b",
    r"\bpanick?(?:ed)?\b",
    r"\bembarrass\w*\b",
    r"\bhumiliat\w*\b",
    r"\bashamed\b",
    r"\bshame\b",
    r"\bgrie(?:f|ve|ving|ved)\b",
    r"\bmourn\w*\b",
    r"\bsick to my stomach\b",
    r"\bthe worst (?:day|week|moment|feeling)\b",
    r"\bmy heart (?:sank|dropped|broke)\b",
    r"\bcouldn'?t (?:breathe|sleep|eat|stop|get out of bed)\b",
    r"\brelief\b",
    r"\bangry\b",
    r"\banger\b",
    r"\bfurious\b",
    r"\bbitter\b",
    r"\bhopeless\b",
    r"\bdespair\b",
    r"\bbroke down\b",
    r"\bfell apart\b",
    r"\b(?:world|everything) (?:fell|came) (?:apart|crashing)\b",
    r"\bfeelings?\b",
    r"\bemotions?\b",
    r"\bfelt (?:like|so|very|completely|totally)\b",
    r"\bdisbelief\b",
    r"\bdread\b",
)
NARRATION = _rx(
    r"\bopened (?:the|my|that) (?:email|message|letter)\b",
    r"\bthe email (?:came|arrived)\b",
    r"\bMatch Day\b",
    r"\bMonday (?:morning|at)\b",
    r"\bat (?:ten|10|eleven|11)(?: ?a\.?m\.?| on)\b",
    r"\bparking (?:garage|lot)\b",
    r"\bsat in (?:my|the) car\b",
    r"\btext(?:s|ed| messages)\b",
    r"\bcalled my (?:mom|mother|dad|father|parents|family|partner|husband|wife)\b",
    r"\btold my (?:family|parents|mom|dad|partner)\b",
    r"\bcelebrat\w*\b",
    r"\bwent (?:back )?over\b",
    r"\breplay(?:ed|ing)\b",
    r"\bkept (?:thinking|asking|wondering)\b",
    r"\bI thought about\b",
    r"\bI remember\b",
    r"\bthat (?:morning|moment|night|afternoon)\b",
    r"\bby the (?:afternoon|evening|end of the day)\b",
)

# ---- growth ---------------------------------------------------------------------------
CHANGE_MARKER = _rx(
    r"\bsince (?:then|that|March|Monday|Match|the match|getting|finding out|learning|last|I "
    r"(?:found out|learned|got)|graduat\w*)\b",
    r"\bthis (?:week|time|year|cycle|round|season|spring|past)\b",
    r"\b(?:now|today|currently|recently|already|lately)\b",
    r"\b(?:on|since|by) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    r"\b(?:yesterday|this morning|last night|earlier this week|last week)\b",
    r"\b(?:while|when) I was (?:home|away|out|off|on leave)\b",
    r"\bduring (?:that|the|my) (?:time|year|gap|leave|break)(?: off| away)?\b",
    r"\b(?:over|in|for|during) the (?:past|last) (?:few |several |\w+ )?(?:days|weeks|months|year|years)\b",
    r"\b(?:in|during|over) (?:these|those|the recent|recent) (?:few |several |\w+ )?(?:days|weeks|months)\b",
    r"\bafter (?:that|the match|Match|Monday|finding out|learning|getting|this)\b",
    r"\b(?:going|moving) forward\b",
    r"\bnext time\b",
    r"\bfrom now on\b",
    r"\bthe (?:next|following) (?:day|week|morning|month)\b",
    r"\bsince\b",
)
_ACTION_PARTICIPLE = (
    r"(?:done|completed|finished|taken|retaken|passed|studied|worked|practi[cs]ed|met|sought|asked|"
    r"started|begun|joined|enrolled|volunteered|published|presented|scheduled|reviewed|built|rotated|"
    r"spent|reached out|broadened|expanded|added|rewritten|revised|redone|changed|focused|called|"
    r"recorded|watched|shadowed|applied|signed up|arranged|secured|earned|gained|obtained|set up|"
    r"created|developed|improved|found|used|made|gotten|got|been \w+ing|learned|learnt|read|written|"
    r"trained|attended|taught|led|organized|tracked|kept|put together|sat down|gone through|gone back|"
    r"contacted|received|raised|boosted|scored|switched|moved|redesigned|adopted|begun)"
)
_STATIVE = (
    r"(?:wanted|loved|liked|hoped|dreamed|enjoyed|struggled|failed|tried|wondered|worried|needed|"
    r"wished|felt|believed|thought|seemed|appeared|remained|stayed|been|always|never|grown|matured)"
)
PERFECT_ACTION = _rx(
    rf"\b{IVE}\s+(?:\w+\s+){{0,2}}?{_ACTION_PARTICIPLE}\b",
    rf"\b{IVE}\s+(?:also |since |now |already |recently |just |then )?(?!{_STATIVE}\b)"
    r"[a-z]{3,}(?:ed|en|t)\b",
    rf"\b{IVE} never (?:\w+ed|done|made|taken|written|copied|missed|forgotten)\b(?:\W+\w+){{0,4}}?\W+again\b",
)
SIMPLE_ACTION = _rx(
    r"\bI (?:also |then |immediately |already |quickly |have |had )?(?:did|completed|finished|took|"
    r"retook|passed|studied|worked|practi[cs]ed|met|sought|asked|started|began|joined|enrolled|"
    r"volunteered|published|presented|scheduled|reviewed|built|rotated|spent|reached out|broadened|"
    r"expanded|added|rewrote|revised|redid|changed|focused|called|recorded|watched|shadowed|applied|"
    r"signed up|arranged|secured|earned|gained|obtained|set up|created|developed|improved|found|"
    r"used|made|got|went through|went back|sat down|drafted|tailored|targeted|researched|contacted|"
    r"read|wrote|trained|attended|led|organized|tracked|hired|registered|opened|booked|switched|"
    r"asked for|adopted)\b"
)
PLAN = _rx(
    rf"\b{IM} (?:now |also |currently |already )?(?:scheduled|registered|enrolled|signed up|booked|"
    r"planning|going|set) (?:to|for|on)\b",
    rf"\b{ILL} (?:also |be |continue to |keep |then |still )?(?:spend|spending|take|taking|"
    r"practi[cs]e|review|reviewing|ask|study|work|working|complete|finish|read|join|start|continue|"
    r"schedule|meet|prepare|arrive|get|use|keep|build|set|seek|check|learn|bring|do)\b",
    r"\bI plan (?:to|on)\b",
    r"\bmy plan (?:is|for)\b",
    rf"\bwhat {IM} (?:planning|doing|going to do)\b",
    rf"\b{IM} (?:now |currently |already |also )?(?:doing|taking|working|studying|preparing|"
    r"practi[cs]ing|reviewing|meeting|volunteering|completing|finishing|enrolled|rotating|"
    r"shadowing|using|tracking|building|retaking)\b",
    r"\bI now\b",
    r"\bI (?:always |now )?make sure\b",
    r"\bI (?:started|began) (?:to \w+|\w+ing)\b",
    r"\bkept (?:my )?(?:\w+ )?(?:skills|knowledge) (?:current|sharp|up to date|fresh)\b",
    r"\b(?:since then|ever since|these days|from then on|now),? I (?:always |now |also )?"
    r"(?!was\b|had\b|felt\b|didn'?t\b|couldn'?t\b|wasn'?t\b|think\b|feel\b|know\b)[a-z]+\b",
)
# "applied to programs this week" is only growth when something about it changed
APPLIED_ONLY = re.compile(r"^(?:I(?:'?ve| have)?\s+(?:\w+\s+){0,2}?)?(?:appl\w+|did apply)$", _I)
BREADTH = _rx(
    r"\b(?:more|broad\w*|wide\w*|every|all|different\w*|including|community|states?|regions?|"
    r"also|both|back-?up|additional|outside|beyond|\d+|twenty|thirty|forty|fifty|dozens?|many|"
    r"instead|new|across|each|preliminary|prelim|transitional|categorical|advanced|alongside|"
    r"other|second)\b"
)
CHANGE_PHRASE = _rx(
    r"\b(?:looks|look|is|are|was) (?:very |completely |much |totally |entirely |quite )?different\b",
    r"\bdifferently\b",
    r"\b(?:much |far |a lot |even )?(?:more broadly|more widely|broader|wider|more realistic|more "
    r"balanced|more strategic(?:ally)?)\b",
    r"\bchanged (?:my|how|the way|what)\b",
)
CONCRETE = _rx(
    r"\bmock interviews?\b",
    r"\binterview(?:s|ing)? (?:practice|coach\w*|prep\w*)\b",
    r"\bmentors?\b",
    r"\badvis[eo]rs?\b",
    r"\bdean\b",
    r"\bcoach(?:es|ing)?\b",
    r"\bfaculty\b",
    r"\btutor\w*\b",
    r"\bcourses?\b",
    r"\bStep ?(?:1|2|3|one|two|three)\b",
    r"\bCK\b",
    r"\bCOMLEX\b",
    r"\bLevel ?\d\b",
    r"\bboards?\b",
    r"\bexams?\b",
    r"\bquestion banks?\b",
    r"\bq-?banks?\b",
    r"\bUWorld\b",
    r"\bresearch\b",
    r"\bclinical experience\b",
    r"\bUSCE\b",
    r"\bobservership\b",
    r"\bexternship\b",
    r"\bsub-?internships?\b",
    r"\bsub-?Is?\b",
    r"\brotations?\b",
    r"\belectives?\b",
    r"\blists?\b",
    r"\bapplications?\b",
    r"\bprograms?\b",
    r"\bletters?\b",
    r"\bfeedback\b",
    r"\brecord(?:ings?|ed)\b",
    r"\bvideos?\b",
    r"\bschedule\b",
    rf"\b{NUM}\b",
    r"\b(?:hours?|days?|weeks?|months?|years?)\b",
    r"\bQI\b",
    r"\bquality improvement\b",
    r"\bprojects?\b",
    r"\bpapers?\b",
    r"\bpublications?\b",
    r"\bposters?\b",
    r"\babstracts?\b",
    r"\bcase reports?\b",
    r"\bcertificat\w*\b",
    r"\bACLS\b",
    r"\bBLS\b",
    r"\bPALS\b",
    r"\bvolunteer\w*\b",
    r"\bclinics?\b",
    r"\bhospitals?\b",
    r"\bwards?\b",
    r"\bpatients?\b",
    r"\bpresent(?:ations?|ing)\b",
    r"\bsign-?out\b",
    r"\bhand-?offs?\b",
    r"\bnotes?\b",
    r"\bcases?\b",
    r"\bchecklists?\b",
    r"\btemplates?\b",
    r"\broutine\b",
    r"\bcalendar\b",
    r"\bworkshops?\b",
    r"\bsessions?\b",
    r"\bclass(?:es)?\b",
    r"\bstudy group\b",
    r"\bresidents?\b",
    r"\bchief\b",
    r"\battendings?\b",
    r"\bwebsites?\b",
    r"\brequirements\b",
    r"\bstatement\b",
    r"\bshifts?\b",
    r"\bcommunity\b",
    r"\bspecialty\b",
    r"\bcounsel\w*\b",
    r"\bnurses?\b",
    r"\bteam\b",
    r"\bfloor\b",
    r"\bcalls?\b",
)
LESSON = _rx(
    rf"\bwhat {IVE}? ?learned\b",
    rf"\b(?:{IVE} )?learned (?:that|to|how|the|from)\b",
    r"\bI (?:now )?realiz\w*\b",
    r"\btaught me\b",
    r"\bthe lesson\b",
    r"\bI now (?:know|understand|see|recognize)\b",
    r"\bI understand now\b",
    r"\bmade me (?:realize|see|understand)\b",
    r"\bwake-?up call\b",
)
VAGUE_GROWTH = _rx(
    rf"\b{IVE} (?:really |truly |definitely |also |since )?(?:grown|matured|changed (?:a lot|so "
    r"much)|learned (?:a lot|so much|from (?:it|this|that|my mistakes|the experience))|become "
    r"(?:a )?(?:better|stronger|more \w+)|worked (?:really |very |so )?hard|gotten better|improved "
    r"(?:a lot|myself)|reflected(?: a lot)?)\b",
    r"\b(?:a )?(?:better|stronger|more resilient|wiser) (?:person|candidate|applicant|doctor)\b",
    r"\b(?:grown|matured) (?:a lot|so much|as a person)\b",
    rf"\b{IM} (?:a )?(?:different|better|stronger) (?:person|applicant|candidate)\b",
)

# ---- ending / future focus ----------------------------------------------------------------
FORWARD = _rx(
    r"\byour (?:[\w-]+ ){0,2}?(?:program|residents?|residency|faculty|hospital|curriculum|team|patients?|community|"
    r"clinic|track|department|training|institution|emphasis|focus|mission|rotations?|approach|"
    r"city|area|region|interns?|service|unit|population|fellowship|pathway|ED|emergency "
    r"department|program'?s)\b",
    r"\b(?:this|the) program\b",
    r"\bprograms? like yours\b",
    r"\b(?:at|to|with|join|for) yours\b",
    r"\b(?:train|work|be|join|grow|stay|start|learn|live|build|contribute|thrive|fit|settle)\w* here\b",
    r"\bhere (?:at|in)\b",
    r"\bready to (?:start|begin|work|contribute|hit|learn|join|commit|be|take|get)\b",
    r"\bJuly (?:1(?:st)?|first)\b",
    r"\bday one\b",
    r"\b(?:first|1st) day\b",
    rf"\b{IM} (?:\w+ )?(?:excited|eager|looking forward|ready|prepared|committed|confident|"
    r"thrilled|keen|enthusiastic|drawn)\b",
    r"\blook(?:ing)? forward\b",
    rf"\b{ID} (?:\w+ )?(?:love|like|be (?:glad|honou?red|excited|proud|happy|grateful|thrilled)) "
    r"(?:to|the chance)\b",
    r"\bI want to (?:train|join|be|become|build|contribute|grow|practi[cs]e|work|bring|serve|learn|"
    r"keep|continue|spend|care|develop|start)\b",
    rf"\b{ILL} (?:\w+ )?(?:bring|work|be|contribute|show|make|continue|keep|arrive|start|give|hit|"
    r"grow|learn|serve)\b",
    r"\bI can (?:\w+ )?(?:bring|contribute|offer|help|keep|start|build|grow|add)\b",
    r"\bmy goal is\b",
    r"\b(?:going|moving) forward\b",
    r"\bin the future\b",
    rf"\bwhere {ID}? ?(?:like|want|hope|love) to\b",
    r"\bI hope to\b",
    r"\bexactly (?:what|where|the kind)\b",
    r"\b(?:a )?(?:good|great|strong|natural|right) fit\b",
    r"\bfit for me\b",
    r"\bwhere I belong\b",
    r"\bmake me a (?:better|good|strong|great)\b",
    r"\bas (?:a|an|your) (?:resident|intern|PGY-?1)\b",
    r"\bwhat draws me\b",
    r"\bdrawn to\b",
    r"\bI plan to\b",
    r"\bI intend to\b",
    r"\bcommitted to\b",
    r"\bI(?:'?m| am) (?:eager|excited)\b",
    r"\bexcited (?:about|by)\b",
    rf"\b{IM} (?:\w+ )?looking for (?:a|an|the|somewhere|exactly)\b",
    r"\b(?:fits?|suits?) (?:me|that|what I|my)\b",
    r"\b(?:want|plan|hope|intend) to stay\b",
    r"\b(?:this|your) (?:area|city|region|community|town|location|state)\b",
    r"\bappeals to me\b",
    r"\bI (?:love|enjoy) (?:that|how|the way)\b",
    r"\bwould (?:let|allow|help) me\b",
    r"\b(?:can|will) (?:let|allow|help) me\b",
    r"\b(?:long|longer)-term\b",
    r"\bI see myself\b",
    r"\bmy future\b",
    r"\bnext (?:step|chapter)\b",
)
BACKWARD_END = _rx(
    r"\blooking back\b",
    r"\bin (?:hindsight|retrospect)\b",
    r"\bI (?:still )?(?:regret|wish (?:I|that I) had)\b",
    r"\b(?:was|has been|been) (?:a )?(?:really |very )?(?:hard|tough|painful|humbling|difficult|"
    r"brutal|bitter|rough) (?:lesson|experience|year|season|time|week|pill)\b",
    r"\bI'?ll never forget\b",
    r"\bI still (?:think|wonder|can'?t believe|don'?t understand|feel)\b",
    r"\bit (?:still )?hurts\b",
    r"\bwhat (?:could|might) have been\b",
    r"\bif only\b",
    r"\bthe whole (?:season|experience|process|thing) was\b",
)
#: The ending looks ahead, but not at this program ("I'll keep working hard.", "I can't wait
#: for intern year."): only used to word the advice, never to pass an answer.
LOOSE_FORWARD = _rx(
    rf"\b(?:{ILL}|I(?:'?m| am) going to|I want to|I hope|I plan|I intend|I can'?t wait|I look forward)\b",
    r"\b(?:next year|intern year|this July|in July|my career|as an intern|as a resident|residency)\b",
    r"\b(?:become|keep (?:working|improving|learning|growing)|continue (?:to|working|learning))\b",
)
#: A closing courtesy, skipped when finding the ending ("Thank you for your time.").
PLEASANTRY = _rx(
    r"^\W*(?:thank(?:s| you)\b|I (?:really |truly |do )?appreciate (?:your|the|you|it|this|that)\b)",
    r"^\W*(?:it(?:'s| was| has been) )?(?:a pleasure|great|nice|lovely) (?:talking|speaking|meeting|to (?:talk|"
    r"speak|meet))\b",
)
BACKUP = _rx(
    r"\bjust need (?:a|any)\b(?:\W+\w+){0,3}?\W+(?:residency|spot|position|job|program|match|place|"
    r"somewhere)\b",
    r"\b(?:had|has|have) (?:open|unfilled|available) (?:positions|spots|slots)\b",
    r"\b(?:a|any) (?:residency|program|spot|position|job) (?:somewhere|anywhere)\b",
    r"\banywhere (?:that |who )?(?:will|would) (?:take|have|accept) me\b",
    r"\b(?:the )?most (?:open )?(?:positions|spots|openings|seats|unfilled)\b",
    r"\bmost open\b",
    r"\b(?:easier|easiest) (?:to (?:get|match|get into)|specialty|option)\b",
    r"\b(?:is|as|was always|just) (?:my |a |just a )?(?:back-?up|fallback|plan B|second choice|"
    r"safety (?:net|option))\b",
    r"\bsettle for\b",
    r"\bjust (?:want|need) to (?:match|get in|get a spot|be a doctor somewhere|get started somewhere)\b",
    r"\bwhatever (?:program|specialty|spot|position)\b",
    r"\bdoesn'?t (?:really )?matter (?:which|what|where) (?:program|specialty|I)\b",
    r"\bnot (?:my|really my) first choice\b",
    r"\bat this point\b(?:\W+\w+){0,4}?\W+(?:just|any)\b",
    r"\bbeggars can'?t be choosers\b",
)
BACKUP_REAPPLY = _rx(
    r"\buntil I can (?:re-?apply|switch|transfer)\b",
    r"\b(?:re-?apply|switch) (?:back )?to (?:\w+ ){0,3}(?:next|after)\b",
    r"\bstepping stone\b",
)
# Desperation: any program (or any offer) would do. A fallback wherever it stands, and never
# a forward-looking ending ("I'll take anything at this point.").
_WILLING = (
    rf"\b(?:{ILL}|{ID}|{IM} (?:willing|happy|ready|glad|open) to|I can|{ID} be (?:happy|glad|willing) to)"
    r"\s+(?:(?:honestly|really|just|happily|gladly|literally|seriously|basically|truly)\s+)?"
)
DESPERATE = _rx(
    _WILLING + r"(?:take|accept|sign (?:with|for)|settle for)\s+(?:literally\s+|just\s+)?"
    r"(?:anything|whatever|any\s+(?:spot|position|program|offer|residency|specialty|place|job|match|slot|opening))\b"
    r"(?!\s+(?:thrown|you (?:throw|give|teach|have for me)|on board|in stride|to (?:learn|improve|grow|help)))",
    # "I'd go anywhere", not "I'd go anywhere your residents go"
    _WILLING + r"(?:go|move|train|work|be) (?:literally |just )?anywhere"
    r"(?=\s*(?:[.,;:!?)]|$|at this point|right now|honestly|really|in the (?:country|US)|that (?:will|would)"
    r"|(?:as long as|if) (?:it|they|I)))",
    r"\b(?:anything|anywhere|any (?:spot|position|program|offer|residency|place|specialty))\s+"
    r"(?:at this point|right now|these days|is fine|is good|works|will do|would do|would be fine)\b",
    r"\bwhatever (?:I can get|is (?:left|available|open|out there)|'?s (?:left|available|open))\b",
    rf"\b{IM} (?:honestly |really |pretty |just |getting |a (?:bit|little) |so )?desperate\b",
    rf"\b{IM} not (?:picky|choosy|fussy|being picky)\b(?!\s+(?:about|when it comes))",
    rf"\bI {DONT} (?:really |even )?care (?:which|what|where)\b",
    r"\bplease (?:just )?(?:give me a (?:chance|shot|spot|position)|take me)\b",
    r"\bI'?m begging\b",
    r"\b(?:this is|it'?s|SOAP is) my (?:last|only|final) (?:chance|hope|shot|option)\b",
    r"\bI have (?:nowhere else|no other (?:options?|choice|place))\b",
    rf"\b(?:{ID}|{ILL}) (?:\w+ )?be (?:happy|grateful|thankful|glad) (?:with|for) (?:anything|anywhere|"
    r"any (?:spot|position|program|offer|residency))\b",
    r"\b(?:desperately|badly) need\b|\bneed (?:this|it|a (?:spot|position|job)) (?:so )?(?:badly|desperately)\b",
)
# Promising to accept or rank: there is no applicant rank list in SOAP, and programs may not
# ask for (or bargain over) commitments before an offer. First person only; guarded by
# NEGATED_OR_REPORTED ("I'd never promise ...", "some applicants tell programs ...").
_ACCEPT = r"(?:accept|take|sign|say yes to)"
PROMISE = _rx(
    # "I will accept your offer", "I'd sign the contract today"
    rf"\b(?:{ILL}|{ID})\s+(?:\w+\s+)?{_ACCEPT}\s+(?:(?:a|an|the|any|your|this|that|its|their)\s+)?"
    r"(?:(?!(?:before|after|until|unless|if|when|from|to|in|on|at|of|for|with)\b)[\w-]+\s+){0,2}?"
    r"(?:offer|position|spot|contract)s?\b",
    # "I'd accept immediately / on the spot"
    rf"\b(?:{ILL}|{ID})\s+(?:\w+\s+)?(?:accept|say yes|sign)(?:\s+(?:it|that|them))?\s+(?:immediately|right away|"
    r"on the spot|in a heartbeat|instantly|without (?:hesitation|hesitating|a second thought)|straight away)",
    # "If you offer me a position, I will accept", "if I'm offered a spot I'd take it"
    rf"\bif (?:you|your program|the program|this program|I(?:'?m| am| were| was| get| got)) "
    r"(?:\w+ )?(?:offers?|offered|gives?|gave|give|extends?|extended|given)\b[^.!?]{0,50}?"
    rf"\b(?:{ILL}|{ID})\s+(?:\w+\s+)?(?:accept|take|sign|say yes)\b",
    # "I'll rank you first", "I'm ranking your program at the top"
    rf"\b(?:I|{ILL}|{ID}|{IM})\s+(?:\w+\s+){{0,2}}?(?:rank|ranking|put|putting)\s+(?:you|your program|this program|"
    r"your residency)\s+(?:first|#\s?1|number one|at the top|(?:very )?highly)\b",
    # "you're my number one choice", "your program is my top pick"
    r"\b(?:you(?:'re| are)|your program is|this program is|you(?:'d| would) be)\s+(?:(?:definitely|absolutely|"
    r"truly|really|easily|honestly|clearly)\s+)?my\s+(?:number one|#\s?1|first|top|no\.? 1)\s+"
    r"(?:choice|pick|program|option)\b",
    r"\b(?:at the )?top of my (?:rank )?list\b",
    rf"\b{ILL}\s+(?:\w+\s+)?withdraw\b",
)
#: Negation just before a match in the same clause ("not", "never", "won't"; at most two
#: words between, no comma or "but" in between).
_NOT = (
    r"(?:\b(?:no|not|never|without|nor|lack of)"
    r"|\b(?:don|doesn|didn|won|wouldn|can|couldn|isn|aren|wasn|weren|shouldn|mustn)'?t)\b"
)
NEGATED = re.compile(
    _NOT
    + r"(?:[ \t\"']+(?!(?:but|and|so|yet|though|however)\b)[\w']+){0,2}?[ \t\"']*$"
    # a negated promise or claim covers the rest of its clause: "I'd never promise a program that ..."
    + r"|"
    + _NOT
    + r"\s+(?:\w+\s+)?(?:promise|say|tell|claim|pretend|guarantee|commit)\w*\b[^,;:.!?]{0,60}$",
    _I,
)
#: Someone else's words ("some applicants tell programs ...", "my advisor told me to say ...").
REPORTED = re.compile(
    r"\b(?:he|she|they|someone|somebody|people|applicants?|classmates?|friends?|others?|students?|"
    r"colleagues?|everyone|many)\b(?:[ \t]+[\w']+){0,3}?[ \t]+(?:say|says|said|tell|tells|told|promise|"
    r"promises|promised|write|writes|wrote|claim|claims|claimed)\b(?:[ \t:\"']+[\w']+){0,4}?[ \t:,\"']*$"
    r"|\b(?:told|advised|coached|warned|encouraged|suggested)\s+(?:me|us)\s+(?:not\s+)?(?:to\s+)?"
    r"(?:say|tell|promise|write)\b(?:[ \t:\"']+[\w']+){0,3}?[ \t:,\"']*$",
    _I,
)
NEGATED_OR_REPORTED = re.compile(f"(?:{NEGATED.pattern})|(?:{REPORTED.pattern})", _I)
BACKUP_GUARD = NEGATED


# ---- fit to other question kinds --------------------------------------------------------
WEAKNESS_NAMED = _rx(
    r"\bmy (?:biggest |greatest |main |real |one )?weakness(?:es)? (?:is|are|has been|was)\b",
    rf"\b(?:I|{IVE}) (?:always |sometimes |often |really )?(?:struggle[ds]?|have struggled|tend to|used to|"
    r"find it (?:hard|difficult)|found it (?:hard|difficult)|have (?:had )?trouble|"
    r"had trouble|can be|sometimes|often|get|got) (?!too attached)",
    rf"\b{IM} not (?:as|always|naturally|great at|good at|the best at)\b",
    r"\bsomething I(?:'?m| am| have been| 've been)? (?:working on|work on|still work on)\b",
    rf"\b{IVE} (?:had to|needed to) (?:learn|work)\b",
    r"\bweak(?:er)? (?:at|in|spot|area)\b",
    r"\barea (?:for|of) (?:growth|improvement)\b",
)
HUMBLEBRAG = _rx(
    r"\bperfectionis\w*\b",
    r"\bwork(?:ing)? too (?:hard|much)\b",
    r"\bcare too much\b",
    r"\btoo (?:detail[- ]oriented|dedicated|hard[- ]working|thorough|passionate|committed)\b",
    rf"\bI {DONT} (?:really )?have (?:a|any) (?:real )?weakness(?:es)?\b",
    r"\bcan'?t think of (?:a|any) weakness\b",
)
OWNED_ERROR = _rx(
    r"\bI (?:made|missed|forgot|overlooked|failed to|misread|misheard|misjudged|assumed|wrote|"
    r"ordered|gave|delayed|didn'?t|did not|should have|should'?ve|was wrong|got it wrong)\b",
)
