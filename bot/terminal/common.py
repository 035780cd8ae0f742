"""What every terminal module shares: the local user's id, the two consoles, loading settings,
one-line errors, JSON output, and running async work with the services or the store.

Imports no other terminal module, so the area modules (ask, critique, interview, companion,
privacy) and the console loop (``repl``) all import it without a cycle.
"""

from __future__ import annotations

import asyncio
import json
import logging
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
from bot.core.screen import NONE, PAUSED_NOTE, ScreenResult
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


def screen_text(settings: Settings, text: str) -> ScreenResult:
    """The distress screen on what a one-shot command was given to keep (contact notes, profile
    text), for commands that otherwise need neither the model nor the LLM."""
    if not text.strip():
        return NONE
    from bot.core.base.embeddings import LocalMiniLM
    from bot.core.base.llm import build_llm
    from bot.core.screen import DistressScreen

    async def run() -> ScreenResult:
        llm = build_llm(settings)
        try:
            moderator = llm.moderate_self_harm if llm is not None else None
            screen = DistressScreen.default(
                LocalMiniLM.shared(), moderator=moderator, moderation_timeout=settings.moderation_timeout_seconds
            )
            return await screen.screen(text)
        finally:
            if llm is not None:
                await llm.close()

    return asyncio.run(run())


def mode_label(mode: str) -> str:
    return "AI mode (LLM)" if mode == "llm" else "offline mode (no LLM)"


#: How long the console waits at start for the LLM server to answer before running offline.
LLM_PROBE_SECONDS = 2.0


async def check_llm_reachable(services: Services, timeout: float = LLM_PROBE_SECONDS) -> str | None:
    """A cheap check at the console's start that the configured LLM server answers (one request
    for its model list, ``timeout`` seconds at most). When it does not, or refuses the key, the
    console runs offline (and says why) instead of waiting for timeouts on every question.
    Returns that reason, or None when there is nothing to say."""
    llm = services.llm
    if llm is None:
        return None
    import httpx

    settings = services.settings
    base = (settings.openai_base_url or "https://api.openai.com/v1").rstrip("/")
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
    where = settings.openai_base_url or "the OpenAI API"
    reason = None
    try:
        async with httpx.AsyncClient(timeout=timeout) as client:
            response = await client.get(f"{base}/models", headers={"Authorization": f"Bearer {key}"})
        if response.status_code in (401, 403):
            reason = f"{where} refused OPENAI_API_KEY"
    except (httpx.HTTPError, OSError) as exc:
        reason = f"the AI server at {where} did not answer ({type(exc).__name__})"
    if reason is None:
        return None
    logging.getLogger(__name__).info("console offline: llm probe failed")
    services.screen.moderator = None
    services.llm = None
    await llm.close()
    return f"{reason}; restart the console once it is running (`soapbot doctor` checks it)"


class ConsoleLogNotice(logging.Handler):
    """Keeps log records off the console's screen (they would print over its spinner) and leaves
    one short notice, shown once between commands, when something was logged at WARNING or above."""

    _pending: str | None = None
    _shown = False

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING or ConsoleLogNotice._shown or ConsoleLogNotice._pending:
            return
        name = record.name
        if name.startswith(("bot.core.base.llm", "openai", "httpx")):
            text = "The AI server had a problem (details are kept out of the console); replies say when they fell "
            text += "back to offline mode. `soapbot doctor` checks the set-up."
        else:
            text = "A background warning was kept out of the console; set LOG_LEVEL=WARNING to see such warnings."
        ConsoleLogNotice._pending = text

    @classmethod
    def take(cls) -> str | None:
        """The notice, once per run."""
        text, cls._pending = cls._pending, None
        if text:
            cls._shown = True
        return text


def route_console_logs() -> None:
    """In the interactive console, log records become at most one notice (see
    :class:`ConsoleLogNotice`) unless LOG_LEVEL asks for them on standard error."""
    if os.environ.get("LOG_LEVEL"):
        return
    root = logging.getLogger()
    handler = ConsoleLogNotice(logging.WARNING)
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)


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


class OneLineErrors(typer.Typer):
    """The ``soapbot`` application: every error ends the command with one line on standard
    error (one JSON object on standard output with ``--json``), never a box or a traceback.

    typer's own errors (a missing argument, a bad option value, a missing file) exit with 2, as
    does :func:`fail` for bad input; an unexpected error prints one line (its traceback only
    with LOG_LEVEL=DEBUG) and exits with 1.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # typer's click (bundled in recent typer releases): its classes, found from typer's own.
        usage_error: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
        click_exception: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
        as_json = "--json" in (kwargs.get("args") or sys.argv[1:])
        kwargs.setdefault("standalone_mode", False)
        try:
            code = super().__call__(*args, **kwargs)
        except usage_error as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # a command group on its own: its help
                print(exc.format_message())
                raise SystemExit(2) from None
            where = exc.ctx.command_path if exc.ctx is not None else "soapbot"
            _one_line(f"{exc.format_message().rstrip('.')} (try: {where} --help)", as_json)
            raise SystemExit(2) from None
        except click_exception as exc:
            _one_line(exc.format_message(), as_json)
            raise SystemExit(exc.exit_code) from None
        except typer.Abort:
            raise SystemExit(130) from None
        except Exception as exc:  # noqa: BLE001 - one line instead of a traceback
            logging.getLogger(__name__).debug("command failed", exc_info=True)
            if type(exc).__module__.startswith("bot."):
                message = str(exc)  # the project's errors are written for the person reading them
            else:
                message = f"an unexpected {type(exc).__name__}; set LOG_LEVEL=DEBUG to see where it happened"
            _one_line(message, as_json)
            raise SystemExit(1) from None
        raise SystemExit(code if isinstance(code, int) else 0)


def _one_line(message: str, as_json: bool) -> None:
    message = " ".join(message.split())
    if as_json:
        print(json.dumps({"error": message}))
    else:
        err.print(f"[red]Error:[/] {escape(message)}", soft_wrap=True)


def fail(message: str, code: int = 1, as_json: bool = False) -> NoReturn:
    """End a one-shot command with one line (or one JSON object) and an exit code."""
    _one_line(message, as_json)
    raise typer.Exit(code)


def emit_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")


def read_input(source: str) -> str:
    """A one-shot command's text: a file, or standard input for ``-``."""
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    if not path.is_file():
        raise typer.BadParameter(f"no such file: {source}", param_hint="FILE")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise typer.BadParameter(f"{source} is not UTF-8 text", param_hint="FILE") from None


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
