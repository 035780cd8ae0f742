"""Embeds for answers, sized to Discord's limits (see limits.py)."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.core.base.text import clip, normalize
from bot.core.knowledge.answers import Answer, Citation
from bot.core.screen import CRISIS_REPLY, PAUSED_NOTE, ScreenResult
from bot.ui import limits
from bot.ui.fit import fit_messages
from bot.ui.split import split_text

COLOUR_ANSWER = discord.Colour.blurple()
COLOUR_WARNING = discord.Colour.gold()
COLOUR_ERROR = discord.Colour.red()
COLOUR_OK = discord.Colour.green()
COLOUR_CARE = discord.Colour.from_rgb(235, 120, 160)


def mode_footer(mode: str, soap_year: int | None = None) -> str:
    year = f" · facts for the {soap_year} Match — confirm dates on nrmp.org" if soap_year else ""
    if mode == "llm":
        return f"AI mode (answer written by an LLM from SOAP Coach guidance){year}"
    return f"Offline mode (quoted from SOAP Coach guidance){year}"


def citation_lines(citations: Sequence[Citation]) -> list[str]:
    return [clip(f"[{n}] {c.title} — {c.section}", limits.EMBED_FIELD_VALUE) for n, c in enumerate(citations, 1)]


def pack_fields(embed: discord.Embed, name: str, lines: Sequence[str]) -> None:
    """Add ``lines`` as one or more fields, each within the field value limit (a single line
    longer than that is split when the embed is fitted, see fit.py)."""
    value = ""
    first = True
    for line in lines:
        candidate = f"{value}\n{line}" if value else line
        if len(candidate) > limits.EMBED_FIELD_VALUE and value:
            embed.add_field(name=name if first else f"{name} (cont.)", value=value, inline=False)
            first, value = False, line
        else:
            value = candidate
    if value:
        embed.add_field(name=name if first else f"{name} (cont.)", value=value, inline=False)


def group_into_messages(embeds: Sequence[discord.Embed]) -> list[list[discord.Embed]]:
    """Embeds as messages of at most 10 embeds and 6,000 characters; an embed too big for one
    message is split first, visibly (see fit.py)."""
    return fit_messages(embeds)


def answer_messages(answer: Answer, question: str, soap_year: int | None = None) -> list[list[discord.Embed]]:
    """The answer as one or more messages of embeds (long answers split at paragraphs)."""
    colour = COLOUR_CARE if answer.kind == "crisis" else COLOUR_ANSWER
    # Leave room in each message for the title, sources and footer.
    visible = normalize(answer.text).strip()
    parts = split_text(answer.text, min(limits.EMBED_DESCRIPTION, 3_500)) if visible else [empty_answer_text(answer)]
    embeds: list[discord.Embed] = []
    if answer.care:
        embeds.append(discord.Embed(title="How are you doing?", description=answer.care, colour=COLOUR_CARE))
    for i, part in enumerate(parts):
        title = clip(question, limits.EMBED_TITLE) if i == 0 and answer.kind != "crisis" else None
        embeds.append(discord.Embed(title=title, description=part, colour=colour))
    last = embeds[-1]
    if answer.notice:
        last.add_field(name="Note", value=clip(answer.notice, limits.EMBED_FIELD_VALUE), inline=False)
    if answer.citations:
        pack_fields(last, "Sources", citation_lines(answer.citations))
    if answer.kind != "crisis":
        last.set_footer(text=clip(mode_footer(answer.mode, soap_year), limits.EMBED_FOOTER))
    return group_into_messages(embeds)


def empty_answer_text(answer: Answer) -> str:
    """What a student sees when the answer came back with no words in it."""
    if answer.citations:
        return (
            "The answer came back empty this time. These are the guidance sections that match your "
            "question; ask again for a written answer."
        )
    return "The answer came back empty this time. Please ask again, perhaps in other words."


def streaming_embed(question: str, partial: str) -> discord.Embed:
    """What the student sees while an LLM answer streams in."""
    room = limits.EMBED_DESCRIPTION - 2  # the cursor takes two characters
    text = partial if len(partial) <= room else partial[: room - 2] + " …"
    embed = discord.Embed(title=clip(question, limits.EMBED_TITLE), description=text + " ▌", colour=COLOUR_ANSWER)
    embed.set_footer(text="Writing…")
    return embed


def crisis_embed() -> discord.Embed:
    """Crisis resources, shown before anything else when a student's words suggest a crisis."""
    return discord.Embed(title="You matter more than this week", description=CRISIS_REPLY, colour=COLOUR_CARE)


def paused_embeds() -> list[discord.Embed]:
    """The crisis reply, then a note that what was written was not scored, saved or shared."""
    return [crisis_embed(), discord.Embed(description=PAUSED_NOTE, colour=COLOUR_CARE)]


def care_embed(care: ScreenResult) -> discord.Embed | None:
    """What the distress screen shows first: the crisis reply, or the check-in before the help."""
    if care.crisis:
        return crisis_embed()
    if care.reply is None:
        return None
    return discord.Embed(title="How are you doing?", description=care.reply, colour=COLOUR_CARE)


def notice_embed(title: str, description: str, colour: discord.Colour = COLOUR_WARNING) -> discord.Embed:
    return discord.Embed(
        title=clip(title, limits.EMBED_TITLE),
        description=clip(description, limits.EMBED_DESCRIPTION),
        colour=colour,
    )
