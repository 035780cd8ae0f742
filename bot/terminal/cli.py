"""Command line: ``soapbot`` (also ``python -m bot``).

Every command that prints results accepts ``--json`` and then prints exactly one JSON
object on stdout; logs and progress go to stderr. The commands of each feature live in its
terminal module (ask, critique, interview, companion); this module starts the bot, the
console, indexing and the doctor.
"""

from __future__ import annotations

import asyncio

import typer

from bot.config import Settings
from bot.logs import configure_logging
from bot.terminal import ask, companion, critique, interview
from bot.terminal.common import (
    OneLineErrors,
    cli_settings,
    err,
    fail,
    out,
    progress_callback,
    route_console_logs,
    with_services,
)

app = OneLineErrors(
    rich_markup_mode=None,
    add_completion=False,
    no_args_is_help=False,
    help="SOAP Coach: answers SOAP questions, critiques outreach drafts and runs mock interviews.",
)


def _print_version(value: bool) -> None:
    if value:
        from bot import __version__

        print(f"soapbot {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """With no command: run the Discord bot if DISCORD_TOKEN is set, else the terminal console."""
    if ctx.invoked_subcommand is None:
        settings = cli_settings()
        if settings.discord_token is not None:
            _run_bot(settings)
        else:
            err.print("[dim]No DISCORD_TOKEN set: starting the terminal console (soapbot chat).[/]")
            _run_console(settings)


@app.command()
def run() -> None:
    """Run the Discord bot (needs DISCORD_TOKEN)."""
    settings = cli_settings()
    if settings.discord_token is None:
        fail("DISCORD_TOKEN is not set. Put it in .env (see .env.example), or try `soapbot chat`.", 2)
    _run_bot(settings)


def _run_bot(settings: Settings) -> None:
    from bot.client import run_bot

    # A long-running service logs at INFO (ids, timings, token counts) unless told otherwise.
    secrets = [s.get_secret_value() for s in (settings.discord_token, settings.openai_api_key) if s]
    configure_logging(settings.log_level, secrets)

    import aiohttp
    import discord

    try:
        asyncio.run(run_bot(settings))
    except KeyboardInterrupt:
        err.print("Stopped.")
    except discord.LoginFailure:
        fail("Discord rejected DISCORD_TOKEN. Copy the token again from the Bot tab of your application.")
    except discord.PrivilegedIntentsRequired:
        fail("Discord refused a privileged intent. SOAP Coach needs none: check for a modified client.")
    except (aiohttp.ClientConnectionError, OSError) as exc:
        fail(
            f"Could not reach Discord ({type(exc).__name__}). Check the network connection"
            + (" and DISCORD_API_BASE_URL." if settings.discord_api_base_url else ".")
        )


@app.command()
def chat() -> None:
    """Interactive terminal console: ask questions, critique drafts, rehearse, interview."""
    _run_console(cli_settings())


def _run_console(settings: Settings) -> None:
    from bot.terminal.repl import BYE, run_console

    route_console_logs()
    try:
        asyncio.run(run_console(settings))
    except (KeyboardInterrupt, EOFError):
        err.print(f"\n{BYE}")


@app.command("interview")
def interview_command(
    specialty: str = typer.Option(None, "--specialty", help="e.g. internal-medicine, family-medicine, IM, peds."),
    length: str = typer.Option(None, "--length", help="short (4 questions) or full (8)."),
    img: bool = typer.Option(None, "--img/--no-img", help="Include questions for international graduates."),
) -> None:
    """A mock SOAP interview in the terminal, with feedback on every answer (resumes if interrupted)."""
    settings = cli_settings()
    if length is not None and length not in ("short", "full"):
        fail("--length must be short or full.", 2)
    from bot.core.services import Services
    from bot.terminal.lines import InputCancelled
    from bot.terminal.repl import ChatConsole, make_reader

    async def work(services: Services) -> None:
        chat = ChatConsole(services, out, reader=make_reader(out, settings))
        chat.resume_hint = "run `soapbot interview` again to continue"
        await interview.run_interview(chat, specialty, length, img)

    route_console_logs()
    try:
        asyncio.run(with_services(settings, work))
    except InputCancelled:
        pass  # Ctrl-C: the interview said it is paused
    except (KeyboardInterrupt, EOFError):
        err.print("\nPaused. Run `soapbot interview` again to continue where you left off.")


@app.command()
def index(rebuild: bool = typer.Option(False, "--rebuild", help="Re-embed every article.")) -> None:
    """Index the guidance in knowledge/ (incremental: unchanged sections are not re-embedded)."""
    settings = cli_settings()
    from bot.core.knowledge import ArticleError
    from bot.core.services import build_services

    async def work() -> None:
        services = await build_services(settings)
        try:
            report = await asyncio.to_thread(services.sync_builtin_knowledge, progress_callback(False), rebuild)
        finally:
            await services.close()
        out.print(
            f"Indexed {report.added + report.unchanged} sections "
            f"({report.added} new or changed, {report.unchanged} unchanged, {report.removed} removed) "
            f"in {report.seconds:.1f} s."
        )

    try:
        asyncio.run(work())
    except ArticleError as exc:
        fail(f"knowledge article problem: {exc}")


@app.command()
def doctor() -> None:
    """Check settings, the index, the LLM and Discord set-up, and say what to fix."""
    from bot.terminal.doctor import run_doctor

    raise typer.Exit(asyncio.run(run_doctor(cli_settings(), out)))


for area in (ask, critique, interview, companion):
    area.register_cli(app)


def main() -> None:
    from bot.core.base.embeddings import EmbeddingError

    try:
        app()
    except EmbeddingError as exc:  # one line (with --json, one JSON object), never a traceback
        import json
        import sys

        if "--json" in sys.argv[1:]:
            print(json.dumps({"error": str(exc)}))
        else:
            err.print(f"Error: {exc}", markup=False, highlight=False)
        raise SystemExit(1) from None
