"""A fake OpenAI-compatible HTTP server (aiohttp) for tests and benchmarks.

Point the real ``openai`` client (or the app, via OPENAI_BASE_URL) at it::

    fake = FakeOpenAI()
    await fake.start()
    client = AsyncOpenAI(base_url=fake.base_url, api_key="test", max_retries=0)
    fake.reply = lambda messages: "Rank programs you would attend [1]."
    fake.enqueue_fault("429", retry_after=0.2)     # the next request gets a 429
    ...
    await fake.stop()

Endpoints: ``POST /v1/chat/completions`` (plain, ``stream: true`` with SSE chunks in OpenAI's
shape, ``stream_options.include_usage``, ``response_format`` json modes), ``POST /v1/embeddings``
(deterministic unit vectors from a hash of the text; ``dimensions``; float or base64),
``GET /v1/models`` and ``GET /v1/models/{id}``, and ``POST /v1/audio/transcriptions``
(json, text and verbose_json with word timings; see :meth:`FakeOpenAI._transcriptions`).

Faults (:meth:`FakeOpenAI.enqueue_fault`) are consumed one per request, first in first out:
``"429"`` (Retry-After header + OpenAI's error JSON), ``"500"``, ``"401"`` (invalid_api_key),
any other HTTP status as a string, ``"timeout"`` (answers only after ``delay`` seconds),
``"malformed"`` (invalid JSON labelled application/json), ``"truncated_stream"`` (a few
deltas, then the connection drops without finish_reason or ``[DONE]``), ``"empty"`` (an empty
completion), ``"length"`` (the reply cut off after ``chunks`` words with ``finish_reason:
"length"``, usage saying ``max_tokens`` were written), ``"context_length_exceeded"`` (OpenAI's
400 for a prompt over a 2,048-token context), ``"prompt_tags"`` (the reply wrapped in the
prompts' ``<passage>`` / ``<section>`` tags, split across stream chunks),
``"per_token_embeddings"`` (one vector per word of each input instead of one per input, as
llama.cpp serves a model without pooling) and ``"wrong_count_embeddings"`` (one vector fewer
than inputs).

Behaviours of real servers, as attributes (see :class:`FakeOpenAI`): ``context_window`` (a
small context, answered as llama.cpp or OpenAI does), ``stream_usage = False`` (llama.cpp
sends no usage in streams), ``strict_models`` (an unknown model is a 404, as on Ollama and
OpenAI), ``advertise_context`` (``GET /v1/models`` says the context, as vLLM does),
``stream_piece_chars`` (deltas of a few characters, so tags and words split across chunks)
and ``max_tokens`` is honoured: a longer reply is cut off with ``finish_reason: "length"``.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import inspect
import json
import logging
import math
import random
import re
import socket
import struct
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

__all__ = ["FakeOpenAI", "FakeOpenAIRequest", "Fault", "default_reply", "rough_token_count"]

log = logging.getLogger("tests.fake_openai")

Messages = list[dict[str, Any]]
Reply = Callable[[Messages], "str | dict[str, Any] | list[Any] | Awaitable[Any]"]

DEFAULT_MODELS = ("gpt-4o-mini", "gpt-4o", "text-embedding-3-small", "whisper-1")


def rough_token_count(text: str) -> int:
    """About four characters per token (what the fake reports as usage)."""
    return max(1, math.ceil(len(text) / 4)) if text else 0


def _message_text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts
        return " ".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return ""


def default_reply(messages: Messages) -> str:
    """A short deterministic answer that cites ``[1]`` and echoes the question's start."""
    question = next((_message_text(m) for m in reversed(messages) if m.get("role") == "user"), "")
    gist = " ".join(question.split()[:8])
    return f"Based on the provided sources [1], here is a short answer to: {gist}"


class _Headers(dict[str, str]):
    """Request headers; ``repr`` hides the Authorization value so it never ends up in logs."""

    def __repr__(self) -> str:
        shown = {k: ("<redacted>" if k.lower() == "authorization" else v) for k, v in self.items()}
        return repr(shown)

    @property
    def authorization(self) -> str | None:
        for key, value in self.items():
            if key.lower() == "authorization":
                return value
        return None


