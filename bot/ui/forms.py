"""Forms (modals) and buttons that always get an answer, whenever they are used.

discord.py drops a modal submit whose modal object is gone (its view timed out, or the bot
restarted) and a click on a button nobody listens to: the student sees "This interaction
failed" and loses what they typed. Here every form is *persistent*: its custom id says which
form it is and carries what the bot needs (:func:`send_form` opens it without keeping the
modal object), and :class:`FormRouter` hands each submit to the handler registered for its
custom id, then, if that is impossible or fails, shows the student their own text back.
A click on a button that nothing handles gets a short reply instead of silence.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import Any

import discord

from bot.core.base.text import clip
from bot.ui import limits
from bot.ui.embeds import COLOUR_WARNING

log = logging.getLogger(__name__)

#: A form's values by component custom id: text for text inputs, a list for selects.
FormValues = dict[str, Any]
FormHandler = Callable[[discord.Interaction, "re.Match[str]", FormValues], Awaitable[None]]

EXPIRED_FORM = "I couldn't process that form any more (it is from before a restart or an update)."
FAILED_FORM = "Sorry, something went wrong on my side while I was working on that form."
EXPIRED_BUTTON = (
    "That button no longer works (it is from before a restart or has expired). "
    "Run the command again to get a fresh one."
)
TEXT_BACK_FILENAME = "what-you-wrote.txt"


async def send_form(interaction: discord.Interaction, modal: discord.ui.Modal) -> None:
    """Open ``modal`` without keeping it: its submit goes to the :class:`FormRouter` by custom id."""
    modal.stop()  # a stopped modal is not stored, so discord.py never handles (or drops) its submit
    await interaction.response.send_modal(modal)


def form_values(data: Mapping[str, Any] | None) -> FormValues:
    """The submitted values of a modal, by custom id (text inputs, selects, in labels or rows)."""

    def walk(components: Any) -> Iterator[tuple[str, Any]]:
        for comp in components or []:
            if not isinstance(comp, Mapping):
                continue
            if comp.get("custom_id") is not None and ("value" in comp or "values" in comp):
                yield str(comp["custom_id"]), comp["value"] if "value" in comp else list(comp["values"])
            inner = comp.get("components") or ([comp["component"]] if comp.get("component") else [])
            yield from walk(inner)

    return dict(walk((data or {}).get("components")))


def written_text(values: FormValues) -> str:
    """Everything the student typed into a form (text inputs only), in order."""
    return "\n\n".join(v for v in values.values() if isinstance(v, str) and v.strip())


async def send_text_back(interaction: discord.Interaction, message: str, values: FormValues) -> None:
    """Tell the student what happened and give them back what they wrote, so nothing is lost."""
    text = written_text(values)
    embed = discord.Embed(description=message, colour=COLOUR_WARNING)
    file = None
    if text:
        fenced = "```\n" + text + "\n```"
        room = limits.EMBED_DESCRIPTION - len(message) - 80
        if "```" not in text and len(fenced) <= room:
            embed.description = f"{message}\n\nHere is what you wrote, so nothing is lost:\n{fenced}"
        else:  # too long for a message, or it would break the code block: the exact text as a file
            embed.description = f"{message}\n\nWhat you wrote is attached ({TEXT_BACK_FILENAME}), so nothing is lost."
            file = discord.File(io.BytesIO(text.encode("utf-8")), filename=TEXT_BACK_FILENAME)
    embed.description = clip(embed.description or "", limits.EMBED_DESCRIPTION)
    extra: dict[str, Any] = {"file": file} if file else {}
    try:
        if interaction.response.is_done():
            await interaction.followup.send(embed=embed, ephemeral=True, **extra)
        else:
            await interaction.response.send_message(embed=embed, ephemeral=True, **extra)
    except discord.HTTPException as exc:
        log.warning("form text-back not delivered interaction=%s status=%s", interaction.id, exc.status)


class FormRouter:
    """Modal submits by custom id, to the handler registered for them."""

    def __init__(self) -> None:
        self._routes: list[tuple[re.Pattern[str], FormHandler]] = []

    def add(self, pattern: str, handler: FormHandler) -> None:
        self._routes.append((re.compile(pattern), handler))

    async def dispatch(self, interaction: discord.Interaction) -> None:
        data: Mapping[str, Any] = interaction.data or {}
        custom_id = str(data.get("custom_id", ""))
        values = form_values(data)
        for pattern, handler in self._routes:
            match = pattern.fullmatch(custom_id)
            if match is None:
                continue
            try:
                await handler(interaction, match, values)
            except Exception as error:  # noqa: BLE001 - the student must get an answer, and their text
                await self._failed(interaction, error, values)
            return
        log.info("form not recognised interaction=%s fields=%d", interaction.id, len(values))
        await send_text_back(interaction, EXPIRED_FORM + " Please run the command again.", values)

    @staticmethod
    async def _failed(interaction: discord.Interaction, error: BaseException, values: FormValues) -> None:
        from bot.ui.errors import expired, user_message_for

        if expired(interaction, error, "form"):
            return
        message = user_message_for(error)
        if message is None:
            from bot.logs import log_safe_traceback

            log.error(
                "form failed interaction=%s error=%s\n%s",
                interaction.id,
                type(error).__name__,
                log_safe_traceback(error),
            )
            message = FAILED_FORM + " Please try again in a moment."
        await send_text_back(interaction, message, values)


def component_handled(client: discord.Client, interaction: discord.Interaction) -> bool:
    """Whether discord.py has a handler for this click (a persistent item or a live view)."""
    data: Mapping[str, Any] = interaction.data or {}
    custom_id = str(data.get("custom_id", ""))
    key = (data.get("component_type"), custom_id)
    store = client._connection._view_store  # noqa: SLF001 - discord.py keeps no public registry
    if any(pattern.fullmatch(custom_id) for pattern in store._dynamic_items):  # noqa: SLF001
        return True
    message_id = interaction.message.id if interaction.message else None
    views = store._views  # noqa: SLF001
    return key in views.get(message_id, {}) or key in views.get(None, {})


def modal_handled(client: discord.Client, interaction: discord.Interaction) -> bool:
    """Whether a live discord.py modal (not one of the persistent forms) takes this submit."""
    data: Mapping[str, Any] = interaction.data or {}
    return str(data.get("custom_id", "")) in client._connection._view_store._modals  # noqa: SLF001


async def answer_unhandled_click(interaction: discord.Interaction) -> None:
    """A short private reply to a click nothing handles (instead of "This interaction failed")."""
    log.info("unhandled component interaction=%s", interaction.id)
    embed = discord.Embed(description=EXPIRED_BUTTON, colour=COLOUR_WARNING)
    try:
        await interaction.response.send_message(embed=embed, ephemeral=True)
    except discord.HTTPException as exc:
        log.info("expired-button reply not delivered interaction=%s status=%s", interaction.id, exc.status)
