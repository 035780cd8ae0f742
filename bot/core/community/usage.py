"""LLM quotas: a per-student hourly limit and a per-server daily token budget.

``UsageGate.llm_for`` hands out the LLM for one request, wrapped so the tokens it uses are
recorded against the student and the server. When a quota is used up it hands out no LLM
and an :class:`LLMError` explaining why, and the caller continues in offline mode.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Sequence
from typing import Any

from bot.config import Settings
from bot.core.base.guild_config import GuildConfigs
from bot.core.base.llm import ChatResult, LLMClient, LLMError, Message
from bot.core.base.store import Store

log = logging.getLogger(__name__)

HOUR = 3600.0
DAY = 86400.0


class MeteredLLM:
    """The same interface as LLMClient; records each call's tokens for one user and server."""

    def __init__(self, llm: LLMClient, store: Store, user_id: int, guild_id: int | None) -> None:
        self._llm = llm
        self._store = store
        self.user_id = user_id
        self.guild_id = guild_id
        self.model = llm.model

    async def _record(self, purpose: str, result: ChatResult) -> None:
        await self._store.execute(
            "INSERT INTO usage (user_id, guild_id, purpose, tokens, created_at) VALUES (?, ?, ?, ?, ?)",
            # Tokens a server did not report (llama.cpp streams) are our estimate, and say so.
            (
                self.user_id,
                self.guild_id,
                purpose + (":estimated" if result.usage_estimated else ""),
                result.total_tokens,
                time.time(),
            ),
        )

    async def complete(self, messages: Sequence[Message], *, purpose: str, **kwargs: Any) -> ChatResult:
        async def record(result: ChatResult) -> None:
            await self._record(purpose, result)

        return await self._llm.complete(messages, purpose=purpose, on_usage=record, **kwargs)

    async def stream(self, messages: Sequence[Message], *, purpose: str, **kwargs: Any) -> AsyncIterator[str]:
        async def record(result: ChatResult) -> None:
            await self._record(purpose, result)

        async for delta in self._llm.stream(messages, purpose=purpose, on_usage=record, **kwargs):
            yield delta


class UsageGate:
    def __init__(self, settings: Settings, store: Store, configs: GuildConfigs, llm: LLMClient | None) -> None:
        self.settings = settings
        self.store = store
        self.configs = configs
        self.llm = llm

    async def llm_for(self, user_id: int, guild_id: int | None) -> tuple[MeteredLLM | None, LLMError | None]:
        """The LLM for one request, or (None, reason) when a quota is used up; (None, None) offline."""
        if self.llm is None:
            return None, None
        config = await self.configs.get(guild_id)
        hourly = (
            config.user_hourly_limit
            if config and config.user_hourly_limit is not None
            else (self.settings.default_user_hourly_llm_limit)
        )
        budget = (
            config.daily_token_budget
            if config and config.daily_token_budget is not None
            else (self.settings.default_guild_daily_token_budget)
        )
        calls = await self.calls_last_hour(user_id)
        if calls >= hourly:
            log.info("llm quota reached scope=user calls=%d limit=%d", calls, hourly)
            return None, LLMError("user_limit")
        if guild_id is not None:
            tokens = await self.tokens_used_today(guild_id)
            if tokens >= budget:
                log.info("llm quota reached scope=guild tokens=%d budget=%d", tokens, budget)
                return None, LLMError("server_budget")
        return MeteredLLM(self.llm, self.store, user_id, guild_id), None

    async def calls_last_hour(self, user_id: int) -> int:
        """The user's AI requests in the last hour, including any from before they deleted their data."""
        since = time.time() - HOUR
        row = await self.store.fetchone(
            "SELECT (SELECT COUNT(*) FROM usage WHERE user_id = ? AND created_at > ?) + "
            "(SELECT COUNT(*) FROM usage_anonymous WHERE user_key = ? AND created_at > ?)",
            (user_id, since, await self.store.usage_key(user_id), since),
        )
        return int(row[0]) if row else 0

    async def tokens_used_today(self, guild_id: int) -> int:
        """The server's AI tokens in the last 24 hours (usage of students who deleted their data included)."""
        since = time.time() - DAY
        row = await self.store.fetchone(
            "SELECT (SELECT COALESCE(SUM(tokens), 0) FROM usage WHERE guild_id = ? AND created_at > ?) + "
            "(SELECT COALESCE(SUM(tokens), 0) FROM usage_anonymous WHERE guild_id = ? AND created_at > ?)",
            (guild_id, since, guild_id, since),
        )
        return int(row[0]) if row else 0
