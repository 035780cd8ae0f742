"""OpenAI-compatible chat client: bounded retries, a concurrency cap, streaming, usage logs.

Every failure surfaces as :class:`LLMError` with a short ``kind`` so callers can fall back
to offline mode and tell the student why. Logs carry the model, token counts, latency and
estimated cost of each call, never the messages themselves.

What real servers (llama.cpp, Ollama, vLLM ...) do that OpenAI does not is handled here:

* ``LLM_TIMEOUT_SECONDS`` is a deadline for the whole call: waiting for a concurrency slot,
  every attempt, the waits between them and every chunk of a stream. A request that timed
  out is not sent again (a slow server would only time out again on the same prompt).
* A small context: a ``context_length_exceeded`` reply tells the client the server's context
  (and how its tokenizer counts against ours); the request is fitted to it and retried once,
  with fewer passages when the caller passes ``refit``. Later requests are fitted before
  they are sent.
* ``finish_reason: "length"``: a cut-off reply is never returned as complete. A plain
  completion is asked for once more, shorter; then it is ``LLMError("truncated")``.
* Servers that report no usage (llama.cpp streams): tokens are estimated, a little high,
  and the usage log says ``usage=estimated``.
* Prompt tags (``<passage>``, ``</template>`` ...) echoed by the model are removed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import random
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, cast

import openai
from openai import AsyncOpenAI

from bot.config import Settings

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletionMessageParam

log = logging.getLogger(__name__)

Message = dict[str, str]
UsageCallback = Callable[["ChatResult"], Awaitable[None]]
#: ``refit(budget)``: the same request rebuilt to at most ``budget`` prompt tokens (fewer passages).
Refit = Callable[[int], Sequence[Message]]

# Reasons shown to students when the LLM could not be used.
FALLBACK_REASONS = {
    "timeout": "the AI service took too long to answer",
    "rate_limited": "the AI service is busy (rate limited)",
    "server": "the AI service had an error",
    "auth": "the AI service rejected the configured key",
    "malformed": "the AI service sent an unreadable reply",
    "context": "the question and guidance were too long for the AI model's context",
    "truncated": "the AI reply was cut off before it was finished",
    "not_found": "the AI service does not serve the configured model at the configured address",
    "echo": "the AI reply repeated its instructions instead of answering",
    "connection": "the AI service could not be reached",
    "user_limit": "you have reached your hourly limit of AI replies",
    "server_budget": "this server's daily AI budget is used up",
    "unavailable": "no AI service is configured",
}


class LLMError(Exception):
    """The LLM could not produce a usable reply. ``kind`` is a key of FALLBACK_REASONS."""

    def __init__(
        self,
        kind: str,
        detail: str = "",
        *,
        status: int | None = None,
        context_window: int | None = None,
        prompt_tokens: int | None = None,
    ) -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        #: The HTTP status, when the server answered with an error.
        self.status = status
        #: For ``context``: the server's context and its count of the prompt, when it said them.
        self.context_window = context_window
        self.prompt_tokens = prompt_tokens

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
    finish_reason: str = "stop"
    #: The server reported no usage, so the token counts are our estimate.
    usage_estimated: bool = False

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


# A timeout is not retried: the deadline covers the whole call, and a slow server would only
# time out again on the same prompt.
_RETRYABLE = {"rate_limited", "server", "connection"}

_CONTEXT_WORDS = re.compile(
    r"context[ _](?:length|window|size)|maximum context|exceeds? (?:the )?(?:available )?context|too many tokens",
    re.IGNORECASE,
)
_CONTEXT_SIZE = re.compile(
    r"(?:maximum context length is|context window of|context length of|context size of|n_ctx\W*)\s*(\d+)",
    re.IGNORECASE,
)
_PROMPT_SIZE = re.compile(
    r"\((\d+) in the messages|Requested tokens \((\d+)\)|(\d+) tokens in the prompt", re.IGNORECASE
)


def _error_body(exc: openai.APIStatusError) -> dict[str, Any]:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error")
        return inner if isinstance(inner, dict) else body
    return {"message": str(body or exc)}


def _context_error(exc: openai.APIStatusError) -> LLMError | None:
    """``context_length_exceeded`` (OpenAI, vLLM, llama-cpp-python) or llama.cpp's
    ``exceed_context_size_error``, with the numbers the server gave."""
    body = _error_body(exc)
    message = str(body.get("message") or "")
    code = str(body.get("code") or getattr(exc, "code", "") or "")
    kind = str(body.get("type") or "")
    if exc.status_code not in (400, 413, 422) and "context" not in kind:
        return None
    if code != "context_length_exceeded" and "context" not in kind and not _CONTEXT_WORDS.search(message):
        return None

    def number(value: Any) -> int | None:
        return int(value) if isinstance(value, int | float) and value > 0 else None

    window = number(body.get("n_ctx"))
    if window is None and (found := _CONTEXT_SIZE.search(message)):
        window = int(found.group(1))
    prompt = number(body.get("n_prompt_tokens"))
    if prompt is None and (found := _PROMPT_SIZE.search(message)):
        prompt = int(next(g for g in found.groups() if g))
    return LLMError(
        "context", f"HTTP {exc.status_code}", status=exc.status_code, context_window=window, prompt_tokens=prompt
    )


def _classify(exc: BaseException) -> LLMError:
    if isinstance(exc, LLMError):
        return exc
    if isinstance(exc, openai.APITimeoutError | asyncio.TimeoutError):
        return LLMError("timeout")
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return LLMError("auth", status=exc.status_code)
    if isinstance(exc, openai.RateLimitError):
        return LLMError("rate_limited", status=exc.status_code)
    if isinstance(exc, openai.APIConnectionError):
        return LLMError("connection")
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        if status >= 500:
            return LLMError("server", f"HTTP {status}", status=status)
        context = _context_error(exc)
        if context is not None:
            return context
        if status == 404:
            return LLMError("not_found", "HTTP 404", status=404)
        return LLMError("malformed", f"HTTP {status}", status=status)
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


#: Tag names the prompts wrap data in (``prompts.delimit``) and chat-template tokens; a model
#: that echoes them back has them removed from its reply.
PROMPT_TAGS = (
    "passage",
    "passages",
    "section",
    "question",
    "answer",
    "draft",
    "template",
    "profile",
    "contact",
    "checklist",
    "card",
    "cards",
    "guidance",
    "context",
    "source",
    "sources",
    "transcript",
    "instructions",
    "system",
    "user",
    "assistant",
)
_TAG = re.compile(
    r"<\s*/?\s*(?:" + "|".join(PROMPT_TAGS) + r")\b[^<>\n]{0,80}>|<\|[a-z_]{1,30}\|>|\[tag removed\]",
    re.IGNORECASE,
)
_TAG_START = re.compile(r"<[^<>\n]{0,90}$")
_TAG_NAME = re.compile(r"<\s*/?\s*([a-z_|]*)", re.IGNORECASE)


def strip_prompt_tags(text: str) -> str:
    """``text`` without the prompts' tags (``<passage>``, ``</template>``, ``<|im_end|>`` ...)."""
    cleaned = _TAG.sub("", text)
    return re.sub(r"\n{3,}", "\n\n", cleaned) if cleaned != text else text


