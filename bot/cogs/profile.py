"""/profile: the private details drafts are filled from (name, school, degree, AAMC ID, ...)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.companion.profile import ProfileError, clear_profile, get_profile, update_profile
from bot.ui.companion import profile_embed
from bot.ui.embeds import care_embed
from bot.ui.errors import UserError

if TYPE_CHECKING:
    from bot.client import SoapBot

log = logging.getLogger(__name__)


class ProfileCog(commands.Cog):
    def __init__(self, bot: SoapBot) -> None:
        self.bot = bot
        self.services = bot.services

    group = app_commands.Group(name="profile", description="Your details for drafts (only you can see them).")

    @group.command(name="set", description="Save details for your drafts; leave an option out to keep it.")
    @app_commands.describe(
        name="Your full name as programs know it.",
        school="Your medical school.",
        degree="MD, DO, MBBS, ... (or e.g. 'fourth-year medical student').",
        graduation_year="Year you graduate(d), e.g. 2026.",
        aamc_id="Your 8-digit AAMC ID.",
        specialties="Specialties you are applying in, e.g. 'Family Medicine, Internal Medicine'.",
        contact_line="How programs reach you, e.g. 'jane@example.org | 555-123-4567'.",
    )
    async def set_(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, 80] | None = None,
        school: app_commands.Range[str, 1, 120] | None = None,
        degree: app_commands.Range[str, 1, 60] | None = None,
        graduation_year: app_commands.Range[int, 1950, 2100] | None = None,
        aamc_id: app_commands.Range[str, 1, 12] | None = None,
        specialties: app_commands.Range[str, 1, 150] | None = None,
        contact_line: app_commands.Range[str, 1, 160] | None = None,
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            profile = await update_profile(
                self.services.store,
                interaction.user.id,
                name=name,
                school=school,
                degree=degree,
                graduation_year=str(graduation_year) if graduation_year is not None else None,
                aamc_id=aamc_id,
                specialties=specialties,
                contact_line=contact_line,
            )
        except ProfileError as exc:
            raise UserError(str(exc)) from None
        written = " ".join(v for v in (name, school, degree, specialties, contact_line) if v)
        care = care_embed(await self.services.screen.screen(written)) if written else None
        embeds = [e for e in (care, profile_embed(profile, "Profile saved")) if e is not None]
        await interaction.edit_original_response(embeds=embeds)

    @group.command(name="show", description="See your saved details.")
    async def show(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        profile = await get_profile(self.services.store, interaction.user.id)
        await interaction.edit_original_response(embed=profile_embed(profile))

    @group.command(name="clear", description="Delete your saved details.")
    async def clear(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        removed = await clear_profile(self.services.store, interaction.user.id)
        text = "Your profile is deleted." if removed else "You had no saved profile."
        await interaction.edit_original_response(content=text)


async def setup(bot: SoapBot) -> None:
    await bot.add_cog(ProfileCog(bot))
