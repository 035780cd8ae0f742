"""Grounding: every fact an LLM states must come from what it was given.

A model's text is cut into sentences and their clauses, and the claims of each are extracted:

- **facts**: dates ("March 20th", "3/20", "2026-03-20"), years, weekdays, clock times, durations,
  counts, dollar amounts and percentages, normalised so that "9 pm", "9:00 p.m.", "nine in the
  evening" and "21:00" are one value, and "two hours" is "2-hour" is "120 minutes";
- **bindings**: a clock time, or a Match Week event (offers, interviews, the LUP, ERAS, Match
  Day, SOAP's end, the match status), is tied to the nearest weekday in its clause, so "SOAP ends
  Wednesday at 9 p.m." needs a source that puts 9 p.m. (and the end) on a Wednesday;
- **rule verdicts**: may / may not (can, must, should, "it is OK to", "... is a violation",
  imperatives, a yes or no) about contacting, replying, accepting, declining, applying or
  sharing the List of Unfilled Programs,
  with who acts (the applicant's side or a program) and the condition stated (once the program
  has contacted you, after SOAP ends, between or during offer rounds, after accepting).

The sources are the texts the model was given (:class:`Grounds`): passages for facts, and rule
statements (the direct answers of the sections, with their headings) for verdicts. A fact is
supported when a source states the same value (a bound one on the same weekday). A permission is
supported by a permission for the same action and actor under the same condition, or an
unconditional one; a prohibition by a prohibition for the same action and actor that no source
lifts under the condition the model names. "Not until X" in a source also permits the action
after X.

:func:`check` drops every sentence with an unsupported claim and says how much it dropped;
callers decide what is too little to show. Nothing here logs text, and the report holds counts
only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from bot.core.base.clock_times import HOUR
from bot.core.base.text import NUMBER_WORDS, TENS_WORDS, number_value

#: Shown under an AI text of which some sentences were dropped, or instead of it.
DROPPED_NOTE = "Part of the AI answer could not be checked against the guidance, so it is not shown."
FOLLOW_UP_NOTE = "The AI's follow-up question stated something your answer does not say, so it is not shown."
FALLBACK_NOTE = (
    "Part of the AI answer could not be checked against the guidance, so it is not shown; "
    "answered offline from the guidance."
)

# ----- numbers and words ------------------------------------------------------------------------

_WORD_NUMBER = (
    r"(?:(?:"
    + "|".join(TENS_WORDS)
    + r")(?:[- ](?:"
    + "|".join(k for k in NUMBER_WORDS if 0 < NUMBER_WORDS[k] < 10)
    + r"))?"
    r"|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUMBER})"


# ----- facts ------------------------------------------------------------------------------------

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:monday|tuesday|tues|wednesday|weds|thursday|thurs|friday|saturday|sunday)s?"
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MERIDIEM = r"(?:[ap]\.?\s?m\b\.?|in the (?:morning|afternoon|evening)|at night|tonight)"
_ZONE = (
    r"(?:\s*\(?(?P<zone>ET|EST|EDT|Eastern(?:\s+Time)?|CT|CST|CDT|Central(?:\s+Time)?|MT|MST|MDT|Mountain(?:\s+Time)?"
    r"|PT|PST|PDT|Pacific(?:\s+Time)?|GMT|UTC|BST|IST|CET)\b\)?)?"
)
_DURATION_UNIT = r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
_UNIT_MINUTES = {"min": 1, "hou": 60, "hrs": 60, "hr": 60, "day": 1440, "wee": 10080, "mon": 43200, "yea": 525600}
#: Words before a number that make it a name, not a quantity ("round 2", "Step 1", "PGY-1").
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:round|step|level|part|phase|pgy|section|question|paragraph|item|option|tier|page|chapter|number|no|"
    r"version|day|year|grade|class|room|table|figure|passage|source|r|j|h|covid)\b[\s.#-]*|#\s*|[A-Za-z]-?)$",
    re.IGNORECASE,
)

#: Events whose clock time is checked too ("SOAP ends at 8 p.m." needs a source with the end at 8 p.m.).
_TIMED_EVENTS = frozenset({"offers", "lup", "eras", "match-day", "end", "status"})
#: Match Week events a weekday (and for most, a clock time) can be checked against.
_EVENTS = (
    ("offers", r"\boffers?\b|\boffer rounds?\b|\brounds?\b"),
    ("interviews", r"\binterview(?:s|ing)?\b"),
    ("lup", r"\bLUP\b|\blist of unfilled programs\b"),
    ("eras", r"\b(?:my)?eras\b[^.;]{0,20}\bopens?\b"),
    ("match-day", r"\bmatch day\b"),
    (
        "end",
        r"\b(?:soap|it)\s+(?:officially\s+)?(?:ends|closes|is over|wraps up|finishes)\b"
        r"|\bsoap ending\b|\bend of soap\b",
    ),
    ("status", r"\bwhether (?:or not )?you (?:have )?matched\b|\bmatch status\b|\bif you matched\b"),
)


@dataclass(frozen=True)
class Fact:
    """One normalised claim: ``kind`` is date, year, weekday, time, event, duration, number, money
    or percent. A time's value is (minutes it may mean, zone); ``days`` are the weekdays a time or
    event is bound to, ``at`` the clock time an event is bound to."""

    kind: str
    value: object
    days: frozenset[int] | None = None
    start: int = 0
    at: tuple[frozenset[int], str] | None = None


def _time_value(hour: str, minute: str | None, meridiem: str | None) -> frozenset[int]:
    h, m = int(number_value(hour)), int(minute or 0)
    if meridiem:
        mer = meridiem.lower().replace(".", "").replace(" ", "")
        pm = mer.startswith("p") or any(w in mer for w in ("afternoon", "evening", "night"))
        return frozenset({(h % 12 + (12 if pm else 0)) * 60 + m})
    if h >= 13 or h == 0:
        return frozenset({h % 24 * 60 + m})
    return frozenset({(h % 12) * 60 + m, (h % 12 + 12) * 60 + m})  # "at 9" or "9:00": either


_ZONES = {"EST": "ET", "EDT": "ET", "EASTERN": "ET", "CST": "CT", "CDT": "CT", "CENTRAL": "CT", "MST": "MT",
          "MDT": "MT", "MOUNTAIN": "MT", "PST": "PT", "PDT": "PT", "PACIFIC": "PT"}  # fmt: skip


def _zone(name: str | None) -> str:
    """ET unless another zone is named ("6 p.m. PT" is not "6 p.m." in the guidance's ET)."""
    if not name:
        return "ET"
    word = name.upper().split()[0]
    return _ZONES.get(word, word)


def _weekday_set(first: str, last: str | None = None) -> frozenset[int]:
    def index(word: str) -> int:
        word = word.lower()
        return next(i for i, day in enumerate(WEEKDAYS) if day.startswith(word[:3]))

    a = index(first)
    if last is None:
        return frozenset({a})
    b = index(last)
    return frozenset(range(a, b + 1)) if a <= b else frozenset({a, b})


class _Spans:
    """Claimed character ranges, so one piece of text is read as one kind of fact."""

    def __init__(self) -> None:
        self.taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.taken)

    def take(self, start: int, end: int) -> None:
        self.taken.append((start, end))


