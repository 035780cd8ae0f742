"""The time zones students write in: one table of US zones for the answers (times given in the
student's zone) and the contact-rule check (a time of writing converted to Eastern), and a table of
zones abroad, where international graduates schedule their emails, for the contact-rule check."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from bot.core.base.match_week import estimated_soap_monday

EASTERN = ZoneInfo("America/New_York")

#: A US time zone a text names ("I'm in LA", "central time", "5 p.m. PST", "CA based"). Bare "PT", "CT"
#: and "MT" are left out (physical therapy, a CT scan, Connecticut); "PT time" and "in PT" count.
US_TIME_ZONES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), zone, label)
    for pattern, zone, label in (
        (
            r"\b(?:pacific|pst|pdt|california|los angeles|san francisco|san diego|seattle|portland|oregon|fresno|"
            r"sacramento|oakland|san jose|las vegas|nevada|spokane)\b|"
            r"\bin\s+(?-i:L\.?A)\b|\bpt\s+time\b|(?-i:\bin PT\b|\bCA\b(?![-\s]?\d))",
            "America/Los_Angeles",
            "Pacific",
        ),
        (
            r"\b(?:mountain time|mst|mdt|denver|colorado|utah|salt lake|albuquerque|new mexico|boise|el paso)\b|"
            r"\bmt\s+time\b",
            "America/Denver",
            "Mountain",
        ),
        (r"\b(?:arizona|phoenix|tucson)\b", "America/Phoenix", "Arizona"),
        (
            r"\b(?:central|cst|cdt|chicago|texas|houston|dallas|austin|san antonio|minnesota|minneapolis|st\.? louis|"
            r"omaha|nebraska|kansas city|kansas|oklahoma|iowa|des moines|milwaukee|wisconsin|new orleans|louisiana|"
            r"memphis|nashville|alabama|birmingham|mississippi|arkansas|little rock)\b|\bct\s+time\b",
            "America/Chicago",
            "Central",
        ),
        (r"\b(?:alaska|anchorage|akst|akdt)\b", "America/Anchorage", "Alaska"),
        (r"\b(?:hawaii|honolulu|hst)\b", "Pacific/Honolulu", "Hawaii"),
    )
)


#: Zones abroad an international graduate writes in ("Friday 6:00 AM IST", "I'm in Lahore this
#: week"): abbreviations that are not ambiguous in this setting, countries and large cities, with
#: the name a reply gives the zone (Manila's own abbreviation, PST, would read as Pacific).
ABROAD_TIME_ZONES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), zone, label)
    for pattern, zone, label in (
        (r"\b(?:ist|india|chennai|mumbai|delhi|bangalore|bengaluru|hyderabad|kolkata)\b", "Asia/Kolkata", "India"),
        (r"\b(?:pkt|pakistan|karachi|lahore|islamabad)\b", "Asia/Karachi", "Pakistan"),
        (r"\b(?:wat|nigeria|lagos|abuja)\b", "Africa/Lagos", "Nigeria"),
        (r"\b(?:kenya|nairobi|uganda|kampala|ethiopia|addis ababa)\b", "Africa/Nairobi", "East Africa"),
        (r"\b(?:gmt|bst|uk|london|manchester|ghana|accra)\b", "Europe/London", "UK"),
        (r"\b(?:cet|cest|berlin|paris|madrid|rome|warsaw|vienna)\b", "Europe/Berlin", "Central European"),
        (r"\b(?:egypt|cairo)\b", "Africa/Cairo", "Egypt"),
        (r"\b(?:dubai|uae|abu dhabi)\b", "Asia/Dubai", "UAE"),
        (r"\b(?:saudi|riyadh|jeddah)\b", "Asia/Riyadh", "Saudi Arabia"),
        (r"\b(?:pht|philippines|manila)\b", "Asia/Manila", "Philippine"),
        (r"\b(?:kst|korea|seoul)\b", "Asia/Seoul", "Korea"),
        (r"\b(?:nepal|kathmandu)\b", "Asia/Kathmandu", "Nepal"),
        (r"\b(?:bangladesh|dhaka)\b", "Asia/Dhaka", "Bangladesh"),
        (r"\b(?:brazil|brasil|brasilia|bras[ií]lia|sao paulo|s[ãa]o paulo)\b", "America/Sao_Paulo", "Brazil"),
    )
)


def named_zone_abroad(text: str) -> ZoneInfo | None:
    """The first zone abroad that ``text`` names."""
    for pattern, zone, _ in ABROAD_TIME_ZONES:
        if pattern.search(text):
            return ZoneInfo(zone)
    return None


#: Words that put the student in a place ("I'm in Lahore", "here in Manila", "Pakistan time"),
#: rather than name where they come from ("an IMG from India").
_BEING_THERE = re.compile(
    r"\b(?:in|at|here|currently|now|back home|living|staying|visiting|nasa|em|estou)\s+(?:\w+\s+){0,2}?$|"
    # a greeting sent from where one is: "Good morning from Manila", "Boa noite from São Paulo"
    r"\b(?:good\s+(?:morning|afternoon|evening|night)|greetings|hello|boa\s+(?:noite|tarde)|bom\s+dia|"
    r"buen(?:as|os)\s+(?:noches|tardes|d[ií]as))\s+from\s+$",
    re.IGNORECASE,
)
#: Abbreviations that name a zone, not a country ("IST" does; "UK" and "UAE" may say where one studied).
_ZONE_ABBREVIATIONS = frozenset({"ist", "pkt", "wat", "gmt", "bst", "cet", "cest", "pht", "kst"})
_ZONE_AFTER = re.compile(r"^\W{0,3}(?:time|hours?|hor[áa]rio|oras)\b", re.IGNORECASE)


def zone_the_student_is_in(text: str) -> tuple[ZoneInfo, str] | None:
    """The time zone a student says they are in: a US zone (as ``named_us_zone``), or a zone abroad
    named where they are ("I'm in Lahore", "Pakistan time", "IST"), with its label."""
    return named_us_zone(text) or zone_abroad_the_student_is_in(text)


def zone_abroad_the_student_is_in(text: str) -> tuple[ZoneInfo, str] | None:
    """The zone abroad a student says they are in ("I'm in Lahore", "Pakistan time", "IST",
    "Good morning from Manila"), with its label; a US place they name is not looked at."""
    for pattern, zone, label in ABROAD_TIME_ZONES:
        for m in pattern.finditer(text):
            abbreviation = m.group(0).isupper() and m.group(0).lower() in _ZONE_ABBREVIATIONS
            before, after = text[max(0, m.start() - 30) : m.start()], text[m.end() : m.end() + 12]
            if abbreviation or _BEING_THERE.search(before) or _ZONE_AFTER.search(after):
                return ZoneInfo(zone), label
    return None


def named_us_zone(text: str) -> tuple[ZoneInfo, str] | None:
    """The first US time zone (other than Eastern) that ``text`` names, with its label."""
    for pattern, zone, label in US_TIME_ZONES:
        if pattern.search(text):
            return ZoneInfo(zone), label
    return None


def hours_behind_eastern_in_match_week(zone: dt.tzinfo, year: int) -> float:
    """How many hours ``zone``'s clock is behind Eastern on the Thursday of Match Week in ``year``
    (daylight time has begun by then; Arizona and Hawaii keep standard time); negative for a zone
    ahead of Eastern."""
    thursday = dt.datetime.combine(estimated_soap_monday(year) + dt.timedelta(days=3), dt.time(12))
    eastern = thursday.replace(tzinfo=EASTERN).utcoffset()
    local = thursday.replace(tzinfo=zone).utcoffset()
    assert eastern is not None and local is not None
    return (eastern - local).total_seconds() / 3600
