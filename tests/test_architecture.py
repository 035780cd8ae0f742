"""Structural rules of the code base."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_discord() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "bot" / "core").rglob("*.py")
        if any(name == "discord" or name.startswith("discord.") for name in imported_modules(path))
    ]
    assert offenders == []


def test_discord_limits_live_in_one_place() -> None:
    """In the Discord layer, only bot/ui/limits.py spells out Discord's size limits."""
    magic = ("2000", "2_000", "4096", "4_096", "6000", "6_000", "4000", "4_000", "1024", "1_024")
    offenders = []
    discord_layer = [
        *(ROOT / "bot" / "cogs").rglob("*.py"),
        *(ROOT / "bot" / "ui").rglob("*.py"),
        ROOT / "bot" / "client.py",
    ]
    for path in discord_layer:
        if path.name == "limits.py":
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}: {m}" for m in magic if m in text]
    assert offenders == []
