"""Every error path of the one-shot commands ends with one line (one JSON object with --json):
typer's own errors (missing arguments, bad values, unknown options) as well as the project's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.terminal.cli import app

# (arguments, exit code, words in the message); stdin is empty.
ERRORS = [
    (["frobnicate"], 2, "No such command"),
    (["--bogus"], 2, "No such option"),
    (["run"], 2, "DISCORD_TOKEN is not set"),
    (["ask"], 2, "Missing argument 'QUESTION'"),
    (["ask", "   "], 2, "Please type a question"),
    (["search"], 2, "Missing argument 'QUERY'"),
    (["search", "rank", "--k", "0"], 2, "--k"),
    (["critique"], 2, "Missing argument 'FILE'"),
    (["critique", "no-such-draft.txt", "--kind", "thank-you"], 2, "no such file: no-such-draft.txt"),
    (["critique", "-"], 2, "Missing option '--kind'"),
    (["critique", "-", "--kind", "postcard"], 2, "--kind must be one of"),
    (["critique", "-", "--kind", "thank-you", "--contacted-first", "maybe"], 2, "--contacted-first"),
    (["critique", "-", "--kind", "thank-you", "--phase", "soon"], 2, "--phase must be one of"),
    (["critique", "-", "--kind", "thank-you"], 2, "empty"),
    (["rehearse"], 2, "Give the answer as FILE"),
    (["rehearse", "no-such-answer.txt"], 2, "no such file"),
    (["rehearse", "--audio", "no-such.ogg"], 2, "no such file: no-such.ogg"),
    (["interview", "--length", "medium"], 2, "--length must be short or full"),
    (["timeline", "--year", "1999"], 2, "--year"),
    (["timeline", "--year", "2010"], 2, "calendar starts with"),
    (["contacts", "add", "X"], 2, "Missing option '--person'"),
    (["contacts", "add", "X", "--person", "Y", "--role", "dean", "--origin", "after-soap"], 2, "role"),
    (
        [
            "contacts",
            "add",
            "X",
            "--person",
            "Y",
            "--role",
            "resident",
            "--origin",
            "after-soap",
            "--interview",
            "soon",
        ],
        2,
        "couldn't read 'soon'",
    ),
    (["contacts", "update", "abc"], 2, "Invalid value for 'ID'"),
    (["contacts", "update", "7", "--sent", "flowers"], 2, "--sent must be"),
    (["contacts", "remove", "99"], 1, "no contact #99"),
    (["profile", "set", "--aamc-id", "123"], 2, "8 digits"),
    (["profile", "set", "--graduation-year", "soon"], 2, "four digits"),
    (["draft", "love-letter", "X"], 2, "KIND must be one of"),
    (["draft", "thank-you"], 2, "Missing argument 'PROGRAM'"),
]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as ended:
        app(args=args, prog_name="soapbot")
    captured = capsys.readouterr()
    return int(ended.value.code or 0), captured.out, captured.err


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(""))


@pytest.mark.parametrize(("args", "code", "words"), ERRORS, ids=[" ".join(a) for a, _, _ in ERRORS])
def test_one_line_on_standard_error(args: list[str], code: int, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code, out, err = run(args, capsys)
    lines = [line for line in err.splitlines() if line.strip()]
    assert exit_code == code, err
    assert len(lines) == 1 and lines[0].startswith("Error: ") and words in lines[0], err
    assert out == "" and "Traceback" not in err and "╭" not in err


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["ask", "--json"], "Missing argument 'QUESTION'"),
        (["critique", "no-such-draft.txt", "--kind", "thank-you", "--json"], "no such file"),
        (["contacts", "update", "abc", "--json"], "Invalid value for 'ID'"),
        (["timeline", "--year", "1999", "--json"], "--year"),
    ],
)
def test_one_json_object_with_json(args: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code, out, err = run(args, capsys)
    assert exit_code == 2 and err == ""
    [line] = out.splitlines()
    assert words in json.loads(line)["error"]


def test_help_names_arguments_for_people(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--help"], ["critique", "--help"], ["contacts", "update", "--help"], ["draft", "--help"]):
        exit_code, out, _ = run(args, capsys)
        assert exit_code == 0
        assert "<bool>" not in out and "contact_id" not in out and "{source}" not in out and "╭" not in out
    _, out, _ = run(["contacts", "update", "--help"], capsys)
    assert "Usage: soapbot contacts update [OPTIONS] {ID}" in out
