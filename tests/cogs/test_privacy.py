"""/privacy through the Discord emulator: what is stored, and deleting all of it."""

from __future__ import annotations

import discord

from bot.ui.share import share_view
from tests.cogs.conftest import World
from tests.core.community.test_privacy import fill, rows_mentioning
from tests.support.discord_emulator import Perm


async def test_show_lists_what_is_stored_and_for_how_long(world: World) -> None:
    ix = await world.emu.slash(world.student, "privacy show")
    await ix.wait_done()
    assert ix.ephemeral and "Nothing is stored about you." in ix.text

    q = await world.emu.slash(world.student, "ask", {"question": "When does SOAP start?"}, guild=world.guild)
    await q.wait_done()
    ix = await world.emu.slash(world.student, "privacy show", guild=world.guild)
    await ix.wait_done()
    text = ix.text
    assert ix.ephemeral
    assert "**1** × Practice counts" in text and "**1** × The servers you used" in text
    assert "AI usage rows: 30 days" in text and "/privacy delete-my-data" in text


async def test_delete_my_data_leaves_nothing_behind(world: World) -> None:
    emu, services, student = world.emu, world.services, world.student
    channel = emu.add_channel(world.guild, "advisor-reports")
    advisor = emu.add_member(world.guild.id, username="advisor", permissions=Perm.MANAGE_GUILD)
    setup = await emu.slash(advisor, "advisor setup", {"report_channel": channel}, guild=world.guild)
    await setup.wait_done()

    # Real use: a question in the server, a shared report; plus a row of every other kind.
    q = await emu.slash(student, "ask", {"question": "Can I email a program during SOAP?"}, guild=world.guild)
    await q.wait_done()
    report = await services.reports.save(student.id, world.guild.id, "interview", "Summary of the interview", "answers")
    dm = await world.bot.create_dm(discord.Object(student.id))
    await dm.send(content="Your report", view=share_view(services, report))
    share = await emu.click(student, emu.dm_messages(student)[-1], label="Share with my advisor")
    await share.wait_done()
    assert len(emu.channel_messages(channel)) == 1
    await fill(services, student.id)
    other = emu.add_member(world.guild.id, username="classmate")
    await fill(services, other.id)
    assert len(await rows_mentioning(services.store, student.id)) >= 8

    ix = await emu.slash(student, "privacy delete-my-data")
    await ix.wait_done()
    # the report shared above, and the one ``fill`` records as posted
    assert ix.ephemeral and "cannot be undone" in ix.text and "2 report(s) you shared" in ix.text
    assert await rows_mentioning(services.store, student.id)  # nothing happens before the click

    done = await emu.click(student, ix.messages[0], label="Delete everything")
    await done.wait_done()
    await emu.wait_for(lambda: "Your data was deleted" in ix.messages[0].text, message=ix.describe())
    assert ix.messages[0].buttons == []
    assert await rows_mentioning(services.store, student.id) == {}  # the whole database, every column
    assert len(await rows_mentioning(services.store, other.id)) >= 8  # classmates keep theirs
    assert emu.channel_messages(channel) == []  # the shared report was taken down too

    again = await emu.slash(student, "privacy delete-my-data")
    await again.wait_done()
    assert "Nothing to delete" in again.text


async def test_cancel_keeps_everything(world: World) -> None:
    await fill(world.services, world.student.id)
    before = await rows_mentioning(world.services.store, world.student.id)
    ix = await world.emu.slash(world.student, "privacy delete-my-data")
    await ix.wait_done()
    cancel = await world.emu.click(world.student, ix.messages[0], label="Cancel")
    await cancel.wait_done()
    assert "Nothing was deleted" in ix.messages[0].text
    assert await rows_mentioning(world.services.store, world.student.id) == before
