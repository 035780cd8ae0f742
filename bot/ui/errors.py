"""Turning errors into short replies, and replying safely whatever state the interaction is in."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

import discord
from discord import app_commands

from bot.ui import limits
from bot.ui.embeds import COLOUR_WARNING

log = logging.getLogger(__name__)


class UserError(Exception):
    """An error whose message is written for the student and can be shown as is."""


#: Discord's "Unknown interaction": the 3-second window to acknowledge had passed.
UNKNOWN_INTERACTION = 10062


def expired(interaction: discord.Interaction, error: BaseException, where: str) -> bool:
    """Log an interaction that expired before the bot acknowledged it (no reply can reach the student)."""
    original = getattr(error, "original", error)
    if not (isinstance(original, discord.NotFound) and original.code == UNKNOWN_INTERACTION):
        return False
    age_ms = (discord.utils.utcnow() - interaction.created_at).total_seconds() * 1000
    log.warning(
        "interaction expired before it was acknowledged where=%s interaction=%s age_ms=%d",
        where,
        interaction.id,
        age_ms,
    )
    return True


PUBLIC_DEFER = "deferred_publicly"


async def defer(interaction: discord.Interaction, *, ephemeral: bool) -> None:
    """Acknowledge now ("thinking…"), remembering whether the placeholder is public."""
    interaction.extras[PUBLIC_DEFER] = not ephemeral
    await interaction.response.defer(ephemeral=ephemeral, thinking=True)


def _user_error_types() -> tuple[type[BaseException], ...]:
    """Errors from bot.core whose messages are written for students."""
    from bot.core.companion.calendar import CalendarError
    from bot.core.knowledge.answers import QuestionError
    from bot.core.knowledge.articles import ArticleError

    types: list[type[BaseException]] = [UserError, QuestionError, ArticleError, CalendarError]
    try:
        from bot.core.critique import DraftError

        types.append(DraftError)
    except ImportError:
        pass
    try:
        from bot.core.interview.rubric import AnswerError

        types.append(AnswerError)
    except ImportError:
        pass
    return tuple(types)


def user_message_for(error: BaseException) -> str | None:
    """The student-facing text for ``error``, or None for an unexpected failure."""
    original = getattr(error, "original", error)
    if isinstance(original, _user_error_types()):
        return str(original)
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little — try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command only works in a server."
    if isinstance(error, app_commands.MissingPermissions | app_commands.MissingRole | app_commands.MissingAnyRole):
        return "You don't have permission to use that command."
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or "You can't use that command here."
    if isinstance(error, app_commands.TransformerError):
        return "I couldn't read one of the options you gave. Please check it and try again."
    return None


async def send_error(interaction: discord.Interaction, message: str) -> None:
    """Reply ephemerally, as a followup if the interaction was already answered."""
    embed = discord.Embed(description=message[: limits.EMBED_DESCRIPTION], colour=COLOUR_WARNING)
    try:
        if interaction.response.is_done():
            # A public "thinking…" placeholder would otherwise turn into a public error:
            # remove it, then say what happened to this student only.
            if interaction.extras.get(PUBLIC_DEFER):
                with contextlib.suppress(discord.HTTPException):
                    await interaction.delete_original_response()
            await interaction.followup.send(embed=embed, ephemeral=True)
        else:
            await interaction.response.send_message(embed=embed, ephemeral=True)
    except discord.NotFound:
        log.info("could not deliver error reply interaction=%s (expired)", interaction.id)
    except discord.HTTPException as exc:
        log.warning("could not deliver error reply interaction=%s status=%s", interaction.id, exc.status)


async def report_error(interaction: discord.Interaction, error: BaseException, where: str) -> None:
    """The same treatment as slash-command errors, for modals and buttons."""
    if expired(interaction, error, where):
        return
    message = user_message_for(error)
    if message is None:
        from bot.logs import log_safe_traceback

        name = type(error).__name__
        log.error("%s failed interaction=%s error=%s\n%s", where, interaction.id, name, log_safe_traceback(error))
        message = "Sorry, something went wrong on my side. Please try again in a moment."
    await send_error(interaction, message)


class SafeModal(discord.ui.Modal):
    """A modal whose errors reach the student as a short ephemeral message."""

    # discord.py's stubs give Modal.on_error the View signature; at run time it takes no item.
    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await report_error(interaction, error, f"modal {type(self).__name__}")


class SafeView(discord.ui.View):
    """A view whose button errors reach the student as a short ephemeral message."""

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any], /) -> None:
        await report_error(interaction, error, f"view {type(self).__name__}")
