"""A parsed draft: a matching view of the text, injected instructions removed, and its parts.

Every check reads :attr:`Draft.masked`, a copy of the text in which typographic quotes are
straightened, invisible characters dropped and instruction-like text (prompt injection)
blanked out. Each character of the view remembers where it came from, so evidence is always
quoted from the student's original text, character for character.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from bot.core.critique.lexicon import injection_patterns, lexicon

_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
}  # fmt: skip

# Sentence ends: . ! ? (with closing quotes/brackets) followed by whitespace.
_SENT_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)")
_ABBREV = re.compile(
    r"(?:\b(?:dr|mr|mrs|ms|mx|st|jr|sr|prof|vs|etc|approx|dept|univ|inc|no|vol|fig|ext|e\.g|i\.e|"
    r"a\.m|p\.m|u\.s|ph\.d|m\.d|d\.o|b\.s|b\.a|m\.s)|\b[A-Z])\.$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"\s*(?:\d{1,2}[.)]|[-*\u2022])\s+")
_HEADER = re.compile(r"^\s*(?:to|from|cc|bcc|date|sent)\s*:", re.IGNORECASE)
_SUBJECT = re.compile(r"^\s*(?:subject|subj)(?:\s+line)?\s*[:\-\u2013\u2014]\s*", re.IGNORECASE)
#: A note the student keeps above an email's headers: bracketed, or a label such as "Scheduled
#: send:", "Outlook send later:", "Draft for Dr. Lee:".
_NOTE_ABOVE = re.compile(
    r"^\s*(?:[\[(]|(?:scheduled?|send\s*later|sending|to\s+send|drafted|draft|notes?|reminder|outlook|gmail)\b[^:\n]{0,40}:)",
    re.IGNORECASE,
)
_REPLY_SUBJECT = re.compile(r"^\s*(?:re|fwd?)\s*:\s*\S", re.IGNORECASE)
_GREETING = re.compile(
    r"^\s*(?:(?:dear|hi|hello|hey|hiya|greetings|good\s+(?:morning|afternoon|evening|day)|respected|"
    r"attn|attention|esteemed|(?:warm|kind|warmest)\s+greetings|sala+m|as-?salaam?u?\s*alaikum|assalamu?\s*alaikum|"
    r"namaste|namaskar|bonjour|hola|buenos\s+d[ií]as|bom\s+dia|ol[aá]|shalom)\b|to\s+whom\s+it\s+may\s+concern|"
    # "To Dr. Singh," as the first line of the body
    r"to\s+(?=(?:dr|mr|mrs|ms|mx|prof|professor)\b))",
    re.IGNORECASE,
)
#: A greeting at the start of the first line of the body, before the message on the same line:
#: "Dr. Bergstrom, can you tell me...", "Dr. Mbeki-Hart — I've put...", "Estimated Dr. Haldane,"
#: (a courtesy word translated from another language, then a title and a name).
_INLINE_GREETING = re.compile(
    r"^\s*(?:[A-Z][a-z]+\s+)?(?i:dr|mr|mrs|ms|mx|prof|professor)\.?\s+[A-Z][\w'\u00C0-\u024F-]+"
    r"(?:\s+[A-Z][\w'\u00C0-\u024F-]+)?(?=\s*(?:[,\u2014\u2013]|\s-\s))"
)
_CLOSING = re.compile(
    r"^\s*(?:[-\u2013\u2014]+\s*)?(?:"
    r"(?:with\s+)?(?:best|kind|kindest|warm|warmest|many|sincere|respectful|warmest|all\s+the\s+best|my\s+best)?"
    r"\s*(?:regards|wishes|thanks|gratitude|appreciation)"
    r"|sincerely(?:\s+yours)?|yours\s+(?:truly|sincerely|faithfully|respectfully)|respectfully(?:\s+yours)?"
    r"|best|cheers|gratefully|warmly|cordially|appreciatively|take\s+care|all\s+the\s+best"
    r"|thank\s+you(?:\s+(?:again|so\s+much|very\s+much|kindly))?(?:\s+for\s+(?:your|the)\s+[\w ]{1,30})?"
    r"|thanks(?:\s+(?:again|so\s+much|very\s+much))?(?:\s+for\s+(?:your|the)\s+[\w ]{1,30})?"
    r"|looking\s+forward\s+to\s+(?:hearing\s+from\s+you|speaking\s+with\s+you|our\s+conversation)"
    r")\s*(?:[,.!:]|$)",
    re.IGNORECASE,
)
_CLOSING_AT = re.compile(_CLOSING.pattern.removeprefix("^"), re.IGNORECASE)  # for match(text, pos)
#: A postscript after the signature: "P.S. ...", "PS: ...", "P.P.S. ...".
_POSTSCRIPT = re.compile(r"\s*p\.?\s?(?:p\.?\s?)?s\b\.?:?", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+?\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?(?:\d{4}|[Xx]{4})\b")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\blinkedin\.com/\S+", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'\-]*[a-z\u00DF-\u024F]|[A-Z]\.(?:[A-Z]\.)*)$")
_PARTICLES = {
    "de",
    "da",
    "del",
    "della",
    "van",
    "von",
    "der",
    "den",
    "bin",
    "binti",
    "al",
    "el",
    "la",
    "le",
    "di",
    "du",
    "dos",
    "das",
    "ibn",
    "ben",
    "st.",
    "y",
}
_CREDENTIAL = re.compile(
    r"\b(?:MD|M\.D\.|DO|D\.O\.|MBBS|MBChB|MBBCh|MPH|PhD|MS|MSc|BS|BA|OMS-?(?:IV|III|4|3)|MS-?(?:IV|4|3)|MS[34]|"
    r"PGY-?\d|RN|PA-C|ECFMG|Candidate|student)\b",
    re.IGNORECASE,
)
#: Lower-case words that end a message but are not a name ("thx man", "sent from my iphone").
_NOT_NAMES = frozenset(
    {
        "thanks",
        "thank",
        "thx",
        "ty",
        "tysm",
        "cheers",
        "best",
        "regards",
        "love",
        "see",
        "you",
        "u",
        "soon",
        "later",
        "talk",
        "sent",
        "from",
        "my",
        "iphone",
        "phone",
        "android",
        "mobile",
        "man",
        "bro",
        "dude",
        "sis",
        "again",
        "lol",
        "ok",
        "okay",
        "yes",
        "no",
        "pls",
        "please",
        "sorry",
        "bye",
        "take",
        "care",
    }
)
_ROLE_WORDS = re.compile(
    r"\b(?:student|graduate|school|college|university|medicine|medical|candidate|applicant|"
    r"resident|physician|md|do|mbbs|oms|ms4|img|aamc|eras|intern|faculty|institute|academy)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    #: True when the sentence follows a real sentence end or starts a line/paragraph.
    clean_start: bool = True


def build_view(original: str) -> tuple[str, list[int]]:
    """A matching-friendly copy of ``original`` and, per character, its index in ``original``."""
    out: list[str] = []
    offsets: list[int] = []
    n = len(original)
    for i, ch in enumerate(original):
        if ch == "\r":
            if i + 1 < n and original[i + 1] == "\n":
                continue
            rep = "\n"
        elif _INVISIBLE.match(ch):
            continue
        elif ch in _QUOTES:
            rep = _QUOTES[ch]
        elif ord(ch) < 128:
            rep = ch
        else:
            rep = unicodedata.normalize("NFKC", ch) or ch
        for c in rep:
            out.append(c)
            offsets.append(i)
    return "".join(out), offsets


def split_lines(s: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for piece in s.split("\n"):
        lines.append(Line(pos, pos + len(piece), piece))
        pos += len(piece) + 1
    return lines


def split_sentences(s: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``s[start:end]`` with absolute offsets. Lines end sentences unless the text
    is hard-wrapped prose (a long line continued in lower case)."""
    end = len(s) if end is None else end
    out: list[Sentence] = []
    lines = [ln for ln in split_lines(s[start:end])]
    # Merge hard-wrapped lines into logical lines.
    logical: list[tuple[int, int]] = []
    for ln in lines:
        a, b = ln.start + start, ln.end + start
        if logical and not ln.blank:
            pa, pb = logical[-1]
            prev = s[pa:pb].rstrip()
            nxt = s[a:b].lstrip()
            if prev and len(prev) >= 50 and prev[-1] not in ".!?:;" and nxt[:1].islower():
                logical[-1] = (pa, b)
                continue
        logical.append((a, b))
    for a, b in logical:
        chunk = s[a:b]
        if not chunk.strip():
            continue
        pos = 0
        clean = True
        for m in _SENT_END.finditer(chunk):
            before = chunk[pos : m.end()]
            last_word = before.rstrip("\"')] ").split()[-1] if before.strip() else ""
            if _ABBREV.search(last_word) or re.search(r"\d\.\d*$", last_word) and m.group(0) == ".":
                continue
            piece = chunk[pos : m.end()]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append(Sentence(a + pos + lead, a + m.end(), piece.strip(), clean))
            pos = m.end()
            clean = True
        piece = chunk[pos:]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append(Sentence(a + pos + lead, a + pos + lead + len(piece.strip()), piece.strip(), clean))
    return out


