"""The knowledge index: chromadb vectors plus BM25 over passages and the ways students ask
them (answer cards), fused by reciprocal rank per passage.

Each passage (a section, or part of a long one) is indexed as its text *and* as each of the
"ways students ask" of its section's answer card; a passage scores by its best match. The
paragraphs of every passage are embedded at index time too, so composing an offline answer
embeds nothing but the question.

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
import re
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
from bot.core.knowledge.articles import BUILTIN_SCOPE, Chunk, paragraphs

log = logging.getLogger(__name__)

COLLECTION = "soap_knowledge"
MANIFEST_VERSION = 2
RRF_K = 60
CANDIDATES = 30
#: Dense search fetches this many documents (passages and ways-to-ask) per wanted passage.
DOCS_PER_PASSAGE = 4
#: Weight of the query's similarity to a section's heading, added to the fused score.
#: Headings are written as the questions students ask, so a close heading is evidence; but the
#: fused ranks differ by little (1/61 against 1/70 for ranks 1 and 10), so at 1.5 a heading that
#: shares words with the question outweighed every ranking ("programs I applied to" led to
#: "Programs you did not apply to"). Since the ways-to-ask, 0.5: tuning questions (398) offline
#: answers 0.76 -> 0.77, top-5 search 0.925 -> 0.93, devset answers 0.93 -> 1.00.
HEADING_WEIGHT = 0.5
#: A passage whose best document (its text or a way-to-ask) is this close to the query, and this
#: much closer than any other passage's, is all but the question itself ("is it posible to get 2
#: ofers in teh same round??" against the way-to-ask "can I get two offers in one round"): it leads
#: however the words rank it, since typos and shorthand leave BM25 nothing to match.
CLEAR_MATCH = 0.85
CLEAR_MARGIN = 0.1
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
    #: Cosine similarity of the query and the passage or, when closer, one of its ways-to-ask
    #: (0 when neither is in the dense top list).
    similarity: float
    bm25: float  # best BM25 score of the passage or its ways-to-ask (0 when no term matched)
    heading: float = 0.0  # cosine similarity of the query and the section heading
    ask: float = 0.0  # cosine similarity of the query and the closest way-to-ask of the section

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.chunk.id,
            "article": self.chunk.article,
            "title": self.chunk.title,
            "section": self.chunk.section,
            "text": self.chunk.passage,
            "score": round(self.score, 4),
        }


def _documents(chunk: Chunk) -> list[tuple[str, str]]:
    """(document id, text) for everything a passage is found by: its text and each way-to-ask."""
    return [(chunk.id, chunk.embedding_text)] + [(f"{chunk.id}:ask:{i}", ask) for i, ask in enumerate(chunk.asks)]


def _chunk_of(doc_id: str) -> str:
    return doc_id.split(":", 1)[0]


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
        self.paragraphs_path = self.directory / "paragraphs.npz"
        self._heading_vectors: dict[str, np.ndarray] = {}
        #: chunk id -> (its paragraphs as plain text, their vectors): for composing answers.
        self._paragraphs: dict[str, tuple[list[str], np.ndarray]] = {}
        self._lock = threading.RLock()
        self._client = None
        self._collection = None
        self._chunks: dict[str, Chunk] = {}
        self._order: list[str] = []  # document ids (passages and ways-to-ask), as BM25 numbers them
        self._bm25: bm25s.BM25 | None = None
        self._scope_masks: dict[str, np.ndarray] = {}
        #: Every word of the served passages and ways-to-ask (lower case): never "corrected".
        self.vocabulary: frozenset[str] = frozenset()
        self._stemmer = Stemmer.Stemmer("english")
        self._load_manifest()

    # ----- storage -------------------------------------------------------------------------

    def _collection_handle(self):  # chromadb's Collection (chromadb is imported lazily)
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
        # Paragraph vectors missing for a passage (a crash between writes) only mean no
        # supporting paragraph for it until the next sync fills them in.
        self._paragraphs = self._read_paragraphs()
        self._install(chunks)

    def _read_paragraphs(self) -> dict[str, tuple[list[str], np.ndarray]]:
        try:
            with np.load(self.paragraphs_path, allow_pickle=False) as saved:
                owners, texts, vectors = saved["chunks"].tolist(), saved["texts"].tolist(), saved["vectors"]
        except (OSError, KeyError, ValueError):
            return {}
        out: dict[str, tuple[list[str], list[int]]] = {}
        for row, (owner, text) in enumerate(zip(owners, texts, strict=True)):
            out.setdefault(owner, ([], []))
            out[owner][0].append(text)
            out[owner][1].append(row)
        return {owner: (texts_, vectors[rows]) for owner, (texts_, rows) in out.items()}

    def _update_paragraph_vectors(self, served: dict[str, Chunk]) -> None:
        """Embed the paragraphs of passages not seen before; keep only served ones; save atomically."""
        missing = [cid for cid in served if cid not in self._paragraphs]
        texts_of = {cid: paragraphs(served[cid].text) for cid in missing}
        flat = [text for cid in missing for text in texts_of[cid]]
        vectors = np.array(self.embedder.embed(flat), dtype=np.float32) if flat else np.zeros((0, 0), np.float32)
        start = 0
        for cid in missing:
            n = len(texts_of[cid])
            self._paragraphs[cid] = (texts_of[cid], vectors[start : start + n])
            start += n
        self._paragraphs = {cid: value for cid, value in self._paragraphs.items() if cid in served}
        owners = [cid for cid, (texts, _) in self._paragraphs.items() for _ in texts]
        texts = [text for texts_, _ in self._paragraphs.values() for text in texts_]
        stacked = [v for _, v in self._paragraphs.values() if len(v)]
        matrix = np.vstack(stacked) if stacked else np.zeros((0, 0), dtype=np.float32)
        tmp = self.paragraphs_path.with_name(f"paragraphs.{os.getpid()}.{threading.get_ident()}.tmp.npz")
        np.savez(tmp, chunks=np.array(owners), texts=np.array(texts), vectors=matrix)
        os.replace(tmp, self.paragraphs_path)

    def paragraph_vectors(self, chunk: Chunk) -> tuple[list[str], np.ndarray]:
        """A passage's paragraphs (plain text) and their vectors, computed when it was indexed."""
        texts, vectors = self._paragraphs.get(chunk.id, ([], np.zeros((0, 0), dtype=np.float32)))
        return texts, vectors

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

    def _tokenize(self, texts: list[str]):  # bm25s's Tokenized
        return bm25s.tokenize(
            texts, stopwords="en", stemmer=self._stemmer.stemWords, show_progress=False, return_ids=False
        )

    def _install(self, chunks: dict[str, Chunk]) -> None:
        """Make ``chunks`` the served set: rebuild BM25 (over passages and ways-to-ask) and the
        per-scope masks."""
        docs = [doc for cid in sorted(chunks) for doc in _documents(chunks[cid])]
        order = [doc_id for doc_id, _ in docs]
        bm25 = None
        masks: dict[str, np.ndarray] = {}
        if order:
            bm25 = bm25s.BM25()
            bm25.index(self._tokenize([text for _, text in docs]), show_progress=False)
            scopes = np.array([chunks[_chunk_of(doc_id)].scope for doc_id in order])
            masks = {scope: scopes == scope for scope in set(scopes.tolist())}
        self._chunks, self._order, self._bm25, self._scope_masks = chunks, order, bm25, masks
        self.vocabulary = frozenset(w for _, text in docs for w in re.findall(r"[a-z]+", text.lower()))

    # ----- state ---------------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        return not self._chunks

    def scope_size(self, scope: str) -> int:
        """How many passages of ``scope`` are served."""
        return sum(1 for c in self._chunks.values() if c.scope == scope)

    def section_chunk(self, article: str, anchor: str, scope: str = BUILTIN_SCOPE) -> Chunk | None:
        """The first passage of a section, by its article and anchor."""
        found = [c for c in self._chunks.values() if c.scope == scope and c.article == article and c.anchor == anchor]
        return min(found, key=lambda c: c.text, default=None) if len(found) > 1 else (found[0] if found else None)

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
                and all(cid in self._paragraphs for cid in wanted)
            ):
                return SyncReport(scope, 0, 0, len(wanted), time.perf_counter() - started)
            collection = self._collection_handle()
            if rebuild:
                stale = collection.get(where={"scope": scope}, include=[])["ids"]
                if stale:
                    collection.delete(ids=stale)
                self._paragraphs = {k: v for k, v in self._paragraphs.items() if k not in wanted}
            docs = {doc_id: (cid, text) for cid in new_ids for doc_id, text in _documents(wanted[cid])}
            # Reuse vectors chroma already holds (e.g. written before a crash) instead of re-embedding.
            have = set(collection.get(ids=list(docs), include=[])["ids"]) if docs else set()
            to_embed = [doc_id for doc_id in docs if doc_id not in have]
            total = len(to_embed)
            if progress:
                progress(0, total)
            for start in range(0, total, EMBED_BATCH):
                batch = to_embed[start : start + EMBED_BATCH]
                vectors = self.embedder.embed([docs[doc_id][1] for doc_id in batch])
                collection.upsert(
                    ids=batch,
                    embeddings=vectors,
                    metadatas=[
                        {
                            "scope": scope,
                            "article": wanted[docs[doc_id][0]].article,
                            "section": wanted[docs[doc_id][0]].section,
                        }
                        for doc_id in batch
                    ],
                )
                if progress:
                    progress(min(start + EMBED_BATCH, total), total)
            removed = [cid for cid in current if cid not in wanted]
            served = {cid: c for cid, c in self._chunks.items() if c.scope != scope}
            served.update(wanted)
            self._update_heading_vectors(served)
            self._update_paragraph_vectors(served)
            self._write_manifest(served)
            self._install(served)
            if removed:
                collection.delete(ids=[doc_id for cid in removed for doc_id, _ in _documents(current[cid])])
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

    def search(
        self,
        query: str,
        k: int = 5,
        scopes: Sequence[str] = (BUILTIN_SCOPE,),
        *,
        vector: Sequence[float] | None = None,
    ) -> list[SearchHit]:
        """Top ``k`` passages for ``query`` within ``scopes``: reciprocal-rank fusion of dense and
        BM25 rankings, each passage ranked by its best document (its text or a way-to-ask), plus
        the heading's similarity; a passage all but identical to the query (``CLEAR_MATCH``) leads.
        ``vector``: the query's embedding, when already computed."""
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
            in_scope = int(mask.sum())
            n_docs = min(CANDIDATES * DOCS_PER_PASSAGE, in_scope)

            lexical: dict[str, float] = {}
            if bm25 is not None:
                query_tokens = self._tokenize([query])[0]
                if query_tokens:
                    scores = bm25.get_scores(query_tokens) * mask
                    top = np.argpartition(-scores, n_docs - 1)[:n_docs]
                    for i in top[np.argsort(-scores[top])]:
                        cid = _chunk_of(order[i])
                        if scores[i] > 0 and cid not in lexical:
                            lexical[cid] = float(scores[i])

            dense: dict[str, float] = {}
            asks: dict[str, float] = {}
            if vector is None:
                vector = self.embedder.embed([query])[0]
            # Chroma's metadata filter costs ~10x the vector search itself, so when few documents
            # are out of scope (other servers' guidance), ask for that many more and filter here.
            out_of_scope = len(order) - in_scope
            wanted = n_docs + 10
            if out_of_scope <= UNFILTERED_SLACK:
                result = self._collection_handle().query(
                    query_embeddings=[list(vector)],
                    n_results=min(wanted + out_of_scope, max(1, len(order))),
                    include=["distances"],
                )
            else:
                result = self._collection_handle().query(
                    query_embeddings=[list(vector)],
                    n_results=min(wanted, max(1, len(order))),
                    where={"scope": {"$in": list(scopes)}},
                    include=["distances"],
                )
            for doc_id, distance in zip(result["ids"][0], result["distances"][0], strict=False):
                cid = _chunk_of(doc_id)
                if cid not in chunks or chunks[cid].scope not in scopes:
                    continue
                similarity = 1.0 - float(distance)
                dense[cid] = max(dense.get(cid, -1.0), similarity)
                if ":ask:" in doc_id:
                    asks[cid] = max(asks.get(cid, -1.0), similarity)

        query_vector = np.asarray(vector, dtype=np.float32)
        headings: dict[str, float] = {}
        for cid in {*dense, *lexical}:
            heading = self._heading_vectors.get(chunks[cid].section)
            if heading is not None:
                headings[cid] = float(heading @ query_vector)
                if not chunks[cid].asks:
                    # A section without an answer card (an advisor's article) is asked by its heading.
                    dense[cid] = max(dense.get(cid, -1.0), headings[cid])
        fused: dict[str, float] = {}
        for ranking in (
            sorted(dense, key=dense.__getitem__, reverse=True),
            sorted(lexical, key=lexical.__getitem__, reverse=True),
        ):
            for rank, cid in enumerate(ranking[:CANDIDATES]):
                fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        for cid in fused:
            if cid in headings:
                fused[cid] += HEADING_WEIGHT * headings[cid] / RRF_K
        if dense:
            nearest = max(dense, key=dense.__getitem__)
            runner_up = max((v for cid, v in dense.items() if cid != nearest), default=0.0)
            if dense[nearest] >= CLEAR_MATCH and dense[nearest] - runner_up >= CLEAR_MARGIN and nearest in fused:
                fused[nearest] = max(fused.values()) + 1e-9
        best = sorted(fused, key=fused.__getitem__, reverse=True)[:k]
        return [
            SearchHit(
                chunks[cid],
                fused[cid],
                max(dense.get(cid, 0.0), 0.0),
                lexical.get(cid, 0.0),
                headings.get(cid, 0.0),
                max(asks.get(cid, 0.0), 0.0),
            )
            for cid in best
        ]
