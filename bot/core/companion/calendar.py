"""The Match Week calendar: milestones per year as data, and the phase of the week at any instant.

Each year lives in ``knowledge/calendar/<year>.toml`` (found by
:func:`bot.core.base.resources.calendar_dir`, so an installed package or ``CALENDAR_DIR`` works):
milestones with an Eastern wall-clock time and a source, and ``confirmed = false`` for a year
NRMP has not published yet (shown as such wherever the year appears). Times are converted to aware datetimes in
``America/New_York`` with :mod:`zoneinfo`, so daylight-saving time is applied for each date
(UTC-4 after the US switch on the second Sunday of March, UTC-5 before it). A year without a
file is estimated from the latest confirmed year (Match Day on the third Friday of March) and
is never marked confirmed.

Advisors may override dates for their server. Overrides are a flat mapping of strings (stored
as JSON in ``guild_settings.calendar_overrides``):

- ``"<year>:<milestone-id>"`` -> ``"YYYY-MM-DD HH:MM"`` (Eastern) moves one milestone; a round's
  end moves with its start.
- ``"<year>:monday"`` -> ``"YYYY-MM-DD"`` moves the whole week so that Monday falls on that date,
  keeping every time of day.

Keys without a ``<year>:`` prefix apply to whichever year is loaded. Use
:func:`set_calendar_override` to change them; it validates before saving.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from bot.core.base import resources
from bot.core.base.guild_config import GuildConfigs
from bot.core.base.match_week import DAY_INDEX, estimated_soap_monday, third_friday_of_march
from bot.core.base.time_zones import EASTERN as ET
from bot.core.base.time_zones import zone_the_student_is_in

log = logging.getLogger(__name__)

#: The milestones every year has, in order.
MILESTONE_IDS = (
    "match-status",
    "eras-opens",
    "programs-contact",
    "round-1",
    "round-2",
    "round-3",
    "round-4",
    "soap-ends",
    "match-day",
)
ROUND_IDS = ("round-1", "round-2", "round-3", "round-4")
PHASE_IDS = (
    "before-match-week",
    "match-week-before-soap",
    "soap-applications",
    "soap-interviews",
    "soap-offers",
    "after-soap",
    "after-match-day",
)
WEEK_KEY = "monday"
#: How long after Match Day /timeline keeps showing that year before moving to the next one.
SHOW_PAST_WEEK_DAYS = 60

CritiquePhase = Literal["during-soap", "after-soap", "before-soap"]


class CalendarError(ValueError):
    """A calendar file or an override is invalid; the message is written for the person fixing it."""


# ----- data types -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Milestone:
    id: str
    label: str
    at: dt.datetime  # aware, Eastern
    source: str
    ends_at: dt.datetime | None = None
    note: str = ""
    overridden: bool = False
    #: Seen on an NRMP (or AAMC) page for this year; false for a time carried over or inferred.
    confirmed: bool = True

    @property
    def unix(self) -> int:
        return int(self.at.timestamp())

    @property
    def unix_end(self) -> int | None:
        return int(self.ends_at.timestamp()) if self.ends_at else None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "at": self.at.isoformat(),
            "unix": self.unix,
            "ends_at": self.ends_at.isoformat() if self.ends_at else None,
            "source": self.source,
            "note": self.note,
            "overridden": self.overridden,
            "confirmed": self.confirmed,
        }


@dataclass(frozen=True)
class Phase:
    """Where Match Week stands at one instant.

    ``critique_phase`` is what the draft critique's contact rule should assume:

    - ``"during-soap"`` from Monday 00:00 ET of Match Week until SOAP ends (Thursday 9 p.m. ET
      in 2022–2026): a draft written on Monday morning is sent during SOAP, so the strict
      rule applies from the start of the week.
    - ``"after-soap"`` once SOAP has ended (after-soap, after-match-day).
    - ``"before-soap"`` before Match Week: contact with programs is ordinary relationship
      building, not yet restricted by the SOAP communication rule, so drafts are checked as after
      SOAP, except that the contact rule says when it will apply (a warning for a draft about
      SOAP or one that reads like outreach).
    """

    id: str
    label: str
    can_now: str
    critique_phase: CritiquePhase
    year: int
    confirmed: bool = True
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    #: When that year's SOAP ends (the contact rule lifts then).
    soap_ends_at: dt.datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "can_now": self.can_now,
            "critique_phase": self.critique_phase,
            "year": self.year,
            "confirmed": self.confirmed,
            "starts_at": self.starts_at.isoformat() if self.starts_at else None,
            "ends_at": self.ends_at.isoformat() if self.ends_at else None,
            "soap_ends_at": self.soap_ends_at.isoformat() if self.soap_ends_at else None,
        }


@dataclass(frozen=True)
class MatchWeek:
    year: int
    confirmed: bool
    milestones: tuple[Milestone, ...]
    summary: str = ""
    estimated_from: int | None = None
    overridden: tuple[str, ...] = field(default_factory=tuple)

    def milestone(self, milestone_id: str) -> Milestone:
        for m in self.milestones:
            if m.id == milestone_id:
                return m
        raise KeyError(milestone_id)

    @property
    def week_start(self) -> dt.datetime:
        """Monday 00:00 ET of Match Week."""
        first = self.milestone("match-status").at
        return first.replace(hour=0, minute=0, second=0, microsecond=0)

    @property
    def soap_begins(self) -> dt.datetime:
        return self.milestone("match-status").at

    @property
    def soap_ends(self) -> dt.datetime:
        return self.milestone("soap-ends").at

    @property
    def match_day(self) -> dt.datetime:
        return self.milestone("match-day").at

    @property
    def notices(self) -> list[str]:
        """Sentences every view of this year must show (unconfirmed dates, advisor overrides)."""
        texts = _phase_texts()["unconfirmed"]
        out = []
        if not self.confirmed:
            out.append(texts["notice"].format(year=self.year))
        if self.overridden:
            out.append(texts["overridden"].format(year=self.year))
        return out

    def next_milestone(self, now: dt.datetime) -> Milestone | None:
        """The first milestone that starts after ``now``."""
        now = as_eastern(now)
        return next((m for m in self.milestones if m.at > now), None)

    def current_milestone(self, now: dt.datetime) -> Milestone | None:
        """A milestone with a duration (an offer round) that is under way at ``now``."""
        now = as_eastern(now)
        return next((m for m in self.milestones if m.ends_at and m.at <= now < m.ends_at), None)

    def status_at(self, milestone: Milestone, now: dt.datetime) -> Literal["current", "next", "done", "ahead"]:
        """Where ``milestone`` stands at ``now``: under way (an open offer round), the next one,
        already started, or further ahead."""
        current, upcoming = self.current_milestone(now), self.next_milestone(now)
        if current is not None and milestone.id == current.id:
            return "current"
        if upcoming is not None and milestone.id == upcoming.id:
            return "next"
        return "done" if milestone.at <= as_eastern(now) else "ahead"

    def phase_at(self, now: dt.datetime) -> Phase:
        """The phase at ``now`` (aware; a naive datetime is read as the machine's local time)."""
        now = as_eastern(now)
        bounds = [
            ("before-match-week", None, self.week_start),
            ("match-week-before-soap", self.week_start, self.soap_begins),
            ("soap-applications", self.soap_begins, self.milestone("programs-contact").at),
            ("soap-interviews", self.milestone("programs-contact").at, self.milestone("round-1").at),
            ("soap-offers", self.milestone("round-1").at, self.soap_ends),
            ("after-soap", self.soap_ends, self.match_day),
            ("after-match-day", self.match_day, None),
        ]
        for phase_id, start, end in bounds:
            if (start is None or now >= start) and (end is None or now < end):
                return self._phase(phase_id, start, end, now)
        raise AssertionError("phases cover all time")  # pragma: no cover

    def _phase(self, phase_id: str, start: dt.datetime | None, end: dt.datetime | None, now: dt.datetime) -> Phase:
        texts = _phase_texts()[phase_id]
        values = self._format_values()
        label = texts["label"]
        if phase_id == "soap-offers":
            current = self.current_milestone(now)
            upcoming = next((m for m in self.milestones if m.id in ROUND_IDS and m.at > now), None)
            if current is not None:
                label = texts["label_round"]
                values.update(round=current.id[-1], round_ends=format_et(current.ends_at, date=False))  # type: ignore[arg-type]
            elif upcoming is not None:
                label = texts["label_between"]
                values.update(round=upcoming.id[-1], next_round_at=format_et(upcoming.at, date=False))
            else:
                label = texts["label_done"]
        can_now = texts["can_now"].format(**values)
        if not self.confirmed:
            can_now += " " + _phase_texts()["unconfirmed"]["notice"].format(year=self.year)
        critique: CritiquePhase = (
            "during-soap"
            if phase_id in ("match-week-before-soap", *SOAP_PHASES)
            else "before-soap"
            if phase_id == "before-match-week"
            else "after-soap"
        )
        return Phase(
            id=phase_id,
            label=label.format(**values),
            can_now=can_now,
            critique_phase=critique,
            year=self.year,
            confirmed=self.confirmed,
            starts_at=start,
            ends_at=end,
            soap_ends_at=self.soap_ends,
        )

    def _format_values(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "soap_begins": format_et(self.soap_begins),
            "programs_contact": format_et(self.milestone("programs-contact").at),
            "soap_ends": format_et(self.soap_ends),
            "match_day": format_et(self.match_day),
            "round": "",
            "round_ends": "",
            "next_round_at": "",
        }

    def to_json(self, now: dt.datetime | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "year": self.year,
            "confirmed": self.confirmed,
            "timezone": str(ET),
            "summary": self.summary,
            "notices": self.notices,
            "milestones": [m.to_json() for m in self.milestones],
        }
        if now is not None:
            nxt = self.next_milestone(now)
            current = self.current_milestone(now)
            data["now"] = as_eastern(now).isoformat()
            data["phase"] = self.phase_at(now).to_json()
            data["current_milestone"] = current.id if current else None
            data["next_milestone"] = nxt.id if nxt else None
        return data


SOAP_PHASES = ("soap-applications", "soap-interviews", "soap-offers")


# ----- formatting -----------------------------------------------------------------------------


def as_eastern(moment: dt.datetime) -> dt.datetime:
    """``moment`` in Eastern time; a naive datetime is taken as the machine's local time."""
    return moment.astimezone(ET)


def _clock(moment: dt.datetime) -> str:
    hour = moment.hour % 12 or 12
    suffix = "a.m." if moment.hour < 12 else "p.m."
    if moment.hour == 12 and moment.minute == 0:
        return "12:00 noon"
    return f"{hour}:{moment.minute:02d} {suffix}"


def format_et(moment: dt.datetime, *, date: bool = True) -> str:
    """``Monday, March 16, 10:00 a.m. ET`` (or ``10:00 a.m. ET`` with ``date=False``)."""
    local = as_eastern(moment)
    clock = f"{_clock(local)} ET"
    if not date:
        return clock
    return f"{local.strftime('%A, %B')} {local.day}, {clock}"


def format_local(
    moment: dt.datetime, tz: dt.tzinfo | None = None, *, date: bool = True, zone_name: str | None = None
) -> str:
    """The same instant in ``tz`` (default: this machine's time zone), with its zone name
    (``Thu, Mar 18, 6:00 a.m. PDT``, or ``6:00 a.m. PDT`` with ``date=False``); ``zone_name``
    replaces the zone's own abbreviation ("Pakistan time")."""
    local = moment.astimezone(tz)
    name = f"{zone_name} time" if zone_name else (local.tzname() or "")
    clock = f"{_clock(local)} {name}".strip()
    if not date:
        return clock
    return f"{local.strftime('%a, %b')} {local.day}, {clock}"


# ----- loading --------------------------------------------------------------------------------


def calendar_dir() -> Path:
    """The folder of calendar files (the built-in one, or ``CALENDAR_DIR``)."""
    return resources.calendar_dir()


def _phase_texts() -> dict[str, dict[str, str]]:
    return _phase_texts_in(calendar_dir())


@lru_cache(maxsize=4)
def _phase_texts_in(directory: Path) -> dict[str, dict[str, str]]:
    with (directory / "phases.toml").open("rb") as fh:
        data = tomllib.load(fh)
    missing = [p for p in PHASE_IDS if p not in data]
    if missing:
        raise CalendarError(f"phases.toml lacks {', '.join(missing)}")
    return data


def available_years(directory: Path | None = None) -> list[int]:
    directory = directory or calendar_dir()
    return sorted(int(p.stem) for p in directory.glob("*.toml") if p.stem.isdigit())


def _eastern(value: object, where: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        naive = value.replace(tzinfo=None)
    elif isinstance(value, str):
        try:
            naive = dt.datetime.fromisoformat(value.strip()).replace(tzinfo=None)
        except ValueError:
            raise CalendarError(f"{where}: {value!r} is not a date and time like 2026-03-16T10:00") from None
    else:
        raise CalendarError(f"{where}: expected a local date-time, got {value!r}")
    return naive.replace(tzinfo=ET)


@lru_cache(maxsize=16)
def _load_file(path: Path) -> MatchWeek:
    with path.open("rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise CalendarError(f"{path.name}: {exc}") from None
    year = data.get("year")
    if not isinstance(year, int) or str(year) != path.stem:
        raise CalendarError(f"{path.name}: 'year' must be {path.stem}")
    if not isinstance(data.get("confirmed"), bool):
        raise CalendarError(f"{path.name}: 'confirmed' must be true or false")
    milestones = []
    for i, raw in enumerate(data.get("milestone", [])):
        where = f"{path.name} milestone {i + 1}"
        for key in ("id", "label", "at", "source"):
            if not raw.get(key):
                raise CalendarError(f"{where}: '{key}' is required (every milestone carries a source)")
        milestones.append(
            Milestone(
                id=raw["id"],
                label=raw["label"],
                at=_eastern(raw["at"], where),
                source=raw["source"],
                ends_at=_eastern(raw["ends"], where) if raw.get("ends") else None,
                note=raw.get("note", ""),
                confirmed=bool(raw.get("confirmed", data["confirmed"])) and data["confirmed"],
            )
        )
    week = MatchWeek(year, data["confirmed"], tuple(milestones), data.get("summary", ""))
    _validate(week, path.name)
    return week


def _validate(week: MatchWeek, where: str) -> None:
    ids = tuple(m.id for m in week.milestones)
    if ids != MILESTONE_IDS:
        raise CalendarError(f"{where}: milestones must be, in order: {', '.join(MILESTONE_IDS)}")
    for earlier, later in zip(week.milestones, week.milestones[1:], strict=False):
        if later.at < earlier.at:
            raise CalendarError(f"{where}: {later.id} ({later.at:%Y-%m-%d %H:%M}) comes before {earlier.id}")
        if earlier.ends_at and earlier.ends_at > later.at:
            raise CalendarError(f"{where}: {earlier.id} ends after {later.id} starts")
    for m in week.milestones:
        if m.ends_at is not None and m.ends_at <= m.at:
            raise CalendarError(f"{where}: {m.id} ends before it starts")
    if week.match_day - week.soap_begins > dt.timedelta(days=7):
        raise CalendarError(f"{where}: Match Day must be within a week of the start of SOAP")


def _shift(week: MatchWeek, monday: dt.date, *, overridden: bool = False) -> MatchWeek:
    """``week`` moved so that Monday falls on ``monday``; wall-clock times are kept (DST-safe)."""
    days = (monday - week.soap_begins.date()).days

    def move(moment: dt.datetime | None) -> dt.datetime | None:
        if moment is None:
            return None
        naive = moment.replace(tzinfo=None) + dt.timedelta(days=days)
        return naive.replace(tzinfo=ET)

    milestones = tuple(
        replace(m, at=move(m.at), ends_at=move(m.ends_at), overridden=m.overridden or overridden)  # type: ignore[arg-type]
        for m in week.milestones
    )
    return replace(week, milestones=milestones)


def _estimate(year: int) -> MatchWeek:
    years = available_years()
    confirmed = [y for y in years if _load_file(calendar_dir() / f"{y}.toml").confirmed] or years
    if not confirmed:
        raise CalendarError("no Match Week calendar files found")
    earlier = [y for y in confirmed if y <= year]
    base_year = max(earlier) if earlier else min(confirmed)
    base = _load_file(calendar_dir() / f"{base_year}.toml")
    monday, friday = estimated_soap_monday(year), third_friday_of_march(year)
    shifted = _shift(base, monday)
    milestones = tuple(
        replace(
            m, source=f"Estimate from the {base_year} schedule (Match Day on the third Friday of March) — {m.source}"
        )
        for m in shifted.milestones
    )
    summary = (
        f"Match Week {year} is estimated from the {base_year} schedule "
        f"(Monday, {monday:%B} {monday.day} to Friday, {friday:%B} {friday.day}). NRMP has not confirmed these dates."
    )
    return replace(
        shifted, year=year, confirmed=False, milestones=milestones, summary=summary, estimated_from=base_year
    )


def builtin_week(year: int) -> MatchWeek:
    """The year's calendar from its file, or an estimate when there is none (never confirmed)."""
    path = calendar_dir() / f"{year}.toml"
    if path.is_file():
        return _load_file(path)
    years = available_years()
    if years and year < min(years):
        # The schedule changed over the years (see the timeline article): never project it backwards.
        raise CalendarError(
            f"I don't have the {year} Match Week schedule; the calendar starts with {min(years)}. "
            "The timeline article explains how the schedule changed over the years."
        )
    return _estimate(year)


def default_year(now: dt.datetime | None = None) -> int:
    """The Match Week that matters at ``now``: this year's until 60 days after its Match Day,
    then next year's."""
    now = as_eastern(now or now_utc())
    week = builtin_week(now.year)
    if now > week.match_day + dt.timedelta(days=SHOW_PAST_WEEK_DAYS):
        return now.year + 1
    return now.year


def _overrides_for(year: int, overrides: Mapping[str, str]) -> dict[str, str]:
    """The overrides that apply to ``year``: year-prefixed keys win over bare ones."""
    out: dict[str, str] = {}
    for key, value in overrides.items():
        if ":" not in key:
            out.setdefault(key.strip().lower(), value)
    for key, value in overrides.items():
        prefix, _, name = key.partition(":")
        if name and prefix.strip() == str(year):
            out[name.strip().lower()] = value
    return out


def _apply_overrides(week: MatchWeek, overrides: Mapping[str, str]) -> MatchWeek:
    mine = _overrides_for(week.year, overrides)
    if not mine:
        return week
    applied: list[str] = []
    if WEEK_KEY in mine:
        monday = parse_override_date(mine[WEEK_KEY])
        week = _shift(week, monday, overridden=True)
        applied.append(WEEK_KEY)
    milestones = list(week.milestones)
    for i, m in enumerate(milestones):
        if m.id not in mine:
            continue
        at = parse_override_time(mine[m.id])
        ends = at + (m.ends_at - m.at) if m.ends_at else None
        milestones[i] = replace(
            m, at=at, ends_at=ends, overridden=True, source=f"Set by your server's advisors (was: {m.source})"
        )
        applied.append(m.id)
    unknown = set(mine) - set(MILESTONE_IDS) - {WEEK_KEY}
    if unknown:
        raise CalendarError(f"unknown milestone(s): {', '.join(sorted(unknown))}")
    result = replace(week, milestones=tuple(milestones), overridden=tuple(applied))
    _validate(result, f"{week.year} with your server's changes")
    return result


def load_calendar(year: int | None = None, overrides: Mapping[str, str] | None = None) -> MatchWeek:
    """The Match Week of ``year`` (default: :func:`default_year` now), with a server's overrides.

    Stored overrides that no longer make sense (unknown ids, dates out of order) are ignored
    with a warning in the log, so a bad setting never breaks the timeline.
    """
    week = builtin_week(year if year is not None else default_year())
    if not overrides:
        return week
    try:
        return _apply_overrides(week, overrides)
    except CalendarError as exc:
        log.warning("calendar overrides ignored year=%d reason=%s", week.year, exc)
        return week


def now_utc() -> dt.datetime:
    """The current instant: the one clock every front end reads "now" from."""
    return dt.datetime.now(dt.UTC)


def current_phase(now: dt.datetime | None = None, guild_overrides: Mapping[str, str] | None = None) -> Phase:
    """THE phase of Match Week at ``now`` (default: :func:`now_utc`), with a server's overrides.

    The one place that decides whether it is before, during or after SOAP. Every front end
    asks it, and nothing else: the critique's default phase (``.critique_phase``), ``/draft``,
    ``/contacts`` and the "Now" of the timeline, in the console, the command line and Discord
    (:func:`guild_phase` reads a server's overrides and calls it). The phase is the calendar's
    alone: it never depends on what a draft says, so the same instant gives the same phase
    everywhere.
    """
    now = now or now_utc()
    return load_calendar(default_year(now), guild_overrides).phase_at(now)


# ----- advisor overrides ------------------------------------------------------------------------

_DATE_TIME = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})\s*(?:(a\.?m\.?|p\.?m\.?))?\s*(?:ET)?\s*$", re.I
)


