"""Shared fixtures. Tests run offline with no keys; each gets its own DATA_DIR."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.config import Settings, load_settings
from bot.core.base.embeddings import LocalMiniLM

for _name in ("DISCORD_TOKEN", "OPENAI_API_KEY", "OPENAI_BASE_URL", "CHROMA_HOST", "DEV_GUILD_ID", "LOG_LEVEL"):
    os.environ.pop(_name, None)


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    """Settings isolated from any developer .env: offline unless a test says otherwise."""
    return load_settings(env_file=None, data_dir=data_dir, **overrides)


class CountingEmbedder:
    """Wraps the real local model and counts how many texts it embedded."""

    def __init__(self, inner: LocalMiniLM) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.embedded = 0

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.embedded += len(texts)
        return self.inner.embed(texts)


@pytest.fixture(scope="session")
def embedder() -> LocalMiniLM:
    """One loaded local model for the whole run (loading takes ~0.5 s), the one the critique's and
    rubric's learned checks use too."""
    return LocalMiniLM.shared()


@pytest.fixture(scope="session")
def built_data_dir(tmp_path_factory: pytest.TempPathFactory, embedder: LocalMiniLM) -> Path:
    """A DATA_DIR whose index holds the built-in knowledge, built once per test run."""
    from bot.core.knowledge.articles import BUILTIN_SCOPE, chunks_of, load_articles
    from bot.core.knowledge.index import KnowledgeIndex
    from bot.core.knowledge.shipped import ShippedVectors

    data_dir = tmp_path_factory.mktemp("built-data")
    settings = make_settings(data_dir)
    index = KnowledgeIndex(settings, ShippedVectors(embedder))
    index.sync_scope(BUILTIN_SCOPE, chunks_of(load_articles(settings.knowledge_dir)))
    return data_dir


@pytest.fixture
def data_dir(tmp_path: Path, built_data_dir: Path) -> Path:
    """A private copy of the pre-built DATA_DIR, so tests can write freely."""
    target = tmp_path / "data"
    shutil.copytree(built_data_dir, target)
    return target


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    return make_settings(data_dir)


@pytest.fixture
async def services(settings: Settings, embedder: LocalMiniLM) -> AsyncIterator[object]:
    from bot.core.services import build_services

    built = await build_services(settings, embedder=embedder)
    try:
        yield built
    finally:
        await built.close()


@pytest.fixture
def empty_settings(tmp_path: Path) -> Iterator[Settings]:
    yield make_settings(tmp_path / "empty-data")
