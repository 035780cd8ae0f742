"""/contacts and /timeline with the clock pinned: typed times read as the terminal reads them
(an interview is the coming one, a message the latest one; a slip is asked about, not saved),
and the timeline's "Now" is the phase every other command uses."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from bot.core.companion import calendar
from bot.core.companion.calendar import ET, current_phase
from bot.core.companion.contacts import list_contacts
from tests.cogs.conftest import World

#: Friday, 3:00 p.m. ET, two weeks before Match Week 2026 (March 16-20).
FRIDAY = "2026-03-06T15:00"
#: Wednesday of SOAP, noon ET.
DURING_SOAP = "2026-03-18T12:00"


def pin(monkeypatch: pytest.MonkeyPatch, instant: str) -> dt.datetime:
    """Every clock the bot reads says ``instant`` (Eastern)."""
    now = dt.datetime.fromisoformat(instant).replace(tzinfo=ET).astimezone(dt.UTC)
    monkeypatch.setattr(calendar, "now_utc", lambda: now)
    # The bot loads its cogs as extensions: the timeline cog the bot runs is the module loaded last.
    monkeypatch.setattr(sys.modules["bot.cogs.timeline"], "now_utc", lambda: now)
    return now


def text_of(ix) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(m.text for m in ix.messages if not m.deleted)


async def add(world: World, **options: str):  # type: ignore[no-untyped-def]
    values = {
        "program": "Cedar Ridge Family Medicine",
        "person": "Dr. Ana Ibarra",
        "role": "program-director",
        "origin": "program-reached-out",
        **options,
    }
    ix = await world.emu.slash(world.student, "contacts add", values, guild=world.guild)
    await ix.wait_done()
    return ix


# ----- /contacts: which day a typed time means ----------------------------------------------------


async def test_an_interview_weekday_is_the_coming_one_and_a_message_the_latest(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    pin(monkeypatch, FRIDAY)
    ix = await add(world, interview="wed 10am", last_received="wed 9am")
    assert ix.ephemeral and "Saved" in text_of(ix), ix.describe()
    [contact] = await list_contacts(world.services.store, world.student.id)
    assert contact.interview_at == dt.datetime(2026, 3, 11, 10, 0, tzinfo=ET)  # next Wednesday
    assert contact.last_received_at == dt.datetime(2026, 3, 4, 9, 0, tzinfo=ET)  # last Wednesday


async def test_an_interview_earlier_today_is_asked_about_not_saved(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    pin(monkeypatch, FRIDAY)
    ix = await add(world, interview="today 2pm")
    said = text_of(ix)
    assert all(m.ephemeral for m in ix.messages if not m.deleted)
    assert said.startswith("Interview: did you mean another day?") or "Interview: did you mean another day?" in said
    assert "has already passed" in said and "3/6 2:00pm" in said and "Nothing was saved" in said
    assert await list_contacts(world.services.store, world.student.id) == []
    # Written as a date, it is taken as written.
    again = await add(world, interview="3/6 2pm")
    assert "Saved" in text_of(again)


async def test_a_message_later_today_is_asked_about_not_saved(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    pin(monkeypatch, FRIDAY)
    await add(world)
    [contact] = await list_contacts(world.services.store, world.student.id)
    ix = await world.emu.slash(
        world.student, "contacts update", {"contact": contact.id, "last_sent": "today 5pm"}, guild=world.guild
    )
    await ix.wait_done()
    said = text_of(ix)
    assert "Last sent: did you mean another day?" in said and "is still ahead" in said and "Nothing was saved" in said
    [unchanged] = await list_contacts(world.services.store, world.student.id)
    assert unchanged.last_sent_at is None
    earlier = await world.emu.slash(
        world.student, "contacts update", {"contact": contact.id, "last_sent": "today 9am"}, guild=world.guild
    )
    await earlier.wait_done()
    [updated] = await list_contacts(world.services.store, world.student.id)
    assert updated.last_sent_at == dt.datetime(2026, 3, 6, 9, 0, tzinfo=ET)


# ----- /timeline: "Now" is the one phase ----------------------------------------------------------


@pytest.mark.parametrize("year", [None, 2027], ids=["this-year", "next-year"])
async def test_timeline_now_is_the_phase_every_command_uses(
    world: World, monkeypatch: pytest.MonkeyPatch, year: int | None
) -> None:
    now = pin(monkeypatch, DURING_SOAP)
    expected = current_phase(now)
    assert expected.critique_phase == "during-soap"
    ix = await world.emu.slash(world.student, "timeline", {"year": year} if year else {}, guild=world.guild)
    await ix.wait_done()
    description = ix.messages[0].embeds[0]["description"]
    # Showing next year's dates does not make it "before Match Week" now.
    assert description.startswith(f"**Now: {expected.label}**\n{expected.can_now}")


async def test_timeline_now_follows_the_servers_calendar(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    now = pin(monkeypatch, DURING_SOAP)
    # This server's advisors moved first contact by programs to Wednesday 3 p.m.: at noon
    # programs may not contact applicants yet here.
    overrides = {"2026:programs-contact": "2026-03-18 15:00"}
    await world.services.configs.update(world.guild.id, None, calendar_overrides=overrides)
    expected = current_phase(now, overrides)
    assert expected.id == "soap-applications" and expected.label != current_phase(now).label
    ix = await world.emu.slash(world.student, "timeline", {"year": 2027}, guild=world.guild)
    await ix.wait_done()
    assert ix.messages[0].embeds[0]["description"].startswith(f"**Now: {expected.label}**")