def parse_override_time(text: str) -> dt.datetime:
    """``2027-03-15 10:00`` (24-hour, or with a.m./p.m.) as an Eastern instant."""
    m = _DATE_TIME.match(text or "")
    if not m:
        raise CalendarError(f"{text!r} is not a date and time like 2027-03-15 10:00 (Eastern time)")
    year, month, day, hour, minute = (int(g) for g in m.groups()[:5])
    meridiem = (m.group(6) or "").lower().replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            raise CalendarError(f"{text!r}: the hour must be 1–12 with a.m./p.m.")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    try:
        return dt.datetime(year, month, day, hour, minute, tzinfo=ET)
    except ValueError:
        raise CalendarError(f"{text!r} is not a real date and time") from None


def parse_override_date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat((text or "").strip())
    except ValueError:
        raise CalendarError(f"{text!r} is not a date like 2027-03-15") from None
    if day.weekday() != 0:
        raise CalendarError(f"{day.isoformat()} is a {day:%A}; Match Week starts on a Monday")
    return day


def override_keys() -> list[tuple[str, str]]:
    """(key, description) pairs an advisor can set, for menus and autocomplete."""
    week = builtin_week(max(available_years()))
    keys = [(WEEK_KEY, "Move the whole week (give the Monday's date)")]
    keys += [(m.id, m.label) for m in week.milestones]
    return keys


