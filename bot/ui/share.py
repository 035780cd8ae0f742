"""'Share with my advisor': buttons under a student's report, and posting it to the report channel.

The buttons are persistent :class:`discord.ui.DynamicItem` s whose custom_id carries the report
id (``share:<id>:summary`` / ``share:<id>:full``), so they keep working after a restart. The
advisor cog registers them with ``bot.add_dynamic_items(ShareButton)``.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any

import discord

from bot.core.base.text import clip
from bot.core.community.reports import Report
from bot.ui import limits
from bot.ui.embeds import COLOUR_ANSWER, COLOUR_OK, group_into_messages, notice_embed
from bot.ui.split import split_text

log = logging.getLogger(__name__)

SUMMARY, FULL = "summary", "full"
LABELS = {SUMMARY: "Share with my advisor", FULL: "Share with transcript"}


def share_custom_id(report_id: str, mode: str) -> str:
    return f"share:{report_id}:{mode}"


class ShareButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"share:(?P<id>[0-9a-f]{8,64}):(?P<mode>summary|full)"
):
    """One share button; the report is looked up (for the clicking student only) when pressed."""

    def __init__(self, report_id: str, mode: str) -> None:
        style = discord.ButtonStyle.primary if mode == SUMMARY else discord.ButtonStyle.secondary
        super().__init__(
            discord.ui.Button(label=LABELS[mode], style=style, custom_id=share_custom_id(report_id, mode), emoji="📤")
        )
        self.report_id = report_id
        self.mode = mode

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ShareButton:
        return cls(match["id"], match["mode"])

    async def callback(self, interaction: discord.Interaction) -> None:
        services = interaction.client.services  # type: ignore[attr-defined]
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
            text = await share_report(services, interaction, self.report_id, with_transcript=self.mode == FULL)
        except Exception:  # the tree's handler never sees component callbacks
            log.exception("share failed report=%s interaction=%s", self.report_id, interaction.id)
            text = "Sorry, I couldn't share that report just now. Please try again in a moment."
        try:
            await interaction.followup.send(embed=notice_embed("Sharing", text, COLOUR_OK), ephemeral=True)
        except discord.HTTPException as exc:
            log.info("share reply not delivered interaction=%s status=%s", interaction.id, exc.status)


def share_view(services: Any, report: Report) -> discord.ui.View:
    """Buttons to share ``report`` with the advisor; 'with transcript' only when there is one.

    ``services`` is accepted for symmetry with the other views; the click looks everything up again.
    """
    view = discord.ui.View(timeout=None)
    view.add_item(ShareButton(report.id, SUMMARY))
    if report.transcript:
        view.add_item(ShareButton(report.id, FULL))
    return view


def report_message(
    report: Report, student_name: str, with_transcript: bool
) -> tuple[list[discord.Embed], discord.File | None]:
    """The report as ONE message for the advisor channel: summary, then (only if chosen) the transcript.

    One message, so deleting the student's data can take the whole share down. When the text does
    not fit in one message's embeds, the embeds show the start and the full text is attached.
    """
    transcript = report.transcript if with_transcript else None
    embeds: list[discord.Embed] = []
    for i, part in enumerate(split_text(report.summary, 3_500) or ["(no summary)"]):
        title = clip(f"{report.label} report — {student_name}", limits.EMBED_TITLE) if i == 0 else None
        embeds.append(discord.Embed(title=title, description=part, colour=COLOUR_ANSWER))
    for i, part in enumerate(split_text(transcript or "", 3_500)):
        title = "Transcript (shared by the student)" if i == 0 else None
        embeds.append(discord.Embed(title=title, description=part, colour=discord.Colour.light_grey()))
    included = "summary and transcript" if transcript else "summary only"
    footer = f"Shared by the student from SOAP Coach · {included}"
    embeds[-1].set_footer(text=footer)
    fits = group_into_messages(embeds)
    if len(fits) == 1:
        return embeds, None
    text = f"{report.label} report — {student_name}\n\n{report.summary}"
    if transcript:
        text += f"\n\n--- Transcript (shared by the student) ---\n\n{transcript}"
    first = embeds[0]
    first.description = clip(first.description or "", limits.EMBED_DESCRIPTION - 200) + "\n\n(Full report attached.)"
    first.set_footer(text=footer)
    file = discord.File(io.BytesIO(text.encode("utf-8")), filename=f"{report.kind}-report.txt")
    return [first], file


async def share_report(
    services: Any, interaction: discord.Interaction, report_id: str, *, with_transcript: bool
) -> str:
    """Post the report to the advisor channel; returns what to tell the student."""
    user = interaction.user
    report = await services.reports.get(report_id, user.id)
    if report is None:
        return "I can't find that report any more — it may have been deleted with your data."
    if report.shared_at is not None:
        return "You already shared this report with your advisor."
    target = await services.reports.share_target(report, services.configs)
    if target.guild_id is None:
        return (
            "I don't know which server your advisor is in yet. Use any SOAP Coach command in your "
            "cohort's server once, then press the button again."
        )
    if target.channel_id is None:
        return (
            "Your advisor hasn't set up a channel for shared reports yet, so nothing was shared. "
            "You could let them know (`/advisor setup` sets it), or try again later."
        )
    if not await services.reports.claim(report.id, user.id):
        return "You already shared this report with your advisor."
    channel = interaction.client.get_partial_messageable(target.channel_id, guild_id=target.guild_id)
    content = clip(f"<@{user.id}> shared a {report.label.lower()} report.", limits.MESSAGE_CONTENT)
    embeds, file = report_message(report, user.display_name, with_transcript)
    try:
        message = await channel.send(
            content=content,
            embeds=embeds,
            file=file or discord.utils.MISSING,
            allowed_mentions=discord.AllowedMentions.none(),
        )
    except discord.HTTPException as exc:
        log.warning("report post failed report=%s channel=%s status=%s", report.id, target.channel_id, exc.status)
        await services.reports.release(report.id)
        return (
            "I couldn't post in your advisor's report channel (I may not have access to it). "
            "Nothing was shared; please let your advisor know."
        )
    await services.reports.mark_shared(report.id, target.channel_id, message.id)
    extra = " with the transcript" if with_transcript and report.transcript else " (summary only, no transcript)"
    return f"Shared with your advisor in <#{target.channel_id}>{extra}."
