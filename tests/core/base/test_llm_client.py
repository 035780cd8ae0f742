"""LLMClient against the fake OpenAI server doing what real servers (llama.cpp, Ollama, vLLM) do:
a small context, cut-off replies, slow answers, streams without usage, echoed prompt tags."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from bot.core.base import tokens
from bot.core.base.llm import ChatResult, LLMClient, LLMError, _classify, strip_prompt_tags
from tests.conftest import make_settings
from tests.support.fake_openai import FakeOpenAI


@pytest.fixture
async def fake() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as server:
        yield server


@pytest.fixture
async def make_client(fake: FakeOpenAI, tmp_path: Path) -> AsyncIterator[Any]:
    clients: list[LLMClient] = []

    def make(**overrides: Any) -> LLMClient:
        overrides.setdefault("llm_max_retries", 1)
        settings = make_settings(tmp_path, openai_base_url=fake.base_url, openai_api_key="sk-test", **overrides)
        client = LLMClient(settings)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close()


PASSAGE = "During SOAP, programs contact applicants first; applicants may reply once contacted. " * 12


def passages_prompt(count: int) -> list[dict[str, str]]:
    body = "\n\n".join(f"[{i}] <passage>\n{PASSAGE}\n</passage>" for i in range(1, count + 1))
    return [
        {"role": "system", "content": "Answer from the passages and cite them."},
        {"role": "user", "content": f"{body}\n\nQuestion: may I email a program?"},
    ]


class Refit:
    """``refit(budget)`` as the ask path does it: as many passages as fit the budget."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.budgets: list[int] = []

    def __call__(self, budget: int) -> Sequence[dict[str, str]]:
        self.budgets.append(budget)
        for count in range(self.count, 0, -1):
            messages = passages_prompt(count)
            if tokens.count_message_tokens(messages) <= budget:
                break
        self.count = count
        return messages


async def collect(stream: AsyncIterator[str]) -> str:
    return "".join([delta async for delta in stream])


# ----- context ------------------------------------------------------------------------------------


async def test_a_context_error_is_retried_with_fewer_passages_and_later_calls_fit_first(
    fake: FakeOpenAI, make_client: Any
) -> None:
    fake.context_window = 1400
    llm = make_client()
    messages = passages_prompt(8)
    refit = Refit(8)
    result = await llm.complete(messages, purpose="ask", max_tokens=300, refit=refit)
    assert result.text
    assert [r.status for r in fake.chat_requests()] == [400, 200]
    assert llm.context_window == 1400 and refit.count < 8
    # The next call is fitted before it is sent: no second 400.
    refit = Refit(8)
    await llm.complete(passages_prompt(8), purpose="ask", max_tokens=300, refit=refit)
    assert [r.status for r in fake.chat_requests()] == [400, 200, 200]
    assert refit.budgets and refit.count < 8
    sent = fake.chat_requests()[-1].json
    assert sent["max_tokens"] == 300  # the whole reply still fits


async def test_a_stream_refits_too(fake: FakeOpenAI, make_client: Any) -> None:
    fake.context_window = 1400
    llm = make_client()
    refit = Refit(8)
    text = await collect(llm.stream(passages_prompt(8), purpose="ask", max_tokens=300, refit=refit))
    assert text and refit.count < 8
    assert [r.status for r in fake.chat_requests()] == [400, 200]


async def test_without_refit_the_reply_gets_the_room_left_or_the_call_is_not_sent(
    fake: FakeOpenAI, make_client: Any
) -> None:
    fake.context_window = 1400
    llm = make_client()
    small = passages_prompt(2)
    await llm.complete(small, purpose="critique", max_tokens=1500, allow_truncated=True)
    assert [r.status for r in fake.chat_requests()] == [400, 200]
    assert fake.chat_requests()[-1].json["max_tokens"] < 1500  # shrunk to fit
    with pytest.raises(LLMError) as caught:
        await llm.complete(passages_prompt(12), purpose="critique", max_tokens=1500)
    assert caught.value.kind == "context"
    assert len(fake.chat_requests()) == 2  # known too long: not sent


async def test_the_context_fault_is_reported_as_context_not_unreadable(fake: FakeOpenAI, make_client: Any) -> None:
    llm = make_client()
    fake.enqueue_fault("context_length_exceeded")
    fake.enqueue_fault("context_length_exceeded")
    with pytest.raises(LLMError) as caught:
        await llm.complete(passages_prompt(1), purpose="ask", max_tokens=100)
    assert caught.value.kind == "context" and "context" in caught.value.notice
    assert llm.context_window == 2048


def status_error(status: int, body: dict[str, Any]) -> openai.APIStatusError:
    response = httpx.Response(status, request=httpx.Request("POST", "http://127.0.0.1/v1/chat/completions"))
    cls = {400: openai.BadRequestError, 404: openai.NotFoundError}[status]
    return cls("error", response=response, body=body)


