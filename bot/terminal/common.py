"""What every terminal module shares: the local user's id, the two consoles, loading settings,
one-line errors, JSON output, and running async work with the services or the store.

Imports no other terminal module, so the area modules (ask, critique, interview, companion,
privacy) and the console loop (``repl``) all import it without a cycle.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from bot.config import Settings, SettingsError, load_settings
from bot.core.screen import PAUSED_NOTE, ScreenResult
from bot.logs import configure_logging

if TYPE_CHECKING:
    from bot.core.base.store import Store
    from bot.core.services import Services

T = TypeVar("T")

#: The user id the terminal stores data under (Discord ids are never 0).
CONSOLE_USER_ID = 0

out = Console()
err = Console(stderr=True)

JSON_OPTION = typer.Option(False, "--json", help="Print one JSON object on stdout.")
STATUS_STYLE = {"pass": "green", "warn": "yellow", "fail": "red"}


def render_care(console: Console, care: ScreenResult, *, paused: bool = False) -> None:
    """The distress screen's reply (crisis resources or the check-in), before anything else."""
    if care.reply is None:
        return
    console.print(Panel(Text(care.reply.replace("**", "")), border_style="magenta"))
    if paused:
        console.print(PAUSED_NOTE)


def care_json(care: ScreenResult) -> dict[str, str] | None:
    """The distress screen's outcome in one-shot JSON: ``{"tier", "message"}`` or null."""
    return {"tier": care.tier, "message": care.reply or ""} if care.needs_care else None


def mode_label(mode: str) -> str:
    return "AI mode (LLM)" if mode == "llm" else "offline mode (no LLM)"


def cli_settings() -> Settings:
    """Load settings; one-shot commands log warnings only unless LOG_LEVEL is set."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        err.print(f"[red]Error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None
    secrets = [s.get_secret_value() for s in (settings.discord_token, settings.openai_api_key) if s]
    level = settings.log_level if os.environ.get("LOG_LEVEL") else "WARNING"
    configure_logging(level, secrets)
    return settings


def fail(message: str, code: int = 1, as_json: bool = False) -> NoReturn:
    """End a one-shot command with one line (or one JSON object) and an exit code."""
    if as_json:
        print(json.dumps({"error": message}))
    else:
        err.print(f"[red]Error:[/] {escape(message)}")
    raise typer.Exit(code)


def emit_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")


def read_input(source: str) -> str:
    """A one-shot command's text: a file, or standard input for ``-``."""
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    if not path.is_file():
        raise typer.BadParameter(f"no such file: {source}")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise typer.BadParameter(f"{source} is not UTF-8 text") from None


def progress_callback(quiet: bool) -> Callable[[int, int], None] | None:
    """A progress bar on stderr while the guidance is embedded (None when quiet)."""
    if quiet:
        return None
    progress = Progress(
        TextColumn("Embedding guidance"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    task = progress.add_task("embed", total=None)

    def update(done: int, total: int) -> None:
        if done == 0:
            progress.start()
        progress.update(task, completed=done, total=total)
        if done >= total:
            progress.stop()

    return update


async def with_services(
    settings: Settings, work: Callable[[Services], Awaitable[T]], quiet: bool = False, need_index: bool = True
) -> T:
    """Build the services, make sure the index exists (when ``need_index``), run ``work``, close."""
    from bot.core.services import build_services

    services = await build_services(settings)
    try:
        if need_index and services.index.is_empty:
            if not quiet:
                err.print("[dim]Building the knowledge index for the first time…[/]")
            await services.ensure_index(progress_callback(quiet))
        return await work(services)
    finally:
        await services.close()


def with_store(settings: Settings, work: Callable[[Store], Awaitable[T]]) -> T:
    """Run ``work`` with the SQLite store only (commands that need no index or model)."""
    from bot.core.base.store import Store

    async def run() -> T:
        store = await Store(settings.db_path).open()
        try:
            return await work(store)
        finally:
            await store.close()

    return asyncio.run(run())
