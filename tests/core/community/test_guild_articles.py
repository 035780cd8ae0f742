"""Server guidance: validation, storage in the table, indexing in the server's scope only."""

from __future__ import annotations

import pytest

from bot.core.community import guild_articles as advisor
from bot.core.community.guild_articles import ServerGuidance, slug_for
from bot.core.knowledge.articles import BUILTIN_SCOPE, ArticleError
from bot.core.knowledge.index import KnowledgeIndex, guild_scope
from bot.core.services import Services

GUILD, OTHER = 111, 222
WAR_ROOM = b"""# Our SOAP war room

## Where we meet

The Class of 2026 SOAP war room meets in the Kessler Library, room 214, at 7 a.m. every
day of Match Week. Bring a charged laptop; Dr. Alvarez reviews applications with you.
"""
FRONT_MATTER = b"""---
title: Cohort contact list
tags: [contacts]
---
## Who to call

Student affairs is staffed by Ms. Okafor during Match Week; call the front desk.
"""


@pytest.fixture
def guidance(services: Services) -> ServerGuidance:
    return ServerGuidance(services.store, services.index)


async def rows(services: Services, guild_id: int = GUILD) -> list[str]:
    found = await services.store.fetchall("SELECT slug FROM guild_articles WHERE guild_id = ?", (guild_id,))
    return [r[0] for r in found]


def top_titles(index: KnowledgeIndex, query: str, scopes: tuple[str, ...]) -> list[str]:
    return [hit.chunk.title for hit in index.search(query, k=5, scopes=scopes)]


def test_slug_from_file_name() -> None:
    assert slug_for("Our SOAP tips (v2).md") == "our-soap-tips-v2"
    assert slug_for("???.txt") == "article"


async def test_article_without_front_matter_is_searchable_in_its_server_only(
    guidance: ServerGuidance, services: Services
) -> None:
    result = await guidance.add(GUILD, "war-room.md", WAR_ROOM, uploaded_by=5)
    assert result.article.title == "Our SOAP war room"  # from the first heading
    assert not result.replaced and result.chunks >= 1
    query = "Where does the SOAP war room meet during Match Week?"
    assert top_titles(services.index, query, (BUILTIN_SCOPE, guild_scope(GUILD)))[0] == "Our SOAP war room"
    assert "Our SOAP war room" not in top_titles(services.index, query, (BUILTIN_SCOPE, guild_scope(OTHER)))
    assert "Our SOAP war room" not in top_titles(services.index, query, (BUILTIN_SCOPE,))


async def test_front_matter_title_and_explicit_title(guidance: ServerGuidance) -> None:
    assert (await guidance.add(GUILD, "contacts.md", FRONT_MATTER, None)).article.title == "Cohort contact list"
    chosen = await guidance.add(GUILD, "notes.txt", b"Plain notes about interviews.", None, title="Interview notes")
    assert chosen.article.title == "Interview notes"
    assert [a.title for a in await guidance.list_articles(GUILD)] == ["Cohort contact list", "Interview notes"]


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("guide.pdf", b"%PDF-1.7", ".md"),
        ("guide.md", b"x" * (advisor.MAX_ARTICLE_BYTES + 1), "limit"),
        ("guide.md", "caf\u00e9".encode("latin-1"), "UTF-8"),
        ("guide.md", b"   \n\n", "empty"),
        ("guide.md", b"bin\x00ary", "binary"),
        ("guide.md", b"---\ntitle: [unclosed\n---\nBody text.", "YAML"),
        ("guide.md", b"---\nyear: twenty\n---\nBody text.", "year"),
    ],
)
async def test_bad_files_are_refused_and_change_nothing(
    guidance: ServerGuidance, services: Services, filename: str, data: bytes, message: str
) -> None:
    await guidance.add(GUILD, "war-room.md", WAR_ROOM, None)
    before = services.index.scope_size(guild_scope(GUILD))
    with pytest.raises(ArticleError, match=message):
        await guidance.add(GUILD, filename, data, None)
    assert await rows(services) == ["war-room"]
    assert services.index.scope_size(guild_scope(GUILD)) == before


