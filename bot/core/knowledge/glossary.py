"""Questions written in another language, read in English words for search.

The guidance is in English. A student who asks in Spanish, Portuguese, French, Hindi or Urdu in
Latin letters, or Tagalog ("¿Cuántas aplicaciones puedo mandar en el SOAP?") is read through a
glossary of the week's words (``data/glossary.toml``) into English words ("how many
applications can I send in the SOAP?"), and the answer, in English, says so. Names, numbers,
times and SOAP's own terms pass through unchanged. English questions, and English questions with
a foreign greeting or name, are left alone.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

GLOSSARY_PATH = Path(__file__).parent / "data" / "glossary.toml"

#: Words of a question, with accents and inner apostrophes or hyphens ("aujourd'hui", "est-ce").
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

#: At least this many of the question's words must be the language's, not English words ...
MIN_FOREIGN_WORDS = 3
#: ... and at least this share of all its words.
MIN_FOREIGN_SHARE = 0.3


ENGLISH_NOTE = "I answer in English, from the English guidance; here is what it says for your question."


@dataclass(frozen=True)
class Reading:
    """A question read from another language: the ``english`` words for search, and the language."""

    english: str
    language: str


@lru_cache(maxsize=1)
def _glossary() -> dict[str, Any]:
    with open(GLOSSARY_PATH, "rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, str]]:
    return {
        lang: {k.lower(): v for k, v in table.items()} for lang, table in _glossary().items() if lang != "not_evidence"
    }


@lru_cache(maxsize=1)
def _not_evidence() -> frozenset[str]:
    """Words that are English, or short enough to turn up in English text as names and shorthand
    ("no", "me", "pas", "ang"), though a table lists them: never evidence of another language."""
    return frozenset(_glossary()["not_evidence"]["words"].split())


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """One pattern per language, its longest keys first, each matched as whole words."""
    out = {}
    for lang, table in _tables().items():
        keys = sorted(table, key=len, reverse=True)
        alternatives = "|".join(re.escape(k) for k in keys)
        out[lang] = re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", re.IGNORECASE)
    return out


def _language_of(question: str) -> str | None:
    """The glossary language most of the question's words are in (each word of a matched phrase
    counts, English words never), when they are enough of its words."""
    words = len(_WORD.findall(question))
    best, best_hits = None, 0
    for lang, pattern in _patterns().items():
        hits = sum(
            1 for m in pattern.finditer(question) for w in _WORD.findall(m.group(0)) if w.lower() not in _not_evidence()
        )
        if hits > best_hits:
            best, best_hits = lang, hits
    if best is None or best_hits < MIN_FOREIGN_WORDS or best_hits < MIN_FOREIGN_SHARE * words:
        return None
    return best


def read_in_english(question: str) -> Reading | None:
    """The question in English words when it is written in one of the glossary's languages, else None."""
    lang = _language_of(question)
    if lang is None:
        return None
    table = _tables()[lang]

    def gloss(match: re.Match[str]) -> str:
        word = match.group(0)
        return table.get(word.lower(), word)

    english = _patterns()[lang].sub(gloss, question)
    english = re.sub(r"[¿¡]", "", english)
    return Reading(re.sub(r"\s{2,}", " ", english).strip(), lang)
