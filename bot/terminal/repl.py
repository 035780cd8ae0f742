"""The terminal console (``soapbot chat``): a read-eval-print loop over one command table.

A thin front end over ``bot.core``, like the Discord cogs. Each area module (ask, critique,
interview, companion, privacy) registers its ``/commands`` here; plain text is a question.
"""

from __future__ import annotations

import asyncio
import logging
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
from bot.terminal.common import mode_label, render_care

log = logging.getLogger(__name__)

END_OF_TEXT = "."
#: Terminals in line mode deliver at most this many characters of one line.
TERMINAL_LINE_LIMIT = 4095
Handler = Callable[[str], Awaitable[None]]


@dataclass
class ConsoleCommand:
    name: str
    help: str
    handler: Handler


class ChatConsole:
    """A read-eval-print loop. ``read_line(prompt)`` is injectable so tests can drive it."""

    def __init__(
        self,
        services: Services,
        console: Console,
        read_line: Callable[[str], str] | None = None,
    ) -> None:
        self.services = services
        self.console = console
        self._read_line = read_line or (lambda prompt: console.input(prompt))
        self.commands: dict[str, ConsoleCommand] = {}
        self.default_handler: Handler | None = None
        self.running = True
        self.register("help", "List commands.", self.cmd_help)
        for area in (ask, interview, critique, companion, privacy):
            area.register_console(self)
        self.register("quit", "Leave the console (also /exit or Ctrl-D).", self.cmd_quit)
        self.commands["exit"] = self.commands["quit"]

    def register(self, name: str, help_text: str, handler: Handler) -> None:
        self.commands[name] = ConsoleCommand(name, help_text, handler)

    async def read(self, prompt: str) -> str:
        """One line from the user; EOFError propagates (Ctrl-D)."""
        return await asyncio.to_thread(self._read_line, prompt)

    async def read_block(self, prompt: str, commands: Collection[str] = ()) -> str:
        """Several lines, ended by a line holding only '.' (or Ctrl-D).

        A first line that is one of ``commands`` (e.g. "/skip") is returned at once.
        """
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
                    "[yellow]Your terminal cuts a pasted line at about 4,000 characters, so the end of that line "
                    "may be missing. Paste long text with its line breaks, or give a file to the command "
                    "(e.g. `soapbot critique FILE`).[/]"
                )
            lines.append(line)
        return "\n".join(lines)

    async def choose(self, prompt: str, options: Sequence[tuple[str, str]], default: str | None = None) -> str:
        """Pick one of ``options`` ((value, label) pairs) by number or value; Enter takes the default."""
        self.console.print(f"[bold]{prompt}[/]")
        for number, (value, label) in enumerate(options, 1):
            marker = " [dim](default)[/]" if value == default else ""
            self.console.print(f"  {number}. {label}{marker}")
        while True:
            raw = (await self.read("> ")).strip().lower()
            if not raw and default is not None:
                return default
            if raw.isdigit() and 1 <= int(raw) <= len(options):
                return options[int(raw) - 1][0]
            for value, _ in options:
                if raw == value.lower():
                    return value
            self.console.print(f"[yellow]Please type a number from 1 to {len(options)}.[/]")

    async def care_first(self, text: str) -> ScreenResult:
        """Screen what the student wrote; the crisis reply or the check-in is printed first."""
        care = await self.services.screen.screen(text)
        render_care(self.console, care)
        return care

    def greet(self) -> None:
        self.console.print(
            Panel.fit(
                "[bold]SOAP Coach[/] — help with the NRMP SOAP during Match Week.\n"
                "Type a question, or /help for commands. "
                f"Running in {mode_label(self.services.mode)}.",
                border_style="cyan",
            )
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
        self.greet()
        while self.running:
            try:
                line = await self.read("[bold cyan]you>[/] ")
            except EOFError:
                break
            try:
                await self.handle(line)
            except EOFError:
                break
            except Exception:  # noqa: BLE001 - the console must survive any single command
                log.exception("console command failed")
                self.console.print("[red]Something went wrong with that command.[/] Please try again.")

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
        self.console.print("Bye — good luck this week.")


async def run_console(settings: Settings, console: Console | None = None, read_line: Any = None) -> None:
    console = console or Console()
    services = await build_services(settings)
    try:
        if services.index.is_empty:
            console.print("[dim]Building the knowledge index for the first time (about half a minute)…[/]")
        with console.status("Loading the guidance…"):
            await services.ensure_index()
        await ChatConsole(services, console, read_line).run()
    finally:
        await services.close()