def _may_be_tag(fragment: str) -> bool:
    """Whether ``fragment`` ("<", "</pass", "<|im_e" ...) may be the start of a prompt tag."""
    head = _TAG_NAME.match(fragment)
    if head is None:
        return False
    name = head.group(1).lower()
    if name.startswith("|"):
        return True
    if fragment[head.end() :]:  # a whole name, then attributes
        return name in PROMPT_TAGS
    return any(tag.startswith(name) for tag in PROMPT_TAGS)


class _TagFilter:
    """Removes prompt tags from streamed text, holding back a tag that may be split across deltas."""

    def __init__(self) -> None:
        self._pending = ""

    def feed(self, delta: str) -> str:
        text = self._pending + delta
        self._pending = ""
        start = _TAG_START.search(text)
        if start and _may_be_tag(start.group()):
            self._pending = start.group()
            text = text[: start.start()]
        return _TAG.sub("", text)

    def flush(self) -> str:
        rest, self._pending = _TAG.sub("", self._pending), ""
        return rest


_SHORTER = (
    "\n\nYour previous reply was cut off because it was too long. Write the whole reply again, "
    "complete, in at most about {words} words."
)


def _ask_shorter(messages: Sequence[Message], words: int) -> list[Message]:
    """The same request, telling the model its last reply was cut off (in the system prompt:
    some chat templates accept a system message only first)."""
    note = _SHORTER.format(words=words)
    if messages and messages[0].get("role") == "system":
        return [{**messages[0], "content": messages[0]["content"] + note}, *messages[1:]]
    return [{"role": "system", "content": note.strip()}, *messages]