@dataclass
class FakeOpenAIRequest:
    """One request the fake received."""

    method: str
    path: str
    json: Any
    headers: _Headers
    at: float
    fault: str | None = None
    status: int | None = None

    @property
    def api_key(self) -> str | None:
        """The bearer token sent (for assertions; never printed by ``repr``)."""
        auth = self.headers.authorization or ""
        return auth[7:] if auth.startswith("Bearer ") else None

    def __repr__(self) -> str:
        body = json.dumps(self.json)[:120] if self.json is not None else ""
        return f"<FakeOpenAIRequest {self.method} {self.path} status={self.status} fault={self.fault} {body}>"


@dataclass
class Fault:
    """A queued fault; ``path`` (a substring) restricts which requests consume it."""

    kind: str
    retry_after: float = 1.0
    delay: float = 30.0
    path: str | None = None
    chunks: int = 2
    message: str | None = None


@dataclass
class _Completion:
    text: str
    prompt_tokens: int
    completion_tokens: int
    model: str
    id: str = field(default_factory=lambda: f"chatcmpl-fake{random.getrandbits(48):012x}")
    created: int = field(default_factory=lambda: int(time.time()))

    @property
    def usage(self) -> dict[str, Any]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.prompt_tokens + self.completion_tokens,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {
                "reasoning_tokens": 0,
                "audio_tokens": 0,
                "accepted_prediction_tokens": 0,
                "rejected_prediction_tokens": 0,
            },
        }


