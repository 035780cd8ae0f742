"""`soapbot chat` in a pseudo-terminal, driven key by key as a student would use it.

Three runs of the real console (each start loads the index, so they are few):

1. editing and history, a 10,000-character paste (as a question and as a draft), a bad AAMC
   ID asked again without losing the other fields, "wed 10am" typed on a Friday, and Ctrl-D in
   the middle of a mock interview;
2. the next start: the paused interview is mentioned, history from the first run, the
   interview resumed and ended, its summary saved under DATA_DIR, listed and deleted by /privacy;
3. AI mode against the fake OpenAI server streaming slowly: the answer streams, Ctrl-C stops
   it at once, and Ctrl-C twice on an empty line leaves.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.terminal.test_repl import ANSWER

pexpect = pytest.importorskip("pexpect")

ROOT = Path(__file__).resolve().parents[2]
#: A Friday before Match Week, 10 a.m. Eastern.
FRIDAY = "2026-03-06T10:00:00-05:00"
START_TIMEOUT = 180  # the first prompt: the console loads the index and the embedding model
STEP_TIMEOUT = 60
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
ESC_ENTER = "\x1b\r"


#: Terminal control sequences (styles, cursor moves, modes): the tests read the text between them.
CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_=>]|[\x00-\x08\x0e-\x1f]")


class Term:
    """A child in a pseudo-terminal, read as text without control sequences."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.text = ""
        self.pos = 0
        self._tail = ""  # an unfinished control sequence at the end of the last read

    def read_some(self, wait: float = 0.1) -> None:
        try:
            data = self._tail + self.child.read_nonblocking(1_000_000, timeout=wait)
        except pexpect.TIMEOUT:
            return
        cut = data.rfind("\x1b")
        if cut >= 0 and not CONTROL.match(data, cut) and len(data) - cut < 32:
            data, self._tail = data[:cut], data[cut:]
        else:
            self._tail = ""
        self.text += CONTROL.sub("", data)

    def expect(self, wanted: str, timeout: float = STEP_TIMEOUT) -> None:
        """Wait until ``wanted`` appears after the previous match."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.text.find(wanted, self.pos)
            if found >= 0:
                self.pos = found + len(wanted)
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"{wanted!r} did not appear; the screen ended with: {self.text[-1500:]!r}")
            try:
                self.read_some()
            except pexpect.EOF:
                if self.text.find(wanted, self.pos) < 0:
                    raise AssertionError(f"the console ended before {wanted!r}: {self.text[-1500:]!r}") from None

    def send(self, text: str) -> None:
        self.child.send(text)

    def line(self, text: str) -> None:
        self.child.send(text + "\r")

    def control(self, key: str) -> None:
        self.child.sendcontrol(key)

    def prompt(self, timeout: float = STEP_TIMEOUT) -> None:
        self.expect("you>", timeout)

    def paste(self, text: str) -> None:
        """A bracketed paste, written in pieces while the console's echo is read."""
        data = PASTE_START + text + PASTE_END
        while data:
            written = self.child.send(data[:1024])
            data = data[written:]
            self.read_some(0.02)

    def ends(self, timeout: float = 20) -> None:
        self.child.expect(pexpect.EOF, timeout=timeout)


def spawn(data_dir: Path, now: str = FRIDAY, **env_extra: str) -> Term:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"OPENAI_API_KEY", "OPENAI_BASE_URL", "DISCORD_TOKEN", "LOG_LEVEL", "COLUMNS", "LINES"}
    }
    # The pseudo-terminal does not answer cursor-position requests: tell prompt_toolkit not to ask.
    env.update(DATA_DIR=str(data_dir), TERM="xterm-256color", NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1", **env_extra)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "tests.terminal.pty_driver", now, "chat"],
        cwd=str(ROOT),
        env=env,
        dimensions=(50, 160),
        encoding="utf-8",
        codec_errors="replace",
        timeout=STEP_TIMEOUT,
        use_poll=True,  # select() fails on descriptors above 1024, common late in a full run
    )
    child.delaybeforesend = None
    return Term(child)


