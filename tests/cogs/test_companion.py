"""The Match Week companion through the Discord emulator (/timeline, /reminders, /contacts,
/profile, /draft -> check) and in ``soapbot chat``."""

from __future__ import annotations

import datetime as dt
import re

from rich.console import Console

from bot.core.companion.calendar import default_year
from bot.core.companion.contacts import list_contacts
from bot.core.companion.profile import get_profile
from bot.terminal.common import CONSOLE_USER_ID
from bot.terminal.repl import ChatConsole
from bot.ui import limits
from tests.cogs.conftest import World

STAMP = re.compile(r"<t:(\d+):([FR])>")


def text_of(ix) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(m.text for m in ix.messages)


async def setup_profile(world: World, user=None) -> None:  # type: ignore[no-untyped-def]
    ix = await world.emu.slash(
        user or world.student,
        "profile set",
        {
            "name": "Jane Doe",
            "school": "Lakeside University School of Medicine",
            "degree": "MD",
            "graduation_year": default_year(),
            "aamc_id": "12345678",
            "specialties": "Family Medicine",
            "contact_line": "jane.doe@example.org | 555-123-4567",
        },
        guild=world.guild,
    )
    await ix.wait_done()
    assert ix.ephemeral and "Profile saved" in text_of(ix)


async def add_contact(world: World, user=None, **options: object):  # type: ignore[no-untyped-def]
    values = {
        "program": "Cedar Ridge Family Medicine",
        "person": "Dr. Ana Ibarra",
        "role": "program-director",
        "origin": "program-reached-out",
        "interview": "now",
    }
    values.update(options)
    values = {k: v for k, v in values.items() if v is not None}
    ix = await world.emu.slash(user or world.student, "contacts add", values, guild=world.guild)
    await ix.wait_done()
    return ix


def test_commands_are_registered_within_discords_limits(world: World) -> None:
    commands = {c["name"]: c for c in world.emu.commands_synced["global"]}
    assert {"timeline", "reminders", "contacts", "profile", "draft"} <= set(commands)

    def walk(item: dict) -> list[str]:  # type: ignore[type-arg]
        too_long = [] if len(item.get("description", "")) <= 100 and len(item["name"]) <= 32 else [item["name"]]
        for choice in item.get("choices", []):
            if len(choice["name"]) > 100:
                too_long.append(choice["name"])
        for option in item.get("options", []):
            too_long += walk(option)
        return too_long

    mine = ["timeline", "reminders", "contacts", "profile", "draft"]
    calendar = next(o for o in commands["advisor"]["options"] if o["name"] == "calendar")
    assert [name for c in mine for name in walk(commands[c])] + walk(calendar) == []


# ----- /timeline ----------------------------------------------------------------------------------


async def test_timeline_shows_local_timestamps_phase_and_next_milestone(world: World) -> None:
    ix = await world.emu.slash(world.student, "timeline", guild=world.guild)
    await ix.wait_done()
    assert ix.callback_type == 5 and ix.ack_ms < limits.ACK_WINDOW_SECONDS * 1000
    assert ix.ephemeral and ix.rejected == []
    embed = ix.messages[0].embeds[0]
    stamps = STAMP.findall(embed["description"])
    assert len([s for s in stamps if s[1] == "F"]) == 9 and len([s for s in stamps if s[1] == "R"]) == 9
    assert embed["description"].startswith("**Now: ")
    assert any(f["name"] == "Next milestone" for f in embed["fields"])
    assert "⏭️" in embed["description"]
    assert "your own time zone" in embed["footer"]["text"]
    year = default_year()
    assert str(year) in embed["title"]


async def test_an_unconfirmed_year_says_so_and_sources_can_be_shown(world: World) -> None:
    ix = await world.emu.slash(world.student, "timeline", {"year": 2027, "sources": True}, guild=world.guild)
    await ix.wait_done()
    first, second = ix.messages[0].embeds[:2]
    assert "not confirmed" in first["title"]
    notes = next(f for f in first["fields"] if f["name"] == "Notes")
    assert "NRMP has not confirmed" in notes["value"]
    assert "Sources" in second["title"] and "match-status" in second["fields"][0]["value"]


async def test_timeline_follows_the_servers_calendar_overrides(world: World) -> None:
    await world.services.configs.update(world.guild.id, None, calendar_overrides={"2026:round-1": "2026-03-19 09:30"})
    ix = await world.emu.slash(world.student, "timeline", {"year": 2026}, guild=world.guild)
    await ix.wait_done()
    description = ix.messages[0].embeds[0]["description"]
    moved = int(dt.datetime(2026, 3, 19, 13, 30, tzinfo=dt.UTC).timestamp())
    assert f"<t:{moved}:F>" in description and "✏️" in description
    notes = next(f for f in ix.messages[0].embeds[0]["fields"] if f["name"] == "Notes")
    assert "advisors" in notes["value"]