def name_tokens(line: str) -> list[str]:
    """Name tokens of a signature-like line ("Dr. R. Mahmoud, MBBS" -> ["R.", "Mahmoud"]), or []."""
    s = line.strip().strip("-\u2013\u2014~ ").strip()
    if not s or _EMAIL.search(s) or _URL.search(s):
        return []
    s = re.split(r"\s*[,|(]\s*", s, maxsplit=1)[0]
    if re.search(r"\d", s):
        return []
    s = re.sub(r"^(?:dr|mr|mrs|ms|mx|prof)\.?\s+", "", s, flags=re.IGNORECASE)
    s = _CREDENTIAL.sub("", s).strip(" ,")
    tokens = s.split()
    if not 1 <= len(tokens) <= 5:
        return []
    if _ROLE_WORDS.search(s):
        return []
    # A line written all in lower case ("kyle brandt") is a name when every word would be one
    # capitalised; a line of ordinary words ("sent from my phone") is not.
    lower_case = not any(c.isupper() for c in s)
    if lower_case and (len(tokens) > 3 or any(t in _NOT_NAMES for t in tokens)):
        return []
    names = []
    for tok in tokens:
        if tok in _PARTICLES:  # lower-case particles only ("de", "van"); "Ben" is a name
            continue
        if not _NAME_TOKEN.match(tok[:1].upper() + tok[1:] if lower_case else tok):
            return []
        names.append(tok)
    return names


