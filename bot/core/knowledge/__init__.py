"""Guidance retrieval and answers: the articles and their sections, the index (chromadb vectors
and BM25), the question scope screen and answer composition.

May import ``bot.core.base``, ``bot.core.screen`` and ``bot.core.companion`` (the calendar,
for dates); other features use it through the names below.
"""

from bot.core.knowledge.articles import (
    BUILTIN_SCOPE,
    Article,
    ArticleError,
    Chunk,
    chunks_of,
    load_articles,
    parse_article,
)
from bot.core.knowledge.index import KnowledgeIndex, ProgressCallback, SearchHit, SyncReport, guild_scope

__all__ = [
    "BUILTIN_SCOPE",
    "Article",
    "ArticleError",
    "Chunk",
    "KnowledgeIndex",
    "ProgressCallback",
    "SearchHit",
    "SyncReport",
    "chunks_of",
    "guild_scope",
    "load_articles",
    "parse_article",
]