_TIME_RANGE = re.compile(
    rf"\b(?:between\s+)?(?P<h1>{HOUR})(?::(?P<m1>[0-5]\d))?\s*(?P<mer1>{_MERIDIEM})?\s*(?:to|until|till|through|and|-|–|—)\s*"
    rf"(?P<h2>{HOUR})(?::(?P<m2>[0-5]\d))?\s*(?P<mer2>{_MERIDIEM}){_ZONE}",
    re.IGNORECASE,
)
_TIME = re.compile(
    rf"\b(?P<h>{HOUR})(?:[:.](?P<m>[0-5]\d))?\s*(?:o['’]clock\s*)?(?P<mer>{_MERIDIEM}){_ZONE}", re.IGNORECASE
)
_CLOCK = re.compile(rf"(?<![\d:/.])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:]){_ZONE}", re.IGNORECASE)
_NOON = re.compile(rf"\b(?:12\s*)?(?P<w>noon|midday|midnight)\b{_ZONE}", re.IGNORECASE)
_AT_HOUR = re.compile(
    rf"\bat (?P<h>{HOUR})(?:\s*o['’]clock)?{_ZONE}(?=\s*(?:[.,;)!?]|$|\s+(?:on|sharp|that|the)\b))", re.IGNORECASE
)
_ISO_DATE = re.compile(r"\b(?P<y>20\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b")
_MONTH_DAY = re.compile(
    rf"\b(?P<mo>{_MONTH})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d))?", re.IGNORECASE
)
_DAY_MONTH = re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mo>{_MONTH})\b\.?", re.IGNORECASE)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/])(?P<mo>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?:/(?P<y>\d{2}|\d{4}))?(?![\d/])"
)
_MONEY = re.compile(
    rf"\$\s?(?P<n>{_DIGITS})(?:\s*(?P<k>k|million)\b)?|(?P<n2>{_NUMBER})\s+(?:us\s+)?dollars\b", re.IGNORECASE
)
_PERCENT = re.compile(rf"\b(?P<n>{_DIGITS})\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"\b(?P<a>(?:19|20)\d\d)\s*(?:-|–|—|to|through)\s*(?P<b>(?:19|20)?\d\d)\b")
_YEAR = re.compile(r"(?<![\d$.,])\b(?P<y>19[5-9]\d|20[0-4]\d)\b(?!\d|[.,]\d)")
_DURATION_RANGE = re.compile(
    rf"\b(?P<a>{_NUMBER})\s*(?:to|-|–|or)\s*(?P<b>{_NUMBER})[\s-]+(?P<u>{_DURATION_UNIT})\b", re.IGNORECASE
)
_DURATION = re.compile(
    rf"\b(?P<half>half\s+an?\s+hour|half\s+a\s+day)\b|\b(?P<n>{_NUMBER}|an?)[\s-]+(?P<u>{_DURATION_UNIT})\b",
    re.IGNORECASE,
)
_DIGIT_NUMBER = re.compile(rf"(?<![\w.$/:,])(?P<n>{_DIGITS})(?![\w%/]|[.,:]\d)")
_WORD_COUNT = re.compile(rf"\b(?P<n>{_WORD_NUMBER})\b", re.IGNORECASE)
_WEEKDAY_RANGE = re.compile(
    rf"\b(?P<a>{_WEEKDAY})\s*(?:to|through|thru|until|till|-|–|—)\s*(?P<b>{_WEEKDAY})\b", re.IGNORECASE
)
_WEEKDAY_LIST = re.compile(rf"\b{_WEEKDAY}(?:\s*(?:,|and|or|&|,\s*and|,\s*or)\s*{_WEEKDAY}\b)+", re.IGNORECASE)
_WEEKDAY_ONE = re.compile(rf"\b(?P<a>{_WEEKDAY})\b", re.IGNORECASE)
#: Not facts: "24/7", citation marks, mentions and channel links (<@123>, <#456>), web and
#: email addresses.
_IGNORED = re.compile(
    r"\b24\s*/\s*7\b|\[\d+(?:\]\s*\[\d+)*\]|<[@#][!&]?\d+>|\bhttps?://\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)


def _clean(text: str) -> str:
    """Markdown reduced to words: citations, emphasis, link targets and table bars removed."""
    text = re.sub(r"\[(\d+)\]", " ", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\*\*|__|`|^\s*#+\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"(?<=\w)\*|\*(?=\w)", "", text)
    text = re.sub(r"\s*\|\s*", ", ", text)
    return text.replace("’", "'")


#: An event is bound to a weekday at most this many characters away (a time to the nearest one).
EVENT_REACH = 30


#: Text without any of these states no fact (a cheap test before the full scan).
_MAY_STATE_A_FACT = re.compile(
    rf"\d|\$|\b(?:noon|midday|midnight|half|an?\s+{_DURATION_UNIT}|{_WORD_NUMBER}|{_WEEKDAY}|{_MONTH})\b",
    re.IGNORECASE,
)


def extract_facts(text: str, event_reach: int = EVENT_REACH) -> list[Fact]:
    """Every fact in ``text`` (already cleaned), with times and events bound to their weekday."""
    if not _MAY_STATE_A_FACT.search(text):
        return []
    spans = _Spans()
    facts: list[Fact] = []

    def scan(pattern: re.Pattern[str], make: object) -> None:
        for m in pattern.finditer(text):
            if not spans.free(m.start(), m.end()):
                continue
            made = make(m)  # type: ignore[operator]
            if made is None:
                continue
            spans.take(m.start(), m.end())
            facts.extend(made if isinstance(made, list) else [made])

    for m in _IGNORED.finditer(text):
        spans.take(m.start(), m.end())

    def date(m: re.Match[str]) -> list[Fact] | None:
        month = _MONTHS[m.group("mo")[:3].lower()] if not m.group("mo").isdigit() else int(m.group("mo"))
        day = int(m.group("d"))
        if not 1 <= day <= 31:
            return None
        out = [Fact("date", (month, day), start=m.start())]
        year = m.groupdict().get("y")
        if year:
            out.append(Fact("year", int(year) if len(year) == 4 else 2000 + int(year), start=m.start()))
        return out

    def month_day(m: re.Match[str]) -> list[Fact] | None:
        if m.group("mo").lower() == "may" and not m.group("mo")[:1].isupper():
            return None  # "you may 2 ..." is not a date
        return date(m)

    scan(_ISO_DATE, date)
    scan(_MONTH_DAY, month_day)
    scan(_DAY_MONTH, month_day)
    scan(_NUMERIC_DATE, date)

    def time_range(m: re.Match[str]) -> list[Fact]:
        mer2 = m.group("mer2")
        h1, h2 = int(number_value(m.group("h1"))), int(number_value(m.group("h2")))
        mer1 = m.group("mer1")
        if mer1 is None:  # "9 to 11 a.m.": the start shares the end's half of the day, unless it is later
            pm2 = mer2.lower().startswith("p") or any(w in mer2.lower() for w in ("afternoon", "evening", "night"))
            same = h1 % 12 <= h2 % 12
            mer1 = ("pm" if pm2 else "am") if same else ("am" if pm2 else "pm")
        zone = _zone(m.group("zone"))
        return [
            Fact("time", (_time_value(m.group("h1"), m.group("m1"), mer1), zone), start=m.start()),
            Fact("time", (_time_value(m.group("h2"), m.group("m2"), mer2), zone), start=m.start("h2")),
        ]

    scan(_TIME_RANGE, time_range)
    scan(_TIME, lambda m: Fact("time", (_time_value(m["h"], m["m"], m["mer"]), _zone(m["zone"])), start=m.start()))
    scan(_CLOCK, lambda m: Fact("time", (_time_value(m["h"], m["m"], None), _zone(m["zone"])), start=m.start()))
    scan(
        _NOON,
        lambda m: Fact(
            "time", (frozenset({0 if m["w"].lower() == "midnight" else 720}), _zone(m["zone"])), start=m.start()
        ),
    )
    scan(_AT_HOUR, lambda m: Fact("time", (_time_value(m["h"], None, None), _zone(m["zone"])), start=m.start()))

    def money(m: re.Match[str]) -> Fact:
        value = number_value(m.group("n") or m.group("n2"))
        scale = (m.groupdict().get("k") or "").lower()
        value *= 1000 if scale == "k" else 1_000_000 if scale == "million" else 1
        return Fact("money", value, start=m.start())

    scan(_MONEY, money)
    scan(_PERCENT, lambda m: Fact("percent", number_value(m["n"]), start=m.start()))

    def year_range(m: re.Match[str]) -> list[Fact] | None:
        a, b = int(m["a"]), m["b"]
        end = int(b) if len(b) == 4 else a // 100 * 100 + int(b)
        if not a < end <= a + 30:
            return None
        return [Fact("year", y, start=m.start()) for y in range(a, end + 1)]

    scan(_YEAR_RANGE, year_range)
    scan(_YEAR, lambda m: Fact("year", int(m["y"]), start=m.start()))

    def minutes(unit: str) -> int:
        return _UNIT_MINUTES.get(unit.lower()[:3], _UNIT_MINUTES.get(unit.lower()[:2], 1))

    scan(
        _DURATION_RANGE,
        lambda m: [
            Fact("duration", number_value(m["a"]) * minutes(m["u"]), start=m.start()),
            Fact("duration", number_value(m["b"]) * minutes(m["u"]), start=m.start("b")),
        ],
    )
    scan(
        _DURATION,
        lambda m: (
            Fact("duration", 30.0 if (m["half"] or "").endswith("hour") else 720.0, start=m.start())
            if m["half"]
            else Fact("duration", number_value(m["n"]) * minutes(m["u"]), start=m.start())
        ),
    )

    def count(m: re.Match[str]) -> Fact | None:
        if _LABEL_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            return None
        if m.group("n").lower() in ("one", "zero"):
            return None
        return Fact("number", number_value(m.group("n")), start=m.start())

    scan(_DIGIT_NUMBER, count)
    scan(_WORD_COUNT, count)

    mentions: list[tuple[int, int, frozenset[int]]] = []
    for pattern in (_WEEKDAY_RANGE, _WEEKDAY_LIST, _WEEKDAY_ONE):
        for m in pattern.finditer(text):
            if spans.free(m.start(), m.end()):
                spans.take(m.start(), m.end())
                if pattern is _WEEKDAY_LIST:
                    days = frozenset().union(*(_weekday_set(w) for w in re.findall(_WEEKDAY, m[0], re.IGNORECASE)))
                else:
                    days = _weekday_set(m["a"], m.groupdict().get("b"))
                mentions.append((m.start(), m.end(), days))
    for start, _end, days in mentions:
        facts.append(Fact("weekday", days, start=start))
    times = [f for f in facts if f.kind == "time"]
    for name, event_pattern in _EVENTS:
        for m in re.finditer(event_pattern, text, re.IGNORECASE):
            facts.append(Fact("event", name, start=m.start()))

    def nearest_time(position: int) -> tuple[frozenset[int], str] | None:
        close = [(abs(t.start - position), t) for t in times if abs(t.start - position) <= event_reach]
        return min(close, key=lambda pair: pair[0])[1].value if close else None  # type: ignore[return-value]

    def nearest(position: int, reach: int | None) -> frozenset[int] | None:
        best: tuple[int, int, frozenset[int]] | None = None
        for start, end, days in mentions:
            distance = position - end if position >= end else start - position
            rank = (distance, 0 if position >= end else 1)
            if (reach is None or distance <= reach) and (best is None or rank < best[:2]):
                best = (*rank, days)
        return best[2] if best else None

    out = []
    for f in facts:
        if f.kind == "time" and mentions:
            f = Fact(f.kind, f.value, nearest(f.start, None), f.start)
        elif f.kind == "event":
            event_days = nearest(f.start, event_reach)
            at = nearest_time(f.start) if f.value in _TIMED_EVENTS else None
            if event_days is None and at is None:
                continue  # an event far from any weekday or time is not a claim about one
            f = Fact(f.kind, f.value, event_days, f.start, at)
        out.append(f)
    return out


# ----- rule verdicts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """A rule verdict: ``actor`` (applicant's side or program) may or may not do ``action`` under
    ``condition`` ("" when none is stated)."""

    action: str  # contact | accept | decline | apply | share (the LUP)
    actor: str  # applicant | program
    allowed: bool
    condition: str = ""


_ACTIONS = {
    "reply": (
        r"repl(?:y|ies|ied|ying)|respond(?:s|ed|ing)?|call(?:s|ed|ing)? (?:them |it |the program )?back"
        r"|return(?:s|ed|ing)? (?:the|their|its|a|that) (?:call|email|message|voicemail)s?"
    ),
    "contact": (
        r"contact(?:s|ed|ing)?(?! (?:from|with|information|info|details|rules?|limits?)\b)|call(?:s|ed|ing)?"
        r"|phon(?:e|es|ed|ing)|e-?mail(?:s|ed|ing)?|messag(?:e|es|ed|ing)|text(?:s|ed|ing)?"
        r"|reach(?:es|ed|ing)? out|get(?:s|ting)? in touch|writ(?:e|es|ing) to|approach(?:es|ed|ing)?"
        r"|engag(?:e|es|ed|ing)|initiat(?:e|es|ed|ing)|follow(?:s|ed|ing)? up"
        r"|(?:start|begin|make)(?:s|ing)? (?:any |the |first )?contact"
        r"|send(?:s|ing)? (?:\w+ ){0,2}(?:emails?|messages?|notes?|letters?|updates?|cvs?|texts?)"
        r"|visit(?:s|ed|ing)?|network(?:s|ed|ing)? with|speak(?:s|ing)? (?:with|to)|talk(?:s|ing)? (?:with|to)"
    ),
    "accept": r"accept(?:s|ed|ing)?|tak(?:e|es|ing) (?:the|an|a|that|this|their|its|your|one|both) (?:\w+ )?offers?",
    "decline": r"declin(?:e|es|ed|ing)|reject(?:s|ed|ing)?|turn(?:s|ed|ing)? (?:\w+ ){0,2}down|refus(?:e|es|ed|ing)",
    "apply": (
        r"(?:re)?appl(?:y|ies|ied|ying)"
        r"(?! to (?:you|your|anyone|everyone|them|him|her|it|this|that|deans?|advisors?|all|both|each)\b)"
        r"|submit(?:s|ted|ting)? (?:\w+ ){0,3}applications?|send(?:s|ing)? (?:\w+ ){0,3}applications?"
        r"|use (?:\w+ ){0,2}applications"
    ),
    # Sharing the List of Unfilled Programs: a verdict only where the clause names the list.
    "share": (
        r"shar(?:e|es|ed|ing)|forward(?:s|ed|ing)?|post(?:s|ed|ing)?|screenshot(?:s|ted|ting)?"
        r"|cop(?:y|ies|ied|ying)"
    ),
}
#: A share verdict is about the LUP only when the clause names it.
_THE_LIST = re.compile(r"\b(?:LUP|list)\b", re.IGNORECASE)
_VERB = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _ACTIONS.items())
_ADVERBS = (
    r"(?:\s+(?:also|still|only|then|now|first|freely|directly|always|just|even|safely|immediately|politely|"
    r"briefly|simply|definitely|ever|absolutely|certainly|probably|usually|legally|yourself|personally|"
    r"officially|promptly|quickly|reasonably|generally))*"
    r"(?:\s+(?:start|begin|continue|try|go ahead and)(?:\s+to)?)?"  # "you can start emailing programs"
)
_MODAL = re.compile(
    r"(?P<modal>\bcannot|\bcan['’]t|\bcan|\bmay|\bmight|\bcould(?:n['’]t)?|\bmust(?:n['’]t)?|\bshould(?:n['’]t)?"
    r"|\bneeds? to|\bhave to|\bhas to|\bought to"
    r"|(?:\b(?:am|is|are)|['’]re|['’]s)\s+(?P<neg0>not\s+|never\s+)?(?:allowed|permitted|free|able|welcome)\s+to"
    r"|\b(?:do|does)(?:n['’]t|\s+not))"
    r"(?P<neg>\s+not\b|\s+never\b)?(?:\s+(?:be|been)\s+(?:allowed|permitted|able|free)\s+to)?"
    + _ADVERBS
    + r"\s+(?:"
    + _VERB
    + r")\b",
    re.IGNORECASE,
)
_COORDINATED = re.compile(r"^(?:\s+[\w'-]+){0,3}?\s*,?\s+(?:or|and)\s+(?:" + _VERB + r")\b", re.IGNORECASE)
_NEGATIVE_MODALS = re.compile(r"^(?:cannot|can['’]t|couldn['’]t|mustn['’]t|shouldn['’]t|never|do|does)", re.IGNORECASE)
_IMPERATIVE = re.compile(
    r"^\W*(?:(?:please|just|instead|so|then|also|and|but|or|now|first|finally|simply)\W+)*"
    r"(?P<neg>don['’]t\s+|do not\s+|never\s+|avoid\s+|stop\s+)?(?:" + _VERB + r")\b",
    re.IGNORECASE,
)
#: An imperative verb is followed by its object or manner ("Call the program", "Reply fast"), not
#: by a noun it qualifies ("Phone ringer on", "Email open on your phone").
_IMPERATIVE_NEXT = re.compile(
    r"^(?:\s*,|\s+(?:the|a|an|your|their|its|them|it|him|her|programs?|any|every|each|that|this|those|these|PDs?|"
    r"coordinators?|directors?|residents?|faculty|back|me|us|to|out|only|promptly|quickly|fast|within|in|by|"
    r"politely|briefly|immediately|right|first|as)\b)",
    re.IGNORECASE,
)
_PERMISSION = (
    r"(?P<adj>ok|okay|fine|allowed|permitted|acceptable|possible|safe|legal|prohibited|forbidden|banned"
    r"|against the rules|a violation|a breach|not allowed)"
)
_IT_IS = re.compile(
    r"\bit(?:\s+is|['’]s|\s+would be)\s+(?P<neg>not\s+)?(?:\w+\s+)?" + _PERMISSION
    + r"\s+(?:for\s+(?P<who>[^.;]{1,40}?)\s+)?to\s+(?:" + _VERB + r")\b",
    re.IGNORECASE,
)  # fmt: skip
_GERUNDS = {
    "contact": r"contacting|calling|phoning|e-?mailing|messaging|texting|reaching out|cold[- ](?:emails?|calls?|"
    r"contact|outreach|messages?|emailing|calling)|unsolicited (?:contact|emails?|calls?|messages?)|outreach",
    "reply": r"replying|responding|calling (?:them |it )?back|returning (?:the |a |their |its )?calls?",
    "accept": r"accepting",
    "decline": r"declining|rejecting|turning down",
    "apply": r"applying|reapplying",
    "share": r"sharing|forwarding|posting|screenshotting|copying",
}
_GERUND = re.compile(
    r"\b(?:"
    + "|".join(f"(?P<{k}>{v})" for k, v in sorted(_GERUNDS.items(), key=lambda kv: kv[0] != "reply"))
    + r")\b[^.;]{0,100}?\b(?:(?:is|are|would be|counts? as)\s+(?P<neg>not\s+)?"
    + _PERMISSION
    + r"|(?P<breaks>breaks?|violates?|goes against|is against)\b)",
    re.IGNORECASE,
)
_NEGATIVE_ADJ = ("prohibited", "forbidden", "banned", "against the rules", "a violation", "a breach", "not allowed")
_PROGRAM_WORDS = re.compile(
    r"\b(?:programs?|PDs?|program directors?|directors?|coordinators?|residenc(?:y|ies)|hospitals?|interviewers?)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:i|we)\s*$", re.IGNORECASE)
_PERSON_SUBJECT = re.compile(r"\b(?:you|i|we|applicants?|students?|he|she)\s*$", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"\b(?:they|it)\s*$", re.IGNORECASE)
_APPLICANT_OBJECT = re.compile(
    r"^\s*(?:you|applicants?|students?|candidates?|the applicant|unmatched)\b", re.IGNORECASE
)
_NOBODY = re.compile(
    r"\b(?:no one|nobody|neither|none of"
    r"|no (?:other )?(?:person|people|organi[sz]ations?|deans?|advisors?|mentors?))\b",
    re.IGNORECASE,
)
#: Whom contact is about: a verdict on contacting a dean, the NRMP or support is not the contact rule.
_NOT_A_PROGRAM = re.compile(
    r"^\W*(?:(?:\w+\W+){0,3}?)(?P<who>advisors?|deans?|dean['’]s office|mentors?|friends?|family|parents?|nrmp"
    r"|eras|residencycas|support|counsell?(?:ing|ors?)|school|classmates?|letter writers?|references?|"
    r"a trusted person|someone you trust|988)\b",
    re.IGNORECASE,
)
_NOT_A_VERDICT_SUBJECT = re.compile(r"\b(?:rules?|this|that|which|limit|cap|restrictions?)\s*$", re.IGNORECASE)

_CONDITIONS = (
    (
        "contacted",
        r"\b(?P<kw>once|after|when|whenever|if|until|unless|before|till)\s+(?:[\w']+\s+){0,6}?"
        r"(?:programs?|it|they|PDs?|directors?|coordinators?|someone|residency)\s+(?:[\w']+\s+){0,3}?"
        r"(?:has\s+|have\s+|had\s+|first\s+)?(?:contact(?:s|ed)?|reach(?:es|ed)? out|call(?:s|ed)?|e-?mail(?:s|ed)?"
        r"|messag(?:es|ed)|invit(?:es|ed)|does|did|writes|wrote|gets? in touch)\b",
    ),
    (
        "contacted",
        r"\b(?P<kw>that|who|which)\s+(?:has\s+|have\s+|had\s+)?(?:already\s+|first\s+)?"
        r"(?:contacted|reached out to|called|e-?mailed|messaged|invited)\s+you\b",
    ),
    ("contacted", r"\b(?P<kw>in reply|in response)\b"),
    (
        "soap-ended",
        r"\b(?P<kw>once|after|when|until|unless|before|till)\s+(?:[\w']+\s+){0,3}?(?:soap|the soap period|match week)"
        r"\s+(?:[\w']+\s+){0,2}?(?:ends?|ended|is over|closes?|closed|finishes|wraps up)\b",
    ),
    ("soap-ended", r"\b(?P<kw>after|post-)\s*soap\b"),
    ("soap-ended", r"\b(?P<kw>once|after|when|until)\s+the (?:communication |contact )?rule (?:lifts|ends)\b"),
    ("between-rounds", r"\b(?P<kw>between)\s+(?:[\w']+\s+){0,2}?rounds\b"),
    (
        "during-round",
        r"\b(?P<kw>during|while|in)\s+(?:an?|the|each|any)\s+(?:[\w']+\s+)?(?:offer\s+)?round\b(?!s)",
    ),
    ("accepted", r"\b(?P<kw>once|after|when|if|until|before)\s+you(?:['’]ve|\s+have)?\s+(?:\w+\s+)?accept(?:ed|s)?\b"),
)
_UNTIL = ("until", "unless", "before", "till")


def condition_of(clause: str, near: int | None = None) -> tuple[str, str]:
    """(condition, "after" | "until") stated in ``clause`` (the one nearest position ``near``),
    or ("", "")."""
    found: list[tuple[int, str, str]] = []
    for name, pattern in _CONDITIONS:
        for m in re.finditer(pattern, clause, re.IGNORECASE):
            distance = 0 if near is None else min(abs(m.start() - near), abs(m.end() - near))
            found.append((distance if near is not None else m.start(), name, m.group("kw").lower()))
    if not found:
        return "", ""
    _, name, keyword = min(found)
    return name, "until" if keyword in _UNTIL else "after"


def _not_a_program(rest: str) -> bool:
    """Whether the contact is with someone other than a program ("call your advisor")."""
    m = _NOT_A_PROGRAM.match(rest)
    return m is not None and not _PROGRAM_WORDS.search(rest[: m.start("who")])


def _about_the_rules(action: str, clause: str, rest: str) -> bool:
    """Whether a verdict on ``action`` is one the rules speak to: contact with a program (not with
    an advisor or the NRMP), sharing the LUP (not sharing one's worries with a friend)."""
    if action == "contact" and _not_a_program(rest):
        return False
    return action != "share" or bool(_THE_LIST.search(clause))


def _action(m: re.Match[str]) -> str | None:
    return next((name for name in _ACTIONS if m.groupdict().get(name)), None)


def _subject(before: str) -> str:
    """The subject of a verb from the words before it in its clause: after the last comma or
    conjunction ("programs start reviewing and may contact": the words before "and")."""
    pieces = re.split(r"[,;:—–]|\b(?:and|but|so|then|if|once|when|after|until)\b", before[-80:])
    return next((p for p in reversed(pieces) if re.search(r"\w", p)), "")


def _actor(subject: str, obj: str) -> str:
    if _PERSON_SUBJECT.search(subject):
        return "applicant"
    if _PRONOUN_SUBJECT.search(subject):
        return "program" if _APPLICANT_OBJECT.search(obj) else "applicant"
    return "program" if _PROGRAM_WORDS.search(subject) else "applicant"


def _verdict(action: str, actor: str, allowed: bool, clause: str, source: bool, at: int | None = None) -> list[Verdict]:
    """The verdict(s) a clause states; a reply is contact once the program has made it. In a
    source, "may not ... until X" also permits the action after X."""
    condition, mode = condition_of(clause, at)
    if action == "reply":
        action, condition, mode = "contact", "contacted", "after"
    if mode == "until":
        return [
            Verdict(action, actor, allowed),
            *([Verdict(action, actor, True, condition)] if source and not allowed else []),
        ]
    return [Verdict(action, actor, allowed, condition)]


def extract_verdicts(clause: str, *, source: bool = False) -> list[Verdict]:
    """The rule verdicts stated in one clause (none in a question)."""
    if clause.rstrip().endswith("?"):
        return []
    out: list[Verdict] = []
    for m in _MODAL.finditer(clause):
        action = _action(m)
        subject = _subject(clause[: m.start()])
        modal = m.group("modal").lower()
        if action is None or not _about_the_rules(action, clause, clause[m.end() :]):
            continue
        if action == "apply" and _NOT_A_VERDICT_SUBJECT.search(subject):
            continue
        if _FIRST_PERSON.search(subject):
            continue  # "I can send my CV": the writer's offer, not a rule
        if re.match(r"(?:needs? to|have to|has to)", modal) and re.search(r"(?:\bnot|n['’]t)\s*$", subject):
            continue  # "you don't have to accept" is not a rule
        negative = bool(_NEGATIVE_MODALS.match(modal) or m.group("neg") or m.group("neg0"))
        if _NOBODY.search(re.sub(r"\([^()]*\)", "", clause[max(0, m.start() - 160) : m.start()])[-80:]):
            negative = not negative
        actor = _actor(subject, clause[m.end() :])
        out += _verdict(action, actor, not negative, clause, source, m.end())
        also = _COORDINATED.match(clause[m.end() :])  # "may accept or reject each offer"
        if also and (other := _action(also)) and other != action:
            out += _verdict(other, actor, not negative, clause, source, m.end() + also.end())
    for m in _IT_IS.finditer(clause):
        action = _action(m)
        if action is None or not _about_the_rules(action, clause, clause[m.end() :]):
            continue
        allowed = (m.group("adj").lower() not in _NEGATIVE_ADJ) != bool(m.group("neg"))
        out += _verdict(action, _actor(m.group("who") or "", clause[m.end() :]), allowed, clause, source, m.end())
    for m in _GERUND.finditer(clause):
        action = next((name for name in _GERUNDS if m.groupdict().get(name)), "contact")
        if not _about_the_rules(action, clause, clause[m.end() :]):
            continue
        adjective = (m.group("adj") or "").lower()
        allowed = not m.group("breaks") and (adjective not in _NEGATIVE_ADJ) != bool(m.group("neg"))
        out += _verdict(action, "applicant", allowed, clause, source, m.start())
    if not out:
        command = _IMPERATIVE.match(clause)
        if command and (action := _action(command)) and _about_the_rules(action, clause, clause[command.end() :]):
            verb = next(v for k, v in command.groupdict().items() if k in _ACTIONS and v)
            base = not re.search(r"(?:ing|ed)$|(?<!s)s$", verb.split()[0], re.IGNORECASE)
            if command.group("neg") or (base and _IMPERATIVE_NEXT.match(clause[command.end() :])):
                out += _verdict(action, "applicant", not command.group("neg"), clause, source, command.end())
    return out


_HEADING_QUESTION = re.compile(
    r"^\W*(?:can|may|could|should|must|is it (?:ok|okay|allowed|fine|legal) (?:for (?P<who>.+?) )?to|am i allowed to"
    r"|do i (?:have|need) to)\s+(?:(?P<subject>.+?)\s+)??(?:" + _VERB + r")\b",
    re.IGNORECASE,
)
#: The yes or no a direct answer opens with ("No — not until ...", "Not as far as we could find").
_YES_NO = re.compile(
    r"^\W*(?:(?:so,?\s+)?(?:the\s+)?(?:short\s+)?answer\s+is:?\s+)?(?P<word>yes|no|nope|yep|yeah|not)\b"
    r"(?!\s+(?:one|matter)\b)",
    re.IGNORECASE,
)


#: A yes or no the model says, opening any sentence: "No, ...", "Yes.", "So the answer is no, ...".
_SAID_YES_NO = re.compile(
    r"^\W*(?:(?:so|and|but|well|in short|in summary|to summarize|overall)\W+)?"
    r"(?:(?:the\s+)?(?:short\s+|simple\s+)?answer\s+is:?\s+)?(?P<word>yes|no|nope|yep)\b(?=\s*(?:[,.;:!—–-]|$))",
    re.IGNORECASE,
)


def heading_verdicts(heading: str, answer: str) -> list[Verdict]:
    """A direct answer answers its heading's question ("Can my dean contact a program for me?"):
    its opening Yes / No, or else the verdict its first sentence states on the heading's action
    ("Nobody may contact a program for you before ..."), is a verdict for the heading's actor,
    under the condition that first sentence names."""
    q = _HEADING_QUESTION.match(heading or "")
    if q is None:
        return []
    action = _action(q)
    if action is None:
        return []
    allowed = _answer_allows(answer, action)
    if allowed is None:
        return []
    actor = _actor(q.group("who") or q.group("subject") or "", heading[q.end() :])
    return _verdict(action, actor, allowed, _first_sentence(answer), source=True)


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


def _answer_allows(answer: str, action: str | None = None) -> bool | None:
    """Whether a direct answer says yes (True) or no (False): its opening Yes / No, or else the one
    unconditional verdict its first sentence states (on ``action``, when given); None when neither."""
    if yes_no := _YES_NO.match(answer):
        return _polarity(yes_no.group("word")) == "yes"
    stated = {
        v.allowed
        for v in extract_verdicts(_first_sentence(answer), source=True)
        if not v.condition and action in (None, v.action)
    }
    return stated.pop() if len(stated) == 1 else None


# ----- sentences and clauses ---------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]*_]*\s+(?=\S)")
_ABBREVIATION_END = re.compile(
    r"(?:\b(?i:a\.m|p\.m|e\.g|i\.e|vs|etc|approx)\.|\b(?:Dr|Mr|Mrs|Ms|Prof|St|No|Jr|Sr|U\.S|Ph\.D|M\.D|D\.O)\.|\b[A-Z]\.)$"
)
_CLAUSE_BREAK = re.compile(
    r";|\s[—–]\s|\s--\s|,\s+(?:and|but|while|whereas|so|or|yet)\s|\s+(?:but|whereas)\s", re.IGNORECASE
)
_SEMICOLON = re.compile(";")
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d+[.)])\s+|^\s*#+\s+|^\s*>\s*")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one line; "9 a.m. ET" and "Dr. Lee" do not end one."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        piece = text[pos : m.start()]
        if _ABBREVIATION_END.search(piece.rstrip("\"'”’)]*_")):
            continue
        if piece.strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text.rstrip())))
    return spans


def _masked(text: str) -> str:
    """``text`` with what is inside parentheses blanked, so splits never fall inside them."""
    if "(" not in text:
        return text
    out, depth = [], 0
    for ch in text:
        depth += ch == "("
        out.append(ch if depth == 0 or ch in "()" else "x")
        depth -= ch == ")" and depth > 0
    return "".join(out)


def _split(text: str, pattern: re.Pattern[str]) -> list[str]:
    pieces, pos = [], 0
    for m in pattern.finditer(_masked(text)):
        pieces.append(text[pos : m.start()])
        pos = m.end()
    pieces.append(text[pos:])
    return [p for p in pieces if p.strip()]


def clauses(sentence: str) -> list[str]:
    return _split(sentence, _CLAUSE_BREAK)


@lru_cache(maxsize=1024)
def source_sentences(text: str) -> tuple[str, ...]:
    """The statements of a source: its sentences, cut at semicolons (which join separate ones)."""
    out: list[str] = []
    for line in _clean(text).split("\n"):
        body = _BULLET.sub("", line)
        out += [part for a, b in sentence_spans(body) for part in _split(body[a:b], _SEMICOLON)]
    return tuple(out)


# ----- sources ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A rule statement a verdict may be checked against: a section's direct answer and heading."""

    text: str
    heading: str = ""


class Grounds:
    """What a model was given: ``facts`` (passages, direct answers, the prompt's own facts) and
    ``rules`` (the direct answers of the sections, with headings, and the prompt's rule).
    ``leads``: the direct answers shown first; a leading Yes / No must agree with one of them."""

    def __init__(
        self, facts: Iterable[str] = (), rules: Iterable[Rule | str] = (), leads: Iterable[str] | None = None
    ) -> None:
        self.values: set[tuple[str, object]] = set()
        self.weekdays: set[int] = set()
        self.times: list[tuple[frozenset[int], str, frozenset[int] | None]] = []
        self.events: set[tuple[str, int]] = set()
        self.event_times: list[tuple[str, frozenset[int], str]] = []
        for sentence in (s for text in facts for s in source_sentences(text)):
            found = _source_facts(sentence)
            # In a source, an event goes with every time of its statement ("four offer rounds,
            # 9:00 to 11:00 a.m., 12:00 to 2:00 p.m., ...").
            for event in {str(f.value) for f in found if f.kind == "event"}:
                self.event_times += [(event, *f.value) for f in found if f.kind == "time"]  # type: ignore[misc]
            for fact in found:
                if fact.kind == "weekday":
                    self.weekdays |= fact.value  # type: ignore[arg-type]
                elif fact.kind == "time":
                    clock, zone = cast(tuple[frozenset[int], str], fact.value)
                    self.times.append((clock, zone, fact.days))
                elif fact.kind == "event":
                    self.events |= {(str(fact.value), d) for d in fact.days or ()}
                else:
                    self.values.add((fact.kind, fact.value))
        statements = [r if isinstance(r, Rule) else Rule(r) for r in rules]
        self.verdicts: set[Verdict] = set()
        for rule in statements:
            self.verdicts.update(_rule_verdicts(rule))
        # The contact rule has no unconditional permission for applicants: read as one, a source
        # was misread, and it must not let a model's "your dean may call" through.
        self.verdicts.discard(Verdict("contact", "applicant", True, ""))
        opening = list(leads) if leads is not None else [r.text for r in statements if r.heading]
        self.yes_no = {polarity for t in opening if (polarity := _lead_polarity(_clean(t)))}

    def fact_supported(self, fact: Fact) -> bool:
        if fact.kind == "weekday":
            return fact.value <= self.weekdays  # type: ignore[operator]
        if fact.kind == "time":
            clock, zone = cast(tuple[frozenset[int], str], fact.value)
            return any(
                zone == z and clock & m and (not fact.days or (days is not None and fact.days <= days))
                for m, z, days in self.times
            )
        if fact.kind == "event":
            if fact.days and not all((fact.value, d) in self.events for d in fact.days):
                return False
            if fact.at is None:
                return True
            minutes, zone = fact.at
            return any(e == fact.value and zone == z and minutes & m for e, m, z in self.event_times)
        return (fact.kind, fact.value) in self.values

    def verdict_supported(self, verdict: Verdict) -> bool:
        same = [v for v in self.verdicts if v.action == verdict.action and v.actor == verdict.actor]
        if verdict.allowed:
            return any(v.allowed and v.condition in ("", verdict.condition) for v in same)
        if verdict.condition and any(v.allowed and v.condition == verdict.condition for v in same):
            return False  # the sources allow it in just that case
        return any(not v.allowed for v in same)


# The same passages and direct answers come back question after question: read each once.
@lru_cache(maxsize=8192)
def _source_facts(sentence: str) -> tuple[Fact, ...]:
    return tuple(extract_facts(sentence, event_reach=2 * EVENT_REACH))


@lru_cache(maxsize=2048)
def _rule_verdicts(rule: Rule) -> frozenset[Verdict]:
    found = set(heading_verdicts(rule.heading, _clean(rule.text)))
    for sentence in source_sentences(rule.text):
        for clause in _with_conditions(clauses(sentence)):
            found.update(extract_verdicts(clause, source=True))
    return frozenset(found)


def _polarity(word: str) -> str:
    return "yes" if word.lower() in ("yes", "yep", "yeah") else "no"


def _lead_polarity(lead: str) -> str | None:
    """The yes or no a direct answer gives ("Neither you nor anyone ... may contact" is a no)."""
    allowed = _answer_allows(lead)
    return None if allowed is None else ("yes" if allowed else "no")


def _with_conditions(parts: Sequence[str]) -> list[str]:
    """Clauses, each with the condition of a neighbouring clause that states no verdict of its own:
    the next one ("Once SOAP ends -- you may contact ..."), else the one before ("You may contact
    programs freely, but only after SOAP ends")."""
    out = list(parts)
    for i, part in enumerate(parts):
        if not condition_of(part)[0] or extract_verdicts(part):
            continue
        if i + 1 < len(out) and extract_verdicts(out[i + 1]) and not condition_of(out[i + 1])[0]:
            out[i + 1] = f"{part} {out[i + 1]}"
        elif i > 0 and not condition_of(out[i - 1])[0]:
            out[i - 1] = f"{out[i - 1]} {part}"
    # A condition put first governs the clauses joined to its own: "Once SOAP ends, you may
    # contact programs, and your dean may call them" (the dean, too, only once SOAP ends).
    fronted = ""
    for i, part in enumerate(out):
        if condition_of(part)[0]:
            fronted = _fronted(part)
        elif fronted and extract_verdicts(part):
            out[i] = f"{fronted} {part}"
    return out


def _fronted(clause: str) -> str:
    """The condition a clause opens with ("once SOAP ends on Thursday"), or ""."""
    for _name, pattern in _CONDITIONS:
        m = re.match(r"\W*(?:" + pattern + r")", clause, re.IGNORECASE)
        if m:
            return m.group(0).strip()
    return ""


# ----- checking -----------------------------------------------------------------------------------


@dataclass
class Report:
    """Counts only (what may be logged): sentences read and dropped, claims read and unsupported."""

    sentences: int = 0
    dropped: int = 0
    claims: int = 0
    unsupported: int = 0
    words: int = 0
    kept_words: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)  # unsupported claims per kind

    @property
    def summary(self) -> str:
        kinds = ",".join(f"{k}:{n}" for k, n in sorted(self.by_kind.items())) or "-"
        return (
            f"sentences={self.sentences} dropped={self.dropped} claims={self.claims} "
            f"unsupported={self.unsupported} kinds={kinds}"
        )


@dataclass
class Checked:
    text: str
    report: Report

    def too_little(self, min_words: int = 12, min_share: float = 0.5) -> bool:
        """Whether so much was dropped that what remains should not stand on its own."""
        r = self.report
        if not r.dropped:
            return False
        return r.kept_words < min_words or r.kept_words < r.words * min_share


def _judge(sentence: str, grounds: Grounds, report: Report) -> bool:
    cleaned = _clean(sentence)
    problems: list[str] = []
    claims = 0
    if m := _SAID_YES_NO.match(cleaned):
        claims += 1
        if _polarity(m.group("word")) not in grounds.yes_no:
            problems.append("verdict")
    parts = clauses(cleaned)
    for clause in parts:
        for fact in extract_facts(clause):
            claims += 1
            if not grounds.fact_supported(fact):
                problems.append(fact.kind)
    for clause in _with_conditions(parts):
        for verdict in extract_verdicts(clause):
            claims += 1
            if not grounds.verdict_supported(verdict):
                problems.append("verdict")
    report.claims += claims
    report.unsupported += len(problems)
    report.by_kind.update(problems)
    return not problems


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9]+", text))


def check(text: str, grounds: Grounds) -> Checked:
    """``text`` without its sentences that state something ``grounds`` does not support.

    Lines (bullets, paragraphs) keep their shape; a line left empty is removed.
    """
    report = Report()
    lines_out: list[str] = []
    for line in text.split("\n"):
        bullet = _BULLET.match(line)
        prefix = bullet.group(0) if bullet else ""
        body = line[len(prefix) :]
        if not body.strip():
            lines_out.append(line if not prefix else "")
            continue
        kept: list[str] = []
        for start, end in sentence_spans(body):
            sentence = body[start:end]
            report.sentences += 1
            words = _words(_clean(sentence))
            report.words += words
            if _judge(sentence, grounds, report):
                kept.append(sentence)
                report.kept_words += words
            else:
                report.dropped += 1
        if kept:
            lines_out.append(prefix + " ".join(kept))
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines_out)).strip()
    return Checked(out, report)


def supported(text: str, grounds: Grounds) -> bool:
    """Whether every claim of ``text`` is supported."""
    return check(text, grounds).report.unsupported == 0


def given(messages: Sequence[dict[str, str]]) -> Grounds:
    """What a prompt gave the model: all its text for facts (the student's draft or answer among
    them), its system instructions for rules."""
    system = [m["content"] for m in messages if m.get("role") == "system"]
    return Grounds(facts=[m["content"] for m in messages], rules=system, leads=())
