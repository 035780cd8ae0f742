"""The Discord bot: services passed in, cogs loaded in setup_hook, one error handler."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.core.services import Services, build_services
from bot.logs import log_safe_traceback
from bot.ui.errors import expired, send_error, user_message_for
from bot.ui.forms import FormRouter, answer_unhandled_click, component_handled, modal_handled
from bot.ui.membership import Membership

log = logging.getLogger(__name__)

COGS = (
    "bot.cogs.ask",
    "bot.cogs.rehearse",
    "bot.cogs.advisor",
    "bot.cogs.privacy",
    "bot.cogs.interview",
    "bot.cogs.critique",
    "bot.cogs.timeline",
    "bot.cogs.contacts",
    "bot.cogs.profile",
    "bot.cogs.draft",
)


class SoapTree(app_commands.CommandTree):
    """Every slash-command error ends here: students get a short ephemeral reply, logs get the rest."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError, /) -> None:
        command = interaction.command.qualified_name if interaction.command else "?"
        if expired(interaction, error, f"command {command}"):
            return
        message = user_message_for(error)
        if message is None:
            original = getattr(error, "original", error)
            log.error(
                "command failed command=%s interaction=%s error=%s\n%s",
                command,
                interaction.id,
                type(original).__name__,
                log_safe_traceback(original),
            )
            message = "Sorry, something went wrong on my side. Please try again in a moment."
        else:
            log.info(
                "command refused command=%s interaction=%s reason=%s", command, interaction.id, type(error).__name__
            )
        await send_error(interaction, message)


def use_discord_endpoints(settings: Settings) -> None:
    """Point discord.py at REST/gateway proxies (or a local emulator) when configured."""
    if settings.discord_api_base_url:
        discord.http.Route.BASE = settings.discord_api_base_url.rstrip("/")
    if settings.discord_gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


class SoapBot(commands.Bot):
    def __init__(self, services: Services, **options: Any) -> None:
        intents = discord.Intents.none()
        intents.guilds = True  # guild and channel data for slash commands and the advisor channel
        intents.dm_messages = True  # answers in DM mock interviews (content in DMs needs no privileged intent)
        options.setdefault("allowed_mentions", discord.AllowedMentions.none())
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            tree_cls=SoapTree,
            help_command=None,
            **options,
        )
        self.services = services
        self.settings = services.settings
        #: Every form (modal) submit, routed by custom id: forms keep working after a restart.
        self.forms = FormRouter()
        #: Whether a student is still in a server (sharing, and server guidance from DMs).
        self.membership = Membership(self, services.store)

    async def setup_hook(self) -> None:
        for cog in COGS:
            await self.load_extension(cog)
        await self.sync_commands()
        await self.warm_up()

    async def warm_up(self) -> None:
        """Load what the first command would otherwise load while Discord's 3 seconds run: /ask
        screens the question before it acknowledges, and the screen's model loads on first use."""
        started = time.perf_counter()
        try:
            await asyncio.to_thread(self.services.screen.check, "Hello")
        except Exception:  # noqa: BLE001 - a failed warm-up only costs the first question some time
            log.warning("distress screen warm-up failed", exc_info=True)
        log.info("warm-up done ms=%d", (time.perf_counter() - started) * 1000)

    async def sync_commands(self) -> None:
        guild_id = self.settings.dev_guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("commands synced scope=guild guild=%s count=%d", guild_id, len(synced))
        else:
            synced = await self.tree.sync()
            log.info("commands synced scope=global count=%d", len(synced))

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Forms go to their handlers by custom id; a click nothing handles still gets a reply."""
        if interaction.type == discord.InteractionType.modal_submit:
            if not modal_handled(self, interaction):
                await self.forms.dispatch(interaction)
        elif interaction.type == discord.InteractionType.component and not component_handled(self, interaction):
            await answer_unhandled_click(interaction)

    async def on_ready(self) -> None:
        log.info("bot ready user_id=%s guilds=%d", self.user.id if self.user else "?", len(self.guilds))

    async def close(self) -> None:
        await super().close()


async def run_bot(settings: Settings, services: Services | None = None) -> None:
    """Build services, index the guidance, and run until stopped."""
    use_discord_endpoints(settings)
    services = services or await build_services(settings)
    try:
        report = await services.ensure_index()
        log.info("knowledge index ready added=%d unchanged=%d", report.added, report.unchanged)
        assert settings.discord_token is not None
        async with SoapBot(services) as bot:
            await bot.start(settings.discord_token.get_secret_value())
    finally:
        await services.close()
