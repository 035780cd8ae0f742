"""/contacts: the private relationship tracker (add, list, update, remove) with next-step suggestions."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.base.text import clip
from bot.core.companion.calendar import guild_phase
from bot.core.companion.contacts import (
    ORIGINS,
    ROLES,
    ContactError,
    Expect,
    WhenUnclear,
    add_contact,
    get_contact,
    list_contacts,
    next_steps,
    parse_when,
    record_sent,
    remove_contact,
    suggest,
    update_contact,
)
from bot.ui import limits
from bot.ui.companion import contact_saved_embed, contacts_messages, thank_you_view
from bot.ui.embeds import care_embed
from bot.ui.errors import UserError

if TYPE_CHECKING:
    from bot.client import SoapBot

log = logging.getLogger(__name__)

ROLE_CHOICES = [app_commands.Choice(name=label, value=key) for key, label in ROLES.items()]
ORIGIN_CHOICES = [app_commands.Choice(name=label, value=key) for key, label in ORIGINS.items()]
SENT_CHOICES = [
    app_commands.Choice(name="a thank-you", value="thank-you"),
    app_commands.Choice(name="a follow-up", value="follow-up"),
    app_commands.Choice(name="another message (a reply)", value="message"),
]
WHEN_HELP = "ET, e.g. 'today 2pm', 'tue 9:30', '2026-03-17 14:30'"


def _when(text: str | None, field: str, expect: Expect) -> dt.datetime | None:
    """A typed time, read as the terminal reads it: ``expect="future"`` for an interview (a weekday
    is the coming one), ``"past"`` for a message sent or received (the latest one). A time today
    on the wrong side of now may be a slip: nothing is saved, and the student is asked which they
    meant (with how to write it to mean it anyway)."""
    try:
        return parse_when(text, expect=expect)
    except WhenUnclear as exc:
        raise UserError(f"{field}: did you mean another day? {exc} Nothing was saved.") from None
    except ContactError as exc:
        raise UserError(f"{field}: {exc}") from None


class ContactsCog(commands.Cog):
    def __init__(self, bot: SoapBot) -> None:
        self.bot = bot
        self.services = bot.services

    group = app_commands.Group(name="contacts", description="Your private tracker of people at programs.")

    async def _reply(
        self, interaction: discord.Interaction, embed: discord.Embed, view: Any = None, notes: str | None = None
    ) -> None:
        """The saved contact, after the distress screen's reply when the notes call for one."""
        care = care_embed(await self.services.screen.screen(notes)) if notes else None
        await interaction.edit_original_response(embeds=[e for e in (care, embed) if e is not None], view=view)

    @group.command(name="add", description="Record someone at a program (only you can see it).")
    @app_commands.describe(
        program="The program, e.g. 'Cedar Ridge Family Medicine'.",
        person="Their name, e.g. 'Dr. Ana Ibarra'.",
        role="Their role.",
        origin="How the contact started.",
        interview=f"Interview date and time ({WHEN_HELP})",
        last_received=f"When they last wrote to you ({WHEN_HELP})",
        last_sent=f"When you last wrote to them ({WHEN_HELP})",
        notes="Anything to remember (private).",
    )
    @app_commands.choices(role=ROLE_CHOICES, origin=ORIGIN_CHOICES)
    async def add(
        self,
        interaction: discord.Interaction,
        program: app_commands.Range[str, 1, 120],
        person: app_commands.Range[str, 1, 80],
        role: app_commands.Choice[str],
        origin: app_commands.Choice[str],
        interview: app_commands.Range[str, 1, 40] | None = None,
        last_received: app_commands.Range[str, 1, 40] | None = None,
        last_sent: app_commands.Range[str, 1, 40] | None = None,
        notes: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            contact = await add_contact(
                self.services.store,
                interaction.user.id,
                program=program,
                person=person,
                role=role.value,
                origin=origin.value,
                interview_at=_when(interview, "Interview", "future"),
                last_received_at=_when(last_received, "Last received", "past"),
                last_sent_at=_when(last_sent, "Last sent", "past"),
                notes=notes or "",
            )
        except ContactError as exc:
            raise UserError(str(exc)) from None
        phase = await guild_phase(self.services.configs, interaction.guild_id)
        embed = contact_saved_embed(contact, suggest(contact, phase))
        await self._reply(interaction, embed, thank_you_view(contact), notes)
        await self.services.store.record_activity(interaction.user.id, interaction.guild_id, "contacts")

    @group.command(name="list", description="Your contacts and the next step for each.")
    async def list_(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        contacts = await list_contacts(self.services.store, interaction.user.id)
        phase = await guild_phase(self.services.configs, interaction.guild_id)
        messages = contacts_messages(next_steps(contacts, phase), phase)
        await interaction.edit_original_response(embeds=messages[0])
        for embeds in messages[1:]:
            await interaction.followup.send(embeds=embeds, ephemeral=True)

    @group.command(name="update", description="Change a contact, or record a message or interview.")
    @app_commands.describe(
        contact="Which contact.",
        sent="Record that you just sent them something.",
        interview=f"Interview date and time ({WHEN_HELP})",
        last_received=f"When they last wrote to you ({WHEN_HELP})",
        last_sent=f"When you last wrote to them ({WHEN_HELP})",
        program="New program name.",
        person="New name.",
        role="New role.",
        origin="How the contact started.",
        notes="Replace your notes.",
    )
    @app_commands.choices(sent=SENT_CHOICES, role=ROLE_CHOICES, origin=ORIGIN_CHOICES)
    async def update(
        self,
        interaction: discord.Interaction,
        contact: int,
        sent: app_commands.Choice[str] | None = None,
        interview: app_commands.Range[str, 1, 40] | None = None,
        last_received: app_commands.Range[str, 1, 40] | None = None,
        last_sent: app_commands.Range[str, 1, 40] | None = None,
        program: app_commands.Range[str, 1, 120] | None = None,
        person: app_commands.Range[str, 1, 80] | None = None,
        role: app_commands.Choice[str] | None = None,
        origin: app_commands.Choice[str] | None = None,
        notes: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        store, user_id = self.services.store, interaction.user.id
        try:
            record = await update_contact(
                store,
                user_id,
                contact,
                interview_at=_when(interview, "Interview", "future"),
                last_received_at=_when(last_received, "Last received", "past"),
                last_sent_at=_when(last_sent, "Last sent", "past"),
                program=program,
                person=person,
                role=role.value if role else None,
                origin=origin.value if origin else None,
                notes=notes,
            )
            if sent is not None:
                record = await record_sent(store, user_id, contact, sent.value)
        except ContactError as exc:
            raise UserError(str(exc)) from None
        phase = await guild_phase(self.services.configs, interaction.guild_id)
        embed = contact_saved_embed(record, suggest(record, phase), "Updated")
        await self._reply(interaction, embed, thank_you_view(record), notes)

    @group.command(name="remove", description="Delete a contact.")
    @app_commands.describe(contact="Which contact.")
    async def remove(self, interaction: discord.Interaction, contact: int) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            record = await get_contact(self.services.store, interaction.user.id, contact)
        except ContactError as exc:
            raise UserError(str(exc)) from None
        await remove_contact(self.services.store, interaction.user.id, contact)
        await interaction.edit_original_response(
            content=clip(f"Removed #{record.id} {record.title}.", limits.MESSAGE_CONTENT)
        )

    @update.autocomplete("contact")
    @remove.autocomplete("contact")
    async def contact_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        needle = current.lower().strip().lstrip("#")
        choices = []
        for c in await list_contacts(self.services.store, interaction.user.id):
            label = f"#{c.id} {c.person} — {c.program}"
            if not needle or needle in label.lower():
                choices.append(app_commands.Choice(name=clip(label, limits.CHOICE_NAME), value=c.id))
        return choices[: limits.AUTOCOMPLETE_CHOICES]


async def setup(bot: SoapBot) -> None:
    await bot.add_cog(ContactsCog(bot))
