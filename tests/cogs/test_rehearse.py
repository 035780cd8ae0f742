"""/rehearse through the Discord emulator: the modal, grouped feedback, voice answers, the queue."""

from __future__ import annotations

import asyncio
import json

from bot.core.base.llm import LLMError
from bot.core.interview.transcription import TranscriptionService
from bot.ui import limits
from tests.cogs.conftest import World
from tests.fakes import FakeLLM
from tests.support.discord_emulator import FakeAttachment
from tests.voice import FakeBackend, audio, local_service, needs_voice

WEAK_ANSWER = (
    "Honestly the programs only wanted people with higher scores and my school did nothing to help me. "
    "Um, I basically applied to, like, thirty programs and, um, nobody gave me a fair chance. I am working on it."
)
STRONG_ANSWER = (
    "I didn't match because I applied too narrowly: only twenty internal medicine programs, almost all in one "
    "city, and that was my decision. Since then I have done four mock interviews with faculty, met my advisor "
    "every week, and built a much broader list. I also finished a sub-internship in hospital medicine, where I "
    "carried six patients and presented them every morning. I'm ready to start on July 1, and your program's "
    "focus on community care is exactly where I want to train."
)


def fields(message) -> dict[str, str]:
    return {f["name"]: f["value"] for e in message.embeds for f in e.get("fields", [])}


async def rehearse_typed(world: World, answer: str, options: dict | None = None, guild=True):
    ix = await world.emu.slash(world.student, "rehearse", options or {}, guild=world.guild if guild else None)
    await ix.wait_done()
    assert ix.callback_type == 9 and ix.modal is not None
    sub = await world.emu.submit_modal(world.student, ix, {"Your answer, as you would say it": answer})
    await sub.wait_done()
    await world.emu.wait_for(lambda: "Feedback" in sub.text, message=sub.describe())
    return ix, sub


async def test_rehearse_is_synced_with_question_and_audio_options(world: World) -> None:
    commands = {c["name"]: c for c in world.emu.commands_synced["global"]}
    options = {o["name"]: o for o in commands["rehearse"]["options"]}
    assert options["question"]["autocomplete"] and not options["question"].get("required", False)
    assert options["audio"]["type"] == 11 and not options["audio"].get("required", False)


async def test_autocomplete_offers_questions_from_the_bank(world: World) -> None:
    ix = await world.emu.autocomplete(world.student, "rehearse", {"question": "match"}, "question", guild=world.guild)
    await ix.wait_ack()
    names = [c["name"] for c in ix.choices]
    assert names and all("match" in n.lower() for n in names)
    assert len(names) <= limits.AUTOCOMPLETE_CHOICES
    everything = await world.emu.autocomplete(
        world.student, "rehearse", {"question": ""}, "question", guild=world.guild
    )
    await everything.wait_ack()
    assert len(everything.choices) == limits.AUTOCOMPLETE_CHOICES


async def test_modal_answer_gets_grouped_private_feedback(world: World) -> None:
    ix, sub = await rehearse_typed(world, WEAK_ANSWER)
    modal_input = ix.modal["components"][0]["components"][0]
    assert modal_input["max_length"] == limits.MODAL_TEXT_INPUT
    assert "Why didn't you match?" in modal_input["placeholder"]  # the default question
    assert sub.ephemeral
    result = sub.messages[0]
    found = fields(result)
    assert "Fix first" in found and "Work on" in found and "Working well" in found
    assert "“Honestly the programs only wanted" in found["Work on"]  # quoted evidence for blame
    assert "→" in found["Fix first"]  # advice under each flagged criterion
    assert "Spoken length" in found
    assert result.embeds[-1]["footer"]["text"].startswith("Offline mode")
    assert result.embeds[-1]["title"] == "Feedback: Why didn't you match?"
    assert any(c["label"] == "Share with my advisor" for row in result.components for c in row["components"])
    rows = await world.services.store.fetchall(
        "SELECT kind, flagged FROM activity WHERE user_id = ?", (world.student.id,)
    )
    assert [r["kind"] for r in rows] == ["rehearsal"]
    flagged = json.loads(rows[0]["flagged"])
    assert flagged == sorted(flagged) and "blame" in flagged and "honestly" not in rows[0]["flagged"].lower()


async def test_shared_report_holds_the_summary_not_the_answer(world: World) -> None:
    await rehearse_typed(world, WEAK_ANSWER)
    row = await world.services.store.fetchone(
        "SELECT summary, transcript FROM reports WHERE user_id = ?", (world.student.id,)
    )
    assert "blame: warn" in row["summary"] and "Honestly" not in row["summary"]
    assert row["transcript"].startswith("Honestly")  # offered only behind "Share with transcript"


