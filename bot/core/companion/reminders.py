"""Opt-in reminders: a DM before a Match Week milestone, or to send a thank-you after an interview.

Reminders live in the ``reminders`` table, so they survive restarts: whatever process runs
next picks up the pending ones. The Discord cog calls :meth:`Reminders.claim_due` every few
seconds and sends what it gets; all scheduling decisions are here, with ``now`` injectable,
so they are tested without Discord.

Delivery rules:

- **No duplicates, ever.** ``claim_due`` marks a reminder sent in the same transaction that
  picks it up (at-most-once): a restart can never send it again. If the process dies between
  the claim and the DM, that one reminder is lost rather than sent twice.
- **After downtime** a reminder picked up more than :data:`ON_TIME_GRACE` after its due time is
  *sent once, marked late*, if it is still useful — the milestone has not started yet (or, for
  an offer round, the round is still open; for a thank-you, it is still within a day of the
  interview). Otherwise it is *dropped* (status ``dropped``), never sent hours late.
- **DMs closed** (Discord 403, code 50007) or the user gone: :meth:`mark_failed`; never retried.
  Other delivery errors: :meth:`release` puts the reminder back while it is still useful, so
  retries stop by themselves once the milestone passes.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from bot.core.base.store import Store
from bot.core.companion.calendar import MatchWeek, as_eastern, builtin_week, format_et
from bot.core.companion.contacts import THANK_YOU_WITHIN, Contact, contact_from_row

log = logging.getLogger(__name__)

ON_TIME_GRACE = dt.timedelta(minutes=5)
MAX_MINUTES_BEFORE = 2 * 24 * 60
MAX_PENDING_PER_USER = 40
THANK_YOU_PREFIX = "thank-you:"
#: Default delay after an interview for the thank-you reminder.
THANK_YOU_AFTER = dt.timedelta(hours=2)
#: Common choices for "how long before", in minutes, with labels.
OFFSETS: dict[int, str] = {
    0: "when it starts",
    15: "15 minutes before",
    60: "1 hour before",
    180: "3 hours before",
    1440: "1 day before",
}

STATUSES = ("pending", "sent", "sent-late", "failed", "dropped")


class ReminderError(ValueError):
    """A reminder cannot be set as asked; the message is written for the student."""


@dataclass(frozen=True)
class Reminder:
    id: int
    user_id: int
    year: int
    milestone: str
    minutes_before: int
    due_at: dt.datetime
    status: str
    sent_at: dt.datetime | None = None

    @property
    def contact_id(self) -> int | None:
        if self.milestone.startswith(THANK_YOU_PREFIX):
            return int(self.milestone[len(THANK_YOU_PREFIX) :])
        return None

    @property
    def event_at(self) -> dt.datetime:
        """The milestone's start (for a thank-you reminder: when it is due)."""
        return self.due_at + dt.timedelta(minutes=self.minutes_before)

    def describe(self) -> str:
        if self.contact_id is not None:
            return f"Optional thank-you (contact #{self.contact_id})"
        label = _milestone_label(self.year, self.milestone)
        offset = OFFSETS.get(self.minutes_before, f"{self.minutes_before} minutes before")
        return f"{label} — {offset}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "year": self.year,
            "milestone": self.milestone,
            "minutes_before": self.minutes_before,
            "due_at": self.due_at.isoformat(),
            "status": self.status,
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
        }


@dataclass(frozen=True)
class DueReminder:
    """A reminder claimed for delivery, with the text to send."""

    reminder: Reminder
    late: bool
    title: str
    body: str
    event_at: dt.datetime


def _ts(value: float | None) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(value, dt.UTC) if value is not None else None


def _from_row(row: Any) -> Reminder:
    return Reminder(
        id=int(row["id"]),
        user_id=int(row["user_id"]),
        year=int(row["year"]),
        milestone=row["milestone"],
        minutes_before=int(row["minutes_before"]),
        due_at=_ts(row["due_at"]),  # type: ignore[arg-type]
        status=row["status"],
        sent_at=_ts(row["sent_at"]),
    )


def _milestone_label(year: int, milestone_id: str) -> str:
    try:
        return builtin_week(year).milestone(milestone_id).label
    except KeyError:
        return milestone_id


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


