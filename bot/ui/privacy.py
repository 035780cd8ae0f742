"""Embeds and the confirmation buttons for /privacy."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord

from bot.core.community.privacy import StoredItem
from bot.ui.embeds import COLOUR_ANSWER, COLOUR_ERROR, COLOUR_OK, notice_embed, pack_fields

CONFIRM_TIMEOUT_SECONDS = 300.0


def stored_embed(items: Sequence[StoredItem], retention: Sequence[str]) -> discord.Embed:
    """What is stored about the student, with counts, where, and for how long."""
    held = [i for i in items if i.count]
    embed = discord.Embed(title="What SOAP Coach stores about you", colour=COLOUR_ANSWER)
    if held:
        embed.description = (
            "Stored in this bot's own database (run by whoever installed the bot for your server). "
            "Only what is listed here; your advisor sees nothing of it unless you press "
            '"Share with my advisor", apart from anonymous counts in the cohort view.'
        )
        pack_fields(embed, "Records", [f"**{i.count}** × {i.description}" for i in held])
    else:
        embed.description = "Nothing is stored about you."
    pack_fields(embed, "How long it is kept", retention)
    embed.set_footer(
        text="Delete all of it now with /privacy delete-my-data. Logs hold ids and counts, never your text."
    )
    return embed


def confirm_embed(total: int, shared: int) -> discord.Embed:
    lines = [
        f"This deletes everything SOAP Coach stores about you ({total} records): interview sessions, "
        "reports, AI usage rows, practice counts, contacts, profile and reminders.",
    ]
    if shared:
        lines.append(f"It also removes the {shared} report(s) you shared from your advisor's channel.")
    lines.append("This cannot be undone.")
    return notice_embed("Delete all my data?", "\n\n".join(lines), colour=COLOUR_ERROR)


def deleted_embed(rows: int, removed_posts: int, failed_posts: int) -> discord.Embed:
    text = f"Done: {rows} records about you were deleted. Nothing about you is left in SOAP Coach's database."
    if removed_posts:
        text += f" {removed_posts} shared report(s) were removed from your advisor's channel."
    if failed_posts:
        text += (
            f" {failed_posts} shared report(s) could not be removed from the channel (deleted already or no "
            "access); ask your advisor to delete them."
        )
    return notice_embed("Your data was deleted", text, colour=COLOUR_OK)


class ConfirmDeleteView(discord.ui.View):
    """'Delete everything' / 'Cancel', for the student who asked only."""

    def __init__(self, user_id: int, on_confirm: Callable[[discord.Interaction], Awaitable[None]]) -> None:
        super().__init__(timeout=CONFIRM_TIMEOUT_SECONDS)
        self.user_id = user_id
        self.on_confirm = on_confirm

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return interaction.user.id == self.user_id

    @discord.ui.button(label="Delete everything", style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: discord.Interaction, _button: discord.ui.Button[Any]) -> None:
        self.stop()
        await self.on_confirm(interaction)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, _button: discord.ui.Button[Any]) -> None:
        self.stop()
        await interaction.response.edit_message(
            embed=notice_embed("Nothing was deleted", "Your data is unchanged.", colour=COLOUR_OK), view=None
        )
