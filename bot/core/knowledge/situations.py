"""Situations that change the rule (``data/situations.toml``): a program the student never applied
to, a Match program outside SOAP, someone acting for the student, an accepted offer, SOAP over.

When a question describes one, the section that answers that situation must lead the answer,
whatever else retrieval finds close: these are the cases where a near miss gives the wrong rule.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SITUATIONS_PATH = Path(__file__).resolve().parent / "data" / "situations.toml"


@dataclass(frozen=True)
class Situation:
    name: str
    article: str
    anchor: str
    patterns: re.Pattern[str]
    requires: re.Pattern[str] | None

    def applies(self, text: str) -> bool:
        return bool(self.patterns.search(text)) and (self.requires is None or bool(self.requires.search(text)))


@cache
def situations(path: Path = SITUATIONS_PATH) -> tuple[Situation, ...]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for item in data.get("situation", []):
        article, _, anchor = item["section"].partition("#")
        requires = item.get("requires")
        out.append(
            Situation(
                name=item["name"],
                article=article,
                anchor=anchor,
                patterns=re.compile("|".join(f"(?:{p})" for p in item["patterns"]), re.IGNORECASE),
                requires=re.compile(requires, re.IGNORECASE) if requires else None,
            )
        )
    return tuple(out)


def situation_in(text: str) -> Situation | None:
    """The first situation ``text`` describes, if any."""
    return next((s for s in situations() if s.applies(text)), None)