async def set_calendar_override(
    configs: GuildConfigs,
    guild_id: int,
    year: int,
    key: str,
    value: str | None,
    *,
    updated_by: int | None = None,
) -> MatchWeek:
    """Set (or with ``value=None`` remove) one override for ``year`` on a server and return the
    resulting week. ``key`` is a milestone id or ``"monday"``; ``value`` is Eastern time
    (``"2027-03-15 10:00"``, or a date for ``"monday"``). Raises :class:`CalendarError` with a
    message for the advisor when the result would be invalid; nothing is saved then."""
    key = key.strip().lower()
    if key not in MILESTONE_IDS and key != WEEK_KEY:
        raise CalendarError(f"Unknown milestone {key!r}; choose one of: {WEEK_KEY}, {', '.join(MILESTONE_IDS)}.")
    config = await configs.get(guild_id)
    current = dict(config.calendar_overrides) if config else {}
    name = f"{year}:{key}"
    if value is None or not value.strip():
        current.pop(name, None)
    else:
        if key == WEEK_KEY:
            monday = parse_override_date(value)
            value = monday.isoformat()
        else:
            at = parse_override_time(value)
            if not dt.date(year, 1, 1) <= at.date() <= dt.date(year, 12, 31):
                raise CalendarError(f"{value!r} is not in {year}.")
            value = at.strftime("%Y-%m-%d %H:%M")
        current[name] = value
    week = _apply_overrides(builtin_week(year), current)  # raises before anything is saved
    await configs.update(guild_id, updated_by, calendar_overrides=current)
    log.info("calendar override set guild=%s year=%d key=%s cleared=%s", guild_id, year, key, value is None)
    return week


async def clear_calendar_overrides(
    configs: GuildConfigs, guild_id: int, year: int | None = None, *, updated_by: int | None = None
) -> int:
    """Remove a server's overrides for ``year`` (or all years); returns how many were removed."""
    config = await configs.get(guild_id)
    current = dict(config.calendar_overrides) if config else {}
    keep = {k: v for k, v in current.items() if year is not None and not k.startswith(f"{year}:")}
    removed = len(current) - len(keep)
    if removed:
        await configs.update(guild_id, updated_by, calendar_overrides=keep)
    return removed


async def guild_week(configs: GuildConfigs, guild_id: int | None, year: int | None = None) -> MatchWeek:
    """The calendar a server sees: the built-in year with that server's overrides."""
    config = await configs.get(guild_id)
    return load_calendar(year, config.calendar_overrides if config else None)


async def guild_phase(configs: GuildConfigs, guild_id: int | None, now: dt.datetime | None = None) -> Phase:
    """:func:`current_phase` with the server's overrides (no server: the built-in calendar)."""
    config = await configs.get(guild_id)
    return current_phase(now, config.calendar_overrides if config else None)


# ----- "today" and "tomorrow" ---------------------------------------------------------------------

_RELATIVE_DAY = re.compile(r"\b(today|tonight|tomorrow|right now|this (?:morning|afternoon|evening))\b", re.I)


