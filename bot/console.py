"""The terminal console (``soapbot chat``) and the rich renderers the CLI shares with it.

A thin front end over ``bot.core``, like the Discord cogs: the same services, the same
results, rendered for a terminal. Plain text is a question; ``/help`` lists commands.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.companion_terminal import register_console_commands
from bot.config import Settings
from bot.core import screen
from bot.core.companion.calendar import current_phase
from bot.core.companion.profile import get_profile
from bot.core.critique import CHECK_LABELS, KINDS, CritiqueResult, DraftError, critique, default_phase
from bot.core.interview.question_bank import SPECIALTIES
from bot.core.interview.rubric import AnswerError, RehearsalResult
from bot.core.interview.sessions import InterviewError, InterviewSummary, render_question
from bot.core.interview.speech import SpeechReport, resolve_question
from bot.core.knowledge.answers import Answer, QuestionError
from bot.core.knowledge.index import SearchHit
from bot.core.services import Services, build_services
from bot.privacy_terminal import register_privacy_command

log = logging.getLogger(__name__)

#: The user id the terminal console stores data under (Discord ids are never 0).
CONSOLE_USER_ID = 0
END_OF_TEXT = "."
#: Terminals in line mode deliver at most this many characters of one line.
TERMINAL_LINE_LIMIT = 4095
INTERVIEW_COMMANDS = ("/skip", "/repeat", "/end", "/stop")


# ----- renderers (shared with the one-shot CLI commands) ------------------------------------


def mode_label(mode: str) -> str:
    return "AI mode (LLM)" if mode == "llm" else "offline mode (no LLM)"


def render_answer(console: Console, answer: Answer) -> None:
    if answer.kind == "crisis":
        console.print(Panel(Text(answer.text.replace("**", "")), border_style="magenta"))
        return
    console.print(Markdown(answer.text))
    if answer.citations:
        console.print()
        console.print("[bold]Sources[/]")
        for number, citation in enumerate(answer.citations, 1):
            console.print(
                f"  \\[{number}] {escape(citation.title)} — {escape(citation.section)}  [dim]({citation.article})[/]"
            )
    if answer.notice:
        console.print(f"\n[yellow]{escape(answer.notice)}[/]")
    console.print(f"[dim]{mode_label(answer.mode)}[/]")


STATUS_STYLE = {"pass": "green", "warn": "yellow", "fail": "red"}


def render_speech(console: Console, report: SpeechReport) -> None:
    """What was heard in a recording, then how it was said (pace, fillers, pauses, duration)."""
    console.print(Panel(Text(report.transcript), title="What I heard", border_style="cyan"))
    table = Table(title="How you said it")
    for column in ("Measure", "Status", "Value", "Advice"):
        table.add_column(column, overflow="fold")
    for m in report.measures:
        style = STATUS_STYLE[m.status]
        advice = escape(m.advice) if m.flagged else ""
        table.add_row(m.measure, f"[{style}]{m.status}[/]", escape(m.value), advice)
    console.print(table)


def render_rehearsal(
    console: Console, result: RehearsalResult, *, show_passes: bool = True, speech: SpeechReport | None = None
) -> None:
    """A rehearsal result: criteria (fail, warn, then pass) with evidence and advice, then the summary.

    With ``speech`` (a recorded answer) the transcript and delivery measures come first.
    """
    if speech is not None:
        render_speech(console, speech)
    table = Table(show_lines=False, expand=False)
    table.add_column("Criterion")
    table.add_column("Status")
    table.add_column("Evidence", overflow="fold")
    table.add_column("Advice", overflow="fold")
    order = {"fail": 0, "warn": 1, "pass": 2}
    for criterion in sorted(result.criteria, key=lambda c: order[c.status]):
        if criterion.status == "pass" and (not show_passes or not criterion.applicable):
            continue
        style = STATUS_STYLE[criterion.status]
        evidence = f"“{escape(criterion.evidence)}”" if criterion.evidence else ""
        table.add_row(criterion.criterion, f"[{style}]{criterion.status}[/]", evidence, escape(criterion.advice))
    console.print(table)
    how = "measured from your recording" if speech is not None else "at 150 words/min"
    console.print(f"Spoken length: about {round(result.spoken_seconds)} s ({result.word_count} words {how})")
    console.print(f"[bold]{escape(result.summary)}[/]")
    if result.follow_up:
        console.print(f"[cyan]An interviewer might follow up:[/] {escape(result.follow_up)}")
    if result.notice:
        console.print(f"[yellow]{escape(result.notice)}[/]")
    console.print(f"[dim]{mode_label(result.mode)}[/]")


SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


async def check_draft_for(
    services: Services, draft: str, kind: str, contacted_first: str, phase: str | None
) -> tuple[CritiqueResult, str]:
    """Critique ``draft`` for the terminal user; the phase defaults to today's place in Match Week."""
    phase = phase or default_phase(draft, current_phase().critique_phase)
    profile = await get_profile(services.store, CONSOLE_USER_ID)
    return await critique(draft, kind, contacted_first, phase, llm=services.llm, profile=profile), phase


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


