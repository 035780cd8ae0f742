"""'Share with my advisor': buttons under a student's report, and posting it to the report channel.

The buttons are persistent :class:`discord.ui.DynamicItem` s whose custom_id carries the report
id (``share:<id>:summary`` / ``share:<id>:full``), and for a report made in DMs the server the
student picks (``share:<id>:summary:<server id>``, one pair of buttons per server, each naming
it), so they keep working after a restart. Sharing needs the student to be a member of that
server when they click. The advisor cog registers them with ``bot.add_dynamic_items(ShareButton)``.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
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


def share_custom_id(report_id: str, mode: str, guild_id: int | None = None) -> str:
    return f"share:{report_id}:{mode}" + (f":{guild_id}" if guild_id is not None else "")


def server_label(mode: str, server: str) -> str:
    """'Share with my advisor in <server>' (shortened to fit a button, visibly)."""
    head = "Share with my advisor in " if mode == SUMMARY else "Share with transcript in "
    return head + clip(server, limits.BUTTON_LABEL - len(head))


class ShareButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"share:(?P<id>[0-9a-f]{8,64}):(?P<mode>summary|full)(?::(?P<guild>\d{1,20}))?",
):
    """One share button; the report is looked up (for the clicking student only) when pressed."""

    def __init__(self, report_id: str, mode: str, guild_id: int | None = None, label: str | None = None) -> None:
        style = discord.ButtonStyle.primary if mode == SUMMARY else discord.ButtonStyle.secondary
        super().__init__(
            discord.ui.Button(
                label=label or LABELS[mode],
                style=style,
                custom_id=share_custom_id(report_id, mode, guild_id),
                emoji="📤",
            )
        )
        self.report_id = report_id
        self.mode = mode
        self.guild_id = guild_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ShareButton:
        return cls(match["id"], match["mode"], int(match["guild"]) if match["guild"] else None)

    async def callback(self, interaction: discord.Interaction) -> None:
        services = interaction.client.services  # type: ignore[attr-defined]
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
            text = await share_report(
                services, interaction, self.report_id, with_transcript=self.mode == FULL, guild_id=self.guild_id
            )
        except Exception:  # the tree's handler never sees component callbacks
            log.exception("share failed report=%s interaction=%s", self.report_id, interaction.id)
            text = "Sorry, I couldn't share that report just now. Please try again in a moment."
        try:
            await interaction.followup.send(embed=notice_embed("Sharing", text, COLOUR_OK), ephemeral=True)
        except discord.HTTPException as exc:
            log.info("share reply not delivered interaction=%s status=%s", interaction.id, exc.status)


def share_view(services: Any, report: Report, servers: Sequence[tuple[int, str]] = ()) -> discord.ui.View:
    """Buttons to share ``report`` with the advisor; 'with transcript' only when there is one.

    A report made in DMs gets a pair of buttons per server in ``servers`` (id, name), each naming
    its server, so the student chooses where it goes. ``services`` is accepted for symmetry with
    the other views; the click looks everything up again.
    """
    view = discord.ui.View(timeout=None)
    if report.guild_id is not None or not servers:
        view.add_item(ShareButton(report.id, SUMMARY))
        if report.transcript:
            view.add_item(ShareButton(report.id, FULL))
        return view
    for guild_id, name in servers:
        view.add_item(ShareButton(report.id, SUMMARY, guild_id, server_label(SUMMARY, name)))
        if report.transcript:
            view.add_item(ShareButton(report.id, FULL, guild_id, server_label(FULL, name)))
    return view


async def share_view_for(client: Any, report: Report) -> discord.ui.View:
    """:func:`share_view` with, for a report made in DMs, the servers the student is still in."""
    servers: list[tuple[int, str]] = []
    if report.guild_id is None:
        membership = getattr(client, "membership", None)
        if membership is not None:
            servers = await membership.servers_of(report.user_id)
    return share_view(client.services, report, servers)


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
    services: Any,
    interaction: discord.Interaction,
    report_id: str,
    *,
    with_transcript: bool,
    guild_id: int | None = None,
) -> str:
    """Post the report to the advisor channel; returns what to tell the student.

    ``guild_id`` is the server the student chose (a report made in DMs); without it the report
    goes to the server it was made in, else to the one the student most recently used and is
    still in. The student must be a member of that server now (checked with Discord).
    """
    user = interaction.user
    report = await services.reports.get(report_id, user.id)
    if report is None:
        return "I can't find that report any more — it may have been deleted with your data."
    if report.shared_at is not None:
        return "You already shared this report with your advisor."
    membership = getattr(interaction.client, "membership", None)
    if guild_id is None and report.guild_id is None and membership is not None:
        guild_id = await membership.home_guild(user.id, fresh=True)
        if guild_id is None:
            return (
                "I don't know which server your advisor is in. Use any SOAP Coach command in your "
                "cohort's server once, then press the button again."
            )
    target = await services.reports.share_target(report, services.configs, guild_id)
    if target.guild_id is None:
        return (
            "I don't know which server your advisor is in yet. Use any SOAP Coach command in your "
            "cohort's server once, then press the button again."
        )
    if membership is not None and not await membership.is_member(target.guild_id, user.id, fresh=True):
        log.info("share refused report=%s guild=%s reason=not-a-member", report.id, target.guild_id)
        return "You're not a member of that server any more, so I can't share this report with its advisors."
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
    await services.reports.mark_shared(report.id, target.channel_id, message.id, target.guild_id)
    extra = " with the transcript" if with_transcript and report.transcript else " (summary only, no transcript)"
    guild = interaction.client.get_guild(target.guild_id)
    where = f" ({clip(guild.name, 100)})" if guild is not None else ""
    return f"Shared with your advisor in <#{target.channel_id}>{where}{extra}."