def is_full_name(tokens: list[str]) -> bool:
    """At least a first and a last name (initials alone do not count as a first name)."""
    real = [t for t in tokens if not re.fullmatch(r"[A-Z]\.(?:[A-Z]\.)*", t)]
    return len(tokens) >= 2 and len(real) >= 2


@dataclass
class Draft:
    """The student's text, parsed once and shared by every check."""

    original: str
    view: str = field(init=False)
    offsets: list[int] = field(init=False, repr=False)
    masked: str = field(init=False, repr=False)
    injections: list[tuple[int, int]] = field(init=False, default_factory=list)
    #: An earlier message quoted under the draft ("On Mon, ... wrote:", "> ..."): not checked.
    quoted: tuple[int, int] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.view, self.offsets = build_view(self.original)
        self.injections = find_injections(self.view)
        chars = list(self.view)
        for a, b in self.injections:
            for i in range(a, b):
                if chars[i] != "\n":
                    chars[i] = " "
        self.quoted = find_quoted_thread(self.view)
        if self.quoted is not None:
            for i in range(self.quoted[0], self.quoted[1]):
                if chars[i] != "\n":
                    chars[i] = " "
        self.masked = "".join(chars)
        self._parse_structure()

    # ------------------------------------------------------------------ quoting
    def quote(self, start: int, end: int) -> str:
        """The original text behind view span [start, end), trimmed."""
        while start < end and self.view[start].isspace():
            start += 1
        while end > start and (self.view[end - 1].isspace()):
            end -= 1
        if start >= end:
            return ""
        a = self.offsets[start]
        b = self.offsets[end - 1] + 1
        return self.original[a:b].strip()

    def injected_quotes(self) -> list[str]:
        return [q for q in (self.quote(a, b) for a, b in self.injections) if q]

    @cached_property
    def sentences(self) -> list[Sentence]:
        return split_sentences(self.masked)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def evidence(self, start: int, end: int, mode: str = "sentence", max_len: int = 220) -> str:
        """Smallest readable span around a match: the match itself, or its sentence
        (its clause when the sentence is very long)."""
        if mode == "match":
            a, b = start, end
            while b > a and self.masked[b - 1] in " ,;:.":
                b -= 1
            return self.quote(a, b)
        sent = self.sentence_at(start)
        if sent is None or sent.end < end:
            return self.quote(start, end)
        a0 = sent.start
        bullet = _BULLET.match(self.masked, a0, sent.end)
        if bullet and bullet.end() <= start:
            a0 = bullet.end()  # quote the item, not its list marker
        if sent.end - a0 <= max_len:
            return self.quote(a0, sent.end)
        # clause around the match inside a long sentence
        seg = self.masked
        a = start
        while a > sent.start and seg[a - 1] not in ",;:()\u2014\u2013":
            a -= 1
        b = end
        while b < sent.end and seg[b] not in ",;:()\u2014\u2013.!?":
            b += 1
        if b < sent.end and seg[b] in ".!?":
            b += 1
        return self.quote(a, b)

    # ------------------------------------------------------------------ structure
    def _parse_structure(self) -> None:
        m = self.masked
        self.lines = split_lines(m)
        nonblank = [i for i, ln in enumerate(self.lines) if not ln.blank]
        self.subject: tuple[int, int] | None = None
        self.subject_line: int | None = None
        body_first = 0
        # Headers (To:, From:, Subject:) at the top, under any note the student keeps above them
        # ("[Scheduled send: Thu 6:30 PM]", "Outlook send later: Friday 6:00 AM").
        subject_below = next((k for k in nonblank[:5] if _SUBJECT.match(self.lines[k].text)), None)
        for i in nonblank[:5]:
            ln = self.lines[i]
            if subject_below is not None and i < subject_below and _NOTE_ABOVE.match(ln.text):
                body_first = i + 1
                continue
            sm = _SUBJECT.match(ln.text)
            if sm:
                self.subject = (ln.start + sm.end(), ln.end)
                self.subject_line = i
                body_first = i + 1
                continue
            if _HEADER.match(ln.text):
                body_first = i + 1
                continue
            if self.subject is None and i == nonblank[0] and _REPLY_SUBJECT.match(ln.text):
                self.subject = (ln.start, ln.end)
                self.subject_line = i
                body_first = i + 1
                continue
            break
        # A bare subject line: a short first line, then a blank line, then the greeting.
        if self.subject is None and len(nonblank) >= 3 and body_first == 0:
            i, j = nonblank[0], nonblank[1]
            head = self.lines[i].text.strip()
            if (
                j > i + 1
                and _GREETING.match(self.lines[j].text)
                and not _GREETING.match(head)
                and 1 <= len(head.split()) <= 14
                and not head.endswith((".", ",", "?", "!"))
            ):
                self.subject = (self.lines[i].start, self.lines[i].end)
                self.subject_line = i
                body_first = i + 1
        self.body_start = self.lines[body_first].start if body_first < len(self.lines) else len(m)
        body_lines = [i for i in nonblank if i >= body_first]

        # Greeting.
        self.greeting: tuple[int, int] | None = None
        self.greeting_line: int | None = None
        if body_lines:
            first = self.lines[body_lines[0]]
            gm = _GREETING.match(first.text)
            if gm:
                rest = first.text[gm.end() :]
                cut = re.search(r"[,:!\u2014]|\s[-\u2013]\s|$", rest)
                g_end = first.start + gm.end() + (cut.start() if cut else len(rest))
                self.greeting = (first.start + (len(first.text) - len(first.text.lstrip())), g_end)
                self.greeting_line = body_lines[0]
            else:
                words = first.text.strip()
                # "Dr. Halvorsen —", "Ms. Okoro,": a short line with a name that ends like a greeting
                if (
                    words.endswith((",", ":", "\u2014", "\u2013", "-", "!"))
                    and len(words.split()) <= 5
                    and name_tokens(words.rstrip(",:!-\u2013\u2014 "))
                ):
                    self.greeting = (
                        first.start + (len(first.text) - len(first.text.lstrip())),
                        first.start + len(first.text.rstrip()) - 1,
                    )
                    self.greeting_line = body_lines[0]
                elif greeted := _INLINE_GREETING.match(first.text):
                    indent = len(first.text) - len(first.text.lstrip())
                    self.greeting = (first.start + indent, first.start + greeted.end())
                    self.greeting_line = body_lines[0]

        # Closing and signature.
        self.closing_line: int | None = None
        self.closing_span: tuple[int, int] | None = None
        self.closing_text = ""
        self.signature_lines: list[Line] = []
        floor = self.greeting_line if self.greeting_line is not None else body_first - 1
        tail = [i for i in body_lines if i > floor]
        #: A postscript after the sign-off is read with the body, but the sign-off is found above it.
        self.postscript: tuple[int, int] | None = None
        ps = next((k for k, i in enumerate(tail) if k >= 2 and _POSTSCRIPT.match(self.lines[i].text)), None)
        if ps is not None:
            self.postscript = (self.lines[tail[ps]].start, self.lines[tail[-1]].end)
            tail = tail[:ps]
        for i in reversed(tail[-9:]):
            ln = self.lines[i]
            cm = _CLOSING.match(ln.text)
            if not cm or len(ln.text.split()) > 9:
                continue
            after = [self.lines[j] for j in tail if j > i]
            if len(after) > 7 or any(len(a.text.split()) > 12 for a in after):
                continue
            self.closing_line = i
            self.closing_span = (ln.start, ln.start + cm.end())
            self.closing_text = ln.text[: cm.end()].strip().rstrip(",.!:").strip()
            inline = ln.text[cm.end() :].strip()
            sig: list[Line] = []
            if inline:
                off = ln.start + ln.text.index(inline, cm.end())
                sig.append(Line(off, off + len(inline), inline))
            self.signature_lines = sig + after
            break
        if self.closing_line is None and tail:
            self.signature_lines = self._trailing_signature(tail)
        if self.closing_line is None and not self.signature_lines and body_lines:
            # the last line before any postscript (a one-line email's only line is its greeting's)
            self._inline_closing(self.lines[tail[-1] if tail else body_lines[-1]])

        first_sig = self.signature_lines[0].start if self.signature_lines else len(m)
        body_end = self.closing_span[0] if self.closing_span is not None else first_sig
        body_begin = (
            self.lines[self.greeting_line].start + len(self.lines[self.greeting_line].text)
            if self.greeting_line is not None
            else self.body_start
        )
        if self.greeting is not None and self.greeting_line is not None:
            # The greeting may share its line with the first sentence ("Hi Dr. X, I'm ...").
            gl = self.lines[self.greeting_line]
            rest = m[self.greeting[1] : gl.end].lstrip(",:!\u2014-\u2013 ")
            if rest.strip():
                body_begin = gl.end - len(rest)
        self.body = (min(body_begin, body_end), body_end)

    def _inline_closing(self, last: Line) -> None:
        """A sign-off inside the last line ("... Thank you. Best regards, Jane Doe")."""
        best = None
        for m in re.finditer(r"(?:(?<=[.!?])\s+|^)", last.text):
            cm = _CLOSING_AT.match(last.text, m.end())
            if cm and len(last.text[cm.end() :].split()) <= 8:
                best = cm
        if best is None or best.start() == 0:
            return
        self.closing_text = last.text[best.start() : best.end()].strip().rstrip(",.!:").strip()
        self.closing_span = (last.start + best.start(), last.start + best.end())
        rest = last.text[best.end() :]
        inline = rest.strip()
        if inline:
            off = last.start + best.end() + (len(rest) - len(rest.lstrip()))
            self.signature_lines = [Line(off, off + len(inline), inline)]

    def _trailing_signature(self, tail: list[int]) -> list[Line]:
        """A name block at the end without a sign-off line ("Jane Doe\\njane@x.edu")."""
        last_lines = [self.lines[i] for i in tail[-5:]]
        for k, ln in enumerate(last_lines):
            # "keanu | OMS-IV, Pacific Coast COM | (808) 555-0119": name, school and phone on one line
            name, _, same_line = ln.text.partition("|")
            toks = name_tokens(name)
            rest = last_lines[k + 1 :]
            if toks and all(len(r.text.split()) <= 10 for r in rest):
                dash = ln.text.strip().startswith(("-", "\u2013", "\u2014"))
                if (
                    dash
                    or is_full_name(toks)
                    or any(_EMAIL.search(s) or _PHONE.search(s) for s in [same_line, *(r.text for r in rest)])
                ):
                    return last_lines[k:]
        return []

    # ------------------------------------------------------------------ convenience
    @property
    def subject_text(self) -> str:
        return self.masked[self.subject[0] : self.subject[1]].strip() if self.subject else ""

    @property
    def greeting_text(self) -> str:
        return self.masked[self.greeting[0] : self.greeting[1]].strip() if self.greeting else ""

    @property
    def body_text(self) -> str:
        return self.masked[self.body[0] : self.body[1]]

    @property
    def signature_text(self) -> str:
        return "\n".join(ln.text for ln in self.signature_lines)

    @cached_property
    def signature_name(self) -> list[str]:
        for ln in self.signature_lines[:3]:
            toks = name_tokens(ln.text.partition("|")[0])
            if toks:
                return toks
        return []

    @property
    def content_text(self) -> str:
        """Everything after the subject line (the part whose words are counted)."""
        if self.subject_line is None:
            return self.masked
        return self.masked[self.lines[self.subject_line].end :]

    @property
    def has_contact(self) -> bool:
        tail = self.signature_text + "\n" + self.body_text
        return bool(_EMAIL.search(tail) or _PHONE.search(tail))


