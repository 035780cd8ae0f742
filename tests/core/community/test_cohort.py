"""The cohort view: anonymous counts per server, with a small-number rule."""

from __future__ import annotations

import json
import time

from bot.core.base.store import Store
from bot.core.community.cohort import MIN_STUDENTS, cohort_summary
from bot.core.services import Services

GUILD, OTHER = 700, 701
DAY = 86400.0


async def add(
    store: Store,
    user_id: int,
    kind: str,
    flagged: list[str] | None = None,
    *,
    guild: int | None = GUILD,
    days_ago: float = 0.5,
) -> None:
    await store.execute(
        "INSERT INTO activity (user_id, guild_id, kind, flagged, created_at) VALUES (?, ?, ?, ?, ?)",
        (user_id, guild, kind, json.dumps(flagged or []), time.time() - days_ago * DAY),
    )


async def test_fewer_than_three_students_shows_no_figures(services: Services) -> None:
    store = services.store
    await add(store, 1, "critique", ["contact-rule"])
    await add(store, 2, "interview", ["blame"])
    await add(store, 2, "ask")
    summary = await cohort_summary(store, GUILD)
    assert summary.suppressed and summary.students == 2
    assert summary.sessions == {} and summary.findings == [] and summary.weaknesses == []
    assert f"Fewer than {MIN_STUDENTS} students" in summary.withheld[0]


async def test_breakdown_counts_sessions_findings_and_weaknesses(services: Services) -> None:
    store = services.store
    await add(store, 1, "critique", ["contact-rule", "too-long"])
    await add(store, 2, "critique", ["contact-rule"])
    await add(store, 3, "critique", ["contact-rule", "contact-rule", "pushy"])  # one draft counts once per check
    await add(store, 1, "rehearsal", ["blame", "length"])
    await add(store, 2, "interview", ["blame"])
    await add(store, 3, "interview", [])
    await add(store, 4, "ask")
    summary = await cohort_summary(store, GUILD)
    assert not summary.suppressed
    assert (summary.students, summary.practised) == (4, 3)
    assert summary.sessions == {"critique": 3, "rehearsal": 1, "interview": 2, "ask": 1}
    assert [(f.id, f.count) for f in summary.findings] == [("contact-rule", 3), ("pushy", 1), ("too-long", 1)]
    assert summary.findings[0].label == "Would break the SOAP contact rule"
    assert summary.findings_total == 3
    assert [(w.id, w.count) for w in summary.weaknesses] == [("blame", 2), ("length", 1)]
    assert summary.weaknesses_total == 3
    assert summary.withheld == []


async def test_groups_with_few_students_are_withheld(services: Services) -> None:
    store = services.store
    for user in (1, 2, 3):
        await add(store, user, "ask")
    await add(store, 1, "critique", ["contact-rule"])
    await add(store, 1, "critique", ["pushy"])
    await add(store, 2, "rehearsal", ["blame"])
    summary = await cohort_summary(store, GUILD)
    assert summary.sessions["critique"] == 2
    assert summary.findings == [] and summary.weaknesses == []
    assert any("Critique findings are hidden" in w for w in summary.withheld)
    assert any("Answer weaknesses are hidden" in w for w in summary.withheld)


async def test_other_servers_and_old_activity_are_not_counted(services: Services) -> None:
    store = services.store
    for user in (1, 2, 3):
        await add(store, user, "ask", guild=OTHER)
        await add(store, user + 10, "ask", days_ago=8)
    summary = await cohort_summary(store, GUILD)
    assert summary.students == 0
    assert (await cohort_summary(store, GUILD, days=30)).students == 3
    assert (await cohort_summary(store, OTHER)).students == 3


async def test_practice_in_dms_counts_toward_the_students_last_server(services: Services) -> None:
    store = services.store
    for user in (1, 2, 3):
        await store.remember_guild(user, GUILD)
        await add(store, user, "interview", ["growth"], guild=None)
    await store.remember_guild(3, OTHER)  # student 3 now uses another server
    here = await cohort_summary(store, GUILD)
    assert here.students == 2 and here.suppressed
    await store.remember_guild(4, GUILD)
    await add(store, 4, "rehearsal", ["growth"], guild=None)
    here = await cohort_summary(store, GUILD)
    assert here.students == 3 and [(w.id, w.count) for w in here.weaknesses] == [("growth", 3)]
    assert (await cohort_summary(store, OTHER)).students == 1


async def test_summary_holds_no_user_ids(services: Services) -> None:
    store = services.store
    ids = (987654321001, 987654321002, 987654321003)
    for user in ids:
        await add(store, user, "critique", ["mechanics"])
    summary = await cohort_summary(store, GUILD)
    assert summary.students == 3
    assert not any(str(user) in repr(summary) for user in ids)
