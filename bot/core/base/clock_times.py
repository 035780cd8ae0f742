"""Clock times as people write them: "8:35 p.m.", "7 PM", and also without a.m. or p.m. when the
part of the day says it ("10:20 on Friday morning", "a quarter past one on Friday morning", "half
past eight in the evening", "nine o'clock tonight").

A time with neither a.m./p.m. nor a part of the day ("at 10:20") is ambiguous and not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.base.text import number_value

#: "a quarter past", "half past"; other minutes past or to the hour are numbers ("twenty past").
_FRACTIONS = {"a quarter": 15, "quarter": 15, "half": 30}
#: An hour of the clock, in digits or words.
HOUR = r"(?:1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

#: A clock with a.m. or p.m.: "8:35 p.m.", "7 PM", "nine p.m.".
_WITH_HALF = re.compile(
    rf"\b(?P<hour>{HOUR})(?::(?P<minute>[0-5]\d))?\s*(?P<half>a\.?m\b\.?|p\.?m\b\.?)", re.IGNORECASE
)
#: A clock without a.m. or p.m.: "10:20", "a quarter past one", "half past eight", "nine o'clock",
#: "eight thirty" (read only beside a part of the day).
_BARE = re.compile(
    rf"\b(?:(?P<past>a\s+quarter|quarter|half|twenty-five|twenty|ten|five)\s+(?P<rel>past|after|to|before)\s+"
    rf"(?P<hour_w>{HOUR})\b|(?P<hour_o>{HOUR})\s+o['’]?clock\b|"
    rf"(?P<hour_m>{HOUR})(?::(?P<minute>[0-5]\d)|\s+(?P<minute_w>fifteen|thirty|forty-five))\b|"
    rf"(?P<hour_d>1[0-2]|0?[1-9])\b(?!:\d|\s*(?:a\.?m|p\.?m|%|percent|hours?|minutes?|days?|rounds?|programs?|apps?)\b))",
    re.IGNORECASE,
)
#: The part of the day right after the clock ("on Friday morning", "in the evening", "tonight") ...
_PART_AFTER = re.compile(
    r"^[\s,]*(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?(?:in\s+the\s+|this\s+|at\s+|the\s+)?"
    r"(?P<part>morning|afternoon|evening|night|tonight)\b",
    re.IGNORECASE,
)
#: ... or right before it ("Friday morning at 10:20", "this evening, around 8:40").
_PART_BEFORE = re.compile(
    r"\b(?P<part>morning|afternoon|evening|night|tonight)\s*,?\s*(?:at|around|about|just after|just before|by)?\s*$",
    re.IGNORECASE,
)


#: Before a bare hour ("at 8 in the morning", "it's 9 tonight"): it is a time, not a count or a round.
_AT = re.compile(r"\b(?:at|around|about|by|till|until|it['’]?s|it is|since|after|before)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ClockReading:
    """A clock time found in text: where it is, the hour (0-23) and minute it means, and where the
    words after it begin (a zone is named there: "Manila time", "here in Lagos")."""

    start: int
    end: int
    hour: int
    minute: int
    after: int


def _number(word: str) -> int:
    return int(number_value(word))


def _hour_of_day(hour: int, part: str) -> int | None:
    part = part.lower()
    if part == "morning":
        return hour % 12
    if part in ("afternoon", "evening"):
        return hour % 12 + 12
    if part in ("night", "tonight"):
        # "nine at night" is 9 p.m.; "one at night" is 1 a.m.
        return hour % 12 + 12 if hour >= 6 else hour % 12
    return None


def clock_readings(text: str) -> list[ClockReading]:
    """Every clock time in ``text`` whose hour of the day is certain, in order."""
    found: list[ClockReading] = []
    taken: list[tuple[int, int]] = []
    for m in _WITH_HALF.finditer(text):
        hour = _number(m.group("hour")) % 12 + (12 if m.group("half").lower().startswith("p") else 0)
        found.append(ClockReading(m.start(), m.end(), hour, int(m.group("minute") or 0), m.end()))
        taken.append((m.start(), m.end()))
    for m in _BARE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        after = _PART_AFTER.match(text[m.end() : m.end() + 40])
        before = _PART_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
        said = after or before
        if said is None:
            continue
        part = said.group("part")
        if m.group("hour_w"):
            hour = _number(m.group("hour_w"))
            past_words = re.sub(r"\s+", " ", m.group("past").lower())
            past = _FRACTIONS.get(past_words) or _number(past_words)
            if m.group("rel").lower() in ("to", "before"):
                hour, minute = (hour - 2) % 12 + 1, 60 - past
            else:
                minute = past
        elif m.group("hour_o"):
            hour, minute = _number(m.group("hour_o")), 0
        elif m.group("hour_m"):
            hour = _number(m.group("hour_m"))
            minute = _number(m.group("minute") or m.group("minute_w"))
        elif _AT.search(text[max(0, m.start() - 12) : m.start()]):
            hour, minute = int(m.group("hour_d")), 0
        else:
            continue  # "round 1 this morning" is not one o'clock
        of_day = _hour_of_day(hour, part)
        if of_day is None:
            continue
        end = m.end() + (after.end() if after else 0)
        found.append(ClockReading(m.start(), m.end(), of_day, minute, end))
    return sorted(found, key=lambda r: r.start)
