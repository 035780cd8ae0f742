"""Fixtures for the reliability tests (what students do is in ``actions.py``).

The real ``SoapBot`` runs against the local Discord emulator (``world`` from tests/cogs) and,
where a test needs an LLM, the real ``LLMClient`` against the fake OpenAI server.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.core.base.llm import LLMClient
from tests.cogs import conftest as cogs
from tests.cogs.conftest import World
from tests.conftest import make_settings
from tests.support.fake_openai import FakeOpenAI

FAKE_KEY = "sk-fake-reliability-KEY-7c1e9a"

emu = cogs.emu
world = cogs.world


@pytest.fixture
async def fake_openai() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as fake:
        fake.api_key = FAKE_KEY
        yield fake


@pytest.fixture
async def connect_llm(world: World, fake_openai: FakeOpenAI) -> AsyncIterator[Any]:
    """``connect_llm(**settings)``: give the bot a real LLMClient pointed at the fake server."""
    clients: list[LLMClient] = []

    def connect(**overrides: Any) -> LLMClient:
        overrides.setdefault("llm_max_retries", 1)
        overrides.setdefault("default_guild_daily_token_budget", 10**9)
        settings = make_settings(
            world.services.settings.data_dir, openai_base_url=fake_openai.base_url, openai_api_key=FAKE_KEY, **overrides
        )
        llm = LLMClient(settings)
        clients.append(llm)
        world.services.llm = world.services.usage.llm = llm
        world.services.usage.settings = settings
        return llm

    yield connect
    for llm in clients:
        await llm.close()
