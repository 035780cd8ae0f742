"""/privacy show and /privacy delete-my-data; the daily retention purge."""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.core.community.privacy import delete_everything, purge_expired, retention_lines, shared_messages, stored_about
from bot.ui.embeds import notice_embed
from bot.ui.privacy import PrivacyButton, confirm_embed, confirm_view, deleted_embed, stored_embed

if TYPE_CHECKING:
    from bot.client import SoapBot

log = logging.getLogger(__name__)


class PrivacyCog(commands.Cog):
    privacy = app_commands.Group(name="privacy", description="What SOAP Coach stores about you, and deleting it.")

    def __init__(self, bot: SoapBot) -> None:
        self.bot = bot
        self.services = bot.services

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(PrivacyButton)
        self.purge.start()

    async def cog_unload(self) -> None:
        self.purge.cancel()

    @tasks.loop(hours=24)
    async def purge(self) -> None:
        """Apply the retention policy (README, "Privacy") once a day, and once at start."""
        try:
            await purge_expired(self.services.store)
        except Exception:
            log.exception("retention purge failed")

    @privacy.command(name="show", description="See what SOAP Coach stores about you and for how long.")
    async def show(self, interaction: discord.Interaction) -> None:
        items = await stored_about(self.services.store, interaction.user.id)
        await interaction.response.send_message(embed=stored_embed(items, retention_lines()), ephemeral=True)

    @privacy.command(name="delete-my-data", description="Delete everything SOAP Coach stores about you.")
    async def delete_my_data(self, interaction: discord.Interaction) -> None:
        user_id = interaction.user.id
        items = await stored_about(self.services.store, user_id)
        total = sum(i.count for i in items)
        if not total:
            embed = notice_embed("Nothing to delete", "SOAP Coach stores nothing about you.")
            await interaction.response.send_message(embed=embed, ephemeral=True)
            return
        shared = await shared_messages(self.services.store, user_id)
        view = confirm_view(user_id)
        await interaction.response.send_message(embed=confirm_embed(total, len(shared)), view=view, ephemeral=True)

    async def confirmed(self, interaction: discord.Interaction) -> None:
        user_id = interaction.user.id
        await interaction.response.edit_message(
            embed=notice_embed("Deleting…", "Removing everything stored about you."), view=None
        )
        removed = failed = 0
        for channel_id, message_id in await shared_messages(self.services.store, user_id):
            try:
                await self.bot.get_partial_messageable(channel_id).get_partial_message(message_id).delete()
                removed += 1
            except discord.NotFound:
                removed += 1  # already gone
            except discord.HTTPException:
                failed += 1
        rows = await delete_everything(self.services.store, user_id)
        log.info(
            "privacy delete interaction=%s rows=%d posts_removed=%d posts_failed=%d",
            interaction.id,
            rows,
            removed,
            failed,
        )
        with contextlib.suppress(discord.HTTPException):
            await interaction.edit_original_response(embed=deleted_embed(rows, removed, failed))


async def setup(bot: SoapBot) -> None:
    await bot.add_cog(PrivacyCog(bot))
