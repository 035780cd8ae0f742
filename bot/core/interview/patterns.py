"""Loads the rehearsal rubric's phrase lists and word lists from ``bot/core/interview/data`` (once).

``rubric_patterns.toml`` holds the regular expressions, ``rubric_words.toml`` the word sets;
``data/README.md`` describes both. A list of alternatives compiles to ``(?:a)|(?:b)|...``; a
single string compiles as is; ``{{NAME}}`` stands for the regex of ``[macros] NAME``. Every
pattern is matched case-insensitively.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

INTERVIEW_DATA = Path(__file__).resolve().parent / "data"
PATTERNS_PATH = INTERVIEW_DATA / "rubric_patterns.toml"
WORDS_PATH = INTERVIEW_DATA / "rubric_words.toml"

FLAGS = re.IGNORECASE
PLACEHOLDER = re.compile(r"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}")
#: A line break in a '''...''' string, with the indentation after it, is not part of the regex.
_CONTINUATION = re.compile(r"\r?\n[ \t]*")


def _toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _unwrap(text: str) -> str:
    return _CONTINUATION.sub("", text)


@cache
def _tables() -> dict[str, Any]:
    return _toml(PATTERNS_PATH)


@cache
def raw_macros() -> dict[str, str]:
    """The [macros] table as written (placeholders not yet expanded)."""
    return {name: _unwrap(value) for name, value in _tables().get("macros", {}).items()}


@cache
def raw_sources() -> dict[str, str | tuple[str, ...]]:
    """Every list of rubric_patterns.toml as written: a tuple of alternatives, or one string."""
    out: dict[str, str | tuple[str, ...]] = {}
    for group, table in _tables().items():
        if group == "macros":
            continue
        for name, value in table.items():
            if name in out:
                raise ValueError(f"rubric_patterns.toml: {name} is defined twice")
            out[name] = _unwrap(value) if isinstance(value, str) else tuple(_unwrap(v) for v in value)
    return out


@cache
def macro(name: str) -> str:
    """The regex of ``[macros] name`` with its own placeholders expanded."""
    return _expand(raw_macros()[name], (name,))


def _expand(text: str, seen: tuple[str, ...] = ()) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in seen:
            raise ValueError(f"rubric_patterns.toml: macro {name} refers to itself")
        if name not in raw_macros():
            raise KeyError(f"rubric_patterns.toml: {{{{{name}}}}} is not defined in [macros]")
        return _expand(raw_macros()[name], (*seen, name))

    return PLACEHOLDER.sub(sub, text)


def expand(text: str) -> str:
    """``text`` with every ``{{NAME}}`` replaced by its macro."""
    return _expand(text)


def join(*alternatives: str) -> str:
    """``(?:a)|(?:b)|...``: one regex matching any of the alternatives."""
    return "|".join(f"(?:{a})" for a in alternatives)


@cache
def source(name: str) -> str:
    """The full regex of a list in rubric_patterns.toml."""
    value = raw_sources()[name]
    if isinstance(value, str):
        return expand(value)
    return join(*(expand(v) for v in value))


@cache
def rx(name: str) -> re.Pattern[str]:
    """The compiled pattern of a list in rubric_patterns.toml (case-insensitive)."""
    return re.compile(source(name), FLAGS)


@cache
def word_lists() -> dict[str, frozenset[str]]:
    """Every word set of rubric_words.toml."""
    return {name: frozenset(values) for name, values in _toml(WORDS_PATH).items()}


def words(name: str) -> frozenset[str]:
    """A word set of rubric_words.toml."""
    return word_lists()[name]
