"""The English spell checker (pyspellchecker), loaded once per process and shared: the critique
uses it for mechanics, the answers to read past typos in a question ("intervew", "backround")."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Container
from typing import Any

log = logging.getLogger(__name__)

_LOCK = threading.Lock()
_SPELL: Any = None
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


def spell_checker(on_load: Callable[[Any], None] | None = None) -> Any:
    """The checker (edit distance 1), loaded on first use; ``on_load`` runs once, right after."""
    global _SPELL
    if _SPELL is None:
        with _LOCK:
            if _SPELL is None:
                from spellchecker import SpellChecker

                checker = SpellChecker(distance=1)
                if on_load is not None:
                    on_load(checker)
                _SPELL = checker
                log.debug("spell checker loaded")
    return _SPELL


def correct_typos(text: str, known: Container[str] = ()) -> str:
    """``text`` with clear typos of common words fixed (words of four letters or more that
    neither English nor ``known`` has, and whose one-edit correction the dictionary knows)."""
    checker = spell_checker()

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        if len(lower) < 4 or lower in known or lower in checker:
            return word
        candidate = checker.correction(lower)
        return candidate if candidate and candidate != lower else word

    return _WORD.sub(fix, text)