async def test_same_file_name_replaces_the_article(guidance: ServerGuidance, services: Services) -> None:
    await guidance.add(GUILD, "war-room.md", WAR_ROOM, None)
    result = await guidance.add(GUILD, "war-room.md", WAR_ROOM.replace(b"room 214", b"room 9"), None)
    assert result.replaced
    assert await rows(services) == ["war-room"]
    texts = " ".join(c.text for c in services.index.chunks(guild_scope(GUILD)))
    assert "room 9" in texts and "room 214" not in texts


async def test_remove_drops_it_from_table_and_index(guidance: ServerGuidance, services: Services) -> None:
    await guidance.add(GUILD, "war-room.md", WAR_ROOM, None)
    await guidance.add(GUILD, "contacts.md", FRONT_MATTER, None)
    removed = await guidance.remove(GUILD, "war-room")
    assert removed is not None and removed.title == "Our SOAP war room"
    assert await rows(services) == ["contacts"]
    assert {c.article for c in services.index.chunks(guild_scope(GUILD))} == {"contacts"}
    assert await guidance.remove(GUILD, "war-room") is None
    assert await guidance.remove(OTHER, "contacts") is None  # another server's article is out of reach
    assert await guidance.remove(GUILD, "cohort contact list") is not None  # by title too
    assert services.index.scope_size(guild_scope(GUILD)) == 0


async def test_article_limit_per_server(
    guidance: ServerGuidance, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(advisor, "MAX_ARTICLES_PER_GUILD", 1)
    await guidance.add(GUILD, "war-room.md", WAR_ROOM, None)
    with pytest.raises(ArticleError, match="Remove one"):
        await guidance.add(GUILD, "contacts.md", FRONT_MATTER, None)
    await guidance.add(GUILD, "war-room.md", WAR_ROOM, None)  # replacing is fine
    await guidance.add(OTHER, "contacts.md", FRONT_MATTER, None)  # the limit is per server


async def test_a_failed_index_sync_leaves_the_table_as_it_was(
    guidance: ServerGuidance, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    await guidance.add(GUILD, "war-room.md", WAR_ROOM, None)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.index, "sync_scope", broken)
    with pytest.raises(RuntimeError):
        await guidance.add(GUILD, "contacts.md", FRONT_MATTER, None)
    with pytest.raises(RuntimeError):
        await guidance.add(GUILD, "war-room.md", b"# Changed\n\nNew text.", None)
    assert await rows(services) == ["war-room"]
    assert [a.title for a in await guidance.list_articles(GUILD)] == ["Our SOAP war room"]


async def test_resync_all_rebuilds_a_lost_index(guidance: ServerGuidance, services: Services) -> None:
    await guidance.add(GUILD, "war-room.md", WAR_ROOM, None)
    await guidance.add(OTHER, "contacts.md", FRONT_MATTER, None)
    wanted = {
        GUILD: services.index.scope_size(guild_scope(GUILD)),
        OTHER: services.index.scope_size(guild_scope(OTHER)),
    }
    services.index.drop_scope(guild_scope(GUILD))
    services.index.drop_scope(guild_scope(OTHER))
    assert services.index.scope_size(guild_scope(GUILD)) == 0

    assert await guidance.resync_all() == 2
    assert services.index.scope_size(guild_scope(GUILD)) == wanted[GUILD]
    assert services.index.scope_size(guild_scope(OTHER)) == wanted[OTHER]


async def test_resync_all_drops_scopes_whose_articles_are_gone(guidance: ServerGuidance, services: Services) -> None:
    await guidance.add(GUILD, "war-room.md", WAR_ROOM, None)
    await services.store.execute("DELETE FROM guild_articles WHERE guild_id = ?", (GUILD,))
    await guidance.resync_all()
    assert services.index.scope_size(guild_scope(GUILD)) == 0


async def test_scopes_for_uses_the_server_or_the_last_server_in_dms(
    guidance: ServerGuidance, services: Services
) -> None:
    await guidance.add(GUILD, "war-room.md", WAR_ROOM, None)
    student, stranger = 1001, 1002
    assert await services.scopes_for(stranger, None) == (BUILTIN_SCOPE,)
    assert await services.scopes_for(student, GUILD) == (BUILTIN_SCOPE, guild_scope(GUILD))
    assert await services.scopes_for(student, None) == (BUILTIN_SCOPE, guild_scope(GUILD))
    assert await services.scopes_for(student, OTHER) == (BUILTIN_SCOPE,)