async def test_timeline_can_be_posted_for_everyone(world: World) -> None:
    ix = await world.emu.slash(world.student, "timeline", {"public": True}, guild=world.guild)
    await ix.wait_done()
    assert not ix.ephemeral and not world.emu.everyone_pings()


# ----- /reminders ---------------------------------------------------------------------------------


async def test_reminder_before_a_milestone_is_delivered_by_dm_once(world: World) -> None:
    year = default_year() + 1  # always in the future
    ix = await world.emu.slash(
        world.student, "reminders add", {"milestone": "eras-opens", "before": 15, "year": year}, guild=world.guild
    )
    await ix.wait_done()
    assert ix.ephemeral and "Reminder set" in text_of(ix) and "<t:" in text_of(ix)
    assert "not confirmed" in text_of(ix)  # a future year is always an estimate
    assert any("reminders will arrive here" in m.text for m in world.emu.dm_messages(world.student))
    [reminder] = await world.services.reminders.for_user(world.student.id)  # type: ignore[union-attr]
    cog = world.bot.get_cog("TimelineCog")
    assert cog is not None
    assert await cog.deliver_due(reminder.due_at - dt.timedelta(minutes=1)) == 0
    assert await cog.deliver_due(reminder.due_at + dt.timedelta(seconds=30)) == 1
    dm = await world.emu.wait_for(lambda: [m for m in world.emu.dm_messages(world.student) if "MyERAS" in m.text])
    assert "In 15 minutes" in dm[0].text and STAMP.search(dm[0].text)
    assert await cog.deliver_due(reminder.due_at + dt.timedelta(minutes=2)) == 0  # never twice
    listing = await world.emu.slash(world.student, "reminders list", guild=world.guild)
    await listing.wait_done()
    assert "No reminders waiting" in text_of(listing)


async def test_reminders_to_a_student_with_closed_dms_fail_without_retrying(world: World) -> None:
    closed = world.emu.add_member(world.guild.id, username="closed", dms_closed=True)
    year = default_year() + 1
    ix = await world.emu.slash(
        closed, "reminders add", {"milestone": "round-1", "before": 60, "year": year}, guild=world.guild
    )
    await ix.wait_done()
    assert "couldn't send you a direct message" in text_of(ix)
    [reminder] = await world.services.reminders.for_user(closed.id)  # type: ignore[union-attr]
    cog = world.bot.get_cog("TimelineCog")
    assert await cog.deliver_due(reminder.due_at + dt.timedelta(seconds=5)) == 0  # type: ignore[union-attr]
    stored = await world.services.reminders.get(reminder.id)  # type: ignore[union-attr]
    assert stored is not None and stored.status == "failed"
    assert await cog.deliver_due(reminder.due_at + dt.timedelta(minutes=1)) == 0  # type: ignore[union-attr]


async def test_reminder_milestones_autocomplete_and_cancel(world: World) -> None:
    ac = await world.emu.autocomplete(
        world.student, "reminders add", {"milestone": "round"}, "milestone", guild=world.guild
    )
    await ac.wait_ack()
    assert [c["value"] for c in ac.choices] == ["round-1", "round-2", "round-3", "round-4"]
    year = default_year() + 1
    ix = await world.emu.slash(
        world.student, "reminders add", {"milestone": "match-day", "before": 60, "year": year}, guild=world.guild
    )
    await ix.wait_done()
    [reminder] = await world.services.reminders.for_user(world.student.id)  # type: ignore[union-attr]
    cancel = await world.emu.slash(world.student, "reminders cancel", {"reminder": reminder.id}, guild=world.guild)
    await cancel.wait_done()
    assert "cancelled" in text_of(cancel)
    again = await world.emu.slash(world.student, "reminders cancel", {"reminder": reminder.id}, guild=world.guild)
    await again.wait_done()
    assert all(m.ephemeral for m in again.messages if not m.deleted) and "no waiting reminder" in text_of(again)


# ----- /contacts ----------------------------------------------------------------------------------


