"""Draft critique: a deterministic checklist, then an optional LLM review and rewrite.

Public API::

    check_draft(text, kind, contacted_first="unknown", phase="during-soap", profile=None, applied="unknown")
    await critique(text, kind, contacted_first="unknown", phase="during-soap", *, llm=None, profile=None,
                   applied="unknown")
    offline_template(kind, profile=None, *, phase="during-soap")

The check ids and the JSON contract (``CritiqueResult.to_json``) are in the README's "JSON output".
"""

from bot.core.critique.engine import applicable_checks, check_draft, default_phase, offline_template
from bot.core.critique.model import (
    APPLIED,
    CHECK_IDS,
    CHECK_LABELS,
    CONTACTED_FIRST,
    KINDS,
    MAX_DRAFT_CHARS,
    PHASES,
    WORD_LIMITS,
    CritiqueResult,
    DraftError,
    Finding,
)
from bot.core.critique.review import critique

__all__ = [
    "APPLIED",
    "CHECK_IDS",
    "CHECK_LABELS",
    "CONTACTED_FIRST",
    "KINDS",
    "MAX_DRAFT_CHARS",
    "PHASES",
    "WORD_LIMITS",
    "CritiqueResult",
    "DraftError",
    "Finding",
    "applicable_checks",
    "check_draft",
    "critique",
    "default_phase",
    "offline_template",
]
