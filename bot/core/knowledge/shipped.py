"""The built-in guidance's embeddings, shipped with the package (``data/builtin_vectors.npz``).

Everyone's first start would otherwise embed the same built-in guidance (passages, ways to ask,
paragraphs, headings). ``scripts/build_builtin_vectors.py`` embeds it once and saves the vectors
keyed by a hash of each text; :class:`ShippedVectors` answers from that file and embeds only
what it does not hold (an advisor's own articles, or a section edited since). A test fails when
the file no longer covers the built-in articles.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import numpy as np

from bot.core.base.embeddings import Embedder
from bot.core.knowledge.articles import Article, chunks_of, paragraphs

log = logging.getLogger(__name__)

SHIPPED_PATH = Path(__file__).resolve().parent / "data" / "builtin_vectors.npz"


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def texts_to_embed(articles: Iterable[Article]) -> list[str]:
    """Every text the index embeds for ``articles``: passages, ways to ask, paragraphs, headings."""
    out: dict[str, None] = {}
    for chunk in chunks_of(articles):
        out[chunk.embedding_text] = None
        out.update(dict.fromkeys(chunk.asks))
        out.update(dict.fromkeys(paragraphs(chunk.text)))
        out[chunk.section] = None
    return list(out)


@cache
def _load(path: Path, model_id: str) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as saved:
            if str(saved["model_id"]) != model_id:
                log.info("shipped vectors are for another embedding model; not used")
                return {}
            return dict(zip(saved["keys"].tolist(), saved["vectors"].astype(np.float32), strict=True))
    except (OSError, KeyError, ValueError):
        return {}


class ShippedVectors:
    """An embedder that answers from the shipped vectors first, then embeds the rest."""

    def __init__(self, inner: Embedder, path: Path = SHIPPED_PATH) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self._known = _load(path, inner.model_id)

    def embed(self, texts: list[str]) -> list[list[float]]:
        keys = [text_key(t) for t in texts]
        missing = [t for t, k in zip(texts, keys, strict=True) if k not in self._known]
        fresh = dict(zip(missing, self.inner.embed(missing), strict=True)) if missing else {}
        return [self._known[k].tolist() if k in self._known else fresh[t] for t, k in zip(texts, keys, strict=True)]

    def covers(self, texts: Sequence[str]) -> list[str]:
        """The texts of ``texts`` the shipped file does not hold."""
        return [t for t in texts if text_key(t) not in self._known]


def build(articles: Iterable[Article], embedder: Embedder, path: Path = SHIPPED_PATH) -> int:
    """Embed every text of ``articles`` and save them (float16) to ``path``; returns how many."""
    texts = texts_to_embed(articles)
    vectors = np.asarray(embedder.embed(texts), dtype=np.float16)
    np.savez_compressed(
        path, model_id=np.array(embedder.model_id), keys=np.array([text_key(t) for t in texts]), vectors=vectors
    )
    _load.cache_clear()
    return len(texts)
