"""The distress screen at every place a student writes, through the Discord emulator.

For each entry point (/ask in a server whose answers are public and in DMs, the /critique form,
/rehearse typed and recorded, interview answers in DMs typed and spoken, /contacts notes,
/profile text): a crisis message gets the crisis reply (988 ...) first and privately, and a
hard negative (an idiom of a stressful week) gets the ordinary help and no alarm. Nothing of a
crisis message reaches the log records (captured at DEBUG), a report, the cohort counts (a bare
counter is fine) or a public channel.

The messages are written for these tests; none comes from the training or evaluation data.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re

import pytest

from bot.core.community.cohort import cohort_summary
from bot.core.companion.contacts import list_contacts
from bot.core.interview.transcription import TranscriptionService
from bot.core.screen import PAUSED_NOTE
from bot.logs import LevelCap
from tests.cogs.conftest import World
from tests.cogs.test_critique import GOOD_REPLY
from tests.cogs.test_interview import ANSWER
from tests.cogs.test_rehearse import STRONG_ANSWER
from tests.reliability.actions import open_and_submit, question_messages, start
from tests.support.discord_emulator import FakeAttachment, FakeInteraction, FakeMessage
from tests.voice import FakeBackend

CRISIS_TITLE = "You matter more than this week"
CHECK_IN_TITLE = "How are you doing?"
NOT_THE_BOT = ("tests.", "aiohttp.server", "aiohttp.access", "aiohttp.web")
RECORDING = FakeAttachment("answer.ogg", b"OggS fake audio", "audio/ogg", duration_secs=20.0)


@pytest.fixture(autouse=True)
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog


def fragments(text: str, size: int = 4) -> set[str]:
    """Every run of ``size`` words of ``text`` (lowercased)."""
    words = text.lower().split()
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def quotes(haystack: str, text: str) -> bool:
    haystack = " ".join(haystack.lower().split())
    return any(f in haystack for f in fragments(text))


async def assert_nothing_kept(world: World, caplog: pytest.LogCaptureFixture, text: str) -> None:
    """Nothing of ``text`` in the bot's log records (as the app's handler would pass them), in a
    report, the cohort counts, a saved interview, or a message anyone else can see."""
    records = [r for r in caplog.records if not r.name.startswith(NOT_THE_BOT) and LevelCap().filter(r)]
    assert records, "the flow logged nothing at all"
    assert [r.getMessage() for r in records if quotes(r.getMessage(), text)] == []
    store = world.services.store
    for table in ("reports", "activity", "interview_sessions", "shared_posts", "usage"):
        rows = await store.fetchall(f"SELECT * FROM {table}")  # noqa: S608 - a fixed list of tables
        assert not [dict(r) for r in rows if quotes(" ".join(str(v) for v in dict(r).values()), text)], table
    for row in await store.fetchall("SELECT kind, flagged FROM activity"):
        # Counts: a kind, and the ids of checks flagged in what was scored (never a crisis text).
        assert all(re.fullmatch(r"[a-z-]+", check) for check in json.loads(row["flagged"])), dict(row)
    summary = await cohort_summary(store, world.guild.id)
    assert not quotes(repr(summary), text)
    for channel in world.guild.channels:
        public = [m for m in world.emu.channel_messages(channel) if not m.ephemeral]
        assert not [m.text for m in public if quotes(m.text, text) or "988" in m.text]


def is_crisis(message: FakeMessage) -> bool:
    """The crisis reply: the resources and the lifeline, not the check-in."""
    return "Suicide & Crisis Lifeline" in message.text and "988" in message.text and CHECK_IN_TITLE not in message.text


def cares(messages: list[FakeMessage]) -> bool:
    return any("988" in m.text or CHECK_IN_TITLE in m.text for m in messages)


async def ask(world: World, question: str, *, in_dms: bool = False) -> FakeInteraction:
    ix = await world.emu.slash(world.student, "ask", {"question": question}, guild=None if in_dms else world.guild)
    await ix.wait_done(timeout=30)
    return ix


# ----- /ask ---------------------------------------------------------------------------------------


async def test_ask_in_a_public_server_answers_a_crisis_privately(world: World, debug_logs) -> None:  # type: ignore[no-untyped-def]
    config = await world.services.configs.get(world.guild.id)
    assert config is None or not config.ask_private  # answers are public in this server
    text = "tbh i dont see the point of being here anymore. does it even matter if i apply in round 2"
    ix = await ask(world, text)
    assert ix.ephemeral and all(m.ephemeral for m in ix.messages)
    assert is_crisis(ix.messages[0]) and "Sources" not in ix.text
    await assert_nothing_kept(world, debug_logs, text)


async def test_ask_in_a_public_server_answers_distress_privately_with_the_check_in_first(world: World) -> None:
    ix = await ask(world, "I haven't eaten or slept in days and I can't stop crying. How do SOAP offers work?")
    assert ix.ephemeral and all(m.ephemeral for m in ix.messages)
    assert ix.messages[0].text.index(CHECK_IN_TITLE) < ix.messages[0].text.index("Sources")


async def test_ask_hard_negative_gets_a_normal_public_answer(world: World) -> None:
    ix = await ask(world, "this week is killing me lol. how many programs can I apply to in SOAP?")
    assert not ix.ephemeral and not cares(ix.messages)
    assert "45" in ix.text and "Sources" in ix.text


async def test_ask_moderation_alone_replaces_the_public_placeholder_privately(world: World, debug_logs) -> None:  # type: ignore[no-untyped-def]
    flagged: list[str] = []

    async def moderator(text: str) -> bool:
        flagged.append(text)
        return True

    world.services.screen.moderator = moderator
    text = "How many programs can I apply to in SOAP?"  # the local layers see nothing here
    assert world.services.screen.check(text).tier == "none"
    ix = await ask(world, text)
    assert flagged == [text]
    await world.emu.wait_for(lambda: any(is_crisis(m) for m in ix.messages), message=ix.describe())
    assert ix.original_message is not None and ix.original_message.deleted  # the public "thinking…" is gone
    assert all(m.ephemeral for m in ix.messages) and "Sources" not in ix.text
    await assert_nothing_kept(world, debug_logs, text)


async def test_ask_in_dms(world: World, debug_logs) -> None:  # type: ignore[no-untyped-def]
    text = "I keep thinking about killing myself since Monday. Is SOAP even worth it"
    crisis = await ask(world, text, in_dms=True)
    assert is_crisis(crisis.messages[0]) and "Sources" not in crisis.text
    fine = await ask(world, "I'd kill for a prelim spot. When do SOAP offer rounds happen?", in_dms=True)
    assert "Thursday" in fine.text and not cares(fine.messages)
    await assert_nothing_kept(world, debug_logs, text)


# ----- /critique ----------------------------------------------------------------------------------


async def test_critique_form_crisis_gets_the_crisis_reply_and_no_checklist(world: World, debug_logs) -> None:  # type: ignore[no-untyped-def]
    text = "P.S. sorry, I am not doing well. I have been saving up my sleeping pills and I have enough now."
    result = await open_and_submit(world, f"{GOOD_REPLY}\n{text}", "coordinator-email", "yes", phase="during-soap")
    [message] = await result.wait_messages(1)
    await asyncio.sleep(0.2)
    assert len(result.messages) == 1 and message.ephemeral and is_crisis(message)
    assert "Draft check" not in result.text and PAUSED_NOTE in result.text
    await assert_nothing_kept(world, debug_logs, text)
    assert await world.services.store.fetchall("SELECT * FROM activity") == []


async def test_critique_form_hard_negative_gets_the_checklist(world: World) -> None:
    draft = f"{GOOD_REPLY}\nP.S. This week is killing me, but talking with your residents was the best part of it."
    result = await open_and_submit(world, draft, "coordinator-email", "yes", phase="during-soap")
    await world.emu.wait_for(lambda: "Draft check" in result.text, message=result.describe())
    assert not cares(result.messages) and all(m.ephemeral for m in result.messages)


# ----- /rehearse ----------------------------------------------------------------------------------


async def rehearse(world: World, answer: str) -> FakeInteraction:
    ix = await world.emu.slash(world.student, "rehearse", {}, guild=world.guild)
    await ix.wait_done()
    submitted = await world.emu.submit_modal(world.student, ix, {"Your answer, as you would say it": answer})
    await submitted.wait_done()
    await world.emu.wait_for(lambda: "Feedback" in submitted.text or "988" in submitted.text, 20, submitted.describe())
    return submitted


async def test_rehearse_crisis_gets_the_crisis_reply_and_no_feedback(world: World, debug_logs) -> None:  # type: ignore[no-untyped-def]
    text = (
        "I didn't match because I applied too narrowly. Honestly, um, I'm only a burden to everyone now, "
        "they will be relieved when I am gone."
    )
    ix = await rehearse(world, text)
    await asyncio.sleep(0.2)
    assert is_crisis(ix.messages[0]) and all(m.ephemeral for m in ix.messages)
    assert "Feedback" not in ix.text
    await assert_nothing_kept(world, debug_logs, text)
    assert await world.services.store.fetchall("SELECT * FROM reports") == []
    assert await world.services.store.fetchall("SELECT * FROM activity") == []


async def test_rehearse_hard_negative_gets_feedback(world: World) -> None:
    ix = await rehearse(world, "Honestly I was dead tired after that week of nights, but here goes. " + STRONG_ANSWER)
    assert "Feedback" in ix.text and not cares(ix.messages)


async def test_rehearse_recording_with_a_crisis_gets_the_crisis_reply(world: World, debug_logs) -> None:  # type: ignore[no-untyped-def]
    script = "so um I have the pills lined up on my desk right now and uh I don't really know why I'm practising this"
    world.services.transcription = TranscriptionService(FakeBackend(script))
    ix = await world.emu.slash(world.student, "rehearse", {}, guild=world.guild, attachments={"audio": RECORDING})
    await world.emu.wait_for(lambda: "988" in ix.text, 20, ix.describe())
    assert is_crisis(ix.messages[0]) and "Feedback" not in ix.text and all(m.ephemeral for m in ix.messages)
    await assert_nothing_kept(world, debug_logs, script)


# ----- interview answers in DMs -------------------------------------------------------------------


async def test_interview_pauses_on_a_crisis_answer_and_resumes_later(world: World, debug_logs) -> None:  # type: ignore[no-untyped-def]
    emu, student = world.emu, world.student
    await start(world)
    await emu.wait_for(lambda: question_messages(emu.dm_messages(student)))
    text = (
        "Honestly I wrote goodbye letters to my mom and sister last night. I don't know why I'm doing this interview."
    )
    await emu.send_dm(student, text)
    paused = await emu.wait_for(lambda: [m for m in emu.dm_messages(student) if "is paused" in m.text])
    dms = emu.dm_messages(student)
    crisis = next(i for i, m in enumerate(dms) if is_crisis(m))
    assert crisis < dms.index(paused[0]) and not any("Feedback" in m.text for m in dms)
    session = await world.services.interviews.active(student.id)
    assert session is not None and session.state.paused and session.state.turns == [] and session.number == 1

    # Later, the student answers again: the interview goes on from the same question.
    await emu.send_dm(student, ANSWER)
    await emu.wait_for(lambda: len(question_messages(emu.dm_messages(student))) == 2)
    assert any("Feedback" in m.text for m in emu.dm_messages(student))
    session = await world.services.interviews.active(student.id)
    assert session is not None and not session.state.paused and session.number == 2
    assert [t.answer for t in session.state.turns] == [ANSWER]

    # The summary, the student's file and their saved report hold only the real answer.
    stop = await emu.slash(student, "interview stop", {}, guild=world.guild)
    await stop.wait_done()
    [summary] = await emu.wait_for(lambda: [m for m in emu.dm_messages(student) if "Interview ended" in m.text])
    attached = summary.attachments[0].content.decode("utf-8")
    assert ANSWER[:40] in attached and not quotes(attached, text) and not quotes(summary.text, text)
    await assert_nothing_kept(world, debug_logs, text)


async def test_interview_voice_answer_with_a_crisis_pauses_too(world: World, debug_logs) -> None:  # type: ignore[no-untyped-def]
    emu, student = world.emu, world.student
    script = "um honestly I keep thinking about how easy it would be to just, like, not wake up tomorrow, so"
    world.services.transcription = TranscriptionService(FakeBackend(script))
    await start(world)
    await emu.wait_for(lambda: question_messages(emu.dm_messages(student)))
    await emu.send_dm(student, "", attachments=[RECORDING])
    await emu.wait_for(lambda: [m for m in emu.dm_messages(student) if "is paused" in m.text])
    assert any(is_crisis(m) for m in emu.dm_messages(student))
    session = await world.services.interviews.active(student.id)
    assert session is not None and session.state.paused and session.state.turns == []
    await assert_nothing_kept(world, debug_logs, script)


async def test_interview_hard_negative_gets_feedback_and_the_next_question(world: World) -> None:
    emu, student = world.emu, world.student
    await start(world)
    await emu.wait_for(lambda: question_messages(emu.dm_messages(student)))
    await emu.send_dm(student, "Match Week has honestly been killing me, but here is my answer. " + ANSWER)
    await emu.wait_for(lambda: len(question_messages(emu.dm_messages(student))) == 2)
    dms = emu.dm_messages(student)
    assert any("Feedback" in m.text for m in dms) and not cares(dms)


# ----- /contacts and /profile ---------------------------------------------------------------------


def contact(notes: str) -> dict[str, str]:
    return {
        "program": "Cedar Ridge Family Medicine",
        "person": "Dr. Ana Ibarra",
        "role": "program-director",
        "origin": "program-reached-out",
        "notes": notes,
    }


async def test_contact_notes_with_a_crisis_get_the_crisis_reply_first(world: World, debug_logs) -> None:  # type: ignore[no-untyped-def]
    text = "she was kind. doesnt matter, i wont be around to start in july, they would be better off if i wasnt here"
    ix = await world.emu.slash(world.student, "contacts add", contact(text), guild=world.guild)
    await ix.wait_done()
    assert ix.ephemeral and ix.messages[0].embeds[0]["title"] == CRISIS_TITLE and "988" in ix.text
    assert "Dr. Ana Ibarra" in ix.text  # the contact is saved, in the student's private tracker
    assert len(await list_contacts(world.services.store, world.student.id)) == 1
    await assert_nothing_kept(world, debug_logs, text)


async def test_contact_notes_hard_negative_get_no_alarm(world: World) -> None:
    notes = "Dead tired after the interview, but the PD said they'd kill for more rural-track applicants."
    ix = await world.emu.slash(world.student, "contacts add", contact(notes), guild=world.guild)
    await ix.wait_done()
    assert "Dr. Ana Ibarra" in ix.text and not cares(ix.messages)


async def test_profile_text_with_a_crisis_gets_the_crisis_reply_first(world: World, debug_logs) -> None:  # type: ignore[no-untyped-def]
    text = "none anymore, I am thinking to finish my life after this result"
    ix = await world.emu.slash(world.student, "profile set", {"specialties": text}, guild=world.guild)
    await ix.wait_done()
    assert ix.ephemeral and ix.messages[0].embeds[0]["title"] == CRISIS_TITLE and "988" in ix.text
    assert "Profile saved" in ix.text
    await assert_nothing_kept(world, debug_logs, text)


async def test_profile_text_hard_negative_gets_no_alarm(world: World) -> None:
    options = {"name": "Jane Doe", "specialties": "Family Medicine (ending my EM dream, happily)"}
    ix = await world.emu.slash(world.student, "profile set", options, guild=world.guild)
    await ix.wait_done()
    assert "Profile saved" in ix.text and not cares(ix.messages)