def context_window_of(models: Sequence[dict[str, Any]], model: str) -> int | None:
    """The context a ``GET /models`` entry gives for ``model`` (vLLM's ``max_model_len``,
    llama.cpp's ``meta.n_ctx`` and the like), or None."""
    entries = [m for m in models if m.get("id") == model] or (list(models) if len(models) == 1 else [])
    for entry in entries:
        meta = entry.get("meta")
        meta = meta if isinstance(meta, dict) else {}
        for value in (
            entry.get("max_model_len"),
            entry.get("context_window"),
            entry.get("context_length"),
            entry.get("max_context_length"),
            entry.get("n_ctx"),
            meta.get("n_ctx"),
        ):
            if isinstance(value, int) and value > 0:
                return value
    return None


class ChatModel(Protocol):
    """What the features need of an LLM: :class:`LLMClient`, or the metered wrapper the usage
    gate hands out for one student's request."""

    model: str

    async def complete(
        self,
        messages: Sequence[Message],
        *,
        purpose: str,
        max_tokens: int = ...,
        temperature: float = ...,
        json_mode: bool = ...,
        refit: Refit | None = ...,
    ) -> ChatResult: ...

    def stream(
        self,
        messages: Sequence[Message],
        *,
        purpose: str,
        max_tokens: int = ...,
        temperature: float = ...,
        refit: Refit | None = ...,
    ) -> AsyncIterator[str]: ...


