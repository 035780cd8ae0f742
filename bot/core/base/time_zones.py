"""The time zones students write in: one table of US zones for the answers (times given in the
student's zone) and the contact-rule check (a time of writing converted to Eastern), and a table of
zones abroad, where international graduates schedule their emails, for the contact-rule check."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from bot.core.base.match_week import estimated_soap_monday

EASTERN = ZoneInfo("America/New_York")

#: A US time zone a text names ("I'm in LA", "central time", "5 p.m. PST"). Bare "PT", "CT" and "MT"
#: are left out (physical therapy, a CT scan); "PT time" counts.
US_TIME_ZONES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), zone, label)
    for pattern, zone, label in (
        (
            r"\b(?:pacific|pst|pdt|california|los angeles|san francisco|san diego|seattle|portland|oregon)\b|"
            r"\bin\s+(?-i:L\.?A)\b|\bpt\s+time\b",
            "America/Los_Angeles",
            "Pacific",
        ),
        (r"\b(?:mountain time|mst|mdt|denver|colorado|utah|salt lake)\b|\bmt\s+time\b", "America/Denver", "Mountain"),
        (r"\b(?:arizona|phoenix|tucson)\b", "America/Phoenix", "Arizona"),
        (
            r"\b(?:central|cst|cdt|chicago|texas|houston|dallas|austin|minnesota|st\.? louis)\b|\bct\s+time\b",
            "America/Chicago",
            "Central",
        ),
        (r"\b(?:alaska|anchorage|akst|akdt)\b", "America/Anchorage", "Alaska"),
        (r"\b(?:hawaii|honolulu|hst)\b", "Pacific/Honolulu", "Hawaii"),
    )
)


#: Zones abroad an international graduate schedules a send in ("Friday 6:00 AM IST", "8 am Lagos
#: time"): abbreviations that are not ambiguous in this setting, countries and large cities.
ABROAD_TIME_ZONES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), zone)
    for pattern, zone in (
        (r"\b(?:ist|india|chennai|mumbai|delhi|bangalore|bengaluru|hyderabad|kolkata)\b", "Asia/Kolkata"),
        (r"\b(?:pkt|pakistan|karachi|lahore|islamabad)\b", "Asia/Karachi"),
        (r"\b(?:wat|nigeria|lagos|abuja)\b", "Africa/Lagos"),
        (r"\b(?:kenya|nairobi|uganda|kampala|ethiopia|addis ababa)\b", "Africa/Nairobi"),
        (r"\b(?:gmt|bst|uk|london|ghana|accra)\b", "Europe/London"),
        (r"\b(?:cet|cest|berlin|paris|madrid|rome|warsaw|vienna)\b", "Europe/Berlin"),
        (r"\b(?:egypt|cairo)\b", "Africa/Cairo"),
        (r"\b(?:gulf|dubai|uae|abu dhabi)\b", "Asia/Dubai"),
        (r"\b(?:saudi|riyadh|jeddah)\b", "Asia/Riyadh"),
        (r"\b(?:pht|philippines|manila)\b", "Asia/Manila"),
        (r"\b(?:kst|korea|seoul)\b", "Asia/Seoul"),
        (r"\b(?:nepal|kathmandu)\b", "Asia/Kathmandu"),
        (r"\b(?:bangladesh|dhaka)\b", "Asia/Dhaka"),
        (r"\b(?:brazil|brasilia|sao paulo|são paulo)\b", "America/Sao_Paulo"),
    )
)


def named_zone_abroad(text: str) -> ZoneInfo | None:
    """The first zone abroad that ``text`` names."""
    for pattern, zone in ABROAD_TIME_ZONES:
        if pattern.search(text):
            return ZoneInfo(zone)
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