async def test_contacts_add_list_and_thank_you_reminder(world: World) -> None:
    ix = await add_contact(world)
    assert ix.ephemeral and ix.rejected == []
    saved = text_of(ix)
    assert "Dr. Ana Ibarra" in saved and "thank-you" in saved.lower() and "within a day" in saved
    [contact] = await list_contacts(world.services.store, world.student.id)
    assert contact.contacted_first == "yes"
    # the "remind me" button schedules one DM a couple of hours after the interview
    click = await world.emu.click(world.student, ix.messages[0], label="Remind me to send a thank-you")
    await click.wait_done()
    assert "Reminder set" in text_of(click) and click.ephemeral
    [reminder] = await world.services.reminders.for_user(world.student.id)  # type: ignore[union-attr]
    assert reminder.contact_id == contact.id
    cog = world.bot.get_cog("TimelineCog")
    assert await cog.deliver_due(reminder.due_at + dt.timedelta(seconds=10)) == 1  # type: ignore[union-attr]
    dm = await world.emu.wait_for(
        lambda: [m for m in world.emu.dm_messages(world.student) if "Time to thank" in m.text]
    )
    assert "Cedar Ridge Family Medicine" in dm[0].text
    listing = await world.emu.slash(world.student, "contacts list", guild=world.guild)
    await listing.wait_done()
    assert listing.ephemeral and "#1 Dr. Ana Ibarra" in text_of(listing) and "Next:" in text_of(listing)


async def test_contacts_update_remove_and_privacy(world: World) -> None:
    await add_contact(world, origin="met-before-soap", interview=None)
    [contact] = await list_contacts(world.services.store, world.student.id)
    ac = await world.emu.autocomplete(world.student, "contacts update", {"contact": ""}, "contact", guild=world.guild)
    await ac.wait_ack()
    assert ac.choices[0]["value"] == contact.id and "Cedar Ridge" in ac.choices[0]["name"]
    up = await world.emu.slash(
        world.student,
        "contacts update",
        {"contact": contact.id, "last_received": "now", "notes": "rural track"},
        guild=world.guild,
    )
    await up.wait_done()
    assert "Updated" in text_of(up) and "Reply to Dr. Ana Ibarra" in text_of(up)
    bad = await world.emu.slash(
        world.student, "contacts update", {"contact": contact.id, "interview": "someday"}, guild=world.guild
    )
    await bad.wait_done()
    assert "couldn't read" in text_of(bad) and all(m.ephemeral for m in bad.messages if not m.deleted)
    other = world.emu.add_member(world.guild.id, username="other")
    stolen = await world.emu.slash(other, "contacts remove", {"contact": contact.id}, guild=world.guild)
    await stolen.wait_done()
    assert "no contact" in text_of(stolen)
    counts = await world.services.store.user_data_counts(world.student.id)
    assert counts["contacts"] == 1
    gone = await world.emu.slash(world.student, "contacts remove", {"contact": contact.id}, guild=world.guild)
    await gone.wait_done()
    assert "Removed" in text_of(gone) and await list_contacts(world.services.store, world.student.id) == []


# ----- /profile and /draft -> check -----------------------------------------------------------------------


async def test_profile_set_show_and_validation(world: World) -> None:
    await setup_profile(world)
    show = await world.emu.slash(world.student, "profile show", guild=world.guild)
    await show.wait_done()
    assert show.ephemeral and "12345678" in text_of(show)
    bad = await world.emu.slash(world.student, "profile set", {"aamc_id": "123"}, guild=world.guild)
    await bad.wait_done()
    assert "8 digits" in text_of(bad)
    assert (await get_profile(world.services.store, world.student.id))["aamc_id"] == "12345678"


async def test_draft_then_check_passes_the_critique(world: World) -> None:
    await setup_profile(world)
    await add_contact(world, last_received="now")
    ix = await world.emu.slash(
        world.student, "draft", {"kind": "program-director-email", "program": "cedar ridge"}, guild=world.guild
    )
    await ix.wait_done()
    assert ix.ephemeral and ix.rejected == []
    embed = ix.messages[0].embeds[0]
    assert "Cedar Ridge Family Medicine" in embed["title"] and "Dear Dr. Ibarra," in embed["description"]
    assert "AAMC ID 12345678" in embed["description"] and "[" not in embed["description"]
    check = await world.emu.click(world.student, ix.messages[0], label="Check this draft")
    await check.wait_done()
    result = text_of(check)
    assert check.ephemeral and "No problems found" in result


async def test_draft_program_autocomplete_and_the_soap_warning(world: World) -> None:
    await setup_profile(world)
    await add_contact(
        world, program="Lakeview Internal Medicine", person="Dr. Chris Hale", origin="met-before-soap", interview=None
    )
    ac = await world.emu.autocomplete(
        world.student, "draft", {"kind": "thank-you", "program": "lake"}, "program", guild=world.guild
    )
    await ac.wait_ack()
    assert [c["value"] for c in ac.choices] == ["Lakeview Internal Medicine"]
    # Put this server in the middle of SOAP so the contact rule applies now.
    await world.services.configs.update(world.guild.id, None, calendar_overrides=soap_now_overrides())
    ix = await world.emu.slash(
        world.student, "draft", {"kind": "program-director-email", "program": "Lakeview"}, guild=world.guild
    )
    await ix.wait_done()
    embed = ix.messages[0].embeds[0]
    rule = next(f for f in embed["fields"] if "contact rule" in f["name"])
    assert "may not start contact with Lakeview Internal Medicine" in rule["value"]
    assert "during-soap" in embed["footer"]["text"]
    check = await world.emu.click(world.student, ix.messages[0], label="Check this draft")
    await check.wait_done()
    assert "Would break the SOAP contact rule" in text_of(check) and "Don't send this yet" in text_of(
        check
    )  # not contacted first


