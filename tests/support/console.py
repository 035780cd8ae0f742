"""The terminal console driven by a script of lines, for tests: what it printed is in the
returned buffer, and running out of lines is Ctrl-D (EOFError), as at a real prompt."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console

from bot.core.services import Services
from bot.terminal.repl import ChatConsole


def scripted_console(
    services: Services, lines: list[str], *, width: int = 200, **options: Any
) -> tuple[ChatConsole, io.StringIO]:
    """A ChatConsole that reads ``lines`` one prompt at a time, printing plain text (no colour,
    no terminal codes) ``width`` columns wide; ``options`` go to ChatConsole."""
    feed = iter(lines)

    def read_line(_prompt: str) -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    output = io.StringIO()
    console = Console(file=output, width=width, force_terminal=False, color_system=None)
    return ChatConsole(services, console, read_line, **options), output
