"""Command line: ``soapbot`` (also ``python -m bot``).

Every command that prints results accepts ``--json`` and then prints exactly one JSON
object on stdout; logs and progress go to stderr.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot.companion_terminal import add_cli_commands
from bot.config import Settings, SettingsError, load_settings
from bot.logs import configure_logging

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    help="SOAP Coach: answers SOAP questions, critiques outreach drafts and runs mock interviews.",
)
out = Console()
err = Console(stderr=True)
T = TypeVar("T")

JSON_OPTION = typer.Option(False, "--json", help="Print one JSON object on stdout.")


def _settings() -> Settings:
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


def _fail(message: str, code: int = 1, as_json: bool = False) -> None:
    if as_json:
        print(json.dumps({"error": message}))
    else:
        err.print(f"[red]Error:[/] {escape(message)}")
    raise typer.Exit(code)


def _emit_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")


async def _with_services(
    settings: Settings, work: Callable[[Any], Awaitable[T]], quiet: bool = False, need_index: bool = True
) -> T:
    from bot.core.services import build_services

    services = await build_services(settings)
    try:
        if need_index and services.index.is_empty:
            if not quiet:
                err.print("[dim]Building the knowledge index for the first time…[/]")
            await services.ensure_index(_progress_callback(quiet))
        return await work(services)
    finally:
        await services.close()


def _progress_callback(quiet: bool):  # type: ignore[no-untyped-def]
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


def _read_input(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    if not path.is_file():
        raise typer.BadParameter(f"no such file: {source}")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise typer.BadParameter(f"{source} is not UTF-8 text") from None


@app.callback(invoke_without_command=True)
def main_callback(ctx: typer.Context) -> None:
    """With no command: run the Discord bot if DISCORD_TOKEN is set, else the terminal console."""
    if ctx.invoked_subcommand is None:
        settings = _settings()
        if settings.discord_token is not None:
            _run_bot(settings)
        else:
            err.print("[dim]No DISCORD_TOKEN set: starting the terminal console (soapbot chat).[/]")
            _run_console(settings)


@app.command()
def run() -> None:
    """Run the Discord bot (needs DISCORD_TOKEN)."""
    settings = _settings()
    if settings.discord_token is None:
        _fail("DISCORD_TOKEN is not set. Put it in .env (see .env.example), or try `soapbot chat`.", 2)
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
        _fail("Discord rejected DISCORD_TOKEN. Copy the token again from the Bot tab of your application.")
    except discord.PrivilegedIntentsRequired:
        _fail("Discord refused a privileged intent. SOAP Coach needs none: check for a modified client.")
    except (aiohttp.ClientConnectionError, OSError) as exc:
        _fail(
            f"Could not reach Discord ({type(exc).__name__}). Check the network connection"
            + (" and DISCORD_API_BASE_URL." if settings.discord_api_base_url else ".")
        )


@app.command()
def chat() -> None:
    """Interactive terminal console: ask questions, critique drafts, rehearse, interview."""
    _run_console(_settings())


def _run_console(settings: Settings) -> None:
    from bot.console import run_console

    try:
        asyncio.run(run_console(settings))
    except (KeyboardInterrupt, EOFError):
        err.print("\nBye — good luck this week.")


@app.command()
def index(rebuild: bool = typer.Option(False, "--rebuild", help="Re-embed every article.")) -> None:
    """Index the guidance in knowledge/ (incremental: unchanged sections are not re-embedded)."""
    settings = _settings()
    from bot.core.knowledge.articles import ArticleError
    from bot.core.services import build_services

    async def work() -> None:
        services = await build_services(settings)
        try:
            report = await asyncio.to_thread(services.sync_builtin_knowledge, _progress_callback(False), rebuild)
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
        _fail(f"knowledge article problem: {exc}")


@app.command()
def search(
    query: str = typer.Argument(..., help="What to look for."),
    k: int = typer.Option(5, "--k", min=1, max=50, help="How many passages."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show the guidance passages that best match a query."""
    settings = _settings()

    async def work(services: Any) -> list[Any]:
        return await services.answerer.search(query, k)

    hits = asyncio.run(_with_services(settings, work, quiet=as_json))
    if as_json:
        _emit_json({"query": query, "results": [h.to_json() for h in hits]})
        return
    from bot.console import render_hits

    render_hits(out, hits)


@app.command()
def ask(question: str = typer.Argument(..., help="Your SOAP question."), as_json: bool = JSON_OPTION) -> None:
    """Answer a SOAP question from the guidance, with citations."""
    settings = _settings()
    from bot.core.knowledge.answers import QuestionError

    async def work(services: Any) -> Any:
        return await services.answerer.ask(question, llm=services.llm)

    try:
        answer = asyncio.run(_with_services(settings, work, quiet=as_json))
    except QuestionError as exc:
        _fail(str(exc), 2, as_json)
    if as_json:
        _emit_json(answer.to_json())
        return
    from bot.console import render_answer

    render_answer(out, answer)


