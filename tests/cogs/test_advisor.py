"""/advisor and sharing through the Discord emulator: permissions, setup, server guidance, shared reports, limits."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from bot.client import SoapBot
from bot.config import Settings
from bot.core.base.embeddings import LocalMiniLM
from bot.core.base.llm import LLMClient
from bot.core.community.reports import Report
from bot.core.services import build_services
from bot.ui.share import share_view
from tests.cogs.conftest import World
from tests.conftest import make_settings
from tests.support.discord_emulator import (
    DiscordEmulator,
    FakeAttachment,
    FakeInteraction,
    FakeMessage,
    FakeUser,
    Perm,
)
from tests.support.fake_openai import FakeOpenAI

WAR_ROOM = b"""# Kessler war room

## Where the SOAP war room meets

Our cohort's SOAP war room meets in the Kessler Library, room 214, at 7 a.m. every day of
Match Week. Dr. Alvarez reviews your application list with you there.
"""
QUESTION = "Where does the SOAP war room meet during Match Week?"


def advisor_of(world: World, name: str = "advisor") -> FakeUser:
    return world.emu.add_member(world.guild.id, username=name, permissions=Perm.MANAGE_GUILD)


async def run(
    world: World, user: FakeUser, command: str, options: dict[str, Any] | None = None, **kwargs: Any
) -> FakeInteraction:
    ix = await world.emu.slash(user, command, options or {}, guild=kwargs.pop("guild", world.guild), **kwargs)
    await ix.wait_done()
    return ix


async def test_advisor_commands_are_guild_only_and_visible_to_role_holders(world: World) -> None:
    commands = {c["name"]: c for c in world.emu.commands_synced["global"]}
    advisor = commands["advisor"]
    assert advisor.get("contexts") == [0]  # servers only
    assert advisor.get("default_member_permissions") is None  # the run-time check decides
    subcommands = {o["name"] for o in advisor["options"]}
    assert {"setup", "knowledge", "cohort"} <= subcommands
    assert "privacy" in commands


@pytest.mark.parametrize("command", ["advisor setup", "advisor knowledge list", "advisor cohort"])
async def test_a_plain_member_is_refused(world: World, command: str) -> None:
    ix = await run(world, world.student, command)
    assert ix.ephemeral
    assert "Manage Server permission or this server's advisor role" in ix.messages[0].text
    assert await world.services.store.fetchone("SELECT * FROM guild_settings") is None


async def test_a_plain_member_cannot_change_settings_or_upload(world: World) -> None:
    ix = await run(world, world.student, "advisor setup", {"ask_private": True})
    assert "advisor role" in ix.text
    ix = await run(
        world, world.student, "advisor knowledge add", attachments={"file": FakeAttachment("a.md", WAR_ROOM)}
    )
    assert "advisor role" in ix.text
    assert (await world.services.configs.get(world.guild.id)).ask_private is False  # type: ignore[union-attr]
    assert await world.services.store.fetchone("SELECT * FROM guild_articles") is None


async def test_setup_shows_defaults_then_saves_changes(world: World) -> None:
    advisor = advisor_of(world)
    ix = await run(world, advisor, "advisor setup")
    assert ix.ephemeral
    text = ix.messages[0].text
    assert "Server settings" in text and "not set" in text and "(default)" in text

    role = world.emu.add_role(world.guild, "SOAP advisors")
    reports = world.emu.add_channel(world.guild, "advisor-reports")
    ix = await run(
        world,
        advisor,
        "advisor setup",
        {
            "advisor_role": role,
            "report_channel": reports,
            "soap_year": 2027,
            "ask_private": True,
            "daily_token_budget": 5000,
            "hourly_limit": 4,
        },
    )
    text = ix.messages[0].text
    assert "updated" in text and role.mention in text and reports.mention in text and "2027" in text
    assert "private by default" in text and "5,000 tokens" in text and "4 requests" in text
    row = await world.services.store.fetchone("SELECT * FROM guild_settings WHERE guild_id = ?", (world.guild.id,))
    assert row is not None
    assert (row["advisor_role_id"], row["report_channel_id"], row["soap_year"]) == (role.id, reports.id, 2027)
    assert (row["ask_private"], row["daily_token_budget"], row["user_hourly_limit"]) == (1, 5000, 4)

    ix = await run(world, advisor, "advisor setup", {"reset": "report channel"})
    assert "students can't share reports yet" in ix.messages[0].text
    assert (await world.services.configs.get(world.guild.id)).report_channel_id is None  # type: ignore[union-attr]


async def test_the_advisor_role_grants_access_without_manage_server(world: World) -> None:
    role = world.emu.add_role(world.guild, "SOAP advisors")
    dean = world.emu.add_member(world.guild.id, username="dean", roles=[role])
    ix = await run(world, dean, "advisor cohort")
    assert "advisor role" in ix.text  # not yet an advisor role
    await run(world, advisor_of(world), "advisor setup", {"advisor_role": role})
    ix = await run(world, dean, "advisor cohort")
    assert "Cohort" in ix.messages[0].text and ix.ephemeral


async def test_everyone_cannot_be_the_advisor_role(world: World) -> None:
    ix = await run(world, advisor_of(world), "advisor setup", {"advisor_role": world.guild.everyone_role})
    assert "other than @everyone" in ix.text
    assert (await world.services.configs.get(world.guild.id)).advisor_role_id is None  # type: ignore[union-attr]


async def test_setup_persists_across_a_bot_restart(
    emu: DiscordEmulator, settings: Settings, embedder: LocalMiniLM
) -> None:
    guild = emu.add_guild(name="Cohort")
    advisor = emu.add_member(guild.id, username="advisor", permissions=Perm.MANAGE_GUILD)
    channel = emu.add_channel(guild, "reports")
    first = await build_services(settings, embedder=embedder)
    try:
        async with emu.run_bot(SoapBot(first, guild_ready_timeout=0.05)):
            ix = await emu.slash(advisor, "advisor setup", {"report_channel": channel, "soap_year": 2027}, guild=guild)
            await ix.wait_done()
    finally:
        await first.close()
    second = await build_services(settings, embedder=embedder)
    try:
        async with emu.run_bot(SoapBot(second, guild_ready_timeout=0.05)):
            ix = await emu.slash(advisor, "advisor setup", {}, guild=guild)
            await ix.wait_done()
            assert channel.mention in ix.messages[0].text and "2027" in ix.messages[0].text
            assert "updated" not in ix.messages[0].text
    finally:
        await second.close()


# ----- server guidance -------------------------------------------------------------------------


async def add_article(
    world: World, advisor: FakeUser, name: str = "war-room.md", data: bytes = WAR_ROOM
) -> FakeInteraction:
    return await run(world, advisor, "advisor knowledge add", attachments={"file": FakeAttachment(name, data)})


def cites(ix: FakeInteraction, title: str) -> bool:
    return any(
        title in f["value"]
        for m in ix.messages
        for e in m.embeds
        for f in e.get("fields", [])
        if f["name"] == "Sources"
    )


async def test_server_article_is_found_in_that_server_only(world: World) -> None:
    advisor = advisor_of(world)
    ix = await add_article(world, advisor)
    assert ix.callback_type == 5 and ix.ephemeral
    assert "Added **Kessler war room**" in ix.messages[0].text

    ix = await run(world, world.student, "ask", {"question": QUESTION})
    assert cites(ix, "Kessler war room") and "room 214" in ix.text

    other_guild = world.emu.add_guild(name="Another school")
    outsider = world.emu.add_member(other_guild.id, username="outsider")
    ix = await run(world, outsider, "ask", {"question": QUESTION}, guild=other_guild)
    assert not cites(ix, "Kessler war room") and "room 214" not in ix.text

    stranger = world.emu.add_user("stranger")  # DMs only, never used that server
    ix = await run(world, stranger, "ask", {"question": QUESTION}, guild=None)
    assert not cites(ix, "Kessler war room") and "room 214" not in ix.text

    ix = await run(world, world.student, "ask", {"question": QUESTION}, guild=None)  # the student's server is known
    assert cites(ix, "Kessler war room")


async def test_bad_file_gets_a_clear_error_and_changes_nothing(world: World) -> None:
    advisor = advisor_of(world)
    await add_article(world, advisor)
    ix = await add_article(world, advisor, "notes.md", "r\u00e9sum\u00e9".encode("latin-1"))
    assert "not UTF-8" in ix.text and "Nothing was changed" in ix.text and ix.ephemeral
    ix = await add_article(world, advisor, "slides.pdf", b"%PDF")
    assert ".md" in ix.text and ix.callback_type == 4  # refused before downloading
    ix = await add_article(world, advisor, "huge.md", b"word " * 30_000)
    assert "limit" in ix.text
    ix = await add_article(world, advisor, "bad.md", b"---\ntitle: [oops\n---\nText")
    assert "YAML" in ix.text
    ix = await run(world, advisor, "advisor knowledge list")
    text = ix.messages[0].text
    assert "Kessler war room" in text and "1 of" in text


async def test_list_and_remove_with_autocomplete(world: World) -> None:
    advisor = advisor_of(world)
    await add_article(world, advisor)
    await add_article(world, advisor, "contacts.txt", b"Call Ms. Okafor in student affairs during Match Week.")
    ix = await run(world, advisor, "advisor knowledge list")
    assert "Kessler war room" in ix.text and "Contacts" in ix.text

    ac = await world.emu.autocomplete(
        advisor, "advisor knowledge remove", {"article": "kess"}, "article", guild=world.guild
    )
    await ac.wait_ack()
    assert [c["value"] for c in ac.choices or []] == ["war-room"]
    denied = await world.emu.autocomplete(
        world.student, "advisor knowledge remove", {"article": ""}, "article", guild=world.guild
    )
    await denied.wait_ack()
    assert denied.choices == []  # titles are not shown to students

    ix = await run(world, advisor, "advisor knowledge remove", {"article": "war-room"})
    assert "Removed **Kessler war room**" in ix.text
    ix = await run(world, advisor, "advisor knowledge remove", {"article": "war-room"})
    assert "no server article" in ix.text
    ix = await run(world, world.student, "ask", {"question": QUESTION})
    assert not cites(ix, "Kessler war room")


async def test_server_articles_come_back_after_the_index_is_lost(world: World) -> None:
    await add_article(world, advisor_of(world))
    from bot.core.knowledge.index import guild_scope

    world.services.index.drop_scope(guild_scope(world.guild.id))  # e.g. the index directory was deleted
    await world.bot.reload_extension("bot.cogs.advisor")  # what a restart does
    ix = await run(world, world.student, "ask", {"question": QUESTION})
    assert cites(ix, "Kessler war room")


# ----- cohort ----------------------------------------------------------------------------------


async def test_cohort_view_hides_small_groups_and_shows_counts_only(world: World) -> None:
    advisor = advisor_of(world)
    await run(world, world.student, "ask", {"question": "How many programs can I apply to?"})
    ix = await run(world, advisor, "advisor cohort")
    assert "Fewer than 3 students" in ix.text and "student1" not in ix.text

    store = world.services.store
    names = []
    for n in range(3):
        user = world.emu.add_member(world.guild.id, username=f"peer{n}")
        names.append(user.username)
        await store.record_activity(user.id, world.guild.id, "critique", '["contact-rule"]')
    ix = await run(world, advisor, "advisor cohort")
    text = ix.text
    assert "**4** students used SOAP Coach; **3** practised" in text
    assert "Would break the SOAP contact rule — 3 of 3 critiques" in text
    assert not any(name in text for name in [*names, "student1"])


# ----- sharing ---------------------------------------------------------------------------------


async def post_report(world: World, report: Report) -> FakeMessage:
    """The bot DMs the student a report with the share buttons (as the interview feature does)."""
    channel = await world.bot.create_dm(discord.Object(world.student.id))
    await channel.send(content="Your report", view=share_view(world.services, report))
    return world.emu.dm_messages(world.student)[-1]


async def click(world: World, message: FakeMessage, label: str) -> str:
    ix = await world.emu.click(world.student, message, label=label)
    await ix.wait_done()
    assert all(m.ephemeral for m in ix.messages)
    return ix.text


async def test_a_report_reaches_the_channel_only_after_the_click(world: World) -> None:
    channel = world.emu.add_channel(world.guild, "advisor-reports")
    await run(world, advisor_of(world), "advisor setup", {"report_channel": channel})
    report = await world.services.reports.save(
        world.student.id,
        world.guild.id,
        "interview",
        "Ownership: strong. Growth: needs a concrete example.",
        "I didn't match because SECRET-ANSWER",
    )
    message = await post_report(world, report)
    assert [b["label"] for b in message.buttons] == ["Share with my advisor", "Share with transcript"]
    assert world.emu.channel_messages(channel) == []  # nothing shared without the click

    reply = await click(world, message, "Share with my advisor")
    assert "Shared with your advisor" in reply and channel.mention in reply
    posted = world.emu.channel_messages(channel)
    assert len(posted) == 1
    assert "needs a concrete example" in posted[0].text and world.student.mention in posted[0].text
    assert "SECRET-ANSWER" not in posted[0].text  # no transcript unless chosen
    assert not posted[0].pings_everyone
    assert (
        world.emu.requests_to("POST", rf"/channels/{channel.id}/messages$")[-1].json["allowed_mentions"]["parse"] == []
    )

    assert "already shared" in await click(world, message, "Share with transcript")
    assert len(world.emu.channel_messages(channel)) == 1
    row = await world.services.store.fetchone("SELECT shared_message_id FROM reports WHERE id = ?", (report.id,))
    assert row is not None and row[0] == posted[0].id


async def test_sharing_with_transcript_from_dms_goes_to_the_students_server(world: World) -> None:
    channel = world.emu.add_channel(world.guild, "advisor-reports")
    await run(world, advisor_of(world), "advisor setup", {"report_channel": channel})
    await run(world, world.student, "ask", {"question": "When does SOAP start?"})  # the server becomes known
    report = await world.services.reports.save(
        world.student.id, None, "critique", "Findings: contact rule.", "Dear Dr. Example, DRAFT-TEXT"
    )
    message = await post_report(world, report)
    assert "with the transcript" in await click(world, message, "Share with transcript")
    posted = world.emu.channel_messages(channel)
    assert len(posted) == 1 and "DRAFT-TEXT" in posted[0].text and "Findings: contact rule." in posted[0].text


async def test_a_long_transcript_is_shared_as_one_message_with_the_full_text_attached(world: World) -> None:
    channel = world.emu.add_channel(world.guild, "advisor-reports")
    await run(world, advisor_of(world), "advisor setup", {"report_channel": channel})
    answers = "\n\n".join(f"Answer {i}: " + "I learned to ask for feedback early. " * 40 for i in range(8))
    report = await world.services.reports.save(world.student.id, world.guild.id, "interview", "Summary", answers)
    message = await post_report(world, report)
    assert "with the transcript" in await click(world, message, "Share with transcript")
    posted = world.emu.channel_messages(channel)
    assert len(posted) == 1 and posted[0].attachments
    assert "Answer 7:" in posted[0].attachments[0].content.decode("utf-8")
    assert "Full report attached" in posted[0].text


async def test_no_report_channel_means_a_kind_message_and_nothing_shared(world: World) -> None:
    report = await world.services.reports.save(world.student.id, world.guild.id, "rehearsal", "Summary")
    message = await post_report(world, report)
    assert [b["label"] for b in message.buttons] == ["Share with my advisor"]  # no transcript, no second button
    reply = await click(world, message, "Share with my advisor")
    assert "hasn't set up a channel" in reply
    assert [m for m in world.emu.bot_messages() if m.channel_id != message.channel_id] == []
    assert (await world.services.reports.get(report.id, world.student.id)).shared_at is None  # type: ignore[union-attr]


async def test_a_refused_post_can_be_retried(world: World) -> None:
    channel = world.emu.add_channel(world.guild, "locked", bot_can_send=False)
    await run(world, advisor_of(world), "advisor setup", {"report_channel": channel})
    report = await world.services.reports.save(world.student.id, world.guild.id, "interview", "Summary")
    message = await post_report(world, report)
    assert "couldn't post" in await click(world, message, "Share with my advisor")
    assert (await world.services.reports.get(report.id, world.student.id)).shared_at is None  # type: ignore[union-attr]


async def test_share_buttons_work_after_a_restart(
    emu: DiscordEmulator, settings: Settings, embedder: LocalMiniLM
) -> None:
    guild = emu.add_guild(name="Cohort")
    student = emu.add_member(guild.id, username="student")
    channel = emu.add_channel(guild, "reports")
    first = await build_services(settings, embedder=embedder)
    try:
        await first.configs.update(guild.id, None, report_channel_id=channel.id)
        report = await first.reports.save(student.id, guild.id, "interview", "Summary after restart")
        async with emu.run_bot(SoapBot(first, guild_ready_timeout=0.05)) as bot:
            dm = await bot.create_dm(discord.Object(student.id))
            await dm.send(content="Your report", view=share_view(first, report))
    finally:
        await first.close()
    second = await build_services(settings, embedder=embedder)
    try:
        async with emu.run_bot(SoapBot(second, guild_ready_timeout=0.05)):
            ix = await emu.click(student, emu.dm_messages(student)[-1], label="Share with my advisor")
            await ix.wait_done()
            assert "Shared with your advisor" in ix.text
            assert "Summary after restart" in emu.channel_messages(channel)[0].text
    finally:
        await second.close()


# ----- limits ----------------------------------------------------------------------------------


async def test_budget_exhaustion_falls_back_to_offline_mode(world: World) -> None:
    await run(world, advisor_of(world), "advisor setup", {"daily_token_budget": 10})
    async with FakeOpenAI() as fake:
        fake.reply = lambda _messages: "Apply to at most 45 programs in SOAP [1]."
        settings = make_settings(world.services.settings.data_dir, openai_base_url=fake.base_url, llm_max_retries=0)
        llm = LLMClient(settings)
        world.services.llm = world.services.usage.llm = llm
        try:
            first = await run(world, world.student, "ask", {"question": "How many programs can I apply to in SOAP?"})
            await world.emu.wait_for(lambda: first.messages[0].embeds[0]["footer"]["text"].startswith("AI mode"))
            second = await run(world, world.student, "ask", {"question": "How many programs can I apply to in SOAP?"})
        finally:
            await llm.close()
    embed = second.messages[0].embeds[0]
    assert embed["footer"]["text"].startswith("Offline mode") and "45" in embed["description"]
    note = next(f for f in embed["fields"] if f["name"] == "Note")
    assert "daily AI budget is used up" in note["value"]
    assert len(fake.chat_requests()) == 1  # the second question never reached the AI service
    ix = await run(world, advisor_of(world, "advisor2"), "advisor setup")
    assert "used in the last 24 h" in ix.text
