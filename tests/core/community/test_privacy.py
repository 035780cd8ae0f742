"""What is stored about a student, deleting all of it, and the retention policy."""

from __future__ import annotations

import time

from bot.core.base.store import USER_TABLES, Store
from bot.core.community.privacy import RETENTION, delete_everything, purge_expired, shared_messages, stored_about
from bot.core.services import Services

STUDENT, OTHER = 424242424242, 535353535353
GUILD = 9000
DAY = 86400.0


async def rows_mentioning(store: Store, value: int) -> dict[str, int]:
    """Rows in any table, any column, equal to ``value`` — a full scan of the database."""
    found: dict[str, int] = {}
    tables = await store.fetchall("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    for (table,) in tables:
        for column in await store.fetchall(f"PRAGMA table_info({table})"):
            row = await store.fetchone(f'SELECT COUNT(*) FROM {table} WHERE "{column["name"]}" = ?', (value,))
            if row and row[0]:
                found[f"{table}.{column['name']}"] = int(row[0])
    return found


async def fill(services: Services, user_id: int, *, ago: float = 0.0) -> None:
    """One row of every kind about ``user_id``, ``ago`` seconds old."""
    store, now = services.store, time.time() - ago
    await store.execute(
        "INSERT INTO interview_sessions (id, user_id, guild_id, status, state, created_at, updated_at, "
        "last_activity_at) VALUES (?, ?, ?, 'finished', '{}', ?, ?, ?)",
        (f"s{user_id}", user_id, GUILD, now, now, now),
    )
    report = await services.reports.save(user_id, GUILD, "critique", "summary", "draft")
    await services.reports.mark_shared(report.id, GUILD + 1, user_id % 10**6)  # one post in an advisor channel
    await store.execute("UPDATE reports SET created_at = ? WHERE id = ?", (now, report.id))
    await store.execute("UPDATE shared_posts SET created_at = ? WHERE report_id = ?", (now, report.id))
    await store.execute(
        "INSERT INTO usage (user_id, guild_id, purpose, tokens, created_at) VALUES (?, ?, 'ask', 10, ?)",
        (user_id, GUILD, now),
    )
    await store.execute(
        "INSERT INTO activity (user_id, guild_id, kind, created_at) VALUES (?, ?, 'ask', ?)", (user_id, GUILD, now)
    )
    await store.execute(
        "INSERT INTO user_guilds (user_id, guild_id, last_seen) VALUES (?, ?, ?)", (user_id, GUILD, now)
    )
    await store.execute("INSERT INTO profiles (user_id, data, updated_at) VALUES (?, '{}', ?)", (user_id, now))
    await store.execute(
        "INSERT INTO contacts (user_id, program, person, role, origin, created_at, updated_at) "
        "VALUES (?, 'Program', 'Dr. X', 'pd', 'program', ?, ?)",
        (user_id, now, now),
    )
    await store.execute(
        "INSERT INTO reminders (user_id, year, milestone, minutes_before, due_at, status) VALUES (?, 2026, 'm', 5, ?, 'sent')",
        (user_id, now),
    )


async def test_show_counts_every_kind_of_record(services: Services) -> None:
    await fill(services, STUDENT)
    await services.configs.update(GUILD, STUDENT, soap_year=2026)  # as an advisor
    items = {i.table: i for i in await stored_about(services.store, STUDENT)}
    assert set(USER_TABLES) <= set(items)
    assert all(items[t].count == 1 for t in USER_TABLES)
    assert items["guild_settings"].count == 1
    assert all(i.description for i in items.values())
    assert all(i.count == 0 for i in await stored_about(services.store, OTHER))


async def test_delete_leaves_nothing_about_the_student_and_keeps_others(services: Services) -> None:
    await fill(services, STUDENT)
    await fill(services, OTHER)
    await services.configs.update(GUILD, STUDENT, soap_year=2026)
    await services.store.execute(
        "INSERT INTO guild_articles (guild_id, slug, title, body, uploaded_by, created_at) VALUES (?, 'a', 'A', 'b', ?, 0)",
        (GUILD, STUDENT),
    )
    assert await rows_mentioning(services.store, STUDENT)
    assert await delete_everything(services.store, STUDENT) >= len(USER_TABLES)
    assert await rows_mentioning(services.store, STUDENT) == {}
    assert len(await rows_mentioning(services.store, OTHER)) >= len(USER_TABLES)
    # the server's own settings and articles stay, without the advisor's id
    assert (await services.configs.get(GUILD)).soap_year == 2026  # type: ignore[union-attr]
    assert await services.store.fetchone("SELECT title FROM guild_articles WHERE slug = 'a'") is not None


async def test_shared_messages_are_listed_for_removal(services: Services) -> None:
    report = await services.reports.save(STUDENT, GUILD, "interview", "s")
    await services.reports.save(STUDENT, GUILD, "interview", "not shared")
    await services.reports.mark_shared(report.id, 31, 32)
    assert await shared_messages(services.store, STUDENT) == [(31, 32)]


async def test_retention_purges_old_rows_only(services: Services) -> None:
    await fill(services, STUDENT, ago=400 * DAY)
    await fill(services, OTHER)
    deleted = await purge_expired(services.store)
    assert {rule.table for rule in RETENTION} <= set(USER_TABLES)
    assert all(deleted[rule.table] == 1 for rule in RETENTION)
    # Only where their shared report was posted is kept: the post may still be there, and deleting
    # their data must be able to take it down however old it is.
    assert await rows_mentioning(services.store, STUDENT) == {"shared_posts.user_id": 1}
    assert len(await rows_mentioning(services.store, OTHER)) >= len(USER_TABLES)


async def test_retention_keeps_pending_reminders_and_recent_reports(services: Services) -> None:
    store = services.store
    await store.execute(
        "INSERT INTO reminders (user_id, year, milestone, minutes_before, due_at) VALUES (?, 2026, 'm', 5, ?)",
        (STUDENT, time.time() - 60 * DAY),
    )
    await store.execute(
        "INSERT INTO usage (user_id, guild_id, purpose, tokens, created_at) VALUES (?, NULL, 'ask', 1, ?)",
        (STUDENT, time.time() - 31 * DAY),
    )
    await services.reports.save(STUDENT, None, "critique", "s")
    deleted = await purge_expired(store)
    assert deleted["usage"] == 1 and deleted["reminders"] == 0 and deleted["reports"] == 0
