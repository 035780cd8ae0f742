"""Loads the checklist's word lists and patterns from ``bot/core/critique/data`` (once)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CRITIQUE_DATA = Path(__file__).resolve().parent / "data"
WHITELIST_PATH = CRITIQUE_DATA / "spelling_whitelist.txt"

_FLAGS = re.IGNORECASE | re.MULTILINE
#: The table of patterns.toml with phrases the checks match themselves (not weighted rules).
PHRASES_TABLE = "phrases"


@dataclass(frozen=True)
class Rule:
    """One phrase rule of patterns.toml."""

    check: str
    regex: re.Pattern[str]
    weight: int
    severity: str | None
    advice: str
    evidence: str  # "sentence" | "match"
    topic: str | None = None
    context: re.Pattern[str] | None = None


def _toml(name: str) -> dict[str, Any]:
    with (CRITIQUE_DATA / name).open("rb") as fh:
        return tomllib.load(fh)


@cache
def lexicon() -> dict[str, frozenset[str]]:
    return {key: frozenset(v.lower() for v in values) for key, values in _toml("lexicon.toml").items()}


@cache
def _patterns_toml() -> dict[str, Any]:
    return _toml("patterns.toml")


@cache
def rules() -> dict[str, tuple[Rule, ...]]:
    out: dict[str, tuple[Rule, ...]] = {}
    for check, entries in _patterns_toml().items():
        if check == PHRASES_TABLE:
            continue
        compiled = []
        for entry in entries:
            flags = re.MULTILINE if entry.get("cs") else _FLAGS
            context = entry.get("context")
            compiled.append(
                Rule(
                    check=check,
                    regex=re.compile(entry["re"], flags),
                    weight=int(entry.get("weight", 2)),
                    severity=entry.get("severity"),
                    advice=entry["advice"],
                    evidence=entry.get("evidence", "sentence"),
                    topic=entry.get("topic"),
                    context=re.compile(context, _FLAGS) if context else None,
                )
            )
        out[check] = tuple(compiled)
    return out


@cache
def phrases() -> dict[str, re.Pattern[str]]:
    """The [phrases] of patterns.toml, compiled case-insensitively (``$`` is the end of the text)."""
    return {key: re.compile(value, re.IGNORECASE) for key, value in _patterns_toml()[PHRASES_TABLE].items()}


def _compile_all(values: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(v, _FLAGS) for v in values)


@cache
def contact_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    return {key: _compile_all(values) for key, values in _toml("contact.toml").items()}


@cache
def injection_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    return {key: _compile_all(values) for key, values in _toml("injection.toml").items()}


@cache
def messages() -> dict[str, dict[str, str]]:
    return _toml("messages.toml")


@cache
def templates() -> dict[str, dict[str, str]]:
    return _toml("templates.toml")


@cache
def spelling_whitelist() -> frozenset[str]:
    words: set[str] = set()
    for line in WHITELIST_PATH.read_text(encoding="utf-8").splitlines():
        line = line.strip().lower()
        if line and not line.startswith("#"):
            words.add(line)
    return frozenset(words)