def _error_body(message: str, type_: str, code: str | None, param: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def _json(obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(body=json.dumps(obj).encode(), status=status, content_type="application/json", headers=headers)


class FakeOpenAI:
    """An OpenAI-compatible server on 127.0.0.1.

    Attributes you may set at any time:

    * ``reply``: ``messages -> str`` (or a dict/list, sent as JSON text; or an awaitable).
      Default: :func:`default_reply`.
    * ``latency``: ``(low, high)`` seconds of uniform random delay per completion.
    * ``stream_chunk_delay``: seconds between streamed chunks (default 0).
    * ``api_key``: if set, requests with another bearer token get 401 invalid_api_key
      (requests without any Authorization header always do).
    * ``embedding_dimensions``: default vector size (1536).
    * ``transcribe``: ``(filename, bytes) -> str`` for the transcription endpoint (or a dict:
      the whole ``verbose_json`` body, for exact word timings).
    * ``words_per_minute``: pace of the word timings made up for ``verbose_json`` (150).
    * ``models``: ids listed by ``GET /v1/models``.
    * ``context_window``: the context, in the fake's tokens (:func:`rough_token_count`); a
      longer request gets OpenAI's 400 ``context_length_exceeded``. With
      ``context_mode = "llama.cpp"`` only the prompt must fit and ``max_tokens`` is cut to
      the room left (as llama-cpp-python does); with ``"openai"`` prompt plus ``max_tokens``
      must fit.
    * ``advertise_context``: ``GET /v1/models`` gives ``max_model_len`` (as vLLM does).
    * ``stream_usage``: False to send no usage in streams even when asked (as llama.cpp).
    * ``strict_models``: a chat request for a model not in ``models`` gets a 404
      ``model_not_found`` (llama.cpp serves its one model whatever the name).
    * ``stream_piece_chars``: stream deltas of this many characters instead of words.
    * ``embedding_mode``: ``"pooled"`` (one vector per input) or ``"per_token"``.

    ``in_flight`` / ``max_in_flight`` count chat completions being answered (streams until
    their last byte), to check a client's concurrency cap.
    """

    def __init__(self, *, seed: int = 0) -> None:
        self.reply: Reply | str = default_reply
        self.latency: tuple[float, float] = (0.0, 0.0)
        self.stream_chunk_delay = 0.0
        self.api_key: str | None = None
        self.embedding_dimensions = 1536
        self.transcribe: Callable[[str, bytes], str | dict[str, Any]] = lambda filename, data: "transcribed audio"
        self.words_per_minute = 150.0
        self.models: list[str] = list(DEFAULT_MODELS)
        self.context_window: int | None = None
        self.context_mode = "openai"
        self.advertise_context = False
        self.stream_usage = True
        self.strict_models = False
        self.stream_piece_chars: int | None = None
        self.embedding_mode = "pooled"
        self.requests: list[FakeOpenAIRequest] = []
        #: Chat completions being answered right now, and the most ever answered at once.
        self.in_flight = 0
        self.max_in_flight = 0
        self.rng = random.Random(seed)
        self._faults: list[Fault] = []
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._stopping = asyncio.Event()

    # -- lifecycle ---------------------------------------------------------------------

    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_post("/v1/chat/completions", self._chat_completions)
        app.router.add_post("/v1/embeddings", self._embeddings)
        app.router.add_get("/v1/models", self._list_models)
        app.router.add_get("/v1/models/{model}", self._get_model)
        app.router.add_post("/v1/audio/transcriptions", self._transcriptions)
        app.router.add_route("*", "/{tail:.*}", self._unknown)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock, shutdown_timeout=1.0).start()

    async def stop(self) -> None:
        """Stop serving (requests stuck in a "timeout" fault are released first)."""
        self._stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeOpenAI:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/v1`` (OPENAI_BASE_URL)."""
        if self._port is None:
            raise RuntimeError("FakeOpenAI not started: await fake.start() first")
        return f"http://127.0.0.1:{self._port}/v1"

    # -- faults and inspection ---------------------------------------------------------

    def enqueue_fault(
        self,
        kind: str,
        *,
        retry_after: float = 1.0,
        delay: float = 30.0,
        path: str | None = None,
        chunks: int = 2,
        message: str | None = None,
    ) -> Fault:
        """Queue a fault for the next request (FIFO; ``path`` limits it to matching paths).

        ``retry_after`` is for ``"429"``; ``delay`` for ``"timeout"``; ``chunks`` is how many
        content deltas ``"truncated_stream"`` sends before dropping the connection.
        """
        known = {
            "timeout",
            "malformed",
            "truncated_stream",
            "empty",
            "length",
            "context_length_exceeded",
            "prompt_tags",
            "per_token_embeddings",
            "wrong_count_embeddings",
        }
        if kind not in known and not re.fullmatch(r"[45]\d\d", kind):
            raise ValueError(f"unknown fault {kind!r}: use an HTTP status like '429' or one of {sorted(known)}")
        fault = Fault(kind=kind, retry_after=retry_after, delay=delay, path=path, chunks=chunks, message=message)
        self._faults.append(fault)
        return fault

    @property
    def pending_faults(self) -> list[Fault]:
        return list(self._faults)

    def chat_requests(self) -> list[FakeOpenAIRequest]:
        return [r for r in self.requests if r.path == "/v1/chat/completions"]

    def _take_fault(self, path: str) -> Fault | None:
        for i, fault in enumerate(self._faults):
            if fault.path is None or fault.path in path:
                return self._faults.pop(i)
        return None

    # -- request plumbing --------------------------------------------------------------

    async def _begin(self, request: web.Request) -> tuple[FakeOpenAIRequest, Fault | None, web.StreamResponse | None]:
        """Record the request, check auth, and turn status faults into responses."""
        body: Any = None
        if request.content_type == "application/json":
            raw = await request.read()
            try:
                body = json.loads(raw) if raw else None
            except json.JSONDecodeError:
                record = FakeOpenAIRequest(
                    request.method, request.path, None, _Headers(request.headers), time.perf_counter()
                )
                self.requests.append(record)
                return (
                    record,
                    None,
                    self._finish(
                        record,
                        _json(
                            _error_body(
                                "We could not parse the JSON body of your request.", "invalid_request_error", None
                            ),
                            400,
                        ),
                    ),
                )
        record = FakeOpenAIRequest(request.method, request.path, body, _Headers(request.headers), time.perf_counter())
        self.requests.append(record)
        fault = self._take_fault(request.path)
        record.fault = fault.kind if fault else None
        auth = request.headers.get("Authorization", "")
        key = auth[7:] if auth.startswith("Bearer ") else ""
        bad_key = not key or (self.api_key is not None and key != self.api_key)
        if (fault and fault.kind == "401") or bad_key:
            shown = f"{key[:2]}***{key[-2:]}" if len(key) > 4 else "***"
            return (
                record,
                fault,
                self._finish(
                    record,
                    _json(
                        _error_body(
                            f"Incorrect API key provided: {shown}. You can find your API key at "
                            "https://platform.openai.com/account/api-keys.",
                            "invalid_request_error",
                            "invalid_api_key",
                        ),
                        401,
                    ),
                ),
            )
        if fault and fault.kind.isdigit():
            return record, fault, self._finish(record, self._status_fault(fault))
        if fault and fault.kind == "timeout":
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), fault.delay)
        return record, fault, None

    def _status_fault(self, fault: Fault) -> web.Response:
        status = int(fault.kind)
        if status == 429:
            retry_ms = int(fault.retry_after * 1000)
            headers = {
                "Retry-After": f"{fault.retry_after:g}",
                "retry-after-ms": str(retry_ms),
                "x-ratelimit-limit-requests": "500",
                "x-ratelimit-remaining-requests": "0",
                "x-ratelimit-reset-requests": f"{fault.retry_after:g}s",
            }
            body = _error_body(
                fault.message or "Rate limit reached for requests. Please try again later.",
                "requests",
                "rate_limit_exceeded",
            )
            return _json(body, 429, headers)
        if status >= 500:
            body = _error_body(
                fault.message or "The server had an error while processing your request. Sorry about that!",
                "server_error",
                None,
            )
            return _json(body, status)
        return _json(_error_body(fault.message or f"Injected error {status}", "invalid_request_error", None), status)

    @staticmethod
    def _finish(record: FakeOpenAIRequest, response: web.StreamResponse) -> web.StreamResponse:
        record.status = response.status
        return response

    async def _sleep_latency(self) -> None:
        low, high = self.latency
        if high > 0:
            await asyncio.sleep(self.rng.uniform(low, high))

    async def _make_reply(self, messages: Messages, body: dict[str, Any]) -> str:
        reply = self.reply
        if isinstance(reply, str):
            result: Any = reply
        else:
            result = reply(messages)
            if inspect.isawaitable(result):
                result = await result
        json_mode = (body.get("response_format") or {}).get("type") in ("json_object", "json_schema")
        if reply is default_reply and json_mode:
            result = {"answer": result, "citations": [1]}
        if not isinstance(result, str):
            result = json.dumps(result)
        return result

    # -- chat completions --------------------------------------------------------------

    async def _chat_completions(self, request: web.Request) -> web.StreamResponse:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await self._chat_completion(request)
        finally:
            self.in_flight -= 1

    async def _chat_completion(self, request: web.Request) -> web.StreamResponse:
        record, fault, early = await self._begin(request)
        if early is not None:
            return early
        body = record.json if isinstance(record.json, dict) else {}
        messages = body.get("messages")
        if not isinstance(messages, list) or not body.get("model"):
            return self._finish(
                record,
                _json(
                    _error_body(
                        "you must provide a model parameter and a messages list",
                        "invalid_request_error",
                        None,
                        "messages",
                    ),
                    400,
                ),
            )
        if fault and fault.kind == "malformed":
            return self._finish(
                record,
                web.Response(
                    body=b'{"id": "chatcmpl-broken", "object": "chat.completion", "choices": [{"index": 0, ',
                    content_type="application/json",
                ),
            )
        if self.strict_models and body["model"] not in self.models:
            return self._finish(
                record,
                _json(
                    _error_body(
                        f"The model `{body['model']}` does not exist or you do not have access to it.",
                        "invalid_request_error",
                        "model_not_found",
                    ),
                    404,
                ),
            )
        prompt = sum(rough_token_count(_message_text(m)) + 4 for m in messages)
        max_tokens = body.get("max_tokens") or body.get("max_completion_tokens")
        max_tokens = int(max_tokens) if isinstance(max_tokens, int) and max_tokens > 0 else None
        window = 2048 if fault and fault.kind == "context_length_exceeded" else self.context_window
        if window is not None:
            asked = prompt + (max_tokens or 0) if self.context_mode == "openai" else prompt
            if asked > window or (fault and fault.kind == "context_length_exceeded"):
                return self._finish(record, self._context_exceeded(window, prompt, max_tokens or 0))
            if self.context_mode != "openai":
                max_tokens = min(max_tokens or window, window - prompt)
        await self._sleep_latency()
        text = "" if fault and fault.kind == "empty" else await self._make_reply(messages, body)
        finish = "stop"
        if fault and fault.kind == "prompt_tags":
            text = f"<passage>\n<section>{text}</section>\n</passage>\n</template>"
        if fault and fault.kind == "length":
            text = "".join(self._pieces(text)[: fault.chunks])
            finish = "length"
        elif max_tokens is not None and rough_token_count(text) > max_tokens:
            text = text[: max_tokens * 4]
            finish = "length"
        completion_tokens = rough_token_count(text)
        if fault and fault.kind == "length" and max_tokens:
            completion_tokens = max_tokens  # as a server that wrote up to max_tokens
        completion = _Completion(
            text=text, prompt_tokens=prompt, completion_tokens=completion_tokens, model=str(body["model"])
        )
        if body.get("stream"):
            include_usage = self.stream_usage and bool((body.get("stream_options") or {}).get("include_usage"))
            truncate = fault.chunks if fault and fault.kind == "truncated_stream" else None
            return await self._stream(request, record, completion, include_usage, truncate, finish)
        if fault and fault.kind == "truncated_stream":
            return await self._truncated_body(request, record, completion)
        payload = {
            "id": completion.id,
            "object": "chat.completion",
            "created": completion.created,
            "model": completion.model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text, "refusal": None, "annotations": []},
                    "logprobs": None,
                    "finish_reason": finish,
                }
            ],
            "usage": completion.usage,
            "service_tier": "default",
            "system_fingerprint": "fp_fake",
        }
        return self._finish(record, _json(payload))

    @staticmethod
    def _context_exceeded(window: int, prompt: int, completion: int) -> web.Response:
        """OpenAI's reply to a request over the context (llama-cpp-python and vLLM word it alike)."""
        message = (
            f"This model's maximum context length is {window} tokens. However, you requested "
            f"{prompt + completion} tokens ({prompt} in the messages, {completion} in the completion). "
            "Please reduce the length of the messages or completion."
        )
        return _json(_error_body(message, "invalid_request_error", "context_length_exceeded", "messages"), 400)

    @staticmethod
    def _pieces(text: str) -> list[str]:
        """Split text into word-sized deltas that concatenate back to ``text``."""
        return re.findall(r"\S+\s*|\s+", text)

    def _stream_pieces(self, text: str) -> list[str]:
        size = self.stream_piece_chars
        if size:
            return [text[i : i + size] for i in range(0, len(text), size)]
        return self._pieces(text)

    async def _stream(
        self,
        request: web.Request,
        record: FakeOpenAIRequest,
        completion: _Completion,
        include_usage: bool,
        truncate_after: int | None,
        finish: str = "stop",
    ) -> web.StreamResponse:
        response = web.StreamResponse(
            status=200, headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        await response.prepare(request)
        record.status = 200

        def chunk(delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
            data: dict[str, Any] = {
                "id": completion.id,
                "object": "chat.completion.chunk",
                "created": completion.created,
                "model": completion.model,
                "system_fingerprint": "fp_fake",
                "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
            }
            if include_usage:
                data["usage"] = None
            return data

        async def send(data: dict[str, Any] | str) -> None:
            text = data if isinstance(data, str) else json.dumps(data)
            await response.write(f"data: {text}\n\n".encode())
            if self.stream_chunk_delay:
                await asyncio.sleep(self.stream_chunk_delay)

        await send(chunk({"role": "assistant", "content": "", "refusal": None}, None))
        for i, piece in enumerate(self._stream_pieces(completion.text)):
            if truncate_after is not None and i >= truncate_after:
                break
            await send(chunk({"content": piece}, None))
        if truncate_after is not None:
            # Drop the connection mid-stream: no finish_reason, no [DONE], no chunk terminator.
            transport = request.transport
            if transport is not None:
                transport.abort()
            return response
        await send(chunk({}, finish))
        if include_usage:
            usage_chunk = chunk({}, None)
            usage_chunk["choices"] = []
            usage_chunk["usage"] = completion.usage
            await send(usage_chunk)
        await send("[DONE]")
        await response.write_eof()
        return response

    async def _truncated_body(
        self, request: web.Request, record: FakeOpenAIRequest, completion: _Completion
    ) -> web.StreamResponse:
        """Non-streaming variant: promise more bytes than are sent, then drop the connection."""
        body = json.dumps({"id": completion.id, "object": "chat.completion", "choices": []}).encode()
        response = web.StreamResponse(
            status=200, headers={"Content-Type": "application/json", "Content-Length": str(len(body) * 2)}
        )
        await response.prepare(request)
        record.status = 200
        await response.write(body[: len(body) // 2])
        if request.transport is not None:
            request.transport.abort()
        return response

    # -- embeddings --------------------------------------------------------------------

    @staticmethod
    def embed_text(text: str, dimensions: int = 1536) -> list[float]:
        """The deterministic unit vector the fake returns for ``text``."""
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
        rng = random.Random(seed)
        vector = [rng.gauss(0.0, 1.0) for _ in range(dimensions)]
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]

    async def _embeddings(self, request: web.Request) -> web.StreamResponse:
        record, fault, early = await self._begin(request)
        if early is not None:
            return early
        body = record.json if isinstance(record.json, dict) else {}
        if fault and fault.kind == "malformed":
            return self._finish(
                record, web.Response(body=b'{"object": "list", "data": [', content_type="application/json")
            )
        raw_input = body.get("input")
        if isinstance(raw_input, str):
            texts = [raw_input]
        elif isinstance(raw_input, list) and all(isinstance(t, str) for t in raw_input):
            texts = list(raw_input)
        else:
            return self._finish(
                record,
                _json(
                    _error_body(
                        "'input' must be a string or a list of strings", "invalid_request_error", None, "input"
                    ),
                    400,
                ),
            )
        if any(not t for t in texts):
            return self._finish(
                record,
                _json(
                    _error_body(
                        "'$.input' is invalid: empty strings are not allowed", "invalid_request_error", None, "input"
                    ),
                    400,
                ),
            )
        dims = int(body.get("dimensions") or self.embedding_dimensions)
        as_base64 = body.get("encoding_format") == "base64"
        per_token = self.embedding_mode == "per_token" or (fault is not None and fault.kind == "per_token_embeddings")
        data = []
        for i, text in enumerate(texts):
            encoded: Any
            if per_token:  # llama.cpp without pooling: a vector per token, whatever was asked
                encoded = [self.embed_text(f"{i}:{word}", dims) for word in (text.split() or [text])]
            else:
                vector = self.embed_text(text, dims)
                encoded = base64.b64encode(struct.pack(f"<{dims}f", *vector)).decode() if as_base64 else vector
            data.append({"object": "embedding", "index": i, "embedding": encoded})
        if fault and fault.kind == "wrong_count_embeddings":
            data = data[:-1]
        tokens = sum(rough_token_count(t) for t in texts)
        payload = {
            "object": "list",
            "data": data,
            "model": body.get("model", "text-embedding-3-small"),
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        }
        return self._finish(record, _json(payload))

    # -- models ------------------------------------------------------------------------

    def _model(self, model_id: str) -> dict[str, Any]:
        entry: dict[str, Any] = {"id": model_id, "object": "model", "created": 1700000000, "owned_by": "fake-openai"}
        if self.advertise_context and self.context_window:
            entry["max_model_len"] = self.context_window
        return entry

    async def _list_models(self, request: web.Request) -> web.StreamResponse:
        record, _, early = await self._begin(request)
        if early is not None:
            return early
        return self._finish(record, _json({"object": "list", "data": [self._model(m) for m in self.models]}))

    async def _get_model(self, request: web.Request) -> web.StreamResponse:
        record, _, early = await self._begin(request)
        if early is not None:
            return early
        model_id = request.match_info["model"]
        if model_id not in self.models:
            return self._finish(
                record,
                _json(
                    _error_body(
                        f"The model '{model_id}' does not exist", "invalid_request_error", "model_not_found", "model"
                    ),
                    404,
                ),
            )
        return self._finish(record, _json(self._model(model_id)))

    # -- audio transcriptions -------------------------------------------------------------

    def _verbose(self, result: str | dict[str, Any]) -> dict[str, Any]:
        """OpenAI's ``verbose_json`` body: words at an even pace unless ``transcribe`` gave them."""
        if isinstance(result, dict):
            return {"task": "transcribe", "language": "english", **result}
        step = 60.0 / self.words_per_minute
        words = [
            {"word": w.strip(".,;:!?\"'"), "start": round(i * step, 2), "end": round(i * step + step * 0.8, 2)}
            for i, w in enumerate(result.split())
        ]
        duration = round(len(words) * step + 0.5, 2) if words else 0.0
        return {"task": "transcribe", "language": "english", "duration": duration, "text": result, "words": words}

    async def _transcriptions(self, request: web.Request) -> web.StreamResponse:
        """``POST /v1/audio/transcriptions``.

        Accepts OpenAI's multipart form (``file``, ``model``, optional ``response_format``,
        ``timestamp_granularities[]``, ``prompt``, ``language``) and answers with
        ``fake.transcribe(filename, data)``: ``{"text": ...}`` for json, plain text for
        ``text``, and for ``verbose_json`` the text with ``duration`` and ``words`` (start/end
        seconds) when word timestamps were asked for. Faults apply as for the other endpoints.
        """
        record, fault, early = await self._begin(request)
        if early is not None:
            return early
        form = await request.post()
        upload = form.get("file")
        if not isinstance(upload, web.FileField):
            return self._finish(
                record, _json(_error_body("'file' is a required property", "invalid_request_error", None, "file"), 400)
            )
        data = upload.file.read()
        record.json = {k: v for k, v in form.items() if isinstance(v, str)} | {
            "file": {"filename": upload.filename, "size": len(data), "content_type": upload.content_type}
        }
        granularities = [v for k, v in form.items() if k.startswith("timestamp_granularities") and isinstance(v, str)]
        record.json["timestamp_granularities"] = granularities
        if fault and fault.kind == "malformed":
            return self._finish(record, web.Response(body=b'{"text": ', content_type="application/json"))
        await self._sleep_latency()
        result = "" if fault and fault.kind == "empty" else self.transcribe(upload.filename, data)
        verbose = self._verbose(result)
        response_format = form.get("response_format") or "json"
        if response_format == "text":
            return self._finish(record, web.Response(text=verbose["text"], content_type="text/plain"))
        if response_format == "verbose_json":
            if "word" not in granularities:
                verbose.pop("words", None)
            return self._finish(record, _json(verbose))
        return self._finish(record, _json({"text": verbose["text"]}))

    # -- everything else ---------------------------------------------------------------

    async def _unknown(self, request: web.Request) -> web.StreamResponse:
        record = FakeOpenAIRequest(request.method, request.path, None, _Headers(request.headers), time.perf_counter())
        self.requests.append(record)
        log.error("FAKE OPENAI: no handler for %s %s", request.method, request.path)
        return self._finish(
            record,
            _json(
                _error_body(
                    f"Fake OpenAI has no handler for {request.method} {request.path} "
                    "(add one in tests/support/fake_openai.py)",
                    "invalid_request_error",
                    "unknown_url",
                ),
                404,
            ),
        )

    # -- convenience -------------------------------------------------------------------

    def last_messages(self) -> Sequence[dict[str, Any]]:
        """The ``messages`` of the most recent chat completion request."""
        chats = self.chat_requests()
        if not chats:
            raise AssertionError("no chat completion request was made")
        return chats[-1].json.get("messages", [])