@app.command()
def critique(
    source: str = typer.Argument(..., help="The draft: a text file, or - to read it from standard input."),
    kind: str = typer.Option(
        ..., "--kind", help="coordinator-email | program-director-email | resident-message | thank-you | follow-up"
    ),
    contacted_first: str = typer.Option(
        "unknown", "--contacted-first", help="Did the program contact you first? yes | no | unknown"
    ),
    phase: str = typer.Option(None, "--phase", help="during-soap | after-soap (default: from today's date)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Check a drafted message to a program against the outreach checklist."""
    from bot.core.critique import KINDS, DraftError
    from bot.core.critique.model import CONTACTED_FIRST, PHASES

    if kind not in KINDS:
        _fail(f"--kind must be one of: {', '.join(KINDS)}.", 2, as_json)
    if contacted_first not in CONTACTED_FIRST:
        _fail("--contacted-first must be yes, no or unknown.", 2, as_json)
    if phase is not None and phase not in PHASES:
        _fail("--phase must be during-soap or after-soap.", 2, as_json)
    settings = _settings()
    draft = _read_input(source)

    async def work(services: Any) -> Any:
        from bot.console import check_draft_for

        return await check_draft_for(services, draft, kind, contacted_first, phase)

    try:
        result, used_phase = asyncio.run(_with_services(settings, work, quiet=True, need_index=False))
    except DraftError as exc:
        _fail(str(exc), 2, as_json)
    if as_json:
        _emit_json(result.to_json())
        return
    from bot.console import render_critique

    render_critique(out, result, used_phase)


@app.command()
def rehearse(
    source: str = typer.Argument(None, help="Your answer: a text file, or - to read it from standard input."),
    question: str = typer.Option(
        None, "--question", help="The interview question (default: Why didn't you match?); or a question-bank id."
    ),
    audio: Path = typer.Option(
        None, "--audio", help="A recording of your answer (.ogg, .mp3, .m4a, .wav ...), transcribed offline."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Feedback on one interview answer, typed (FILE or -) or recorded (--audio FILE)."""
    import mimetypes

    from bot.core.interview.rubric import AnswerError
    from bot.core.interview.speech import rehearsal_json, resolve_question

    if (source is None) == (audio is None):
        _fail("Give the answer as FILE (or - for standard input), or a recording with --audio FILE.", 2, as_json)
    settings = _settings()
    text, kind = resolve_question(question)
    answer = _read_input(source) if source is not None else ""
    if audio is not None and not audio.is_file():
        _fail(f"no such file: {audio}", 2, as_json)

    async def work(services: Any) -> Any:
        from bot.core.interview.rubric import rehearse as rehearse_text
        from bot.core.interview.speech import answer_from_audio, rehearse_speech

        if audio is None:
            return await rehearse_text(answer, text, llm=services.llm, question_kind=kind), None
        data = audio.read_bytes()
        content_type = mimetypes.guess_type(audio.name)[0]
        with err.status("Transcribing your recording…") if not as_json else contextlib.nullcontext():
            _, report = await answer_from_audio(services.transcription, audio.name, data, content_type)
        return await rehearse_speech(report, text, llm=services.llm, question_kind=kind), report

    try:
        result, report = asyncio.run(_with_services(settings, work, quiet=True, need_index=False))
    except AnswerError as exc:
        _fail(str(exc), 2, as_json)
    if as_json:
        _emit_json(rehearsal_json(result, report))
        return
    from bot.console import render_rehearsal

    render_rehearsal(out, result, speech=report)


@app.command()
def interview(
    specialty: str = typer.Option(None, "--specialty", help="e.g. internal-medicine, family-medicine, IM, peds."),
    length: str = typer.Option(None, "--length", help="short (4 questions) or full (8)."),
    img: bool = typer.Option(None, "--img/--no-img", help="Include questions for international graduates."),
) -> None:
    """A mock SOAP interview in the terminal, with feedback on every answer (resumes if interrupted)."""
    settings = _settings()
    if length is not None and length not in ("short", "full"):
        _fail("--length must be short or full.", 2)
    from bot.console import ChatConsole

    async def work(services: Any) -> None:
        await ChatConsole(services, out).run_interview(specialty, length, img)

    try:
        asyncio.run(_with_services(settings, work))
    except (KeyboardInterrupt, EOFError):
        err.print("\nPaused. Run `soapbot interview` again to continue where you left off.")


@app.command()
def doctor() -> None:
    """Check settings, the index, the LLM and Discord set-up, and say what to fix."""
    from bot.doctor import run_doctor

    raise typer.Exit(asyncio.run(run_doctor(_settings(), out)))


# timeline, contacts, profile and draft (the Match Week companion)
add_cli_commands(app, _settings, _fail, _emit_json)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
