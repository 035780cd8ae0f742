"""Answers to "when" questions from the Match Week calendar, for the year asked about.

The guidance describes the schedule's structure (weekday and ET time); the dates of a given year
come from ``knowledge/calendar`` (with a server's overrides), labelled "estimated" for a year
NRMP has not published, and "expected" for a time NRMP has not confirmed for that year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from bot.core.base.clock_times import clock_readings
from bot.core.base.time_zones import US_TIME_ZONES, zone_the_student_is_in
from bot.core.companion.calendar import (
    CalendarError,
    MatchWeek,
    Milestone,
    default_year,
    format_et,
    format_local,
    load_calendar,
)

#: Asking for a date outright ("what day", "the SOAP schedule", "dates for 2027"); a clock time is
#: ``ASKS_CLOCK_TIME``'s.
_ASKS_DATE = re.compile(
    r"\b(?:what (?:date|day|dates|days|week|hour)|which (?:date|day|days|week|hour)|dates?|calendar|timeline|"
    r"(?:the|soap|match|match week|week's|20[2-3]\d)\s+schedule|(?:start|starting|end|ending|opening|closing) time|"
    r"schedule (?:of|for) (?:soap|match|the week|20[2-3]\d))\b",
    re.IGNORECASE,
)
#: "when" asking a question: before a verb that asks ("when does", "when's", "when r offers"), at the
#: end ("soap ends when?"), after a word that reports a question ("do you know when"), or opening a
#: sentence that is one clause ("When the LUP comes out?"). Not "when they ask why I didn't match,
#: can I say ..." nor "tell programs when they interview me": there "when" tells the time of
#: something else.
_WHEN_ASKING = re.compile(
    r"\bwhen\s+(?:exactly\s+|roughly\s+|approximately\s+|about\s+)?(?:is|are|was|were|does|do|did|will|would|can|could|"
    r"should|shall|has|have|r|u|dose|doe?s)\b|\bwhen's\b|\bwhen\s*(?:\?|$)|"
    r"\b(?:know|tell me|tell us|wonder\w*|sure|idea|remind me|find out|ask(?:ing)?|clarify|unclear|confused|"
    r"question is|explain|check|confirm)\s+(?:\w+\s+){0,2}?(?:exactly\s+)?when\b|\buntil when\b|\bby when\b",
    re.IGNORECASE,
)
_SENTENCE_OPENS_WITH_WHEN = re.compile(r"(?:^|[.!?\n]\s*)when\b([^.!?\n]*)", re.IGNORECASE)


#: Asking for a clock time anywhere in a sentence ("Given that Arizona keeps standard time, at what
#: local time will ...?", "R4 window in PT?").
ASKS_CLOCK_TIME = re.compile(
    r"\bwhat (?:local |exact |clock )?time\b|\bwhat o'?clock\b|"
    r"\b(?:window|times?|hours?) (?:in|for) (?:my|local|[pcme][sd]?t|ak[sd]?t)\b",
    re.IGNORECASE,
)


def asks_when(question: str) -> bool:
    """Whether the question asks for a date or a time (rather than saying when something else happens)."""
    if _ASKS_DATE.search(question) or _WHEN_ASKING.search(question) or ASKS_CLOCK_TIME.search(question):
        return True
    # "When the first offers come out?": a sentence that opens with "when" and is one clause.
    return any("," not in m.group(1) for m in _SENTENCE_OPENS_WITH_WHEN.finditer(question))


_YEAR = re.compile(r"\b(20[2-3]\d)\b")
_NEXT_YEAR = re.compile(r"\b(?:next|coming|upcoming) (?:year|match|cycle|match week|march)\b", re.IGNORECASE)
#: Which milestone a question is about (first match wins); none: the week as a whole.
_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (milestone, re.compile(pattern, re.IGNORECASE))
    for milestone, pattern in (
        ("round-1", r"\b(?:round|r)\s*(?:1|one)\b|\bfirst (?:offer )?round\b"),
        ("round-2", r"\b(?:round|r)\s*(?:2|two)\b|\bsecond (?:offer )?round\b"),
        # (not R3, the NRMP's system: "an offer in R3", "R3 pinged")
        (
            "round-3",
            r"\bround\s*(?:3|three)\b|\bthird (?:offer )?round\b|(?<!\bin )(?<!\bon )(?<!\bvia )(?<!\bmy )(?<!\bthe )"
            r"\br\s*3\b(?!\s*(?:system|portal|account|login|dashboard|app|website|site|pinged|says|said|shows|showed))",
        ),
        ("round-4", r"\b(?:round|r)\s*(?:4|four)\b|\b(?:fourth|last|final) (?:offer )?round\b"),
        ("soap-ends", r"\bsoap\b[^.?!]{0,30}\b(?:end|ends|ending|over|close|closes|conclude|concludes|finish)"),
        ("match-day", r"\bmatch day\b|\bwhere (?:i|we|you) matched\b|\bmatch results?\b"),
        ("eras-opens", r"\b(?:my)?eras\b[^.?!]{0,30}\bopen|\bsubmit (?:my )?(?:soap )?applications?\b"),
        # "when can programs contact me", and a translation's order: "programs from what time application
        # review me contact"
        (
            "programs-contact",
            r"\bprograms? (?:can |may |start )?(?:start )?(?:contact|call|review|reach)|"
            r"\bprograms\b(?:\s+\w+){0,5}?\s+(?:review|reviewing)\b(?:\s+\w+){0,2}\s+contact",
        ),
        ("round-1", r"\boffers?\b|\boffer day\b"),
        ("match-status", r"\bsoap\b[^.?!]{0,30}\b(?:start|starts|begin|begins|open|opens)\b|\blup\b|list of unfilled"),
    )
)


#: The start of the week or of SOAP asked about without naming a milestone ("when does it start",
#: "start + end", "start date").
_ASKS_WEEK_START = re.compile(
    r"\b(?:does it|it|week|match week|soap)\s+(?:20[2-3]\d\s+)?(?:start|starts|begin|begins)\b|"
    r"\bstart\s*(?:\+|&|and|/|-)\s*end\b|\bstart (?:date|time)\b|"
    # "What are the dates of Match Week in 2026, and ... the offer rounds?", "the dates of the 2026
    # Supplemental Offer and Acceptance Program": the week, then the rest
    r"\bdates?\s+(?:of|for)\s+(?:the\s+)?(?:20[2-3]\d\s+)?(?:match\s+week|soap|supplemental\s+offer\s+and\s+acceptance\s+program)\b|"
    r"\b(?:match\s+week|soap)(?:\s+20[2-3]\d)?\s+dates?\b",
    re.IGNORECASE,
)
#: "When was SOAP introduced?", "what did it replace": SOAP's history, not this year's calendar.
_HISTORY = re.compile(
    r"\b(?:introduc\w*|establish\w*|invent\w*|replac(?:e|ed|ing)\b|history|come (?:about|into being)|"
    r"first (?:held|used|run|introduced|year)|since when)\b",
    re.IGNORECASE,
)
#: Milestones the week's outline already gives.
_IN_WHOLE_WEEK = frozenset({"match-status", "soap-ends", "match-day"})


def _week_for(question: str, now: dt.datetime | None, overrides: Mapping[str, str] | None) -> MatchWeek | None:
    years = [int(y) for y in _YEAR.findall(question)]
    if years:
        year = years[0]
    else:
        year = default_year(now)
        if _NEXT_YEAR.search(question) and now is not None and year == now.year:
            year += 1
    try:
        return load_calendar(year, overrides)
    except CalendarError:
        return None


#: The labels of US zones, whose own abbreviations (PDT, CDT, AKDT) a reply gives.
_US_LABELS = frozenset(label for _, _, label in US_TIME_ZONES)


def _local_line(week: MatchWeek, milestone_ids: list[str], zone: ZoneInfo, label: str) -> str:
    """The asked-about moments in the student's own time zone."""
    name = None if label in _US_LABELS else label  # "PDT" for a US zone; "Pakistan time" abroad
    parts = []
    for mid in milestone_ids:
        m = week.milestone(mid)
        when = format_local(m.at, zone, zone_name=name)
        if m.ends_at is not None:
            when += f" to {format_local(m.ends_at, zone, date=False, zone_name=name)}"
        parts.append(f"{_NAMES.get(m.id, m.label)}: {when}")
    return f"In {label} time: " + "; ".join(parts) + "."