def long_question(size: int) -> str:
    words = ["Could", "you", "tell", "me", "how", "many", "SOAP", "programs", "I", "may", "apply", "this", "year"]
    text = ""
    i = 0
    while len(text) < size:
        text += ("" if not text else " ") + words[i % len(words)]
        i += 1
    text = text[: size - 1]
    return (text[:-1] + "s" if text.endswith(" ") else text) + "?"


def long_draft(size: int) -> str:
    lines = ["Dear Dr. Ibarra,", ""]
    number = 0
    while sum(len(x) + 1 for x in lines) < size - 40:
        number += 1
        lines.append(f"Note {number}: thank you for the interview and for the time the residents gave me today.")
    return "\n".join([*lines, "", "Best regards,", "Jane Doe"])


def query(data_dir: Path, sql: str) -> list[sqlite3.Row]:
    with sqlite3.connect(data_dir / "soapbot.sqlite3") as db:
        db.row_factory = sqlite3.Row
        return db.execute(sql).fetchall()


@pytest.fixture
def console_dir(data_dir: Path) -> Path:
    return data_dir


def test_editing_history_paste_forms_and_an_interview_paused_then_resumed(console_dir: Path) -> None:
    child = spawn(console_dir)
    try:
        child.expect("Running in offline mode", START_TIMEOUT)
        child.prompt()

        # Line editing: a typo fixed with Home and the arrows.
        child.send("hllo there")
        child.send("\x1b[H")  # Home
        child.send("\x1b[C")  # Right
        child.line("e")
        child.expect("offline mode (no LLM)")
        child.prompt()
        # History: Up brings the line back (End, add to it); Ctrl-R finds it by a word.
        child.send("\x1b[A")
        child.send("\x1b[F")  # End
        child.line(" again")
        child.expect("offline mode (no LLM)")
        child.prompt()
        child.send("\x12")  # Ctrl-R
        child.send("there ag")
        child.send("\r")  # ends the search with the line found, to be edited
        child.send("\x1b[F")  # End (the cursor was left where the match is, as in bash)
        child.line(" please")
        child.expect("offline mode (no LLM)")
        child.prompt()
        # Ctrl-C drops what is being typed.
        child.send("half a thought")
        child.control("c")
        child.prompt()

        # A 10,000-character paste arrives whole (the terminal's 4 KB line limit does not apply).
        child.paste(long_question(10_000))
        child.send("\r")
        child.expect("That question is 10,000 characters long")
        child.prompt()

        # ... and in the multi-line mode of /critique, as a draft with its line breaks.
        child.line("/critique thank-you")
        child.expect("Did the program contact you first?")
        child.line("3")  # not sure (a program that wrote first brings more questions)
        child.expect("multi-line>")
        child.paste(long_draft(10_000))
        child.send(ESC_ENTER)
        child.expect("When will you send it?")
        child.line("")
        child.expect("Draft check (thank-you")
        child.prompt()

        # /profile set: a bad AAMC ID is asked again with what was typed; nothing is lost.
        child.line("/profile set")
        for value in ("Jane Doe", "Lakeside University School of Medicine", "MD", "2026", "1234"):
            child.expect("(Enter to skip)")
            child.line(value)
        child.expect("Your AAMC ID has 8 digits")
        child.expect("AAMC ID:")
        child.line("5678")  # added to the "1234" kept in the field
        child.expect("Specialties:")
        child.line("Family Medicine")
        child.expect("Contact line")
        child.line("jane@example.org | 555-123-4567")
        child.expect("Profile saved.")
        child.prompt()

        # /contacts add: "wed 10am" on a Friday is next Wednesday, echoed in ET.
        child.line("/contacts add")
        child.expect("Program:")
        child.line("Cedar Ridge Family Medicine")
        child.expect("Person")
        child.line("Dr. Ana Ibarra")
        child.expect("Their role?")
        child.line("2")
        child.expect("How did the contact start?")
        child.line("1")
        child.expect("Interview")
        child.line("wed 10am")
        child.expect("Wednesday, March 11, 10:00 a.m. ET")
        for _ in range(3):  # their last message, yours, notes: skipped
            child.expect("(Enter to skip)")
            child.line("")
        child.expect("Saved #1.")
        child.prompt()

        # A mock interview: one answer, then Ctrl-D leaves at once and keeps it.
        child.line("/interview")
        child.expect("Length?")
        child.line("1")
        child.expect("Specialty?")
        child.line("")
        child.expect("international medical graduate?")
        child.line("")
        child.expect("Question 1 of 4")
        child.expect("multi-line>")
        for text in ANSWER:  # the last line holds only "." and sends it
            child.line(text)
        child.expect("Question 2 of 4", 120)
        child.expect("multi-line>")
        started = time.monotonic()
        child.control("d")
        child.expect("saved at question 2 of 4")
        child.ends()
        assert time.monotonic() - started < 20
    finally:
        child.child.close(force=True)

    profile = json.loads(query(console_dir, "SELECT data FROM profiles")[0]["data"])
    assert profile["aamc_id"] == "12345678" and profile["name"] == "Jane Doe" and profile["degree"] == "MD"
    assert profile["school"] == "Lakeside University School of Medicine" and profile["graduation_year"] == "2026"
    [contact] = query(console_dir, "SELECT interview_at FROM contacts")
    assert contact["interview_at"].startswith("2026-03-11T14:00")  # Wednesday 10:00 EDT (DST began on the 8th), in UTC
    history = (console_dir / "console_history").read_text(encoding="utf-8")
    assert "+hello there\n+" not in history  # (entries are one line each)
    assert "+hello there\n" in history and "+hello there again\n" in history
    assert "+hello there again please\n" in history
    assert "half a thought" not in history

    # The next start mentions the paused interview; history from the last run is there.
    child = spawn(console_dir)
    try:
        child.expect("paused at question 2 of 4", START_TIMEOUT)
        child.prompt()
        child.send("\x1b[A")  # the last thing typed at this prompt: /interview
        child.send("\r")
        child.expect("in progress (question 2 of 4)")
        child.line("")  # continue it
        child.expect("Question 2 of 4")
        child.expect("multi-line>")
        child.line("/end")
        child.expect("Interview summary")
        child.expect("Save to:")
        child.line("y")
        child.expect("Saved to ")
        child.prompt()
        [summary] = list((console_dir / "exports").glob("interview-*.txt"))
        text = summary.read_text(encoding="utf-8")
        assert "mock interview summary" in text and "ready to start on July first" in text  # with the answers

        child.line("/privacy")
        child.expect("Files the console wrote")
        child.expect(summary.name)
        child.prompt()
        child.line("/privacy delete")
        child.expect("[y/N]")
        child.line("y")
        child.expect("Deleted ")
        child.prompt()
        assert not summary.exists()
        history = console_dir / "console_history"
        assert not history.exists() or "hello there" not in history.read_text(encoding="utf-8")
        child.line("/quit")
        child.ends()
    finally:
        child.child.close(force=True)


