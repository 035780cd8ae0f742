"""/ask: a cited answer from the guidance, streamed in AI mode."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.knowledge.answers import DEFAULT_SOAP_YEAR
from bot.core.knowledge.articles import BUILTIN_SCOPE
from bot.ui import limits
from bot.ui.embeds import answer_messages
from bot.ui.errors import defer
from bot.ui.streaming import StreamingReply

if TYPE_CHECKING:
    from bot.client import SoapBot

log = logging.getLogger(__name__)

#: The screen runs before /ask is acknowledged, so it gets threads of its own: in the shared pool
#: it would wait behind searches and checklists, and a burst of questions could miss Discord's 3 s.
SCREEN_THREADS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="ask-screen")
#: How long the acknowledgement may wait for the screen: well inside Discord's window.
SCREEN_WAIT_SECONDS = limits.ACK_WINDOW_SECONDS / 2


class AskCog(commands.Cog):
    def __init__(self, bot: SoapBot) -> None:
        self.bot = bot
        self.services = bot.services

    @app_commands.command(
        name="ask", description="Ask a question about SOAP and Match Week; answers cite the guidance."
    )
    @app_commands.describe(
        question="Your question, e.g. 'Can I email a program during SOAP?'",
        private="Only you see the answer (default: your server's setting).",
    )
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, 1000],
        private: bool | None = None,
    ) -> None:
        config = await self.services.configs.get(interaction.guild_id)
        ephemeral = private if private is not None else bool(config and config.ask_private)
        # The distress screen's local layers first (milliseconds): a student who needs care is
        # answered privately, even where answers are public.
        check = asyncio.get_running_loop().run_in_executor(SCREEN_THREADS, self.services.screen.check, question)
        try:
            screened = await asyncio.wait_for(asyncio.shield(check), SCREEN_WAIT_SECONDS)
        except TimeoutError:
            # Very busy: acknowledge in time anyway. Should the screen then call for care, the answer
            # is still private (the placeholder is replaced, as when moderation finds it below).
            log.info("ask screen slow interaction=%s; acknowledged first", interaction.id)
            await defer(interaction, ephemeral=ephemeral)
            screened = await check
        else:
            ephemeral = ephemeral or screened.needs_care
            await defer(interaction, ephemeral=ephemeral)

        user_id = interaction.user.id
        scopes = await self._scopes(user_id, interaction.guild_id)
        llm, unavailable = await self.services.usage.llm_for(user_id, interaction.guild_id)
        soap_year = (config.soap_year if config else None) or DEFAULT_SOAP_YEAR
        streamer = StreamingReply(interaction, question) if llm is not None else None
        answer = await self.services.answerer.ask(
            question,
            scopes=scopes,
            llm=llm,
            llm_unavailable=unavailable,
            on_delta=streamer.update if streamer else None,
            soap_year=soap_year,
            calendar_overrides=config.calendar_overrides if config else None,
            screened=screened,
        )
        messages = answer_messages(answer, question, soap_year)
        if answer.private and not ephemeral:
            # Moderation found what the local layers did not: replace the public placeholder.
            await interaction.delete_original_response()
            for embeds in messages:
                await interaction.followup.send(embeds=embeds, ephemeral=True)
        else:
            await interaction.edit_original_response(content=None, embeds=messages[0])
            for embeds in messages[1:]:
                await interaction.followup.send(embeds=embeds, ephemeral=ephemeral)
        await self.services.store.record_activity(user_id, interaction.guild_id, "ask")
        log.info(
            "ask answered interaction=%s mode=%s kind=%s citations=%d parts=%d",
            interaction.id,
            answer.mode,
            answer.kind,
            len(answer.citations),
            len(messages),
        )

    async def _scopes(self, user_id: int, guild_id: int | None) -> tuple[str, ...]:
        """In a server: the built-in guidance and that server's. In DMs: the built-in guidance and that
        of the server the student most recently used and still belongs to (checked with Discord)."""
        if guild_id is not None:
            return await self.services.scopes_for(user_id, guild_id)
        membership = getattr(self.bot, "membership", None)
        home = await membership.home_guild(user_id) if membership is not None else None
        if home is None and membership is not None:
            return (BUILTIN_SCOPE,)
        return await self.services.scopes_for(user_id, home)


async def setup(bot: SoapBot) -> None:
    await bot.add_cog(AskCog(bot))
