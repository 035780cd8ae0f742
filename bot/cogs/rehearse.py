"""/rehearse: feedback on one interview answer, typed in a modal or recorded as audio.

Without ``audio`` a modal takes the answer; with it, the recording is transcribed (in memory,
never stored) while the deferred reply shows the student's place in the transcription queue.
The result is ephemeral in servers (a normal message in DMs), with a button to share the
summary with an advisor. Only the flagged criterion ids are recorded, for the cohort view.
"""

from __future__ import annotations

import json
import logging
import re
import time
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.base.llm import LLMError
from bot.core.base.text import clip
from bot.core.interview import speech
from bot.core.interview.question_bank import load_bank
from bot.core.interview.rubric import RehearsalResult, rehearse
from bot.core.interview.speech import SpeechReport
from bot.core.interview.transcription import AudioError, queue_message
from bot.core.screen import NONE, ScreenResult
from bot.ui import limits
from bot.ui.embeds import care_embed, notice_embed, paused_embeds
from bot.ui.errors import defer
from bot.ui.forms import FormValues, send_form
from bot.ui.rehearsal import (
    ANSWER_FIELD,
    FORM_ID,
    QUESTION_FIELD,
    AnswerModal,
    check_recording,
    read_recording,
    rehearsal_messages,
)
from bot.ui.reply import deliver_by_dm, is_token_expired, token_running_out
from bot.ui.share import share_view_for

if TYPE_CHECKING:
    from bot.client import SoapBot

log = logging.getLogger(__name__)


def question_choices(current: str) -> list[app_commands.Choice[str]]:
    """Question-bank questions matching what the student typed (all words, any order)."""
    terms = current.lower().split()
    choices: list[app_commands.Choice[str]] = []
    seen: set[str] = set()
    for question in load_bank():
        text = question.text
        if text in seen or not all(t in text.lower() for t in terms):
            continue
        seen.add(text)
        value = text if len(text) <= limits.CHOICE_VALUE else question.id
        choices.append(app_commands.Choice(name=clip(text, limits.CHOICE_NAME), value=value))
        if len(choices) >= limits.AUTOCOMPLETE_CHOICES:
            break
    return choices


