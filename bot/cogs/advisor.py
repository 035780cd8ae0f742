"""/advisor: server setup, server guidance, cohort view; registers the persistent share buttons."""

from __future__ import annotations

import logging

from discord.ext import commands

from bot.ui.share import ShareButton

log = logging.getLogger(__name__)


class AdvisorCog(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.services = bot.services  # type: ignore[attr-defined]


async def setup(bot: commands.Bot) -> None:
    bot.add_dynamic_items(ShareButton)
    await bot.add_cog(AdvisorCog(bot))
