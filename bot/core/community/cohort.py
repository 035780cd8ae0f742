"""Anonymous, aggregate figures for an advisor's server (``/advisor cohort``).

Only counts are read from the ``activity`` table: no names, no ids leave this module, and no
text (questions, drafts, answers) is ever stored there. Practice done in DMs counts toward the
server the student last used the bot in. A small-number rule protects individuals: with fewer
than :data:`MIN_STUDENTS` students in the period, no breakdown is shown at all.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field

from bot.core.base.store import Store
from bot.core.critique import CHECK_LABELS

#: Fewer students than this in a group and its figures are withheld.
MIN_STUDENTS = 3
PRACTICE_KINDS = ("interview", "rehearsal", "critique")
KIND_LABELS = {
    "ask": "Questions asked (/ask)",
    "interview": "Mock interviews",
    "rehearsal": "Answer rehearsals",
    "critique": "Message critiques",
    "contacts": "Contacts tracked (/contacts)",
    "draft": "Drafts started (/draft)",
}
WEAKNESS_LABELS = {
    "brief-acknowledgment": "Not a brief acknowledgment",
    "ownership": "Little ownership",
    "growth": "No clear growth",
    "future-focus": "Not future-focused",
    "blame": "Blaming others",
    "self-deprecation": "Self-deprecation",
    "oversharing": "Oversharing",
    "length": "Too short or too long when spoken",
    "fillers": "Many filler words",
}


@dataclass(frozen=True)
class Ranked:
    id: str
    label: str
    count: int


@dataclass
class CohortSummary:
    guild_id: int
    days: int
    students: int  # distinct students who used the bot in the period
    practised: int  # of whom did an interview, a rehearsal or a critique
    sessions: dict[str, int] = field(default_factory=dict)  # kind -> count
    findings: list[Ranked] = field(default_factory=list)  # critique checks flagged most often
    findings_total: int = 0  # critiques the findings come from
    weaknesses: list[Ranked] = field(default_factory=list)  # rubric criteria flagged most often
    weaknesses_total: int = 0  # rehearsals and interviews they come from
    withheld: list[str] = field(default_factory=list)  # why parts are hidden (small-number rule)

    @property
    def suppressed(self) -> bool:
        """True when nothing but the fact that few students took part may be shown."""
        return self.students < MIN_STUDENTS


def _flagged(raw: str | None) -> list[str]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def _rank(counter: Counter[str], labels: dict[str, str], top: int) -> list[Ranked]:
    ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [Ranked(key, labels.get(key, key.replace("-", " ").capitalize()), n) for key, n in ordered]


async def cohort_summary(
    store: Store, guild_id: int, *, days: int = 7, top: int = 5, now: float | None = None
) -> CohortSummary:
    """Counts for the last ``days`` days in one server (DM practice counts toward the student's last server)."""
    since = (now if now is not None else time.time()) - days * 86400
    rows = await store.fetchall(
        "SELECT user_id, kind, flagged FROM activity WHERE created_at >= ? AND ("
        " guild_id = ? OR (guild_id IS NULL AND user_id IN ("
        "  SELECT ug.user_id FROM user_guilds ug WHERE ug.guild_id = ? AND ug.last_seen = ("
        "   SELECT MAX(u2.last_seen) FROM user_guilds u2 WHERE u2.user_id = ug.user_id))))",
        (since, guild_id, guild_id),
    )
    students = {int(r["user_id"]) for r in rows}
    practice_rows = [r for r in rows if r["kind"] in PRACTICE_KINDS]
    summary = CohortSummary(
        guild_id=guild_id,
        days=days,
        students=len(students),
        practised=len({int(r["user_id"]) for r in practice_rows}),
    )
    if summary.suppressed:
        summary.withheld.append(
            f"Fewer than {MIN_STUDENTS} students used SOAP Coach in this server in the last {days} days, "
            "so no figures are shown: with so few, they could point to one person."
        )
        return summary
    summary.sessions = dict(Counter(str(r["kind"]) for r in rows))

    critiques = [r for r in rows if r["kind"] == "critique"]
    if len({r["user_id"] for r in critiques}) >= MIN_STUDENTS:
        summary.findings = _rank(Counter(f for r in critiques for f in set(_flagged(r["flagged"]))), CHECK_LABELS, top)
        summary.findings_total = len(critiques)
    elif critiques:
        summary.withheld.append(f"Critique findings are hidden: fewer than {MIN_STUDENTS} students had drafts checked.")

    rehearsals = [r for r in rows if r["kind"] in ("rehearsal", "interview")]
    if len({r["user_id"] for r in rehearsals}) >= MIN_STUDENTS:
        summary.weaknesses = _rank(
            Counter(f for r in rehearsals for f in set(_flagged(r["flagged"]))), WEAKNESS_LABELS, top
        )
        summary.weaknesses_total = len(rehearsals)
    elif rehearsals:
        summary.withheld.append(
            f"Answer weaknesses are hidden: fewer than {MIN_STUDENTS} students rehearsed or did a mock interview."
        )
    return summary
