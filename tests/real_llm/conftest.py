"""Fixtures for the real-server tests (``scripts/test-llm``): the Discord emulator from tests/cogs."""

from __future__ import annotations

from tests.cogs import conftest as cogs

emu = cogs.emu
