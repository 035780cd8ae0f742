"""Transcription: the local model on the committed fixtures, the OpenAI-compatible path, limits, the queue."""

from __future__ import annotations

import asyncio
import re
import sys

import pytest

from bot.core.interview import transcription as tr
from bot.core.interview.rubric import AnswerError
from bot.core.interview.rubric_checks import count_fillers
from bot.core.interview.transcription import (
    MAX_AUDIO_BYTES,
    AudioError,
    LocalWhisper,
    OpenAITranscriber,
    TranscriptionQueue,
    TranscriptionService,
    VoiceNotInstalled,
    check_upload,
    is_audio,
    queue_message,
)
from tests.conftest import make_settings
from tests.support.fake_openai import FakeOpenAI
from tests.voice import CLEAR_SCRIPT, FakeBackend, audio, local_service, needs_voice


def _words(text: str) -> list[str]:
    numbers = {"20": "twenty", "1st": "first", "15": "fifteen"}
    return [numbers.get(w, w) for w in re.findall(r"[a-z0-9']+", text.lower().replace("-", " "))]


def word_error_rate(reference: str, hypothesis: str) -> float:
    ref, hyp = _words(reference), _words(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / len(ref)


# ----- the local model (voice extra) ---------------------------------------------------------


@needs_voice
async def test_clear_answer_is_transcribed_with_word_timings() -> None:
    result = await local_service().transcribe(audio("clear_answer.ogg"), filename="clear_answer.ogg")
    assert result.provider == "local"
    assert 45 < result.duration < 50
    assert word_error_rate(CLEAR_SCRIPT, result.text) < 0.15  # synthetic voice; measured about 5%
    starts = [w.start for w in result.words]
    assert starts == sorted(starts) and all(w.end >= w.start for w in result.words)
    assert result.words[-1].end <= result.duration + 0.5
    assert len(result.words) > 100


@needs_voice
async def test_fillers_survive_transcription() -> None:
    result = await local_service().transcribe(audio("filler_answer.ogg"), filename="filler_answer.ogg")
    spoken = 9  # four um, three uh, two like (see make_fixtures.sh)
    assert len(count_fillers(result.text)) >= spoken - 3


@needs_voice
async def test_short_answer() -> None:
    result = await local_service().transcribe(audio("short_answer.ogg"), filename="short_answer.ogg")
    assert "scores were low" in result.text and result.duration < 4


@needs_voice
async def test_silence_and_non_audio_get_clear_messages() -> None:
    service = local_service()
    with pytest.raises(AudioError, match="couldn't hear any words"):
        await service.transcribe(audio("silence.ogg"), filename="silence.ogg")
    with pytest.raises(AudioError, match="couldn't read that file as audio"):
        await service.transcribe(audio("not_audio.ogg"), filename="not_audio.ogg")
    with pytest.raises(AnswerError):  # AudioError is an AnswerError: front ends already show those
        await service.transcribe(audio("not_audio.ogg"), filename="not_audio.ogg")


@needs_voice
async def test_too_long_a_recording_is_refused_after_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tr, "MAX_AUDIO_SECONDS", 20.0)
    with pytest.raises(AudioError, match=r"48 s long; the limit is 20 s"):
        await TranscriptionService(LocalWhisper()).transcribe(audio("clear_answer.ogg"), filename="a.ogg")


@needs_voice
def test_decoding_needs_no_system_ffmpeg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    samples = LocalWhisper.decode(audio("short_answer.ogg"))
    assert 2.5 < len(samples) / tr.SAMPLE_RATE < 3.5


async def test_missing_voice_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(tr, "voice_extra_installed", lambda: False)
    service = TranscriptionService.from_settings(make_settings(tmp_path))
    assert not service.available
    with pytest.raises(VoiceNotInstalled, match=re.escape(tr.INSTALL_HINT)):
        await service.transcribe(b"OggS", filename="a.ogg")
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # the import itself fails
    with pytest.raises(VoiceNotInstalled):
        LocalWhisper().load()