#: Short names of the milestones, for a sentence.
_NAMES = {
    "match-status": "SOAP begins (you learn whether you matched, and the List of Unfilled Programs opens)",
    "eras-opens": "MyERAS opens for SOAP applications",
    "programs-contact": "Programs may start reviewing applications and contacting applicants",
    "round-1": "Offer round 1",
    "round-2": "Offer round 2",
    "round-3": "Offer round 3",
    "round-4": "Offer round 4",
    "soap-ends": "SOAP ends",
    "match-day": "Match Day results",
}


def _milestone_line(week: MatchWeek, m: Milestone) -> str:
    when = format_et(m.at)
    if m.ends_at is not None:
        when += f" to {format_et(m.ends_at, date=False)}"
    # In a year NRMP has published, a time it has not confirmed is marked; an estimated year says so once.
    expected = " (expected; not yet confirmed by NRMP)" if week.confirmed and not m.confirmed else ""
    return f"{_NAMES.get(m.id, m.label)} in {week.year}: {when}{expected}"


#: The offer rounds by the Eastern hours they run (2024-2026 schedule: 9-11, 12-2, 3-5, 6-8).
_ROUND_HOURS = {
    9: "round-1",
    10: "round-1",
    12: "round-2",
    13: "round-2",
    15: "round-3",
    16: "round-3",
    18: "round-4",
    19: "round-4",
}
#: A clock with neither a.m. nor p.m. nor a part of the day ("came in at 12:07"), which
#: ``clock_readings`` leaves out as ambiguous (a bare hour is no time: "2 offers").
_BARE_CLOCK = re.compile(r"\b(?P<hour>1[0-2]|0?[1-9]):[0-5]\d\b")