class RehearseCog(commands.Cog):
    def __init__(self, bot: SoapBot) -> None:
        self.bot = bot
        self.services = bot.services

    async def cog_load(self) -> None:
        # The form is persistent: an answer submitted after a restart is still scored.
        self.bot.forms.add(FORM_ID, self._form_submitted)

    async def _form_submitted(
        self, interaction: discord.Interaction, _match: re.Match[str], values: FormValues
    ) -> None:
        text, kind = speech.resolve_question(str(values.get(QUESTION_FIELD) or ""))
        await self._typed(interaction, text, kind, str(values.get(ANSWER_FIELD) or ""))

    @app_commands.command(
        name="rehearse", description="Practise one interview answer, typed or recorded, and get feedback."
    )
    @app_commands.describe(
        question="The interview question (default: Why didn't you match?)",
        audio="A recording of your answer (voice memo or audio file, up to 3 minutes)",
    )
    async def rehearse(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, 300] | None = None,
        audio: discord.Attachment | None = None,
    ) -> None:
        text, kind = speech.resolve_question(question)
        if audio is None:
            await send_form(interaction, AnswerModal(text))
            return
        await self._recorded(interaction, text, kind, audio)

    @rehearse.autocomplete("question")
    async def _question_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return question_choices(current)

    async def _typed(self, interaction: discord.Interaction, question: str, kind: str | None, answer: str) -> None:
        await defer(interaction, ephemeral=interaction.guild_id is not None)
        care = await self.services.screen.screen(answer)
        if care.crisis:
            await self._pause_for_care(interaction)
            return
        llm, unavailable = await self.services.usage.llm_for(interaction.user.id, interaction.guild_id)
        result = await rehearse(answer, question, llm=llm, question_kind=kind)
        await self._deliver(interaction, result, None, answer, unavailable, care)

    async def _pause_for_care(self, interaction: discord.Interaction) -> None:
        """A crisis in an answer: the crisis reply instead of a score (nothing saved or counted)."""
        await self._reply(interaction, [paused_embeds()])
        log.info("rehearse paused for care interaction=%s", interaction.id)

    async def _reply(
        self, interaction: discord.Interaction, messages: list[list[discord.Embed]], view: discord.ui.View | None = None
    ) -> None:
        """The deferred reply, then followups (``view`` under the last); by DM when the interaction's
        15 minutes ran out first (a recording that waited long in the transcription queue)."""
        ephemeral = interaction.guild_id is not None
        if token_running_out(interaction):
            await deliver_by_dm(interaction, messages, view=view)
            return
        for i, embeds in enumerate(messages):
            extra: dict[str, Any] = {"view": view} if view is not None and i == len(messages) - 1 else {}
            try:
                if i == 0:
                    await interaction.edit_original_response(content=None, embeds=embeds, **extra)
                else:
                    await interaction.followup.send(embeds=embeds, ephemeral=ephemeral, **extra)
            except discord.HTTPException as exc:
                if not is_token_expired(exc):
                    raise
                await deliver_by_dm(interaction, messages[i:], view=view)
                return

    async def _recorded(
        self, interaction: discord.Interaction, question: str, kind: str | None, audio: discord.Attachment
    ) -> None:
        await defer(interaction, ephemeral=interaction.guild_id is not None)
        started = time.perf_counter()
        check_recording(self.services, audio)

        async def show(place: int) -> None:
            embed = notice_embed("🎙️ Transcribing", queue_message(place))
            try:
                await interaction.edit_original_response(embed=embed)
            except discord.HTTPException as exc:
                log.info("queue update skipped interaction=%s status=%s", interaction.id, exc.status)

        await show(0)
        try:
            transcript, report = await read_recording(self.services, audio, on_queue=show)
        except AudioError as exc:  # replace the "Transcribing…" note rather than leave it above the error
            await self._reply(interaction, [[notice_embed("I couldn't use that recording", str(exc))]])
            log.info("rehearse recording refused interaction=%s", interaction.id)
            return
        care = await self.services.screen.screen(transcript)
        if care.crisis:
            await self._pause_for_care(interaction)
            return
        llm, unavailable = await self.services.usage.llm_for(interaction.user.id, interaction.guild_id)
        result = await speech.rehearse_speech(report, question, llm=llm, question_kind=kind)
        await self._deliver(interaction, result, report, transcript, unavailable, care)
        log.info(
            "rehearse recording interaction=%s audio_s=%.1f total_ms=%d",
            interaction.id,
            report.duration_seconds,
            (time.perf_counter() - started) * 1000,
        )

    async def _deliver(
        self,
        interaction: discord.Interaction,
        result: RehearsalResult,
        report: SpeechReport | None,
        answer: str,
        unavailable: LLMError | None,
        care: ScreenResult = NONE,
    ) -> None:
        if unavailable is not None and result.notice is None:
            result.notice = f"AI review unavailable ({unavailable.notice}); showing the offline rubric."
        user_id, guild_id = interaction.user.id, interaction.guild_id
        saved = await self.services.reports.save(
            user_id, guild_id, "rehearsal", speech.report_summary(result, report), transcript=answer
        )
        messages = rehearsal_messages(result, report)
        check_in = care_embed(care)
        if check_in is not None:
            messages.insert(0, [check_in])
        view = await share_view_for(self.bot, saved)
        # The share buttons go under the last part, where the summary is.
        await self._reply(interaction, messages, view)
        await self.services.store.record_activity(user_id, guild_id, "rehearsal", json.dumps(sorted(result.flagged)))
        log.info(
            "rehearse answered interaction=%s mode=%s voice=%s flagged=%d parts=%d",
            interaction.id,
            result.mode,
            report is not None,
            len(result.flagged),
            len(messages),
        )


async def setup(bot: SoapBot) -> None:
    await bot.add_cog(RehearseCog(bot))
