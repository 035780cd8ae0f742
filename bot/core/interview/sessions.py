"""Mock SOAP interviews: a state machine persisted in SQLite, one active session per user.

A session asks the questions of a plan (``question_bank.plan_interview``) one at a time.
Each answer gets feedback from the rubric; when the LLM offers a natural follow-up
question, the next answer goes to that follow-up before the plan moves on. A student can
skip, repeat or end at any time. State is written after every step, so a bot restart
mid-interview loses nothing: the next message simply continues. A lock per user makes a
double click or a duplicated message count once.

Two idle stages: after ``idle_minutes`` of silence the student gets one polite nudge
(the session stays open); after ``EXPIRE_HOURS`` it is closed with a summary of what was done.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from bot.core.base.llm import ChatModel
from bot.core.base.store import Store
from bot.core.interview.question_bank import Question, get_question, normalize_specialty, plan_interview
from bot.core.interview.rubric import CRITERIA, CriterionResult, RehearsalResult, practise_advice, rehearse

log = logging.getLogger(__name__)

LENGTHS = {"short": 4, "full": 8}
EXPIRE_HOURS = 24
Status = Literal["active", "finished", "stopped", "expired"]

CRITERION_NAMES = {
    "brief-acknowledgment": "Brief acknowledgment",
    "ownership": "Ownership",
    "growth": "Growth",
    "future-focus": "Future focus",
    "blame": "No blame",
    "self-deprecation": "No self-deprecation",
    "oversharing": "No oversharing",
    "length": "Length",
    "fillers": "Fillers",
}


class InterviewError(ValueError):
    """Something the student should be told (no active interview, bad length ...)."""


@dataclass
class AnsweredTurn:
    """One question and what happened to it."""

    question_id: str
    question: str
    kind: str | None
    skipped: bool = False
    is_follow_up: bool = False
    answer: str = ""  # the student's own words: private, only in their DM / file
    result: dict[str, Any] | None = None  # RehearsalResult fields (see _result_to_dict)
    speech: dict[str, Any] | None = None
    answered_at: float = field(default_factory=time.time)

    def rehearsal(self) -> RehearsalResult | None:
        return _result_from_dict(self.result) if self.result else None


@dataclass
class InterviewState:
    plan: list[str]  # question ids
    specialty: str | None
    position: int = 0  # index into plan of the current question
    follow_up: str | None = None  # a follow-up question waiting for an answer
    turns: list[AnsweredTurn] = field(default_factory=list)
    dm_channel_id: int | None = None
    last_message_id: int | None = None  # the last student message handled (duplicates are ignored)
    #: Paused because an answer showed a student in crisis: no nudges; the next answer resumes.
    paused: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> InterviewState:
        data = json.loads(raw)
        data["turns"] = [AnsweredTurn(**t) for t in data.get("turns", [])]
        return cls(**data)


@dataclass
class Session:
    id: str
    user_id: int
    guild_id: int | None
    status: Status
    state: InterviewState
    created_at: float
    last_activity_at: float
    idle_notified: bool = False

    @property
    def total(self) -> int:
        return len(self.state.plan)

    @property
    def number(self) -> int:
        """1-based number of the current plan question."""
        return min(self.state.position + 1, self.total)

    @property
    def current_question(self) -> Question | None:
        if self.status != "active" or self.state.position >= self.total:
            return None
        return get_question(self.state.plan[self.state.position])

    @property
    def prompt(self) -> str:
        """What the student is being asked right now."""
        if self.state.follow_up:
            return self.state.follow_up
        question = self.current_question
        return question.text if question else ""


@dataclass
class Turn:
    """The outcome of one student action, for the front end to show."""

    session: Session
    feedback: RehearsalResult | None = None
    answered: AnsweredTurn | None = None
    next_prompt: str | None = None  # the next question (or follow-up) to ask, if any
    next_is_follow_up: bool = False
    summary: InterviewSummary | None = None  # set when the interview ended
    duplicate: bool = False  # the message was already handled


@dataclass
class PracticePoint:
    criterion: str
    name: str
    weight: int  # fail = 2, warn = 1, summed over answers
    advice: str
    examples: list[str]  # questions where it came up


@dataclass
class InterviewSummary:
    status: Status
    guild_id: int | None  # the server the interview was started from, if any
    specialty: str | None
    planned: int
    answered: int
    skipped: int
    strengths: list[str]
    practise: list[PracticePoint]  # the top three
    average_seconds: float | None
    turns: list[AnsweredTurn]

    @property
    def flagged_criteria(self) -> list[str]:
        return [p.criterion for p in self.practise]

    def report_text(self, include_answers: bool = False) -> str:
        """Plain text: the summary (and, if asked, every answer) — for the download and for sharing."""
        lines = ["SOAP Coach — mock interview summary", ""]
        if self.specialty:
            lines.append(f"Specialty: {self.specialty}")
        lines.append(f"Questions answered: {self.answered} of {self.planned} (skipped {self.skipped})")
        if self.average_seconds is not None:
            lines.append(f"Average spoken length: about {round(self.average_seconds)} s")
        lines += ["", "Strengths:"]
        lines += [f"- {s}" for s in self.strengths] or ["- (answer a few questions to see your strengths)"]
        lines += ["", "Top things to practise:"]
        if self.practise:
            for number, point in enumerate(self.practise, 1):
                lines.append(f"{number}. {point.name} — {point.advice}")
                lines.append(f"   (came up in: {'; '.join(point.examples)})")
        else:
            lines.append("- Nothing flagged. Keep practising out loud.")
        lines += ["", "Question by question:"]
        for turn in self.turns:
            result = turn.rehearsal()
            label = (
                "skipped"
                if turn.skipped
                else ", ".join(
                    f"{CRITERION_NAMES[c.criterion]}: {c.status}"
                    for c in (result.criteria if result else [])
                    if c.flagged
                )
                or "all criteria passed"
            )
            lines.append(f"- {'Follow-up: ' if turn.is_follow_up else ''}{turn.question} — {label}")
            if include_answers and turn.answer:
                lines.append(f"  Your answer: {turn.answer}")
        return "\n".join(lines) + "\n"


def _result_to_dict(result: RehearsalResult) -> dict[str, Any]:
    return {
        "question": result.question,
        "criteria": [asdict(c) for c in result.criteria],
        "spoken_seconds": result.spoken_seconds,
        "word_count": result.word_count,
        "filler_rate": result.filler_rate,
        "summary": result.summary,
        "mode": result.mode,
        "follow_up": result.follow_up,
        "notice": result.notice,
        "question_kind": result.question_kind,
    }


def _result_from_dict(data: dict[str, Any]) -> RehearsalResult:
    fields = dict(data)
    fields["criteria"] = [CriterionResult(**c) for c in data["criteria"]]
    return RehearsalResult(**fields)


def summarize(session: Session) -> InterviewSummary:
    """Strengths and the top three things to practise across every answered question."""
    answered = [t for t in session.state.turns if not t.skipped and t.result]
    weights: Counter[str] = Counter()
    advice: dict[str, str] = {}
    examples: dict[str, list[str]] = {}
    strength_counts: Counter[str] = Counter()
    seconds = []
    for turn in answered:
        result = turn.rehearsal()
        assert result is not None
        seconds.append(result.spoken_seconds)
        strength_counts.update(result.strengths())
        for criterion in result.to_practise():
            weights[criterion.criterion] += 2 if criterion.status == "fail" else 1
            advice.setdefault(criterion.criterion, practise_advice(criterion.criterion))
            examples.setdefault(criterion.criterion, []).append(turn.question)
    ranked = sorted(weights, key=lambda c: (-weights[c], CRITERIA.index(c)))[:3]
    practise = [PracticePoint(c, CRITERION_NAMES[c], weights[c], advice[c], examples[c][:3]) for c in ranked]
    # A strength is something most answers did well.
    threshold = max(1, (len(answered) + 1) // 2)
    strengths = [s for s, n in strength_counts.most_common() if n >= threshold][:4]
    return InterviewSummary(
        status=session.status,
        guild_id=session.guild_id,
        specialty=session.state.specialty,
        planned=session.total,
        answered=len([t for t in answered if not t.is_follow_up]),
        skipped=len([t for t in session.state.turns if t.skipped]),
        strengths=strengths,
        practise=practise,
        average_seconds=sum(seconds) / len(seconds) if seconds else None,
        turns=session.state.turns,
    )


class InterviewSessions:
    """Create, advance and persist mock interviews."""

    def __init__(self, store: Store, idle_minutes: int = 30) -> None:
        self.store = store
        self.idle_seconds = idle_minutes * 60
        self._locks: dict[int, asyncio.Lock] = {}

    def lock(self, user_id: int) -> asyncio.Lock:
        return self._locks.setdefault(user_id, asyncio.Lock())

    # ----- persistence -------------------------------------------------------------------------

    @staticmethod
    def _from_row(row: Any) -> Session:
        return Session(
            id=row["id"],
            user_id=row["user_id"],
            guild_id=row["guild_id"],
            status=row["status"],
            state=InterviewState.from_json(row["state"]),
            created_at=row["created_at"],
            last_activity_at=row["last_activity_at"],
            idle_notified=bool(row["idle_notified"]),
        )

    async def _save(self, session: Session) -> None:
        await self.store.execute(
            "UPDATE interview_sessions SET status = ?, state = ?, updated_at = ?, last_activity_at = ?, "
            "idle_notified = ? WHERE id = ?",
            (
                session.status,
                session.state.to_json(),
                time.time(),
                session.last_activity_at,
                int(session.idle_notified),
                session.id,
            ),
        )

    async def active(self, user_id: int) -> Session | None:
        row = await self.store.fetchone(
            "SELECT * FROM interview_sessions WHERE user_id = ? AND status = 'active'", (user_id,)
        )
        return self._from_row(row) if row else None

    async def get(self, session_id: str) -> Session | None:
        row = await self.store.fetchone("SELECT * FROM interview_sessions WHERE id = ?", (session_id,))
        return self._from_row(row) if row else None

    # ----- transitions -------------------------------------------------------------------------

    async def start(
        self,
        user_id: int,
        guild_id: int | None = None,
        *,
        specialty: str | None = None,
        length: str | int = "full",
        img: bool = False,
        rng: random.Random | None = None,
    ) -> tuple[Session, bool]:
        """Start an interview, or return the one already running: (session, created)."""
        count = LENGTHS.get(length, length) if isinstance(length, str) else length
        if not isinstance(count, int):
            raise InterviewError("Length must be 'short' (4 questions) or 'full' (8 questions).")
        try:
            spec = normalize_specialty(specialty)
        except ValueError as exc:
            raise InterviewError(str(exc)) from None
        async with self.lock(user_id):
            existing = await self.active(user_id)
            if existing is not None:
                return existing, False
            plan = plan_interview(spec, count, rng=rng, img=img)
            now = time.time()
            session = Session(
                id=uuid.uuid4().hex,
                user_id=user_id,
                guild_id=guild_id,
                status="active",
                state=InterviewState(plan=[q.id for q in plan], specialty=spec),
                created_at=now,
                last_activity_at=now,
            )
            await self.store.execute(
                "INSERT INTO interview_sessions (id, user_id, guild_id, status, state, created_at, updated_at, "
                "last_activity_at, idle_notified) VALUES (?, ?, ?, 'active', ?, ?, ?, ?, 0)",
                (session.id, user_id, guild_id, session.state.to_json(), now, now, now),
            )
        log.info("interview started session=%s questions=%d", session.id, len(plan))
        return session, True

    async def set_channel(self, session: Session, channel_id: int) -> None:
        async with self.lock(session.user_id):
            current = await self.get(session.id)
            if current is None:
                return
            current.state.dm_channel_id = channel_id
            await self._save(current)
            session.state.dm_channel_id = channel_id

    async def answer(
        self,
        user_id: int,
        text: str,
        *,
        llm: ChatModel | None = None,
        message_id: int | None = None,
        speech: Any = None,
    ) -> Turn:
        """Assess an answer to the current question and move on. Raises InterviewError/AnswerError.

        ``speech`` is the SpeechReport of a recorded answer (``text`` is then its transcript):
        the length criterion uses the real speaking time, and the measures are kept with the turn.
        """
        async with self.lock(user_id):
            session = await self._require_active(user_id)
            last = session.state.last_message_id
            if message_id is not None and last is not None and message_id <= last:
                return Turn(session, duplicate=True)
            question = session.current_question
            assert question is not None
            prompt = session.prompt
            is_follow_up = session.state.follow_up is not None
            kind = None if is_follow_up else question.kind
            if speech is not None:
                from bot.core.interview.speech import rehearse_speech  # the optional voice feature

                result = await rehearse_speech(speech, prompt, llm=llm, question_kind=kind)
            else:
                result = await rehearse(text, prompt, llm=llm, question_kind=kind)
            turn = AnsweredTurn(
                question_id=question.id,
                question=prompt,
                kind=result.question_kind,
                is_follow_up=is_follow_up,
                answer=text,
                result=_result_to_dict(result),
                speech=speech.to_json() if speech is not None else None,
            )
            session.state.turns.append(turn)
            if message_id is not None:
                session.state.last_message_id = message_id
            # A follow-up from the interviewer is asked once, never after another follow-up.
            if not is_follow_up and result.follow_up:
                session.state.follow_up = result.follow_up
            else:
                session.state.follow_up = None
                session.state.position += 1
            outcome = await self._after_step(session)
            outcome.feedback, outcome.answered = result, turn
            return outcome

    async def pause(self, user_id: int, *, message_id: int | None = None) -> Session:
        """Pause the interview without scoring or keeping the answer just given (a student in
        crisis): no idle nudges while paused; the next answer, skip or repeat resumes it."""
        async with self.lock(user_id):
            session = await self._require_active(user_id)
            session.state.paused = True
            if message_id is not None:
                session.state.last_message_id = message_id
            session.last_activity_at = time.time()
            session.idle_notified = True
            await self._save(session)
            log.info("interview paused session=%s", session.id)
            return session

    async def skip(self, user_id: int) -> Turn:
        async with self.lock(user_id):
            session = await self._require_active(user_id)
            question = session.current_question
            assert question is not None
            follow_up = session.state.follow_up is not None
            session.state.turns.append(
                AnsweredTurn(question.id, session.prompt, question.kind, skipped=True, is_follow_up=follow_up)
            )
            session.state.follow_up = None
            session.state.position += 1
            return await self._after_step(session)

    async def repeat(self, user_id: int) -> Session:
        async with self.lock(user_id):
            session = await self._require_active(user_id)
            session.last_activity_at = time.time()
            session.idle_notified = False
            session.state.paused = False
            await self._save(session)
            return session

    async def stop(self, user_id: int, status: Status = "stopped") -> InterviewSummary:
        async with self.lock(user_id):
            session = await self._require_active(user_id)
            return await self._finish(session, status)

    async def discard(self, session: Session) -> None:
        """Remove a session that never got going (e.g. the student's DMs are closed)."""
        async with self.lock(session.user_id):
            await self.store.execute("DELETE FROM interview_sessions WHERE id = ?", (session.id,))

    async def _require_active(self, user_id: int) -> Session:
        session = await self.active(user_id)
        if session is None:
            raise InterviewError("You don't have a mock interview running. Start one with /interview start.")
        return session

    async def _after_step(self, session: Session) -> Turn:
        session.last_activity_at = time.time()
        session.idle_notified = False
        session.state.paused = False
        if session.state.position >= session.total:
            summary = await self._finish(session, "finished")
            return Turn(session, summary=summary)
        await self._save(session)
        return Turn(session, next_prompt=session.prompt, next_is_follow_up=session.state.follow_up is not None)

    async def _finish(self, session: Session, status: Status) -> InterviewSummary:
        session.status = status
        session.state.follow_up = None
        await self._save(session)
        summary = summarize(session)
        await self.store.record_activity(
            session.user_id, session.guild_id, "interview", json.dumps(sorted(summary.flagged_criteria))
        )
        log.info(
            "interview ended session=%s status=%s answered=%d skipped=%d",
            session.id,
            status,
            summary.answered,
            summary.skipped,
        )
        return summary

    # ----- idle handling -----------------------------------------------------------------------

    async def idle_sessions(self, now: float | None = None) -> tuple[list[Session], list[Session]]:
        """(sessions to nudge once, sessions to close) — callers send the DMs."""
        now = now or time.time()
        rows = await self.store.fetchall("SELECT * FROM interview_sessions WHERE status = 'active'")
        nudge, expire = [], []
        for row in rows:
            session = self._from_row(row)
            quiet = now - session.last_activity_at
            if quiet >= EXPIRE_HOURS * 3600:
                expire.append(session)
            elif quiet >= self.idle_seconds and not session.idle_notified and not session.state.paused:
                nudge.append(session)
        return nudge, expire

    async def mark_nudged(self, session: Session) -> None:
        async with self.lock(session.user_id):
            current = await self.get(session.id)
            if current is not None and current.status == "active":
                current.idle_notified = True
                await self._save(current)

    async def expire(self, session: Session) -> InterviewSummary | None:
        async with self.lock(session.user_id):
            current = await self.get(session.id)
            if current is None or current.status != "active":
                return None
            return await self._finish(current, "expired")


def render_question(session: Session, prompt: str | None = None, follow_up: bool = False) -> str:
    """'Question 2 of 8: ...' (or 'Follow-up: ...')."""
    text = prompt or session.prompt
    if follow_up or session.state.follow_up:
        return f"Follow-up: {text}"
    return f"Question {session.number} of {session.total}: {text}"


def good_answer_hint(session: Session) -> Sequence[str]:
    question = session.current_question
    return question.good_answer.split("\n") if question else ()
