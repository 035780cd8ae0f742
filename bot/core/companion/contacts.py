"""The relationship tracker: the people a student deals with at programs, and the next step.

Each contact is one person at one program: their role, how the contact started, and the dates
of the interview and the latest messages each way. From that and the phase of Match Week,
:func:`suggest` proposes the next step with the etiquette behind it:

- an optional thank-you within a day of an interview (during SOAP a grey area: brief, in the
  program's own thread, or skipped);
- at most one polite follow-up when a conversation stalls: after most of a day during SOAP,
  after a few days otherwise;
- never cold contact during SOAP (the NRMP communication rule), but reply promptly once the
  program has reached out;
- reaching out freely once SOAP has ended, and staying in touch after Match.

Contacts are private to the student (``contacts`` table, removed by ``/privacy delete-my-data``).
All times are stored as UTC ISO strings; input is read as Eastern time.
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bot.core.base.store import Store
from bot.core.base.text import normalize
from bot.core.companion import calendar
from bot.core.companion.calendar import ET, Phase, as_eastern, builtin_week, format_et

log = logging.getLogger(__name__)

ROLES: dict[str, str] = {
    "coordinator": "coordinator",
    "program-director": "program director",
    "resident": "resident",
    "faculty": "faculty",
    "alumnus": "alumnus",
}
ORIGINS: dict[str, str] = {
    "program-reached-out": "the program reached out",
    "reached-out-not-applied": "a program I never applied to reached out",
    "met-before-soap": "met before SOAP",
    "after-soap": "after SOAP",
}
MAX_CONTACTS = 200
MAX_TEXT = {"program": 120, "person": 80, "notes": 500}
THANK_YOU_WITHIN = dt.timedelta(days=1)
#: Wait before one polite follow-up outside SOAP ...
FOLLOW_UP_AFTER = dt.timedelta(days=3)
#: ... and during SOAP, when the whole week is four days: most of a day.
FOLLOW_UP_AFTER_SOAP = dt.timedelta(hours=18)
#: A follow-up falling due at night is moved to this hour (Eastern).
FOLLOW_UP_EARLIEST_HOUR = 8
#: An unanswered message older than this is no longer suggested as needing a reply.
REPLY_STALE_AFTER = dt.timedelta(days=7)

ContactedFirst = Literal["yes", "no", "unknown"]


class ContactError(ValueError):
    """Bad input for the tracker; the message is written for the student."""


class WhenUnclear(ContactError):
    """A typed time that may not mean what it says: "today 2pm" for an interview at 3 p.m.
    (already passed). ``choices`` are the readings to offer (the literal one first); a front end
    that can ask does so, the others show the message, which says how to be explicit."""

    def __init__(self, message: str, choices: list[dt.datetime]) -> None:
        super().__init__(message)
        self.choices = choices


#: Which way a weekday or "today" points: the coming one (an interview), the latest one (a
#: message already sent or received), or the nearest, up to three days either way.
Expect = Literal["future", "past", "nearest"]


# ----- records ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    id: int
    user_id: int
    program: str
    person: str
    role: str
    origin: str
    interview_at: dt.datetime | None = None
    last_sent_at: dt.datetime | None = None
    last_received_at: dt.datetime | None = None
    follow_ups_sent: int = 0
    thank_you_sent: bool = False
    notes: str = ""

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    @property
    def origin_label(self) -> str:
        return ORIGINS.get(self.origin, self.origin)

    @property
    def contacted_first(self) -> Literal["yes", "no"]:
        """ "yes" when the program started the contact in a way the rule allows: the student
        recorded that the program reached out, or recorded a message from the program sent once
        programs may contact applicants (Tuesday of Match Week, 8:00 a.m. ET, in recent years).
        Before Match Week, messages are ordinary relationship building; a message from a program
        the student never applied to, or one that came too early, is not permission to reply."""
        if self.rule_problem is not None:
            return "no"
        if self.origin == "program-reached-out":
            return "yes"
        received = self.last_received_at
        if (
            received is not None
            and received >= builtin_week(as_eastern(received).year).milestone("programs-contact").at
        ):
            return "yes"
        return "no"

    @property
    def rule_problem(self) -> Literal["not-applied", "early"] | None:
        """Contact the program itself should not have made: "not-applied" (the student never
        applied to it) or "early" (it wrote during SOAP before programs may contact applicants).
        Both are reported to the NRMP, not answered."""
        if self.origin == "reached-out-not-applied":
            return "not-applied"
        received = self.last_received_at
        if received is not None and self.origin != "program-reached-out":
            week = builtin_week(as_eastern(received).year)
            if week.soap_begins <= received < week.milestone("programs-contact").at:
                return "early"
        return None

    def dated_facts(self) -> list[tuple[str, dt.datetime]]:
        """(label, when) for the interview and the latest message each way, when recorded."""
        pairs = (
            ("Interview", self.interview_at),
            ("Their last message", self.last_received_at),
            ("Your last message", self.last_sent_at),
        )
        return [(label, moment) for label, moment in pairs if moment is not None]

    def facts(self, when: Callable[[dt.datetime], str]) -> list[str]:
        """How it started, dated events (timestamps formatted by ``when``), thank-you and follow-ups."""
        bits = [f"Started: {self.origin_label}"]
        bits += [f"{label}: {when(moment)}" for label, moment in self.dated_facts()]
        if self.thank_you_sent:
            bits.append("Thank-you sent")
        if self.follow_ups_sent:
            bits.append(f"Follow-ups: {self.follow_ups_sent}")
        return bits

    @property
    def title(self) -> str:
        return f"{self.person} ({self.role_label}) — {self.program}"

    def to_json(self) -> dict[str, Any]:
        def iso(moment: dt.datetime | None) -> str | None:
            return moment.isoformat() if moment else None

        return {
            "id": self.id,
            "program": self.program,
            "person": self.person,
            "role": self.role,
            "origin": self.origin,
            "interview_at": iso(self.interview_at),
            "last_sent_at": iso(self.last_sent_at),
            "last_received_at": iso(self.last_received_at),
            "follow_ups_sent": self.follow_ups_sent,
            "thank_you_sent": self.thank_you_sent,
            "notes": self.notes,
            "contacted_first": self.contacted_first,
        }


def _parse_stored(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _stored(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).isoformat(timespec="minutes") if moment else None


def contact_from_row(row: Any) -> Contact:
    return Contact(
        id=int(row["id"]),
        user_id=int(row["user_id"]),
        program=row["program"],
        person=row["person"],
        role=row["role"],
        origin=row["origin"],
        interview_at=_parse_stored(row["interview_at"]),
        last_sent_at=_parse_stored(row["last_sent_at"]),
        last_received_at=_parse_stored(row["last_received_at"]),
        follow_ups_sent=int(row["follow_ups_sent"] or 0),
        thank_you_sent=bool(row["thank_you_sent"]),
        notes=row["notes"] or "",
    )


# ----- input ------------------------------------------------------------------------------------


def choose(value: str, options: Mapping[str, str], what: str) -> str:
    """An option id from its id or label ("program director" -> "program-director")."""
    key = " ".join(str(value or "").lower().replace("_", " ").split())
    for option, label in options.items():
        if key in (option, option.replace("-", " "), label.lower()):
            return option
    raise ContactError(f"Choose the {what} from: {', '.join(options.values())}.")


def clean_text(value: object, field: str, *, required: bool = False) -> str:
    """``program``, ``person`` or ``notes`` as stored (spaces tidied), or ContactError when it
    is missing (``required``) or too long. Front ends call it to check a field as it is typed."""
    text = " ".join(normalize(str(value or "")).split())
    if required and not text:
        raise ContactError(f"Give the {field}.")
    if len(text) > MAX_TEXT[field]:
        raise ContactError(f"The {field} is {len(text)} characters; please keep it under {MAX_TEXT[field]}.")
    return text


_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?$", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _parse_clock(text: str) -> dt.time:
    m = _TIME.match(text.strip().replace("noon", "12pm"))
    if not m:
        raise ContactError(f"I couldn't read the time {text!r}; write it like 14:30 or 2:30 pm (Eastern).")
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    meridiem = (m.group(3) or "").lower().replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            raise ContactError(f"{text!r}: with a.m./p.m. the hour is 1–12.")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ContactError(f"{text!r} is not a time of day.")
    return dt.time(hour, minute)


def parse_when(text: str | None, now: dt.datetime | None = None, *, expect: Expect = "nearest") -> dt.datetime | None:
    """A date and time the student typed, read as Eastern time.

    Accepts ``now``; ``today``/``yesterday``/``tomorrow`` with an optional time; a weekday name
    with an optional time; ``2026-03-17 14:30``; ``3/17 2pm``. A date without a time means
    12:00 noon; ``today``/``yesterday`` without a time mean this time of day. Returns None for
    empty input.

    ``expect`` says which day a weekday means: ``"future"`` the coming one ("wed 10am" on a
    Friday is next Wednesday: an interview), ``"past"`` the latest one (a message sent or
    received), ``"nearest"`` the nearest, up to three days either way. With ``"future"`` (or
    ``"past"``), a time today that has already passed (or is still ahead) raises
    :class:`WhenUnclear`, since it may be a slip; a written date is always taken as written.
    """
    raw = " ".join((text or "").strip().lower().split())
    if not raw:
        return None
    now_et = as_eastern(now or calendar.now_utc())
    if raw in ("now", "just now"):
        return now_et
    day_part, _, clock_part = raw.partition(" ")
    if day_part in ("at", "on"):
        return parse_when(clock_part, now, expect=expect)
    day: dt.date | None = None
    relative = False  # "today" or a weekday: a reading that depends on what is meant
    if day_part in ("today", "yesterday", "tomorrow"):
        day = now_et.date() + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[day_part])
        if not clock_part:
            return dt.datetime.combine(day, now_et.time().replace(second=0, microsecond=0), tzinfo=ET)
        relative = day_part == "today"
    elif day_part.rstrip(",") in _WEEKDAYS or day_part[:3] in {w[:3] for w in _WEEKDAYS} and len(day_part) <= 4:
        target = next(i for i, w in enumerate(_WEEKDAYS) if w.startswith(day_part.rstrip(",")[:3]))
        delta = (target - now_et.weekday()) % 7
        if expect == "past":
            delta = delta - 7 if delta else 0
        elif expect == "nearest":
            delta = delta - 7 if delta > 3 else delta
        day = now_et.date() + dt.timedelta(days=delta)
        relative = True
    else:
        iso = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](.+))?$", raw)
        us = re.match(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?(?:,?\s+(.+))?$", raw)
        try:
            if iso:
                day = dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
                clock_part = iso.group(4) or ""
            elif us:
                year = int(us.group(3)) if us.group(3) else now_et.year
                year = year + 2000 if year < 100 else year
                day = dt.date(year, int(us.group(1)), int(us.group(2)))
                clock_part = us.group(4) or ""
        except ValueError:
            raise ContactError(f"{text!r} is not a real date.") from None
    if day is None:
        raise ContactError(
            f"I couldn't read {text!r} as a date. Try 'today 2pm', 'yesterday', 'tue 9:30', "
            "'2026-03-17 14:30' or '3/17 2pm' (Eastern time)."
        )
    clock = _parse_clock(clock_part.replace("et", "").strip()) if clock_part.strip() else dt.time(12, 0)
    moment = dt.datetime.combine(day, clock, tzinfo=ET)
    if relative and day == now_et.date() and expect in ("future", "past"):
        passed = moment < now_et
        if passed == (expect == "future"):
            other = moment + dt.timedelta(days=7 if expect == "future" else -7)
            choices = [moment] if day_part == "today" else [moment, other]
            state = "has already passed" if passed else "is still ahead"
            raise WhenUnclear(
                f"{format_et(moment)} {state}. To mean it anyway, write the date "
                f"(e.g. '{moment.month}/{moment.day} {_clock_text(moment)}'); or name another day.",
                choices,
            )
    return moment


def _clock_text(moment: dt.datetime) -> str:
    return f"{moment.hour % 12 or 12}:{moment.minute:02d}{'am' if moment.hour < 12 else 'pm'}"


# ----- fuzzy program names -----------------------------------------------------------------------

_ABBREVIATIONS = {
    "im": ("internal", "medicine"),
    "fm": ("family", "medicine"),
    "em": ("emergency", "medicine"),
    "peds": ("pediatrics",),
    "gs": ("general", "surgery"),
    "psych": ("psychiatry",),
    "obgyn": ("obstetrics", "gynecology"),
    "ob": ("obstetrics",),
    "gyn": ("gynecology",),
    "st": ("saint",),
    "univ": ("university",),
    "u": ("university",),
    "hosp": ("hospital",),
    "med": ("medical",),
    "ctr": ("center",),
    "centre": ("center",),
    "prelim": ("preliminary",),
    "ty": ("transitional",),
}
_STOP = {"the", "of", "at", "and", "program", "programs", "residency", "residencies", "in", "for", "a", "an"}
SPECIALTY_WORDS = frozenset(
    {
        "internal",
        "medicine",
        "family",
        "emergency",
        "pediatrics",
        "surgery",
        "surgical",
        "general",
        "psychiatry",
        "neurology",
        "radiology",
        "anesthesiology",
        "pathology",
        "obstetrics",
        "gynecology",
        "transitional",
        "preliminary",
        "categorical",
        "dermatology",
        "urology",
        "orthopaedic",
        "orthopedic",
        "ophthalmology",
        "otolaryngology",
        "physical",
        "rehabilitation",
        "medicine-pediatrics",
        "pgy1",
        "pgy-1",
        "pgy2",
        "year",
    }
)


def program_tokens(name: str) -> set[str]:
    """Lower-case content words of a program name, abbreviations expanded, stop words dropped."""
    text = normalize(name).lower().replace("&", " and ").replace("/", " ")
    text = text.replace("ob-gyn", "obgyn").replace("ob gyn", "obgyn")
    tokens: set[str] = set()
    for raw in re.findall(r"[a-z0-9\u00c0-\u024f'-]+", text):
        word = re.sub(r"'s?$", "", raw.strip("'-"))
        if not word or word in _STOP:
            continue
        tokens.update(_ABBREVIATIONS.get(word, (word,)))
    return tokens


def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= 4 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def programs_match(a: str, b: str) -> bool:
    """Whether two names plausibly mean the same program (case-insensitive, fuzzy).

    The distinctive words of the shorter name ("Cedar Ridge") must all appear, allowing small
    typos, in the other; specialty words must not conflict ("Cedar Ridge IM" is not "Cedar Ridge
    Family Medicine"); a name made only of specialty words matches only itself.
    """
    ta, tb = program_tokens(a), program_tokens(b)
    if not ta or not tb:
        return False
    sa, sb = ta & SPECIALTY_WORDS, tb & SPECIALTY_WORDS
    if sa and sb and sa != sb:
        return False
    da, db = ta - SPECIALTY_WORDS, tb - SPECIALTY_WORDS
    if not da or not db:
        return ta == tb
    small, big = (da, db) if len(da) <= len(db) else (db, da)
    return all(any(_close(t, u) for u in big) for t in small)


# ----- storage ----------------------------------------------------------------------------------


async def list_contacts(store: Store, user_id: int) -> list[Contact]:
    rows = await store.fetchall(
        "SELECT * FROM contacts WHERE user_id = ? ORDER BY program COLLATE NOCASE, id", (user_id,)
    )
    return [contact_from_row(r) for r in rows]


async def get_contact(store: Store, user_id: int, contact_id: int) -> Contact:
    row = await store.fetchone("SELECT * FROM contacts WHERE user_id = ? AND id = ?", (user_id, contact_id))
    if row is None:
        raise ContactError(f"You have no contact #{contact_id}. Use the contact list to see your contacts' numbers.")
    return contact_from_row(row)


async def find_contacts(store: Store, user_id: int, program: str) -> list[Contact]:
    """The student's contacts at ``program`` (fuzzy, case-insensitive name match)."""
    return [c for c in await list_contacts(store, user_id) if programs_match(program, c.program)]


async def contacted_first_for(store: Store, user_id: int, program: str) -> ContactedFirst:
    """Whether ``program`` contacted the student first, from their tracked contacts.

    "yes" when any contact at that program started with the program reaching out (or holds a
    message from the program during Match Week) — once any representative of a program has
    made contact, the student may communicate with that program; "no" when the student has
    contacts there but none shows the program reaching out (their own idea, or people met
    before SOAP); "unknown" when no contact matches.
    """
    matches = await find_contacts(store, user_id, program)
    if not matches:
        return "unknown"
    return "yes" if any(c.contacted_first == "yes" for c in matches) else "no"


async def applied_for(store: Store, user_id: int, program: str) -> Literal["no", "unknown"]:
    """Whether the student applied to ``program``, as far as their tracked contacts tell: "no"
    when a contact there records that a program they never applied to reached out; otherwise
    "unknown" (the tracker does not record applications). The critique's ``applied`` answer."""
    matches = await find_contacts(store, user_id, program)
    return "no" if any(c.rule_problem == "not-applied" for c in matches) else "unknown"


async def add_contact(
    store: Store,
    user_id: int,
    *,
    program: str,
    person: str,
    role: str,
    origin: str,
    interview_at: dt.datetime | None = None,
    last_sent_at: dt.datetime | None = None,
    last_received_at: dt.datetime | None = None,
    notes: str = "",
) -> Contact:
    program = clean_text(program, "program", required=True)
    person = clean_text(person, "person", required=True)
    role_id = choose(role, ROLES, "role")
    origin_id = choose(origin, ORIGINS, "way the contact started")
    notes = clean_text(notes, "notes")
    row = await store.fetchone("SELECT COUNT(*) FROM contacts WHERE user_id = ?", (user_id,))
    if row and row[0] >= MAX_CONTACTS:
        raise ContactError(f"You can track up to {MAX_CONTACTS} contacts; remove some you no longer need.")
    now = time.time()
    contact_id = await store.execute(
        "INSERT INTO contacts (user_id, program, person, role, origin, interview_at, last_sent_at, "
        "last_received_at, follow_ups_sent, thank_you_sent, notes, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)",
        (
            user_id,
            program,
            person,
            role_id,
            origin_id,
            _stored(interview_at),
            _stored(last_sent_at),
            _stored(last_received_at),
            notes,
            now,
            now,
        ),
    )
    log.info("contact added user=%s contact=%s", user_id, contact_id)
    return await get_contact(store, user_id, contact_id)


_UPDATABLE = (
    "program",
    "person",
    "role",
    "origin",
    "interview_at",
    "last_sent_at",
    "last_received_at",
    "follow_ups_sent",
    "thank_you_sent",
    "notes",
)


async def update_contact(store: Store, user_id: int, contact_id: int, **changes: Any) -> Contact:
    """Change the given fields (None leaves a field alone). Dates are datetimes; pass
    ``clear=("interview_at", ...)`` to empty date fields."""
    current = await get_contact(store, user_id, contact_id)
    clear = set(changes.pop("clear", ()) or ())
    unknown = (set(changes) | clear) - set(_UPDATABLE)
    if unknown:
        raise ContactError(f"Unknown contact field(s): {', '.join(sorted(unknown))}.")
    values: dict[str, Any] = {}
    for key, value in changes.items():
        if value is None:
            continue
        if key in ("program", "person"):
            values[key] = clean_text(value, key, required=True)
        elif key == "notes":
            values[key] = clean_text(value, key)
        elif key == "role":
            values[key] = choose(value, ROLES, "role")
        elif key == "origin":
            values[key] = choose(value, ORIGINS, "way the contact started")
        elif key in ("interview_at", "last_sent_at", "last_received_at"):
            values[key] = _stored(value)
        elif key == "follow_ups_sent":
            values[key] = max(0, int(value))
        elif key == "thank_you_sent":
            values[key] = int(bool(value))
    for key in clear:
        if key in ("interview_at", "last_sent_at", "last_received_at", "notes"):
            values[key] = None if key != "notes" else ""
    if not values:
        return current
    assignments = ", ".join(f"{key} = ?" for key in values)
    await store.execute(
        f"UPDATE contacts SET {assignments}, updated_at = ? WHERE user_id = ? AND id = ?",
        (*values.values(), time.time(), user_id, contact_id),
    )
    log.info("contact updated user=%s contact=%s fields=%d", user_id, contact_id, len(values))
    return await get_contact(store, user_id, contact_id)


async def record_sent(store: Store, user_id: int, contact_id: int, kind: str, at: dt.datetime | None = None) -> Contact:
    """Note that the student sent a message of ``kind`` (a thank-you, a follow-up or a reply)."""
    current = await get_contact(store, user_id, contact_id)
    at = at or calendar.now_utc()
    changes: dict[str, Any] = {"last_sent_at": at}
    if kind == "thank-you":
        changes["thank_you_sent"] = True
    elif kind == "follow-up":
        changes["follow_ups_sent"] = current.follow_ups_sent + 1
    return await update_contact(store, user_id, contact_id, **changes)


async def remove_contact(store: Store, user_id: int, contact_id: int) -> bool:
    removed = await store.execute("DELETE FROM contacts WHERE user_id = ? AND id = ?", (user_id, contact_id))
    if removed:
        await store.execute(
            "DELETE FROM reminders WHERE user_id = ? AND milestone = ? AND status = 'pending'",
            (user_id, f"thank-you:{contact_id}"),
        )
    return bool(removed)


# ----- suggestions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """The next step for one contact: what to do, why (the etiquette), and the draft kind that fits."""

    key: str
    action: str
    why: str
    draft_kind: str | None = None
    due_at: dt.datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "action": self.action,
            "why": self.why,
            "draft_kind": self.draft_kind,
            "due_at": self.due_at.isoformat() if self.due_at else None,
        }


