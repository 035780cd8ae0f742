"""Discord pieces of the mock interview: question messages, controls that survive restarts, the summary."""

from __future__ import annotations

import io
import logging
from typing import Any

import discord

from bot.core.base.text import clip
from bot.core.interview.sessions import InterviewSummary, Session, render_question
from bot.ui import limits
from bot.ui.embeds import COLOUR_ANSWER, COLOUR_OK, pack_fields
from bot.ui.fit import trim_embed

log = logging.getLogger(__name__)

ACTIONS = {"skip": "Skip question", "repeat": "Repeat question", "end": "End interview"}
SUMMARY_FILENAME = "soap-interview-summary.txt"


class InterviewButton(discord.ui.DynamicItem[discord.ui.Button], template=r"interview:(?P<action>skip|repeat|end)"):
    """Skip / Repeat / End. The custom id alone says what to do, so old buttons work after a restart."""

    def __init__(self, action: str) -> None:
        style = discord.ButtonStyle.danger if action == "end" else discord.ButtonStyle.secondary
        super().__init__(discord.ui.Button(label=ACTIONS[action], style=style, custom_id=f"interview:{action}"))
        self.action = action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: Any, /
    ) -> InterviewButton:
        return cls(match["action"])

    async def callback(self, interaction: discord.Interaction) -> None:
        cog = interaction.client.get_cog("InterviewCog")  # type: ignore[attr-defined]
        if cog is None:
            await interaction.response.send_message("Mock interviews are not available right now.", ephemeral=True)
            return
        await cog.handle_button(interaction, self.action)


def controls() -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action in ACTIONS:
        view.add_item(InterviewButton(action))
    return view


def question_embed(session: Session, prompt: str | None = None, follow_up: bool = False) -> discord.Embed:
    embed = discord.Embed(
        title=clip(render_question(session, prompt, follow_up), limits.EMBED_TITLE),
        colour=COLOUR_ANSWER,
        description="Reply with your answer as a message (typed, or a voice message), as you would say it.",
    )
    if len(embed.title or "") >= limits.EMBED_TITLE:  # a long follow-up: show it in full below
        embed.description = (
            f"**{clip(prompt or session.prompt, limits.EMBED_DESCRIPTION - 200)}**\n\n{embed.description}"
        )
    return embed


def intro_embed(session: Session) -> discord.Embed:
    specialty = (session.state.specialty or "any specialty").replace("-", " ")
    return discord.Embed(
        title="Mock SOAP interview",
        colour=COLOUR_ANSWER,
        description=(
            f"{session.total} questions, {specialty}. SOAP interviews are short calls, so aim for about "
            "45–90 seconds per answer. You'll get feedback after each answer, and a summary at the end.\n\n"
            "Your answers stay private in this DM. Use the buttons to skip, repeat or end at any time."
        ),
    )


def summary_embed(summary: InterviewSummary) -> discord.Embed:
    ended = {"finished": "Interview complete", "stopped": "Interview ended", "expired": "Interview closed"}
    embed = discord.Embed(
        title=ended.get(summary.status, "Interview summary"),
        colour=COLOUR_OK,
        description=f"You answered {summary.answered} of {summary.planned} questions (skipped {summary.skipped}).",
    )
    if summary.average_seconds is not None:
        embed.description += f" Average spoken length: about {round(summary.average_seconds)} s."  # type: ignore[operator]
    if summary.strengths:
        pack_fields(embed, "Strengths", [f"• {s}" for s in summary.strengths])
    if summary.practise:
        lines = [
            clip(
                f"{n}. **{p.name}** — {p.advice} (came up in: {'; '.join(p.examples)})",
                limits.EMBED_FIELD_VALUE,
            )
            for n, p in enumerate(summary.practise, 1)
        ]
        pack_fields(embed, "Top things to practise", lines)
    elif summary.answered:
        embed.add_field(
            name="Top things to practise", value="Nothing flagged — keep practising out loud.", inline=False
        )
    embed.set_footer(text="The attached file has every question and your answers. Only you can see this DM.")
    return trim_embed(embed, more="the attached file has all of it")


def summary_file(summary: InterviewSummary) -> discord.File:
    data = summary.report_text(include_answers=True).encode("utf-8")
    return discord.File(io.BytesIO(data), filename=SUMMARY_FILENAME)


DMS_CLOSED = (
    "I couldn't send you a direct message. To do mock interviews, allow DMs from this server: "
    "open the server name menu → **Privacy Settings** → turn on **Direct Messages**, then run "
    "/interview start again. (You can also start it from a DM with me.)"
)
