"""Fixtures for driving the real SoapBot through the local Discord emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from bot.client import SoapBot
from bot.core.services import Services
from tests.support.discord_emulator import DiscordEmulator, FakeGuild, FakeUser


@dataclass
class World:
    emu: DiscordEmulator
    bot: SoapBot
    services: Services
    guild: FakeGuild
    student: FakeUser


@pytest.fixture
async def emu() -> AsyncIterator[DiscordEmulator]:
    emulator = DiscordEmulator()
    await emulator.start()
    try:
        yield emulator
    finally:
        await emulator.stop()


@pytest.fixture
async def world(emu: DiscordEmulator, services: Services) -> AsyncIterator[World]:
    guild = emu.add_guild(name="SOAP Cohort 2026")
    student = emu.add_member(guild.id, username="student1")
    bot = SoapBot(services, guild_ready_timeout=0.05)
    async with emu.run_bot(bot):
        yield World(emu, bot, services, guild, student)
