"""Logs carry ids, timings and counts: never what a student wrote, an article's text, the token or the key.

Representative flows run with DEBUG logging configured as the app does it
(``configure_logging("DEBUG", secrets=[...])``), every input carrying a distinctive marker.
Both what the app's handler wrote and every record pytest captured are searched. Records of
the test's own Discord emulator and fake OpenAI server (they play Discord and the provider,
not the bot) are left out.
"""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator, Iterator

import pytest

from bot.core.interview.rubric import apply_review
from bot.core.interview.transcription import TranscriptionService
from bot.logs import _CAPPED, LevelCap, configure_logging
from tests.cogs.test_critique import COLD_EMAIL
from tests.reliability.actions import (
    World,
    advisor_of,
    answer_interview,
    ask,
    coach_reply,
    feedback_messages,
    open_and_submit,
    rehearse_typed,
    start,
    upload_article,
)
from tests.reliability.conftest import FAKE_KEY
from tests.support.discord_emulator import DiscordEmulator, FakeAttachment
from tests.voice import FakeBackend

TOKEN = "MTEyMjMzNDQ1NTY2Nzc4ODk5.GfakeT.discord-token-SECRET-b7e1c0"
MARKERS = {
    "question": "QUESTIONMARK-3f9a",
    "draft": "DRAFTMARK-91c2",
    "rehearsal": "REHEARSALMARK-70be",
    "answer": "ANSWERMARK-5d0e",
    "article": "ARTICLEMARK-c4b8",
    "profile": "PROFILEMARK-2a61",
    "contact": "CONTACTMARK-e83d",
    "transcript": "TRANSCRIPTMARK-0f4d",
}
NOT_THE_BOT = ("tests.", "aiohttp.server", "aiohttp.access", "aiohttp.web")


def is_the_bots(record: logging.LogRecord) -> bool:
    return not record.name.startswith(NOT_THE_BOT)


