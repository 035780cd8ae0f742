"""EMBEDDING_PROVIDER=openai against servers that answer badly: a vector per token (llama.cpp
without pooling), huge vectors, too few vectors, errors. Each ends at the first request in one
short EmbeddingError line, with no vector in it or in the logs."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.base import tokens
from bot.core.base.embeddings import EmbeddingError, OpenAIEmbedder
from tests.conftest import make_settings
from tests.support.fake_openai import FakeOpenAI

TEXTS = ["How does SOAP work?", "Programs contact applicants first.", "Rank every program you would attend."]


@pytest.fixture
async def fake() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as server:
        yield server


def embedder(fake: FakeOpenAI, tmp_path: Path) -> OpenAIEmbedder:
    settings = make_settings(
        tmp_path,
        openai_base_url=fake.base_url,
        openai_api_key="sk-test",
        embedding_provider="openai",
        llm_max_retries=0,
    )
    return OpenAIEmbedder(settings)


async def embed(model: OpenAIEmbedder, texts: list[str]) -> list[list[float]]:
    return await asyncio.to_thread(model.embed, texts)


def assert_one_clear_line(error: EmbeddingError, caplog: pytest.LogCaptureFixture) -> None:
    message = str(error)
    assert "\n" not in message and len(message) < 400 and message.startswith("EMBEDDING_PROVIDER=openai:")
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)
    assert len(re.findall(r"\d\.\d{5,}", caplog.text)) < 3  # no vector in the logs


async def test_one_vector_per_text_in_batches_bounded_by_tokens(fake: FakeOpenAI, tmp_path: Path) -> None:
    model = embedder(fake, tmp_path)
    model.batch_tokens = 40
    texts = [f"{t} ({i})" for i in range(10) for t in TEXTS]
    vectors = await embed(model, texts)
    assert len(vectors) == len(texts) and {len(v) for v in vectors} == {1536}
    assert vectors[0] == pytest.approx(FakeOpenAI.embed_text(texts[0]), abs=1e-6)
    batches = [r.json["input"] for r in fake.requests if r.path == "/v1/embeddings"]
    assert len(batches) > 1
    assert all(sum(tokens.count_tokens(t) for t in batch) <= 40 for batch in batches)


async def test_per_token_vectors_stop_at_the_first_request(
    fake: FakeOpenAI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake.embedding_mode = "per_token"
    model = embedder(fake, tmp_path)
    with caplog.at_level(logging.DEBUG), pytest.raises(EmbeddingError) as caught:
        await embed(model, TEXTS * 50)
    assert "one per token" in str(caught.value) and "pooling" in str(caught.value)
    assert_one_clear_line(caught.value, caplog)
    assert len([r for r in fake.requests if r.path == "/v1/embeddings"]) == 1


async def test_per_token_vectors_of_long_texts_are_cut_off_by_size(
    fake: FakeOpenAI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake.embedding_mode = "per_token"
    model = embedder(fake, tmp_path)
    with caplog.at_level(logging.DEBUG), pytest.raises(EmbeddingError) as caught:
        await embed(model, ["word " * 300])
    assert "MB" in str(caught.value)
    assert_one_clear_line(caught.value, caplog)


async def test_huge_vectors_are_refused(fake: FakeOpenAI, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    fake.embedding_dimensions = 12000
    model = embedder(fake, tmp_path)
    with caplog.at_level(logging.DEBUG), pytest.raises(EmbeddingError) as caught:
        await embed(model, TEXTS[:1])
    assert "12000 numbers" in str(caught.value)
    assert_one_clear_line(caught.value, caplog)


async def test_too_few_vectors_and_changed_sizes_are_refused(fake: FakeOpenAI, tmp_path: Path) -> None:
    model = embedder(fake, tmp_path)
    fake.enqueue_fault("wrong_count_embeddings")
    with pytest.raises(EmbeddingError, match="2 vectors for 3 texts"):
        await embed(model, TEXTS)
    await embed(model, TEXTS)
    fake.embedding_dimensions = 768
    with pytest.raises(EmbeddingError, match="768 numbers after vectors of 1536"):
        await embed(model, TEXTS)


async def test_http_errors_are_one_line(fake: FakeOpenAI, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    model = embedder(fake, tmp_path)
    fake.enqueue_fault("404", path="/embeddings")
    with pytest.raises(EmbeddingError, match="HTTP 404") as caught:
        await embed(model, TEXTS)
    assert "EMBEDDING_MODEL" in str(caught.value)
    assert_one_clear_line(caught.value, caplog)


async def test_ask_json_prints_json_when_the_embeddings_are_per_token(fake: FakeOpenAI, tmp_path: Path) -> None:
    """``soapbot ask --json`` against such a server: one JSON object with the error, no traceback."""
    fake.embedding_mode = "per_token"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DISCORD_"))},
        "OPENAI_BASE_URL": fake.base_url,
        "OPENAI_API_KEY": "sk-test",
        "EMBEDDING_PROVIDER": "openai",
        "DATA_DIR": str(tmp_path / "data"),
        "LLM_MAX_RETRIES": "0",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "ask",
        "How many programs can I apply to?",
        "--json",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), 90)
    assert process.returncode == 1
    payload = json.loads(stdout.decode())
    assert "pooling" in payload["error"]
    assert b"Traceback" not in stderr and len(stderr) < 5000
