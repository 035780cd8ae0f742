"""`soapbot chat` driven with scripted input, as a student would type it."""

from __future__ import annotations

import io

import pytest

from bot.core.services import Services
from bot.terminal.common import CONSOLE_USER_ID
from bot.terminal.interview import run_interview
from bot.terminal.repl import ChatConsole
from tests.support.console import scripted_console

ANSWER = [
    "I applied too narrowly, only to university programs in two cities, and that was my decision.",
    "Since Monday I have broadened my list with my advisor and done two mock interviews.",
    "Your program's community focus fits my clinic work, and I am ready to start on July first.",
    ".",
]


def make_console(services: Services, lines: list[str]) -> tuple[ChatConsole, io.StringIO]:
    return scripted_console(services, lines, width=140)


async def test_plain_text_is_a_question_with_sources(services: Services) -> None:
    chat, output = make_console(services, ["How many programs can I apply to in SOAP?", "/quit"])
    await chat.run()
    text = output.getvalue()
    assert "45" in text and "Sources" in text and "[1]" in text and "offline mode" in text


async def test_help_and_unknown_commands(services: Services) -> None:
    chat, output = make_console(services, ["/help", "/frobnicate", "/quit"])
    await chat.run()
    text = output.getvalue()
    assert "/interview" in text and "/ask" in text
    assert "Unknown command /frobnicate" in text


async def test_terminal_mock_interview_end_to_end_and_resume(services: Services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Short interview, any specialty, not an IMG; answer one question, then stop typing (Ctrl-D).
    chat, output = make_console(services, ["1", "", "", *ANSWER])
    with pytest.raises(EOFError):  # Ctrl-D leaves at once; the interview is saved
        await run_interview(chat)
    assert "Question 1 of 4" in output.getvalue() and "Question 2 of 4" in output.getvalue()
    session = await services.interviews.active(CONSOLE_USER_ID)
    assert session is not None and session.number == 2

    # Later: resume, skip twice, answer the last one, save the summary.
    summary_file = tmp_path / "summary.txt"
    chat, output = make_console(services, ["", "/skip", "/skip", *ANSWER, str(summary_file)])
    summary = await run_interview(chat)
    text = output.getvalue()
    assert "in progress (question 2 of 4)" in text and "Interview summary" in text
    assert summary is not None and (summary.answered, summary.skipped) == (2, 2)
    assert "Top things to practise" in summary_file.read_text(encoding="utf-8")
    assert await services.interviews.active(CONSOLE_USER_ID) is None