async def test_rehearse_in_dms_is_a_normal_message(world: World) -> None:
    _, sub = await rehearse_typed(world, STRONG_ANSWER, guild=False)
    assert not sub.ephemeral
    assert "Working well" in fields(sub.messages[0]) and "Fix first" not in fields(sub.messages[0])


async def test_question_from_the_bank_is_scored_for_its_kind(world: World) -> None:
    options = {"question": "Tell me about yourself."}
    _, sub = await rehearse_typed(world, STRONG_ANSWER, options)
    assert sub.messages[0].embeds[-1]["title"].startswith("Feedback: Tell me about yourself")
    assert "Brief acknowledgment" not in sub.text  # only for "why didn't you match?"


async def test_ai_review_adds_a_follow_up_question(world: World) -> None:
    review = {"adjustments": [], "follow_up": "What would you do differently with your list this time?"}
    world.services.llm = world.services.usage.llm = FakeLLM(json.dumps(review))
    _, sub = await rehearse_typed(world, STRONG_ANSWER)
    found = fields(sub.messages[0])
    assert found["An interviewer might follow up with"] == review["follow_up"]
    assert sub.messages[0].embeds[-1]["footer"]["text"].startswith("AI mode")


async def test_used_up_ai_quota_says_so_and_answers_offline(world: World, monkeypatch) -> None:
    async def no_llm(user_id, guild_id):
        return None, LLMError("user_limit")

    monkeypatch.setattr(world.services.usage, "llm_for", no_llm)
    _, sub = await rehearse_typed(world, STRONG_ANSWER)
    assert "hourly limit" in fields(sub.messages[0])["Note"]
    assert sub.messages[0].embeds[-1]["footer"]["text"].startswith("Offline mode")


async def test_empty_answer_gets_a_clear_message(world: World) -> None:
    ix = await world.emu.slash(world.student, "rehearse", guild=world.guild)
    await ix.wait_done()
    sub = await world.emu.submit_modal(world.student, ix, {"Your answer, as you would say it": "   ...   "})
    await world.emu.wait_for(lambda: sub.messages, message=sub.describe())
    assert "words" in sub.text and sub.ephemeral


# ----- voice -----------------------------------------------------------------------------------


async def rehearse_recording(world: World, attachment: FakeAttachment, user=None, options: dict | None = None):
    return await world.emu.slash(
        user or world.student, "rehearse", options or {}, guild=world.guild, attachments={"audio": attachment}
    )


@needs_voice
async def test_voice_answer_shows_transcript_measures_and_rubric(world: World) -> None:
    """Done-when of the voice feature: a recorded answer, transcribed offline, gets all three."""
    world.services.transcription = local_service()
    ix = await rehearse_recording(world, FakeAttachment("answer.ogg", audio("clear_answer.ogg"), "audio/ogg"))
    await world.emu.wait_for(lambda: "Feedback" in ix.text, timeout=60, message=ix.describe())
    assert ix.ack_ms < limits.ACK_WINDOW_SECONDS * 1000 and ix.callback_type == 5 and ix.ephemeral
    first = ix.messages[0]
    assert first.embeds[0]["title"] == "🎙️ What I heard"
    assert "applied too narrowly" in first.embeds[0]["description"]
    delivery = fields(first)["How you said it"]
    assert "words per minute" in delivery and "target 45-90 s" in delivery
    assert "measured from your recording" in fields(first)["Spoken length"]
    assert "Transcribing" in json.dumps(first.history, ensure_ascii=False)  # the student saw progress
    report = await world.services.store.fetchone("SELECT summary FROM reports WHERE user_id = ?", (world.student.id,))
    assert "Delivery (from a voice recording)" in report["summary"]


async def test_place_in_the_transcription_queue_is_shown(world: World) -> None:
    backend = FakeBackend(hold=True, slots=1)
    world.services.transcription = TranscriptionService(backend)
    others = [world.emu.add_member(world.guild.id, username=f"student{n}") for n in (2, 3)]
    recording = FakeAttachment("answer.ogg", b"OggS fake audio", "audio/ogg")
    first = await rehearse_recording(world, recording)
    await world.emu.wait_for(lambda: len(backend.calls) == 1)
    second = await rehearse_recording(world, recording, user=others[0])
    third = await rehearse_recording(world, recording, user=others[1])
    await world.emu.wait_for(lambda: "2nd in line" in third.text, message=third.describe())
    assert "next in line" in second.text
    backend.release.set()
    for ix in (first, second, third):
        await world.emu.wait_for(lambda ix=ix: "Feedback" in ix.text, message=ix.describe())
    assert len(backend.calls) == 3


