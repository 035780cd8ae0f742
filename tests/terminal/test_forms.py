"""The console's forms keep what was typed, and what it shows about AI mode and its logs.

Driven through a plain pipe (``read_line``), as the console also runs; the terminal version of
the same flows is in ``test_pty.py``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.base.embeddings import LocalMiniLM
from bot.core.companion import calendar
from bot.core.companion.calendar import ET
from bot.core.companion.contacts import list_contacts
from bot.core.companion.profile import get_profile
from bot.core.services import Services, build_services
from bot.terminal import common, companion
from bot.terminal.common import CONSOLE_USER_ID, ConsoleLogNotice, check_llm_reachable, route_console_logs
from tests.conftest import make_settings
from tests.support.console import scripted_console as scripted
from tests.support.fake_openai import FakeOpenAI


async def test_profile_set_asks_a_bad_aamc_id_again_and_keeps_the_rest(services: Services) -> None:
    chat, output = scripted(
        services,
        ["/profile set", "Jane Doe", "Lakeside University", "MD", "20x6", "2026", "1234", "1234-5678", "", "", "/quit"],
    )
    await chat.run()
    text = output.getvalue()
    assert "four digits" in text and "8 digits" in text and "Profile saved." in text
    profile = await get_profile(services.store, CONSOLE_USER_ID)
    assert (profile["name"], profile["school"], profile["degree"]) == ("Jane Doe", "Lakeside University", "MD")
    assert (profile["graduation_year"], profile["aamc_id"]) == ("2026", "12345678")


async def test_contacts_add_checks_each_field_and_asks_about_a_time_that_has_passed(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    friday_3pm = dt.datetime(2026, 3, 6, 15, 0, tzinfo=ET)
    monkeypatch.setattr(calendar, "now_utc", lambda: friday_3pm)
    monkeypatch.setattr(companion, "now_utc", lambda: friday_3pm)
    chat, output = scripted(
        services,
        [
            "/contacts add",
            "",  # the program is required: asked again
            "X" * 130,  # too long: asked again
            "Cedar Ridge Family Medicine",
            "Dr. Ana Ibarra",
            "program director",  # a choice by its label
            "1",
            "someday",  # not a date: asked again
            "today 2pm",  # already passed: which one?
            "1",  # that one (an interview that happened)
            "wed 9am",  # their last message: the Wednesday just gone
            "",
            "",
            "/quit",
        ],
    )
    await chat.run()
    text = output.getvalue()
    assert "Give the program." in text and "130 characters" in text and "couldn't read 'someday'" in text
    assert "has already passed" in text and "Which do you mean?" in text
    assert "→ Friday, March 6, 2:00 p.m. ET" in text and "→ Wednesday, March 4, 9:00 a.m. ET" in text
    [contact] = await list_contacts(services.store, CONSOLE_USER_ID)
    assert contact.program == "Cedar Ridge Family Medicine" and contact.role == "program-director"
    assert contact.interview_at == dt.datetime(2026, 3, 6, 14, 0, tzinfo=ET)
    assert contact.last_received_at == dt.datetime(2026, 3, 4, 9, 0, tzinfo=ET)


async def test_critique_asks_for_the_draft_again_and_an_unknown_kind_is_chosen(services: Services) -> None:
    chat, output = scripted(
        services,
        ["/critique postcard", "4", "3", ".", "Dear Ms. Lee,", "Thank you for the interview today.", ".", "", "/quit"],
    )
    await chat.run()
    text = output.getvalue()
    assert "postcard is not a kind of message I check" in text
    assert "Your draft is empty" in text and "Draft check (thank-you" in text


# ----- AI mode -------------------------------------------------------------------------------------


@pytest.fixture
async def fake_llm() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as fake:
        yield fake


async def llm_services(data_dir: Path, embedder: LocalMiniLM, base_url: str) -> Services:
    settings = make_settings(data_dir, openai_base_url=base_url, openai_api_key="test-key", llm_max_retries=0)
    return await build_services(settings, embedder=embedder)


async def test_ask_streams_the_answer_in_ai_mode(data_dir: Path, embedder: LocalMiniLM, fake_llm: FakeOpenAI) -> None:
    fake_llm.reply = lambda messages: "During SOAP you may apply to at most 45 programs [1]."
    services = await llm_services(data_dir, embedder, fake_llm.base_url)
    try:
        assert await check_llm_reachable(services) is None  # the server answers: AI mode
        chat, output = scripted(services, ["How many programs can I apply to in SOAP?", "/quit"])
        await chat.run()
    finally:
        await services.close()
    text = output.getvalue()
    assert "AI mode" in text and "at most 45 programs" in text and "Sources" in text
    assert any(r.json.get("stream") is True for r in fake_llm.chat_requests())  # the console streamed it


async def test_an_unreachable_server_means_offline_mode_from_the_start(
    data_dir: Path, embedder: LocalMiniLM, fake_llm: FakeOpenAI
) -> None:
    base_url = fake_llm.base_url
    await fake_llm.stop()  # nothing listens there any more
    services = await llm_services(data_dir, embedder, base_url)
    try:
        note = await check_llm_reachable(services, timeout=1.0)
        assert note is not None and "did not answer" in note and services.llm is None
        chat, output = scripted(services, ["/quit"], llm_note=note)
        await chat.run()
    finally:
        await services.close()
    banner = output.getvalue()
    assert "Running in offline mode" in banner and "did not answer" in banner and "AI mode" not in banner


async def test_warnings_become_one_notice_between_commands(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    root = logging.getLogger()
    kept_handlers, kept_level = list(root.handlers), root.level
    monkeypatch.setattr(ConsoleLogNotice, "_pending", None)
    monkeypatch.setattr(ConsoleLogNotice, "_shown", False)
    monkeypatch.delenv("LOG_LEVEL", raising=False)
    try:
        route_console_logs()
        root.setLevel(logging.WARNING)

        async def noisy(_: str) -> None:
            for _ in range(3):
                logging.getLogger("bot.core.base.llm").warning("llm call failed attempt=1")

        chat, output = scripted(services, ["/noisy", "/noisy", "/quit"])
        chat.register("noisy", "log warnings", noisy)
        await chat.run()
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in kept_handlers:
            root.addHandler(handler)
        root.setLevel(kept_level)
    text = output.getvalue()
    assert "llm call failed" not in text  # no raw log line
    assert text.count("The AI server had a problem") == 1
    assert common.ConsoleLogNotice.take() is None
