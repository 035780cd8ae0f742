"""The Discord emulator, proven with a real discord.py bot defined here."""

from __future__ import annotations

import asyncio
import io
import json
import statistics
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.support.discord_emulator import (
    DiscordEmulator,
    EmulatorError,
    FakeAttachment,
    FakeGuild,
    FakeUser,
    Intent,
    MessageFlag,
    Perm,
    _command_size,
)

# --------------------------------------------------------------------------------------
# A tiny bot exercising every kind of interaction
# --------------------------------------------------------------------------------------


class CritiqueModal(discord.ui.Modal, title="Critique your draft"):
    kind: discord.ui.Label[Any] = discord.ui.Label(
        text="Kind",
        component=discord.ui.Select(
            custom_id="critique-kind",
            options=[
                discord.SelectOption(label="Email", value="email", default=True),
                discord.SelectOption(label="Letter", value="letter"),
            ],
        ),
    )
    draft: discord.ui.Label[Any] = discord.ui.Label(
        text="Draft",
        component=discord.ui.TextInput(style=discord.TextStyle.paragraph, max_length=4000),
    )
    notes: discord.ui.TextInput[Any] = discord.ui.TextInput(label="Notes", required=False)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        assert isinstance(self.kind.component, discord.ui.Select)
        assert isinstance(self.draft.component, discord.ui.TextInput)
        kind = self.kind.component.values[0]
        draft = self.draft.component.value
        await interaction.response.send_message(
            f"kind={kind} draft={len(draft)} notes={self.notes.value!r}", ephemeral=True
        )


class TooLongModal(discord.ui.Modal, title="Too long"):
    text: discord.ui.TextInput[Any] = discord.ui.TextInput(label="Text", max_length=5000)