async def test_voice_without_the_extra_explains_how_to_add_it(world: World) -> None:
    world.services.transcription = TranscriptionService(None)
    ix = await rehearse_recording(world, FakeAttachment("answer.ogg", b"OggS fake audio", "audio/ogg"))
    await world.emu.wait_for(lambda: "installed" in ix.text, message=ix.describe())
    assert ".[voice]" in ix.text and "type your answer" in ix.text
    assert all(m.ephemeral for m in ix.messages)


async def test_a_file_that_is_not_audio_is_refused_before_download(world: World) -> None:
    backend = FakeBackend()
    world.services.transcription = TranscriptionService(backend)
    ix = await rehearse_recording(world, FakeAttachment("cv.pdf", b"%PDF-1.7", "application/pdf"))
    await world.emu.wait_for(lambda: "doesn't look like a recording" in ix.text, message=ix.describe())
    assert backend.calls == []


@needs_voice
async def test_broken_and_silent_recordings_get_clear_messages(world: World) -> None:
    world.services.transcription = local_service()
    broken = await rehearse_recording(world, FakeAttachment("answer.ogg", audio("not_audio.ogg"), "audio/ogg"))
    await world.emu.wait_for(lambda: "couldn't read that file as audio" in broken.text, message=broken.describe())
    silent = await rehearse_recording(world, FakeAttachment("answer.ogg", audio("silence.ogg"), "audio/ogg"))
    await world.emu.wait_for(lambda: "couldn't hear any words" in silent.text, message=silent.describe())
    rows = await world.services.store.fetchall("SELECT * FROM reports")
    assert rows == []


async def test_queue_waits_are_cancel_safe(world: World) -> None:
    """A waiting request that goes away frees its place for the next student."""
    service = TranscriptionService(FakeBackend(hold=True, slots=1))
    holder = asyncio.create_task(service.transcribe(b"OggS", filename="a.ogg"))
    await asyncio.sleep(0)
    waiter = asyncio.create_task(service.transcribe(b"OggS", filename="b.ogg"))
    await asyncio.sleep(0.01)
    assert service.queue.waiting == 1
    waiter.cancel()
    await asyncio.sleep(0.01)
    assert service.queue.waiting == 0
    service.backend().release.set()  # type: ignore[attr-defined]
    await holder
    assert service.queue.running == 0


# ----- voice answers in DM mock interviews -------------------------------------------------------


def _questions(world: World) -> list:
    return [
        m
        for m in world.emu.dm_messages(world.student)
        if any((e.get("title") or "").startswith("Question") for e in m.embeds)
    ]


async def _start_interview(world: World) -> None:
    ix = await world.emu.slash(world.student, "interview start", {"length": "short"}, guild=world.guild)
    await ix.wait_done()
    await world.emu.wait_for(lambda: _questions(world))


@needs_voice
async def test_voice_message_answers_an_interview_question(world: World) -> None:
    world.services.transcription = local_service()
    await _start_interview(world)
    voice = FakeAttachment("voice-message.ogg", audio("clear_answer.ogg"), "audio/ogg", duration_secs=47.9)
    sent = await world.emu.send_dm(world.student, attachments=[voice])
    assert sent.is_voice_message
    await world.emu.wait_for(lambda: len(_questions(world)) == 2, timeout=60)
    dms = world.emu.dm_messages(world.student)
    heard = next(m for m in dms if "What I heard" in m.text)
    assert "applied too narrowly" in heard.text and "How you said it" in heard.text and "Feedback" in heard.text
    assert "measured from your recording" in heard.text
    assert "Question 2 of 4" in _questions(world)[-1].text
    dm = world.emu.dm_channel(world.student)
    status = [m for m in world.emu.channel_messages(dm, include_deleted=True) if "Transcribing" in m.text]
    assert status and all(m.deleted for m in status)  # the progress note goes away once the feedback is there
    session = await world.services.interviews.active(world.student.id)
    turn = session.state.turns[0]
    assert (
        turn.speech is not None and turn.speech["words_per_minute"] > 100 and turn.answer == turn.speech["transcript"]
    )


async def test_voice_message_without_the_extra_keeps_the_question_open(world: World) -> None:
    world.services.transcription = TranscriptionService(None)
    await _start_interview(world)
    voice = FakeAttachment("voice-message.ogg", b"OggS fake", "audio/ogg", duration_secs=12.0)
    await world.emu.send_dm(world.student, attachments=[voice])
    note = await world.emu.wait_for(lambda: [m for m in world.emu.dm_messages(world.student) if "installed" in m.text])
    assert ".[voice]" in note[0].text and "type your answer" in note[0].text
    session = await world.services.interviews.active(world.student.id)
    assert session.number == 1 and len(_questions(world)) == 1
