"""Finding the built-in guidance, and refusing loudly without it (issue 18).

The installed-package side (a wheel in a fresh virtual environment) is tests/test_packaging.py.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.base import resources
from bot.core.base.resources import GuidanceMissing, guidance_problem
from tests.conftest import make_settings

ROOT = Path(__file__).resolve().parents[3]


def test_a_checkout_reads_the_top_level_folders() -> None:
    assert resources.in_checkout()
    assert resources.builtin("knowledge") == ROOT / "knowledge"
    assert resources.builtin("knowledge/calendar") == ROOT / "knowledge" / "calendar"
    assert resources.builtin("prompts") == ROOT / "prompts"
    assert guidance_problem() is None
    settings = make_settings(ROOT / "data-unused")
    assert settings.knowledge_dir == ROOT / "knowledge" and settings.prompts_dir == ROOT / "prompts"
    assert settings.calendar_dir == ROOT / "knowledge" / "calendar"


def test_setup_copies_exactly_the_folders_the_resolver_expects() -> None:
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    (value,) = [
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "BUNDLED_FOLDERS" for t in node.targets)
    ]
    assert value == resources.BUNDLED_FOLDERS


def test_settings_move_each_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("KNOWLEDGE_DIR", "CALENDAR_DIR", "PROMPTS_DIR"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    assert resources.knowledge_dir() == tmp_path / "knowledge_dir"
    assert resources.calendar_dir() == tmp_path / "calendar_dir"
    assert resources.prompts_dir() == tmp_path / "prompts_dir"
    settings = make_settings(tmp_path / "data")
    assert settings.knowledge_dir == tmp_path / "knowledge_dir"
    # An empty setting (as copied from .env.example) means the built-in folder.
    monkeypatch.setenv("KNOWLEDGE_DIR", "")
    assert resources.knowledge_dir() == ROOT / "knowledge"
    assert make_settings(tmp_path / "data").knowledge_dir == ROOT / "knowledge"


def test_each_missing_piece_is_named_in_one_line(tmp_path: Path) -> None:
    knowledge, calendar, prompts = ROOT / "knowledge", ROOT / "knowledge" / "calendar", ROOT / "prompts"
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("# not an article\n")
    cases = {
        "guidance is missing": guidance_problem(empty, calendar, prompts),
        "calendar is missing": guidance_problem(knowledge, empty, prompts),
        "prompt templates are missing": guidance_problem(knowledge, calendar, empty),
    }
    for expected, problem in cases.items():
        assert problem is not None and expected in problem and "\n" not in problem
        assert str(empty) in problem
    assert "KNOWLEDGE_DIR" in cases["guidance is missing"]
    partial = tmp_path / "prompts"
    shutil.copytree(prompts, partial)
    (partial / "draft.md").unlink()
    problem = guidance_problem(knowledge, calendar, partial)
    assert problem is not None and "draft.md" in problem and "ask.md" not in problem


async def test_services_refuse_without_the_guidance(tmp_path: Path) -> None:
    from bot.core.services import build_services

    settings = make_settings(tmp_path / "data", knowledge_dir=tmp_path / "nowhere")
    with pytest.raises(GuidanceMissing, match="guidance is missing"):
        await build_services(settings)


async def test_an_index_without_builtin_sections_is_refused(services, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import bot.core.services as services_module

    monkeypatch.setattr(services_module, "chunks_of", lambda articles: [])
    with pytest.raises(GuidanceMissing, match="no built-in guidance"):
        await services.ensure_index()


def _soapbot(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"OPENAI_API_KEY", "OPENAI_BASE_URL", "DISCORD_TOKEN"}}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env={**base, "DATA_DIR": str(tmp_path / "data"), **env},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.mark.parametrize("setting", ["KNOWLEDGE_DIR", "CALENDAR_DIR", "PROMPTS_DIR"])
def test_ask_doctor_the_console_and_the_bot_refuse_with_one_line(tmp_path: Path, setting: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    expected = {"KNOWLEDGE_DIR": "guidance is missing", "CALENDAR_DIR": "calendar", "PROMPTS_DIR": "prompt"}[setting]

    result = _soapbot(tmp_path, "ask", "--json", "Can my dean call a program for me?", **{setting: str(empty)})
    assert result.returncode == 1
    assert expected in json.loads(result.stdout)["error"] and len(result.stdout.splitlines()) == 1

    # The Discord bot refuses before it connects (the token is never used).
    for command, extra in ((("doctor",), {}), (("chat",), {}), (("run",), {"DISCORD_TOKEN": "not.a.token"})):
        result = _soapbot(tmp_path, *command, **{setting: str(empty)}, **extra)
        assert result.returncode == 1, command
        lines = (result.stdout + result.stderr).strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error:") and expected in lines[0], (command, lines)
