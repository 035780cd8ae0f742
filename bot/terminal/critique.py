"""Draft checks in the terminal: ``soapbot critique`` and the console's ``/critique``."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.core.companion.calendar import current_phase
from bot.core.companion.profile import get_profile
from bot.core.critique import (
    APPLIED,
    CHECK_LABELS,
    CONTACTED_FIRST,
    KINDS,
    PHASES,
    CritiqueResult,
    DraftError,
    critique,
)
from bot.core.critique.engine import validate as validate_draft
from bot.core.screen import PAUSED_NOTE, ScreenResult
from bot.terminal.common import (
    CONSOLE_USER_ID,
    JSON_OPTION,
    care_json,
    cli_settings,
    emit_json,
    fail,
    mode_label,
    out,
    read_input,
    render_care,
    with_services,
)

if TYPE_CHECKING:
    from bot.core.services import Services
    from bot.terminal.repl import ChatConsole

SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


async def check_draft_for(
    services: Services, draft: str, kind: str, contacted_first: str, phase: str | None, applied: str = "unknown"
) -> tuple[CritiqueResult, str]:
    """Critique ``draft`` for the terminal user; the phase defaults to the calendar's phase now
    (:func:`~bot.core.companion.calendar.current_phase`, the same as /draft, /contacts and timeline)."""
    phase = phase or current_phase().critique_phase
    profile = await get_profile(services.store, CONSOLE_USER_ID)
    result = await critique(draft, kind, contacted_first, phase, llm=services.llm, profile=profile, applied=applied)
    return result, phase


def render_critique(console: Console, result: CritiqueResult, phase: str) -> None:
    """The checklist as a table (errors first), the summary, then the rewrite or a template."""
    table = Table(title=f"Draft check ({result.kind}, {phase.replace('-', ' ')})")
    table.add_column("Severity")
    table.add_column("Check")
    table.add_column("Evidence", overflow="fold")
    table.add_column("Advice", overflow="fold")
    for finding in result.findings:
        style = SEVERITY_STYLE[finding.severity]
        evidence = f"“{escape(finding.evidence)}”" if finding.evidence else ""
        table.add_row(f"[{style}]{finding.severity}[/]", finding.check, evidence, escape(finding.advice))
    if result.findings:
        console.print(table)
    console.print(f"[bold]{escape(result.summary)}[/]")
    good = [CHECK_LABELS.get(c, c) for c in result.looks_good]
    if good:
        console.print(f"[green]Looks good:[/] {escape(', '.join(good))}")
    if result.notice:
        console.print(f"[yellow]{escape(result.notice)}[/]")
    if result.rewrite:
        console.print(Panel(Text(result.rewrite), title="Suggested rewrite (check every fact)", border_style="cyan"))
    elif result.template:
        console.print(Panel(Text(result.template), title="A template for this kind of message", border_style="cyan"))
    console.print(f"[dim]{mode_label(result.mode)}[/]")


# ----- soapbot chat ------------------------------------------------------------------------------


def register_console(chat: ChatConsole) -> None:
    async def critique_command(arg: str = "") -> None:
        kinds = [(k, k.replace("-", " ")) for k in KINDS]
        given = arg.strip().lower().replace(" ", "-")
        if given in KINDS:
            kind = given
        else:
            if given:
                chat.console.print(f"[yellow]{escape(arg.strip())} is not a kind of message I check.[/]")
            kind = await chat.choose("What kind of message is it?", kinds, "coordinator-email")
        answers = [("yes", "Yes, the program contacted me first"), ("no", "No, I'd be writing first")]
        answers.append(("unknown", "Not sure"))
        contacted = await chat.choose("Did the program contact you first?", answers, "unknown")
        applied = "unknown"
        if contacted == "yes":
            # Contact from a program the student never applied to must be reported, not answered.
            applied = await chat.choose(
                "Did you apply to this program?",
                [("yes", "Yes, I applied to it"), ("no", "No, I never applied to it"), ("unknown", "Not sure")],
                "yes",
            )
        draft = ""
        while True:
            draft = await chat.read_block("Paste your draft.", default=draft)
            if (await chat.care_first(draft)).crisis:
                chat.console.print(PAUSED_NOTE)
                return
            try:
                validate_draft(draft, kind, contacted, None)
                break
            except DraftError as exc:
                # Keep what was pasted: in a terminal it comes back to be edited.
                chat.console.print(f"[yellow]{escape(str(exc))}[/]")
                if not chat.reader.multiline:
                    draft = ""
        today = current_phase()
        chat.console.print(f"[dim]Now: {escape(today.label)}.[/]")
        when = [("during-soap", "During SOAP (Match Week)"), ("after-soap", "After SOAP ends")]
        if today.critique_phase == "before-soap":
            when.insert(0, ("before-soap", "Now, before Match Week"))
        phase = await chat.choose("When will you send it?", when, today.critique_phase)
        try:
            with chat.console.status("Checking your draft… [dim](Ctrl-C stops)[/]"):
                result, phase = await check_draft_for(chat.services, draft, kind, contacted, phase, applied)
        except DraftError as exc:
            chat.console.print(f"[yellow]{escape(str(exc))}[/]")
            return
        render_critique(chat.console, result, phase)

    chat.register("critique", "Check a draft email or message to a program before you send it.", critique_command)


# ----- one-shot command --------------------------------------------------------------------------


def register_cli(app: typer.Typer) -> None:
    @app.command("critique")
    def critique_command(
        source: str = typer.Argument(
            ..., metavar="FILE", help="The draft: a text file, or - to read it from standard input."
        ),
        kind: str = typer.Option(
            ..., "--kind", help="coordinator-email | program-director-email | resident-message | thank-you | follow-up"
        ),
        contacted_first: str = typer.Option(
            "unknown", "--contacted-first", help="Did the program contact you first? yes | no | unknown"
        ),
        phase: str = typer.Option(
            None, "--phase", help=f"{' | '.join(PHASES)} (default: where Match Week stands now)."
        ),
        applied: str = typer.Option("unknown", "--applied", help="Did you apply to this program? yes | no | unknown"),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Check a drafted message to a program against the outreach checklist."""
        if kind not in KINDS:
            fail(f"--kind must be one of: {', '.join(KINDS)}.", 2, as_json)
        if contacted_first not in CONTACTED_FIRST:
            fail("--contacted-first must be yes, no or unknown.", 2, as_json)
        if phase is not None and phase not in PHASES:
            fail(f"--phase must be one of: {', '.join(PHASES)}.", 2, as_json)
        if applied not in APPLIED:
            fail("--applied must be yes, no or unknown.", 2, as_json)
        settings = cli_settings()
        draft = read_input(source)

        async def work(services: Services) -> tuple[CritiqueResult, str, ScreenResult]:
            care = await services.screen.screen(draft)
            if care.crisis:
                # The crisis reply alone: the draft is not checked, sent to a model or kept.
                return (
                    CritiqueResult(kind, [], [], PAUSED_NOTE, "offline"),
                    phase or current_phase().critique_phase,
                    care,
                )
            return (*await check_draft_for(services, draft, kind, contacted_first, phase, applied), care)

        try:
            result, used_phase, care = asyncio.run(with_services(settings, work, quiet=True, need_index=False))
        except DraftError as exc:
            fail(str(exc), 2, as_json)
        if as_json:
            emit_json({**result.to_json(), "phase": used_phase, "care": care_json(care)})
            return
        render_care(out, care, paused=care.crisis)
        if not care.crisis:
            render_critique(out, result, used_phase)
