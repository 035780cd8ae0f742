"""Feedback on how an answer was said, from a transcript with word timings.

:func:`analyse` turns a :class:`~bot.core.interview.transcription.Transcript` into a
:class:`SpeechReport`: the transcript itself (shown to the student first, so they see what
was heard), words per minute, fillers, long pauses and the answer's duration against the
45-90 second target. The content of the answer is still judged by the rubric: use
:func:`rehearse_speech`, which scores the transcript with the same criteria as a typed
answer and takes ``length`` from the measured speaking time instead of an estimate.

Measures (each ``pass`` or ``warn``; fillers can ``fail`` like the rubric's criterion):

``pace``
    words per minute while speaking (long pauses left out, they are reported on their own);
    comfortable at 130-170 (not judged under 10 seconds of speech).
``fillers``
    um, uh, er, hmm, basically, and filler uses of "like" / "you know", found in the
    transcript with the rubric's own detector and thresholds: warn above 4 per 100 words
    (at least 2), fail above 8.
``pauses``
    silences longer than 2 seconds between words; warn when there is one or more.
``duration``
    first word to last word; warn outside 45-90 seconds.

For the interview and rehearsal front ends, :func:`answer_from_audio` is the one call that
turns a recording into ``(answer_text, SpeechReport)``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.core.base.text import WORDS_PER_MINUTE, word_count
from bot.core.interview import rubric_checks
from bot.core.interview.question_bank import Question, find_by_text, get_question
from bot.core.interview.rubric import (
    FILLER_FAIL_RATE,
    FILLER_MIN_COUNT,
    FILLER_WARN_RATE,
    WHY_DIDNT_YOU_MATCH,
    RehearsalResult,
    rehearse,
)
from bot.core.interview.transcription import QueueCallback, Transcript, TranscriptionService

log = logging.getLogger(__name__)

PACE_MIN, PACE_MAX = 130, 170
LONG_PAUSE_SECONDS = 2.0
TARGET_MIN_SECONDS, TARGET_MAX_SECONDS = 45.0, 90.0
MEASURES: tuple[str, ...] = ("pace", "fillers", "pauses", "duration")

MeasureStatus = Literal["pass", "warn", "fail"]
#: Below this much speech, words per minute says little.
MIN_SECONDS_FOR_PACE = 10.0


@dataclass(frozen=True)
class Pause:
    after: str  # the word said just before the silence
    start: float  # seconds into the recording
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {"after": self.after, "start": self.start, "seconds": self.seconds}


@dataclass(frozen=True)
class Measure:
    measure: str  # one of MEASURES
    status: MeasureStatus
    value: str  # "152 words per minute"
    advice: str

    @property
    def flagged(self) -> bool:
        return self.status != "pass"

    def to_json(self) -> dict[str, str]:
        return {"measure": self.measure, "status": self.status, "value": self.value, "advice": self.advice}


@dataclass
class SpeechReport:
    transcript: str
    duration_seconds: float  # the whole recording
    speaking_seconds: float  # first word to last word
    word_count: int
    words_per_minute: float
    filler_count: int
    fillers_per_100_words: float
    long_pauses: list[Pause]
    provider: str = "local"
    timed: bool = True  # False when the service gave no word timings (pace and pauses estimated)
    measures: list[Measure] = field(default_factory=list)

    def get(self, measure: str) -> Measure | None:
        return next((m for m in self.measures if m.measure == measure), None)

    @property
    def flagged(self) -> list[str]:
        return [m.measure for m in self.measures if m.flagged]

    def to_json(self) -> dict[str, Any]:
        return {
            "transcript": self.transcript,
            "provider": self.provider,
            "duration_seconds": self.duration_seconds,
            "speaking_seconds": self.speaking_seconds,
            "word_count": self.word_count,
            "words_per_minute": self.words_per_minute,
            "filler_count": self.filler_count,
            "fillers_per_100_words": self.fillers_per_100_words,
            "long_pauses": [p.to_json() for p in self.long_pauses],
            "measures": [m.to_json() for m in self.measures],
        }


def _is_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _seconds(value: float) -> str:
    return f"{value:.1f} s" if value < 10 else f"{round(value)} s"


def _pace(wpm: float, timed: bool, seconds: float) -> Measure:
    value = f"{round(wpm)} words per minute" + ("" if timed else " (estimated)")
    if seconds < MIN_SECONDS_FOR_PACE:
        return Measure("pace", "pass", f"{value}, too short to judge", "Record a full answer to measure your pace.")
    if wpm < PACE_MIN:
        return Measure(
            "pace",
            "warn",
            value,
            f"A little slow (comfortable is {PACE_MIN}-{PACE_MAX}): know your three points by heart so "
            "each sentence follows the last without searching.",
        )
    if wpm > PACE_MAX:
        return Measure(
            "pace",
            "warn",
            value,
            f"Fast for a phone or video call (comfortable is {PACE_MIN}-{PACE_MAX}): slow down and let "
            "each point land with a short pause.",
        )
    return Measure("pace", "pass", value, "A comfortable, easy-to-follow pace.")


def _fillers(count: int, rate: float, minutes: float) -> Measure:
    per_minute = f", {count / minutes:.0f} a minute" if minutes >= 0.25 and count else ""
    value = f"{count} filler{'s' if count != 1 else ''} ({rate:.1f} per 100 words{per_minute})"
    if count >= FILLER_MIN_COUNT and rate > FILLER_WARN_RATE:
        return Measure(
            "fillers",
            "fail" if rate > FILLER_FAIL_RATE else "warn",
            value,
            'Replace each "um", "uh" or "like" with a silent breath; practise the answer aloud until '
            "the next sentence is ready before you need it.",
        )
    return Measure("fillers", "pass", value, "Few fillers: clean delivery.")


def _pauses(pauses: list[Pause], timed: bool) -> Measure:
    if not timed:
        return Measure("pauses", "pass", "not measured", "The transcription service gave no word timings.")
    if not pauses:
        return Measure("pauses", "pass", "none over 2 s", "No long silences.")
    longest = max(pauses, key=lambda p: p.seconds)
    count = f"{len(pauses)} pause{'s' if len(pauses) != 1 else ''} over 2 s"
    return Measure(
        "pauses",
        "warn",
        f"{count} (longest {_seconds(longest.seconds)} after “{longest.after}”)",
        "On a call, silence over two seconds sounds like a lost thread: outline the answer in three "
        "beats (cause, change, fit) so the next one is always ready.",
    )


def _duration(seconds: float) -> Measure:
    value = f"{_seconds(seconds)} (target {TARGET_MIN_SECONDS:.0f}-{TARGET_MAX_SECONDS:.0f} s)"
    if seconds < TARGET_MIN_SECONDS:
        return Measure(
            "duration",
            "warn",
            value,
            "Shorter than the target: add one concrete thing you've done since and why this program fits.",
        )
    if seconds > TARGET_MAX_SECONDS:
        return Measure(
            "duration",
            "warn",
            value,
            "Longer than the target: keep one or two sentences each for cause, change and fit.",
        )
    return Measure("duration", "pass", value, "Right in the target range.")


def find_pauses(words: tuple[Any, ...] | list[Any], threshold: float = LONG_PAUSE_SECONDS) -> list[Pause]:
    """Silences longer than ``threshold`` seconds between consecutive words."""
    out: list[Pause] = []
    for before, after in zip(words, words[1:], strict=False):
        gap = round(after.start - before.end, 2)
        if gap > threshold:
            out.append(Pause(before.text, before.end, gap))
    return out


def analyse(transcript: Transcript) -> SpeechReport:
    """Measure pace, fillers, pauses and duration of a transcribed answer."""
    text = transcript.text.strip()
    words = [w for w in transcript.words if _is_word(w.text)]
    count = word_count(text) or len(words)
    timed = len(words) >= 2
    if timed:
        speaking = round(max(words[-1].end - words[0].start, 0.1), 1)
        pauses = find_pauses(words)
        talking = max(speaking - sum(p.seconds for p in pauses), 0.1)
        wpm = round(len(words) * 60.0 / talking, 1)
    else:
        speaking = round(transcript.duration or count * 60.0 / WORDS_PER_MINUTE, 1)
        pauses = []
        wpm = round(count * 60.0 / speaking, 1) if speaking else 0.0
    fillers = len(rubric_checks.count_fillers(text))
    rate = round(100.0 * fillers / count, 1) if count else 0.0
    report = SpeechReport(
        transcript=text,
        duration_seconds=round(transcript.duration, 1),
        speaking_seconds=speaking,
        word_count=count,
        words_per_minute=wpm,
        filler_count=fillers,
        fillers_per_100_words=rate,
        long_pauses=pauses,
        provider=transcript.provider,
        timed=timed,
    )
    report.measures = [
        _pace(wpm, timed, speaking),
        _fillers(fillers, rate, speaking / 60.0),
        _pauses(pauses, timed),
        _duration(speaking),
    ]
    return report


async def answer_from_audio(
    service: TranscriptionService,
    filename: str,
    data: bytes,
    content_type: str | None = None,
    duration: float | None = None,
    *,
    on_queue: QueueCallback | None = None,
) -> tuple[str, SpeechReport]:
    """Transcribe a recorded answer: ``(answer_text, SpeechReport)``.

    ``duration`` is a length the sender already knows (a Discord voice message's), checked
    before any work. Raises :class:`~bot.core.interview.transcription.AudioError` (an AnswerError)
    with a message for the student. Score the text with :func:`rehearse_speech`.
    """
    transcript = await service.transcribe(
        data, filename=filename, content_type=content_type, duration=duration, on_queue=on_queue
    )
    report = analyse(transcript)
    return report.transcript, report


async def rehearse_speech(
    report: SpeechReport,
    question: str = WHY_DIDNT_YOU_MATCH,
    *,
    llm: Any = None,
    question_kind: str | None = None,
) -> RehearsalResult:
    """The rubric for a spoken answer: same criteria as a typed one, with ``length`` from the
    measured speaking time."""
    return await rehearse(
        report.transcript,
        question,
        llm=llm,
        question_kind=question_kind,
        measured_seconds=report.speaking_seconds,
    )


def resolve_question(value: str | None) -> tuple[str, str | None]:
    """``(question text, kind)`` for a rehearsal: a question-bank id or text (kind from the bank),
    any other text (kind classified by the rubric: None), or the default "Why didn't you match?"."""
    value = (value or "").strip()
    if not value:
        return WHY_DIDNT_YOU_MATCH, None
    question: Question | None
    try:
        question = get_question(value)
    except KeyError:
        question = find_by_text(value)
    return (question.text, question.kind) if question is not None else (value, None)


def report_summary(result: RehearsalResult, speech: SpeechReport | None = None) -> str:
    """What an advisor may see of a rehearsal when the student shares it: the question, the
    summary, each criterion's status and advice, and the delivery measures, but no quotes
    from the answer (those go only with the transcript, if the student chooses)."""
    lines = [f"Question: {result.question}", f"Mode: {result.mode}", "", result.summary, ""]
    for c in result.criteria:
        if c.applicable:
            lines.append(f"- {c.criterion}: {c.status} — {c.advice}")
    lines.append(f"- spoken length: about {round(result.spoken_seconds)} s")
    if speech is not None:
        lines.append("")
        lines.append("Delivery (from a voice recording):")
        lines.extend(f"- {m.measure}: {m.value} ({m.status})" for m in speech.measures)
    return "\n".join(lines)


def rehearsal_json(result: RehearsalResult, speech: SpeechReport | None = None) -> dict[str, Any]:
    """The rehearsal JSON (docs/contracts.md, section 2), with the speech measures under ``speech`` for a recording."""
    payload = result.to_json()
    if speech is not None:
        payload["speech"] = speech.to_json()
    return payload
