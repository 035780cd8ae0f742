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


async def test_a_wrong_chat_model_fails_and_names_the_servers_models(settings: Settings) -> None:
    async with FakeOpenAI() as fake:
        fake.models = ["smollm2-135m-instruct"]  # llama.cpp would answer any name with its one model
        con, out = console()
        broken = make_settings(settings.data_dir, openai_base_url=fake.base_url, chat_model="llama3.1")
        assert await run_doctor(broken, con) == 1
        text = out.getvalue()
        assert "CHAT_MODEL llama3.1 is not served" in text and "smollm2-135m-instruct" in text
        assert not fake.chat_requests()


async def test_a_missing_v1_is_told_apart_from_a_model_problem(settings: Settings) -> None:
    async with FakeOpenAI() as fake:
        root = fake.base_url.removesuffix("/v1")
        con, out = console()
        assert await run_doctor(make_settings(settings.data_dir, openai_base_url=root), con) == 1
        text = " ".join(out.getvalue().split())
        assert f"set OPENAI_BASE_URL={root}/v1" in text and "CHAT_MODEL" not in text
        con, out = console()
        nowhere = make_settings(settings.data_dir, openai_base_url=f"{root}/nothing/v1")
        assert await run_doctor(nowhere, con) == 1
        text = " ".join(out.getvalue().split())
        assert "Nothing OpenAI-compatible answers" in text and "ends in /v1" in text


async def test_a_context_smaller_than_the_default_prompt_is_measured_and_warned(settings: Settings) -> None:
    async with FakeOpenAI() as fake:
        fake.context_window = 2048
        fake.context_mode = "llama.cpp"
        con, out = console()
        assert await run_doctor(make_settings(settings.data_dir, openai_base_url=fake.base_url), con) == 0
        text = " ".join(out.getvalue().split())
        assert "context holds 2048 tokens" in text and "ASK_PROMPT_TOKEN_BUDGET=" in text
        assert [r.status for r in fake.chat_requests()] == [200, 400]  # the answer check, then one measurement


async def test_a_context_the_server_lists_is_used_without_measuring(settings: Settings) -> None:
    async with FakeOpenAI() as fake:
        fake.context_window, fake.advertise_context = 8192, True
        con, out = console()
        assert await run_doctor(make_settings(settings.data_dir, openai_base_url=fake.base_url), con) == 0
        assert "context (8192 tokens) holds the default prompt" in " ".join(out.getvalue().split())
        assert len(fake.chat_requests()) == 1


async def test_a_slow_server_is_warned_about_the_timeout(settings: Settings) -> None:
    async with FakeOpenAI() as fake:
        fake.latency = (0.8, 0.8)
        con, out = console()
        slow = make_settings(settings.data_dir, openai_base_url=fake.base_url, llm_timeout_seconds=1)
        assert await run_doctor(slow, con) == 0
        assert "LLM_TIMEOUT_SECONDS" in " ".join(out.getvalue().split())


async def test_the_embeddings_endpoint_is_checked(settings: Settings) -> None:
    async with FakeOpenAI() as fake:
        good = make_settings(settings.data_dir, openai_base_url=fake.base_url, embedding_provider="openai")
        con, out = console()
        await run_doctor(good, con)
        assert "returns one 1536-number vector per text" in " ".join(out.getvalue().split())
        fake.embedding_mode = "per_token"
        con, out = console()
        assert await run_doctor(good, con) == 1
        text = " ".join(out.getvalue().split())
        assert "one per token" in text and "pooling" in text