#: Words before the time an offer arrived: "the offer came at", "R3 pinged at", "got one around".
_ARRIVED_BEFORE = re.compile(
    r"\b(?:offers?|came|arrived|received|got|pinged|appeared|showed up|popped up|landed|sent)\b[^.?!]{0,25}$",
    re.IGNORECASE,
)


def _offer_round_at(question: str) -> tuple[str, str] | None:
    """The round an offer that arrived at the time the question gives falls in, read as Eastern
    time ("my offer came in at 12:07" is round 2), and the time as written; None when no time is
    given or it falls between rounds. Offers come only in the day, so a bare 12:07 is noon, 3:10 is
    p.m. and 9:15 a.m."""
    # (start, end, hour of the day): clocks whose hour is certain ("3:10 pm"), then bare ones
    certain = clock_readings(question)
    times = [(r.start, r.end, r.hour) for r in certain]
    for m in _BARE_CLOCK.finditer(question):
        if not any(r.start < m.end() and m.start() < r.end for r in certain):
            hour = int(m.group("hour"))
            # 1:30 and 6:20 are afternoon and evening: no offer comes at night
            times.append((m.start(), m.end(), hour + 12 if hour <= 8 else hour))
    times.sort()
    if len(times) > 1:
        # "in clinic till 1:30, the offer came at 3:10": the time said of the offer, or none
        times = [x for x in times if _ARRIVED_BEFORE.search(question[max(0, x[0] - 40) : x[0]])][:1]
    for start, end, hour in times:
        found = _ROUND_HOURS.get(hour)
        if found:
            return found, " ".join(question[start:end].split())
    return None


_ABOUT_THE_WEEK = re.compile(
    r"\b(?:soap|match|lup|eras|round|r[124]|offers?|unfilled|programs? (?:can|may|start))\b", re.IGNORECASE
)


def date_answer(
    question: str,
    now: dt.datetime | None = None,
    overrides: Mapping[str, str] | None = None,
    *,
    context: str = "",
) -> str | None:
    """A paragraph with the asked-about dates for the asked-about Match year, or None when the
    question is not asking when something happens. ``context``: the whole message, read for the
    student's time zone ("I'm in Seattle." before the question)."""
    if not asks_when(question) or not _ABOUT_THE_WEEK.search(question) or _HISTORY.search(question):
        return None
    week = _week_for(question, now, overrides)
    if week is None:
        return None
    topics = list(dict.fromkeys(milestone for milestone, pattern in _TOPICS if pattern.search(question)))
    named_round = any(pattern.search(question) for milestone, pattern in _TOPICS[:4])
    local = zone_the_student_is_in(f"{context} {question}")
    # (a time given on another zone's clock is not placed in a round: the rounds' times follow)
    arrived = None if named_round or local is not None or "round-1" not in topics else _offer_round_at(question)
    if arrived is not None:
        # "my offer came in at 12:07, when does it expire?": the round that time falls in, not round 1
        topics = [arrived[0] if t == "round-1" else t for t in topics]
    whole_week = (
        f"Match Week {week.year} runs {week.week_start:%A, %B} {week.week_start.day} to "
        f"{week.match_day:%A, %B} {week.match_day.day}, {week.year}: SOAP begins {format_et(week.soap_begins)} "
        f"and ends {format_et(week.soap_ends)}; Match Day is {format_et(week.match_day)}."
    )
    if not topics:
        lines = [whole_week]
    elif len(topics) == 1 and (topics[0] == "match-status" or not _ASKS_WEEK_START.search(question)):
        lines = [_milestone_line(week, week.milestone(topics[0])) + "."]
        if arrived is not None:
            lines[0] = f"An offer that came at {arrived[1]} Eastern time is in {lines[0][0].lower()}{lines[0][1:]}"
    else:
        # Several things asked at once ("start + end", "when does it start ... and Match Day?"): the
        # week's outline, then each other milestone asked about.
        lines = [whole_week] + [
            _milestone_line(week, week.milestone(t)) + "." for t in topics if t not in _IN_WHOLE_WEEK
        ]
    if local is not None:
        lines.append(_local_line(week, topics or ["match-status", "soap-ends", "match-day"], *local))
    if not week.confirmed:
        lines.append(
            f"These {week.year} dates are estimated: NRMP has not published the {week.year} schedule yet, so confirm "
            "them on nrmp.org (and see /timeline)."
        )
    else:
        lines.append("Confirm the schedule on nrmp.org; /timeline shows every milestone in your time zone.")
    return " ".join(lines)