class LLMClient:
    """Async chat completions against OPENAI_BASE_URL (OpenAI, Azure, Ollama, vLLM ...)."""

    #: Never wait longer than this for a Retry-After before giving up and falling back.
    MAX_RETRY_WAIT_S = 8.0
    #: Tokens left free in the server's context beside prompt and reply (chat-template overhead).
    CONTEXT_MARGIN = 64
    #: Our token counts (cl100k) are scaled by at least this much for other servers: llama.cpp's
    #: tokenizers count about 10% more for the same text.
    ESTIMATE_FACTOR = 1.1
    #: A reply needs room for at least this many tokens, or the prompt is too long to send.
    MIN_REPLY_TOKENS = 48

    def __init__(self, settings: Settings, *, client: AsyncOpenAI | None = None) -> None:
        self.settings = settings
        self.model = settings.chat_model
        self.timeout_s = float(settings.llm_timeout_seconds)
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
        #: The server's context in its own tokens, once known (from a context_length_exceeded
        #: reply, or set by whoever asked the server). Requests are fitted to it.
        self.context_window: int | None = None
        #: Server tokens per token we count, measured from a context error's figures.
        self.token_ratio = self.ESTIMATE_FACTOR

    def estimate_cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        s = self.settings
        return (
            prompt_tokens * s.llm_input_cost_per_million + completion_tokens * s.llm_output_cost_per_million
        ) / 1_000_000

    def _log_usage(self, purpose: str, result: ChatResult) -> None:
        log.info(
            "llm call purpose=%s model=%s prompt_tokens=%d completion_tokens=%d usage=%s finish=%s latency_ms=%d "
            "est_cost_usd=%.6f",
            purpose,
            result.model,
            result.prompt_tokens,
            result.completion_tokens,
            "estimated" if result.usage_estimated else "reported",
            result.finish_reason,
            result.latency_s * 1000,
            self.estimate_cost(result.prompt_tokens, result.completion_tokens),
        )

    async def _account(self, purpose: str, results: Sequence[ChatResult], on_usage: UsageCallback | None) -> ChatResult:
        """Log and meter the tokens of one call (all its completed attempts) once."""
        last = results[-1]
        total = ChatResult(
            text=last.text,
            model=last.model,
            prompt_tokens=sum(r.prompt_tokens for r in results),
            completion_tokens=sum(r.completion_tokens for r in results),
            latency_s=sum(r.latency_s for r in results),
            finish_reason=last.finish_reason,
            usage_estimated=any(r.usage_estimated for r in results),
        )
        self._log_usage(purpose, total)
        if on_usage:
            await on_usage(total)
        return total

    # ----- fitting the server's context ------------------------------------------------------

    def _server_tokens(self, ours: int) -> int:
        return math.ceil(ours * self.token_ratio)

    def _estimate(self, messages: Sequence[Message], text: str) -> tuple[int, int]:
        """Prompt and completion tokens as the server would count them (rounded up)."""
        from bot.core.base.tokens import count_message_tokens, count_tokens

        return self._server_tokens(count_message_tokens(list(messages))), self._server_tokens(count_tokens(text))

    def _fit(self, messages: list[Message], max_tokens: int, refit: Refit | None) -> tuple[list[Message], int]:
        """The messages and max_tokens to send, fitted to the server's context when it is known.

        With ``refit`` the prompt is rebuilt smaller so the full reply fits; without it the
        reply gets what room is left. Raises LLMError('context') when no useful reply fits.
        """
        window = self.context_window
        if window is None:
            return messages, max_tokens
        from bot.core.base.tokens import count_message_tokens

        usable = window - self.CONTEXT_MARGIN
        prompt = self._server_tokens(count_message_tokens(messages))
        if refit is not None:
            reply_room = min(max_tokens, usable // 3)
            if prompt + reply_room > usable:
                budget = int((usable - reply_room) / self.token_ratio)
                if budget > 0:
                    messages = list(refit(budget))
                    prompt = self._server_tokens(count_message_tokens(messages))
        reply = min(max_tokens, usable - prompt)
        if reply < min(max_tokens, self.MIN_REPLY_TOKENS):
            raise LLMError("context", f"about {prompt} prompt tokens leave no room in a {window}-token context")
        return messages, reply

    def _learn_context(self, error: LLMError, messages: Sequence[Message], max_tokens: int) -> bool:
        """Take in what a context error says about the server; whether a retry can now fit."""
        from bot.core.base.tokens import count_message_tokens

        ours = count_message_tokens(list(messages))
        changed = False
        if error.context_window and error.context_window != self.context_window:
            self.context_window = error.context_window
            changed = True
        if error.prompt_tokens and ours:
            ratio = min(3.0, max(self.ESTIMATE_FACTOR, error.prompt_tokens / ours))
            if ratio > self.token_ratio + 0.01:
                self.token_ratio = ratio
                changed = True
        if not changed and self.context_window is None:
            # The server said the request was too long, but not how long it may be: assume
            # room for three quarters of it.
            self.context_window = int((self._server_tokens(ours) + max_tokens) * 0.75)
            changed = True
        log.info("llm context window=%s token_ratio=%.2f", self.context_window, self.token_ratio)
        return changed

    def _infer_context(self, result: ChatResult, asked: int) -> None:
        """A reply cut off well short of ``max_tokens`` ran out of context: llama.cpp shrinks
        ``max_tokens`` to the room left instead of refusing. Its prompt and reply are the context."""
        if result.usage_estimated or result.finish_reason != "length" or not result.completion_tokens:
            return
        if result.completion_tokens >= asked * 0.9 - 8:
            return
        window = result.prompt_tokens + result.completion_tokens
        if self.context_window is None or window < self.context_window:
            self.context_window = window
            log.info("llm context window=%d (a reply ran out of room)", window)

    # ----- calls -------------------------------------------------------------------------------

    async def _with_retries(
        self, purpose: str, attempt_call: Callable[[float], Awaitable[Any]], *, deadline: float, keep_slot: bool = False
    ) -> Any:
        """Call with bounded retries, each attempt holding one of the LLM_MAX_CONCURRENCY slots,
        all of it (the wait for a slot included) before ``deadline`` (event-loop time).

        ``attempt_call(seconds_left)`` makes one attempt. With ``keep_slot`` a successful
        attempt keeps its slot and the caller must release it (a stream is in flight at the
        provider until its last chunk).
        """
        loop = asyncio.get_running_loop()
        attempt = 0
        while True:
            try:
                if loop.time() >= deadline:
                    raise LLMError("timeout", "deadline passed")
                async with asyncio.timeout_at(deadline):
                    await self._semaphore.acquire()
                try:
                    async with asyncio.timeout_at(deadline):
                        result = await attempt_call(max(0.1, deadline - loop.time()))
                except BaseException:
                    self._semaphore.release()
                    raise
                if not keep_slot:
                    self._semaphore.release()
                return result
            except Exception as exc:  # noqa: BLE001 - mapped to LLMError below
                error = _classify(exc)
                if error.kind not in _RETRYABLE or attempt >= self.max_retries:
                    # A context error is expected once per server, and refitted or noticed by the caller.
                    level = logging.INFO if error.kind == "context" else logging.WARNING
                    log.log(level, "llm call failed purpose=%s kind=%s attempts=%d", purpose, error.kind, attempt + 1)
                    raise error from None
                wait = _retry_after_seconds(exc)
                if wait is None:
                    wait = min(0.5 * 2**attempt, 4.0) + random.uniform(0, 0.25)
                if wait > self.MAX_RETRY_WAIT_S or loop.time() + wait >= deadline:
                    log.warning(
                        "llm call failed purpose=%s kind=%s retry_wait=%.1fs beyond the cap or the deadline",
                        purpose,
                        error.kind,
                        wait,
                    )
                    raise error from None
                log.info("llm retry purpose=%s kind=%s wait_s=%.2f", purpose, error.kind, wait)
                attempt += 1
                await asyncio.sleep(wait)

    async def _request(
        self, messages: list[Message], max_tokens: int, temperature: float, json_mode: bool, timeout: float
    ) -> ChatResult:
        started = time.perf_counter()
        kwargs: dict[str, Any] = {}
        if json_mode:
            kwargs["response_format"] = {"type": "json_object"}
        response = await self._client.chat.completions.create(
            model=self.model,
            messages=cast("list[ChatCompletionMessageParam]", messages),
            max_tokens=max_tokens,
            temperature=temperature,
            timeout=timeout,
            **kwargs,
        )
        choice = response.choices[0] if response.choices else None
        raw = (choice.message.content if choice and choice.message else None) or ""
        finish = (choice.finish_reason if choice else None) or "stop"
        text = strip_prompt_tags(raw)
        if not text.strip() and finish != "length":
            raise LLMError("malformed", "empty completion")
        usage = response.usage
        if usage and usage.prompt_tokens:
            prompt_tokens, completion_tokens, estimated = usage.prompt_tokens, usage.completion_tokens or 0, False
        else:
            prompt_tokens, completion_tokens = self._estimate(messages, raw)
            estimated = True
        return ChatResult(
            text=text,
            model=response.model or self.model,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            latency_s=time.perf_counter() - started,
            finish_reason=finish,
            usage_estimated=estimated,
        )

    async def complete(
        self,
        messages: Sequence[Message],
        *,
        purpose: str,
        max_tokens: int = 800,
        temperature: float = 0.2,
        json_mode: bool = False,
        on_usage: UsageCallback | None = None,
        refit: Refit | None = None,
        allow_truncated: bool = False,
    ) -> ChatResult:
        """One chat completion within LLM_TIMEOUT_SECONDS; raises :class:`LLMError`.

        A reply cut off at ``max_tokens`` is asked for once more, shorter, and then raises
        LLMError('truncated'), unless ``allow_truncated``. ``refit(budget)`` rebuilds the
        messages smaller when the server's context turns out too small for them.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        messages = list(messages)
        spent: list[ChatResult] = []
        refitted = shortened = False
        while True:
            messages, reply_tokens = self._fit(messages, max_tokens, refit)
            try:
                result: ChatResult = await self._with_retries(
                    purpose,
                    partial(self._request, messages, reply_tokens, temperature, json_mode),
                    deadline=deadline,
                )
            except LLMError as exc:
                if exc.kind == "context" and not refitted and self._learn_context(exc, messages, reply_tokens):
                    refitted = True
                    log.info("llm retry purpose=%s kind=context", purpose)
                    continue
                if spent:
                    await self._account(purpose, spent, on_usage)
                raise
            spent.append(result)
            self._infer_context(result, reply_tokens)
            if result.finish_reason != "length" or allow_truncated:
                return await self._account(purpose, spent, on_usage)
            log.warning("llm reply cut off purpose=%s max_tokens=%d", purpose, reply_tokens)
            if shortened or deadline - loop.time() < 1.0:
                await self._account(purpose, spent, on_usage)
                raise LLMError("truncated", f"finish_reason=length at {reply_tokens} tokens")
            shortened = True
            messages = _ask_shorter(messages, words=max(30, int(reply_tokens * 0.75 * 0.6)))

    async def _open_stream(self, messages: list[Message], max_tokens: int, temperature: float, timeout: float) -> Any:
        return await self._client.chat.completions.create(
            model=self.model,
            messages=cast("list[ChatCompletionMessageParam]", messages),
            max_tokens=max_tokens,
            temperature=temperature,
            stream=True,
            stream_options={"include_usage": True},
            timeout=timeout,
        )

    async def stream(
        self,
        messages: Sequence[Message],
        *,
        purpose: str,
        max_tokens: int = 800,
        temperature: float = 0.2,
        on_usage: UsageCallback | None = None,
        refit: Refit | None = None,
    ) -> AsyncIterator[str]:
        """Yield text deltas, all within LLM_TIMEOUT_SECONDS. A stream that breaks off, never
        finishes, runs past the deadline or is cut off at ``max_tokens`` raises LLMError
        (after its text was yielded: the caller replaces what it showed).

        Retries happen only before the first delta was yielded, so callers never see
        duplicated text.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        started = time.perf_counter()
        messages = list(messages)
        refitted = False
        while True:
            messages, reply_tokens = self._fit(messages, max_tokens, refit)
            try:
                stream = await self._with_retries(
                    purpose,
                    partial(self._open_stream, messages, reply_tokens, temperature),
                    deadline=deadline,
                    keep_slot=True,
                )
                break
            except LLMError as exc:
                if exc.kind == "context" and not refitted and self._learn_context(exc, messages, reply_tokens):
                    refitted = True
                    log.info("llm retry purpose=%s kind=context", purpose)
                    continue
                raise
        finish: str | None = None
        prompt_tokens = completion_tokens = 0
        model = self.model
        got_text = False
        text = ""
        tags = _TagFilter()
        chunks = stream.__aiter__()
        try:
            while True:
                try:
                    async with asyncio.timeout_at(deadline):
                        chunk = await chunks.__anext__()
                except StopAsyncIteration:
                    break
                model = getattr(chunk, "model", None) or model
                if getattr(chunk, "usage", None):
                    prompt_tokens = chunk.usage.prompt_tokens or 0
                    completion_tokens = chunk.usage.completion_tokens or 0
                for choice in chunk.choices or []:
                    delta = getattr(choice.delta, "content", None) if choice.delta else None
                    if delta:
                        text += delta
                        shown = tags.feed(delta)
                        if shown:
                            got_text = got_text or bool(shown.strip())
                            yield shown
                    if choice.finish_reason:
                        finish = choice.finish_reason
            rest = tags.flush()
            if rest:
                got_text = got_text or bool(rest.strip())
                yield rest
        except LLMError:
            raise
        except Exception as exc:  # noqa: BLE001
            error = _classify(exc)
            log.warning("llm stream failed purpose=%s kind=%s", purpose, error.kind)
            raise error from None
        finally:
            # The slot taken when the stream opened is held until it ends, however it ends.
            self._semaphore.release()
            with contextlib.suppress(Exception):
                await stream.close()
        if finish is None or (not got_text and finish != "length"):
            raise LLMError("malformed", "stream ended early")
        estimated = not prompt_tokens  # llama.cpp and others report no usage in streams
        if estimated:
            prompt_tokens, completion_tokens = self._estimate(messages, text)
        result = ChatResult(
            text, model, prompt_tokens, completion_tokens, time.perf_counter() - started, finish, estimated
        )
        await self._account(purpose, [result], on_usage)
        self._infer_context(result, reply_tokens)
        if finish == "length":
            log.warning("llm reply cut off purpose=%s max_tokens=%d", purpose, reply_tokens)
            raise LLMError("truncated", f"finish_reason=length at {reply_tokens} tokens")

    async def list_models(self) -> list[dict[str, Any]]:
        """``GET /models``: every entry as a dict (servers add fields such as ``max_model_len``)."""
        try:
            page = await self._client.models.list(timeout=self.timeout_s)
        except Exception as exc:  # noqa: BLE001
            raise _classify(exc) from None
        return [m.model_dump() for m in page.data]

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
