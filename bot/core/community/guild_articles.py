"""Server guidance: articles an advisor uploads for their own server.

Articles are stored in the ``guild_articles`` table (the source of truth) and indexed into the
server's own scope (``guild:<id>``), so ``/ask`` searches them alongside the built-in library
in that server only. On start the index is re-synced from the table, so a lost index is rebuilt.
An upload is validated completely before anything is stored: a bad file changes nothing.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass
from pathlib import PurePath

from bot.core.base.store import Store
from bot.core.knowledge import Article, ArticleError, KnowledgeIndex, guild_scope, parse_article

log = logging.getLogger(__name__)

#: Largest accepted upload (a long guidance document is ~20 KB of Markdown).
MAX_ARTICLE_BYTES = 100_000
#: Most articles one server may keep.
MAX_ARTICLES_PER_GUILD = 50
EXTENSIONS = (".md", ".markdown", ".txt")
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class GuildArticle:
    """One server article as listed to advisors (no body)."""

    slug: str
    title: str
    size: int
    uploaded_by: int | None
    created_at: float


@dataclass(frozen=True)
class AddResult:
    article: Article
    replaced: bool
    chunks: int


def slug_for(filename: str) -> str:
    """A short, stable id from a file name: 'Our SOAP tips.md' -> 'our-soap-tips'."""
    stem = PurePath(filename).stem.lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:60].strip("-")
    return slug or "article"


def check_upload(filename: str, size: int) -> None:
    """Refuse a file by its name and size alone (before downloading it)."""
    if not filename.lower().endswith(EXTENSIONS):
        raise ArticleError("Please upload a Markdown (.md) or plain-text (.txt) file.")
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"That file is {size / 1000:.0f} KB; the limit is {MAX_ARTICLE_BYTES // 1000} KB. "
            "Split it into smaller articles."
        )


def decode_upload(filename: str, data: bytes) -> str:
    """The text of an uploaded file, or an ArticleError saying what is wrong with it."""
    check_upload(filename, len(data))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ArticleError("That file is not UTF-8 text. Save it as UTF-8 and upload it again.") from None
    if "\x00" in text:
        raise ArticleError("That file looks binary, not text. Upload a .md or .txt file.")
    if not text.strip():
        raise ArticleError("That file is empty.")
    return text


def parse_upload(guild_id: int, filename: str, text: str, title: str | None = None) -> Article:
    """Parse one decoded upload; front matter is optional (title from it, an H1, or the file name)."""
    heading = _H1.search(text)
    stem = re.sub(r"[-_\s]+", " ", PurePath(filename).stem).strip()
    default_title = title or (heading.group(1).strip() if heading else None) or stem[:1].upper() + stem[1:] or "Article"
    article = parse_article(
        text,
        slug_for(filename),
        scope=guild_scope(guild_id),
        default_title=default_title[:200],
        require_front_matter=False,
    )
    if title:
        article.title = title.strip()[:200]
    return article


class ServerGuidance:
    """Add, list, remove and re-index one server's own articles."""

    def __init__(self, store: Store, index: KnowledgeIndex) -> None:
        self.store = store
        self.index = index
        self._locks: dict[int, asyncio.Lock] = {}

    def _lock(self, guild_id: int) -> asyncio.Lock:
        return self._locks.setdefault(guild_id, asyncio.Lock())

    async def list_articles(self, guild_id: int) -> list[GuildArticle]:
        rows = await self.store.fetchall(
            "SELECT slug, title, LENGTH(CAST(body AS BLOB)) AS size, uploaded_by, created_at "
            "FROM guild_articles WHERE guild_id = ? ORDER BY title COLLATE NOCASE",
            (guild_id,),
        )
        return [
            GuildArticle(r["slug"], r["title"], int(r["size"]), r["uploaded_by"], float(r["created_at"])) for r in rows
        ]

    def _index_rows(self, guild_id: int, rows: list[tuple[str, str, str]]) -> int:
        """Parse stored articles and make the server's scope serve exactly them (blocking: run in a thread)."""
        chunks = []
        for slug, title, body in rows:
            try:
                article = parse_article(body, slug, scope=guild_scope(guild_id), require_front_matter=False)
            except ArticleError:
                log.warning("stored server article skipped guild=%s slug=%s", guild_id, slug)
                continue
            article.title = title  # as validated (and possibly chosen) at upload
            chunks.extend(article.chunks())
        self.index.sync_scope(guild_scope(guild_id), chunks)
        return len(chunks)

    async def _sync(self, guild_id: int) -> int:
        """Re-index the server's articles from the table (parsing and embedding off the event loop)."""
        rows = await self.store.fetchall(
            "SELECT slug, title, body FROM guild_articles WHERE guild_id = ? ORDER BY slug", (guild_id,)
        )
        return await asyncio.to_thread(self._index_rows, guild_id, [(r[0], r[1], r[2]) for r in rows])

    async def add(
        self, guild_id: int, filename: str, data: bytes, uploaded_by: int | None, title: str | None = None
    ) -> AddResult:
        """Validate, store and index an upload (replacing an article with the same file name)."""
        text = decode_upload(filename, data)
        article = await asyncio.to_thread(parse_upload, guild_id, filename, text, title)
        sections = await asyncio.to_thread(article.chunks)
        async with self._lock(guild_id):
            existing = await self.store.fetchone(
                "SELECT title, body, uploaded_by, created_at FROM guild_articles WHERE guild_id = ? AND slug = ?",
                (guild_id, article.slug),
            )
            if existing is None:
                count = await self.store.fetchone("SELECT COUNT(*) FROM guild_articles WHERE guild_id = ?", (guild_id,))
                if count and count[0] >= MAX_ARTICLES_PER_GUILD:
                    raise ArticleError(
                        f"This server already has {MAX_ARTICLES_PER_GUILD} articles. Remove one before adding more."
                    )
            await self.store.execute(
                "INSERT INTO guild_articles (guild_id, slug, title, body, uploaded_by, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(guild_id, slug) DO UPDATE SET title = excluded.title, "
                "body = excluded.body, uploaded_by = excluded.uploaded_by, created_at = excluded.created_at",
                (guild_id, article.slug, article.title, text, uploaded_by, time.time()),
            )
            try:
                chunks = await self._sync(guild_id)
            except Exception:
                # Put the table back as it was, so a failed upload changes nothing.
                if existing is None:
                    await self.store.execute(
                        "DELETE FROM guild_articles WHERE guild_id = ? AND slug = ?", (guild_id, article.slug)
                    )
                else:
                    await self.store.execute(
                        "UPDATE guild_articles SET title = ?, body = ?, uploaded_by = ?, created_at = ? "
                        "WHERE guild_id = ? AND slug = ?",
                        (*tuple(existing), guild_id, article.slug),
                    )
                raise
        log.info(
            "server article added guild=%s slug=%s replaced=%s chunks=%d",
            guild_id,
            article.slug,
            bool(existing),
            chunks,
        )
        return AddResult(article, existing is not None, len(sections))

    async def remove(self, guild_id: int, slug: str) -> GuildArticle | None:
        """Remove one article (by slug, or by exact title) and drop it from the index."""
        async with self._lock(guild_id):
            row = await self.store.fetchone(
                "SELECT slug, title, LENGTH(CAST(body AS BLOB)) AS size, uploaded_by, created_at FROM guild_articles "
                "WHERE guild_id = ? AND (slug = ? OR title = ? COLLATE NOCASE) ORDER BY slug = ? DESC LIMIT 1",
                (guild_id, slug, slug, slug),
            )
            if row is None:
                return None
            await self.store.execute(
                "DELETE FROM guild_articles WHERE guild_id = ? AND slug = ?", (guild_id, row["slug"])
            )
            await self._sync(guild_id)
        log.info("server article removed guild=%s slug=%s", guild_id, row["slug"])
        return GuildArticle(row["slug"], row["title"], int(row["size"]), row["uploaded_by"], float(row["created_at"]))

    async def resync(self, guild_id: int) -> int:
        """Make the server's index scope match the table; returns the number of chunks served."""
        async with self._lock(guild_id):
            return await self._sync(guild_id)

    async def resync_all(self) -> int:
        """Re-index every server's articles (cheap when nothing changed); drops scopes with none left."""
        rows = await self.store.fetchall("SELECT DISTINCT guild_id FROM guild_articles")
        guild_ids = {int(r[0]) for r in rows}
        indexed = {
            int(scope.split(":", 1)[1])
            for scope in {c.scope for c in self.index.chunks()}
            if scope.startswith("guild:") and scope.split(":", 1)[1].isdigit()
        }
        for guild_id in sorted(guild_ids | indexed):
            await self.resync(guild_id)
        log.info("server articles re-synced guilds=%d", len(guild_ids))
        return len(guild_ids)
