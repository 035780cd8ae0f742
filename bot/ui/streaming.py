"""Show an LLM answer as it is written, editing the reply at most about once a second."""

from __future__ import annotations

import logging
import time

import discord

from bot.ui import limits
from bot.ui.embeds import streaming_embed

log = logging.getLogger(__name__)


class StreamingReply:
    def __init__(self, interaction: discord.Interaction, title: str) -> None:
        self.interaction = interaction
        self.title = title
        self._last_edit = 0.0
        self.edits = 0

    async def update(self, partial: str) -> None:
        now = time.monotonic()
        if now - self._last_edit < limits.STREAM_EDIT_INTERVAL_SECONDS:
            return
        self._last_edit = now
        try:
            await self.interaction.edit_original_response(embed=streaming_embed(self.title, partial))
            self.edits += 1
        except discord.HTTPException as exc:  # a failed progress edit must not stop the answer
            log.info("streaming edit skipped interaction=%s status=%s", self.interaction.id, exc.status)
