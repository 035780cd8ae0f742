"""The knowledge index: chromadb vectors plus BM25, fused by reciprocal rank.

Consistency: a JSON manifest (written atomically) is the list of chunks being served,
with their texts. Vectors are added to chroma *before* the manifest names them and
removed *after* it stops naming them, so a crash mid-index never serves a half-written
collection: results always come from the manifest, and vectors chroma holds beyond it are
ignored. Indexing is incremental by content hash (the chunk id): unchanged chunks are never
re-embedded.

Scopes keep server guidance apart: built-in articles are scope ``builtin``; an advisor's
uploads are scope ``guild:<id>`` and are searched only when that scope is asked for.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from bot.config import Settings
from bot.core.base.embeddings import Embedder
from bot.core.knowledge.articles import BUILTIN_SCOPE, Chunk

log = logging.getLogger(__name__)

COLLECTION = "soap_knowledge"
MANIFEST_VERSION = 1
RRF_K = 60
CANDIDATES = 30
#: Weight of the query's similarity to a section's heading, added to the fused score.
#: Headings are written as the questions students ask, so a close heading is strong evidence.
HEADING_WEIGHT = 1.5
#: Up to this many out-of-scope chunks, dense search over-fetches and filters in Python.
UNFILTERED_SLACK = 300
EMBED_BATCH = 64

ProgressCallback = Callable[[int, int], None]  # (done, total)


def guild_scope(guild_id: int) -> str:
    return f"guild:{guild_id}"


@dataclass(frozen=True)
class SearchHit:
    chunk: Chunk
    score: float  # fused reciprocal-rank score
    similarity: float  # cosine similarity of the query and the chunk (0 when not in the dense top list)
    bm25: float  # BM25 score (0 when no term matched)
    heading: float = 0.0  # cosine similarity of the query and the section heading

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.chunk.id,
            "article": self.chunk.article,
            "title": self.chunk.title,
            "section": self.chunk.section,
            "text": self.chunk.text,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class SyncReport:
    scope: str
    added: int
    removed: int
    unchanged: int
    seconds: float


class KnowledgeIndex:
    """Hybrid search over the served chunks. Thread-safe; methods are synchronous (run them in a thread)."""

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self.settings = settings
        self.embedder = embedder
        self.directory = Path(settings.index_dir)
        self.manifest_path = self.directory / "manifest.json"
        self.headings_path = self.directory / "headings.npz"
        self._heading_vectors: dict[str, np.ndarray] = {}
        self._lock = threading.RLock()
        self._client = None
        self._collection = None
        self._chunks: dict[str, Chunk] = {}
        self._order: list[str] = []
        self._bm25: bm25s.BM25 | None = None
        self._scope_masks: dict[str, np.ndarray] = {}
        self._stemmer = Stemmer.Stemmer("english")
        self._load_manifest()

    # ----- storage -------------------------------------------------------------------------

    def _collection_handle(self):  # type: ignore[no-untyped-def]
        if self._collection is None:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
            if self.settings.chroma_host:
                self._client = chromadb.HttpClient(
                    host=self.settings.chroma_host, port=self.settings.chroma_port, settings=chroma_settings
                )
            else:
                self.directory.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(self.directory / "chroma"), settings=chroma_settings)
            self._collection = self._client.get_or_create_collection(
                COLLECTION,
                metadata={"hnsw:space": "cosine"},
                embedding_function=None,
            )
        return self._collection

    def _load_manifest(self) -> None:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, json.JSONDecodeError):
            log.warning("index manifest unreadable; the index will be rebuilt")
            return
        if data.get("version") != MANIFEST_VERSION or data.get("model_id") != self.embedder.model_id:
            log.info("index built with another model or format; it will be rebuilt")
            return
        chunks = {cid: Chunk(**fields) for cid, fields in data.get("chunks", {}).items()}
        try:
            with np.load(self.headings_path, allow_pickle=False) as saved:
                self._heading_vectors = dict(zip(saved["texts"].tolist(), saved["vectors"], strict=True))
        except (OSError, KeyError, ValueError):
            self._heading_vectors = {}
        self._install(chunks)

    def _write_manifest(self, chunks: dict[str, Chunk]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        payload = {
            "version": MANIFEST_VERSION,
            "model_id": self.embedder.model_id,
            "chunks": {cid: asdict(chunk) for cid, chunk in chunks.items()},
        }
        tmp = self.manifest_path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.manifest_path)

    def _update_heading_vectors(self, served: dict[str, Chunk]) -> None:
        """Embed headings not seen before; keep only those still served; save atomically."""
        headings = {c.section for c in served.values()}
        missing = sorted(headings - self._heading_vectors.keys())
        if missing:
            self._heading_vectors.update(
                zip(missing, np.array(self.embedder.embed(missing), dtype=np.float32), strict=True)
            )
        self._heading_vectors = {h: v for h, v in self._heading_vectors.items() if h in headings}
        texts = sorted(self._heading_vectors)
        tmp = self.headings_path.with_name(f"headings.{os.getpid()}.{threading.get_ident()}.tmp.npz")
        np.savez(tmp, texts=np.array(texts), vectors=np.array([self._heading_vectors[t] for t in texts]))
        os.replace(tmp, self.headings_path)

    def _tokenize(self, texts: list[str]):  # type: ignore[no-untyped-def]
        return bm25s.tokenize(
            texts, stopwords="en", stemmer=self._stemmer.stemWords, show_progress=False, return_ids=False
        )

    def _install(self, chunks: dict[str, Chunk]) -> None:
        """Make ``chunks`` the served set: rebuild BM25 and the per-scope masks."""
        order = sorted(chunks)
        bm25 = None
        masks: dict[str, np.ndarray] = {}
        if order:
            bm25 = bm25s.BM25()
            bm25.index(self._tokenize([chunks[cid].embedding_text for cid in order]), show_progress=False)
            scopes = np.array([chunks[cid].scope for cid in order])
            masks = {scope: scopes == scope for scope in set(scopes.tolist())}
        self._chunks, self._order, self._bm25, self._scope_masks = chunks, order, bm25, masks

    # ----- state ---------------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        return not self._chunks

    def scope_size(self, scope: str) -> int:
        mask = self._scope_masks.get(scope)
        return int(mask.sum()) if mask is not None else 0

    def chunks(self, scope: str | None = None) -> list[Chunk]:
        return [c for c in self._chunks.values() if scope is None or c.scope == scope]

    # ----- indexing ------------------------------------------------------------------------

    def sync_scope(
        self,
        scope: str,
        chunks: Iterable[Chunk],
        progress: ProgressCallback | None = None,
        rebuild: bool = False,
    ) -> SyncReport:
        """Make the served chunks of ``scope`` exactly ``chunks``, embedding only new ones."""
        started = time.perf_counter()
        wanted = {c.id: c for c in chunks if c.scope == scope}
        with self._lock:
            current = {cid: c for cid, c in self._chunks.items() if c.scope == scope}
            if rebuild:
                current = {}
            new_ids = [cid for cid in wanted if cid not in current]
            if (
                not new_ids
                and len(current) == len(wanted)
                and self.manifest_path.exists()
                and self.headings_path.exists()
            ):
                return SyncReport(scope, 0, 0, len(wanted), time.perf_counter() - started)
            collection = self._collection_handle()
            if rebuild:
                stale = collection.get(where={"scope": scope}, include=[])["ids"]
                if stale:
                    collection.delete(ids=stale)
            # Reuse vectors chroma already holds (e.g. written before a crash) instead of re-embedding.
            have = set(collection.get(ids=new_ids, include=[])["ids"]) if new_ids else set()
            to_embed = [cid for cid in new_ids if cid not in have]
            total = len(to_embed)
            if progress:
                progress(0, total)
            for start in range(0, total, EMBED_BATCH):
                batch = to_embed[start : start + EMBED_BATCH]
                vectors = self.embedder.embed([wanted[cid].embedding_text for cid in batch])
                collection.upsert(
                    ids=batch,
                    embeddings=vectors,
                    metadatas=[
                        {"scope": scope, "article": wanted[cid].article, "section": wanted[cid].section}
                        for cid in batch
                    ],
                )
                if progress:
                    progress(min(start + EMBED_BATCH, total), total)
            removed = [cid for cid in current if cid not in wanted]
            served = {cid: c for cid, c in self._chunks.items() if c.scope != scope}
            served.update(wanted)
            self._update_heading_vectors(served)
            self._write_manifest(served)
            self._install(served)
            if removed:
                collection.delete(ids=removed)
        report = SyncReport(
            scope=scope,
            added=len(new_ids),
            removed=len(removed),
            unchanged=len(wanted) - len(new_ids),
            seconds=time.perf_counter() - started,
        )
        log.info(
            "index sync scope=%s added=%d removed=%d unchanged=%d seconds=%.2f",
            scope,
            report.added,
            report.removed,
            report.unchanged,
            report.seconds,
        )
        return report

    def drop_scope(self, scope: str) -> SyncReport:
        return self.sync_scope(scope, [])

    # ----- search --------------------------------------------------------------------------

    def search(self, query: str, k: int = 5, scopes: Sequence[str] = (BUILTIN_SCOPE,)) -> list[SearchHit]:
        """Top ``k`` chunks for ``query`` within ``scopes`` (reciprocal-rank fusion of dense and BM25)."""
        query = query.strip()
        if not query or not self._chunks:
            return []
        with self._lock:
            order, chunks, bm25 = self._order, self._chunks, self._bm25
            mask = np.zeros(len(order), dtype=bool)
            for scope in scopes:
                if scope in self._scope_masks:
                    mask |= self._scope_masks[scope]
            if not mask.any():
                return []
            n_candidates = min(CANDIDATES, int(mask.sum()))

            lexical: dict[str, float] = {}
            if bm25 is not None:
                query_tokens = self._tokenize([query])[0]
                if query_tokens:
                    scores = bm25.get_scores(query_tokens) * mask
                    top = np.argpartition(-scores, n_candidates - 1)[:n_candidates]
                    for i in top[np.argsort(-scores[top])]:
                        if scores[i] > 0:
                            lexical[order[i]] = float(scores[i])

            dense: dict[str, float] = {}
            vector = self.embedder.embed([query])[0]
            # Chroma's metadata filter costs ~10x the vector search itself, so when few chunks are
            # out of scope (other servers' guidance), ask for that many more and filter here instead.
            out_of_scope = len(order) - int(mask.sum())
            wanted = n_candidates + 10
            if out_of_scope <= UNFILTERED_SLACK:
                result = self._collection_handle().query(
                    query_embeddings=[vector],
                    n_results=min(wanted + out_of_scope, max(1, len(order))),
                    include=["distances"],
                )
            else:
                result = self._collection_handle().query(
                    query_embeddings=[vector],
                    n_results=min(wanted, max(1, len(order))),
                    where={"scope": {"$in": list(scopes)}},
                    include=["distances"],
                )
            for cid, distance in zip(result["ids"][0], result["distances"][0], strict=False):
                if cid in chunks and chunks[cid].scope in scopes:
                    dense[cid] = 1.0 - float(distance)

        fused: dict[str, float] = {}
        for ranking in (
            sorted(dense, key=dense.__getitem__, reverse=True),
            sorted(lexical, key=lexical.__getitem__, reverse=True),
        ):
            for rank, cid in enumerate(ranking):
                fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        query_vector = np.asarray(vector, dtype=np.float32)
        headings: dict[str, float] = {}
        for cid in fused:
            heading = self._heading_vectors.get(chunks[cid].section)
            if heading is not None:
                headings[cid] = float(heading @ query_vector)
                fused[cid] += HEADING_WEIGHT * headings[cid] / RRF_K
        best = sorted(fused, key=fused.__getitem__, reverse=True)[:k]
        return [
            SearchHit(chunks[cid], fused[cid], dense.get(cid, 0.0), lexical.get(cid, 0.0), headings.get(cid, 0.0))
            for cid in best
        ]