WHY = {
    "report-not-applied": (
        "During SOAP a program may contact only applicants who applied to it, and contact from one you never "
        "applied to must be reported to the NRMP (tell your dean's office too). If you want that program, apply "
        "through ERAS first and wait for it to contact you."
    ),
    "report-early": (
        "Programs may contact SOAP applicants only once they have the application and programs may start "
        "(Tuesday of Match Week, 8:00 a.m. ET, in recent years); earlier contact breaks the rule. Report it to the "
        "NRMP and ask your dean's office how to handle it."
    ),
    "no-cold-contact": (
        "During SOAP neither you nor anyone for you (a dean, advisor or mentor) may start contact with a "
        "program until it contacts you; replying once it has is fine (NRMP SOAP communication rule)."
    ),
    "reply": "They contacted you, so replying is allowed — and during SOAP programs move on quickly.",
    "prepare": (
        "SOAP interviews are short phone or video calls; being ready and on time matters more than anything you send."
    ),
    "thank-you": "A brief thank-you within a day of an interview is courteous; keep it short.",
    "thank-you-soap": (
        "During SOAP a thank-you is optional and a grey area: the rule lets you communicate with a program "
        "once it has contacted you, but doesn't say how far follow-ups may go, and some guides say not to "
        "send them. Skipping it won't hurt you. If you send one, do it within a day: brief, to the people "
        "who interviewed you, in the same thread, with no asks and no promise to accept or rank."
    ),
    "thanked": "One thank-you is enough; the next move is theirs.",
    "thank-you-late": (
        "A thank-you is best within a day; a later one is optional. If you send it, send just one and keep it brief."
    ),
    "wait": "Give people a few days to answer; one polite follow-up after that is fine, more reads as pushy.",
    "wait-soap": (
        "During SOAP, give the program most of a day to answer; if the conversation it started stalls, one "
        "polite follow-up in the same thread is fine. More reads as pushy."
    ),
    "follow-up": "At most one polite follow-up after a few days without a reply; after that, let it rest.",
    "follow-up-soap": (
        "At most one polite follow-up, in the thread the program started: restate your availability, thank "
        "them and stop — no new updates or asks. After that, let it rest."
    ),
    "no-more-follow-ups": "You have already followed up once: a second nudge reads as pushy. Wait for their reply.",
    "waiting-for-program": "The program started this conversation; answer quickly whenever they write.",
    "reach-out": "Once SOAP has ended, you may contact unfilled programs freely (NRMP SOAP communication rule).",
    "relationship": (
        "Before Match Week, keeping in touch is ordinary relationship building; the SOAP rule applies only "
        "while SOAP runs."
    ),
    "stay-in-touch": (
        "Relationships outlast Match Week: a short update and a thank-you keep doors open for your career."
    ),
}

