"""Restarts: the bot killed mid-interview or mid-index comes back consistent.

A plain restart mid-interview (with an answer sent while the bot was down) is covered in
tests/cogs/test_interview.py, and a crash while the built-in guidance is indexed in
tests/core/test_index.py; these add a kill while an answer is being handled, and a kill
(or a failure) while a server article is being indexed.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.client import SoapBot
from bot.core.community.guild_articles import ServerGuidance
from bot.core.knowledge.index import KnowledgeIndex, guild_scope
from bot.core.services import build_services
from tests.cogs.test_interview import ANSWER
from tests.cogs.test_rehearse import WEAK_ANSWER
from tests.reliability.actions import (
    World,
    advisor_of,
    answer_interview,
    ask,
    feedback_messages,
    question_messages,
    start,
    upload_article,
)

WAR_ROOM = b"""# Our SOAP war room

## Where the SOAP war room meets

Our cohort's SOAP war room meets in the Kessler Library, room 214, at 7 a.m. every day of
Match Week. Dr. Alvarez reviews your application list with you there.
"""
WAR_ROOM_QUESTION = "Where does the SOAP war room meet during Match Week?"


class Killed(BaseException):
    """The process died here (not an Exception: no handler of the bot's catches it)."""


def kill_event_handlers(name: str) -> None:
    for task in asyncio.all_tasks():
        if task.get_name() == f"discord.py: {name}":
            task.cancel()


async def test_killed_after_an_answer_was_saved_resumes_with_the_next_question(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    emu, student = world.emu, world.student
    await start(world)
    cog = world.bot.get_cog("InterviewCog")
    never = asyncio.Event()

    async def hang(*_args: object, **_kwargs: object) -> None:
        await never.wait()

    monkeypatch.setattr(cog, "_send", hang)  # the process dies before any reply goes out ...
    await emu.send_dm(student, ANSWER)

    async def answer_saved() -> bool:
        session = await world.services.interviews.active(student.id)
        return session is not None and session.number == 2

    await emu.wait_for(answer_saved)  # ... but after the answer was saved
    kill_event_handlers("on_message")
    await world.bot.close()
    assert len(question_messages(emu.dm_messages(student))) == 1  # the student is left waiting

    async with emu.run_bot(SoapBot(world.services, guild_ready_timeout=0.05)):
        await emu.wait_for(lambda: len(question_messages(emu.dm_messages(student))) == 2, timeout=20)
        assert "Question 2 of 4" in question_messages(emu.dm_messages(student))[-1].text
        assert len(feedback_messages(world)) == 1  # the feedback on the saved answer, then the question
        await answer_interview(world, WEAK_ANSWER)  # and the interview goes on from there
        session = await world.services.interviews.active(student.id)
        assert session is not None and [t.answer for t in session.state.turns] == [ANSWER, WEAK_ANSWER]
        assert len(feedback_messages(world)) == 2


async def test_a_restart_with_nothing_pending_repeats_nothing(world: World) -> None:
    emu, student = world.emu, world.student
    await start(world)
    await answer_interview(world, ANSWER)
    before = len(emu.dm_messages(student))
    await world.bot.close()
    async with emu.run_bot(SoapBot(world.services, guild_ready_timeout=0.05)):
        await answer_interview(world, WEAK_ANSWER)
        assert [m.text.split("\n")[0] for m in emu.dm_messages(student)[before:]][0].startswith("Feedback")


async def test_killed_while_a_server_article_is_indexed(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    settings, embedder = world.services.settings, world.services.embedder
    guidance = ServerGuidance(world.services.store, world.services.index)

    def die(*_args: object) -> None:
        raise Killed

    monkeypatch.setattr(KnowledgeIndex, "_write_manifest", die)  # vectors written, manifest not yet
    with pytest.raises(Killed):
        await guidance.add(world.guild.id, "war-room.md", WAR_ROOM, uploaded_by=1)
    monkeypatch.undo()
    await world.bot.close()
    await world.services.close()

    # A new process: until the articles are re-synced it serves the previous, complete index.
    index = await asyncio.to_thread(KnowledgeIndex, settings, embedder)
    assert index.scope_size(guild_scope(world.guild.id)) == 0
    assert index.search(WAR_ROOM_QUESTION, 3, ("builtin",))  # the built-in guidance is intact

    services = await build_services(settings, embedder=embedder)
    try:
        restarted = World(world.emu, SoapBot(services, guild_ready_timeout=0.05), services, world.guild, world.student)
        async with world.emu.run_bot(restarted.bot):  # the advisor cog re-syncs server articles on load
            ix = await ask(restarted, WAR_ROOM_QUESTION)
            assert "Kessler Library" in ix.text and "Our SOAP war room" in ix.text
            sizes = {c.scope for c in services.index.chunks()}
            assert guild_scope(world.guild.id) in sizes
    finally:
        await services.close()


async def test_a_failed_article_index_changes_nothing_and_can_be_retried(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    advisor = advisor_of(world)

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(KnowledgeIndex, "_write_manifest", disk_full)
    failed = await upload_article(world, advisor, "war-room.md", WAR_ROOM)
    assert failed.ephemeral and "went wrong" in failed.text
    monkeypatch.undo()
    assert await ServerGuidance(world.services.store, world.services.index).list_articles(world.guild.id) == []
    assert "Kessler" not in (await ask(world, WAR_ROOM_QUESTION)).text
    retried = await upload_article(world, advisor, "war-room.md", WAR_ROOM)
    assert "went wrong" not in retried.text
    assert "Kessler Library" in (await ask(world, WAR_ROOM_QUESTION)).text
