"""Per-server settings an advisor chooses with ``/advisor setup``; cached, persisted in SQLite."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace
from typing import Any

from bot.core.base.store import Store

EDITABLE = (
    "advisor_role_id",
    "report_channel_id",
    "soap_year",
    "ask_private",
    "daily_token_budget",
    "user_hourly_limit",
    "calendar_overrides",
)


@dataclass(frozen=True)
class GuildConfig:
    guild_id: int
    advisor_role_id: int | None = None
    report_channel_id: int | None = None
    soap_year: int | None = None
    ask_private: bool = False
    daily_token_budget: int | None = None
    user_hourly_limit: int | None = None
    calendar_overrides: dict[str, str] = field(default_factory=dict)


class GuildConfigs:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._cache: dict[int, GuildConfig] = {}

    async def get(self, guild_id: int | None) -> GuildConfig | None:
        if guild_id is None:
            return None
        cached = self._cache.get(guild_id)
        if cached is not None:
            return cached
        row = await self.store.fetchone("SELECT * FROM guild_settings WHERE guild_id = ?", (guild_id,))
        config = GuildConfig(guild_id)
        if row is not None:
            config = GuildConfig(
                guild_id=guild_id,
                advisor_role_id=row["advisor_role_id"],
                report_channel_id=row["report_channel_id"],
                soap_year=row["soap_year"],
                ask_private=bool(row["ask_private"]),
                daily_token_budget=row["daily_token_budget"],
                user_hourly_limit=row["user_hourly_limit"],
                calendar_overrides=json.loads(row["calendar_overrides"] or "{}"),
            )
        self._cache[guild_id] = config
        return config

    async def update(self, guild_id: int, updated_by: int | None, **changes: Any) -> GuildConfig:
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValueError(f"unknown guild settings: {', '.join(sorted(unknown))}")
        current = await self.get(guild_id)
        assert current is not None
        config = replace(current, **changes)
        await self.store.execute(
            "INSERT INTO guild_settings (guild_id, advisor_role_id, report_channel_id, soap_year, ask_private, "
            "daily_token_budget, user_hourly_limit, calendar_overrides, updated_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(guild_id) DO UPDATE SET "
            "advisor_role_id = excluded.advisor_role_id, report_channel_id = excluded.report_channel_id, "
            "soap_year = excluded.soap_year, ask_private = excluded.ask_private, "
            "daily_token_budget = excluded.daily_token_budget, user_hourly_limit = excluded.user_hourly_limit, "
            "calendar_overrides = excluded.calendar_overrides, updated_by = excluded.updated_by, "
            "updated_at = excluded.updated_at",
            (
                guild_id,
                config.advisor_role_id,
                config.report_channel_id,
                config.soap_year,
                int(config.ask_private),
                config.daily_token_budget,
                config.user_hourly_limit,
                json.dumps(config.calendar_overrides),
                updated_by,
                time.time(),
            ),
        )
        self._cache[guild_id] = config
        return config