_REPLY_KIND = {
    "coordinator": "coordinator-email",
    "program-director": "program-director-email",
    "resident": "resident-message",
    "faculty": "program-director-email",
    "alumnus": "resident-message",
}


def reply_kind(role: str) -> str:
    """The draft kind for a message to someone in ``role``."""
    return _REPLY_KIND.get(role, "coordinator-email")


def _soap_rule_applies(phase: Phase) -> bool:
    return phase.critique_phase == "during-soap"


def follow_up_at(sent: dt.datetime, *, during_soap: bool) -> dt.datetime:
    """When one polite follow-up becomes reasonable after a message sent at ``sent``: most of a
    day later during SOAP (moved to 8 a.m. ET if that falls at night), a few days otherwise."""
    if not during_soap:
        return sent + FOLLOW_UP_AFTER
    due = as_eastern(sent + FOLLOW_UP_AFTER_SOAP)
    morning = due.replace(hour=FOLLOW_UP_EARLIEST_HOUR, minute=0, second=0, microsecond=0)
    if due.hour < FOLLOW_UP_EARLIEST_HOUR:
        return morning
    if due.hour >= 22:
        return morning + dt.timedelta(days=1)
    return due


def suggest(contact: Contact, phase: Phase, now: dt.datetime | None = None) -> Suggestion:
    """The next step for ``contact`` at ``now`` in ``phase`` (see the module docstring)."""
    now = as_eastern(now or calendar.now_utc())
    person = contact.person
    sent, received = contact.last_sent_at, contact.last_received_at
    during = _soap_rule_applies(phase)

    if during and contact.rule_problem is not None:
        problem = contact.rule_problem
        return Suggestion(
            f"report-{problem}",
            (
                f"Don't reply to {contact.program}: you never applied there. Report the contact to the NRMP."
                if problem == "not-applied"
                else f"{contact.program} wrote before programs may contact applicants: don't engage yet; report it "
                "to the NRMP."
            ),
            WHY[f"report-{problem}"],
        )
    if during and contact.contacted_first == "no":
        until = f"SOAP ends ({format_et(phase.soap_ends_at)})" if phase.soap_ends_at else "SOAP ends"
        return Suggestion(
            "no-cold-contact",
            f"Don't contact {contact.program} until {until} unless it contacts you first. If it does, reply promptly.",
            WHY["no-cold-contact"],
        )
    if received is not None and (sent is None or sent < received) and now - received <= REPLY_STALE_AFTER:
        return Suggestion(
            "reply",
            f"Reply to {person} — they wrote to you on {format_et(received)}.",
            WHY["reply"],
            reply_kind(contact.role),
        )
    interview = contact.interview_at
    if interview is not None and interview > now:
        return Suggestion(
            "prepare",
            f"Interview with {person} on {format_et(interview)}: test your set-up and have two questions ready.",
            WHY["prepare"],
            due_at=interview,
        )
    if interview is not None and not contact.thank_you_sent and (sent is None or sent < interview):
        deadline = interview + THANK_YOU_WITHIN
        if now <= deadline:
            if during:
                return Suggestion(
                    "thank-you",
                    f"Optional: a brief thank-you to {person} by {format_et(deadline)} (within a day of the "
                    "interview), in the same thread — or skip it; that won't hurt you.",
                    WHY["thank-you-soap"],
                    "thank-you",
                    deadline,
                )
            return Suggestion(
                "thank-you",
                f"Send {person} a short thank-you by {format_et(deadline)} (within a day of the interview).",
                WHY["thank-you"],
                "thank-you",
                deadline,
            )
        if not during and now <= interview + dt.timedelta(days=7):
            return Suggestion(
                "thank-you-late",
                f"Send {person} one brief thank-you for the interview.",
                WHY["thank-you-late"],
                "thank-you",
            )
    thanked_last = (
        contact.thank_you_sent
        and interview is not None
        and sent is not None
        and interview <= sent <= interview + THANK_YOU_WITHIN + dt.timedelta(days=1)
    )
    if thanked_last and phase.id not in ("after-soap", "after-match-day"):
        return Suggestion(
            "thanked",
            f"You've thanked {person}. Nothing more to send now — answer quickly if they write.",
            WHY["thanked"],
        )
    if sent is not None and (received is None or received < sent) and not thanked_last:
        if contact.follow_ups_sent >= 1:
            return Suggestion(
                "no-more-follow-ups",
                f"You've followed up with {person} once — don't send another.",
                WHY["no-more-follow-ups"],
            )
        follow_at = follow_up_at(sent, during_soap=during)
        if now < follow_at:
            return Suggestion(
                "wait",
                f"Wait for {person}'s reply. If none comes by {format_et(follow_at)}, one polite follow-up is fine.",
                WHY["wait-soap" if during else "wait"],
                due_at=follow_at,
            )
        return Suggestion(
            "follow-up",
            f"No reply since {format_et(sent)}: send {person} one polite follow-up.",
            WHY["follow-up-soap" if during else "follow-up"],
            "follow-up",
        )
    if phase.id == "after-match-day":
        return Suggestion(
            "stay-in-touch",
            f"Stay in touch: thank {person} and tell them where you're headed.",
            WHY["stay-in-touch"],
            "thank-you",
        )
    if phase.id == "after-soap":
        if sent is None and received is None:
            return Suggestion(
                "reach-out",
                f"SOAP has ended: you may contact {contact.program} freely if it still has an open position.",
                WHY["reach-out"],
                reply_kind(contact.role),
            )
        return Suggestion(
            "stay-in-touch", f"Keep in touch with {person}; SOAP has ended, so you may write freely.", WHY["reach-out"]
        )
    if during:
        return Suggestion(
            "waiting-for-program",
            f"Nothing to send to {person} right now: keep your phone and email "
            "close and answer quickly when they write.",
            WHY["waiting-for-program"],
        )
    return Suggestion(
        "relationship",
        f"Keep in touch with {person} as usual. Once SOAP begins, don't start contact "
        "with the program — wait for it to contact you.",
        WHY["relationship"],
    )


def next_steps(
    contacts: Iterable[Contact], phase: Phase, now: dt.datetime | None = None
) -> list[tuple[Contact, Suggestion]]:
    return [(c, suggest(c, phase, now)) for c in contacts]
