"""Whether a student still belongs to a server, asked of Discord and remembered briefly.

Sharing a report into a server's advisor channel, and searching a server's own guidance from
DMs, both need the student to be a member of that server *now*: the servers the bot remembers
(``user_guilds``) may include one they left or were removed from. A server they are no longer
in is forgotten.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import discord

log = logging.getLogger(__name__)

#: How long an answer from Discord is trusted (without the privileged members intent the bot is
#: not told when someone leaves, so it asks again after this).
CACHE_SECONDS = 60.0
#: Servers offered for sharing a report made in DMs (most recently used first).
MAX_SERVERS = 3


class Membership:
    def __init__(self, client: discord.Client, store: Any, *, cache_seconds: float = CACHE_SECONDS) -> None:
        self.client = client
        self.store = store
        self.cache_seconds = cache_seconds
        self._cache: dict[tuple[int, int], tuple[bool, float]] = {}

    async def is_member(self, guild_id: int, user_id: int, *, fresh: bool = False) -> bool:
        """True when Discord says the user is a member of the server (False if it can't tell).

        ``fresh``: ask Discord now, whatever was cached (before posting in an advisor channel)."""
        key = (guild_id, user_id)
        cached = self._cache.get(key)
        if not fresh and cached is not None and time.monotonic() - cached[1] < self.cache_seconds:
            return cached[0]
        try:
            await self.client.http.get_member(guild_id, user_id)
            member = True
        except (discord.NotFound, discord.Forbidden) as exc:
            # 10007 Unknown Member (left, kicked, banned), 10004 Unknown Guild or no access: not a member.
            log.info("membership check guild=%s user=%s member=no code=%s", guild_id, user_id, exc.code)
            member = False
        except discord.HTTPException as exc:
            log.warning("membership check failed guild=%s user=%s status=%s", guild_id, user_id, exc.status)
            return False
        self._cache[key] = (member, time.monotonic())
        if not member:
            await self.store.forget_guild(user_id, guild_id)
        return member

    async def home_guild(self, user_id: int, *, fresh: bool = False) -> int | None:
        """The server the user most recently used the bot in and still belongs to."""
        for guild_id in await self.store.guilds_of(user_id):
            if await self.is_member(guild_id, user_id, fresh=fresh):
                return guild_id
        return None

    async def servers_of(self, user_id: int, limit: int = MAX_SERVERS) -> list[tuple[int, str]]:
        """(id, name) of up to ``limit`` servers the user still belongs to, most recently used first."""
        servers: list[tuple[int, str]] = []
        for guild_id in await self.store.guilds_of(user_id):
            if len(servers) >= limit:
                break
            if await self.is_member(guild_id, user_id):
                guild = self.client.get_guild(guild_id)
                servers.append((guild_id, guild.name if guild is not None else f"server {guild_id}"))
        return servers
