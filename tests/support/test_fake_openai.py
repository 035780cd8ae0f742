"""The fake OpenAI server, checked against the real ``openai`` client."""

from __future__ import annotations

import json
import math
import time
from collections.abc import AsyncIterator

import openai
import pytest
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletionMessageParam

from tests.support.fake_openai import FakeOpenAI


@pytest.fixture
async def fake() -> AsyncIterator[FakeOpenAI]:
    server = FakeOpenAI()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def client(fake: FakeOpenAI) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(base_url=fake.base_url, api_key="test-key", max_retries=0, timeout=5.0) as c:
        yield c


MESSAGES: list[ChatCompletionMessageParam] = [
    {"role": "system", "content": "You coach students through the SOAP."},
    {"role": "user", "content": "How should I rank programs during the SOAP?"},
]


async def test_non_stream_completion(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    result = await client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
    text = result.choices[0].message.content or ""
    assert "[1]" in text and "How should I rank programs" in text
    assert result.choices[0].finish_reason == "stop"
    assert result.usage is not None and result.usage.prompt_tokens > 0 and result.usage.completion_tokens > 0
    assert result.usage.total_tokens == result.usage.prompt_tokens + result.usage.completion_tokens
    [request] = fake.chat_requests()
    assert request.json["messages"] == MESSAGES
    assert request.api_key == "test-key"
    assert "test-key" not in repr(request) and "test-key" not in repr(request.headers)


async def test_custom_reply_and_latency(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.reply = lambda messages: f"{len(messages)} messages seen"
    fake.latency = (0.05, 0.06)
    started = time.perf_counter()
    result = await client.chat.completions.create(model="m", messages=MESSAGES)
    assert time.perf_counter() - started >= 0.05
    assert result.choices[0].message.content == "2 messages seen"


async def test_stream_with_usage(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.reply = "Rank every program you would attend [1]."
    stream = await client.chat.completions.create(
        model="gpt-4o-mini",
        messages=MESSAGES,
        stream=True,
        stream_options={"include_usage": True},
    )
    pieces: list[str] = []
    finish = None
    usage = None
    async for chunk in stream:
        if chunk.usage is not None:
            usage = chunk.usage
        for choice in chunk.choices:
            pieces.append(choice.delta.content or "")
            finish = choice.finish_reason or finish
    assert "".join(pieces) == "Rank every program you would attend [1]."
    assert len([p for p in pieces if p]) > 3  # really streamed in pieces
    assert finish == "stop"
    assert usage is not None and usage.completion_tokens > 0


async def test_stream_without_usage(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    chunks = [chunk async for chunk in stream]
    assert all(chunk.usage is None for chunk in chunks)
    assert chunks[-1].choices[0].finish_reason == "stop"


async def test_json_mode_returns_what_reply_returns(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.reply = lambda messages: {"score": 4, "issues": ["too long"]}
    result = await client.chat.completions.create(
        model="m",
        messages=MESSAGES,
        response_format={"type": "json_object"},
    )
    assert json.loads(result.choices[0].message.content or "") == {"score": 4, "issues": ["too long"]}
    assert fake.chat_requests()[0].json["response_format"] == {"type": "json_object"}


async def test_async_reply_function(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    async def reply(messages: list[dict[str, object]]) -> str:
        return "async answer [1]"

    fake.reply = reply
    result = await client.chat.completions.create(model="m", messages=MESSAGES)
    assert result.choices[0].message.content == "async answer [1]"


async def test_embeddings_are_deterministic_unit_vectors(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    first = await client.embeddings.create(model="text-embedding-3-small", input=["alpha", "beta"])
    again = await client.embeddings.create(model="text-embedding-3-small", input="alpha")
    assert len(first.data) == 2 and len(first.data[0].embedding) == 1536
    assert first.data[0].embedding == pytest.approx(again.data[0].embedding, abs=1e-6)
    assert first.data[0].embedding != first.data[1].embedding
    assert math.isclose(math.sqrt(sum(v * v for v in first.data[1].embedding)), 1.0, rel_tol=1e-5)
    small = await client.embeddings.create(model="text-embedding-3-small", input="alpha", dimensions=64)
    assert len(small.data[0].embedding) == 64
    floats = await client.embeddings.create(model="m", input="alpha", encoding_format="float")
    assert floats.data[0].embedding == pytest.approx(FakeOpenAI.embed_text("alpha"), abs=1e-6)
    assert first.usage.prompt_tokens > 0


async def test_models(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    models = [m.id async for m in client.models.list()]
    assert "gpt-4o-mini" in models and "text-embedding-3-small" in models
    assert (await client.models.retrieve("gpt-4o-mini")).id == "gpt-4o-mini"
    with pytest.raises(openai.NotFoundError):
        await client.models.retrieve("gpt-nope")


async def test_rate_limit_fault(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.enqueue_fault("429", retry_after=0.2)
    with pytest.raises(openai.RateLimitError) as info:
        await client.chat.completions.create(model="m", messages=MESSAGES)
    assert info.value.status_code == 429
    assert info.value.response.headers["retry-after"] == "0.2"
    assert info.value.code == "rate_limit_exceeded"
    # consumed: the next request succeeds
    await client.chat.completions.create(model="m", messages=MESSAGES)
    assert [r.fault for r in fake.requests] == ["429", None]


async def test_rate_limit_is_retried_by_the_client(fake: FakeOpenAI) -> None:
    fake.enqueue_fault("429", retry_after=0.05)
    async with AsyncOpenAI(base_url=fake.base_url, api_key="k", max_retries=1) as retrying:
        result = await retrying.chat.completions.create(model="m", messages=MESSAGES)
    assert "[1]" in (result.choices[0].message.content or "")
    assert [r.status for r in fake.requests] == [429, 200]


async def test_server_error_fault(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.enqueue_fault("500")
    with pytest.raises(openai.InternalServerError):
        await client.chat.completions.create(model="m", messages=MESSAGES)
    fake.enqueue_fault("503", path="/embeddings")
    with pytest.raises(openai.InternalServerError) as info:
        await client.embeddings.create(model="m", input="x")
    assert info.value.status_code == 503


async def test_auth_fault_and_wrong_key(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.enqueue_fault("401")
    with pytest.raises(openai.AuthenticationError) as info:
        await client.chat.completions.create(model="m", messages=MESSAGES)
    assert info.value.code == "invalid_api_key"
    fake.api_key = "the-right-key"
    with pytest.raises(openai.AuthenticationError):
        await client.embeddings.create(model="m", input="x")


async def test_timeout_fault(fake: FakeOpenAI) -> None:
    fake.enqueue_fault("timeout", delay=5.0)
    async with AsyncOpenAI(base_url=fake.base_url, api_key="k", max_retries=0, timeout=0.2) as quick:
        started = time.perf_counter()
        with pytest.raises(openai.APITimeoutError):
            await quick.chat.completions.create(model="m", messages=MESSAGES)
    assert time.perf_counter() - started < 2.0


async def test_malformed_body_fault(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.enqueue_fault("malformed")
    with pytest.raises(json.JSONDecodeError):
        await client.chat.completions.create(model="m", messages=MESSAGES)


async def test_truncated_stream_fault(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.reply = "one two three four five six"
    fake.enqueue_fault("truncated_stream", chunks=2)
    stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    received: list[str] = []
    with pytest.raises(openai.APIConnectionError):
        async for chunk in stream:
            for choice in chunk.choices:
                assert choice.finish_reason is None
                received.append(choice.delta.content or "")
    assert "".join(received) == "one two "


async def test_empty_completion_fault(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.enqueue_fault("empty")
    result = await client.chat.completions.create(model="m", messages=MESSAGES)
    assert result.choices[0].message.content == ""
    fake.enqueue_fault("empty")
    stream = await client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
    assert "".join([c.choices[0].delta.content or "" async for c in stream if c.choices]) == ""


async def test_faults_are_fifo_and_validated(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.enqueue_fault("500")
    fake.enqueue_fault("429", retry_after=0.1)
    with pytest.raises(openai.InternalServerError):
        await client.chat.completions.create(model="m", messages=MESSAGES)
    with pytest.raises(openai.RateLimitError):
        await client.chat.completions.create(model="m", messages=MESSAGES)
    assert not fake.pending_faults
    with pytest.raises(ValueError, match="unknown fault"):
        fake.enqueue_fault("explode")


async def test_transcription_placeholder(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.transcribe = lambda filename, data: f"{filename}:{len(data)}"
    result = await client.audio.transcriptions.create(model="whisper-1", file=("answer.ogg", b"OggS1234"))
    assert result.text == "answer.ogg:8"


async def test_transcription_verbose_json_has_word_timings(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    fake.transcribe = lambda filename, data: "Um, I applied too narrowly."
    result = await client.audio.transcriptions.create(
        model="whisper-1",
        file=("answer.ogg", b"OggS1234", "audio/ogg"),
        response_format="verbose_json",
        timestamp_granularities=["word"],
    )
    assert [w.word for w in result.words] == ["Um", "I", "applied", "too", "narrowly"]
    assert result.words[1].start == 0.4 and result.duration > result.words[-1].end
    form = fake.requests[-1].json
    assert form["timestamp_granularities"] == ["word"] and form["file"]["content_type"] == "audio/ogg"


async def test_unknown_route_is_loud(fake: FakeOpenAI, client: AsyncOpenAI) -> None:
    with pytest.raises(openai.NotFoundError, match="no handler"):
        await client.completions.create(model="m", prompt="legacy")