def test_context_errors_of_each_server_are_read() -> None:
    openai_style = status_error(
        400,
        {
            "message": "This model's maximum context length is 2048 tokens. However, you requested 3300 tokens "
            "(2800 in the messages, 500 in the completion).",
            "code": "context_length_exceeded",
        },
    )
    error = _classify(openai_style)
    assert (error.kind, error.context_window, error.prompt_tokens) == ("context", 2048, 2800)
    llama_server = status_error(
        400,
        {
            "code": 400,
            "message": "the request exceeds the available context size, try increasing it",
            "type": "exceed_context_size_error",
            "n_prompt_tokens": 5000,
            "n_ctx": 4096,
        },
    )
    error = _classify(llama_server)
    assert (error.kind, error.context_window, error.prompt_tokens) == ("context", 4096, 5000)
    assert _classify(status_error(400, {"message": "bad temperature"})).kind == "malformed"
    assert _classify(status_error(404, {"message": "model not found"})).kind == "not_found"


# ----- finish_reason "length" ---------------------------------------------------------------------


async def test_a_cut_off_reply_is_asked_for_again_shorter(fake: FakeOpenAI, make_client: Any) -> None:
    llm = make_client()
    fake.reply = '{"findings": [], "rewrite": "Dear Dr. Lee, thank you for the interview."}'
    fake.enqueue_fault("length", chunks=3)
    used: list[ChatResult] = []

    async def on_usage(result: ChatResult) -> None:
        used.append(result)

    result = await llm.complete(
        [{"role": "system", "content": "Review."}, {"role": "user", "content": "draft"}],
        purpose="critique",
        json_mode=True,
        on_usage=on_usage,
    )
    assert result.finish_reason == "stop" and result.text.endswith("}")
    first, second = fake.chat_requests()
    assert "cut off" in second.json["messages"][0]["content"] and "cut off" not in first.json["messages"][0]["content"]
    assert len(used) == 1 and used[0].completion_tokens > 0  # both attempts metered, once


async def test_a_reply_cut_off_twice_is_truncated_not_unreadable(fake: FakeOpenAI, make_client: Any) -> None:
    llm = make_client()
    fake.enqueue_fault("length")
    fake.enqueue_fault("length")
    with pytest.raises(LLMError) as caught:
        await llm.complete([{"role": "user", "content": "hi"}], purpose="critique", json_mode=True)
    assert caught.value.kind == "truncated" and "cut off" in caught.value.notice
    assert len(fake.chat_requests()) == 2


async def test_max_tokens_cuts_a_long_reply_and_allow_truncated_returns_it(fake: FakeOpenAI, make_client: Any) -> None:
    llm = make_client()
    fake.reply = "word " * 200
    result = await llm.complete(
        [{"role": "user", "content": "hi"}], purpose="doctor", max_tokens=5, allow_truncated=True
    )
    assert result.finish_reason == "length"
    assert len(fake.chat_requests()) == 1


async def test_a_stream_cut_off_raises_truncated_after_its_text(fake: FakeOpenAI, make_client: Any) -> None:
    llm = make_client()
    fake.reply = "Rank every program you would attend, in order of preference [1]."
    fake.enqueue_fault("length", chunks=4)
    seen = ""
    with pytest.raises(LLMError) as caught:
        async for delta in llm.stream([{"role": "user", "content": "hi"}], purpose="ask"):
            seen += delta
    assert caught.value.kind == "truncated"
    assert seen == "Rank every program you "


# ----- the whole-call deadline ----------------------------------------------------------------------


async def test_a_timed_out_request_is_not_sent_again(fake: FakeOpenAI, make_client: Any) -> None:
    llm = make_client(llm_timeout_seconds=1, llm_max_retries=3)
    fake.enqueue_fault("timeout", delay=5)
    started = time.perf_counter()
    with pytest.raises(LLMError) as caught:
        await llm.complete([{"role": "user", "content": "hi"}], purpose="ask")
    assert caught.value.kind == "timeout"
    assert time.perf_counter() - started < 1.6
    assert len(fake.chat_requests()) == 1


async def test_retries_and_their_waits_stay_within_the_deadline(fake: FakeOpenAI, make_client: Any) -> None:
    llm = make_client(llm_timeout_seconds=1, llm_max_retries=5)
    for _ in range(6):
        fake.enqueue_fault("500")
    started = time.perf_counter()
    with pytest.raises(LLMError) as caught:
        await llm.complete([{"role": "user", "content": "hi"}], purpose="ask")
    assert caught.value.kind == "server"
    assert time.perf_counter() - started < 1.3
    assert 1 < len(fake.chat_requests()) < 6


