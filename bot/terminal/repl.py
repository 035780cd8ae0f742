"""The terminal console (``soapbot chat``): a read-eval-print loop over one command table.

A thin front end over ``bot.core``, like the Discord cogs. Each area module (ask, critique,
interview, companion, privacy) registers its ``/commands`` here; plain text is a question.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from bot.config import Settings
from bot.core.screen import ScreenResult
from bot.core.services import Services, build_services
from bot.terminal import ask, companion, critique, interview, privacy
from bot.terminal.common import CONSOLE_USER_ID, ConsoleLogNotice, check_llm_reachable, mode_label, render_care
from bot.terminal.lines import END_OF_TEXT, InputCancelled, LineReader, PlainReader, TerminalReader, history_path

log = logging.getLogger(__name__)

__all__ = ["END_OF_TEXT", "ChatConsole", "ConsoleCommand", "InputCancelled", "make_reader", "run_console"]

EXIT_HINT = "[dim](To leave, press Ctrl-C again, Ctrl-D, or type /quit.)[/]"
BYE = "Bye — good luck this week."
Handler = Callable[[str], Awaitable[None]]


@dataclass
class ConsoleCommand:
    name: str
    help: str
    handler: Handler


class ChatConsole:
    """A read-eval-print loop over a :class:`~bot.terminal.lines.LineReader`.

    ``read_line(prompt)`` is injectable so tests can drive it like a pipe; ``reader`` gives the
    terminal reader (line editing, history, paste) when standard input is a terminal.

    Ctrl-C cancels what is being typed or the command that is running (an answer being
    generated, a review) and returns to the prompt; Ctrl-D, or Ctrl-C twice on an empty line,
    leaves at once. An interview in progress is saved after every answer, so leaving pauses it.
    """

    def __init__(
        self,
        services: Services,
        console: Console,
        read_line: Callable[[str], str] | None = None,
        *,
        reader: LineReader | None = None,
        llm_note: str | None = None,
    ) -> None:
        self.services = services
        self.console = console
        self.reader = reader or PlainReader(console, read_line)
        #: Why AI mode is off although an LLM is configured (the start-up check failed).
        self.llm_note = llm_note
        self.commands: dict[str, ConsoleCommand] = {}
        self.default_handler: Handler | None = None
        self.running = True
        self._task: asyncio.Task[Any] | None = None
        self._interrupted = False
        #: How to continue a paused mock interview from this front end.
        self.resume_hint = "/interview continues it"
        self.register("help", "List commands.", self.cmd_help)
        for area in (ask, interview, critique, companion, privacy):
            area.register_console(self)
        self.register("quit", "Leave the console (also /exit or Ctrl-D).", self.cmd_quit)
        self.commands["exit"] = self.commands["quit"]
        self.reader.set_commands(self.commands)

    def register(self, name: str, help_text: str, handler: Handler) -> None:
        self.commands[name] = ConsoleCommand(name, help_text, handler)

    async def read(self, prompt: str, *, default: str = "") -> str:
        """One line from the user (``default``: text to edit, in a terminal).

        EOFError propagates (Ctrl-D), and InputCancelled (Ctrl-C)."""
        return await self.reader.read(prompt, default=default)

    async def read_block(self, prompt: str, commands: Collection[str] = (), default: str = "") -> str:
        """Several lines (a draft, an answer): in a terminal, one multi-line entry (pasted text
        arrives whole); from a pipe, lines ended by a line holding only '.' (or Ctrl-D).

        A first line that is one of ``commands`` (e.g. "/skip") is returned at once.
        """
        return await self.reader.read_block(prompt, commands, default)

    async def choose(self, prompt: str, options: Sequence[tuple[str, str]], default: str | None = None) -> str:
        """Pick one of ``options`` ((value, label) pairs) by number, value or label; Enter takes
        the default. A bad answer is asked again."""
        self.console.print(f"[bold]{prompt}[/]")
        for number, (value, label) in enumerate(options, 1):
            marker = " [dim](default)[/]" if value == default else ""
            self.console.print(f"  {number}. {escape(label)}{marker}")
        while True:
            raw = " ".join((await self.read("> ")).strip().lower().split())
            if not raw and default is not None:
                return default
            if raw.isdigit() and 1 <= int(raw) <= len(options):
                return options[int(raw) - 1][0]
            for value, label in options:
                if raw in (value.lower(), label.lower(), value.lower().replace("-", " ")):
                    return value
            self.console.print(f"[yellow]Please type a number from 1 to {len(options)}.[/]")

    async def care_first(self, text: str) -> ScreenResult:
        """Screen what the student wrote; the crisis reply or the check-in is printed first."""
        care = await self.services.screen.screen(text)
        render_care(self.console, care)
        return care

    async def greet(self) -> None:
        mode = mode_label(self.services.mode)
        if self.llm_note:
            mode = f"{mode_label('offline')}: {escape(self.llm_note)}"
        keys = "Ctrl-C cancels, Ctrl-D leaves." if self.reader.multiline else "Ctrl-D leaves."
        self.console.print(
            Panel.fit(
                "[bold]SOAP Coach[/] — help with the NRMP SOAP during Match Week.\n"
                f"Type a question, or /help for commands. {keys}\n"
                f"Running in {mode}.",
                border_style="cyan",
            )
        )
        session = await self.services.interviews.active(CONSOLE_USER_ID)
        if session is not None:
            self.console.print(
                f"[cyan]Your mock interview is paused at question {session.number} of {session.total}.[/] "
                "Type /interview to continue it."
            )

    async def handle(self, line: str) -> None:
        line = line.strip()
        if not line:
            return
        if line.startswith("/"):
            name, _, rest = line[1:].partition(" ")
            command = self.commands.get(name.lower())
            if command is None:
                self.console.print(f"[yellow]Unknown command /{escape(name)}.[/] Type /help to see the commands.")
                return
            await command.handler(rest.strip())
        elif self.default_handler is not None:
            await self.default_handler(line)

    async def run(self) -> None:
        """Greet, then read and run commands until /quit, Ctrl-D or Ctrl-C twice on an empty line."""
        with self._interrupts():
            await self.greet()
            empty_interrupts = 0
            while self.running:
                try:
                    line = await self._interruptible(self.reader.read("[bold cyan]you>[/] ", main=True))
                except EOFError:
                    break
                except InputCancelled as cancelled:
                    empty_interrupts = empty_interrupts + 1 if cancelled.empty else 0
                    if empty_interrupts >= 2:
                        break
                    if cancelled.empty:
                        self.console.print(EXIT_HINT)
                    continue
                empty_interrupts = 0
                try:
                    await self._interruptible(self.handle(line))
                except EOFError:
                    break
                except InputCancelled:
                    self.console.print("[dim]Cancelled.[/]")
                except Exception:  # noqa: BLE001 - the console must survive any single command
                    log.exception("console command failed")
                    self.console.print("[red]Something went wrong with that command.[/] Please try again.")
                self.show_log_notice()
        if self.running:
            self.console.print(f"\n{BYE}")
        await self.remind_paused_interview()

    async def remind_paused_interview(self) -> None:
        session = await self.services.interviews.active(CONSOLE_USER_ID)
        if session is not None:
            self.console.print(
                f"[cyan]Your mock interview is saved at question {session.number} of {session.total}:[/] "
                "/interview in `soapbot chat`, or `soapbot interview`, continues it."
            )

    def show_log_notice(self) -> None:
        """One line, once, when warnings were logged (they are kept off the screen)."""
        notice = ConsoleLogNotice.take()
        if notice:
            self.console.print(f"[dim]{escape(notice)}[/]")

    async def _interruptible(self, work: Awaitable[Any]) -> Any:
        """Run ``work`` so that Ctrl-C (SIGINT, when the terminal is not in a prompt) cancels it
        and raises InputCancelled; nothing else is cancelled."""
        task = asyncio.ensure_future(work)
        self._task, self._interrupted = task, False
        try:
            await asyncio.wait({task})
        except asyncio.CancelledError:
            task.cancel()
            raise
        finally:
            self._task = None
        if task.cancelled() and self._interrupted:
            raise InputCancelled(empty=True)
        return task.result()

    @contextlib.contextmanager
    def _interrupts(self) -> Any:
        """Route SIGINT to the running command while the loop runs (where signals can be caught)."""
        loop = asyncio.get_running_loop()

        def interrupt() -> None:
            if self._task is not None and not self._task.done():
                self._interrupted = True
                self._task.cancel()

        try:
            loop.add_signal_handler(signal.SIGINT, interrupt)
            installed = True
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or no signals here
            installed = False
        try:
            yield
        finally:
            if installed:
                loop.remove_signal_handler(signal.SIGINT)

    async def cmd_help(self, _: str) -> None:
        table = Table(show_header=False, box=None)
        seen = set()
        for command in self.commands.values():
            if command.name in seen:
                continue
            seen.add(command.name)
            table.add_row(f"/{command.name}", command.help)
        self.console.print(table)

    async def cmd_quit(self, _: str) -> None:
        self.running = False
        self.console.print(BYE)


def make_reader(console: Console, settings: Settings, read_line: Callable[[str], str] | None = None) -> LineReader:
    """The terminal reader when both ends are a terminal (and no ``read_line`` is given), else a pipe."""
    if read_line is None and sys.stdin.isatty() and sys.stdout.isatty():
        return TerminalReader(console, history_path(settings.data_dir))
    return PlainReader(console, read_line)


async def run_console(settings: Settings, console: Console | None = None, read_line: Any = None) -> None:
    console = console or Console()
    services = await build_services(settings)
    try:
        if services.index.is_empty:
            console.print("[dim]Building the knowledge index for the first time (about half a minute)…[/]")
        with console.status("Loading the guidance…"):
            await services.ensure_index()
            note = await check_llm_reachable(services)
        chat = ChatConsole(services, console, reader=make_reader(console, settings, read_line), llm_note=note)
        await chat.run()
    finally:
        await services.close()
