"""/critique: check a drafted message against the outreach checklist, privately."""

from __future__ import annotations

import json
import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.base.text import clip
from bot.core.companion.calendar import current_phase
from bot.core.companion.contacts import applied_for, contacted_first_for, list_contacts
from bot.core.companion.profile import get_profile
from bot.core.critique import CHECK_LABELS, MAX_DRAFT_CHARS, CritiqueResult, critique
from bot.ui import limits
from bot.ui.critique import (
    FORM_PATTERN,
    KIND_LABELS,
    CritiqueModal,
    SuggestionButton,
    critique_messages,
    submitted_critique,
    suggestion_of,
    suggestion_view,
)
from bot.ui.embeds import care_embed, paused_embeds
from bot.ui.errors import UserError, defer
from bot.ui.forms import FormValues, send_form

if TYPE_CHECKING:
    from bot.client import SoapBot

log = logging.getLogger(__name__)

KIND_CHOICES = [app_commands.Choice(name=label, value=kind) for kind, label in KIND_LABELS.items()]
#: A .txt draft larger than this is not a draft.
MAX_ATTACHMENT_BYTES = 64 * 2**10


def report_summary(result: CritiqueResult) -> str:
    """What an advisor may see when the student shares: findings and advice, no words of the draft."""
    lines = [f"Draft check — {KIND_LABELS.get(result.kind, result.kind)}", result.summary, ""]
    flagged = [f for f in result.findings if f.flagged]
    lines += [f"- {CHECK_LABELS.get(f.check, f.check)} ({f.severity}): {f.advice}" for f in flagged]
    if not flagged:
        lines.append("- Nothing to fix.")
    return "\n".join(lines)


class CritiqueCog(commands.Cog):
    def __init__(self, bot: SoapBot) -> None:
        self.bot = bot
        self.services = bot.services

    async def cog_load(self) -> None:
        # The form is persistent: a draft submitted after a restart is still checked.
        self.bot.forms.add(FORM_PATTERN, self._form_submitted)
        self.bot.add_dynamic_items(SuggestionButton)

    async def _form_submitted(self, interaction: discord.Interaction, match: re.Match[str], values: FormValues) -> None:
        form = submitted_critique(match, values)
        await self.run(interaction, form.draft, form.kind, form.contacted_first, form.phase, form.applied)

    @app_commands.command(
        name="critique", description="Check a draft email or message to a program before you send it."
    )
    @app_commands.describe(
        kind="What kind of message it is.",
        contacted_first="Did the program contact you first?",
        applied="Did you apply to this program? (It matters when the program wrote first.)",
        phase="Check it as during SOAP or after SOAP (default: today's date).",
        file="A .txt file with a long draft (otherwise a form opens for you to paste it).",
        program="The program it's for; with /contacts, I'll know if it contacted you first (or you never applied).",
    )
    @app_commands.choices(
        kind=KIND_CHOICES,
        contacted_first=[
            app_commands.Choice(name="yes, the program contacted me first", value="yes"),
            app_commands.Choice(name="no, I'd be writing first", value="no"),
            app_commands.Choice(name="not sure", value="unknown"),
        ],
        applied=[
            app_commands.Choice(name="yes, I applied to this program", value="yes"),
            app_commands.Choice(name="no, I never applied to it", value="no"),
            app_commands.Choice(name="not sure", value="unknown"),
        ],
        phase=[
            app_commands.Choice(name="during SOAP", value="during-soap"),
            app_commands.Choice(name="after SOAP", value="after-soap"),
        ],
    )
    async def critique_command(
        self,
        interaction: discord.Interaction,
        kind: str | None = None,
        contacted_first: str = "unknown",
        applied: str = "unknown",
        phase: str | None = None,
        file: discord.Attachment | None = None,
        program: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        if program and contacted_first == "unknown":
            contacted_first = await contacted_first_for(self.services.store, interaction.user.id, program)
        if program and applied == "unknown":
            applied = await applied_for(self.services.store, interaction.user.id, program)
        if file is None:
            await send_form(interaction, CritiqueModal(kind, contacted_first, phase, applied))
            return
        await defer(interaction, ephemeral=True)
        name = file.filename.lower()
        if not name.endswith((".txt", ".md")):
            raise UserError("Please attach your draft as a .txt file (or leave the file out and paste it in the form).")
        if file.size > MAX_ATTACHMENT_BYTES:
            raise UserError(
                f"That file is {file.size >> 10} KB; a draft should be well under {MAX_DRAFT_CHARS:,} characters."
            )
        try:
            draft = (await file.read()).decode("utf-8")
        except UnicodeDecodeError:
            raise UserError("I couldn't read that file as text. Save it as UTF-8 plain text and try again.") from None
        await self.run(interaction, draft, kind or "coordinator-email", contacted_first, phase, applied)

    @critique_command.autocomplete("program")
    async def _programs(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        contacts = await list_contacts(self.services.store, interaction.user.id)
        names = sorted({c.program for c in contacts if current.lower() in c.program.lower()})
        return [
            app_commands.Choice(name=clip(n, limits.CHOICE_NAME), value=clip(n, limits.CHOICE_VALUE)) for n in names
        ][: limits.AUTOCOMPLETE_CHOICES]

    async def run(
        self,
        interaction: discord.Interaction,
        draft: str,
        kind: str,
        contacted_first: str,
        phase: str | None,
        applied: str = "unknown",
    ) -> None:
        if not interaction.response.is_done():
            await defer(interaction, ephemeral=True)
        user_id, guild_id = interaction.user.id, interaction.guild_id
        care = await self.services.screen.screen(draft)
        if care.crisis:
            # No checklist, report or count for this draft: the student comes first.
            await interaction.followup.send(embeds=paused_embeds(), ephemeral=True)
            log.info("critique paused for care interaction=%s", interaction.id)
            return
        config = await self.services.configs.get(guild_id)
        if phase is None:
            phase = current_phase(guild_overrides=config.calendar_overrides if config else None).critique_phase
        profile = await get_profile(self.services.store, user_id)
        llm, unavailable = await self.services.usage.llm_for(user_id, guild_id)
        result = await critique(
            draft, kind, contacted_first, phase, llm=llm, profile=profile, applied=applied
        )  # DraftError -> user
        if unavailable is not None and result.notice is None:
            result.notice = f"AI review unavailable ({unavailable.notice}); offline checklist only."
        await self.services.store.record_activity(
            user_id, guild_id, "critique", json.dumps(sorted({f.check for f in result.findings if f.flagged}))
        )
        suggestion, suggestion_kind = suggestion_of(result)
        report = await self.services.reports.save(
            user_id,
            guild_id,
            "critique",
            summary=report_summary(result),
            transcript=draft,
            suggestion=suggestion,
            suggestion_kind=suggestion_kind,
        )
        from bot.ui.share import share_view_for

        messages = critique_messages(result, phase)
        check_in = care_embed(care)
        if check_in is not None:
            await interaction.followup.send(embed=check_in, ephemeral=True)
        view = suggestion_view(report.id, report.suggestion_kind, extra=await share_view_for(self.bot, report))
        await interaction.followup.send(embeds=messages[0], view=view, ephemeral=True)
        for embeds in messages[1:]:
            await interaction.followup.send(embeds=embeds, ephemeral=True)
        log.info(
            "critique done interaction=%s kind=%s phase=%s mode=%s flagged=%d",
            interaction.id,
            kind,
            phase,
            result.mode,
            sum(f.flagged for f in result.findings),
        )


async def setup(bot: SoapBot) -> None:
    await bot.add_cog(CritiqueCog(bot))
