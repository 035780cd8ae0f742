"""/draft: a starting draft from the student's profile and contact record, with a button to check it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.base.text import clip
from bot.core.companion.calendar import guild_phase
from bot.core.companion.contacts import applied_for, list_contacts
from bot.core.companion.drafts import make_draft
from bot.core.critique import KINDS, DraftError
from bot.ui import limits
from bot.ui.companion import CheckDraftButton, ThankYouReminderButton, draft_message, draft_view
from bot.ui.critique import KIND_LABELS
from bot.ui.errors import UserError

if TYPE_CHECKING:
    from bot.client import SoapBot

log = logging.getLogger(__name__)

KIND_CHOICES = [app_commands.Choice(name=KIND_LABELS[k], value=k) for k in KINDS]


class DraftCog(commands.Cog):
    def __init__(self, bot: SoapBot) -> None:
        self.bot = bot
        self.services = bot.services

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(CheckDraftButton, ThankYouReminderButton)

    @app_commands.command(name="draft", description="A starting draft from your profile and contacts, ready to check.")
    @app_commands.describe(
        kind="What kind of message.",
        program="The program (from your contacts, or type it).",
        person="Who it is for, e.g. 'Dr. Ana Ibarra' (default: your contact there).",
    )
    @app_commands.choices(kind=KIND_CHOICES)
    async def draft(
        self,
        interaction: discord.Interaction,
        kind: app_commands.Choice[str],
        program: app_commands.Range[str, 1, 120],
        person: app_commands.Range[str, 1, 80] | None = None,
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        user_id = interaction.user.id
        phase = await guild_phase(self.services.configs, interaction.guild_id)
        llm, unavailable = await self.services.usage.llm_for(user_id, interaction.guild_id)
        try:
            result = await make_draft(
                self.services.store,
                user_id,
                kind.value,
                program,
                person,
                phase=phase,
                llm=llm,
                llm_unavailable=unavailable,
            )
        except DraftError as exc:
            raise UserError(str(exc)) from None
        embed, file = draft_message(result)
        attachments = [file] if file else discord.utils.MISSING
        applied = await applied_for(self.services.store, user_id, result.program)
        await interaction.edit_original_response(embed=embed, attachments=attachments, view=draft_view(result, applied))
        await self.services.store.record_activity(user_id, interaction.guild_id, "draft")

    @draft.autocomplete("program")
    async def program_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        needle = current.lower().strip()
        seen: list[str] = []
        for c in await list_contacts(self.services.store, interaction.user.id):
            if c.program not in seen and (not needle or needle in c.program.lower()):
                seen.append(c.program)
        return [
            app_commands.Choice(name=clip(p, limits.CHOICE_NAME), value=clip(p, limits.CHOICE_VALUE)) for p in seen
        ][: limits.AUTOCOMPLETE_CHOICES]

    @draft.autocomplete("person")
    async def person_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        needle = current.lower().strip()
        people: list[str] = []
        for c in await list_contacts(self.services.store, interaction.user.id):
            if c.person not in people and (not needle or needle in c.person.lower()):
                people.append(c.person)
        return [
            app_commands.Choice(name=clip(p, limits.CHOICE_NAME), value=clip(p, limits.CHOICE_VALUE)) for p in people
        ][: limits.AUTOCOMPLETE_CHOICES]


async def setup(bot: SoapBot) -> None:
    await bot.add_cog(DraftCog(bot))
