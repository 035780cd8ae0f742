"""/ask through the Discord emulator: sync, defer, citations, splitting, fallbacks, errors."""

from __future__ import annotations

import asyncio

import discord
import pytest
import yarl

from bot.client import run_bot
from bot.core.base.llm import LLMClient
from bot.ui import limits
from tests.cogs.conftest import World
from tests.conftest import make_settings
from tests.fakes import FakeLLM
from tests.support.discord_emulator import DiscordEmulator
from tests.support.fake_openai import FakeOpenAI


async def test_commands_are_synced_with_their_options(world: World) -> None:
    commands = {c["name"]: c for c in world.emu.commands_synced["global"]}
    assert "ask" in commands
    options = {o["name"]: o for o in commands["ask"]["options"]}
    assert options["question"]["required"] and options["question"]["max_length"] == 1000
    assert not options["private"].get("required", False)


async def test_ask_defers_then_answers_with_citations(world: World) -> None:
    ix = await world.emu.slash(
        world.student, "ask", {"question": "How many programs can I apply to in SOAP?"}, guild=world.guild
    )
    await ix.wait_done()
    assert ix.callback_type == 5 and ix.ack_ms < limits.ACK_WINDOW_SECONDS * 1000
    embed = ix.messages[0].embeds[0]
    assert "45" in embed["description"] and "[1]" in embed["description"]
    sources = next(f for f in embed["fields"] if f["name"] == "Sources")
    assert sources["value"].startswith("[1] ")
    assert embed["footer"]["text"].startswith("Offline mode")
    assert not ix.ephemeral  # public by default in a server


async def test_private_option_makes_the_answer_ephemeral(world: World) -> None:
    ix = await world.emu.slash(
        world.student, "ask", {"question": "Can my dean call programs for me?", "private": True}, guild=world.guild
    )
    await ix.wait_done()
    assert ix.ephemeral and "Sources" in ix.messages[0].text


async def test_ask_works_in_dms(world: World) -> None:
    ix = await world.emu.slash(world.student, "ask", {"question": "When do SOAP offer rounds happen?"})
    await ix.wait_done()
    assert "Thursday" in ix.messages[0].text


async def test_long_llm_answer_is_split_within_discord_limits(world: World) -> None:
    paragraphs = [
        f"Paragraph {i}: " + "Programs review SOAP applications from Tuesday morning. " * 12 for i in range(16)
    ]
    long_answer = "\n\n".join(paragraphs) + " [1]"
    assert len(long_answer) > 3 * limits.MESSAGE_CONTENT
    world.services.llm = world.services.usage.llm = FakeLLM(long_answer)
    ix = await world.emu.slash(
        world.student, "ask", {"question": "What happens on Tuesday of Match Week in SOAP?"}, guild=world.guild
    )
    await ix.wait_done()
    await world.emu.wait_for(lambda: "Paragraph 15" in "".join(m.text for m in ix.messages), message=ix.describe())
    assert len(ix.messages) >= 2
    assert ix.rejected == []  # nothing Discord would refuse
    text = "\n".join(e["description"] for m in ix.messages for e in m.embeds)
    positions = [text.index(f"Paragraph {i}:") for i in range(16)]
    assert positions == sorted(positions)  # complete and in order
    for message in ix.messages:
        assert sum(len(e.get("description", "")) for e in message.embeds) <= limits.EMBEDS_TOTAL_PER_MESSAGE
    assert ix.messages[-1].embeds[-1]["footer"]["text"].startswith("AI mode")


async def test_llm_failure_falls_back_to_offline_with_a_notice(world: World) -> None:
    async with FakeOpenAI() as fake:
        for _ in range(3):
            fake.enqueue_fault("500")
        settings = make_settings(world.services.settings.data_dir, openai_base_url=fake.base_url, llm_max_retries=2)
        llm = LLMClient(settings)
        world.services.llm = world.services.usage.llm = llm
        ix = await world.emu.slash(
            world.student, "ask", {"question": "How many programs can I apply to?"}, guild=world.guild
        )
        await ix.wait_done(timeout=20)
        embed = ix.messages[0].embeds[0]
        assert "45" in embed["description"]
        note = next(f for f in embed["fields"] if f["name"] == "Note")
        assert "answered offline" in note["value"]
        assert embed["footer"]["text"].startswith("Offline mode")
        assert len(fake.chat_requests()) == 3  # bounded retries
        await llm.close()


async def test_unexpected_error_gives_a_clean_ephemeral_reply(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(world.services.answerer, "ask", broken)
    ix = await world.emu.slash(world.student, "ask", {"question": "Anything"}, guild=world.guild)
    await world.emu.wait_for(lambda: any("went wrong" in m.text for m in ix.messages))
    visible = [m for m in ix.messages if not m.deleted]
    assert all(m.ephemeral for m in visible)
    assert all("secret internal detail" not in m.text for m in ix.messages)


async def stop_task(task: asyncio.Task[None], within: float = 15.0) -> None:
    """Cancel ``task`` until it ends: on Python 3.11 a cancellation that lands as an inner
    ``asyncio.wait_for`` completes can be swallowed (discord.py connects under one), and the
    bot would then run on until the test's timeout."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not task.done() and loop.time() < deadline:
        task.cancel()
        await asyncio.wait({task}, timeout=0.2)
    assert task.done(), f"the bot did not stop within {within}s of being cancelled"
    if not task.cancelled():
        task.exception()  # retrieved, so asyncio does not log it as never retrieved


async def test_run_bot_honours_discord_url_overrides(emu: DiscordEmulator, services) -> None:  # type: ignore[no-untyped-def]
    old_base, old_gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    settings = make_settings(
        services.settings.data_dir,
        discord_token=emu.token,
        discord_api_base_url=emu.api_base,
        discord_gateway_url=emu.gateway_url,
    )
    task = asyncio.create_task(run_bot(settings, services))
    try:
        # a cap, not a speed target: on a busy machine the first start (index, models) can take a while
        await emu.wait_for(lambda: emu.commands_synced.get("global"), timeout=90)
        assert emu.api_base == discord.http.Route.BASE
        assert yarl.URL(emu.gateway_url) == discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    finally:
        await stop_task(task)
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway
