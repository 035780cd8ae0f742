"""OpenAI-compatible chat client: bounded retries, a concurrency cap, streaming, usage logs.

Every failure surfaces as :class:`LLMError` with a short ``kind`` so callers can fall back
to offline mode and tell the student why. Logs carry the model, token counts, latency and
estimated cost of each call, never the messages themselves.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import openai
from openai import AsyncOpenAI

from bot.config import Settings

log = logging.getLogger(__name__)

Message = dict[str, str]
UsageCallback = Callable[["ChatResult"], Awaitable[None]]

# Reasons shown to students when the LLM could not be used.
FALLBACK_REASONS = {
    "timeout": "the AI service took too long to answer",
    "rate_limited": "the AI service is busy (rate limited)",
    "server": "the AI service had an error",
    "auth": "the AI service rejected the configured key",
    "malformed": "the AI service sent an unreadable reply",
    "echo": "the AI reply repeated its instructions instead of answering",
    "connection": "the AI service could not be reached",
    "user_limit": "you have reached your hourly limit of AI replies",
    "server_budget": "this server's daily AI budget is used up",
    "unavailable": "no AI service is configured",
}


class LLMError(Exception):
    """The LLM could not produce a usable reply. ``kind`` is a key of FALLBACK_REASONS."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind

    @property
    def notice(self) -> str:
        return FALLBACK_REASONS.get(self.kind, "the AI service failed")


@dataclass(frozen=True)
class ChatResult:
    text: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    latency_s: float

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


_RETRYABLE = {"timeout", "rate_limited", "server", "connection"}


def _classify(exc: BaseException) -> LLMError:
    if isinstance(exc, LLMError):
        return exc
    if isinstance(exc, openai.APITimeoutError | asyncio.TimeoutError):
        return LLMError("timeout")
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return LLMError("auth")
    if isinstance(exc, openai.RateLimitError):
        return LLMError("rate_limited")
    if isinstance(exc, openai.APIConnectionError):
        return LLMError("connection")
    if isinstance(exc, openai.APIStatusError):
        return LLMError("server" if exc.status_code >= 500 else "malformed", f"HTTP {exc.status_code}")
    if isinstance(exc, openai.APIResponseValidationError | ValueError | KeyError | TypeError):
        return LLMError("malformed", type(exc).__name__)
    return LLMError("server", type(exc).__name__)