async def test_a_slow_stream_is_cut_at_the_deadline_not_per_chunk(fake: FakeOpenAI, make_client: Any) -> None:
    llm = make_client(llm_timeout_seconds=1)
    fake.reply = "slowly " * 40
    fake.stream_chunk_delay = 0.1  # each chunk is quick; the whole stream takes 4 s
    started = time.perf_counter()
    seen = ""
    with pytest.raises(LLMError) as caught:
        async for delta in llm.stream([{"role": "user", "content": "hi"}], purpose="ask"):
            seen += delta
    assert caught.value.kind == "timeout"
    assert seen and time.perf_counter() - started < 1.6


async def test_waiting_for_a_slot_counts_against_the_deadline(fake: FakeOpenAI, make_client: Any) -> None:
    llm = make_client(llm_timeout_seconds=1, llm_max_concurrency=1)
    fake.latency = (3.0, 3.0)
    import asyncio

    first = asyncio.create_task(llm.complete([{"role": "user", "content": "one"}], purpose="ask"))
    await asyncio.sleep(0.05)
    started = time.perf_counter()
    with pytest.raises(LLMError) as caught:
        await llm.complete([{"role": "user", "content": "two"}], purpose="ask")
    assert caught.value.kind == "timeout" and time.perf_counter() - started < 1.5
    with pytest.raises(LLMError):
        await first


# ----- usage ----------------------------------------------------------------------------------------


async def test_a_stream_without_usage_is_metered_as_an_estimate(
    fake: FakeOpenAI, make_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    llm = make_client()
    fake.stream_usage = False  # as llama.cpp
    fake.reply = "Rank every program you would attend [1]."
    used: list[ChatResult] = []

    async def on_usage(result: ChatResult) -> None:
        used.append(result)

    messages = [{"role": "user", "content": "How do I rank programs in SOAP?"}]
    with caplog.at_level(logging.INFO, logger="bot.core.base.llm"):
        await collect(llm.stream(messages, purpose="ask", on_usage=on_usage))
    [result] = used
    assert result.usage_estimated
    assert result.prompt_tokens >= tokens.count_message_tokens(messages) * 1.1
    assert result.completion_tokens >= tokens.count_tokens(fake.reply) * 1.1
    assert "usage=estimated" in caplog.text

    fake.stream_usage = True
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="bot.core.base.llm"):
        await collect(llm.stream(messages, purpose="ask", on_usage=on_usage))
    assert not used[-1].usage_estimated and "usage=reported" in caplog.text


# ----- prompt tags --------------------------------------------------------------------------------


async def test_prompt_tags_are_removed_from_replies_and_streams(fake: FakeOpenAI, make_client: Any) -> None:
    llm = make_client()
    fake.reply = "Wait until a program contacts you [1]. Scores < 200 are fine; x<y."
    fake.enqueue_fault("prompt_tags")
    result = await llm.complete([{"role": "user", "content": "hi"}], purpose="ask")
    assert result.text.strip() == fake.reply
    fake.stream_piece_chars = 3  # tags split across deltas: "<pa", "ssa", "ge>"
    fake.enqueue_fault("prompt_tags")
    text = await collect(llm.stream([{"role": "user", "content": "hi"}], purpose="ask"))
    assert text.strip() == fake.reply


def test_strip_prompt_tags_keeps_ordinary_angle_brackets() -> None:
    assert strip_prompt_tags("<passage>\nYes [1].\n</passage>") == "\nYes [1].\n"
    assert strip_prompt_tags("Reply </template> now <|im_end|>") == "Reply  now "
    assert strip_prompt_tags("<SECTION id=2>Rule</section>") == "Rule"
    for kept in ("a < b and c > d", "<3", "<b>bold</b>", "scores <200"):
        assert strip_prompt_tags(kept) == kept


async def test_a_reply_cut_short_by_a_full_context_teaches_the_context(fake: FakeOpenAI, make_client: Any) -> None:
    """llama.cpp does not refuse a prompt that leaves little room: it cuts max_tokens to the room left."""
    fake.context_window, fake.context_mode = 1400, "llama.cpp"
    fake.reply = "word " * 2000
    llm = make_client()
    with pytest.raises(LLMError) as caught:
        await llm.complete(passages_prompt(5), purpose="critique", max_tokens=1500)
    assert caught.value.kind == "truncated"
    first = fake.chat_requests()[0]
    assert first.status == 200 and llm.context_window == 1400
    # Fitted from now on: the reply asked for is what the context has room for.
    fake.reply = "A short review."
    await llm.complete(passages_prompt(5), purpose="critique", max_tokens=1500)
    assert fake.chat_requests()[-1].json["max_tokens"] < 1500
