"""Sending messages of embeds as the reply to an interaction, whatever state it is in, and by DM
when the interaction's token (15 minutes) ran out before the work was done."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import discord

from bot.ui import limits
from bot.ui.embeds import COLOUR_OK, notice_embed

log = logging.getLogger(__name__)


async def reply_messages(
    interaction: discord.Interaction,
    messages: Sequence[Sequence[discord.Embed]],
    *,
    ephemeral: bool = True,
    view: discord.ui.View | None = None,
) -> None:
    """The first message answers the interaction (or replaces a deferral's "thinking…"
    placeholder), the others follow; ``view`` goes under the last one."""
    for i, embeds in enumerate(messages):
        extra: dict[str, Any] = {"view": view} if view is not None and i == len(messages) - 1 else {}
        if i == 0 and not interaction.response.is_done():
            await interaction.response.send_message(embeds=list(embeds), ephemeral=ephemeral, **extra)
        elif i == 0 and interaction.response.type == discord.InteractionResponseType.deferred_channel_message:
            await interaction.edit_original_response(content=None, embeds=list(embeds), **extra)
        else:
            await interaction.followup.send(embeds=list(embeds), ephemeral=ephemeral, **extra)


#: Discord's "Invalid Webhook Token": the interaction's 15 minutes are over.
TOKEN_EXPIRED = 50027
LATE_TITLE = "Your reply is here, in our DMs"
LATE_NOTE = (
    "This took longer than Discord keeps a reply open (15 minutes), so I've sent it to you here instead. "
    "Only you can see our DMs."
)


def token_age_seconds(interaction: discord.Interaction) -> float:
    return (discord.utils.utcnow() - interaction.created_at).total_seconds()


def token_running_out(interaction: discord.Interaction) -> bool:
    """Whether the interaction's token is (nearly) too old to send or edit its reply."""
    return token_age_seconds(interaction) >= limits.INTERACTION_TOKEN_SECONDS - limits.INTERACTION_TOKEN_MARGIN_SECONDS


def is_token_expired(error: BaseException) -> bool:
    return isinstance(error, discord.HTTPException) and (error.code == TOKEN_EXPIRED or error.status == 401)


async def deliver_by_dm(
    interaction: discord.Interaction,
    messages: Sequence[Sequence[discord.Embed]],
    *,
    view: discord.ui.View | None = None,
) -> bool:
    """Send what the interaction's reply can no longer carry to the student's DMs, saying why.
    False when their DMs are closed too (nothing more can reach them)."""
    user = interaction.user
    try:
        await user.send(embed=notice_embed(LATE_TITLE, LATE_NOTE, COLOUR_OK))
        for i, embeds in enumerate(messages):
            extra: dict[str, Any] = {"view": view} if view is not None and i == len(messages) - 1 else {}
            await user.send(embeds=list(embeds), **extra)
    except discord.HTTPException as exc:
        log.warning("late reply not delivered by DM interaction=%s status=%s", interaction.id, exc.status)
        return False
    log.info("late reply delivered by DM interaction=%s age_s=%d", interaction.id, token_age_seconds(interaction))
    return True
