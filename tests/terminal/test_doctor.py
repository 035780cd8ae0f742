"""`soapbot doctor` says what is fine and what to fix."""

from __future__ import annotations

import io

from rich.console import Console

from bot.config import Settings
from bot.terminal.doctor import run_doctor
from tests.conftest import make_settings
from tests.support.fake_openai import FakeOpenAI


def console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=200, color_system=None), out


async def test_offline_set_up_is_ready(settings: Settings) -> None:
    con, out = console()
    assert await run_doctor(settings, con) == 0
    text = out.getvalue()
    assert "offline mode" in text and "sections indexed" in text and "Ready." in text


async def test_unreachable_llm_and_bad_token_are_named(settings: Settings) -> None:
    broken = make_settings(
        settings.data_dir,
        openai_base_url="http://127.0.0.1:9/v1",
        discord_token="not-a-token",
        discord_api_base_url="http://127.0.0.1:9/api/v10",
    )
    con, out = console()
    assert await run_doctor(broken, con) == 1
    text = out.getvalue()
    assert "OPENAI_BASE_URL" in text and "does not look like a bot token" in text


async def test_reachable_llm_is_ok(settings: Settings) -> None:
    async with FakeOpenAI() as fake:
        con, out = console()
        assert await run_doctor(make_settings(settings.data_dir, openai_base_url=fake.base_url), con) == 0
        assert "answered at" in out.getvalue()


async def test_discord_token_is_checked_with_discord(settings: Settings) -> None:
    from tests.support.discord_emulator import DiscordEmulator

    emulator = DiscordEmulator()
    await emulator.start()
    try:
        good = make_settings(settings.data_dir, discord_token=emulator.token, discord_api_base_url=emulator.api_base)
        con, out = console()
        assert await run_doctor(good, con) == 0
        assert "Logged in as" in out.getvalue()
        bad = make_settings(settings.data_dir, discord_token="abc.def.ghi", discord_api_base_url=emulator.api_base)
        con, out = console()
        assert await run_doctor(bad, con) == 1
        assert "rejected DISCORD_TOKEN" in out.getvalue()
    finally:
        await emulator.stop()
