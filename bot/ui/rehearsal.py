"""Rehearsal feedback for Discord: result embeds, the answer modal, and voice answers from messages.

:func:`rehearsal_messages` is shared by ``/rehearse`` and the mock interview (feedback on each
answer): for a spoken answer, the transcript and the delivery measures come first; then the
criteria grouped fail / warn / pass with quoted evidence and advice, the spoken length, the
summary, the follow-up question an interviewer might ask, and the mode footer.

:func:`answer_from_message` turns a DM into an answer: the text of a typed message, or the
transcript of a voice message / audio attachment with its :class:`SpeechReport`.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

import discord

from bot.core.base.text import WORDS_PER_MINUTE, clip
from bot.core.interview import speech
from bot.core.interview.rubric import CriterionResult, RehearsalResult
from bot.core.interview.sessions import CRITERION_NAMES
from bot.core.interview.speech import SpeechReport
from bot.core.interview.transcription import AudioError, QueueCallback, check_upload, is_audio, queue_message
from bot.ui import limits
from bot.ui.embeds import COLOUR_ANSWER, COLOUR_ERROR, COLOUR_OK, COLOUR_WARNING, group_into_messages, pack_fields
from bot.ui.split import split_text

log = logging.getLogger(__name__)

MEASURE_LABELS = {"pace": "Pace", "fillers": "Fillers", "pauses": "Pauses", "duration": "Duration"}
_ICON = {"fail": "❌", "warn": "⚠️", "pass": "✅"}
_GROUPS = (("fail", "Fix first"), ("warn", "Work on"), ("pass", "Working well"))


def rehearsal_footer(mode: str) -> str:
    if mode == "llm":
        return "AI mode (rubric checks plus an LLM review)"
    return "Offline mode (rubric checks, no LLM)"


def _criterion_line(c: CriterionResult) -> str:
    label = CRITERION_NAMES.get(c.criterion, c.criterion)
    quote = f" “{clip(c.evidence, 300)}”" if c.evidence and c.criterion not in ("length",) else ""
    if c.status == "pass":
        line = (
            f"{_ICON['pass']} **{label}**{quote} — {c.advice}" if quote else f"{_ICON['pass']} **{label}** — {c.advice}"
        )
    else:
        line = f"{_ICON[c.status]} **{label}**{quote}\n→ {c.advice}"
    return clip(line, limits.EMBED_FIELD_VALUE)


def _colour(result: RehearsalResult) -> discord.Colour:
    statuses = {c.status for c in result.criteria}
    if "fail" in statuses:
        return COLOUR_ERROR
    if "warn" in statuses:
        return COLOUR_WARNING
    return COLOUR_OK


def speech_embeds(report: SpeechReport) -> list[discord.Embed]:
    """ "What I heard" (the transcript, so the student sees what was understood) and the delivery measures."""
    parts = split_text(report.transcript, limits.EMBED_DESCRIPTION - 4) or ["(no words)"]
    embeds = [
        discord.Embed(
            title="🎙️ What I heard" if i == 0 else None,
            description=f"> {part}" if len(part) <= limits.EMBED_DESCRIPTION - 2 else part,
            colour=COLOUR_ANSWER,
        )
        for i, part in enumerate(parts)
    ]
    lines = [
        clip(
            f"{_ICON[m.status]} **{MEASURE_LABELS.get(m.measure, m.measure)}** — {m.value}"
            + (f"\n→ {m.advice}" if m.flagged else ""),
            limits.EMBED_FIELD_VALUE,
        )
        for m in report.measures
    ]
    pack_fields(embeds[-1], "How you said it", lines)
    return embeds


def rehearsal_messages(result: RehearsalResult, speech: SpeechReport | None = None) -> list[list[discord.Embed]]:
    """The feedback on one answer as messages of embeds, within Discord's limits.

    With ``speech`` (a recorded answer) the transcript and delivery measures come first.
    Criteria that don't apply to the question are left out (the JSON output keeps them).
    """
    embeds = speech_embeds(speech) if speech is not None else []
    main = discord.Embed(
        title=clip(f"Feedback: {result.question}", limits.EMBED_TITLE),
        description=clip(result.summary, limits.EMBED_DESCRIPTION),
        colour=_colour(result),
    )
    for status, name in _GROUPS:
        lines = [_criterion_line(c) for c in result.criteria if c.status == status and c.applicable]
        if lines:
            pack_fields(main, name, lines)
    how = "measured from your recording" if speech is not None else f"at {WORDS_PER_MINUTE} words per minute"
    main.add_field(name="Spoken length", value=f"About {round(result.spoken_seconds)} s ({how})", inline=False)
    if result.follow_up:
        main.add_field(
            name="An interviewer might follow up with",
            value=clip(result.follow_up, limits.EMBED_FIELD_VALUE),
            inline=False,
        )
    if result.notice:
        main.add_field(name="Note", value=clip(result.notice, limits.EMBED_FIELD_VALUE), inline=False)
    main.set_footer(text=clip(rehearsal_footer(result.mode), limits.EMBED_FOOTER))
    embeds.append(main)
    return group_into_messages(embeds)


# ----- the answer modal ------------------------------------------------------------------------

#: The answer form: its submit is handled by the rehearse cog's form handler (see forms.py).
FORM_ID = "rehearse:answer"
ANSWER_FIELD, QUESTION_FIELD = "rehearse:answer", "rehearse:question"
#: The longest question a student may type (the /rehearse option allows as much).
QUESTION_ROOM = 300


class AnswerModal(discord.ui.Modal):
    """The answer, and the question (filled in, can be changed): the form carries all it needs,
    so an answer submitted after a restart or a timeout is still scored."""

    def __init__(self, question: str) -> None:
        super().__init__(title=clip("Rehearse your answer", limits.MODAL_TITLE), timeout=None, custom_id=FORM_ID)
        self.answer: discord.ui.TextInput[AnswerModal] = discord.ui.TextInput(
            custom_id=ANSWER_FIELD,
            label=clip("Your answer, as you would say it", limits.TEXT_INPUT_LABEL),
            style=discord.TextStyle.paragraph,
            placeholder=clip(question, limits.TEXT_INPUT_PLACEHOLDER),
            max_length=limits.MODAL_TEXT_INPUT,
            required=True,
        )
        self.question: discord.ui.TextInput[AnswerModal] = discord.ui.TextInput(
            custom_id=QUESTION_FIELD,
            label=clip("The question", limits.TEXT_INPUT_LABEL),
            style=discord.TextStyle.short,
            default=clip(question, QUESTION_ROOM),
            max_length=QUESTION_ROOM,
            required=False,
        )
        self.add_item(self.answer)
        self.add_item(self.question)


# ----- voice answers from messages -------------------------------------------------------------


def audio_attachment(message: discord.Message) -> discord.Attachment | None:
    """The message's recording: a voice message, or the first attachment that is audio."""
    for attachment in message.attachments:
        if attachment.is_voice_message() or is_audio(attachment.filename, attachment.content_type):
            return attachment
    return None


