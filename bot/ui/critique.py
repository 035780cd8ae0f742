"""Discord pieces of the draft critique: the modal, the result embed, the suggestion button."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.core.base.text import clip
from bot.core.critique import CHECK_LABELS, KINDS, CritiqueResult, Finding
from bot.ui import limits
from bot.ui.embeds import COLOUR_ERROR, COLOUR_OK, COLOUR_WARNING, group_into_messages, mode_footer, pack_fields
from bot.ui.errors import SafeModal, SafeView
from bot.ui.split import split_text

log = logging.getLogger(__name__)

KIND_LABELS = {
    "coordinator-email": "Email to a program coordinator",
    "program-director-email": "Email to a program director",
    "resident-message": "Message to a resident",
    "thank-you": "Thank-you note",
    "follow-up": "Follow-up message",
}
CONTACT_LABELS = {
    "yes": "Yes — the program contacted me first",
    "no": "No — I'd be writing first",
    "unknown": "Not sure",
}
SEVERITY_GROUPS = (
    ("error", "Fix before sending"),
    ("warning", "Worth fixing"),
    ("info", "Notes"),
)

SubmitHandler = Callable[[discord.Interaction, str, str, str], Awaitable[None]]


class CritiqueModal(SafeModal, title="Check my draft"):
    """Kind, whether the program contacted you first, and the draft (up to Discord's limit)."""

    def __init__(self, on_submit: SubmitHandler, kind: str | None, contacted_first: str) -> None:
        super().__init__(timeout=30 * 60)
        self._on_submit = on_submit
        self.kind = discord.ui.Select(
            options=[
                discord.SelectOption(label=KIND_LABELS[k], value=k, default=k == (kind or "coordinator-email"))
                for k in KINDS
            ],
        )
        self.contacted = discord.ui.Select(
            options=[
                discord.SelectOption(label=label, value=value, default=value == contacted_first)
                for value, label in CONTACT_LABELS.items()
            ],
        )
        self.draft = discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            max_length=limits.MODAL_TEXT_INPUT,
            placeholder="Paste your draft here (subject line first, if it's an email).",
        )
        self.add_item(discord.ui.Label(text="What kind of message is it?", component=self.kind))
        self.add_item(discord.ui.Label(text="Did the program contact you first?", component=self.contacted))
        self.add_item(
            discord.ui.Label(
                text="Your draft",
                description="For longer drafts, use /critique with a .txt file instead.",
                component=self.draft,
            )
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        kind = self.kind.values[0] if self.kind.values else "coordinator-email"
        contacted = self.contacted.values[0] if self.contacted.values else "unknown"
        await self._on_submit(interaction, kind, contacted, self.draft.value)


def _finding_line(finding: Finding) -> str:
    name = CHECK_LABELS.get(finding.check, finding.check)
    line = f"**{name}** — {finding.advice}"
    if finding.evidence:
        line += f"\n> “{clip(finding.evidence, 200)}”"
    return clip(line, limits.EMBED_FIELD_VALUE)


def critique_messages(result: CritiqueResult, phase: str) -> list[list[discord.Embed]]:
    """The checklist as embeds, grouped by severity, within Discord's limits."""
    flagged = [f for f in result.findings if f.flagged]
    colour = COLOUR_ERROR if any(f.severity == "error" for f in flagged) else COLOUR_WARNING if flagged else COLOUR_OK
    embed = discord.Embed(
        title=clip(f"Draft check: {KIND_LABELS.get(result.kind, result.kind)}", limits.EMBED_TITLE),
        description=clip(result.summary, limits.EMBED_DESCRIPTION),
        colour=colour,
    )
    for severity, name in SEVERITY_GROUPS:
        lines = [_finding_line(f) for f in result.findings if f.severity == severity]
        if lines:
            pack_fields(embed, name, lines)
    if result.looks_good:
        passed = ", ".join(CHECK_LABELS.get(c, c) for c in result.looks_good)
        embed.add_field(name="Looks good", value=clip(passed, limits.EMBED_FIELD_VALUE), inline=False)
    if result.notice:
        embed.add_field(name="Note", value=clip(result.notice, limits.EMBED_FIELD_VALUE), inline=False)
    when = "during SOAP" if phase == "during-soap" else "after SOAP"
    embed.set_footer(text=clip(f"{mode_footer(result.mode)} · checked as {when}", limits.EMBED_FOOTER))
    embeds = [embed]
    # Many findings can overflow one embed's 25 fields or 6,000 characters: move the rest on.
    while len(embeds[-1]) > limits.EMBEDS_TOTAL_PER_MESSAGE or len(embeds[-1].fields) > limits.EMBED_FIELDS:
        last = embeds[-1]
        extra = discord.Embed(colour=colour)
        while last.fields and (len(last) > limits.EMBEDS_TOTAL_PER_MESSAGE or len(last.fields) > limits.EMBED_FIELDS):
            field = last.fields[-1]
            last.remove_field(len(last.fields) - 1)
            extra.insert_field_at(0, name=field.name, value=field.value, inline=False)
        embeds.append(extra)
    return group_into_messages(embeds)


def suggestion_label(result: CritiqueResult) -> str | None:
    if result.rewrite:
        return "Show suggested rewrite"
    if result.template:
        return "Show a template"
    return None


def suggestion_chunks(result: CritiqueResult) -> list[str]:
    """The rewrite (or template) as code blocks that fit a message each."""
    text = result.rewrite or result.template or ""
    heading = (
        "**Suggested rewrite** (check every fact, fill in anything in [brackets]):"
        if result.rewrite
        else "**A template for this kind of message** (replace everything in [brackets]):"
    )
    pieces = split_text(text, limits.MESSAGE_CONTENT - len(heading) - 20)
    return [f"{heading if i == 0 else ''}\n```\n{piece}\n```".strip() for i, piece in enumerate(pieces)]


class SuggestionView(SafeView):
    """'Show suggested rewrite' (LLM mode) or 'Show a template' (offline), plus any extra items."""

    def __init__(self, result: CritiqueResult, extra: discord.ui.View | None = None) -> None:
        super().__init__(timeout=30 * 60)
        self.result = result
        label = suggestion_label(result)
        if label:
            button: discord.ui.Button[Any] = discord.ui.Button(label=label, style=discord.ButtonStyle.primary)
            button.callback = self.show  # type: ignore[method-assign]
            self.add_item(button)
        for item in extra.children if extra else []:
            self.add_item(item)

    async def show(self, interaction: discord.Interaction) -> None:
        chunks = suggestion_chunks(self.result)
        await interaction.response.send_message(chunks[0], ephemeral=True)
        for chunk in chunks[1:]:
            await interaction.followup.send(chunk, ephemeral=True)