class RewriteView(discord.ui.View):
    def __init__(self, bot: EmuBot) -> None:
        super().__init__(timeout=60)
        self.bot = bot

    @discord.ui.button(label="Show rewrite", custom_id="rewrite", style=discord.ButtonStyle.primary)
    async def rewrite(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        self.bot.seen["clicked_message_id"] = interaction.message.id if interaction.message else None
        await interaction.response.edit_message(content="Here is the rewrite", view=None)

    @discord.ui.button(label="Later", custom_id="later")
    async def later(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        await interaction.response.defer()
        await interaction.edit_original_response(content="edited after a deferred update")

    @discord.ui.button(label="Critique", custom_id="open-critique")
    async def critique(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        await interaction.response.send_modal(CritiqueModal())

    @discord.ui.select(
        custom_id="topic",
        options=[
            discord.SelectOption(label="Ranking", value="rank"),
            discord.SelectOption(label="Email", value="email"),
        ],
    )
    async def topic(self, interaction: discord.Interaction, select: discord.ui.Select[Any]) -> None:
        await interaction.response.send_message(f"topic={select.values[0]}", ephemeral=True)


class EmuBot(commands.Bot):
    """A bot with one command per behaviour under test; failures land in ``errors``."""

    def __init__(self, intents: discord.Intents | None = None) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents or discord.Intents.default(),
            guild_ready_timeout=0.05,
        )
        self.errors: dict[str, BaseException] = {}
        self.seen: dict[str, Any] = {}
        self.dm_seen: list[discord.Message] = []
        self._add_commands()

    async def setup_hook(self) -> None:
        await self.tree.sync()

    async def on_message(self, message: discord.Message) -> None:
        if message.author == self.user or message.guild is not None:
            return
        self.dm_seen.append(message)
        parts = [f"echo: {message.content}"]
        for attachment in message.attachments:
            data = await attachment.read()
            parts.append(f"{attachment.filename}={len(data)}")
        if message.flags.voice:
            parts.append("voice")
        await message.channel.send(" | ".join(parts))

    def _add_commands(self) -> None:
        tree = self.tree

        @tree.command(name="ping", description="Ping")
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("pong")

        @tree.command(name="slow", description="Defers then follows up")
        async def slow(interaction: discord.Interaction) -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            await asyncio.sleep(0.05)  # the bot "thinking"
            await interaction.followup.send("slow answer", ephemeral=True)
            await interaction.followup.send("second followup", ephemeral=True)

        grp = app_commands.Group(name="grp", description="A group")

        @grp.command(name="sub", description="A subcommand")
        async def sub(interaction: discord.Interaction, text: str, times: int = 1) -> None:
            await interaction.response.send_message(f"sub:{text * times}")

        tree.add_command(grp)

        adv = app_commands.Group(
            name="adv",
            description="Advisor tools",
            default_permissions=discord.Permissions(manage_guild=True),
            guild_only=True,
        )
        knowledge = app_commands.Group(name="knowledge", description="Knowledge", parent=adv)

        @knowledge.command(name="add", description="Add a document")
        async def add(interaction: discord.Interaction, title: str, doc: discord.Attachment) -> None:
            data = await doc.read()
            await interaction.response.send_message(
                f"added {title}: {doc.filename} {len(data)} bytes",
                file=discord.File(io.BytesIO(data[::-1]), filename="reversed.txt"),
                ephemeral=True,
            )

        tree.add_command(adv)

        @tree.command(name="critique", description="Opens a modal")
        async def critique(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(CritiqueModal())

        @tree.command(name="badmodal", description="A modal Discord rejects")
        async def badmodal(interaction: discord.Interaction) -> None:
            try:
                await interaction.response.send_modal(TooLongModal())
            except discord.HTTPException as exc:
                self.errors["badmodal"] = exc
                await interaction.response.send_message("modal rejected", ephemeral=True)

        @tree.command(name="buttons", description="A view")
        async def buttons(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Pick one", view=RewriteView(self))

        @tree.command(name="long", description="Too long a message")
        async def long(interaction: discord.Interaction) -> None:
            try:
                await interaction.response.send_message("x" * 2500)
            except discord.HTTPException as exc:
                self.errors["long"] = exc
                await interaction.response.send_message("shortened")

        @tree.command(name="dm", description="Sends you a DM")
        async def dm(interaction: discord.Interaction) -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            try:
                await interaction.user.send("Your private practice prompt")
            except discord.Forbidden as exc:
                self.errors["dm"] = exc
                await interaction.followup.send("Your DMs are closed", ephemeral=True)
            else:
                await interaction.followup.send("Check your DMs", ephemeral=True)

        @tree.command(name="late", description="Answers after the deadline")
        async def late(interaction: discord.Interaction) -> None:
            await asyncio.sleep(0.3)
            try:
                await interaction.response.send_message("too late")
            except discord.HTTPException as exc:
                self.errors["late"] = exc

        @tree.command(name="announce", description="Posts in a channel")
        async def announce(interaction: discord.Interaction, channel: discord.TextChannel, safe: bool) -> None:
            target = self.get_channel(channel.id)
            assert isinstance(target, discord.TextChannel)
            mentions = discord.AllowedMentions.none() if safe else discord.utils.MISSING
            await target.send("@everyone the SOAP round opens now", allowed_mentions=mentions)
            await interaction.response.send_message("posted", ephemeral=True)

        @tree.command(name="topic", description="Autocompletes")
        async def topic(interaction: discord.Interaction, name: str) -> None:
            await interaction.response.send_message(name)

        @topic.autocomplete("name")
        async def topic_complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
            options = ["ranking", "rehearsal", "email"]
            return [app_commands.Choice(name=o, value=o) for o in options if o.startswith(current)]


# --------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------


@pytest.fixture
async def emu() -> AsyncIterator[DiscordEmulator]:
    emulator = DiscordEmulator()
    await emulator.start()
    try:
        yield emulator
    finally:
        await emulator.stop()


@pytest.fixture
def guild(emu: DiscordEmulator) -> FakeGuild:
    return emu.add_guild(name="SOAP Cohort 2026")


@pytest.fixture
def student(emu: DiscordEmulator, guild: FakeGuild) -> FakeUser:
    return emu.add_member(guild.id, username="student1")


@pytest.fixture
async def bot(emu: DiscordEmulator, guild: FakeGuild, student: FakeUser) -> AsyncIterator[EmuBot]:
    the_bot = EmuBot()
    async with emu.run_bot(the_bot):
        yield the_bot


# --------------------------------------------------------------------------------------
# Startup, sync, basic commands
# --------------------------------------------------------------------------------------


async def test_startup_ready_and_guild_cache(emu: DiscordEmulator, guild: FakeGuild, bot: EmuBot) -> None:
    assert bot.user is not None and bot.user.id == emu.bot_user_id
    assert bot.application_id == emu.application_id
    cached = bot.get_guild(guild.id)
    assert cached is not None and cached.name == "SOAP Cohort 2026"
    assert [c.name for c in cached.text_channels] == ["general"]
    assert {r.name for r in cached.roles} >= {"@everyone", emu.bot_user.username}
    assert cached.me is not None
    await asyncio.wait_for(bot.wait_until_ready(), 5)
    paths = [(r.method, r.path) for r in emu.requests]
    assert ("GET", "/users/@me") in paths and ("GET", "/oauth2/applications/@me") in paths
    assert all(r.status == 200 for r in emu.requests), emu.requests
    assert not emu.unknown_routes


async def test_command_sync_payload_recorded(emu: DiscordEmulator, bot: EmuBot) -> None:
    synced = {c["name"]: c for c in emu.commands_synced["global"]}
    assert {"ping", "slow", "grp", "adv", "critique", "buttons"} <= synced.keys()
    sub = synced["grp"]["options"][0]
    assert sub["type"] == 1 and sub["name"] == "sub"
    assert [o["name"] for o in sub["options"]] == ["text", "times"]
    assert int(synced["adv"]["default_member_permissions"]) == Perm.MANAGE_GUILD
    registered = {c["name"]: c for c in emu.registered_commands["global"]}
    assert registered["ping"]["application_id"] == str(emu.application_id)
    assert registered["ping"]["id"] and registered["ping"]["version"]
    assert registered["adv"]["default_member_permissions"] == str(Perm.MANAGE_GUILD)
    fetched = await bot.tree.fetch_commands()
    assert {c.name for c in fetched} == synced.keys()


async def test_ping_replies_and_measures_ack(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    ix = await emu.slash(student, "ping", guild=guild)
    await ix.wait_done()
    assert ix.callback_type == 4
    assert ix.ack_ms is not None and 0 < ix.ack_ms < 1000
    assert [m.content for m in ix.messages] == ["pong"]
    assert not ix.ephemeral
    assert emu.channel_messages(guild.general.id) == ix.messages
    callback = emu.requests_to("POST", r"/interactions/\d+/.+/callback")[0]
    assert callback.query.get("with_response") == "1"


async def test_slash_in_dm(emu: DiscordEmulator, bot: EmuBot) -> None:
    user = emu.add_user("dmstudent")
    ix = await emu.slash(user, "ping")
    await ix.wait_done()
    assert ix.payload["context"] == 1 and "guild_id" not in ix.payload
    assert [m.content for m in emu.dm_messages(user)] == ["pong"]


async def test_defer_then_followups(emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot) -> None:
    ix = await emu.slash(student, "slow", guild=guild)
    await ix.wait_ack()
    assert ix.callback_type == 5 and ix.ephemeral
    await ix.wait_done()
    messages = await ix.wait_messages(2)
    assert [m.content for m in messages] == ["slow answer", "second followup"]
    # the first followup replaced the "thinking" placeholder
    assert messages[0].id == ix.original_message_id and not messages[0].loading
    assert all(m.ephemeral for m in messages)


async def test_group_subcommand_options(emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot) -> None:
    ix = await emu.slash(student, "grp sub", {"text": "ab", "times": 3}, guild=guild)
    await ix.wait_done()
    assert ix.messages[0].content == "sub:ababab"
    option = ix.payload["data"]["options"][0]
    assert option["type"] == 1 and option["options"][1] == {"name": "times", "type": 4, "value": 3}
    with pytest.raises(EmulatorError, match="missing required"):
        await emu.slash(student, "grp sub", {}, guild=guild)
    with pytest.raises(EmulatorError, match="no option"):
        await emu.slash(student, "grp sub", {"text": "a", "nope": 1}, guild=guild)
    with pytest.raises(EmulatorError, match="not synced"):
        await emu.slash(student, "nonexistent", guild=guild)


async def test_nested_group_attachment_and_permissions(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    doc = FakeAttachment("guide.md", b"# SOAP guide\n", "text/markdown")
    with pytest.raises(EmulatorError, match="hidden"):
        await emu.slash(student, "adv knowledge add", {"title": "Guide"}, guild=guild, attachments={"doc": doc})
    advisor = emu.add_member(guild.id, username="advisor", permissions=Perm.MANAGE_GUILD)
    ix = await emu.slash(advisor, "adv knowledge add", {"title": "Guide"}, guild=guild, attachments={"doc": doc})
    await ix.wait_done()
    group = ix.payload["data"]["options"][0]
    assert group["type"] == 2 and group["options"][0]["type"] == 1
    [msg] = ix.messages
    assert msg.content == "added Guide: guide.md 13 bytes" and msg.ephemeral
    assert msg.attachments[0].filename == "reversed.txt"
    assert msg.attachments[0].content == b"# SOAP guide\n"[::-1]
    assert emu.cdn_requests  # the bot downloaded the attachment from the emulator
    with pytest.raises(EmulatorError, match="not available in DMs"):
        await emu.slash(advisor, "adv knowledge add", {"title": "x"}, attachments={"doc": doc})


async def test_autocomplete(emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot) -> None:
    ix = await emu.autocomplete(student, "topic", {"name": "re"}, focused="name", guild=guild)
    await ix.wait_done()
    assert ix.callback_type == 8
    assert [c["value"] for c in ix.choices or []] == ["rehearsal"]


# --------------------------------------------------------------------------------------
# Modals and components
# --------------------------------------------------------------------------------------


async def test_modal_round_trip(emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot) -> None:
    ix = await emu.slash(student, "critique", guild=guild)
    await ix.wait_done()
    assert ix.callback_type == 9 and ix.modal is not None
    assert ix.modal["title"] == "Critique your draft"
    submitted = await emu.submit_modal(
        student, ix, {"critique-kind": ["letter"], "Draft": "Dear Program Director, ..."}
    )
    await submitted.wait_done()
    assert submitted.messages[0].content == "kind=letter draft=26 notes=''"
    assert submitted.ephemeral
    again = await emu.slash(student, "critique", guild=guild)
    await again.wait_done()
    untouched = await emu.submit_modal(student, again, {"Draft": "Hi"})  # the default option, as the client shows it
    await untouched.wait_done()
    assert untouched.messages[0].content == "kind=email draft=2 notes=''"
    with pytest.raises(EmulatorError, match="is required"):
        await emu.submit_modal(student, ix, {"critique-kind": ["email"]})
    with pytest.raises(EmulatorError, match="has no option"):
        await emu.submit_modal(student, ix, {"critique-kind": ["fax"], "Draft": "x"})
    with pytest.raises(EmulatorError, match="at most 4000"):
        await emu.submit_modal(student, ix, {"critique-kind": ["email"], "Draft": "x" * 4001})


async def test_modal_text_input_over_4000_is_rejected(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    ix = await emu.slash(student, "badmodal", guild=guild)
    await ix.wait_done()
    exc = bot.errors["badmodal"]
    assert isinstance(exc, discord.HTTPException) and exc.code == 50035
    assert "4000" in str(exc)
    assert ix.messages[0].content == "modal rejected"


async def test_button_click_update_and_deferred_update(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    ix = await emu.slash(student, "buttons", guild=guild)
    await ix.wait_done()
    [msg] = ix.messages
    assert [b["label"] for b in msg.buttons] == ["Show rewrite", "Later", "Critique"]

    later = await emu.click(student, msg, "later")
    await later.wait_done()
    assert later.callback_type == 6
    assert msg.content == "edited after a deferred update" and msg.edited_at is not None

    click = await emu.click(student, msg, label="Show rewrite")
    assert click.payload["message"]["id"] == str(msg.id)
    assert click.payload["message"]["components"]  # the full message, components included
    await click.wait_done()
    assert click.callback_type == 7
    assert bot.seen["clicked_message_id"] == msg.id
    assert msg.content == "Here is the rewrite" and msg.components == []
    assert msg.history[0]["content"] == "Pick one"
    with pytest.raises(EmulatorError, match="no button"):
        await emu.click(student, msg, label="Show rewrite")


async def test_select_and_modal_from_button(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    ix = await emu.slash(student, "buttons", guild=guild)
    [msg] = await ix.wait_messages(1)
    picked = await emu.select(student, msg, "topic", ["email"])
    await picked.wait_done()
    assert picked.messages[0].content == "topic=email"
    with pytest.raises(EmulatorError, match="has no option"):
        await emu.select(student, msg, "topic", ["nope"])

    opened = await emu.click(student, msg, "open-critique")
    await opened.wait_done()
    submitted = await emu.submit_modal(student, opened, {"Kind": ["email"], "Draft": "Hello", "Notes": "n"})
    await submitted.wait_done()
    assert submitted.messages[0].content == "kind=email draft=5 notes='n'"
    assert submitted.payload["message"]["id"] == str(msg.id)


# --------------------------------------------------------------------------------------
# Discord's rules
# --------------------------------------------------------------------------------------


async def test_content_over_2000_surfaces_as_http_exception(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    ix = await emu.slash(student, "long", guild=guild)
    await ix.wait_done()
    exc = bot.errors["long"]
    assert isinstance(exc, discord.HTTPException) and exc.status == 400 and exc.code == 50035
    assert "data.content" in str(exc) and "2000" in str(exc)
    assert [m.content for m in ix.messages] == ["shortened"]
    assert ix.rejected and ix.rejected[0].status == 400


async def test_second_initial_callback_is_40060(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    ix = await emu.slash(student, "ping", guild=guild)
    await ix.wait_done()
    url = f"{emu.api_base}/interactions/{ix.id}/{ix.token}/callback"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json={"type": 4, "data": {"content": "again"}}) as resp,
    ):
        assert resp.status == 400
        assert resp.headers["Content-Type"] == "application/json"
        body = await resp.json()
    assert body["code"] == 40060


async def test_late_ack_is_unknown_interaction(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    emu.ack_deadline_s = 0.2
    ix = await emu.slash(student, "late", guild=guild)
    await emu.wait_for(lambda: "late" in bot.errors, timeout=5)
    exc = bot.errors["late"]
    assert isinstance(exc, discord.NotFound) and exc.code == 10062
    assert ix.late_callbacks == 1 and not ix.acknowledged


async def test_dm_open_send_and_closed_dms(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    ix = await emu.slash(student, "dm", guild=guild)
    await ix.wait_done()
    assert ix.messages[0].content == "Check your DMs"
    assert [m.content for m in emu.dm_messages(student)] == ["Your private practice prompt"]
    opened = emu.requests_to("POST", r"^/users/@me/channels$")
    assert opened[0].json == {"recipient_id": student.id}

    closed = emu.add_member(guild.id, username="private", dms_closed=True)
    ix2 = await emu.slash(closed, "dm", guild=guild)
    await ix2.wait_done()
    exc = bot.errors["dm"]
    assert isinstance(exc, discord.Forbidden) and exc.code == 50007
    assert ix2.messages[0].content == "Your DMs are closed"
    assert emu.dm_messages(closed) == []


async def test_dm_echo_with_attachment_and_voice(emu: DiscordEmulator, bot: EmuBot) -> None:
    user = emu.add_user("dmstudent")
    sent = await emu.send_dm(user, "my answer", attachments=[FakeAttachment("notes.txt", b"hello")])
    reply = await emu.wait_for(lambda: emu.dm_messages(user))
    assert reply[0].content == "echo: my answer | notes.txt=5"
    assert bot.dm_seen[0].id == sent.id and bot.dm_seen[0].guild is None

    voice = FakeAttachment("voice-message.ogg", b"OggS" + bytes(100), "audio/ogg", duration_secs=3.5)
    msg = await emu.send_dm(user, "", attachments=[voice])
    assert msg.flags & MessageFlag.VOICE_MESSAGE
    await emu.wait_for(lambda: len(emu.dm_messages(user)) == 2)
    assert emu.dm_messages(user)[1].content == "echo:  | voice-message.ogg=104 | voice"
    assert bot.dm_seen[1].attachments[0].is_voice_message()


async def test_allowed_mentions_recorded(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    channel = emu.add_channel(guild.id, name="advisor-reports")
    await emu.wait_for(lambda: bot.get_channel(channel.id))
    safe = await emu.slash(student, "announce", {"channel": channel, "safe": True}, guild=guild)
    await safe.wait_done()
    [posted] = emu.channel_messages(channel.id)
    assert posted.allowed_mentions == {"parse": []} and not posted.pings_everyone
    unsafe = await emu.slash(student, "announce", {"channel": channel, "safe": False}, guild=guild)
    await unsafe.wait_done()
    assert emu.everyone_pings() == [emu.channel_messages(channel.id)[1]]


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"content": "x" * 2001}, ["content"]),
        ({"embeds": [{"description": "x"}] * 11}, ["embeds"]),
        ({"embeds": [{"title": "x" * 257}]}, ["embeds", "0", "title"]),
        ({"embeds": [{"description": "x" * 4097}]}, ["embeds", "0", "description"]),
        ({"embeds": [{"fields": [{"name": "x" * 257, "value": "v"}]}]}, ["embeds", "0", "fields", "0", "name"]),
        ({"embeds": [{"fields": [{"name": "n", "value": "x" * 1025}]}]}, ["embeds", "0", "fields", "0", "value"]),
        ({"embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]}, ["embeds", "0", "fields"]),
        ({"embeds": [{"footer": {"text": "x" * 2049}}]}, ["embeds", "0", "footer", "text"]),
        ({"embeds": [{"description": "x" * 4000}, {"description": "x" * 2001}]}, ["embeds"]),
        (
            {
                "content": "x",
                "components": [
                    {"type": 1, "components": [{"type": 2, "style": 1, "label": "b", "custom_id": str(i)}]}
                    for i in range(6)
                ],
            },
            ["components"],
        ),
        (
            {
                "content": "x",
                "components": [
                    {"type": 1, "components": [{"type": 2, "style": 1, "label": "x" * 81, "custom_id": "a"}]}
                ],
            },
            ["components", "0", "components", "0", "label"],
        ),
    ],
)
async def test_message_limits(emu: DiscordEmulator, guild: FakeGuild, body: dict[str, Any], path: list[str]) -> None:
    url = f"{emu.api_base}/channels/{guild.general.id}/messages"
    headers = {"Authorization": f"Bot {emu.token}"}
    async with aiohttp.ClientSession() as session, session.post(url, json=body, headers=headers) as resp:
        assert resp.status == 400
        error = await resp.json()
    assert error["code"] == 50035 and error["message"] == "Invalid Form Body"
    node = error["errors"]
    for part in path:
        node = node[part]
    assert node["_errors"], error
    assert emu.channel_messages(guild.general.id) == []


async def test_empty_message_and_unknown_route(emu: DiscordEmulator, guild: FakeGuild) -> None:
    headers = {"Authorization": f"Bot {emu.token}"}
    async with aiohttp.ClientSession(headers=headers) as session:
        async with session.post(f"{emu.api_base}/channels/{guild.general.id}/messages", json={}) as resp:
            assert resp.status == 400 and (await resp.json())["code"] == 50006
        async with session.get(f"{emu.api_base}/no/such/route") as resp:
            assert resp.status == 404
            assert "no handler for GET /api/v10/no/such/route" in (await resp.json())["message"]
        async with session.get(f"{emu.api_base}/users/@me", headers={"Authorization": "Bot wrong"}) as resp:
            assert resp.status == 401
    assert emu.unknown_routes == ["GET /no/such/route"]


# --------------------------------------------------------------------------------------
# Faults, gateway, load
# --------------------------------------------------------------------------------------


async def test_injected_429_is_retried_by_discord_py(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    rule = emu.fail_next("POST", r"/interactions/\d+/[^/]+/callback$", status=429, retry_after=0.1)
    ix = await emu.slash(student, "ping", guild=guild)
    await ix.wait_done()
    assert rule.hits == 1
    statuses = [r.status for r in emu.requests_to("POST", r"/callback$")]
    assert statuses == [429, 200]
    assert ix.messages[0].content == "pong"

    user = emu.add_user("dmstudent")
    emu.fail_next("POST", r"^/channels/\d+/messages$", status=429, retry_after=0.05)
    await emu.send_dm(user, "hi")
    await emu.wait_for(lambda: emu.dm_messages(user))
    assert [r.status for r in emu.requests_to("POST", r"^/channels/\d+/messages$")] == [429, 200]


async def test_injected_403_surfaces(emu: DiscordEmulator, bot: EmuBot) -> None:
    user = emu.add_user("dmstudent")
    emu.fail_next("POST", r"^/channels/\d+/messages$", status=403)
    errors: list[BaseException] = []

    async def on_error(event: str, *args: Any, **kwargs: Any) -> None:
        import sys

        errors.append(sys.exc_info()[1])  # type: ignore[arg-type]

    bot.on_error = on_error  # type: ignore[method-assign]
    await emu.send_dm(user, "hi")
    await emu.wait_for(lambda: errors)
    assert isinstance(errors[0], discord.Forbidden) and errors[0].code == 50013


async def test_gateway_resume_replays_missed_events(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    await emu.disconnect_gateway(resume=True, hold=True)
    ix = await emu.slash(student, "ping", guild=guild)  # dispatched while disconnected
    assert ix.sent_at is None and not emu.connected
    emu.release_gateway()
    await ix.wait_done()
    assert ix.messages[0].content == "pong"
    assert emu.resume_count == 1 and emu.identify_count == 1
    resume = [f for f in emu.gateway_received if f["op"] == 6]
    assert resume and resume[0]["d"]["token"] == "<redacted>"

    await emu.disconnect_gateway(resume=True, via="reconnect")
    await emu.wait_for(lambda: emu.resume_count == 2 and emu.connected)
    ix2 = await emu.slash(student, "ping", guild=guild)
    await ix2.wait_done()


async def test_invalid_session_reidentifies(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    async def no_identify_delay(shard_id: int | None, *, initial: bool = False) -> None:
        """discord.py sleeps 5 s before re-identifying; skip that here."""

    bot.before_identify_hook = no_identify_delay  # type: ignore[method-assign]
    await emu.disconnect_gateway(resume=False)
    await emu.wait_until_ready()
    assert emu.identify_count == 2
    ix = await emu.slash(student, "ping", guild=guild)
    await ix.wait_done()


async def test_fifty_concurrent_pings(emu: DiscordEmulator, guild: FakeGuild, bot: EmuBot) -> None:
    students = [emu.add_member(guild.id, username=f"student{i}") for i in range(50)]
    interactions = await asyncio.gather(*(emu.slash(s, "ping", guild=guild) for s in students))
    await asyncio.gather(*(ix.wait_done() for ix in interactions))
    acks = sorted(ix.ack_ms for ix in interactions if ix.ack_ms is not None)
    assert len(acks) == 50 and all(ix.messages[0].content == "pong" for ix in interactions)
    p50 = statistics.median(acks)
    p99 = acks[int(0.99 * (len(acks) - 1))]
    assert p99 < emu.ack_deadline_s * 1000, (p50, p99)


async def test_guilds_and_members_added_after_ready(emu: DiscordEmulator) -> None:
    intents = discord.Intents.default()
    intents.members = True
    bot = EmuBot(intents)
    first = emu.add_guild(name="First")
    async with emu.run_bot(bot):
        assert bot.get_guild(first.id) is not None
        assert {m.id for m in bot.get_guild(first.id).members} >= {emu.bot_user_id}  # type: ignore[union-attr]
        second = emu.add_guild(name="Second")
        await emu.wait_for(lambda: bot.get_guild(second.id))
        newcomer = emu.add_member(second.id, username="newcomer")
        await emu.wait_for(lambda: bot.get_guild(second.id).get_member(newcomer.id))  # type: ignore[union-attr]
        role = emu.add_role(second.id, name="Advisor")
        await emu.wait_for(lambda: bot.get_guild(second.id).get_role(role.id))  # type: ignore[union-attr]


async def test_intents_are_enforced(emu: DiscordEmulator) -> None:
    no_dms = discord.Intents.default()
    no_dms.dm_messages = False
    bot = EmuBot(no_dms)
    user = emu.add_user("dmstudent")
    async with emu.run_bot(bot):
        await emu.send_dm(user, "anyone there?")
        assert emu.dropped_events and emu.dropped_events[0][0] == "MESSAGE_CREATE"
        assert bot.dm_seen == []

    emu.privileged_intents_allowed = 0
    with pytest.raises(discord.PrivilegedIntentsRequired):
        async with emu.run_bot(EmuBot(discord.Intents.all())):
            pass


async def test_patch_discord_is_undoable(emu: DiscordEmulator) -> None:
    before = discord.http.Route.BASE
    with emu.patch_discord():
        assert emu.api_base == discord.http.Route.BASE
        assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == emu.gateway_url
    assert before == discord.http.Route.BASE
    assert discord.Intents(dm_messages=True).value == Intent.DIRECT_MESSAGES


async def test_guild_scoped_sync(emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot) -> None:
    target = discord.Object(id=guild.id)
    bot.tree.copy_global_to(guild=target)
    await bot.tree.sync(guild=target)
    assert {c["name"] for c in emu.commands_synced[guild.id]} >= {"ping", "grp"}
    assert all(c["guild_id"] == str(guild.id) for c in emu.registered_commands[guild.id])
    ix = await emu.slash(student, "ping", guild=guild)
    await ix.wait_done()
    assert ix.payload["data"]["guild_id"] == str(guild.id)
    assert ix.messages[0].content == "pong"


async def test_unsynced_commands_can_be_allowed(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    emu.registered_commands["global"] = []
    with pytest.raises(EmulatorError, match="not synced"):
        await emu.slash(student, "grp sub", {"text": "a"}, guild=guild)
    emu.require_synced_commands = False  # option types are then inferred from the values
    ix = await emu.slash(student, "grp sub", {"text": "hi", "times": 2}, guild=guild)
    await ix.wait_done()
    assert ix.messages[0].content == "sub:hihi"


async def test_guild_message_content_needs_the_intent(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    def from_student(message: discord.Message) -> bool:
        return message.author.id == student.id

    waiter = asyncio.ensure_future(bot.wait_for("message", check=from_student))
    await emu.send_message(student, guild.general, "hello everyone")
    assert (await asyncio.wait_for(waiter, 5)).content == ""  # no MESSAGE_CONTENT intent
    waiter = asyncio.ensure_future(bot.wait_for("message", check=from_student))
    await emu.send_message(student, guild.general, f"{emu.bot_user.mention} hello bot")
    assert (await asyncio.wait_for(waiter, 5)).content.endswith("hello bot")  # mentions are visible


async def test_injected_500_is_retried_by_discord_py(emu: DiscordEmulator, bot: EmuBot) -> None:
    user = emu.add_user("dmstudent")
    emu.fail_next("POST", r"^/channels/\d+/messages$", status=500)
    await emu.send_dm(user, "hi")
    await emu.wait_for(lambda: emu.dm_messages(user), timeout=5)  # discord.py waits 1 s first
    assert [r.status for r in emu.requests_to("POST", r"^/channels/\d+/messages$")] == [500, 200]


async def test_modal_submit_can_be_acked_with_a_bare_defer(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser
) -> None:
    class QuietModal(discord.ui.Modal, title="Quiet"):
        answer: discord.ui.TextInput[Any] = discord.ui.TextInput(label="Answer")

        async def on_submit(self, interaction: discord.Interaction) -> None:
            await interaction.response.defer()  # type 6: just closes the modal
            await interaction.followup.send(f"noted: {self.answer.value}", ephemeral=True)

    bot = EmuBot()

    @bot.tree.command(name="quiet", description="Modal acked with a bare defer")
    async def quiet(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(QuietModal())

    async with emu.run_bot(bot):
        ix = await emu.slash(student, "quiet", guild=guild)
        await ix.wait_done()
        submitted = await emu.submit_modal(student, ix, {"Answer": "yes"})
        await submitted.wait_ack()
        assert submitted.callback_type == 6
        [msg] = await submitted.wait_messages(1)
        assert msg.content == "noted: yes" and msg.ephemeral


async def test_raw_callback_without_with_response(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    emu.require_synced_commands = False
    ix = await emu.slash(student, "unknown-to-the-bot", guild=guild)  # the bot cannot answer it
    await emu.wait_for(lambda: ix.sent_at is not None)
    base = f"{emu.api_base}/interactions/{ix.id}/{ix.token}/callback"
    async with aiohttp.ClientSession() as session:
        async with session.post(base, json={"type": 5, "data": {"flags": 64}}) as resp:
            assert resp.status == 204
        async with session.post(
            f"{emu.api_base}/webhooks/{emu.application_id}/{ix.token}?wait=1", json={"content": "manual followup"}
        ) as resp:
            assert resp.status == 200 and (await resp.json())["content"] == "manual followup"
    await ix.wait_done()
    assert ix.ephemeral and [m.content for m in ix.messages] == ["manual followup"]


# --------------------------------------------------------------------------------------
# Discord's rules a wrong bot breaks: tokens, choices, command size, custom ids, embeds
# --------------------------------------------------------------------------------------

OVERSIZED_EMBEDS = [{"description": "x" * 4000}, {"title": "t", "description": "é" * 2001}]


def _error_at(body: dict[str, Any], path: list[str]) -> list[dict[str, Any]]:
    node = body["errors"]
    for part in path:
        node = node[part]
    return node["_errors"]


async def _unanswered(emu: DiscordEmulator, student: FakeUser, guild: FakeGuild) -> Any:
    """An interaction the bot does not know, so the test answers it by hand."""
    emu.require_synced_commands = False
    ix = await emu.slash(student, "unknown-to-the-bot", guild=guild)
    await emu.wait_for(lambda: ix.sent_at is not None)
    return ix


async def test_an_expired_token_refuses_followups_and_edits(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser
) -> None:
    release = asyncio.Event()
    bot = EmuBot()

    @bot.tree.command(name="transcribe", description="Answers after a long wait")
    async def transcribe(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await release.wait()  # e.g. a long queue: 15 minutes go by
        for attempt in (
            interaction.followup.send("done", ephemeral=True),
            interaction.edit_original_response(content="x"),
        ):
            try:
                await attempt
            except discord.HTTPException as exc:
                bot.errors.setdefault("late", exc)
                bot.seen.setdefault("codes", []).append((exc.status, exc.code))

    async with emu.run_bot(bot):
        ix = await emu.slash(student, "transcribe", guild=guild)
        await ix.wait_ack()
        emu.expire_token(ix)
        assert emu.token_expired(ix) and "token expired" in ix.describe()
        release.set()
        await emu.wait_for(lambda: len(bot.seen.get("codes", [])) == 2)
    assert bot.seen["codes"] == [(401, 50027), (401, 50027)]
    assert ix.messages == [] and all(r.status == 401 for r in ix.rejected)


async def test_a_fresh_token_still_works_within_its_lifetime(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    ix = await emu.slash(student, "slow", guild=guild)
    await ix.wait_done()
    assert not emu.token_expired(ix) and emu.token_lifetime_s == 15 * 60
    assert [m.content for m in await ix.wait_messages(2)] == ["slow answer", "second followup"]


@pytest.mark.parametrize(
    ("choice", "path"),
    [
        ({"name": "n" * 101, "value": "v"}, ["0", "name"]),
        ({"name": "", "value": "v"}, ["0", "name"]),
        ({"name": "n", "value": "v" * 101}, ["0", "value"]),
        ({"name": "n", "value": ""}, ["0", "value"]),
    ],
)
async def test_autocomplete_choice_lengths(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, choice: dict[str, Any], path: list[str]
) -> None:
    bot = EmuBot()

    @bot.tree.command(name="program", description="Autocompletes from long program names")
    async def program(interaction: discord.Interaction, name: str) -> None:
        await interaction.response.send_message(name)

    @program.autocomplete("name")
    async def names(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=choice["name"], value=choice["value"])]

    async with emu.run_bot(bot):
        ix = await emu.autocomplete(student, "program", {"name": "x"}, focused="name", guild=guild)
        await emu.wait_for(lambda: ix.rejected)
    assert ix.choices is None and not ix.acknowledged
    assert ix.rejected[0].status == 400
    assert _error_at(ix.rejected[0].response, ["data", "choices", *path])


def _command(**option: Any) -> dict[str, Any]:
    return {"name": "cmd", "description": "d", "options": [{"name": "opt", "description": "d", **option}]}


@pytest.mark.parametrize(
    ("commands", "path", "code"),
    [
        (
            [
                {
                    "name": "big",
                    "description": "d" * 100,
                    "options": [
                        {
                            "name": f"o{i}",
                            "description": "é" * 100,
                            "type": 3,
                            "choices": [{"name": "n" * 100, "value": "v" * 100} for _ in range(2)],
                        }
                        for i in range(10)
                    ],
                }
            ],
            ["0"],
            "APPLICATION_COMMAND_TOO_LARGE",
        ),
        ([_command(type=3, max_length=6001)], ["0", "options", "0", "max_length"], "NUMBER_TYPE_MAX"),
        ([_command(type=3, min_length=-1)], ["0", "options", "0", "min_length"], "NUMBER_TYPE_MAX"),
        ([_command(type=3, max_length=0)], ["0", "options", "0", "max_length"], "NUMBER_TYPE_MAX"),
        (
            [_command(type=3, min_length=10, max_length=5)],
            ["0", "options", "0", "min_length"],
            "APPLICATION_COMMAND_OPTION_INVALID",
        ),
        ([_command(type=4, max_length=10)], ["0", "options", "0", "max_length"], "APPLICATION_COMMAND_OPTION_INVALID"),
        ([_command(type=3, min_value=1)], ["0", "options", "0", "min_value"], "APPLICATION_COMMAND_OPTION_INVALID"),
        (
            [_command(type=4, min_value=5, max_value=1)],
            ["0", "options", "0", "min_value"],
            "APPLICATION_COMMAND_OPTION_INVALID",
        ),
        ([_command(type=10, max_value=2.0**60)], ["0", "options", "0", "max_value"], "NUMBER_TYPE_MAX"),
        (
            [_command(type=3, autocomplete=True, choices=[{"name": "a", "value": "a"}])],
            ["0", "options", "0", "autocomplete"],
            "APPLICATION_COMMAND_OPTION_CHOICES_AND_AUTOCOMPLETE",
        ),
        (
            [_command(type=3, choices=[{"name": "a", "value": "v" * 101}])],
            ["0", "options", "0", "choices", "0", "value"],
            "BASE_TYPE_MAX_LENGTH",
        ),
    ],
)
async def test_command_sync_limits(
    emu: DiscordEmulator, commands: list[dict[str, Any]], path: list[str], code: str
) -> None:
    url = f"{emu.api_base}/applications/{emu.application_id}/commands"
    async with (
        aiohttp.ClientSession(headers={"Authorization": f"Bot {emu.token}"}) as session,
        session.put(url, json=commands) as resp,
    ):
        assert resp.status == 400
        body = await resp.json()
    assert body["code"] == 50035
    assert code in [e["code"] for e in _error_at(body, path)], body
    assert emu.registered_commands["global"] == []


async def test_a_command_of_exactly_4000_characters_is_accepted(emu: DiscordEmulator) -> None:
    choices = [{"name": "n" * 100, "value": "v" * 100} for _ in range(6)] + [{"name": "n" * 61, "value": "v" * 61}]
    options = [{"name": f"o{i:02d}", "type": 3, "description": "x" * 100} for i in range(25)]
    options[0]["choices"] = choices
    command = {"name": "big", "description": "d" * 100, "options": options}
    assert _command_size(command) == 4000
    url = f"{emu.api_base}/applications/{emu.application_id}/commands"
    async with (
        aiohttp.ClientSession(headers={"Authorization": f"Bot {emu.token}"}) as session,
        session.put(url, json=[command]) as resp,
    ):
        assert resp.status == 200, await resp.text()
    options[0]["choices"][-1]["value"] += "v"
    async with (
        aiohttp.ClientSession(headers={"Authorization": f"Bot {emu.token}"}) as session,
        session.put(url, json=[command]) as resp,
    ):
        assert resp.status == 400


def _button(custom_id: str, label: str = "b") -> dict[str, Any]:
    return {"type": 2, "style": 1, "label": label, "custom_id": custom_id}


@pytest.mark.parametrize(
    "components",
    [
        [{"type": 1, "components": [_button("share"), _button("share", "again")]}],
        [{"type": 1, "components": [_button("share")]}, {"type": 1, "components": [_button("share")]}],
    ],
)
async def test_duplicate_custom_ids_in_one_message_are_refused(
    emu: DiscordEmulator, guild: FakeGuild, components: list[dict[str, Any]]
) -> None:
    url = f"{emu.api_base}/channels/{guild.general.id}/messages"
    async with (
        aiohttp.ClientSession(headers={"Authorization": f"Bot {emu.token}"}) as session,
        session.post(url, json={"content": "x", "components": components}) as resp,
    ):
        assert resp.status == 400
        body = await resp.json()
    codes = json.dumps(body["errors"])
    assert "COMPONENT_CUSTOM_ID_DUPLICATED" in codes
    assert emu.channel_messages(guild.general.id) == []


async def test_duplicate_custom_ids_in_a_modal_are_refused(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    ix = await _unanswered(emu, student, guild)
    field = {"type": 18, "label": "Draft", "component": {"type": 4, "custom_id": "draft", "style": 2}}
    modal = {"type": 9, "data": {"title": "Check", "custom_id": "m", "components": [field, field]}}
    url = f"{emu.api_base}/interactions/{ix.id}/{ix.token}/callback"
    async with aiohttp.ClientSession() as session, session.post(url, json=modal) as resp:
        assert resp.status == 400
        assert "COMPONENT_CUSTOM_ID_DUPLICATED" in json.dumps(await resp.json())
    assert ix.modal is None


@pytest.mark.parametrize("route", ["reply", "update", "followup", "edit-original", "channel", "channel-edit"])
async def test_the_6000_character_embed_total_is_enforced_on_every_route(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot, route: str
) -> None:
    body = {"embeds": OVERSIZED_EMBEDS}  # each embed is within its own limits; together 6,003
    headers = {"Authorization": f"Bot {emu.token}"}
    async with aiohttp.ClientSession(headers=headers) as session:
        channel_url = f"{emu.api_base}/channels/{guild.general.id}/messages"
        async with session.post(
            channel_url,
            json={
                "content": "a message with a button",
                "components": [{"type": 1, "components": [_button("not-handled")]}],
            },
        ) as resp:
            posted = await resp.json()
        ix = await _unanswered(emu, student, guild)
        callback = f"{emu.api_base}/interactions/{ix.id}/{ix.token}/callback"
        webhook = f"{emu.api_base}/webhooks/{emu.application_id}/{ix.token}"
        if route == "reply":
            request = session.post(callback, json={"type": 4, "data": body})
        elif route == "update":
            click = await emu.click(student, emu.get_message(int(posted["id"])), "not-handled")
            await emu.wait_for(lambda: click.sent_at is not None)
            request = session.post(
                f"{emu.api_base}/interactions/{click.id}/{click.token}/callback", json={"type": 7, "data": body}
            )
        elif route in ("followup", "edit-original"):
            async with session.post(callback, json={"type": 4, "data": {"content": "ok"}}) as resp:
                assert resp.status in (200, 204)
            if route == "followup":
                request = session.post(f"{webhook}?wait=1", json=body)
            else:
                request = session.patch(f"{webhook}/messages/@original", json=body)
        elif route == "channel":
            request = session.post(channel_url, json=body)
        else:
            request = session.patch(f"{channel_url}/{posted['id']}", json=body)
        async with request as resp:
            assert resp.status == 400, route
            error = await resp.json()
    assert "MAX_EMBED_SIZE_EXCEEDED" in json.dumps(error["errors"]), error


async def test_a_member_who_left_is_unknown(
    emu: DiscordEmulator, guild: FakeGuild, student: FakeUser, bot: EmuBot
) -> None:
    url = f"{emu.api_base}/guilds/{guild.id}/members/{student.id}"
    headers = {"Authorization": f"Bot {emu.token}"}
    async with aiohttp.ClientSession(headers=headers) as session:
        async with session.get(url) as resp:
            assert resp.status == 200
        emu.remove_member(guild, student, ban=True)
        async with session.get(url) as resp:
            assert resp.status == 404 and (await resp.json())["code"] == 10007
    assert student.id in guild.bans
    with pytest.raises(EmulatorError, match="not a member"):
        await emu.slash(student, "ping", guild=guild)
