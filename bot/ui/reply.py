"""Sending messages of embeds as the reply to an interaction, whatever state it is in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord


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
