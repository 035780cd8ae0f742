"""Discord faults through the emulator: the bot recovers and nothing the student sent is lost.

An interaction that expired before the bot answered (10062), DMs that are closed (50007),
rate-limited sends (429: interview DMs, answer edits, reminders) and a dropped gateway
connection (resumed, or a new session). Closed DMs for /interview start and for reminders
are covered with those features in tests/cogs.
"""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from tests.cogs.test_interview import ANSWER
from tests.cogs.test_rehearse import WEAK_ANSWER
from tests.reliability.actions import World, answer_interview, ask, feedback_messages, question_messages, start

QUESTION = "How many programs can I apply to in SOAP?"


async def test_an_expired_interaction_is_logged_and_the_bot_carries_on(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    world.emu.ack_deadline_s = 0.0  # Discord has already given up on the interaction
    late = await world.emu.slash(world.student, "ask", {"question": QUESTION}, guild=world.guild)
    await world.emu.wait_for(lambda: late.late_callbacks >= 1, message=late.describe())
    await world.emu.wait_for(lambda: any("expired" in r.getMessage() for r in caplog.records))
    world.emu.ack_deadline_s = 3.0
    form = await world.emu.slash(world.student, "critique", {"phase": "during-soap"}, guild=world.guild)
    await form.wait_ack()
    world.emu.ack_deadline_s = 0.0  # the form is submitted, but the acknowledgement comes too late
    fields = {"What kind of message is it?": ["thank-you"], "Did the program contact you first?": ["yes"]}
    late_submit = await world.emu.submit_modal(world.student, form, {**fields, "Your draft": "Thank you!"})
    await world.emu.wait_for(lambda: late_submit.late_callbacks >= 1, message=late_submit.describe())
    await world.emu.wait_for(lambda: sum("expired" in r.getMessage() for r in caplog.records) >= 2)
    world.emu.ack_deadline_s = 3.0
    ix = await ask(world, QUESTION)  # the next student is served as usual
    assert "45" in ix.text and not ix.rejected
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "an expired interaction is not a bug"


async def test_stopping_an_interview_with_dms_closed_still_gives_the_summary(world: World) -> None:
    await start(world)
    await answer_interview(world, ANSWER)
    world.student.dms_closed = True  # the student closed their DMs mid-interview
    ix = await world.emu.slash(world.student, "interview stop", {}, guild=world.guild)
    await ix.wait_done()
    assert ix.ephemeral
    summary = [m for m in ix.messages if "Interview ended" in m.text]
    assert summary and summary[0].ephemeral, ix.text  # shown here instead, privately
    assert "answered 1 of" in summary[0].text


async def test_rate_limited_dm_sends_are_retried(world: World) -> None:
    await start(world)
    world.emu.fail_next("POST", r"/channels/\d+/messages$", status=429, retry_after=0.2, times=2)
    await answer_interview(world, ANSWER)
    limited = [r for r in world.emu.requests_to("POST", r"/channels/\d+/messages$") if r.status == 429]
    assert len(limited) == 2
    assert len(feedback_messages(world)) == 1
    assert "Question 2 of 4" in question_messages(world.emu.dm_messages(world.student))[-1].text


async def test_a_rate_limited_answer_edit_is_retried(world: World) -> None:
    world.emu.fail_next("PATCH", r"/webhooks/\d+/[^/]+/messages/@original$", status=429, retry_after=0.2)
    ix = await ask(world, QUESTION)
    assert [r.status for r in world.emu.requests_to("PATCH", r"/messages/@original$")] == [429, 200]
    assert "45" in ix.messages[0].text and "Sources" in ix.messages[0].text


async def test_an_answer_sent_during_a_gateway_outage_is_processed_once(world: World) -> None:
    emu = world.emu
    await start(world)
    await emu.disconnect_gateway(resume=True, hold=True)
    await emu.send_dm(world.student, ANSWER)  # the student answers while the bot is disconnected
    emu.release_gateway()
    await emu.wait_for(lambda: len(question_messages(emu.dm_messages(world.student))) == 2, timeout=20)
    await answer_interview(world, WEAK_ANSWER)  # and carries on as usual afterwards
    assert emu.resume_count == 1
    assert len(feedback_messages(world)) == 2
    session = await world.services.interviews.active(world.student.id)
    assert session is not None and [t.answer for t in session.state.turns] == [ANSWER, WEAK_ANSWER]


async def test_an_answer_sent_while_the_session_was_lost_is_picked_up(world: World) -> None:
    """After an invalidated session Discord does not replay events: the bot catches up from the DM."""
    emu = world.emu

    async def no_identify_delay(shard_id: int | None, *, initial: bool = False) -> None:
        return None

    world.bot.before_identify_hook = no_identify_delay  # type: ignore[method-assign]
    await start(world)
    await emu.disconnect_gateway(resume=False, hold=True)
    await emu.send_dm(world.student, ANSWER)  # never delivered to the bot as an event
    emu.release_gateway()
    await emu.wait_for(lambda: len(question_messages(emu.dm_messages(world.student))) == 2, timeout=20)
    assert emu.identify_count == 2
    assert len(feedback_messages(world)) == 1
    session = await world.services.interviews.active(world.student.id)
    assert session is not None and [t.answer for t in session.state.turns] == [ANSWER]


async def test_a_rate_limited_reminder_is_delivered_once(world: World) -> None:
    ix = await world.emu.slash(
        world.student, "reminders add", {"milestone": "eras-opens", "before": 15, "year": 2030}, guild=world.guild
    )
    await ix.wait_done()
    [reminder] = await world.services.reminders.for_user(world.student.id)  # type: ignore[union-attr]
    cog = world.bot.get_cog("TimelineCog")
    world.emu.fail_next("POST", r"/channels/\d+/messages$", status=429, retry_after=0.2)
    assert await cog.deliver_due(reminder.due_at + dt.timedelta(seconds=30)) == 1  # type: ignore[union-attr]
    assert await cog.deliver_due(reminder.due_at + dt.timedelta(minutes=2)) == 0  # type: ignore[union-attr]
    delivered = [m for m in world.emu.dm_messages(world.student) if "MyERAS" in m.text]
    assert len(delivered) == 1
    assert [r.status for r in world.emu.requests_to("POST", r"/channels/\d+/messages$")][-2:] == [429, 200]
