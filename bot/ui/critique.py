"""Discord pieces of the draft critique: the modal, the result embed, the suggestion button."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import discord

from bot.core.base.text import clip
from bot.core.critique import CHECK_LABELS, KINDS, CritiqueResult, Finding
from bot.ui import limits
from bot.ui.embeds import COLOUR_ERROR, COLOUR_OK, COLOUR_WARNING, group_into_messages, mode_footer, pack_fields
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
APPLIED_LABELS = {
    "yes": "Yes — I applied to this program",
    "no": "No — I never applied to it",
    "unknown": "Not sure",
}
#: How the footer names each critique phase ("checked as ...").
PHASE_WORDS = {
    "before-soap": "before Match Week",
    "during-soap": "during SOAP",
    "after-soap": "after SOAP",
}
#: Why the form asks (a label's description holds at most 100 characters).
APPLIED_HINT = "Matters if the program wrote first: in SOAP only programs you applied to may contact you."
SEVERITY_GROUPS = (
    ("error", "Fix before sending"),
    ("warning", "Worth fixing"),
    ("info", "Notes"),
)

#: The critique form's custom id carries the phase chosen in the command ("auto": from today's
#: date) and the command's answer to "did you apply?" (the form's own answer wins; forms opened
#: before the answer was asked have no such part).
FORM_ID = "critique:form:{phase}:{applied}"
FORM_PATTERN = r"critique:form:(?P<phase>during-soap|after-soap|auto)(?::(?P<applied>yes|no|unknown))?"
KIND_FIELD, CONTACTED_FIELD, DRAFT_FIELD = "critique:kind", "critique:contacted", "critique:draft"
APPLIED_FIELD = "critique:applied"


@dataclass(frozen=True)
class SubmittedCritique:
    """What a submitted critique form asks for."""

    draft: str
    kind: str
    contacted_first: str
    phase: str | None  # None: from today's date
    applied: str


class CritiqueModal(discord.ui.Modal, title="Check my draft"):
    """Kind, whether the program contacted you first, whether you applied to it, and the draft
    (up to Discord's limit).

    Persistent: everything needed is in the custom ids, and the submit is handled by the
    critique cog's form handler (see forms.py), also after a restart.
    """

    def __init__(self, kind: str | None, contacted_first: str, phase: str | None, applied: str = "unknown") -> None:
        applied = applied if applied in APPLIED_LABELS else "unknown"
        super().__init__(timeout=None, custom_id=FORM_ID.format(phase=phase or "auto", applied=applied))
        self.kind: discord.ui.Select[Any] = discord.ui.Select(
            custom_id=KIND_FIELD,
            options=[
                discord.SelectOption(label=KIND_LABELS[k], value=k, default=k == (kind or "coordinator-email"))
                for k in KINDS
            ],
        )
        self.contacted: discord.ui.Select[Any] = discord.ui.Select(
            custom_id=CONTACTED_FIELD,
            options=[
                discord.SelectOption(label=label, value=value, default=value == contacted_first)
                for value, label in CONTACT_LABELS.items()
            ],
        )
        self.applied: discord.ui.Select[Any] = discord.ui.Select(
            custom_id=APPLIED_FIELD,
            options=[
                discord.SelectOption(label=label, value=value, default=value == applied)
                for value, label in APPLIED_LABELS.items()
            ],
        )
        self.draft: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id=DRAFT_FIELD,
            style=discord.TextStyle.paragraph,
            max_length=limits.MODAL_TEXT_INPUT,
            placeholder="Paste your draft here (subject line first, if it's an email).",
        )
        self.add_item(discord.ui.Label(text="What kind of message is it?", component=self.kind))
        self.add_item(discord.ui.Label(text="Did the program contact you first?", component=self.contacted))
        self.add_item(
            discord.ui.Label(
                text="Did you apply to this program?",
                description=clip(APPLIED_HINT, limits.LABEL_DESCRIPTION),
                component=self.applied,
            )
        )
        self.add_item(
            discord.ui.Label(
                text="Your draft",
                description="For longer drafts, use /critique with a .txt file instead.",
                component=self.draft,
            )
        )


def submitted_critique(match: re.Match[str], values: dict[str, Any]) -> SubmittedCritique:
    """The draft, kind, contacted-first and applied answers and phase of a submitted critique form."""

    def first(key: str, allowed: Any, default: str) -> str:
        picked = values.get(key) or []
        value = picked[0] if isinstance(picked, list) and picked else default
        return value if value in allowed else default

    kind = first(KIND_FIELD, KINDS, "coordinator-email")
    contacted = first(CONTACTED_FIELD, CONTACT_LABELS, "unknown")
    applied = first(APPLIED_FIELD, APPLIED_LABELS, match["applied"] or "unknown")
    phase = None if match["phase"] == "auto" else match["phase"]
    return SubmittedCritique(str(values.get(DRAFT_FIELD) or ""), kind, contacted, phase, applied)


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
    when = PHASE_WORDS.get(phase, phase.replace("-", " "))
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


def suggestion_of(result: CritiqueResult) -> tuple[str | None, str | None]:
    """(text, kind) of what the checklist offers: the rewrite (AI mode) or a template."""
    if result.rewrite:
        return result.rewrite, "rewrite"
    if result.template:
        return result.template, "template"
    return None, None


def suggestion_chunks(text: str, kind: str) -> list[str]:
    """The rewrite (or template) as code blocks that fit a message each."""
    heading = (
        "**Suggested rewrite** (check every fact, fill in anything in [brackets]):"
        if kind == "rewrite"
        else "**A template for this kind of message** (replace everything in [brackets]):"
    )
    pieces = split_text(text, limits.MESSAGE_CONTENT - len(heading) - 20)
    return [f"{heading if i == 0 else ''}\n```\n{piece}\n```".strip() for i, piece in enumerate(pieces)]


class SuggestionButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"critique:suggest:(?P<id>[0-9a-f]{32}):(?P<kind>rewrite|template)",
):
    """'Show suggested rewrite' / 'Show a template': the text is kept with the student's report, so
    the button works after a restart (and stops working, politely, once their data is deleted)."""

    def __init__(self, report_id: str, kind: str) -> None:
        label = "Show suggested rewrite" if kind == "rewrite" else "Show a template"
        super().__init__(
            discord.ui.Button(
                label=label, style=discord.ButtonStyle.primary, custom_id=f"critique:suggest:{report_id}:{kind}"
            )
        )
        self.report_id, self.kind = report_id, kind

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> SuggestionButton:
        return cls(match["id"], match["kind"])

    async def callback(self, interaction: discord.Interaction) -> None:
        services = interaction.client.services  # type: ignore[attr-defined]
        try:
            report = await services.reports.get(self.report_id, interaction.user.id)
        except Exception:  # noqa: BLE001 - the tree's handler never sees component callbacks
            log.exception("suggestion lookup failed interaction=%s", interaction.id)
            report = None
        if report is None or not report.suggestion:
            await interaction.response.send_message(
                "That suggestion is no longer kept (it is removed with your data after 90 days, or when you "
                "delete your data). Run /critique again for a new one.",
                ephemeral=True,
            )
            return
        chunks = suggestion_chunks(report.suggestion, report.suggestion_kind or self.kind)
        await interaction.response.send_message(chunks[0], ephemeral=True)
        for chunk in chunks[1:]:
            await interaction.followup.send(chunk, ephemeral=True)


def suggestion_view(report_id: str, kind: str | None, extra: discord.ui.View | None = None) -> discord.ui.View:
    """The suggestion button (when there is a suggestion) and any extra items (the share buttons)."""
    view = discord.ui.View(timeout=None)
    if kind:
        view.add_item(SuggestionButton(report_id, kind))
    for item in extra.children if extra else []:
        view.add_item(item)
    return view
