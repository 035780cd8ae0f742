"""Questions in the terminal: ``soapbot ask``, ``soapbot search`` and the console's ``/ask`` and
``/search`` (plain text at the prompt is a question)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import typer
from rich.console import Console, Group
from rich.live import Live
from rich.markdown import Markdown
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.core.knowledge.answers import Answer, QuestionError
from bot.core.knowledge.index import SearchHit
from bot.terminal.common import JSON_OPTION, cli_settings, emit_json, fail, mode_label, out, with_services

if TYPE_CHECKING:
    from bot.core.services import Services
    from bot.terminal.repl import ChatConsole


#: A line that is only a bold heading ("**Which round is next?**", a part of a multi-part question)
#: and the text right under it: Markdown would run them into one paragraph in the terminal.
_HEADING_LINE = re.compile(r"^(\*\*[^\n*]+\*\*)\n(?!\n)", re.MULTILINE)


def render_answer(console: Console, answer: Answer) -> None:
    if answer.kind == "crisis":
        console.print(Panel(Text(answer.text.replace("**", "")), border_style="magenta"))
        return
    if answer.care:
        console.print(Panel(Text(answer.care.replace("**", "")), border_style="magenta"))
    console.print(Markdown(_HEADING_LINE.sub(r"\1\n\n", answer.text)))
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


# ----- soapbot chat ------------------------------------------------------------------------------


async def stream_answer(chat: ChatConsole, question: str) -> Answer:
    """Answer ``question``; in AI mode the text is shown as it arrives (below a spinner until the
    first words), then replaced by the finished answer, which is what the checks passed. Ctrl-C
    stops it (the task is cancelled and both displays are cleared)."""
    console = chat.console
    status = console.status("Looking through the guidance… [dim](Ctrl-C stops)[/]")
    live = Live(Text(""), console=console, transient=True, refresh_per_second=12, vertical_overflow="crop")

    async def on_delta(text: str) -> None:
        if not live.is_started:
            status.stop()
            live.start()
        live.update(Group(Text(text), Text("… still writing (Ctrl-C stops)", style="dim")))

    status.start()
    try:
        llm = chat.services.llm
        return await chat.services.answerer.ask(question, llm=llm, on_delta=on_delta if llm is not None else None)
    finally:
        status.stop()
        if live.is_started:
            live.stop()


def register_console(chat: ChatConsole) -> None:
    async def ask(question: str) -> None:
        if not question:
            question = (await chat.read("Your question: ")).strip()
        try:
            answer = await stream_answer(chat, question)
        except QuestionError as exc:
            chat.console.print(f"[yellow]{escape(str(exc))}[/]")
            return
        render_answer(chat.console, answer)

    async def search(query: str) -> None:
        if not query:
            query = (await chat.read("Search for: ")).strip()
        if query:
            render_hits(chat.console, await chat.services.answerer.search(query, 5))

    chat.register("ask", "Ask a SOAP question (plain text does the same).", ask)
    chat.register("search", "Show the guidance passages that match a query.", search)
    chat.default_handler = ask


# ----- one-shot commands -------------------------------------------------------------------------


def register_cli(app: typer.Typer) -> None:
    @app.command()
    def search(
        query: str = typer.Argument(..., metavar="QUERY", help="What to look for."),
        k: int = typer.Option(5, "--k", min=1, max=50, help="How many passages."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Show the guidance passages that best match a query."""
        settings = cli_settings()

        async def work(services: Services) -> list[SearchHit]:
            return await services.answerer.search(query, k)

        hits = asyncio.run(with_services(settings, work, quiet=as_json))
        if as_json:
            emit_json({"query": query, "results": [h.to_json() for h in hits]})
            return
        render_hits(out, hits)

    @app.command()
    def ask(
        question: str = typer.Argument(..., metavar="QUESTION", help="Your SOAP question."), as_json: bool = JSON_OPTION
    ) -> None:
        """Answer a SOAP question from the guidance, with citations."""
        if not question.strip():  # before the index is loaded (or built)
            fail("Please type a question about SOAP.", 2, as_json)
        settings = cli_settings()

        async def work(services: Services) -> Answer:
            return await services.answerer.ask(question, llm=services.llm)

        try:
            answer = asyncio.run(with_services(settings, work, quiet=as_json))
        except QuestionError as exc:
            fail(str(exc), 2, as_json)
        if as_json:
            emit_json(answer.to_json())
            return
        render_answer(out, answer)
