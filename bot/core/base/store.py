"""Persistence in SQLite (aiosqlite): one file under DATA_DIR, schema migrated on open.

Feature modules keep their own queries; this module owns the schema, the connection, and
the two privacy operations that must know every table: what is stored about a user, and
deleting it all.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time
from collections.abc import Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

# Each entry upgrades the schema by one version (PRAGMA user_version).
MIGRATIONS: list[str] = [
    """
    CREATE TABLE guild_settings (
        guild_id INTEGER PRIMARY KEY,
        advisor_role_id INTEGER,
        report_channel_id INTEGER,
        soap_year INTEGER,
        ask_private INTEGER NOT NULL DEFAULT 0,
        daily_token_budget INTEGER,
        user_hourly_limit INTEGER,
        calendar_overrides TEXT,
        updated_by INTEGER,
        updated_at REAL NOT NULL
    );
    CREATE TABLE guild_articles (
        guild_id INTEGER NOT NULL,
        slug TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        uploaded_by INTEGER,
        created_at REAL NOT NULL,
        PRIMARY KEY (guild_id, slug)
    );
    CREATE TABLE interview_sessions (
        id TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL,
        guild_id INTEGER,
        status TEXT NOT NULL,
        state TEXT NOT NULL,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        last_activity_at REAL NOT NULL,
        idle_notified INTEGER NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX one_active_session_per_user
        ON interview_sessions(user_id) WHERE status = 'active';
    CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL,
        guild_id INTEGER,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL,
        transcript TEXT,
        created_at REAL NOT NULL,
        shared_at REAL,
        shared_channel_id INTEGER,
        shared_message_id INTEGER
    );
    CREATE TABLE usage (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER NOT NULL,
        guild_id INTEGER,
        purpose TEXT NOT NULL,
        tokens INTEGER NOT NULL,
        created_at REAL NOT NULL
    );
    CREATE INDEX usage_user_time ON usage(user_id, created_at);
    CREATE INDEX usage_guild_time ON usage(guild_id, created_at);
    CREATE TABLE activity (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER NOT NULL,
        guild_id INTEGER,
        kind TEXT NOT NULL,
        flagged TEXT NOT NULL DEFAULT '[]',
        created_at REAL NOT NULL
    );
    CREATE INDEX activity_guild_time ON activity(guild_id, created_at);
    CREATE TABLE user_guilds (
        user_id INTEGER NOT NULL,
        guild_id INTEGER NOT NULL,
        last_seen REAL NOT NULL,
        PRIMARY KEY (user_id, guild_id)
    );
    CREATE TABLE profiles (
        user_id INTEGER PRIMARY KEY,
        data TEXT NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER NOT NULL,
        program TEXT NOT NULL,
        person TEXT NOT NULL,
        role TEXT NOT NULL,
        origin TEXT NOT NULL,
        interview_at TEXT,
        last_sent_at TEXT,
        last_received_at TEXT,
        follow_ups_sent INTEGER NOT NULL DEFAULT 0,
        thank_you_sent INTEGER NOT NULL DEFAULT 0,
        notes TEXT,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE INDEX contacts_user ON contacts(user_id);
    CREATE TABLE reminders (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER NOT NULL,
        year INTEGER NOT NULL,
        milestone TEXT NOT NULL,
        minutes_before INTEGER NOT NULL,
        due_at REAL NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        sent_at REAL,
        UNIQUE (user_id, year, milestone, minutes_before)
    );
    CREATE INDEX reminders_due ON reminders(status, due_at);
    """,
    # 2: what the critique offered under its checklist (the rewrite or template button works after
    # a restart); posts in advisor channels kept as long as the posts may exist (delete-my-data
    # removes them however old); AI usage without the user id, so deleting one's data does not
    # reset the hourly limit or the server's daily budget.
    """
    ALTER TABLE reports ADD COLUMN suggestion TEXT;
    ALTER TABLE reports ADD COLUMN suggestion_kind TEXT;
    CREATE TABLE shared_posts (
        user_id INTEGER NOT NULL,
        guild_id INTEGER,
        channel_id INTEGER NOT NULL,
        message_id INTEGER NOT NULL,
        report_id TEXT,
        created_at REAL NOT NULL,
        PRIMARY KEY (channel_id, message_id)
    );
    CREATE INDEX shared_posts_user ON shared_posts(user_id);
    INSERT OR IGNORE INTO shared_posts (user_id, guild_id, channel_id, message_id, report_id, created_at)
        SELECT user_id, guild_id, shared_channel_id, shared_message_id, id, COALESCE(shared_at, created_at)
        FROM reports WHERE shared_message_id IS NOT NULL AND shared_channel_id IS NOT NULL;
    CREATE TABLE usage_anonymous (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        guild_id INTEGER,
        user_key TEXT,
        tokens INTEGER NOT NULL,
        created_at REAL NOT NULL
    );
    CREATE INDEX usage_anonymous_guild_time ON usage_anonymous(guild_id, created_at);
    CREATE INDEX usage_anonymous_key_time ON usage_anonymous(user_key, created_at);
    CREATE TABLE app_secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
    INSERT INTO app_secrets (name, value) VALUES ('usage-key', randomblob(32));
    """,
]

#: Tables holding rows about one user, by the column naming that user.
USER_TABLES: dict[str, str] = {
    "interview_sessions": "user_id",
    "reports": "user_id",
    "usage": "user_id",
    "activity": "user_id",
    "user_guilds": "user_id",
    "profiles": "user_id",
    "contacts": "user_id",
    "reminders": "user_id",
    "shared_posts": "user_id",
}

#: Columns elsewhere that name a user (an advisor as editor/uploader); nulled when they delete their data.
USER_REFERENCES: dict[str, str] = {
    "guild_settings": "updated_by",
    "guild_articles": "uploaded_by",
}


HOUR_SECONDS = 3600.0
DAY_SECONDS = 86400.0


class Store:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()
        self._usage_secret: bytes | None = None

    async def open(self) -> Store:
        if self._db is not None:
            return self
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = await aiosqlite.connect(self.path)
        self._db.row_factory = aiosqlite.Row
        await self._db.execute("PRAGMA journal_mode=WAL")
        await self._db.execute("PRAGMA synchronous=NORMAL")
        await self._db.execute("PRAGMA foreign_keys=ON")
        await self._db.execute("PRAGMA busy_timeout=5000")
        await self._migrate()
        return self

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("store is not open")
        return self._db

    async def _migrate(self) -> None:
        async with self.db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        version = row[0] if row else 0
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            await self.db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
            log.info("database migrated to version %d", number)

    # ----- generic helpers -----------------------------------------------------------------

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one write statement and commit; returns lastrowid (or rowcount for updates)."""
        async with self._write_lock:
            cursor = await self.db.execute(sql, params)
            await self.db.commit()
            return (cursor.lastrowid or 0) if sql.lstrip().upper().startswith("INSERT") else cursor.rowcount

    @asynccontextmanager
    async def transaction(self):  # an async context manager
        """Several writes that commit together (or not at all)."""
        async with self._write_lock:
            try:
                yield self.db
                await self.db.commit()
            except BaseException:
                await self.db.rollback()
                raise

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        async with self.db.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        async with self.db.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self._write_lock:
            await self.db.executemany(sql, rows)
            await self.db.commit()

    # ----- privacy -------------------------------------------------------------------------

    async def user_data_counts(self, user_id: int) -> dict[str, int]:
        counts = {}
        for table, column in USER_TABLES.items():
            row = await self.fetchone(f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (user_id,))
            counts[table] = int(row[0]) if row else 0
        return counts

    async def delete_user_data(self, user_id: int) -> dict[str, int]:
        """Delete every row about ``user_id`` in one transaction; returns rows deleted per table."""
        deleted = {}
        key = await self.usage_key(user_id)
        now = time.time()
        async with self.transaction() as db:
            # The limits must hold after a deletion: the last day's AI usage stays, without the user id
            # (the last hour's under a keyed hash, for the hourly limit; the purge clears it after that).
            await db.execute(
                "INSERT INTO usage_anonymous (guild_id, user_key, tokens, created_at) "
                "SELECT guild_id, CASE WHEN created_at > ? THEN ? ELSE NULL END, tokens, created_at "
                "FROM usage WHERE user_id = ? AND created_at > ?",
                (now - HOUR_SECONDS, key, user_id, now - DAY_SECONDS),
            )
            for table, column in USER_TABLES.items():
                cursor = await db.execute(f"DELETE FROM {table} WHERE {column} = ?", (user_id,))
                deleted[table] = cursor.rowcount
            for table, column in USER_REFERENCES.items():
                cursor = await db.execute(f"UPDATE {table} SET {column} = NULL WHERE {column} = ?", (user_id,))
                deleted[f"{table}.{column}"] = cursor.rowcount
        log.info("user data deleted rows=%d", sum(deleted.values()))
        return deleted

    async def usage_key(self, user_id: int) -> str:
        """A keyed hash standing for a user in anonymous usage rows (never stored for longer than an hour)."""
        if self._usage_secret is None:
            row = await self.fetchone("SELECT value FROM app_secrets WHERE name = 'usage-key'")
            self._usage_secret = bytes(row[0]) if row else b""
        return hmac.new(self._usage_secret, str(user_id).encode(), hashlib.sha256).hexdigest()

    # ----- small shared records ------------------------------------------------------------

    async def record_activity(self, user_id: int, guild_id: int | None, kind: str, flagged_json: str = "[]") -> None:
        await self.execute(
            "INSERT INTO activity (user_id, guild_id, kind, flagged, created_at) VALUES (?, ?, ?, ?, ?)",
            (user_id, guild_id, kind, flagged_json, time.time()),
        )

    async def remember_guild(self, user_id: int, guild_id: int) -> None:
        await self.execute(
            "INSERT INTO user_guilds (user_id, guild_id, last_seen) VALUES (?, ?, ?) "
            "ON CONFLICT(user_id, guild_id) DO UPDATE SET last_seen = excluded.last_seen",
            (user_id, guild_id, time.time()),
        )

    async def guilds_of(self, user_id: int) -> list[int]:
        """The servers a user used the bot in, most recent first."""
        rows = await self.fetchall(
            "SELECT guild_id FROM user_guilds WHERE user_id = ? ORDER BY last_seen DESC", (user_id,)
        )
        return [int(r[0]) for r in rows]

    async def forget_guild(self, user_id: int, guild_id: int) -> None:
        """The user is no longer in that server: stop treating it as theirs."""
        await self.execute("DELETE FROM user_guilds WHERE user_id = ? AND guild_id = ?", (user_id, guild_id))

    async def last_guild(self, user_id: int) -> int | None:
        row = await self.fetchone(
            "SELECT guild_id FROM user_guilds WHERE user_id = ? ORDER BY last_seen DESC LIMIT 1", (user_id,)
        )
        return int(row[0]) if row else None
