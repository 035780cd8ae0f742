from __future__ import annotations

import pytest

from bot.config import Settings
from bot.core.knowledge.articles import BUILTIN_SCOPE, Chunk, parse_article
from bot.core.knowledge.index import KnowledgeIndex, guild_scope
from tests.conftest import CountingEmbedder

FRONT = "---\ntitle: {title}\nyear: 2026\nsources: [NRMP]\ntags: [x]\nlast_reviewed: 2026-11-26\n---\n"

ARTICLES = {
    "applications": (
        "Applications",
        "## How many applications can I send?\nYou may send at most 45 SOAP applications in total, across all specialties.\n\n"
        "## When can I submit applications?\nApplications can only be submitted in the gaps between offer rounds.",
    ),
    "contact": (
        "Communication rules",
        "## Who may contact whom\nDuring SOAP you may not initiate contact with a program until it contacts you.\n\n"
        "## Deans\nA dean or advisor may not call programs on your behalf before the program reaches out.",
    ),
    "interviews": (
        "Interviews",
        "## Attire\nWear a suit or blazer for a video interview.\n\n"
        "## Questions to ask\nPrepare two or three questions about teaching and resident culture.",
    ),
}


def chunks(articles: dict[str, tuple[str, str]], scope: str = BUILTIN_SCOPE) -> list[Chunk]:
    out: list[Chunk] = []
    for slug, (title, body) in articles.items():
        out.extend(parse_article(FRONT.format(title=title) + body, slug, scope=scope).chunks())
    return out


@pytest.fixture
def counting(embedder) -> CountingEmbedder:  # type: ignore[no-untyped-def]
    return CountingEmbedder(embedder)


def test_hybrid_search_finds_the_right_section(empty_settings: Settings, counting: CountingEmbedder) -> None:
    index = KnowledgeIndex(empty_settings, counting)
    index.sync_scope(BUILTIN_SCOPE, chunks(ARTICLES))
    top = index.search("is there a limit on how many applications I can send?", k=3)
    assert top[0].chunk.section == "How many applications can I send?"
    assert index.search("can my dean phone a program director for me", k=1)[0].chunk.section == "Deans"
    assert index.search("what to wear on zoom", k=1)[0].chunk.article == "interviews"
    result = top[0].to_json()
    assert set(result) == {"id", "article", "title", "section", "text", "score"}


def test_reindex_is_incremental(empty_settings: Settings, counting: CountingEmbedder) -> None:
    index = KnowledgeIndex(empty_settings, counting)
    first = index.sync_scope(BUILTIN_SCOPE, chunks(ARTICLES))
    # six sections, their six headings and their six paragraphs (for composing answers)
    assert first.added == 6 and counting.embedded == 18

    again = KnowledgeIndex(empty_settings, counting).sync_scope(BUILTIN_SCOPE, chunks(ARTICLES))
    assert (again.added, again.unchanged, again.removed) == (0, 6, 0)
    assert counting.embedded == 18  # nothing re-embedded

    edited = dict(ARTICLES)
    edited["interviews"] = ("Interviews", "## Attire\nWear a suit or blazer.\n\n## Questions to ask\nPrepare two.")
    del edited["contact"]
    index = KnowledgeIndex(empty_settings, counting)
    report = index.sync_scope(BUILTIN_SCOPE, chunks(edited))
    assert (report.added, report.removed) == (2, 4)
    assert counting.embedded == 22  # only the two changed sections and their paragraphs (headings are known)
    assert all(hit.chunk.article != "contact" for hit in index.search("dean calls a program", k=5))


def test_scopes_keep_server_guidance_apart(empty_settings: Settings, counting: CountingEmbedder) -> None:
    index = KnowledgeIndex(empty_settings, counting)
    index.sync_scope(BUILTIN_SCOPE, chunks(ARTICLES))
    server = {"hotline": ("Dean hotline", "## Hotline\nThe Ridgeview dean's hotline is staffed from 7 a.m. all week.")}
    index.sync_scope(guild_scope(1), chunks(server, scope=guild_scope(1)))
    query = "when is the Ridgeview hotline staffed"
    assert all(h.chunk.article != "hotline" for h in index.search(query, k=5))
    assert all(h.chunk.article != "hotline" for h in index.search(query, k=5, scopes=(BUILTIN_SCOPE, guild_scope(2))))
    found = index.search(query, k=1, scopes=(BUILTIN_SCOPE, guild_scope(1)))
    assert found[0].chunk.title == "Dean hotline"
    index.drop_scope(guild_scope(1))
    assert index.scope_size(guild_scope(1)) == 0


def test_crash_mid_index_serves_the_previous_index(
    empty_settings: Settings, counting: CountingEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = KnowledgeIndex(empty_settings, counting)
    index.sync_scope(BUILTIN_SCOPE, chunks(ARTICLES))
    changed = dict(ARTICLES)
    changed["applications"] = (
        "Applications",
        "## How many applications can I send?\nForty-five applications, total, in SOAP.",
    )

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt("killed while indexing")

    monkeypatch.setattr(KnowledgeIndex, "_write_manifest", crash)
    with pytest.raises(KeyboardInterrupt):
        index.sync_scope(BUILTIN_SCOPE, chunks(changed))
    monkeypatch.undo()

    # A restarted process serves the old, complete index ...
    restarted = KnowledgeIndex(empty_settings, counting)
    assert len(restarted.chunks()) == 6
    assert any("at most 45" in h.chunk.text for h in restarted.search("application cap", k=3))
    # ... and finishing the sync reuses the vectors written before the crash.
    before = counting.embedded
    report = restarted.sync_scope(BUILTIN_SCOPE, chunks(changed))
    assert report.added == 1 and counting.embedded == before
    assert len(restarted.chunks()) == 5


def test_empty_query_and_empty_index(empty_settings: Settings, counting: CountingEmbedder) -> None:
    index = KnowledgeIndex(empty_settings, counting)
    assert index.search("anything") == []
    index.sync_scope(BUILTIN_SCOPE, chunks(ARTICLES))
    assert index.search("   ") == []


def test_scopes_hold_when_the_store_filters_too(
    empty_settings: Settings, counting: CountingEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many other-server chunks make search ask chroma to filter; the result is the same."""
    import bot.core.knowledge.index as index_module

    monkeypatch.setattr(index_module, "UNFILTERED_SLACK", 0)
    test_scopes_keep_server_guidance_apart(empty_settings, counting)