def milestones_on(week: MatchWeek, day: dt.date) -> list[Milestone]:
    """Milestones whose Eastern date is ``day``."""
    return [m for m in week.milestones if m.at.date() == day]


def relative_day_note(
    question: str,
    now: dt.datetime | None = None,
    overrides: Mapping[str, str] | None = None,
    *,
    near_match_week_only: bool = False,
) -> str | None:
    """For a question about "today" or "tomorrow": one short paragraph on what the calendar
    says about that day (Eastern time), or None when the question is not about a relative day.
    Far from Match Week the note says where things stand, or, with ``near_match_week_only``,
    is None (a story set on "Thursday at 12:40" asked in December needs no calendar)."""
    found = _RELATIVE_DAY.search(question or "")
    if not found:
        return None
    now_et = as_eastern(now or now_utc())
    week = load_calendar(default_year(now_et), overrides)
    tomorrow = found.group(1).lower() == "tomorrow"
    day = now_et.date() + dt.timedelta(days=1 if tomorrow else 0)
    phase = week.phase_at(now_et)
    lead = f"Now: {format_et(now_et)} — {phase.label}."
    if not week.week_start.date() - dt.timedelta(days=3) <= day <= week.match_day.date() + dt.timedelta(days=1):
        return None if near_match_week_only else f"{lead} {phase.can_now}"
    events = milestones_on(week, day)
    when = "Tomorrow" if tomorrow else "Today"
    if events:
        listed = "; ".join(f"{format_et(m.at, date=False)} {m.label}" for m in events)
        plan = f"{when} ({day:%A}, {day:%B} {day.day}): {listed}."
    else:
        plan = f"{when} ({day:%A}, {day:%B} {day.day}) has no scheduled Match Week milestone."
    if tomorrow:
        later = week.phase_at(dt.datetime.combine(day, dt.time(12), tzinfo=ET))
        return f"{lead} {plan} {later.can_now}"
    return f"{lead} {plan} {phase.can_now}"