def _retry_after_seconds(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    value = headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


class LLMClient:
    """Async chat completions against OPENAI_BASE_URL (OpenAI, Azure, Ollama, vLLM ...)."""

    #: Never wait longer than this for a Retry-After before giving up and falling back.
    MAX_RETRY_WAIT_S = 8.0

    def __init__(self, settings: Settings, *, client: AsyncOpenAI | None = None) -> None:
        self.settings = settings
        self.model = settings.chat_model
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "unused"
        self._client = client or AsyncOpenAI(
            api_key=key,
            base_url=settings.openai_base_url or None,
            timeout=settings.llm_timeout_seconds,
            max_retries=0,  # retries are ours: bounded, Retry-After aware, logged
        )
        self._semaphore = asyncio.Semaphore(settings.llm_max_concurrency)
        self.max_retries = settings.llm_max_retries
        self._moderation_unsupported = False

    def estimate_cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        s = self.settings
        return (
            prompt_tokens * s.llm_input_cost_per_million + completion_tokens * s.llm_output_cost_per_million
        ) / 1_000_000

    def _log_usage(self, purpose: str, result: ChatResult) -> None:
        log.info(
            "llm call purpose=%s model=%s prompt_tokens=%d completion_tokens=%d latency_ms=%d est_cost_usd=%.6f",
            purpose,
            result.model,
            result.prompt_tokens,
            result.completion_tokens,
            result.latency_s * 1000,
            self.estimate_cost(result.prompt_tokens, result.completion_tokens),
        )

    async def _with_retries(self, purpose: str, attempt_call: Any, *, keep_slot: bool = False) -> Any:
        """Call with bounded retries, each attempt holding one of the LLM_MAX_CONCURRENCY slots.

        With ``keep_slot`` a successful attempt keeps its slot and the caller must release it
        (a stream is in flight at the provider until its last chunk).
        """
        attempt = 0
        while True:
            try:
                await self._semaphore.acquire()
                try:
                    result = await attempt_call()
                except BaseException:
                    self._semaphore.release()
                    raise
                if not keep_slot:
                    self._semaphore.release()
                return result
            except Exception as exc:  # noqa: BLE001 - mapped to LLMError below
                error = _classify(exc)
                if error.kind not in _RETRYABLE or attempt >= self.max_retries:
                    log.warning("llm call failed purpose=%s kind=%s attempts=%d", purpose, error.kind, attempt + 1)
                    raise error from None
                wait = _retry_after_seconds(exc)
                if wait is None:
                    wait = min(0.5 * 2**attempt, 4.0) + random.uniform(0, 0.25)
                if wait > self.MAX_RETRY_WAIT_S:
                    log.warning(
                        "llm call failed purpose=%s kind=%s retry_after=%.1fs too long", purpose, error.kind, wait
                    )
                    raise error from None
                log.info("llm retry purpose=%s kind=%s wait_s=%.2f", purpose, error.kind, wait)
                attempt += 1
                await asyncio.sleep(wait)

    async def complete(
        self,
        messages: Sequence[Message],
        *,
        purpose: str,
        max_tokens: int = 800,
        temperature: float = 0.2,
        json_mode: bool = False,
        on_usage: UsageCallback | None = None,
    ) -> ChatResult:
        """One chat completion; raises :class:`LLMError` after bounded retries."""

        async def call() -> ChatResult:
            started = time.perf_counter()
            kwargs: dict[str, Any] = {}
            if json_mode:
                kwargs["response_format"] = {"type": "json_object"}
            response = await self._client.chat.completions.create(
                model=self.model,
                messages=list(messages),  # type: ignore[arg-type]
                max_tokens=max_tokens,
                temperature=temperature,
                **kwargs,
            )
            choice = response.choices[0] if response.choices else None
            text = (choice.message.content if choice and choice.message else None) or ""
            if not text.strip():
                raise LLMError("malformed", "empty completion")
            usage = response.usage
            return ChatResult(
                text=text,
                model=response.model or self.model,
                prompt_tokens=usage.prompt_tokens if usage else 0,
                completion_tokens=usage.completion_tokens if usage else 0,
                latency_s=time.perf_counter() - started,
            )

        result: ChatResult = await self._with_retries(purpose, call)
        self._log_usage(purpose, result)
        if on_usage:
            await on_usage(result)
        return result

    async def stream(
        self,
        messages: Sequence[Message],
        *,
        purpose: str,
        max_tokens: int = 800,
        temperature: float = 0.2,
        on_usage: UsageCallback | None = None,
    ) -> AsyncIterator[str]:
        """Yield text deltas. A stream that breaks off or never finishes raises LLMError.

        Retries happen only before the first delta was yielded, so callers never see
        duplicated text.
        """
        started = time.perf_counter()
        stream = await self._with_retries(
            purpose,
            lambda: self._client.chat.completions.create(
                model=self.model,
                messages=list(messages),  # type: ignore[arg-type]
                max_tokens=max_tokens,
                temperature=temperature,
                stream=True,
                stream_options={"include_usage": True},
            ),
            keep_slot=True,
        )
        finished = False
        prompt_tokens = completion_tokens = 0
        model = self.model
        got_text = False
        text = ""
        try:
            async for chunk in stream:
                model = getattr(chunk, "model", None) or model
                if getattr(chunk, "usage", None):
                    prompt_tokens = chunk.usage.prompt_tokens or 0
                    completion_tokens = chunk.usage.completion_tokens or 0
                for choice in chunk.choices or []:
                    delta = getattr(choice.delta, "content", None) if choice.delta else None
                    if delta:
                        got_text = True
                        text += delta
                        yield delta
                    if choice.finish_reason:
                        finished = True
        except LLMError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise _classify(exc) from None
        finally:
            # The slot taken when the stream opened is held until it ends, however it ends.
            self._semaphore.release()
            with contextlib.suppress(Exception):
                await stream.close()
        if not finished or not got_text:
            raise LLMError("malformed", "stream ended early")
        if not prompt_tokens:  # servers that do not report usage in streams
            from bot.core.base.tokens import count_message_tokens, count_tokens

            prompt_tokens = count_message_tokens(list(messages))
            completion_tokens = count_tokens(text)
        result = ChatResult(text, model, prompt_tokens, completion_tokens, time.perf_counter() - started)
        self._log_usage(purpose, result)
        if on_usage:
            await on_usage(result)

    async def moderate_self_harm(self, text: str) -> bool | None:
        """Whether the provider's moderation endpoint flags ``text`` for self-harm (any of its
        self-harm categories); None when it gives no usable answer. A server without the
        endpoint (a 404) is not asked again."""
        if self._moderation_unsupported:
            return None
        try:
            response = await self._client.moderations.create(input=text)
        except openai.NotFoundError:
            self._moderation_unsupported = True
            log.info("moderation endpoint not available on this server")
            return None
        except Exception as exc:  # noqa: BLE001 - moderation is an extra layer; local layers decide
            log.info("moderation failed kind=%s", _classify(exc).kind)
            return None
        for result in response.results or []:
            categories = result.categories.model_dump() if result.categories else {}
            if any(value for key, value in categories.items() if key.replace("/", "_").startswith("self_harm")):
                return True
        return False

    async def close(self) -> None:
        await self._client.close()


def parse_json_object(text: str, what: str = "reply") -> dict[str, Any]:
    """An LLM's JSON-mode reply as a dict (a ```json fence is tolerated), or LLMError('malformed')."""
    body = text.strip()
    fence = re.match(r"^```(?:json)?\s*(.*?)\s*```$", body, re.DOTALL)
    if fence:
        body = fence.group(1)
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, ValueError):
        raise LLMError("malformed", f"{what} is not JSON") from None
    if not isinstance(data, dict):
        raise LLMError("malformed", f"{what} is not a JSON object")
    return data


def build_llm(settings: Settings) -> LLMClient | None:
    """The configured LLM client, or None in offline mode."""
    return LLMClient(settings) if settings.llm_configured else None
