"""Reports a student may choose to share with their advisor.

After a mock interview, a rehearsal or a critique, the feature saves a :class:`Report`: the
``summary`` (scores, findings, advice — what an advisor may see) and, separately, the raw
``transcript`` (the student's answers or draft). Nothing leaves the student's own view until
they press "Share with my advisor"; the transcript goes along only if they choose "with
transcript". Reports are removed with the rest of the student's data by
``/privacy delete-my-data``.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass

from bot.core.base.guild_config import GuildConfigs
from bot.core.base.store import Store

log = logging.getLogger(__name__)

KINDS = ("interview", "rehearsal", "critique")
KIND_LABELS = {"interview": "Mock interview", "rehearsal": "Rehearsal", "critique": "Message critique"}


@dataclass(frozen=True)
class Report:
    id: str
    user_id: int
    guild_id: int | None
    kind: str  # "interview" | "rehearsal" | "critique"
    summary: str  # what an advisor may see: scores, findings, advice — never the raw answer/draft text
    transcript: str | None  # the raw text (answers / draft), shared only if the student chooses it
    created_at: float
    shared_at: float | None
    #: What a critique offered under its checklist: a rewrite (AI mode) or a template, for its button.
    suggestion: str | None = None
    suggestion_kind: str | None = None  # "rewrite" | "template"

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.capitalize())


@dataclass(frozen=True)
class ShareTarget:
    """Where a report would be posted: the student's server and its report channel (if set)."""

    guild_id: int | None
    channel_id: int | None


def _report(row: object) -> Report:
    return Report(
        id=row["id"],  # type: ignore[index]
        user_id=int(row["user_id"]),  # type: ignore[index]
        guild_id=row["guild_id"],  # type: ignore[index]
        kind=row["kind"],  # type: ignore[index]
        summary=row["summary"],  # type: ignore[index]
        transcript=row["transcript"],  # type: ignore[index]
        created_at=float(row["created_at"]),  # type: ignore[index]
        shared_at=row["shared_at"],  # type: ignore[index]
        suggestion=row["suggestion"],  # type: ignore[index]
        suggestion_kind=row["suggestion_kind"],  # type: ignore[index]
    )


class Reports:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def save(
        self,
        user_id: int,
        guild_id: int | None,
        kind: str,
        summary: str,
        transcript: str | None = None,
        *,
        suggestion: str | None = None,
        suggestion_kind: str | None = None,
    ) -> Report:
        """Keep a report for the student (not shared with anyone)."""
        if kind not in KINDS:
            raise ValueError(f"unknown report kind {kind!r}")
        report = Report(
            id=uuid.uuid4().hex,
            user_id=user_id,
            guild_id=guild_id,
            kind=kind,
            summary=summary,
            transcript=transcript or None,
            created_at=time.time(),
            shared_at=None,
            suggestion=suggestion or None,
            suggestion_kind=suggestion_kind if suggestion else None,
        )
        await self.store.execute(
            "INSERT INTO reports (id, user_id, guild_id, kind, summary, transcript, created_at, suggestion, "
            "suggestion_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                report.id,
                user_id,
                guild_id,
                kind,
                summary,
                report.transcript,
                report.created_at,
                report.suggestion,
                report.suggestion_kind,
            ),
        )
        log.info("report saved report=%s kind=%s guild=%s", report.id, kind, guild_id)
        return report

    async def get(self, report_id: str, user_id: int) -> Report | None:
        """The report, only for its owner (None for anyone else or when it no longer exists)."""
        row = await self.store.fetchone("SELECT * FROM reports WHERE id = ? AND user_id = ?", (report_id, user_id))
        return _report(row) if row is not None else None

    async def claim(self, report_id: str, user_id: int) -> bool:
        """Mark the report as being shared; False if it was already shared (or is gone).

        Atomic, so a double click never posts a report twice.
        """
        changed = await self.store.execute(
            "UPDATE reports SET shared_at = ? WHERE id = ? AND user_id = ? AND shared_at IS NULL",
            (time.time(), report_id, user_id),
        )
        return changed == 1

    async def release(self, report_id: str) -> None:
        """Undo :meth:`claim` when posting failed, so the student can try again."""
        await self.store.execute(
            "UPDATE reports SET shared_at = NULL WHERE id = ? AND shared_message_id IS NULL", (report_id,)
        )

    async def mark_shared(self, report_id: str, channel_id: int, message_id: int, guild_id: int | None = None) -> None:
        """Record the post: on the report, and (kept as long as the post may exist, past the report's
        own 90 days) in ``shared_posts``, so that deleting the student's data can take it down."""
        now = time.time()
        async with self.store.transaction() as db:
            await db.execute(
                "UPDATE reports SET shared_at = COALESCE(shared_at, ?), shared_channel_id = ?, "
                "shared_message_id = ? WHERE id = ?",
                (now, channel_id, message_id, report_id),
            )
            await db.execute(
                "INSERT OR IGNORE INTO shared_posts (user_id, guild_id, channel_id, message_id, report_id, created_at) "
                "SELECT user_id, COALESCE(?, guild_id), ?, ?, id, ? FROM reports WHERE id = ?",
                (guild_id, channel_id, message_id, now, report_id),
            )
        log.info("report shared report=%s channel=%s message=%s", report_id, channel_id, message_id)

    async def share_target(self, report: Report, configs: GuildConfigs, guild_id: int | None = None) -> ShareTarget:
        """Where a report goes: ``guild_id`` (the server the student chose for a report made in DMs),
        else the server it was made in, else where the student last used the bot."""
        if guild_id is None:
            guild_id = report.guild_id if report.guild_id is not None else await self.store.last_guild(report.user_id)
        config = await configs.get(guild_id)
        return ShareTarget(guild_id, config.report_channel_id if config else None)

    async def counts(self, user_id: int) -> tuple[int, int]:
        """(reports kept, of which shared) for one student."""
        row = await self.store.fetchone(
            "SELECT COUNT(*), COUNT(shared_at) FROM reports WHERE user_id = ?",
            (user_id,),
        )
        return (int(row[0]), int(row[1])) if row else (0, 0)