class Reminders:
    """Scheduling and claiming reminders over the shared store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def _pending_count(self, user_id: int) -> int:
        row = await self.store.fetchone(
            "SELECT COUNT(*) FROM reminders WHERE user_id = ? AND status = 'pending'", (user_id,)
        )
        return int(row[0]) if row else 0

    async def _upsert(self, user_id: int, year: int, milestone: str, minutes_before: int, due: dt.datetime) -> Reminder:
        await self.store.execute(
            "INSERT INTO reminders (user_id, year, milestone, minutes_before, due_at, status, sent_at) "
            "VALUES (?, ?, ?, ?, ?, 'pending', NULL) ON CONFLICT(user_id, year, milestone, minutes_before) "
            "DO UPDATE SET due_at = excluded.due_at, status = 'pending', sent_at = NULL",
            (user_id, year, milestone, minutes_before, due.timestamp()),
        )
        row = await self.store.fetchone(
            "SELECT * FROM reminders WHERE user_id = ? AND year = ? AND milestone = ? AND minutes_before = ?",
            (user_id, year, milestone, minutes_before),
        )
        assert row is not None
        log.info("reminder scheduled user=%s reminder=%s", user_id, row["id"])
        return _from_row(row)

    async def add(
        self,
        user_id: int,
        week: MatchWeek,
        milestone_id: str,
        minutes_before: int,
        *,
        now: dt.datetime | None = None,
    ) -> Reminder:
        """Remind ``user_id`` ``minutes_before`` the milestone (in ``week``, with any server overrides)."""
        now = _now(now)
        try:
            milestone = week.milestone(milestone_id)
        except KeyError:
            raise ReminderError(f"There is no milestone {milestone_id!r} in the {week.year} calendar.") from None
        if not 0 <= minutes_before <= MAX_MINUTES_BEFORE:
            raise ReminderError(f"Choose between 0 and {MAX_MINUTES_BEFORE} minutes before the milestone.")
        due = milestone.at - dt.timedelta(minutes=minutes_before)
        if due <= now:
            raise ReminderError(
                f"That time has passed: {milestone.label} is at {format_et(milestone.at)}. Pick a later milestone "
                "or a shorter lead time."
            )
        if await self._pending_count(user_id) >= MAX_PENDING_PER_USER:
            raise ReminderError(f"You already have {MAX_PENDING_PER_USER} reminders waiting; cancel some first.")
        return await self._upsert(user_id, week.year, milestone.id, minutes_before, due)

    async def add_thank_you(
        self,
        user_id: int,
        contact: Contact,
        *,
        after: dt.timedelta = THANK_YOU_AFTER,
        now: dt.datetime | None = None,
    ) -> Reminder:
        """Remind ``user_id`` to thank ``contact`` ``after`` their interview (or soon, if that has passed)."""
        now = _now(now)
        if contact.interview_at is None:
            raise ReminderError("Add the interview's date and time to this contact first.")
        deadline = contact.interview_at + THANK_YOU_WITHIN
        if now >= deadline:
            raise ReminderError(
                "That interview was more than a day ago, so there is nothing to remind you of. A thank-you is "
                "optional (during SOAP it is a grey area of the rules); skipping it won't hurt you."
            )
        due = max(contact.interview_at + after, now + dt.timedelta(minutes=1))
        year = as_eastern(contact.interview_at).year
        if await self._pending_count(user_id) >= MAX_PENDING_PER_USER:
            raise ReminderError(f"You already have {MAX_PENDING_PER_USER} reminders waiting; cancel some first.")
        return await self._upsert(user_id, year, f"{THANK_YOU_PREFIX}{contact.id}", 0, due)

    async def for_user(self, user_id: int, *, pending_only: bool = True) -> list[Reminder]:
        where = "user_id = ? AND status = 'pending'" if pending_only else "user_id = ?"
        rows = await self.store.fetchall(f"SELECT * FROM reminders WHERE {where} ORDER BY due_at", (user_id,))
        return [_from_row(r) for r in rows]

    async def get(self, reminder_id: int) -> Reminder | None:
        row = await self.store.fetchone("SELECT * FROM reminders WHERE id = ?", (reminder_id,))
        return _from_row(row) if row else None

    async def cancel(self, user_id: int, reminder_id: int) -> bool:
        removed = await self.store.execute(
            "DELETE FROM reminders WHERE id = ? AND user_id = ? AND status = 'pending'", (reminder_id, user_id)
        )
        return bool(removed)

    # ----- delivery --------------------------------------------------------------------------

    async def _useful_until(self, db: Any, reminder: Reminder) -> tuple[dt.datetime | None, Contact | None]:
        """Until when sending ``reminder`` still helps, and the contact of a thank-you reminder."""
        contact_id = reminder.contact_id
        if contact_id is not None:
            async with db.execute(
                "SELECT * FROM contacts WHERE id = ? AND user_id = ?", (contact_id, reminder.user_id)
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None, None
            contact = contact_from_row(row)
            if contact.thank_you_sent or contact.interview_at is None:
                return None, contact
            return contact.interview_at + THANK_YOU_WITHIN, contact
        start = reminder.event_at
        try:
            built = builtin_week(reminder.year).milestone(reminder.milestone)
        except KeyError:
            return start, None
        duration = (built.ends_at - built.at) if built.ends_at else dt.timedelta(0)
        return start + duration, None

    async def claim_due(self, now: dt.datetime | None = None, limit: int = 50) -> list[DueReminder]:
        """Pick up every pending reminder due by ``now`` and mark it sent (or late, or dropped) in
        one transaction; returns those to deliver now."""
        now = _now(now)
        out: list[DueReminder] = []
        dropped = 0
        async with self.store.transaction() as db:
            async with db.execute(
                "SELECT * FROM reminders WHERE status = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?",
                (now.timestamp(), limit),
            ) as cursor:
                rows = list(await cursor.fetchall())
            for row in rows:
                reminder = _from_row(row)
                useful_until, contact = await self._useful_until(db, reminder)
                if useful_until is None or now >= useful_until:
                    await db.execute("UPDATE reminders SET status = 'dropped' WHERE id = ?", (reminder.id,))
                    dropped += 1
                    continue
                late = now - reminder.due_at > ON_TIME_GRACE
                status = "sent-late" if late else "sent"
                await db.execute(
                    "UPDATE reminders SET status = ?, sent_at = ? WHERE id = ? AND status = 'pending'",
                    (status, now.timestamp(), reminder.id),
                )
                title, body = reminder_text(reminder, contact, late, now)
                out.append(DueReminder(reminder, late, title, body, reminder.event_at))
        if out or dropped:
            log.info("reminders claimed send=%d late=%d dropped=%d", len(out), sum(d.late for d in out), dropped)
        return out

    async def mark_failed(self, reminder_id: int) -> None:
        """Delivery is impossible (DMs closed, user gone): never retried."""
        await self.store.execute("UPDATE reminders SET status = 'failed' WHERE id = ?", (reminder_id,))

    async def release(self, reminder_id: int, now: dt.datetime | None = None) -> bool:
        """A transient delivery error: back to pending while still useful (else dropped).
        Returns True when it will be retried."""
        now = _now(now)
        reminder = await self.get(reminder_id)
        if reminder is None:
            return False
        async with self.store.transaction() as db:
            useful_until, _ = await self._useful_until(db, reminder)
            retry = useful_until is not None and now < useful_until
            await db.execute(
                "UPDATE reminders SET status = ?, sent_at = NULL WHERE id = ?",
                ("pending" if retry else "dropped", reminder_id),
            )
        return retry


def reminder_text(reminder: Reminder, contact: Contact | None, late: bool, now: dt.datetime) -> tuple[str, str]:
    """Title and body of the DM (plain text; the Discord layer adds local-time stamps)."""
    late_line = "\n\n_Sent late: I was offline at the planned time._" if late else ""
    if reminder.contact_id is not None and contact is not None:
        deadline = contact.interview_at + THANK_YOU_WITHIN if contact.interview_at else None
        by = f" — by {format_et(deadline)}" if deadline else ""
        interview = contact.interview_at
        during_soap = (
            interview is not None
            and builtin_week(as_eastern(interview).year).phase_at(interview).critique_phase == "during-soap"
        )
        if during_soap:
            title = f"Time to thank {contact.person}? (optional)"
            body = (
                f"Your interview with {contact.person} ({contact.program}) is done. During SOAP a thank-you is "
                "optional and a grey area of the rules (some guides say not to send one), so skipping it won't "
                f"hurt you. If you send one, do it within a day{by}: brief, to the people who interviewed you, "
                "in the same thread, with no asks and no promise to accept or rank. Use the draft command for a "
                "starting draft, and mark it as sent in your contacts afterwards."
            )
        else:
            title = f"Time to thank {contact.person}"
            body = (
                f"Your interview with {contact.person} ({contact.program}) is done. A short thank-you within a "
                f"day is courteous{by}. Keep it brief and never promise to accept or rank. Use the draft command "
                "to get a starting draft, and mark the thank-you as sent in your contacts afterwards."
            )
        return title, body + late_line
    label = _milestone_label(reminder.year, reminder.milestone)
    week = builtin_week(reminder.year)
    start = reminder.event_at
    phase = week.phase_at(start + dt.timedelta(seconds=1))
    if now >= start:
        when = "Now"
    else:
        minutes = round((start - now).total_seconds() / 60) if late else reminder.minutes_before
        when = f"In {human_minutes(minutes)}"
    title = f"{when}: {label}"
    body = f"{label} — {format_et(start)}.\n\n{phase.can_now}"
    return title, body + late_line


def human_minutes(minutes: int) -> str:
    """``15 minutes``, ``1 hour``, ``3 hours``, ``1 day``."""
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    if minutes < 1440:
        hours = round(minutes / 60)
        return f"{hours} hour{'s' if hours != 1 else ''}"
    days = round(minutes / 1440)
    return f"{days} day{'s' if days != 1 else ''}"