def check_recording(services: Any, attachment: discord.Attachment) -> None:
    """Refuse before downloading: voice support missing, not audio, too big or too long."""
    services.transcription.backend()
    check_upload(attachment.filename, attachment.content_type, attachment.size, attachment.duration)


async def read_recording(
    services: Any,
    attachment: discord.Attachment,
    on_queue: QueueCallback | None = None,
) -> tuple[str, SpeechReport]:
    """Check, download (in memory only), transcribe and measure one attachment."""
    check_recording(services, attachment)
    try:
        data = await attachment.read()
    except discord.HTTPException:
        raise AudioError("I couldn't download that recording from Discord. Please send it again.") from None
    return await speech.answer_from_audio(
        services.transcription,
        attachment.filename,
        data,
        attachment.content_type,
        attachment.duration,
        on_queue=on_queue,
    )


async def answer_from_message(services: Any, message: discord.Message) -> tuple[str, SpeechReport | None]:
    """The answer a student sent in a DM: ``(text, None)`` for a typed answer, or
    ``(transcript, SpeechReport)`` for a voice message or audio attachment.

    While a recording is transcribed, a short status message in the same channel says so
    (with the student's place in line when others are ahead); it is deleted when done.
    Raises :class:`~bot.core.interview.transcription.AudioError` (an AnswerError: reply with its text)
    for recordings that can't be used, including when voice support isn't installed.
    Score the result with ``speech.rehearse_speech(report, question, ...)`` for a recording
    (length from the real speaking time) or ``rubric.rehearse(text, ...)`` for typed text,
    and show it with ``rehearsal_messages(result, speech=report)``.
    """
    attachment = audio_attachment(message)
    if attachment is None:
        return message.content, None
    status: discord.Message | None = None

    async def show(place: int) -> None:
        nonlocal status
        text = f"🎙️ {queue_message(place)}"
        try:
            if status is None:
                status = await message.channel.send(text)
            else:
                await status.edit(content=text)
        except discord.HTTPException as exc:
            log.info("transcription status not shown channel=%s status=%s", message.channel.id, exc.status)

    check_recording(services, attachment)
    try:
        await show(0)
        return await read_recording(services, attachment, on_queue=show)
    finally:
        if status is not None:
            with contextlib.suppress(discord.HTTPException):
                await status.delete()