# ----- limits before any work --------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "content_type", "expected"),
    [
        ("voice-message.ogg", "audio/ogg", True),
        ("answer.m4a", None, True),
        ("answer.bin", "audio/mpeg", True),
        ("clip.mp4", "video/mp4", True),
        ("cv.pdf", "application/pdf", False),
        ("notes.txt", None, False),
        (None, None, False),
    ],
)
def test_is_audio(filename: str | None, content_type: str | None, expected: bool) -> None:
    assert is_audio(filename, content_type) is expected


def test_upload_checks() -> None:
    check_upload("a.ogg", "audio/ogg", 1000, duration=60)
    with pytest.raises(AudioError, match="doesn't look like a recording"):
        check_upload("cv.pdf", "application/pdf", 1000)
    with pytest.raises(AudioError, match="empty"):
        check_upload("a.ogg", "audio/ogg", 0)
    with pytest.raises(AudioError, match="the limit is 10 MB"):
        check_upload("a.ogg", "audio/ogg", MAX_AUDIO_BYTES + 1)
    with pytest.raises(AudioError, match="4 min long; the limit is 3 min"):
        check_upload("a.ogg", "audio/ogg", 1000, duration=240)


async def test_limits_apply_before_the_backend_runs() -> None:
    backend = FakeBackend()
    service = TranscriptionService(backend)
    with pytest.raises(AudioError):
        await service.transcribe(b"x" * (MAX_AUDIO_BYTES + 1), filename="a.ogg")
    with pytest.raises(AudioError):
        await service.transcribe(b"OggS", filename="a.ogg", duration=200)
    assert backend.calls == []


def test_queue_messages() -> None:
    assert queue_message(0) == "Transcribing your answer…"
    assert queue_message(1) == "Transcribing… you're next in line."
    assert [queue_message(n).split()[2] for n in (2, 3, 4, 11, 21, 22)] == ["2nd", "3rd", "4th", "11th", "21st", "22nd"]


def test_slots_are_sized_for_the_cores() -> None:
    assert tr.default_slots(2) == 1 and tr.default_slots(1) == 1 and tr.default_slots(4) == 2
    assert tr.default_slots(64) == 2


# ----- the queue ----------------------------------------------------------------------------


async def test_queue_is_first_in_first_out_and_reports_places() -> None:
    queue = TranscriptionQueue(1)
    order: list[str] = []
    places: dict[str, list[int]] = {"b": [], "c": []}
    gate = asyncio.Event()

    async def job(name: str) -> None:
        async def report(place: int) -> None:
            places[name].append(place)

        async with queue.slot(report):
            order.append(name)
            if name == "a":
                await gate.wait()

    tasks = [asyncio.create_task(job("a"))]
    await asyncio.sleep(0)
    tasks += [asyncio.create_task(job("b")), asyncio.create_task(job("c"))]
    await asyncio.sleep(0.01)
    assert queue.running == 1 and queue.waiting == 2
    assert places == {"b": [1], "c": [2]}
    gate.set()
    await asyncio.gather(*tasks)
    assert order == ["a", "b", "c"] and queue.running == 0 and queue.waiting == 0


async def test_a_cancelled_wait_frees_its_place() -> None:
    backend = FakeBackend(hold=True, slots=1)
    service = TranscriptionService(backend)
    holder = asyncio.create_task(service.transcribe(b"OggS", filename="a.ogg"))
    await asyncio.sleep(0.01)
    waiter = asyncio.create_task(service.transcribe(b"OggS", filename="b.ogg"))
    places: list[int] = []

    async def report(place: int) -> None:
        places.append(place)

    third = asyncio.create_task(service.transcribe(b"OggS", filename="c.ogg", on_queue=report))
    await asyncio.sleep(0.01)
    assert service.queue.waiting == 2 and places == [2]
    waiter.cancel()
    await asyncio.sleep(0.01)
    assert service.queue.waiting == 1 and places == [2, 1]  # moved up
    backend.release.set()
    await asyncio.gather(holder, third)
    assert service.queue.running == 0 and [c[0] for c in backend.calls] == ["a.ogg", "c.ogg"]


