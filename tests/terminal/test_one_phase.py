"""The same instant gives the same phase in the critique default, /draft, /contacts and timeline,
on the command line and in the console: all of them ask ``current_phase``."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from bot.core.companion import calendar
from bot.core.companion.calendar import ET, current_phase
from bot.core.services import Services
from bot.terminal import companion
from bot.terminal.cli import app
from bot.terminal.repl import ChatConsole

DRAFT = "Dear Ms. Lee,\n\nThank you for the interview today. I enjoyed meeting the residents.\n\nBest,\nJane Doe\n"
INSTANTS = {
    "before Match Week": "2026-03-06T10:00",
    "during SOAP": "2026-03-18T12:00",
    "after SOAP": "2026-03-19T22:00",
}


def freeze(monkeypatch: pytest.MonkeyPatch, instant: str) -> dt.datetime:
    now = dt.datetime.fromisoformat(instant).replace(tzinfo=ET).astimezone(dt.UTC)
    monkeypatch.setattr(calendar, "now_utc", lambda: now)
    monkeypatch.setattr(companion, "now_utc", lambda: now)
    return now


@pytest.mark.parametrize("instant", INSTANTS.values(), ids=INSTANTS.keys())
def test_every_command_line_front_end_gives_the_same_phase(
    instant: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = current_phase(freeze(monkeypatch, instant))
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    runner = CliRunner()

    def run(*args: str, stdin: str | None = None) -> dict:  # type: ignore[type-arg]
        result = runner.invoke(app, [*args, "--json"], input=stdin)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout.strip().splitlines()[-1])

    timeline = run("timeline")["phase"]
    contacts = run("contacts", "list")["phase"]
    assert timeline["id"] == contacts["id"] == expected.id
    assert timeline["critique_phase"] == contacts["critique_phase"] == expected.critique_phase
    assert run("draft", "thank-you", "Cedar Ridge", "--no-check")["phase"] == expected.critique_phase
    assert run("critique", "-", "--kind", "thank-you", stdin=DRAFT)["phase"] == expected.critique_phase


async def test_the_console_gives_the_same_phase(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = current_phase(freeze(monkeypatch, INSTANTS["during SOAP"]))
    lines = iter(
        [
            "/timeline",
            "/contacts",
            "/draft thank-you Cedar Ridge",
            "",  # to whom: the default
            "n",  # don't check it
            "/critique thank-you",
            "3",  # not sure whether the program wrote first
            *DRAFT.splitlines(),
            ".",
            "",  # when will you send it: the default
            "/quit",
        ]
    )
    output = io.StringIO()
    console = Console(file=output, width=200, color_system=None)
    await ChatConsole(services, console, lambda _prompt: next(lines)).run()
    text = output.getvalue()
    assert text.count(expected.label) >= 3  # the "Now" of /timeline, /contacts and /critique
    assert f"contact rule assumed: {expected.critique_phase}" in text  # /draft
    assert f"Draft check (thank-you, {expected.critique_phase.replace('-', ' ')})" in text  # /critique
