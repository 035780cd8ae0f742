"""Reading what the student types in the console: a terminal with line editing, or a plain pipe.

Two readers with one interface (:class:`LineReader`):

- :class:`TerminalReader` (standard input and output are a terminal): prompt_toolkit line
  editing — arrows, Home/End, Ctrl-R search, Ctrl-L, history (the main prompt's kept in a file
  under DATA_DIR; the others for the session only), bracketed paste so pasted text of any length
  arrives whole, and a multi-line mode for drafts and answers.
- :class:`PlainReader` (a pipe, or a function injected by tests): one line at a time; a block
  of several lines ends with a line holding only ".".

Ctrl-C at a prompt raises :class:`InputCancelled` (``empty`` says whether nothing was typed);
Ctrl-D on an empty line raises :class:`EOFError`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from rich.console import Console

END_OF_TEXT = "."
#: Terminals in line mode deliver at most this many characters of one line (a pipe has no limit).
TERMINAL_LINE_LIMIT = 4095
#: Where the main prompt's history is kept, under DATA_DIR.
HISTORY_FILE = "console_history"
MULTILINE_HELP = "Enter adds a line · Esc then Enter (or a line with only '.') sends · Ctrl-C cancels"


class InputCancelled(Exception):
    """Ctrl-C at a prompt: what was being typed is dropped and the command stops."""

    def __init__(self, empty: bool) -> None:
        super().__init__("cancelled")
        #: True when Ctrl-C was pressed on an empty line.
        self.empty = empty


def history_path(data_dir: Path) -> Path:
    return data_dir / HISTORY_FILE


class LineReader:
    """What :class:`bot.terminal.repl.ChatConsole` reads from."""

    #: True when the reader edits several lines at once (no '.' line needed).
    multiline = False

    async def read(self, prompt: str, *, main: bool = False, default: str = "") -> str:
        """One entry (``main``: the console's own prompt, whose history is kept)."""
        raise NotImplementedError

    async def read_block(self, prompt: str, commands: Collection[str] = (), default: str = "") -> str:
        """Several lines (a draft, an answer); a first line in ``commands`` is returned at once."""
        raise NotImplementedError

    def forget_history(self) -> None:
        """Drop the history kept in memory (after its file was deleted)."""

    def set_commands(self, names: Collection[str]) -> None:
        """The console's /commands, for completion with Tab."""


# ----- a pipe --------------------------------------------------------------------------------------


class PlainReader(LineReader):
    """Lines from ``read_line(prompt)`` (default: ``console.input``), read in a daemon thread so
    that leaving never waits for a blocked read. A read interrupted by Ctrl-C is not repeated:
    the next read receives the line it was waiting for."""

    def __init__(self, console: Console, read_line: Callable[[str], str] | None = None) -> None:
        self.console = console
        self._read_line = read_line or (lambda prompt: console.input(prompt))
        self._pending: asyncio.Future[str] | None = None

    def _start(self, prompt: str) -> asyncio.Future[str]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[str] = loop.create_future()

        def settle(value: str | None, error: BaseException | None) -> None:
            if future.done():
                return
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(value or "")

        def work() -> None:
            try:
                value, error = self._read_line(prompt), None
            except BaseException as exc:  # noqa: BLE001 - EOFError and friends travel to the loop
                value, error = None, exc
            with contextlib.suppress(RuntimeError):  # the loop closed while we waited: nobody listens
                loop.call_soon_threadsafe(settle, value, error)

        threading.Thread(target=work, name="console-input", daemon=True).start()
        return future

    async def read(self, prompt: str, *, main: bool = False, default: str = "") -> str:
        if self._pending is None:
            self._pending = self._start(prompt)
        pending = self._pending
        try:
            return await asyncio.shield(pending)
        finally:
            if pending.done():
                self._pending = None

    async def read_block(self, prompt: str, commands: Collection[str] = (), default: str = "") -> str:
        self.console.print(f"[dim]{prompt} End with a line containing only '{END_OF_TEXT}'.[/]")
        lines: list[str] = []
        while True:
            try:
                line = await self.read("")
            except EOFError:
                if not lines:
                    raise  # nothing typed: the user closed the input
                break
            if not lines and line.strip().lower() in commands:
                return line.strip()
            if line.strip() == END_OF_TEXT:
                break
            if len(line) >= TERMINAL_LINE_LIMIT:
                self.console.print(
                    "[yellow]Your terminal cuts a line at about 4,000 characters, so the end of that line may be "
                    "missing. Paste long text with its line breaks, or give a file to the command "
                    "(e.g. `soapbot critique FILE`).[/]"
                )
            lines.append(line)
        return "\n".join(lines)


# ----- a terminal ----------------------------------------------------------------------------------


class TerminalReader(LineReader):
    """prompt_toolkit prompts. The main prompt's history is kept in ``history_file`` (created
    readable by its owner only); other prompts share a history for this session only, which
    also keeps any text cancelled with Ctrl-C (the up arrow brings it back)."""

    multiline = True

    def __init__(self, console: Console, history_file: Path | None = None) -> None:
        self.console = console
        self.history_file = history_file
        self.commands: list[str] = []
        self._sessions: dict[str, Any] = {}

    # prompt_toolkit is imported here only: piped runs and one-shot commands never load it.
    def _session(self, kind: str) -> Any:
        """One prompt session per kind of input (a session keeps the options of its last prompt):
        ``main`` (the console's prompt, history in a file), ``line`` (form fields) and ``block``
        (drafts and answers); the last two keep their history for this session only."""
        from prompt_toolkit import PromptSession
        from prompt_toolkit.completion import WordCompleter
        from prompt_toolkit.history import FileHistory, InMemoryHistory

        if kind in self._sessions:
            return self._sessions[kind]
        if kind == "main" and self.history_file is not None:
            self.history_file.parent.mkdir(parents=True, exist_ok=True)
            if not self.history_file.exists():
                os.close(os.open(self.history_file, os.O_CREAT | os.O_WRONLY, 0o600))
            history: Any = FileHistory(str(self.history_file))
        else:
            history = InMemoryHistory()
        completer = WordCompleter([f"/{c}" for c in self.commands], sentence=True) if kind == "main" else None
        session: PromptSession[str] = PromptSession(
            history=history,
            completer=completer,
            complete_while_typing=False,
            key_bindings=self._bindings(keep_cancelled=kind != "main"),
            enable_suspend=False,
        )
        self._sessions[kind] = session
        return session

    @staticmethod
    def _bindings(keep_cancelled: bool) -> Any:
        """Ctrl-C cancels the input; with ``keep_cancelled`` the text goes to the (in-memory)
        history first, so the up arrow brings back a draft cancelled by mistake."""
        from prompt_toolkit.key_binding import KeyBindings

        bindings = KeyBindings()

        @bindings.add("c-c")
        def _cancel(event: Any) -> None:
            text = event.app.current_buffer.text
            if keep_cancelled and text.strip():
                event.app.current_buffer.history.append_string(text)
            event.app.exit(exception=InputCancelled(empty=not text.strip()), style="class:aborting")

        return bindings

    def _prompt(self, markup: str) -> Any:
        """Rich markup (e.g. ``[bold cyan]you>[/]``) as prompt_toolkit's ANSI text."""
        from prompt_toolkit.formatted_text import ANSI

        with self.console.capture() as captured:
            self.console.print(markup, end="", soft_wrap=True, highlight=False)
        return ANSI(captured.get())

    async def read(self, prompt: str, *, main: bool = False, default: str = "") -> str:
        session = self._session("main" if main else "line")
        return await session.prompt_async(self._prompt(prompt), default=default, handle_sigint=False)

    async def read_block(self, prompt: str, commands: Collection[str] = (), default: str = "") -> str:
        from prompt_toolkit.filters import Condition
        from prompt_toolkit.formatted_text import HTML
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

        self.console.print(f"[dim]{prompt}[/]")
        session = self._session("block")
        wanted = {c.lower() for c in commands}
        bindings = KeyBindings()

        @Condition
        def is_command() -> bool:
            return session.default_buffer.text.strip().lower() in wanted

        @Condition
        def ends_with_dot() -> bool:
            document = session.default_buffer.document
            return document.is_cursor_at_the_end and document.current_line.strip() == END_OF_TEXT

        @bindings.add("enter", filter=is_command)
        def _command(event: Any) -> None:
            event.current_buffer.validate_and_handle()

        @bindings.add("enter", filter=ends_with_dot & ~is_command)
        def _dot(event: Any) -> None:
            buffer = event.current_buffer
            buffer.text = buffer.text.rstrip()[:-1].rstrip()
            buffer.validate_and_handle()

        @bindings.add("escape", "enter")
        def _send(event: Any) -> None:
            event.current_buffer.validate_and_handle()

        text = await session.prompt_async(
            self._prompt("[bold magenta]multi-line>[/] "),
            multiline=True,
            default=default,
            prompt_continuation=lambda width, line, wrap: "... ".rjust(width),
            bottom_toolbar=HTML(f"<b>Multi-line</b> · {MULTILINE_HELP}"),
            key_bindings=merge_key_bindings([self._bindings(keep_cancelled=True), bindings]),
            handle_sigint=False,
        )
        return text.strip() if text.strip().lower() in wanted else text.rstrip()

    def forget_history(self) -> None:
        self._sessions.clear()

    def set_commands(self, names: Collection[str]) -> None:
        self.commands = sorted(names)
        self._sessions.pop("main", None)
