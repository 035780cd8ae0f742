"""What SOAP Coach keeps about a student, deleting it on request, and how long it is kept.

Everything about a user lives in the SQLite file under DATA_DIR, in the tables listed in
``store.USER_TABLES``. The knowledge index holds guidance articles only (never student text).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from bot.core.base.store import USER_REFERENCES, USER_TABLES, Store

log = logging.getLogger(__name__)

DAY = 86400.0

#: What each per-user table holds, in words a student understands.
DESCRIPTIONS: dict[str, str] = {
    "interview_sessions": "Mock interview sessions: the questions, your answers and the feedback on them.",
    "reports": "Reports of your interviews, rehearsals and critiques (scores and advice, plus your answers or "
    "draft so that you can choose to share them) and whether you shared them.",
    "usage": "AI usage: how many tokens each AI request used and when (no text), for the limits.",
    "activity": "Practice counts: the kind of practice and when, and which checklist items were flagged (no "
    "text), for your advisor's anonymous cohort view.",
    "user_guilds": "The servers you used SOAP Coach in, so answers in DMs include your server's guidance.",
    "profiles": "Your saved profile and preferences.",
    "contacts": "Programs and people in your contact tracker, with your notes and dates.",
    "reminders": "Reminders you set for SOAP milestones.",
    "shared_posts": "Where the reports you shared were posted (channel and message ids), so that deleting "
    "your data can take them down, however old.",
}
REFERENCE_DESCRIPTIONS: dict[str, str] = {
    "guild_settings": "Server settings you last changed as an advisor (your user id as the editor).",
    "guild_articles": "Server guidance articles you uploaded as an advisor (your user id as the uploader).",
}


@dataclass(frozen=True)
class RetentionRule:
    table: str
    days: int
    condition: str  # SQL condition on rows older than the cutoff (the cutoff is the only parameter)
    description: str


#: Kept no longer than this; ``purge_expired`` runs daily while the bot runs.
RETENTION: tuple[RetentionRule, ...] = (
    RetentionRule("usage", 30, "created_at < ?", "AI usage rows: 30 days"),
    RetentionRule(
        "interview_sessions",
        30,
        "last_activity_at < ?",
        "mock interview sessions: 30 days after their last answer",
    ),
    RetentionRule("reports", 90, "created_at < ?", "reports (shared or not): 90 days"),
    RetentionRule("activity", 90, "created_at < ?", "practice counts: 90 days"),
    RetentionRule("reminders", 30, "status != 'pending' AND due_at < ?", "reminders: 30 days after they were due"),
    RetentionRule("user_guilds", 365, "last_seen < ?", "servers you used: one year after you last used them"),
    RetentionRule("contacts", 365, "updated_at < ?", "contact tracker entries: one year after their last change"),
    RetentionRule("profiles", 365, "updated_at < ?", "profile: one year after its last change"),
)
#: Rows about no one: what deleting one's data leaves of the last day's AI usage, for the limits.
ANONYMOUS_RETENTION = RetentionRule(
    "usage_anonymous",
    1,
    "created_at < ?",
    "AI usage left after you delete your data (tokens and times, no user id): one day, for the limits",
)
#: ``shared_posts`` has no retention: it is kept as long as the posts may exist.
SHARED_POSTS_RETENTION = "where the reports you shared were posted: as long as the posts may exist"
HOUR = 3600.0


@dataclass(frozen=True)
class StoredItem:
    table: str
    count: int
    description: str


async def stored_about(store: Store, user_id: int) -> list[StoredItem]:
    """Every kind of record kept about ``user_id``, with counts (zeros included)."""
    counts = await store.user_data_counts(user_id)
    items = [
        StoredItem(table, counts.get(table, 0), DESCRIPTIONS.get(table, "Other records about you."))
        for table in USER_TABLES
    ]
    for table, column in USER_REFERENCES.items():
        row = await store.fetchone(f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (user_id,))
        count = int(row[0]) if row else 0
        if count:
            items.append(StoredItem(table, count, REFERENCE_DESCRIPTIONS.get(table, "Records naming you.")))
    return items


async def shared_messages(store: Store, user_id: int) -> list[tuple[int, int]]:
    """(channel id, message id) of every report the student posted to an advisor channel."""
    rows = await store.fetchall(
        "SELECT channel_id, message_id FROM shared_posts WHERE user_id = ? ORDER BY created_at", (user_id,)
    )
    return [(int(r[0]), int(r[1])) for r in rows]


async def delete_everything(store: Store, user_id: int) -> int:
    """Delete every row about ``user_id`` (one transaction); returns the number of rows removed."""
    deleted = await store.delete_user_data(user_id)
    return sum(deleted.values())


async def purge_expired(store: Store, now: float | None = None) -> dict[str, int]:
    """Apply :data:`RETENTION` (one transaction); returns rows deleted per table."""
    now = now if now is not None else time.time()
    deleted: dict[str, int] = {}
    async with store.transaction() as db:
        for rule in (*RETENTION, ANONYMOUS_RETENTION):
            cursor = await db.execute(f"DELETE FROM {rule.table} WHERE {rule.condition}", (now - rule.days * DAY,))
            deleted[rule.table] = cursor.rowcount
        # The keyed hash in anonymous usage serves the hourly limit only: gone after the hour.
        await db.execute(
            "UPDATE usage_anonymous SET user_key = NULL WHERE user_key IS NOT NULL AND created_at < ?", (now - HOUR,)
        )
    log.info("retention purge rows=%d", sum(deleted.values()))
    return deleted


def retention_lines() -> list[str]:
    return [rule.description for rule in RETENTION] + [SHARED_POSTS_RETENTION, ANONYMOUS_RETENTION.description]
