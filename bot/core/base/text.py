"""Small text helpers shared by the critique checklist, the answer rubric and retrieval."""

from __future__ import annotations

import re
import unicodedata

WORDS_PER_MINUTE = 150

#: Numbers written as words, for reading "two hours", "forty-five applications", "half past eight".
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’\-][A-Za-z0-9\u00C0-\u024F]+)*")
# A sentence ends at . ! ? (optionally followed by quotes/brackets) before whitespace, or at a blank line.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[^\s])|\n\s*\n")
# Invisible characters that only get in the way of matching (zero-width, bidi controls, BOM).
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def normalize(text: str) -> str:
    """NFKC, invisible characters removed, Windows newlines unified. Keeps visible wording as is."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


_ABBREVIATION_END = re.compile(
    r"(?:\b(?i:a\.m|p\.m|e\.g|i\.e|vs|etc|approx)\.|\b(?:Dr|Mr|Mrs|Ms|Prof|St|No|Jr|Sr|U\.S|Ph\.D|M\.D|D\.O)\.|\b[A-Z]\.)$"
)


def sentences(text: str) -> list[str]:
    """Split into sentences (and paragraphs); each piece is stripped and non-empty.

    A full stop after a common abbreviation ("8 a.m. ET", "Dr. Lee", "e.g.") does not end a
    sentence unless a blank line follows.
    """
    out: list[str] = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        # a closing quote or bracket after the full stop belongs to the sentence it closes
        closers = len(match.group(0)) - len(match.group(0).lstrip("\"'”’)]"))
        piece = text[pos : match.start() + closers].strip()
        blank_line = "\n\n" in match.group(0) or "\n \n" in match.group(0)
        if piece and not blank_line and _ABBREVIATION_END.search(piece):
            continue  # keep going: the sentence has not ended
        if piece:
            out.append(piece)
        pos = match.end()
    tail = text[pos:].strip()
    if tail:
        out.append(tail)
    return out


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def spoken_seconds(text: str, words_per_minute: int = WORDS_PER_MINUTE) -> float:
    return round(word_count(text) * 60.0 / words_per_minute, 1)


def clip(text: str, limit: int, ellipsis: str = "…") -> str:
    """Shorten to at most ``limit`` characters, at a word boundary when one is near."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - len(ellipsis))]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + ellipsis


def number_value(text: str) -> float:
    """The value of a number written in digits ("1,200", "2.5") or words ("forty-five", "a")."""
    text = text.lower().strip()
    if text in ("a", "an"):
        return 1.0
    if re.fullmatch(r"[\d,.]+", text):
        return float(text.replace(",", ""))
    parts = re.split(r"[- ]", text)
    return float(sum(TENS_WORDS.get(p, NUMBER_WORDS.get(p, 0)) for p in parts))


def sentence_containing(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around the span [start, end), for quoting as evidence."""
    left = max(text.rfind(ch, 0, start) for ch in (".", "!", "?", "\n"))
    rights = [i for i in (text.find(ch, end) for ch in (".", "!", "?", "\n")) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left + 1 : right].strip()
