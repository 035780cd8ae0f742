"""Split long text for Discord: at paragraph, then line, then sentence, then word boundaries."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _pieces(text: str, limit: int, separators: tuple[str, ...]) -> list[str]:
    if len(text) <= limit:
        return [text]
    if not separators:
        # No boundary left: cut at the limit (a single word longer than a message).
        return [text[i : i + limit] for i in range(0, len(text), limit)]
    separator, rest = separators[0], separators[1:]
    parts = _SENTENCE_END.split(text) if separator == "<sentence>" else text.split(separator)
    joiner = " " if separator == "<sentence>" else separator
    chunks: list[str] = []
    current = ""
    for part in parts:
        for piece in _pieces(part, limit, rest):
            candidate = f"{current}{joiner}{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                if current:
                    chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return chunks


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` characters, preferring paragraph and sentence boundaries."""
    text = text.strip()
    if not text:
        return []
    pieces = _pieces(text, limit, ("\n\n", "\n", "<sentence>", " "))
    return [p.strip() for p in pieces if p.strip()]
