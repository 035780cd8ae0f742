"""Interview practice in the terminal: ``soapbot rehearse``, ``soapbot interview`` and the
console's ``/rehearse`` and ``/interview``."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.core.interview.question_bank import SPECIALTIES, load_bank
from bot.core.interview.rubric import WHY_DIDNT_YOU_MATCH, AnswerError, RehearsalResult, rehearse
from bot.core.interview.sessions import InterviewError, InterviewSummary, Turn, render_question
from bot.core.interview.speech import (
    SpeechReport,
    answer_from_audio,
    rehearsal_json,
    rehearse_speech,
    resolve_question,
)
from bot.core.screen import PAUSED_NOTE, ScreenResult
from bot.terminal.common import (
    CONSOLE_USER_ID,
    JSON_OPTION,
    STATUS_STYLE,
    care_json,
    cli_settings,
    emit_json,
    err,
    fail,
    mode_label,
    out,
    read_input,
    render_care,
    with_services,
)
from bot.terminal.files import exports_dir, target_path, write_private_file
from bot.terminal.lines import InputCancelled

if TYPE_CHECKING:
    from bot.core.services import Services
    from bot.terminal.repl import ChatConsole

INTERVIEW_COMMANDS = ("/skip", "/repeat", "/end", "/stop")


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


# ----- soapbot chat ------------------------------------------------------------------------------


async def run_interview(
    chat: ChatConsole, specialty: str | None = None, length: str | None = None, img: bool | None = None
) -> InterviewSummary | None:
    """Run (or resume) a mock interview in the terminal; returns its summary when it ends."""
    sessions = chat.services.interviews
    session = await sessions.active(CONSOLE_USER_ID)
    if session is not None:
        chat.console.print(f"You have a mock interview in progress (question {session.number} of {session.total}).")
        options = [("resume", "Continue where I left off"), ("new", "Start over")]
        choice = await chat.choose("Continue it?", options, "resume")
        if choice == "new":
            await sessions.stop(CONSOLE_USER_ID)
            session = None
    if session is None:
        if length is None:
            length = await chat.choose(
                "Length?", [("short", "Short: 4 questions"), ("full", "Full: 8 questions")], "full"
            )
        if specialty is None:
            options = [("any", "Any specialty"), *((s, s.replace("-", " ")) for s in SPECIALTIES)]
            picked = await chat.choose("Specialty?", options, "any")
            specialty = None if picked == "any" else picked
        if img is None:
            yes_no = [("no", "No"), ("yes", "Yes")]
            img = await chat.choose("Are you an international medical graduate?", yes_no, "no") == "yes"
        try:
            session, _ = await sessions.start(CONSOLE_USER_ID, specialty=specialty, length=length, img=img)
        except InterviewError as exc:
            chat.console.print(f"[yellow]{escape(str(exc))}[/]")
            return None
        chat.console.print(
            "[dim]Answer as you would speak. Type /skip, /repeat or /end on a line of its own instead of an "
            "answer at any time.[/]"
        )
    prompt, keep = render_question(session), ""
    while True:
        if not keep:
            chat.console.print(Panel(Text(prompt), border_style="cyan"))
        try:
            answer = (await chat.read_block("Your answer.", INTERVIEW_COMMANDS, default=keep)).strip()
            keep = ""
            summary_or_turn = await _take_answer(chat, answer)
        except (InterviewError, AnswerError) as exc:
            chat.console.print(f"[yellow]{escape(str(exc))}[/]")
            keep = answer if chat.reader.multiline else ""  # edit it and send it again
            continue
        except (InputCancelled, asyncio.CancelledError):
            # Ctrl-C: every answer given so far is saved; this one was not scored.
            paused = f"Your mock interview is paused (every answer so far is saved): {chat.resume_hint}."
            chat.console.print(f"[cyan]{paused}[/]")
            raise
        if summary_or_turn is None:
            continue
        if isinstance(summary_or_turn, InterviewSummary):
            summary = summary_or_turn
            break
        turn = summary_or_turn
        if turn.summary is not None:
            summary = turn.summary
            break
        prompt = render_question(turn.session, turn.next_prompt, turn.next_is_follow_up)
    await show_interview_summary(chat, summary)
    return summary


async def _take_answer(chat: ChatConsole, answer: str) -> InterviewSummary | Turn | None:
    """One entry at the answer prompt: a command or an answer. None: ask the same question again.

    InterviewError and AnswerError (e.g. an answer too short to review) reach the caller."""
    sessions = chat.services.interviews
    command = answer.lower()
    if command in ("/end", "/stop"):
        return await sessions.stop(CONSOLE_USER_ID)
    if command == "/repeat":
        return None
    if command == "/skip":
        return await sessions.skip(CONSOLE_USER_ID)
    if not answer:
        chat.console.print("[yellow]Type your answer (or /skip, /repeat, /end).[/]")
        return None
    care = await chat.care_first(answer)
    if care.crisis:
        await sessions.pause(CONSOLE_USER_ID)
        chat.console.print(
            "Your mock interview is paused, and that answer was not scored or saved. Take all the "
            "time you need: answer again when you're ready, or type /end to close it."
        )
        return None
    with chat.console.status("Reviewing your answer… [dim](Ctrl-C stops)[/]"):
        turn = await sessions.answer(CONSOLE_USER_ID, answer, llm=chat.services.llm)
    assert turn.feedback is not None
    render_rehearsal(chat.console, turn.feedback, show_passes=False)
    return turn


def paused_rehearsal(question: str) -> RehearsalResult:
    """In place of feedback on an answer that called for the crisis reply: nothing scored, sent
    to a model or kept."""
    return RehearsalResult(question, [], 0.0, 0, 0.0, PAUSED_NOTE, "offline")


async def show_interview_summary(chat: ChatConsole, summary: InterviewSummary) -> None:
    lines = [f"You answered {summary.answered} of {summary.planned} questions (skipped {summary.skipped})."]
    if summary.strengths:
        lines.append("[green]Strengths:[/] " + escape("; ".join(summary.strengths)))
    if summary.practise:
        lines.append("[yellow]Practise next:[/]")
        lines += [f"  {n}. {p.name}: {escape(p.advice)}" for n, p in enumerate(summary.practise, 1)]
    chat.console.print(Panel("\n".join(lines), title="Interview summary", border_style="green"))
    data_dir = chat.services.settings.data_dir
    name = f"interview-{dt.datetime.now():%Y-%m-%d-%H%M}.txt"
    chat.console.print(
        f"Save the summary with your answers? Type [bold]y[/] to save it as "
        f"{escape(str(exports_dir(data_dir) / name))}, another file name or a path, or press Enter to skip."
    )
    while True:
        typed = (await chat.read("Save to: ")).strip()
        if not typed or typed.lower() in ("n", "no"):
            return
        path = target_path(data_dir, typed, name)
        try:
            saved = write_private_file(data_dir, path, summary.report_text(include_answers=True))
        except OSError as exc:
            chat.console.print(f"[yellow]Could not save {escape(str(path))}: {exc.strerror}. Try another name.[/]")
            continue
        chat.console.print(f"Saved to {escape(str(saved))}. /privacy lists it and /privacy delete removes it.")
        return


async def rehearse_in_console(chat: ChatConsole, question: str = "") -> None:
    """Pick a question (default: why didn't you match?), type the answer, get the rubric."""
    if not question:
        firsts: dict[str, str] = {}
        for q in load_bank():
            firsts.setdefault(q.kind, q.text)
        kinds = ("why-didnt-you-match", "opening", "specialty", "program", "red-flag", "weaknesses", "readiness")
        options = [(WHY_DIDNT_YOU_MATCH, WHY_DIDNT_YOU_MATCH)]
        options += [(firsts[k], firsts[k]) for k in kinds[1:] if k in firsts]
        options.append(("other", "Another question (type it)"))
        chat.console.print("[bold]Which question are you answering?[/]")
        question = await chat.choose("Question (Enter for the first):", options, default=WHY_DIDNT_YOU_MATCH)
        if question == "other":
            question = (await chat.read("The question: ")).strip()
    text, kind = resolve_question(question)
    chat.console.print(f"[bold]{escape(text)}[/]")
    answer = ""
    while True:
        answer = await chat.read_block("Type or paste your answer as you would say it.", default=answer)
        if (await chat.care_first(answer)).crisis:
            chat.console.print(PAUSED_NOTE)
            return
        try:
            with chat.console.status("Reviewing your answer… [dim](Ctrl-C stops)[/]"):
                result = await rehearse(answer, text, llm=chat.services.llm, question_kind=kind)
            break
        except AnswerError as exc:
            chat.console.print(f"[yellow]{escape(str(exc))}[/]")
            if not chat.reader.multiline:
                return  # from a pipe the answer cannot be edited in place
    render_rehearsal(chat.console, result)


def register_console(chat: ChatConsole) -> None:
    async def interview(_: str = "") -> None:
        await run_interview(chat)

    async def rehearse_command(question: str = "") -> None:
        await rehearse_in_console(chat, question)

    chat.register("interview", "A mock SOAP interview with feedback on every answer.", interview)
    chat.register("rehearse", "Practise one interview answer and get feedback on it.", rehearse_command)


# ----- one-shot commands -------------------------------------------------------------------------


def register_cli(app: typer.Typer) -> None:
    @app.command("rehearse")
    def rehearse_command(
        source: str = typer.Argument(
            None, metavar="FILE", help="Your answer: a text file, or - to read it from standard input."
        ),
        question: str = typer.Option(
            None, "--question", help="The interview question (default: Why didn't you match?); or a question-bank id."
        ),
        audio: Path = typer.Option(
            None, "--audio", help="A recording of your answer (.ogg, .mp3, .m4a, .wav ...), transcribed offline."
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Feedback on one interview answer, typed (FILE or -) or recorded (--audio FILE)."""
        if (source is None) == (audio is None):
            fail("Give the answer as FILE (or - for standard input), or a recording with --audio FILE.", 2, as_json)
        settings = cli_settings()
        text, kind = resolve_question(question)
        answer = read_input(source) if source is not None else ""
        if audio is not None and not audio.is_file():
            fail(f"no such file: {audio}", 2, as_json)

        async def work(services: Services) -> tuple[RehearsalResult, SpeechReport | None, ScreenResult]:
            if audio is None:
                care = await services.screen.screen(answer)
                if care.crisis:
                    return paused_rehearsal(text), None, care
                return await rehearse(answer, text, llm=services.llm, question_kind=kind), None, care
            data = audio.read_bytes()
            content_type = mimetypes.guess_type(audio.name)[0]
            with err.status("Transcribing your recording…") if not as_json else contextlib.nullcontext():
                transcript, report = await answer_from_audio(services.transcription, audio.name, data, content_type)
            care = await services.screen.screen(transcript)
            if care.crisis:
                return paused_rehearsal(text), None, care
            return await rehearse_speech(report, text, llm=services.llm, question_kind=kind), report, care

        try:
            result, report, care = asyncio.run(with_services(settings, work, quiet=True, need_index=False))
        except AnswerError as exc:
            fail(str(exc), 2, as_json)
        if as_json:
            emit_json({**rehearsal_json(result, report), "care": care_json(care)})
            return
        render_care(out, care, paused=care.crisis)
        if not care.crisis:
            render_rehearsal(out, result, speech=report)
