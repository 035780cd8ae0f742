"""Embeds that always fit Discord: measure any embed, then split or trim it, visibly.

Every embed the bot sends passes through here (``group_into_messages`` in embeds.py calls
:func:`fit_messages`). Nothing is cut silently: a shortened text ends with "…", an embed split
in two carries "(continued)" in its title or field names, and fields left out of a trimmed
embed are counted in a last field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord

from bot.core.base.text import clip
from bot.ui import limits
from bot.ui.split import split_text

CONTINUED = " (continued)"
#: What stands in for an empty field name or value (Discord refuses empty ones).
BLANK = "\u200b"


def embed_size(embed: discord.Embed) -> int:
    """The characters Discord counts towards a message's embed total."""
    return len(embed)


def embed_fits(embed: discord.Embed) -> bool:
    """Whether ``embed`` alone is within every per-embed limit and the per-message total."""
    if len(embed.title or "") > limits.EMBED_TITLE or len(embed.description or "") > limits.EMBED_DESCRIPTION:
        return False
    if len(embed.footer.text or "") > limits.EMBED_FOOTER or len(embed.author.name or "") > limits.EMBED_AUTHOR:
        return False
    if len(embed.fields) > limits.EMBED_FIELDS:
        return False
    for field in embed.fields:
        name, value = field.name or "", field.value or ""
        if not name or not value or len(name) > limits.EMBED_FIELD_NAME or len(value) > limits.EMBED_FIELD_VALUE:
            return False
    return embed_size(embed) <= limits.EMBEDS_TOTAL_PER_MESSAGE


def _blank_embed(like: discord.Embed, title: str | None) -> discord.Embed:
    return discord.Embed(title=title, colour=like.colour, url=like.url if title else None)


def _continued(title: str | None) -> str:
    return clip(title or "", limits.EMBED_TITLE - len(CONTINUED)) + CONTINUED if title else CONTINUED.strip()


def _fields(embed: discord.Embed) -> list[tuple[str, str, bool]]:
    """Each field within the name and value limits; a long value becomes several fields."""
    out: list[tuple[str, str, bool]] = []
    for field in embed.fields:
        name = clip(field.name or "", limits.EMBED_FIELD_NAME) or BLANK
        value = (field.value or "").strip() or BLANK
        pieces = split_text(value, limits.EMBED_FIELD_VALUE) if len(value) > limits.EMBED_FIELD_VALUE else [value]
        for i, piece in enumerate(pieces):
            label = name if i == 0 else clip(name, limits.EMBED_FIELD_NAME - len(CONTINUED)) + CONTINUED
            out.append((label, piece, bool(field.inline)))
    return out


def fit_embed(embed: discord.Embed) -> list[discord.Embed]:
    """``embed`` as one or more embeds, each within Discord's limits (the same object when it fits).

    A long description continues in the next embed, a long field value in a "(continued)"
    field, and fields that do not fit (25 per embed, 6,000 characters) move to a
    "(continued)" embed. The footer goes on the last piece; an over-long title, footer or
    author name is shortened with "…".
    """
    if embed_fits(embed):
        return [embed]
    title = clip(embed.title, limits.EMBED_TITLE) if embed.title else None
    footer = clip(embed.footer.text, limits.EMBED_FOOTER) if embed.footer.text else None
    author = clip(embed.author.name, limits.EMBED_AUTHOR) if embed.author.name else None
    reserve = len(footer or "") + len(author or "")  # kept free in every piece: any of them may be the last
    budget = limits.EMBEDS_TOTAL_PER_MESSAGE - reserve

    pieces: list[discord.Embed] = [_blank_embed(embed, title)]
    if author:
        pieces[0].set_author(name=author, url=embed.author.url, icon_url=embed.author.icon_url)
    if embed.thumbnail.url:
        pieces[0].set_thumbnail(url=embed.thumbnail.url)

    description = (embed.description or "").strip()
    room = min(limits.EMBED_DESCRIPTION, budget - len(_continued(title)))
    for i, part in enumerate(split_text(description, room) if description else []):
        if i > 0:
            pieces.append(_blank_embed(embed, _continued(title)))
        pieces[-1].description = part

    for name, value, inline in _fields(embed):
        last = pieces[-1]
        if len(last.fields) >= limits.EMBED_FIELDS or embed_size(last) + len(name) + len(value) > budget:
            last = _blank_embed(embed, _continued(title))
            pieces.append(last)
        last.add_field(name=name, value=value, inline=inline)

    if embed.image.url:
        pieces[-1].set_image(url=embed.image.url)
    if footer:
        pieces[-1].set_footer(text=footer, icon_url=embed.footer.icon_url)
    if embed.timestamp:
        pieces[-1].timestamp = embed.timestamp
    return pieces


def fit_messages(embeds: Sequence[discord.Embed]) -> list[list[discord.Embed]]:
    """Embeds fitted, then grouped into messages of at most 10 embeds and 6,000 characters."""
    messages: list[list[discord.Embed]] = []
    current: list[discord.Embed] = []
    size = 0
    for embed in (piece for e in embeds for piece in fit_embed(e)):
        n = embed_size(embed)
        if current and (size + n > limits.EMBEDS_TOTAL_PER_MESSAGE or len(current) >= limits.EMBEDS_PER_MESSAGE):
            messages.append(current)
            current, size = [], 0
        current.append(embed)
        size += n
    if current:
        messages.append(current)
    return messages


def trim_embed(embed: discord.Embed, *, more: str = "not shown here") -> discord.Embed:
    """``embed`` shortened to fit in one message on its own (for a message that must stay one
    embed, e.g. with a file or buttons beneath): long texts end with "…", and fields that do not
    fit are replaced by one field saying how many were left out ("3 more — ``more``")."""
    if embed_fits(embed):
        return embed
    title = clip(embed.title, limits.EMBED_TITLE) if embed.title else None
    out = _blank_embed(embed, title)
    if embed.author.name:
        out.set_author(name=clip(embed.author.name, limits.EMBED_AUTHOR), url=embed.author.url)
    for attr in ("thumbnail", "image"):
        url = getattr(embed, attr).url
        if url:
            getattr(out, f"set_{attr}")(url=url)
    footer = clip(embed.footer.text, limits.EMBED_FOOTER) if embed.footer.text else None
    if footer:
        out.set_footer(text=footer, icon_url=embed.footer.icon_url)
    out.timestamp = embed.timestamp
    note_room = 80  # the "N more" field
    budget = limits.EMBEDS_TOTAL_PER_MESSAGE - embed_size(out) - note_room
    description = (embed.description or "").strip()
    if description:
        out.description = clip(description, min(limits.EMBED_DESCRIPTION, max(200, budget // 2)))
        budget -= len(out.description)
    fields: list[Any] = [
        (clip(f.name or "", limits.EMBED_FIELD_NAME) or BLANK, clip(f.value or "", limits.EMBED_FIELD_VALUE) or BLANK)
        for f in embed.fields
    ]
    kept = 0
    for name, value in fields:
        if kept >= limits.EMBED_FIELDS - 1:
            break
        if len(name) + len(value) > budget:
            shorter = clip(value, budget - len(name)) if budget - len(name) >= 60 else None
            if shorter is None:
                break
            value = shorter
        out.add_field(name=name, value=value, inline=False)
        budget -= len(name) + len(value)
        kept += 1
    left = len(fields) - kept
    if left:
        out.add_field(name="…", value=clip(f"{left} more — {more}", note_room - 1), inline=False)
    return out