#: A moment of Match Week stated in a question: a weekday and a clock time ("Thursday 17:30 ET",
#: "It's Thursday, 2:20 in the afternoon Eastern", "its monday 10:40", "thurs 8:05pm").
_STATED_MOMENT = re.compile(
    r"\b(?P<day>mon|tue|wed|thu|fri)(?:day|s|sday|nesday|rsday|rs|\.)?\b,?\s*(?:at\s+|@\s*|around\s+|,\s*)?"
    r"(?P<hour>[01]?\d|2[0-3])(?::?(?P<minute>[0-5]\d))?\s*"
    r"(?:(?P<half>a\.?m\b\.?|p\.?m\b\.?)|(?:in the |this )?(?P<part>morning|afternoon|evening|night)\b|"
    r"(?=\s*(?:h\b|hrs\b|et\b|est\b|edt\b|eastern\b|[.,;!?]|\s|$)))",
    re.IGNORECASE,
)
#: A round the question says has just closed ("rd 3 just closed w nothing", "round 2 came and went",
#: "r4 is over"; not "R3", the NRMP's system): the moment is that round's end.
_ROUND_CLOSED = re.compile(
    r"\b(?:(?:round|rd)\s*(?P<round>[1-4])|r(?P<short>[124]))\s+(?:just\s+|has\s+|already\s+|finally\s+)?"
    r"(?:closed|ended|finished|"
    r"is\s+over|came\s+and\s+went|wrapped\s+up|expired)\b",
    re.IGNORECASE,
)
_COUNT_WORDS = ("no", "one", "two", "three", "four")
#: ... asked about what holds at that moment ("which round is running right now", "can I still").
_ASKS_ABOUT_NOW = re.compile(
    r"\b(?:right now|rn|now|currently|at the moment|still|left|remaining|ahead|which round|what round|"
    r"how (?:long|much time) do i (?:have|get)|"
    r"any rounds?|what(?:'s| is) (?:happening|open|running|going on))\b",
    re.IGNORECASE,
)


