"""The command-line contract (docs/contracts.md, section 2): each command with --json prints exactly one JSON object."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

COLD_DRAFT = """Subject: Interest in your program

Dear Coordinator,

I applied to your family medicine program in SOAP and wanted to introduce myself before you review applications.

Best,
Sam Ortiz
"""


def soapbot(data_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"OPENAI_API_KEY", "OPENAI_BASE_URL", "DISCORD_TOKEN"}}
    env["DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_json_object(stdout: str) -> dict:  # type: ignore[type-arg]
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert len(lines) == 1, stdout
    return json.loads(lines[0])


def test_ask_json_contract(data_dir: Path) -> None:
    result = soapbot(data_dir, "ask", "How many programs can I apply to in SOAP?", "--json")
    assert result.returncode == 0, result.stderr
    payload = one_json_object(result.stdout)
    assert set(payload) == {"answer", "citations", "mode"}
    assert payload["mode"] == "offline" and "45" in payload["answer"]
    assert payload["citations"] and set(payload["citations"][0]) == {"article", "title", "section"}


def test_search_json_contract(data_dir: Path) -> None:
    result = soapbot(data_dir, "search", "can my dean call a program for me", "--k", "3", "--json")
    payload = one_json_object(result.stdout)
    assert payload["query"] == "can my dean call a program for me"
    assert len(payload["results"]) == 3
    assert set(payload["results"][0]) == {"id", "article", "title", "section", "text", "score"}


def test_critique_json_contract_from_stdin(data_dir: Path) -> None:
    result = soapbot(
        data_dir,
        "critique",
        "-",
        "--kind",
        "coordinator-email",
        "--contacted-first",
        "no",
        "--phase",
        "during-soap",
        "--json",
        stdin=COLD_DRAFT,
    )
    assert result.returncode == 0, result.stderr
    payload = one_json_object(result.stdout)
    assert {"kind", "findings", "passed", "summary", "mode"} <= set(payload)
    contact = next(f for f in payload["findings"] if f["check"] == "contact-rule")
    assert contact["severity"] == "error" and contact["evidence"] in COLD_DRAFT
    for finding in payload["findings"]:
        assert set(finding) == {"check", "severity", "evidence", "advice"}
        assert finding["evidence"] == "" or finding["evidence"] in COLD_DRAFT


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("critique", "-", "--kind", "postcard", "--json"), "--kind must be one of"),
        (("critique", "-", "--kind", "thank-you", "--json"), "empty"),
    ],
)
def test_bad_input_is_one_clear_line(data_dir: Path, args: tuple[str, ...], message: str) -> None:
    result = soapbot(data_dir, *args, stdin="")
    assert result.returncode == 2
    payload = one_json_object(result.stdout)
    assert message in payload["error"] and "Traceback" not in result.stderr


def test_invalid_setting_is_named_without_a_traceback(data_dir: Path) -> None:
    env_result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "hi"],
        cwd=ROOT,
        env={**os.environ, "DATA_DIR": str(data_dir), "EMBEDDING_PROVIDER": "quantum"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert env_result.returncode == 2
    assert "EMBEDDING_PROVIDER" in env_result.stderr and "Traceback" not in env_result.stderr


def test_a_part_heading_stands_on_its_own_line_in_the_terminal() -> None:
    import io

    from rich.console import Console

    from bot.core.knowledge.answers import Answer
    from bot.terminal.ask import render_answer

    output = io.StringIO()
    answer = Answer(
        "**Is round 4 tonight?**\nYes: round 4 opens at 6:00 p.m. ET.\n\n**And my apps?**\nYou have 5 left."
    )
    render_answer(Console(file=output, width=120, color_system=None), answer)
    lines = [line.strip() for line in output.getvalue().splitlines() if line.strip()]
    assert "Is round 4 tonight?" in lines and "And my apps?" in lines, lines