def soap_now_overrides() -> dict[str, str]:
    """Server overrides that put the present moment on Tuesday afternoon of SOAP."""
    from bot.core.companion.calendar import ET

    now = dt.datetime.now(ET).replace(second=0, microsecond=0)
    year = default_year()
    offsets = {
        "match-status": -26,
        "eras-opens": -25,
        "programs-contact": -2,
        "round-1": 40,
        "round-2": 43,
        "round-3": 46,
        "round-4": 49,
        "soap-ends": 52,
        "match-day": 67,
    }
    return {f"{year}:{key}": (now + dt.timedelta(hours=h)).strftime("%Y-%m-%d %H:%M") for key, h in offsets.items()}


# ----- soapbot chat parity ------------------------------------------------------------------------------


async def test_chat_console_timeline_contacts_profile_and_draft(services) -> None:  # type: ignore[no-untyped-def]
    console = Console(record=True, width=140)
    lines = iter(
        [
            "/profile set",
            "Jane Doe",
            "Lakeside University School of Medicine",
            "MD",
            str(default_year()),
            "12345678",
            "Family Medicine",
            "jane.doe@example.org | 555-123-4567",
            "/contacts add",
            "Cedar Ridge Family Medicine",
            "Dr. Ana Ibarra",
            "2",  # program director
            "1",  # the program reached out
            "now",  # interview
            "",  # they wrote: skip
            "",  # you wrote: skip
            "",  # notes: skip
            "/contacts",
            "/timeline",
            "/draft thank-you cedar ridge",
            "",  # person: default
            "y",  # check it
            "/contacts update 1",
            "1",  # I sent a thank-you
            "/quit",
        ]
    )

    def read_line(prompt: str) -> str:
        return next(lines)

    chat = ChatConsole(services, console, read_line)
    await chat.run()
    output = console.export_text()
    assert "Profile saved" in output
    assert "#1 Dr. Ana Ibarra (program director) — Cedar Ridge Family Medicine" in output
    assert "thank-you" in output and "within a day" in output
    assert "Match Week" in output and "Eastern (ET)" in output and "Now" in output
    assert "Dear Dr. Ibarra," in output and "No problems found" in output
    assert "You've thanked Dr. Ana Ibarra" in output
    [contact] = await list_contacts(services.store, CONSOLE_USER_ID)
    assert contact.thank_you_sent
    help_console = Console(record=True, width=140)
    await ChatConsole(services, help_console, lambda _p: "/quit").cmd_help("")
    listed = help_console.export_text()
    assert all(f"/{name}" in listed for name in ("timeline", "contacts", "profile", "draft"))


# ----- /advisor calendar ----------------------------------------------------------------------------------


async def test_advisor_calendar_moves_the_week_for_their_server_only(world: World) -> None:
    advisor = world.emu.add_member(world.guild.id, username="advisor", permissions=0x20)  # Manage Server
    ix = await world.emu.slash(
        advisor, "advisor calendar", {"milestone": "monday", "when": "2027-03-22", "year": 2027}, guild=world.guild
    )
    await ix.wait_done()
    assert ix.ephemeral and "Moved monday for 2027" in text_of(ix)
    new_start = int(dt.datetime(2027, 3, 22, 14, 0, tzinfo=dt.UTC).timestamp())  # 10:00 EDT
    student_view = await world.emu.slash(world.student, "timeline", {"year": 2027}, guild=world.guild)
    await student_view.wait_done()
    assert f"<t:{new_start}:F>" in text_of(student_view) and "advisors" in text_of(student_view)
    bad = await world.emu.slash(
        advisor, "advisor calendar", {"milestone": "monday", "when": "2027-03-23", "year": 2027}, guild=world.guild
    )
    await bad.wait_done()
    assert "Tuesday" in text_of(bad) and "Nothing was changed" in text_of(bad)
    refused = await world.emu.slash(world.student, "advisor calendar", {"year": 2027}, guild=world.guild)
    await refused.wait_done()
    assert "Only members with" in text_of(refused)
    reset = await world.emu.slash(advisor, "advisor calendar", {"reset": True, "year": 2027}, guild=world.guild)
    await reset.wait_done()
    assert "Removed 1 change to 2027" in text_of(reset)
    assert (await world.services.configs.get(world.guild.id)).calendar_overrides == {}  # type: ignore[union-attr]