# ----- AI mode, against the fake server -------------------------------------------------------------


@pytest.fixture
def slow_fake_llm() -> Iterator[str]:
    """The fake OpenAI server on its own thread, streaming a long answer slowly."""
    from tests.support.fake_openai import FakeOpenAI

    loop = asyncio.new_event_loop()
    fake = FakeOpenAI()
    fake.stream_chunk_delay = 0.3
    fake.reply = lambda messages: "You may send up to 45 applications in SOAP [1]. " * 12
    loop.run_until_complete(fake.start())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield fake.base_url
    finally:
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def test_ctrl_c_stops_a_streaming_answer_and_twice_on_an_empty_line_leaves(
    console_dir: Path, slow_fake_llm: str
) -> None:
    child = spawn(console_dir, OPENAI_BASE_URL=slow_fake_llm, OPENAI_API_KEY="test-key")
    try:
        child.expect("Running in AI mode", START_TIMEOUT)
        child.prompt()
        child.line("How many programs can I apply to in SOAP?")
        child.expect("still writing")  # the answer streams as it arrives
        stopped = time.monotonic()
        child.control("c")
        child.expect("Cancelled.", 10)
        child.prompt(10)
        assert time.monotonic() - stopped < 10
        child.control("c")
        child.expect("To leave, press Ctrl-C again")
        child.control("c")
        child.expect("good luck this week")
        child.ends()
    finally:
        child.child.close(force=True)