async def test_a_failing_progress_note_does_not_lose_the_turn() -> None:
    queue = TranscriptionQueue(1)
    gate = asyncio.Event()

    async def first() -> None:
        async with queue.slot():
            await gate.wait()

    async def broken(place: int) -> None:
        raise RuntimeError("discord edit failed")

    async def second() -> str:
        async with queue.slot(broken):
            return "ran"

    a = asyncio.create_task(first())
    await asyncio.sleep(0)
    b = asyncio.create_task(second())
    await asyncio.sleep(0.01)
    gate.set()
    assert await b == "ran"
    await a


# ----- OpenAI-compatible transcription --------------------------------------------------------


@pytest.fixture
async def fake_openai():
    async with FakeOpenAI() as fake:
        yield fake


async def test_openai_provider_returns_words_and_duration(fake_openai: FakeOpenAI, tmp_path) -> None:
    settings = make_settings(
        tmp_path, transcription_provider="openai", openai_base_url=fake_openai.base_url, openai_api_key="k"
    )
    fake_openai.transcribe = lambda filename, data: "Um, I applied too narrowly, and I own that."
    service = TranscriptionService.from_settings(settings)
    assert service.provider == "openai" and service.available
    result = await service.transcribe(audio("short_answer.ogg"), filename="answer.ogg", content_type="audio/ogg")
    await service.close()
    assert result.provider == "openai" and result.text.startswith("Um, I applied")
    assert [w.text for w in result.words][:3] == ["Um", "I", "applied"]
    assert result.duration > result.words[-1].end
    form = fake_openai.requests[-1].json
    assert form["model"] == "whisper-1" and form["response_format"] == "verbose_json"
    assert form["timestamp_granularities"] == ["word"]
    assert "Umm" in form["prompt"]  # the filler-keeping hint goes to remote services too
    assert form["file"] == {
        "filename": "answer.ogg",
        "size": len(audio("short_answer.ogg")),
        "content_type": "audio/ogg",
    }


async def test_openai_provider_failures_are_one_clear_line(fake_openai: FakeOpenAI, tmp_path) -> None:
    settings = make_settings(tmp_path, transcription_provider="openai", openai_base_url=fake_openai.base_url)
    service = TranscriptionService.from_settings(settings)
    fake_openai.enqueue_fault("500")
    fake_openai.enqueue_fault("500")
    with pytest.raises(AudioError, match=r"transcription service had an error.*type your answer"):
        await service.transcribe(b"OggS-not-really", filename="a.ogg")
    fake_openai.enqueue_fault("empty")
    with pytest.raises(AudioError, match="couldn't hear any words"):
        await service.transcribe(b"OggS-not-really", filename="a.ogg")
    await service.close()


async def test_openai_provider_without_a_server_says_so(tmp_path) -> None:
    service = TranscriptionService(OpenAITranscriber(make_settings(tmp_path, transcription_provider="openai")))
    with pytest.raises(AudioError, match="none is configured"):
        await service.transcribe(b"OggS", filename="a.ogg")


@needs_voice
def test_a_local_model_directory_can_replace_the_bundled_one(tmp_path) -> None:
    bundled = tr.bundled_model_path()
    service = TranscriptionService.from_settings(make_settings(tmp_path, transcription_model=str(bundled)))
    backend = service.backend()
    assert isinstance(backend, LocalWhisper) and backend.model_path == bundled
    default = TranscriptionService.from_settings(make_settings(tmp_path)).backend()
    assert isinstance(default, LocalWhisper) and default.model_path is None  # "whisper-1" is not a directory
