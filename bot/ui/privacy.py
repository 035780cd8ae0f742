"""Embeds and the confirmation buttons for /privacy."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from typing import Any

import discord

from bot.core.community.privacy import StoredItem
from bot.ui.embeds import COLOUR_ANSWER, COLOUR_ERROR, COLOUR_OK, notice_embed, pack_fields

#: A confirmation answered later than this is refused (politely), and nothing is deleted.
CONFIRM_TIMEOUT_SECONDS = 15 * 60


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


class PrivacyButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"privacy:(?P<action>delete|cancel):(?P<user>\d{1,20}):(?P<at>\d{1,12})",
):
    """'Delete everything' / 'Cancel' for the student who asked. Persistent (it answers after a
    restart too); the custom id carries who asked and when, and a confirmation older than
    :data:`CONFIRM_TIMEOUT_SECONDS` is refused with a reply, never silently."""

    def __init__(self, action: str, user_id: int, asked_at: int) -> None:
        danger = action == "delete"
        super().__init__(
            discord.ui.Button(
                label="Delete everything" if danger else "Cancel",
                style=discord.ButtonStyle.danger if danger else discord.ButtonStyle.secondary,
                custom_id=f"privacy:{action}:{user_id}:{asked_at}",
            )
        )
        self.action, self.user_id, self.asked_at = action, user_id, asked_at

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> PrivacyButton:
        return cls(match["action"], int(match["user"]), int(match["at"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        if interaction.user.id != self.user_id:
            await interaction.response.send_message("This confirmation belongs to someone else.", ephemeral=True)
            return
        if self.action == "cancel":
            await interaction.response.edit_message(
                embed=notice_embed("Nothing was deleted", "Your data is unchanged.", colour=COLOUR_OK), view=None
            )
            return
        if time.time() - self.asked_at > CONFIRM_TIMEOUT_SECONDS:
            await interaction.response.edit_message(
                embed=notice_embed(
                    "This confirmation has expired",
                    "Nothing was deleted. Run /privacy delete-my-data again to delete your data.",
                ),
                view=None,
            )
            return
        cog = interaction.client.get_cog("PrivacyCog")  # type: ignore[attr-defined]
        if cog is None:
            await interaction.response.send_message("Deleting data is not available right now.", ephemeral=True)
            return
        await cog.confirmed(interaction)


def confirm_view(user_id: int, asked_at: float | None = None) -> discord.ui.View:
    at = int(asked_at if asked_at is not None else time.time())
    view = discord.ui.View(timeout=None)
    view.add_item(PrivacyButton("delete", user_id, at))
    view.add_item(PrivacyButton("cancel", user_id, at))
    return view