def render_hits(console: Console, hits: Sequence[SearchHit]) -> None:
    if not hits:
        console.print("No matching guidance.")
        return
    table = Table(show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("Article — section")
    table.add_column("Passage")
    table.add_column("Score", justify="right")
    for number, hit in enumerate(hits, 1):
        text = hit.chunk.text if len(hit.chunk.text) < 400 else hit.chunk.text[:400] + "…"
        heading = f"{escape(hit.chunk.title)}\n[dim]{escape(hit.chunk.section)}[/]"
        table.add_row(str(number), heading, escape(text), f"{hit.score:.3f}")
    console.print(table)


# ----- the interactive console -----------------------------------------------------------------


@dataclass
class ConsoleCommand:
    name: str
    help: str
    handler: Callable[[str], Awaitable[None]]


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
        self.running = True
        self.register("help", "List commands.", self.cmd_help)
        self.register("ask", "Ask a SOAP question (plain text does the same).", self.cmd_ask)
        self.register("search", "Show the guidance passages that match a query.", self.cmd_search)
        self.register("interview", "A mock SOAP interview with feedback on every answer.", self.cmd_interview)
        self.register("critique", "Check a draft email or message to a program before you send it.", self.cmd_critique)
        self.register("rehearse", "Practise one interview answer and get feedback on it.", self.cmd_rehearse)
        register_console_commands(self)
        register_privacy_command(self)
        self.register("quit", "Leave the console (also /exit or Ctrl-D).", self.cmd_quit)
        self.commands["exit"] = self.commands["quit"]

    def register(self, name: str, help_text: str, handler: Callable[[str], Awaitable[None]]) -> None:
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
        else:
            await self.cmd_ask(line)

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

    # ----- commands ----------------------------------------------------------------------------

    async def cmd_help(self, _: str) -> None:
        table = Table(show_header=False, box=None)
        seen = set()
        for command in self.commands.values():
            if command.name in seen:
                continue
            seen.add(command.name)
            table.add_row(f"/{command.name}", command.help)
        self.console.print(table)

    async def cmd_ask(self, question: str) -> None:
        if not question:
            question = (await self.read("Your question: ")).strip()
        with self.console.status("Looking through the guidance…"):
            try:
                answer = await self.services.answerer.ask(question, llm=self.services.llm)
            except QuestionError as exc:
                self.console.print(f"[yellow]{escape(str(exc))}[/]")
                return
        render_answer(self.console, answer)

    async def cmd_search(self, query: str) -> None:
        if not query:
            query = (await self.read("Search for: ")).strip()
        if query:
            render_hits(self.console, await self.services.answerer.search(query, 5))

    async def cmd_critique(self, _: str = "") -> None:
        kinds = [(k, k.replace("-", " ")) for k in KINDS]
        kind = await self.choose("What kind of message is it?", kinds, "coordinator-email")
        answers = [("yes", "Yes, the program contacted me first"), ("no", "No, I'd be writing first")]
        answers.append(("unknown", "Not sure"))
        contacted = await self.choose("Did the program contact you first?", answers, "unknown")
        draft = await self.read_block("Paste your draft.")
        today = default_phase(draft, current_phase().critique_phase)
        phase = await self.choose(
            "When will you send it?", [("during-soap", "During SOAP"), ("after-soap", "After SOAP ends")], today
        )
        try:
            with self.console.status("Checking your draft…"):
                result, phase = await check_draft_for(self.services, draft, kind, contacted, phase)
        except DraftError as exc:
            self.console.print(f"[yellow]{escape(str(exc))}[/]")
            return
        self.care_if_needed(draft)
        render_critique(self.console, result, phase)

    async def cmd_interview(self, _: str = "") -> None:
        await self.run_interview()

    async def run_interview(
        self, specialty: str | None = None, length: str | None = None, img: bool | None = None
    ) -> InterviewSummary | None:
        """Run (or resume) a mock interview in the terminal; returns its summary when it ends."""
        sessions = self.services.interviews
        session = await sessions.active(CONSOLE_USER_ID)
        if session is not None:
            self.console.print(f"You have a mock interview in progress (question {session.number} of {session.total}).")
            options = [("resume", "Continue where I left off"), ("new", "Start over")]
            choice = await self.choose("Continue it?", options, "resume")
            if choice == "new":
                await sessions.stop(CONSOLE_USER_ID)
                session = None
        if session is None:
            if length is None:
                length = await self.choose(
                    "Length?", [("short", "Short: 4 questions"), ("full", "Full: 8 questions")], "full"
                )
            if specialty is None:
                options = [("any", "Any specialty"), *((s, s.replace("-", " ")) for s in SPECIALTIES)]
                picked = await self.choose("Specialty?", options, "any")
                specialty = None if picked == "any" else picked
            if img is None:
                yes_no = [("no", "No"), ("yes", "Yes")]
                img = await self.choose("Are you an international medical graduate?", yes_no, "no") == "yes"
            try:
                session, _ = await sessions.start(CONSOLE_USER_ID, specialty=specialty, length=length, img=img)
            except InterviewError as exc:
                self.console.print(f"[yellow]{escape(str(exc))}[/]")
                return None
            self.console.print(
                "[dim]Answer as you would speak. Type /skip, /repeat or /end on a line of its own instead of an "
                "answer at any time.[/]"
            )
        prompt = render_question(session)
        while True:
            self.console.print(Panel(Text(prompt), border_style="cyan"))
            try:
                answer = (await self.read_block("Your answer.", INTERVIEW_COMMANDS)).strip()
            except EOFError:
                self.console.print("\nPaused. Your interview is saved: run it again to continue where you left off.")
                return None
            command = answer.lower()
            try:
                if command in ("/end", "/stop"):
                    summary = await sessions.stop(CONSOLE_USER_ID)
                    break
                if command == "/repeat":
                    continue
                if command == "/skip":
                    turn = await sessions.skip(CONSOLE_USER_ID)
                elif not answer:
                    self.console.print("[yellow]Type your answer (or /skip, /repeat, /end).[/]")
                    continue
                else:
                    with self.console.status("Reviewing your answer…"):
                        turn = await sessions.answer(CONSOLE_USER_ID, answer, llm=self.services.llm)
                    self.care_if_needed(answer)
                    assert turn.feedback is not None
                    render_rehearsal(self.console, turn.feedback, show_passes=False)
            except (InterviewError, AnswerError) as exc:
                self.console.print(f"[yellow]{escape(str(exc))}[/]")
                continue
            if turn.summary is not None:
                summary = turn.summary
                break
            prompt = render_question(turn.session, turn.next_prompt, turn.next_is_follow_up)
        await self.show_interview_summary(summary)
        return summary

    async def show_interview_summary(self, summary: InterviewSummary) -> None:
        lines = [f"You answered {summary.answered} of {summary.planned} questions (skipped {summary.skipped})."]
        if summary.strengths:
            lines.append("[green]Strengths:[/] " + escape("; ".join(summary.strengths)))
        if summary.practise:
            lines.append("[yellow]Practise next:[/]")
            lines += [f"  {n}. {p.name}: {escape(p.advice)}" for n, p in enumerate(summary.practise, 1)]
        self.console.print(Panel("\n".join(lines), title="Interview summary", border_style="green"))
        question = "Save the summary (with your answers) to a file? Type a file name, or press Enter to skip: "
        path = (await self.read(question)).strip()
        if path:
            try:
                Path(path).expanduser().write_text(summary.report_text(include_answers=True), encoding="utf-8")
                self.console.print(f"Saved to {path}.")
            except OSError as exc:
                self.console.print(f"[yellow]Could not save the file: {exc.strerror}.[/]")

    async def cmd_rehearse(self, question: str = "") -> None:
        """Pick a question (default: why didn't you match?), type the answer, get the rubric."""
        from bot.core.interview.question_bank import load_bank
        from bot.core.interview.rubric import WHY_DIDNT_YOU_MATCH, rehearse

        if not question:
            firsts: dict[str, str] = {}
            for q in load_bank():
                firsts.setdefault(q.kind, q.text)
            kinds = ("why-didnt-you-match", "opening", "specialty", "program", "red-flag", "weaknesses", "readiness")
            options = [(WHY_DIDNT_YOU_MATCH, WHY_DIDNT_YOU_MATCH)]
            options += [(firsts[k], firsts[k]) for k in kinds[1:] if k in firsts]
            options.append(("other", "Another question (type it)"))
            self.console.print("[bold]Which question are you answering?[/]")
            question = await self.choose("Question (Enter for the first):", options, default=WHY_DIDNT_YOU_MATCH)
            if question == "other":
                question = (await self.read("The question: ")).strip()
        text, kind = resolve_question(question)
        self.console.print(f"[bold]{escape(text)}[/]")
        answer = await self.read_block("Type or paste your answer as you would say it.")
        with self.console.status("Reviewing your answer…"):
            try:
                result = await rehearse(answer, text, llm=self.services.llm, question_kind=kind)
            except AnswerError as exc:
                self.console.print(f"[yellow]{escape(str(exc))}[/]")
                return
        self.care_if_needed(answer)
        render_rehearsal(self.console, result)

    def care_if_needed(self, text: str) -> None:
        """Crisis resources first, whenever a student's words suggest distress."""
        if screen.is_crisis(text):
            self.console.print(Panel(Text(screen.CRISIS_REPLY.replace("**", "")), border_style="magenta"))

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
