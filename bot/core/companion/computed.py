"""Answers that are a number worked out from the calendar or the application cap, not a sentence
found in the guidance: "LUP to first offers, hours?", "how many hours does SOAP last?", "sent 31
apps monday, how many more can i send?".

Each function returns one short paragraph that leads the answer, or None when the question is
not of its shape. The numbers come from the Match Week calendar of the year (``knowledge/calendar``,
estimated until NRMP publishes it) and from :data:`APPLICATION_CAP` (the guidance's own figure;
a test keeps them the same).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from bot.core.base.text import sentence_containing
from bot.core.companion.calendar import (
    as_eastern,
    default_year,
    format_et,
    load_calendar,
    now_utc,
    stated_moment,
)

#: SOAP applications per applicant, in total (``knowledge/applications.md``).
APPLICATION_CAP = 45

# ---- hours between two moments of the week ------------------------------------------------

#: "how many hours", "how long (is it) between", "hours?" at the end of a fragment.
_ASKS_DURATION = re.compile(
    r"\bhow\s+(?:many|much)\s+(?:hours?|hrs?|time)\b|\bhow\s+long\b|\bhours?\s*\?|\b(?:number of|total)\s+hours\b|"
    r"\b(?:hours?|hrs?)\s+(?:total|in total|elapse|pass|between|from)\b",
    re.IGNORECASE,
)
#: A moment of the week named in words, with the milestone it is ("the list" is the start of SOAP).
_MOMENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "match-day",
        re.compile(
            r"\bmatch\s+(?:day|results?)\b|\bresults?\s+(?:on|release|come out|are released|day)\b|"
            r"\brelease\s+of\s+(?:the\s+)?match\s+results\b|\bfriday\b",
            re.IGNORECASE,
        ),
    ),
    (
        "soap-ends",
        re.compile(
            r"\b(?:end|ending|close|closing|conclusion|finish)\s+(?:of\s+)?(?:the\s+)?soap\b|"
            r"\bsoap\s+(?:ends|closes|is over|finishes|concludes)\b|\bsoap['’]s\s+end\b|"
            r"\b(?:the\s+)?end(?:ing)?\s+on\s+thursday\b|"
            r"\bthursday\s+(?:at\s+)?(?:9|nine)\s*(?:p\.?m\.?|pm|at night)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "round-1",
        re.compile(
            r"\b(?:first|1st)\s+(?:offers?|offer\s+round|round)\b|\b(?:round|rd|r)\s*(?:1|one)\b|"
            r"\boffers?\s+(?:start|begin|come out|go out)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "programs-contact",
        re.compile(
            r"\bprograms?\s+(?:can\s+|may\s+)?(?:start\s+|begin\s+)?(?:to\s+)?"
            r"(?:contact|call|reach out|review|download)\w*\b",
            re.IGNORECASE,
        ),
    ),
    ("eras-opens", re.compile(r"\b(?:my\s*)?eras\s+(?:opens|reopens|opening)\b", re.IGNORECASE)),
    (
        "match-status",
        re.compile(
            r"\b(?:the\s+)?(?:lup|list\s+of\s+unfilled\s+programs|unfilled\s+(?:programs?\s+)?list)\b|"
            r"\b(?:the\s+)?list\s+(?:is\s+)?(?:released|comes out|coming out|goes live|going live|opens|opening|"
            r"drops|dropping)\b|"
            r"\b(?:start|starting|beginning|begin|opening)\s+(?:moment\s+|time\s+)?(?:of\s+soap|on\s+monday)\b|"
            r"\bsoap\s+(?:starts|begins|opens)\b|\bmatch\s+status\b|\bmonday\b",
            re.IGNORECASE,
        ),
    ),
)
#: SOAP from start to end, asked as one thing: "how many hours does SOAP last".
_SOAP_AS_A_WHOLE = re.compile(
    r"\bsoap\s+(?:is\s+)?(?:last|lasts|lasting|run|runs|running|take|takes|long)\b|"
    r"\b(?:whole|entire|all of)\s+(?:of\s+)?soap\b|\bhow\s+long\s+is\s+soap\b",
    re.IGNORECASE,
)


def _named_moments(question: str) -> list[str]:
    """The milestones the question names, in the order it names them, each once."""
    found: list[tuple[int, str]] = []
    for milestone_id, pattern in _MOMENTS:
        match = pattern.search(question)
        if match and milestone_id not in (m for _, m in found):
            found.append((match.start(), milestone_id))
    return [milestone_id for _, milestone_id in sorted(found)]


def _hours(start: dt.datetime, end: dt.datetime) -> str:
    hours = (end - start).total_seconds() / 3600
    if hours == 1:
        return "1 hour"
    return f"{hours:.0f} hours" if hours == round(hours) else f"{hours:.1f} hours"


#: How each moment is named in the note.
_NAMES = {
    "match-status": "SOAP begins and the List of Unfilled Programs opens",
    "eras-opens": "MyERAS opens for SOAP applications",
    "programs-contact": "programs may start contacting applicants",
    "round-1": "offer round 1",
    "soap-ends": "SOAP ends",
    "match-day": "Match Day results",
}


def hours_between_note(
    question: str, now: dt.datetime | None = None, overrides: Mapping[str, str] | None = None
) -> str | None:
    """ "From the list to the first offers, how many hours?": the hours between the two moments of
    Match Week the question names (or SOAP from start to end), from the calendar, in ET."""
    if not _ASKS_DURATION.search(question):
        return None
    named = _named_moments(question)
    whole = bool(_SOAP_AS_A_WHOLE.search(question))
    week = load_calendar(default_year(as_eastern(now or now_utc())), overrides)
    estimate = "" if week.confirmed else f" ({week.year} times are estimated until NRMP publishes them)"
    if len(named) == 1 and (stated := stated_moment(question, week)) is not None:
        # "it's wed 11pm eastern ... how long till offers start tmrw": from the moment the question
        # gives to the one it names.
        said, zone = stated
        until = week.milestone(named[0]).at
        given = f"the time you gave, in {zone} time" if zone else "the time you gave, read as ET"
        if said < until:
            return (
                f"{_hours(said, until)} to go: from {format_et(said)} ({given}) to "
                f"{format_et(until)} ({_NAMES[named[0]]}), by the {week.year} calendar{estimate}."
            )
        return (
            f"No time left: {format_et(until)} ({_NAMES[named[0]]}) is at or before {format_et(said)} "
            f"({given}), by the {week.year} calendar{estimate}."
        )
    if len(named) < 2:
        if not whole and named != ["soap-ends"]:
            return None
        named = ["match-status", "soap-ends"]
    first, second = sorted(named[:2], key=lambda m: week.milestone(m).at)
    start, end = week.milestone(first).at, week.milestone(second).at
    if first == "match-status" and second == "soap-ends":
        lead = f"SOAP lasts {_hours(start, end)}"
    else:
        lead = f"{_hours(start, end)} pass"
    return (
        f"{lead}: from {format_et(start)} ({_NAMES[first]}) to {format_et(end)} "
        f"({_NAMES[second]}), by the {week.year} calendar{estimate}."
    )


# ---- applications left under the cap -------------------------------------------------------

#: Asking how many applications are left: "how many more can I send", "how many I can still apply",
#: "how many apps do I have left" (not "how many more rounds").
_ASKS_HOW_MANY_LEFT = re.compile(
    r"\bhow\s+many\b(?![^.?!\n]{0,30}\b(?:rounds?|hours?|days?|offers?|interviews?)\b)"
    r"(?=[^.?!\n]{0,60}\b(?:more|left|still|remaining|else|additional)\b)"
    r"(?=[^.?!\n]{0,60}\b(?:apps?|applications?|programs?|send|apply|submit|use|add)\b)",
    re.IGNORECASE,
)
#: A count of applications already sent: "sent 31 apps", "applied to 22 FM and 17 IM programs",
#: "I've used 30 of them", "30 applications out".
_SENT_COUNT = re.compile(
    r"\b(?:sent|submitted|applied(?:\s+to)?|used|put in|did|fired off)\s+(?:out\s+)?(?:about\s+|around\s+|~\s*)?"
    r"(?P<a>\d{1,2})\b|"
    r"\b(?P<b>\d{1,2})\s+(?:(?:[\w/-]+|\w+\s+\w+)\s+)?(?:apps?|applications?|programs?)\b|"
    # "... and 5 more on Tuesday" (sent then, not asked about)
    r"\b(?:and|plus|then)\s+(?P<c>\d{1,2})\s+more\s+(?=(?:on\s+)?(?:mon|tues|wednes|thurs)day\b|"
    r"(?:yesterday|today|this morning|last night)\b)",
    re.IGNORECASE,
)
#: ... where the number is not a count sent ("45 applications" is the cap; "2 programs called me").
_NOT_SENT = re.compile(
    r"^\s*(?:have\s+|had\s+|already\s+)?(?:called|contacted|emailed|offered|interviewed|replied|invited|rejected)\b",
    re.IGNORECASE,
)

#: A sentence about the main Match season, whose counts are not SOAP applications ("I applied to 60
#: programs in the Match", "interviewed at 12 programs").
_MAIN_SEASON = re.compile(
    r"\b(?:main\s+(?:match|residency match|season)|in\s+the\s+match|interview\w*|last\s+(?:year|cycle)|"
    r"in\s+(?:september|october|the\s+fall)|rank(?:ed|ing)?|rol)\b",
    re.IGNORECASE,
)
#: A verb of sending before a bare "12 programs" ("I applied to 12 programs", "sent out 12 programs' worth").
_SENDING_BEFORE = re.compile(r"\b(?:sent|submitted|applied|apply|send|used|put in)\b[^.!?\n]{0,45}$", re.IGNORECASE)


def applications_left_note(question: str) -> str | None:
    """ "sent 31 apps monday, how many more can i send": the cap less the applications the question
    says were sent (every count it names, added up), or None."""
    if not _ASKS_HOW_MANY_LEFT.search(question):
        return None
    counts = []
    for match in _SENT_COUNT.finditer(question):
        number = int(match.group("a") or match.group("b") or match.group("c"))
        if number == APPLICATION_CAP or _NOT_SENT.match(question[match.end() :]):
            continue
        if _MAIN_SEASON.search(sentence_containing(question, match.start(), match.end())):
            continue  # the main Match's applications or interviews, not SOAP's
        bare_programs = match.group("b") and match.group(0).lower().rstrip("s").endswith("program")
        if bare_programs and not _SENDING_BEFORE.search(question[max(0, match.start() - 60) : match.start()]):
            continue  # "12 programs on my list" may not be 12 sent
        counts.append(number)
    if not counts:
        return None
    used = sum(counts)
    if used > APPLICATION_CAP:
        return (
            f"That adds up to {used} applications, more than the {APPLICATION_CAP} SOAP allows in total: "
            "check the count in MyERAS, which will not let you go over the limit."
        )
    left = APPLICATION_CAP - used
    parts = " + ".join(str(c) for c in counts) if len(counts) > 1 else str(used)
    return (
        f"You can send {left} more: SOAP allows {APPLICATION_CAP} applications in total, across all specialties and "
        f"all of the week, and you have used {parts}" + (f" = {used}" if len(counts) > 1 else "") + "."
    )
