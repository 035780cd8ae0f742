"""Mock-interview sessions: the state machine, persistence across restarts, locks, idle handling."""

from __future__ import annotations

import asyncio
import json
import random
import time

import pytest

from bot.core.base.store import Store
from bot.core.interview.sessions import EXPIRE_HOURS, InterviewError, InterviewSessions
from tests.fakes import FakeLLM

GOOD_WDYM = (
    "I applied to too few programs, only eighteen, and almost all of them were university programs in one "
    "city. That was my decision and it was the wrong one for my application. Since Monday I have worked with "
    "my advisor on a broader list of community programs, and I did two mock interviews with faculty. Your "
    "program's focus on underserved care matches the work I did at a student-run clinic for three years, and "
    "I am ready to start on July first."
)
BLAMING = (
    "Honestly the interviewers were unfair to me and the programs only wanted their own students. My school "
    "did not support me at all and the system is rigged against people like me. It was not my fault."
)
USER = 42


@pytest.fixture
async def store(tmp_path) -> Store:  # type: ignore[no-untyped-def]
    opened = await Store(tmp_path / "db.sqlite3").open()
    yield opened
    await opened.close()


async def test_a_short_interview_runs_to_a_summary(store: Store) -> None:
    sessions = InterviewSessions(store)
    session, created = await sessions.start(USER, 7, length="short", rng=random.Random(1))
    assert created and session.total == 4 and session.number == 1
    turn = await sessions.answer(USER, GOOD_WDYM)
    assert turn.feedback is not None and turn.next_prompt and turn.session.number == 2
    turn = await sessions.answer(USER, BLAMING)
    assert "blame" in turn.feedback.flagged  # type: ignore[union-attr]
    await sessions.skip(USER)
    turn = await sessions.answer(USER, GOOD_WDYM)
    assert turn.summary is not None and turn.next_prompt is None
    summary = turn.summary
    assert (summary.planned, summary.answered, summary.skipped) == (4, 3, 1)
    assert 1 <= len(summary.practise) <= 3 and summary.practise[0].examples
    assert await sessions.active(USER) is None
    text = summary.report_text()
    assert "Top things to practise" in text and GOOD_WDYM not in text  # answers only when asked for
    assert GOOD_WDYM in summary.report_text(include_answers=True)
    # Anonymous activity for the advisor's cohort view: criteria ids, never text.
    row = await store.fetchone("SELECT kind, flagged FROM activity WHERE user_id = ?", (USER,))
    assert row["kind"] == "interview" and all(c.isascii() for c in json.loads(row["flagged"]))


async def test_one_active_session_per_user(store: Store) -> None:
    sessions = InterviewSessions(store)
    first, created = await sessions.start(USER, length="full")
    again, created_again = await sessions.start(USER, length="short")
    assert created and not created_again and again.id == first.id
    other, created_other = await sessions.start(USER + 1, length="short")
    assert created_other and other.id != first.id


async def test_restart_resumes_from_the_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "db.sqlite3"
    store = await Store(path).open()
    sessions = InterviewSessions(store)
    session, _ = await sessions.start(USER, length="short", rng=random.Random(3))
    await sessions.answer(USER, GOOD_WDYM)
    expected_prompt = (await sessions.active(USER)).prompt  # type: ignore[union-attr]
    await store.close()  # the bot goes down

    restarted = await Store(path).open()
    resumed = await InterviewSessions(restarted).active(USER)
    assert resumed is not None and resumed.id == session.id
    assert resumed.number == 2 and resumed.prompt == expected_prompt
    assert resumed.state.turns[0].answer == GOOD_WDYM
    await restarted.close()


async def test_double_submission_counts_once(store: Store) -> None:
    sessions = InterviewSessions(store)
    await sessions.start(USER, length="short")
    results = await asyncio.gather(
        sessions.answer(USER, GOOD_WDYM, message_id=1001), sessions.answer(USER, GOOD_WDYM, message_id=1001)
    )
    assert sorted(r.duplicate for r in results) == [False, True]
    session = await sessions.active(USER)
    assert session is not None and session.number == 2 and len(session.state.turns) == 1


async def test_llm_follow_up_is_asked_once_before_moving_on(store: Store) -> None:
    review = json.dumps({"criteria": [], "follow_up": "What did your advisor say about your list?"})
    llm = FakeLLM(review)
    sessions = InterviewSessions(store)
    await sessions.start(USER, length="short")
    turn = await sessions.answer(USER, GOOD_WDYM, llm=llm)
    assert turn.next_is_follow_up and turn.next_prompt == "What did your advisor say about your list?"
    assert turn.session.number == 1  # still on the first plan question
    turn = await sessions.answer(USER, GOOD_WDYM, llm=llm)
    assert not turn.next_is_follow_up and turn.session.number == 2
    assert turn.answered is not None and turn.answered.is_follow_up


async def test_idle_sessions_are_nudged_once_then_expired(store: Store) -> None:
    sessions = InterviewSessions(store, idle_minutes=30)
    session, _ = await sessions.start(USER, length="short")
    nudge, expire = await sessions.idle_sessions(time.time() + 31 * 60)
    assert [s.id for s in nudge] == [session.id] and expire == []
    await sessions.mark_nudged(nudge[0])
    nudge, expire = await sessions.idle_sessions(time.time() + 32 * 60)
    assert nudge == [] and expire == []
    _, expire = await sessions.idle_sessions(time.time() + EXPIRE_HOURS * 3600 + 1)
    summary = await sessions.expire(expire[0])
    assert summary is not None and summary.status == "expired"
    assert await sessions.active(USER) is None


async def test_clear_errors(store: Store) -> None:
    sessions = InterviewSessions(store)
    with pytest.raises(InterviewError, match="/interview start"):
        await sessions.answer(USER, "hello")
    with pytest.raises(InterviewError, match="cardiology|specialty"):
        await sessions.start(USER, specialty="cardiology")
