"""No handler may block the event loop for 100 ms or more.

While one student's draft is checked or answer scored, every other student's interaction must
still be acknowledged within Discord's window, so CPU-bound work (the critique checklist, the
rubric, loading the spell checker, embeddings and index searches) and blocking I/O belong in
threads. Representative flows run under :class:`LoopWatchdog`, which times every callback the
loop runs (task steps included) and discounts time spent waiting for a CPU, so a busy machine
does not fail the test.
"""

from __future__ import annotations

import pytest

from bot.core.base import spelling
from tests.cogs.test_companion import add_contact, setup_profile
from tests.cogs.test_critique import COLD_EMAIL, GOOD_REPLY
from tests.cogs.test_interview import ANSWER
from tests.cogs.test_rehearse import WEAK_ANSWER
from tests.reliability.actions import (
    advisor_of,
    answer_interview,
    ask,
    coach_reply,
    open_and_submit,
    rehearse_typed,
    start,
    upload_article,
)
from tests.reliability.loopwatch import LoopWatchdog

BLOCKING_LIMIT_S = 0.1
SOAP = "during-soap"

ARTICLE = b"""# Our SOAP war room

## Where the SOAP war room meets

Our cohort's SOAP war room meets in the Kessler Library, room 214, at 7 a.m. every day of
Match Week. Dr. Alvarez reviews your application list with you there.
"""


async def slash(world, command: str, options: dict | None = None) -> str:  # type: ignore[no-untyped-def, type-arg]
    ix = await world.emu.slash(world.student, command, options or {}, guild=world.guild)
    await ix.wait_done(timeout=30)
    return ix.text


async def run_companion(world) -> None:  # type: ignore[no-untyped-def]
    """The Match Week companion and privacy: profile, contacts, a draft and its check, reminders."""
    await setup_profile(world)
    await add_contact(world, last_received="now")
    draft = await world.emu.slash(
        world.student, "draft", {"kind": "program-director-email", "program": "cedar ridge"}, guild=world.guild
    )
    await draft.wait_done(timeout=30)
    check = await world.emu.click(world.student, draft.messages[0], label="Check this draft")
    await check.wait_done(timeout=30)
    assert "Draft check" in check.text
    assert "Match Week" in await slash(world, "timeline")
    assert "Reminder set" in await slash(world, "reminders add", {"milestone": "round-1", "before": 60, "year": 2027})
    assert "Cedar Ridge" in await slash(world, "contacts list")
    await slash(world, "privacy show")


async def test_no_handler_blocks_the_loop_offline(world, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(spelling, "_SPELL", None)  # the first draft check loads the spell checker
    advisor = advisor_of(world)
    with LoopWatchdog(BLOCKING_LIMIT_S) as dog:
        for question in ("How many programs can I apply to in SOAP?", "Can my dean call a program for me?"):
            assert "[1]" in (await ask(world, question)).text
        assert (
            "Would break the SOAP contact rule"
            in (await open_and_submit(world, COLD_EMAIL, "coordinator-email", "no", phase=SOAP)).text
        )
        assert "Looks good" in (await open_and_submit(world, GOOD_REPLY, "coordinator-email", "yes", phase=SOAP)).text
        await rehearse_typed(world, WEAK_ANSWER)
        await start(world)
        await answer_interview(world, ANSWER)
        await answer_interview(world, WEAK_ANSWER)
        assert "added" in (await upload_article(world, advisor, "war-room.md", ARTICLE)).text.lower()
        assert "Kessler" in (await ask(world, "Where does the SOAP war room meet?")).text
        await run_companion(world)
    assert dog.callbacks > 100  # the watchdog saw the flows
    assert not dog.slow, dog.report()


async def test_no_handler_blocks_the_loop_with_an_llm(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    fake_openai.reply = coach_reply
    fake_openai.latency = (0.05, 0.1)
    connect_llm()
    with LoopWatchdog(BLOCKING_LIMIT_S) as dog:
        assert "45 programs" in (await ask(world, "How many programs can I apply to in SOAP?")).text
        reviewed = await open_and_submit(world, GOOD_REPLY, "coordinator-email", "yes", phase=SOAP)
        assert reviewed.messages[0].find_component(label="Show suggested rewrite") is not None
        await rehearse_typed(world, WEAK_ANSWER)
        await start(world)
        await answer_interview(world, ANSWER)
        await run_companion(world)
    assert len(fake_openai.chat_requests()) >= 5
    assert not dog.slow, dog.report()