def stated_moment_note(
    question: str, now: dt.datetime | None = None, overrides: Mapping[str, str] | None = None
) -> str | None:
    """For a question that says what moment of Match Week it is ("Thursday 17:30 ET. Which round
    is running?"): where the week stands then and what is still ahead that day, in ET, or None.
    A clock with no zone is read as Eastern, and the note says so."""
    if not _ASKS_ABOUT_NOW.search(question):
        return None
    found = _STATED_MOMENT.search(question)
    if not found:
        closed_round = list(_ROUND_CLOSED.finditer(question))
        if not closed_round:
            return None
        week = load_calendar(default_year(as_eastern(now or now_utc())), overrides)
        last = max(int(m.group("round") or m.group("short")) for m in closed_round)
        ends_at = week.milestone(f"round-{last}").ends_at
        return _moment_note(week, ends_at) if ends_at is not None else None
    week = load_calendar(default_year(as_eastern(now or now_utc())), overrides)
    moment = _moment_of(found, week)
    return _moment_note(week, moment) if moment is not None else None


def stated_moment(question: str, week: MatchWeek) -> tuple[dt.datetime, str | None] | None:
    """The moment of Match Week the question says it is ("it's wed 11pm eastern", "thursday 6pm
    pacific"), in ET, with the zone it was given in (None: read as Eastern), or None."""
    found = _STATED_MOMENT.search(question)
    moment = _moment_of(found, week) if found else None
    if moment is None:
        return None
    zone = zone_the_student_is_in(question)
    if zone is None:
        return moment, None
    return moment.replace(tzinfo=zone[0]).astimezone(ET), zone[1]


def _moment_of(found: re.Match[str], week: MatchWeek) -> dt.datetime | None:
    hour, minute = int(found.group("hour")), int(found.group("minute") or 0)
    half, part = (found.group("half") or "").lower(), (found.group("part") or "").lower()
    if half.startswith("p") or part in ("afternoon", "evening") or (part == "night" and hour >= 6):
        hour = hour % 12 + 12
    elif half.startswith("a") or part == "morning":
        hour %= 12
    elif not found.group("minute") or hour > 23:
        return None  # a bare number ("thursday 2") is not a time
    elif ":" not in found.group(0) and hour == 20 and int(found.group("minute")) <= 39:
        return None  # "Thursday 2026" is a year, not 8:26 p.m.
    day = week.week_start.date() + dt.timedelta(days=DAY_INDEX[found.group("day").lower()[:3]])
    return dt.datetime.combine(day, dt.time(hour % 24, minute), tzinfo=ET)


def _moment_note(week: MatchWeek, moment: dt.datetime) -> str:
    """Where the week stands at ``moment``: the phase, the round that last closed, what is still
    ahead that day (with how many offer rounds), and what the student can do now."""
    day = moment.date()
    phase = week.phase_at(moment)
    that_day = milestones_on(week, day)
    ahead = [m for m in that_day if m.at > moment]
    listed = "; ".join(f"{format_et(m.at, date=False)} {m.label}" for m in ahead)
    rounds = sum(1 for m in ahead if m.id in ROUND_IDS)
    more = f" ({_COUNT_WORDS[rounds]} more offer round{'s' if rounds != 1 else ''})" if rounds else ""
    later = f" Still ahead that day{more}: {listed}." if ahead else ""
    # "thursday 8:05pm, an offer came in round 4, how long do I have": the last round that closed
    closed = [(m.label, m.ends_at) for m in that_day if m.ends_at is not None and m.ends_at <= moment]
    ended = ""
    if closed:
        label, ends_at = closed[-1]
        ended = (
            f" {label.split(' (')[0]} closed at {format_et(ends_at, date=False)}: its offers that were not "
            "accepted have expired."
        )
    return f"At {format_et(moment)}: {phase.label}.{ended}{later} {phase.can_now}"