@pytest.fixture
def app_logs(caplog: pytest.LogCaptureFixture) -> Iterator[io.StringIO]:
    """DEBUG logging as the app configures it, into a buffer; pytest's capture added back."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, {name: logging.getLogger(name).level for name in _CAPPED})
    stream = io.StringIO()
    configure_logging("DEBUG", secrets=[TOKEN, FAKE_KEY], stream=stream)
    root.handlers[0].addFilter(is_the_bots)
    root.addHandler(caplog.handler)
    try:
        yield stream
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        for name, level in saved[2].items():
            logging.getLogger(name).setLevel(level)


@pytest.fixture
async def emu(app_logs: io.StringIO) -> AsyncIterator[DiscordEmulator]:
    """The emulator, with a realistic-looking token (overrides the fixture ``world`` uses)."""
    emulator = DiscordEmulator()
    emulator.token = TOKEN
    await emulator.start()
    try:
        yield emulator
    finally:
        await emulator.stop()


def leaks(app_logs: io.StringIO, caplog: pytest.LogCaptureFixture) -> list[str]:
    secrets = {**MARKERS, "token": TOKEN, "key": FAKE_KEY, "key (middle)": FAKE_KEY[8:-4]}
    written = app_logs.getvalue()
    records = [r for r in caplog.records if is_the_bots(r) and LevelCap().filter(r)]
    found = [f"{what} in the log output" for what, secret in secrets.items() if secret in written]
    for record in records:
        found += [
            f"{what} in a {record.name} record" for what, secret in secrets.items() if secret in record.getMessage()
        ]
    return found


async def test_no_student_text_or_secret_reaches_the_logs(
    world: World,
    connect_llm,  # type: ignore[no-untyped-def]
    fake_openai,  # type: ignore[no-untyped-def]
    app_logs: io.StringIO,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    question = f"How many programs can I apply to in SOAP? {MARKERS['question']}"
    draft = COLD_EMAIL.replace("Thank you,", f"My reference: {MARKERS['draft']}.\n\nThank you,")
    answer = f"I applied too narrowly, which was my decision. {MARKERS['answer']} Since then I have grown a lot."
    article = (
        f"# War room\n\n## Where the SOAP war room meets\n\nRoom 214 of the Kessler Library. {MARKERS['article']}\n"
    )

    # Offline.
    await ask(world, question)
    await open_and_submit(world, draft, "coordinator-email", "no", phase="during-soap")
    await rehearse_typed(world, f"{MARKERS['rehearsal']} I didn't match because I applied to too few programs.")
    await upload_article(world, advisor_of(world), "war-room.md", article.encode())
    await start(world)
    await answer_interview(world, answer)

    # With an LLM that quotes the student back, and one that fails.
    def quoting_reply(messages: list[dict]) -> object:  # type: ignore[type-arg]
        reply = coach_reply(messages)  # reviews as JSON; answers quote the question back
        return f"{messages[-1]['content'][-300:]} [1]" if isinstance(reply, str) else reply

    fake_openai.reply = quoting_reply
    connect_llm()
    await ask(world, question)
    await ask(world, f"Where does the SOAP war room meet? {MARKERS['question']}")
    await open_and_submit(world, draft, "coordinator-email", "no", phase="during-soap")
    await answer_interview(world, answer)
    fake_openai.enqueue_fault("500")
    fake_openai.enqueue_fault("500")
    await ask(world, question)

    # The Match Week companion: personal details, contacts, a draft from them; then deleting it all.
    profile = {"name": f"Jane {MARKERS['profile']}", "aamc_id": "12345678", "contact_line": "jane@example.org"}
    contact = {
        "program": f"Cedar Ridge {MARKERS['contact']}",
        "person": "Dr. Ana Ibarra",
        "role": "program-director",
        "origin": "program-reached-out",
        "last_received": "now",
        "notes": f"met at the fair {MARKERS['contact']}",
    }
    for command, options in (("profile set", profile), ("contacts add", contact), ("contacts list", {})):
        done = await world.emu.slash(world.student, command, options, guild=world.guild)
        await done.wait_done()
    draft = await world.emu.slash(
        world.student, "draft", {"kind": "thank-you", "program": "Cedar Ridge"}, guild=world.guild
    )
    await draft.wait_done()
    check = await world.emu.click(world.student, draft.messages[0], label="Check this draft")
    await check.wait_done()

    # Unexpected errors whose messages quote the student.
    async def broken_ask(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"could not answer {question}")

    def broken_review(*_args: object, **_kwargs: object) -> None:
        raise ValueError(f"bad review of {answer}")

    monkeypatch.setattr(world.services.answerer, "ask", broken_ask)
    monkeypatch.setattr("bot.core.interview.rubric.apply_review", broken_review)
    failed = await world.emu.slash(world.student, "ask", {"question": question}, guild=world.guild)
    await world.emu.wait_for(lambda: "went wrong" in failed.text, message=failed.describe())
    await answer_interview(world, answer)
    monkeypatch.setattr("bot.core.interview.rubric.apply_review", apply_review)

    # Voice: a recorded /rehearse answer and a voice answer in the interview (scripted transcripts); the summary.
    script = f"I did not match because I applied too narrowly {MARKERS['transcript']} and I have grown since then."
    world.services.transcription = TranscriptionService(FakeBackend(script))
    recording = FakeAttachment("answer.ogg", b"OggS fake audio", "audio/ogg", duration_secs=20.0)
    voiced = await world.emu.slash(world.student, "rehearse", {}, guild=world.guild, attachments={"audio": recording})
    await world.emu.wait_for(lambda: "Feedback" in voiced.text, message=voiced.describe())
    answered = len(feedback_messages(world))
    await world.emu.send_dm(world.student, "", attachments=[recording])
    await world.emu.wait_for(lambda: len(feedback_messages(world)) > answered)
    stopped = await world.emu.slash(world.student, "interview stop", {}, guild=world.guild)
    await stopped.wait_done()
    forget = await world.emu.slash(world.student, "privacy delete-my-data", {}, guild=world.guild)
    await forget.wait_done()
    deleted = await world.emu.click(world.student, forget.messages[0], label="Delete everything")
    await deleted.wait_done()

    assert app_logs.getvalue().count("\n") > 50  # the flows did log (ids, timings, counts)
    assert leaks(app_logs, caplog) == []
