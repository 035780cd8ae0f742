"""Helpers for the voice tests: the committed audio fixtures, one shared local Whisper, fakes."""

from __future__ import annotations

import asyncio
import hashlib
from functools import lru_cache
from pathlib import Path

import pytest

from bot.core.interview.transcription import LocalWhisper, Transcript, TranscriptionService, Word, voice_extra_installed

AUDIO = Path(__file__).resolve().parent / "fixtures" / "audio"

#: What the fixtures say (see tests/fixtures/audio/make_fixtures.sh).
CLEAR_SCRIPT = (
    "I didn't match because I applied too narrowly. I sent applications to only twenty internal medicine programs, "
    "almost all of them in one city, and I had no backup plan. That was my decision, and it was a mistake. Since "
    "then, I have met with my advisor every week, I have done four mock interviews with faculty, and I have built a "
    "much broader list of programs across the country. I also finished a sub-internship in hospital medicine, where "
    "I managed six patients on my own, wrote their daily notes, and presented them to my attending every morning. I "
    "am ready to start on July first, and your program's focus on community care is exactly where I want to train."
)

needs_voice = pytest.mark.skipif(
    not voice_extra_installed(), reason='voice extra not installed (pip install -e ".[test,voice]")'
)


def audio(name: str) -> bytes:
    return (AUDIO / name).read_bytes()


class CachingWhisper(LocalWhisper):
    """The real local backend, remembering each recording's transcript for the test session."""

    def __init__(self) -> None:
        super().__init__()
        self.cache: dict[str, Transcript] = {}
        self.calls = 0

    def transcribe_sync(self, data: bytes) -> Transcript:
        self.calls += 1
        key = hashlib.sha256(data).hexdigest()
        if key not in self.cache:
            self.cache[key] = super().transcribe_sync(data)
        return self.cache[key]


@lru_cache(maxsize=1)
def shared_whisper() -> CachingWhisper:
    """One loaded model for the whole test run (loading takes about a second)."""
    whisper = CachingWhisper()
    whisper.load()
    return whisper


def local_service() -> TranscriptionService:
    """A fresh service (its own queue) over the shared local model."""
    return TranscriptionService(shared_whisper())


def timed_words(script: str, *, wpm: float = 150.0, start: float = 0.0, gaps: dict[int, float] | None = None):
    """Words of ``script`` at an even pace; ``gaps`` adds silence (seconds) after word N."""
    step = 60.0 / wpm
    words, t = [], start
    for i, text in enumerate(script.split()):
        words.append(Word(text, round(t, 3), round(t + step * 0.8, 3)))
        t += step + (gaps or {}).get(i, 0.0)
    return tuple(words)


class FakeBackend:
    """A backend that returns a scripted transcript, optionally waiting until released."""

    name = "fake"

    def __init__(self, script: str = CLEAR_SCRIPT, *, wpm: float = 150.0, slots: int = 1, hold: bool = False) -> None:
        self.script = script
        self.wpm = wpm
        self.slots = slots
        self.calls: list[tuple[str, int]] = []
        self.release = asyncio.Event()
        if not hold:
            self.release.set()

    async def transcribe(self, data: bytes, filename: str, content_type: str | None) -> Transcript:
        self.calls.append((filename, len(data)))
        await self.release.wait()
        words = timed_words(self.script, wpm=self.wpm)
        return Transcript(self.script, words, words[-1].end + 0.5 if words else 1.0, self.name)
