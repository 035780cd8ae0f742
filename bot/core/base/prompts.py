"""Prompt templates live in ``prompts/*.md``; this module renders them into chat messages.

The folder is found by :func:`bot.core.base.resources.prompts_dir` (the built-in templates, or
``PROMPTS_DIR``), so an installed package finds them too.

A template has role sections introduced by a line ``=== system ===`` or ``=== user ===``
and variables written ``{{name}}``. Rendering fails on a missing variable, so a prompt can
never go out half filled. User-supplied text is wrapped with :func:`delimit` so the model
sees it as data between tags it cannot close.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from bot.core.base import resources

_ROLE_LINE = re.compile(r"^=== (system|user|assistant) ===\s*$", re.MULTILINE)
_VARIABLE = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")


class PromptError(Exception):
    """A template is missing, malformed, or was rendered without a variable it needs."""


@lru_cache(maxsize=64)
def _load(path: Path) -> tuple[tuple[str, str], ...]:
    if not path.is_file():
        raise PromptError(f"prompt template not found: {path.name}")
    text = path.read_text(encoding="utf-8")
    parts = _ROLE_LINE.split(text)
    # parts = [preamble, role1, body1, role2, body2, ...]; the preamble is a comment for editors
    sections = tuple((parts[i], parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2))
    if not sections:
        raise PromptError(f"prompt template {path.name} has no '=== system ===' section")
    return sections


def template_variables(name: str, prompts_dir: Path | None = None) -> set[str]:
    sections = _load((prompts_dir or resources.prompts_dir()) / f"{name}.md")
    return {m.group(1) for _, body in sections for m in _VARIABLE.finditer(body)}


def render(name: str, prompts_dir: Path | None = None, **variables: object) -> list[dict[str, str]]:
    """Render ``prompts/<name>.md`` into chat messages; raises PromptError on a missing variable."""
    prompts_dir = prompts_dir or resources.prompts_dir()
    sections = _load(prompts_dir / f"{name}.md")
    missing = template_variables(name, prompts_dir) - variables.keys()
    if missing:
        raise PromptError(f"prompt {name} needs {', '.join(sorted(missing))}")

    def fill(body: str) -> str:
        return _VARIABLE.sub(lambda m: str(variables[m.group(1)]), body)

    return [{"role": role, "content": fill(body)} for role, body in sections]


def delimit(text: str, tag: str) -> str:
    """Wrap untrusted text in ``<tag>`` ... ``</tag>``; tag look-alikes inside are neutralised."""
    neutral = re.sub(rf"<\s*/?\s*{re.escape(tag)}\b[^>]*>", "[tag removed]", text, flags=re.IGNORECASE)
    return f"<{tag}>\n{neutral}\n</{tag}>"


#: A reply that repeats this many characters of the system prompt word for word is a prompt leak.
ECHO_WINDOW = 60


def echoes_instructions(reply: str, messages: Sequence[Mapping[str, str]]) -> bool:
    """Whether ``reply`` repeats a stretch of the system prompt verbatim (cheap: a few substring scans).

    Any copied stretch of 1.5 x ECHO_WINDOW characters or more is found; whitespace is ignored.
    """
    system = " ".join(" ".join(str(m.get("content", "")).split()) for m in messages if m.get("role") == "system")
    text = " ".join(reply.split())
    if len(system) < ECHO_WINDOW or len(text) < ECHO_WINDOW:
        return False
    step = ECHO_WINDOW // 2
    return any(system[i : i + ECHO_WINDOW] in text for i in range(0, len(system) - ECHO_WINDOW + 1, step))