# ---------------------------------------------------------------------- quoted thread
_THREAD_START = re.compile(
    r"^\s*(?:On\s.{3,160}\swrote:\s*$|-{2,}\s*(?:Original|Forwarded) Message\s*-{2,}|From:\s.+$|"
    r"_{8,}\s*$|Begin forwarded message:)",
    re.IGNORECASE,
)


def find_quoted_thread(view: str) -> tuple[int, int] | None:
    """The span of an earlier message pasted under the draft, if any."""
    lines = split_lines(view)
    words_before = 0
    for k, ln in enumerate(lines):
        if words_before >= 20:
            rest = [x for x in lines[k:] if not x.blank]
            quoted_share = sum(1 for x in rest if x.text.lstrip().startswith(">")) / max(1, len(rest))
            if _THREAD_START.match(ln.text) or (ln.text.lstrip().startswith(">") and quoted_share >= 0.6):
                return (ln.start, len(view))
        words_before += len(ln.text.split())
    return None


# ---------------------------------------------------------------------- injection
def find_injections(view: str) -> list[tuple[int, int]]:
    """View spans of text that reads like instructions to an AI (sentences or paragraphs)."""
    pats = injection_patterns()
    triggers, conts = pats["triggers"], pats["continuations"]
    if not any(p.search(view) for p in triggers):
        return []
    spans: list[tuple[int, int]] = []
    para_re = re.compile(r"(?:[^\n]|\n(?!\s*\n))+")
    for pm in para_re.finditer(view):
        pa, pb = pm.start(), pm.end()
        sents = _split_at_markers(view, split_sentences(view, pa, pb))
        if not sents:
            continue
        marked = [any(p.search(s.text) for p in triggers) for s in sents]
        if not any(marked):
            continue
        for k in range(1, len(sents)):
            if marked[k - 1] and not marked[k] and any(p.search(sents[k].text) for p in conts):
                marked[k] = True
        if sum(marked) * 2 >= len(sents) and not _SUBJECT.match(view[pa:pb]):
            spans.append((pa, pb))
            continue
        for s, flag in zip(sents, marked, strict=True):
            if not flag:
                continue
            a = s.start
            sm = _SUBJECT.match(view[s.start : s.end])
            if sm:
                # keep the subject header; drop only the clause with the instruction
                found = [m.start() for m in (p.search(s.text) for p in triggers) if m]
                hit = min(found, default=0)
                clause = max(s.text.rfind(c, 0, hit) for c in "([\u2013\u2014-:|")
                a = s.start + max(sm.end(), clause if clause >= 0 else hit)
            spans.append((a, s.end))
    return _merge(spans)


_CHAT_MARKER = re.compile(
    r"<\|?\s*(?:im_start|im_end|endoftext|system|assistant|user)\s*\|?>|\[/?INST\]|<<\s*/?SYS\s*>>|</?\s*(?:system|instructions?|prompt)\s*>",
    re.IGNORECASE,
)
_OPENING_MARKER = re.compile(
    r"<\|?\s*im_start|\[INST\]|<<\s*SYS|<\s*(?:system|instructions?|prompt)\s*>", re.IGNORECASE
)


def _split_at_markers(view: str, sents: list[Sentence]) -> list[Sentence]:
    """Chat-template markers (<|im_start|> ... <|im_end|>) end a sentence even without a full stop."""
    out: list[Sentence] = []
    for s in sents:
        cuts = [s.start]
        for m in _CHAT_MARKER.finditer(view, s.start, s.end):
            cuts.append(m.start() if _OPENING_MARKER.match(m.group(0)) else m.end())
        cuts.append(s.end)
        cuts = sorted(set(cuts))
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = view[a:b]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append(Sentence(a + lead, a + lead + len(piece.strip()), piece.strip()))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def lexicon_words(name: str) -> frozenset[str]:
    return lexicon()[name]
