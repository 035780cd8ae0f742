"""Reminders: scheduling, a restart in the middle, late-or-dropped after downtime, failures."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.base.store import Store
from bot.core.companion.calendar import ET, load_calendar
from bot.core.companion.contacts import add_contact, record_sent, remove_contact
from bot.core.companion.reminders import ReminderError, Reminders

WEEK = load_calendar(2026)
USER = 4242


def et(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=ET)


@pytest.fixture
async def db_path(tmp_path: Path) -> Path:
    return tmp_path / "soapbot.sqlite3"


@pytest.fixture
async def reminders(db_path: Path) -> AsyncIterator[Reminders]:
    store = await Store(db_path).open()
    try:
        yield Reminders(store)
    finally:
        await store.close()


async def restart(old: Reminders, db_path: Path) -> Reminders:
    """A new process: close the store, open the same database file, build a new scheduler."""
    await old.store.close()
    return Reminders(await Store(db_path).open())


async def test_a_reminder_is_due_before_its_milestone(reminders: Reminders) -> None:
    r = await reminders.add(USER, WEEK, "eras-opens", 15, now=et("2026-03-10T12:00"))
    assert r.due_at == et("2026-03-16T10:45") and r.status == "pending"
    assert await reminders.claim_due(et("2026-03-16T10:44")) == []
    [due] = await reminders.claim_due(et("2026-03-16T10:45:20"))
    assert not due.late and due.reminder.id == r.id
    assert "MyERAS opens" in due.title and due.title.startswith("In 15 minutes")
    assert "11:00 a.m. ET" in due.body
    assert await reminders.claim_due(et("2026-03-16T10:46")) == []  # never twice
    [stored] = await reminders.for_user(USER, pending_only=False)
    assert stored.status == "sent" and stored.sent_at is not None


async def test_scheduled_reminders_survive_a_restart_and_are_sent_once(reminders: Reminders, db_path: Path) -> None:
    await reminders.add(USER, WEEK, "round-1", 15, now=et("2026-03-18T12:00"))
    await reminders.add(USER, WEEK, "round-2", 0, now=et("2026-03-18T12:00"))
    reminders = await restart(reminders, db_path)
    assert [r.milestone for r in await reminders.for_user(USER)] == ["round-1", "round-2"]
    first = await reminders.claim_due(et("2026-03-19T08:45:10"))
    assert [d.reminder.milestone for d in first] == ["round-1"]
    # The process restarts right after delivering: nothing is sent again.
    reminders = await restart(reminders, db_path)
    assert await reminders.claim_due(et("2026-03-19T08:50")) == []
    [second] = await reminders.claim_due(et("2026-03-19T12:00:30"))
    assert second.reminder.milestone == "round-2" and second.title.startswith("Now")
    reminders = await restart(reminders, db_path)
    assert await reminders.claim_due(et("2026-03-19T23:00")) == []
    await reminders.store.close()


async def test_a_claim_interrupted_by_a_crash_is_never_resent(reminders: Reminders, db_path: Path) -> None:
    await reminders.add(USER, WEEK, "soap-ends", 60, now=et("2026-03-18T12:00"))
    claimed = await reminders.claim_due(et("2026-03-19T20:00:05"))
    assert len(claimed) == 1
    # The process dies before the DM goes out; the new process does not send it again (at most once).
    reminders = await restart(reminders, db_path)
    assert await reminders.claim_due(et("2026-03-19T20:10")) == []
    await reminders.store.close()


async def test_after_downtime_a_still_useful_reminder_is_sent_once_marked_late(
    reminders: Reminders, db_path: Path
) -> None:
    await reminders.add(USER, WEEK, "eras-opens", 60, now=et("2026-03-15T12:00"))  # due 10:00
    reminders = await restart(reminders, db_path)  # back online at 10:40, before ERAS opens at 11:00
    [due] = await reminders.claim_due(et("2026-03-16T10:40"))
    assert due.late and "Sent late" in due.body
    assert (await reminders.for_user(USER, pending_only=False))[0].status == "sent-late"
    await reminders.store.close()


async def test_after_downtime_a_reminder_for_a_passed_milestone_is_dropped(reminders: Reminders, db_path: Path) -> None:
    await reminders.add(USER, WEEK, "programs-contact", 15, now=et("2026-03-16T12:00"))  # due Tue 7:45
    reminders = await restart(reminders, db_path)  # back online at 9:30, hours after 8:00
    assert await reminders.claim_due(et("2026-03-17T09:30")) == []
    [row] = await reminders.for_user(USER, pending_only=False)
    assert row.status == "dropped"
    await reminders.store.close()


async def test_a_round_reminder_is_still_useful_while_the_round_is_open(reminders: Reminders) -> None:
    await reminders.add(USER, WEEK, "round-3", 0, now=et("2026-03-19T10:00"))
    [due] = await reminders.claim_due(et("2026-03-19T16:00"))  # an hour late, round 3 open until 17:00
    assert due.late
    await reminders.add(USER, WEEK, "round-4", 0, now=et("2026-03-19T10:00"))
    assert await reminders.claim_due(et("2026-03-19T20:30")) == []  # round 4 closed at 20:00


async def test_the_default_grace_counts_a_few_minutes_as_on_time(reminders: Reminders) -> None:
    await reminders.add(USER, WEEK, "match-day", 60, now=et("2026-03-19T12:00"))
    [due] = await reminders.claim_due(et("2026-03-20T11:04"))
    assert not due.late


async def test_invalid_reminders_are_refused(reminders: Reminders) -> None:
    with pytest.raises(ReminderError, match="passed"):
        await reminders.add(USER, WEEK, "eras-opens", 15, now=et("2026-03-16T10:50"))
    with pytest.raises(ReminderError, match="no milestone"):
        await reminders.add(USER, WEEK, "lunch", 15, now=et("2026-03-01T10:50"))
    with pytest.raises(ReminderError, match="between"):
        await reminders.add(USER, WEEK, "eras-opens", -5, now=et("2026-03-01T10:50"))


async def test_setting_the_same_reminder_twice_keeps_one(reminders: Reminders) -> None:
    await reminders.add(USER, WEEK, "round-1", 15, now=et("2026-03-01T12:00"))
    moved = load_calendar(2026, {"2026:round-1": "2026-03-19 09:30"})
    again = await reminders.add(USER, moved, "round-1", 15, now=et("2026-03-01T12:00"))
    assert len(await reminders.for_user(USER)) == 1 and again.due_at == et("2026-03-19T09:15")


async def test_failed_and_released_deliveries(reminders: Reminders) -> None:
    a = await reminders.add(USER, WEEK, "round-1", 15, now=et("2026-03-01T12:00"))
    b = await reminders.add(USER + 1, WEEK, "round-1", 15, now=et("2026-03-01T12:00"))
    claimed = await reminders.claim_due(et("2026-03-19T08:45"))
    assert {d.reminder.id for d in claimed} == {a.id, b.id}
    await reminders.mark_failed(a.id)  # DMs closed: never retried
    assert await reminders.release(b.id, et("2026-03-19T08:46"))  # a 500: back in the queue
    [again] = await reminders.claim_due(et("2026-03-19T08:47"))
    assert again.reminder.id == b.id
    assert not await reminders.release(b.id, et("2026-03-19T11:30"))  # round 1 has closed: dropped
    assert await reminders.claim_due(et("2026-03-19T11:31")) == []
    statuses = {r["user_id"]: r["status"] for r in await reminders.store.fetchall("SELECT * FROM reminders")}
    assert statuses == {USER: "failed", USER + 1: "dropped"}


async def test_thank_you_reminder_after_an_interview(reminders: Reminders, db_path: Path) -> None:
    store = reminders.store
    contact = await add_contact(
        store,
        USER,
        program="Cedar Ridge Family Medicine",
        person="Dr. Ana Ibarra",
        role="program director",
        origin="program-reached-out",
        interview_at=et("2026-03-17T14:00"),
    )
    r = await reminders.add_thank_you(USER, contact, now=et("2026-03-17T09:00"))
    assert r.due_at == et("2026-03-17T16:00") and r.contact_id == contact.id
    reminders = await restart(reminders, db_path)
    [due] = await reminders.claim_due(et("2026-03-17T16:01"))
    assert "Dr. Ana Ibarra" in due.title and "Cedar Ridge" in due.body and "within a day" in due.body
    # during SOAP the thank-you is optional and a grey area, never presented as expected
    assert "optional" in due.title and "grey area" in due.body and "skipping it won't hurt" in due.body
    await reminders.store.close()


async def test_thank_you_reminder_is_dropped_once_sent_or_removed(reminders: Reminders) -> None:
    store = reminders.store
    kwargs = {"role": "coordinator", "origin": "program-reached-out", "interview_at": et("2026-03-17T14:00")}
    sent = await add_contact(store, USER, program="Mercy IM", person="Maria Lopez", **kwargs)  # type: ignore[arg-type]
    gone = await add_contact(store, USER, program="Lakeview FM", person="Sam Lee", **kwargs)  # type: ignore[arg-type]
    await reminders.add_thank_you(USER, sent, now=et("2026-03-17T09:00"))
    await reminders.add_thank_you(USER, gone, now=et("2026-03-17T09:00"))
    await record_sent(store, USER, sent.id, "thank-you", at=et("2026-03-17T15:00"))
    await remove_contact(store, USER, gone.id)
    assert await reminders.claim_due(et("2026-03-17T16:01")) == []
    with pytest.raises(ReminderError, match="more than a day.*optional"):
        await reminders.add_thank_you(USER, sent, now=et("2026-03-18T15:00"))


async def test_cancel_only_touches_your_own_reminders(reminders: Reminders) -> None:
    r = await reminders.add(USER, WEEK, "match-day", 60, now=et("2026-03-01T12:00"))
    assert not await reminders.cancel(USER + 1, r.id)
    assert await reminders.cancel(USER, r.id)
    assert await reminders.for_user(USER) == []
