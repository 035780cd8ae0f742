"""/timeline (the week in each student's own time) and /reminders (opt-in DMs), with the loop
that delivers due reminders."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.core.base.text import clip
from bot.core.companion.calendar import MILESTONE_IDS, builtin_week, default_year, guild_phase, guild_week, now_utc
from bot.core.companion.reminders import OFFSETS, DueReminder, ReminderError, Reminders
from bot.ui import limits
from bot.ui.companion import confirm_dm, due_reminder_embed, reminder_set_embed, reminders_embed, timeline_embeds
from bot.ui.embeds import group_into_messages
from bot.ui.errors import UserError
from bot.ui.reply import reply_messages

if TYPE_CHECKING:
    from bot.client import SoapBot

log = logging.getLogger(__name__)

#: How often the delivery loop looks for due reminders.
DELIVERY_INTERVAL_SECONDS = 20.0
YEAR_RANGE = (2024, 2035)
DM_CLOSED = 50007


class TimelineCog(commands.Cog):
    def __init__(self, bot: SoapBot) -> None:
        self.bot = bot
        self.services = bot.services

    @property
    def reminders(self) -> Reminders:
        if self.services.reminders is None:
            self.services.reminders = Reminders(self.services.store)
        return self.services.reminders

    async def cog_load(self) -> None:
        self.deliver_loop.start()

    async def cog_unload(self) -> None:
        self.deliver_loop.cancel()

    # ----- /timeline ----------------------------------------------------------------------------

    @app_commands.command(
        name="timeline", description="Match Week milestones in your own time zone, and what you can do now."
    )
    @app_commands.describe(
        year="Match year (default: the coming or current Match Week).",
        sources="Also list the source of every milestone.",
        public="Post it in the channel for everyone (default: only you see it).",
    )
    async def timeline(
        self,
        interaction: discord.Interaction,
        year: app_commands.Range[int, YEAR_RANGE[0], YEAR_RANGE[1]] | None = None,
        sources: bool = False,
        public: bool = False,
    ) -> None:
        ephemeral = not public or interaction.guild_id is None
        await interaction.response.defer(ephemeral=ephemeral, thinking=True)
        week = await guild_week(self.services.configs, interaction.guild_id, year)
        now = now_utc()
        # "Now" is the phase every command uses (the server's calendar), whichever year is shown.
        phase = await guild_phase(self.services.configs, interaction.guild_id, now)
        embeds = timeline_embeds(week, now, phase=phase, sources=sources)
        await reply_messages(interaction, group_into_messages(embeds), ephemeral=ephemeral)
        log.info("timeline shown interaction=%s year=%d phase=%s", interaction.id, week.year, phase.id)

    # ----- /reminders ---------------------------------------------------------------------------

    reminders_group = app_commands.Group(
        name="reminders", description="Direct-message reminders before Match Week milestones."
    )

    @reminders_group.command(name="add", description="DM me before a Match Week milestone.")
    @app_commands.describe(
        milestone="Which milestone (e.g. MyERAS opens, offer round 1).",
        before="How long before it.",
        year="Match year (default: the coming or current Match Week).",
    )
    @app_commands.choices(before=[app_commands.Choice(name=label, value=minutes) for minutes, label in OFFSETS.items()])
    async def reminders_add(
        self,
        interaction: discord.Interaction,
        milestone: str,
        before: app_commands.Choice[int],
        year: app_commands.Range[int, YEAR_RANGE[0], YEAR_RANGE[1]] | None = None,
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        week = await guild_week(self.services.configs, interaction.guild_id, year)
        if milestone not in MILESTONE_IDS:
            raise UserError("Pick a milestone from the list (start typing, e.g. 'ERAS' or 'round').")
        try:
            reminder = await self.reminders.add(interaction.user.id, week, milestone, before.value)
        except ReminderError as exc:
            raise UserError(str(exc)) from None
        dm_ok = await confirm_dm(interaction.user, "Your SOAP Coach reminders will arrive here.")
        await interaction.edit_original_response(embed=reminder_set_embed(reminder, week, dm_ok))

    @reminders_add.autocomplete("milestone")
    async def milestone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        week = builtin_week(default_year())
        needle = current.lower().strip()
        choices = [
            app_commands.Choice(name=clip(m.label, limits.CHOICE_NAME), value=m.id)
            for m in week.milestones
            if not needle or needle in m.label.lower() or needle in m.id
        ]
        return choices[: limits.AUTOCOMPLETE_CHOICES]

    @reminders_group.command(name="list", description="Your reminders that are still waiting.")
    async def reminders_list(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        reminders = await self.reminders.for_user(interaction.user.id)
        await reply_messages(interaction, group_into_messages([reminders_embed(reminders)]))

    @reminders_group.command(name="cancel", description="Cancel a reminder.")
    @app_commands.describe(reminder="The reminder's number from /reminders list.")
    async def reminders_cancel(self, interaction: discord.Interaction, reminder: int) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        if not await self.reminders.cancel(interaction.user.id, reminder):
            raise UserError(f"You have no waiting reminder #{reminder}. See /reminders list.")
        await interaction.edit_original_response(content=f"Reminder #{reminder} cancelled.")

    # ----- delivery -----------------------------------------------------------------------------

    @tasks.loop(seconds=DELIVERY_INTERVAL_SECONDS)
    async def deliver_loop(self) -> None:
        try:
            await self.deliver_due()
        except Exception:  # noqa: BLE001 - the loop must keep running
            log.exception("reminder delivery round failed")

    @deliver_loop.before_loop
    async def _before_delivery(self) -> None:
        await self.bot.wait_until_ready()

    async def deliver_due(self, now: dt.datetime | None = None) -> int:
        """Send every reminder due by ``now``; returns how many were delivered."""
        delivered = 0
        for due in await self.reminders.claim_due(now):
            if await self._send(due, now):
                delivered += 1
        return delivered

    async def _send(self, due: DueReminder, now: dt.datetime | None) -> bool:
        reminder = due.reminder
        try:
            user = await self.bot.fetch_user(reminder.user_id)
            await user.send(embed=due_reminder_embed(due))
        except discord.Forbidden as exc:
            await self.reminders.mark_failed(reminder.id)
            log.info("reminder undeliverable reminder=%s dms_closed=%s", reminder.id, exc.code == DM_CLOSED)
            return False
        except discord.NotFound:
            await self.reminders.mark_failed(reminder.id)
            log.info("reminder undeliverable reminder=%s user not found", reminder.id)
            return False
        except discord.HTTPException as exc:
            retry = await self.reminders.release(reminder.id, now)
            log.warning("reminder delivery failed reminder=%s status=%s retry=%s", reminder.id, exc.status, retry)
            return False
        log.info("reminder sent reminder=%s late=%s", reminder.id, due.late)
        return True


async def setup(bot: SoapBot) -> None:
    await bot.add_cog(TimelineCog(bot))
