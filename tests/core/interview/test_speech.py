"""Speech measures from known scripts and timings, and the rubric on spoken answers."""

from __future__ import annotations

import pytest

from bot.core.interview import speech
from bot.core.interview.rubric import CRITERIA, WHY_DIDNT_YOU_MATCH, assess_answer
from bot.core.interview.transcription import Transcript, TranscriptionService
from tests.voice import CLEAR_SCRIPT, FakeBackend, audio, local_service, needs_voice, timed_words


def transcript(script: str, *, wpm: float = 150.0, gaps: dict[int, float] | None = None, start: float = 0.4):
    words = timed_words(script, wpm=wpm, gaps=gaps, start=start)
    return Transcript(script, words, round(words[-1].end + 0.6, 2), "fake")


def measure(report: speech.SpeechReport, name: str) -> speech.Measure:
    found = report.get(name)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("wpm", "status", "word"), [(150, "pass", "comfortable"), (200, "warn", "Fast"), (105, "warn", "slow")]
)
def test_pace_from_word_timings(wpm: float, status: str, word: str) -> None:
    report = speech.analyse(transcript(CLEAR_SCRIPT, wpm=wpm))
    assert report.words_per_minute == pytest.approx(wpm, rel=0.05)
    pace = measure(report, "pace")
    assert pace.status == status and word in pace.advice
    assert f"{round(report.words_per_minute)} words per minute" == pace.value


def test_long_pauses_are_found_and_left_out_of_the_pace() -> None:
    words = CLEAR_SCRIPT.split()
    report = speech.analyse(transcript(CLEAR_SCRIPT, gaps={9: 3.0, 40: 1.0}))
    assert [(p.after, round(p.seconds, 1)) for p in report.long_pauses] == [(words[9], 3.1)]  # the 1 s gap is fine
    pauses = measure(report, "pauses")
    assert pauses.status == "warn" and "1 pause over 2 s" in pauses.value and "3.1 s" in pauses.value
    assert report.words_per_minute == pytest.approx(150, rel=0.05)
    assert speech.analyse(transcript(CLEAR_SCRIPT)).long_pauses == []
    assert measure(speech.analyse(transcript(CLEAR_SCRIPT)), "pauses").status == "pass"


def test_fillers_use_the_rubric_detector() -> None:
    script = (
        "Um, I didn't match because, uh, I applied to, like, too few programs. Um, since then I would like to "
        "say, you know, that I have done mock interviews, and, uh, I am ready. " * 2
    )
    report = speech.analyse(transcript(script))
    assert report.filler_count == 12  # "I would like to" is not a filler
    fillers = measure(report, "fillers")
    assert fillers.status == "fail" and "12 fillers" in fillers.value and "a minute" in fillers.value
    clean = speech.analyse(transcript(CLEAR_SCRIPT))
    assert clean.filler_count == 0 and measure(clean, "fillers").status == "pass"


@pytest.mark.parametrize(("words", "status"), [(60, "warn"), (150, "pass"), (260, "warn")])
def test_duration_against_the_45_to_90_second_target(words: int, status: str) -> None:
    script = " ".join((CLEAR_SCRIPT.split() * 3)[:words])
    report = speech.analyse(transcript(script))  # 150 words per minute
    assert report.speaking_seconds == pytest.approx(words * 0.4, abs=0.5)
    assert measure(report, "duration").status == status


def test_a_few_seconds_is_too_short_to_judge_pace() -> None:
    report = speech.analyse(transcript("I didn't match because my scores were low.", wpm=190))
    assert measure(report, "pace").status == "pass" and "too short to judge" in measure(report, "pace").value
    assert measure(report, "duration").status == "warn"


def test_without_word_timings_pace_is_estimated_and_pauses_not_measured() -> None:
    report = speech.analyse(Transcript(CLEAR_SCRIPT, (), 50.0, "openai"))
    assert not report.timed and report.speaking_seconds == 50.0
    assert measure(report, "pauses").value == "not measured"
    assert "(estimated)" in measure(report, "pace").value


async def test_spoken_answer_length_comes_from_the_recording() -> None:
    slow = speech.analyse(transcript(CLEAR_SCRIPT, wpm=100))
    result = await speech.rehearse_speech(slow, WHY_DIDNT_YOU_MATCH)
    typed = assess_answer(CLEAR_SCRIPT)
    assert [c.criterion for c in result.criteria] == [c.criterion for c in typed.criteria] == list(CRITERIA)
    length = result.get("length")
    assert length is not None and "measured from your recording" in length.evidence
    assert result.spoken_seconds == pytest.approx(slow.speaking_seconds, abs=0.1)
    assert result.spoken_seconds > typed.spoken_seconds + 20  # 100 wpm is slower than the 150 wpm estimate


async def test_json_has_the_text_contract_plus_speech() -> None:
    report = speech.analyse(transcript(CLEAR_SCRIPT, gaps={5: 2.5}))
    result = await speech.rehearse_speech(report)
    payload = speech.rehearsal_json(result, report)
    assert {"question", "criteria", "spoken_seconds", "summary", "mode"} <= payload.keys()
    s = payload["speech"]
    assert s["transcript"] == CLEAR_SCRIPT and s["words_per_minute"] > 0
    assert s["long_pauses"][0]["seconds"] > 2 and [m["measure"] for m in s["measures"]] == list(speech.MEASURES)
    assert "speech" not in speech.rehearsal_json(result)


def test_question_resolution() -> None:
    assert speech.resolve_question(None) == (WHY_DIDNT_YOU_MATCH, None)
    assert speech.resolve_question("  ") == (WHY_DIDNT_YOU_MATCH, None)
    text, kind = speech.resolve_question("Tell me about yourself.")
    assert kind == "opening"
    from bot.core.interview.question_bank import load_bank

    first = load_bank()[0]
    assert speech.resolve_question(first.id) == (first.text, first.kind)
    assert speech.resolve_question("How do you handle night float?") == ("How do you handle night float?", None)


async def test_report_summary_leaves_out_quotes_from_the_answer() -> None:
    answer = "Honestly the programs only wanted people with higher scores and my school did nothing to help me."
    report = speech.analyse(transcript(answer))
    result = await speech.rehearse_speech(report)
    summary = speech.report_summary(result, report)
    assert "blame:" in summary and "Delivery (from a voice recording)" in summary and "pace:" in summary
    assert "only wanted" not in summary and "Honestly" not in summary


async def test_answer_from_audio_returns_the_transcript_and_measures() -> None:
    service = TranscriptionService(FakeBackend(CLEAR_SCRIPT))
    text, report = await speech.answer_from_audio(service, "voice-message.ogg", b"OggS", "audio/ogg", 48.0)
    assert text == CLEAR_SCRIPT == report.transcript and report.provider == "fake"


@needs_voice
async def test_measures_on_the_recorded_fixtures() -> None:
    service = local_service()
    _, clear = await speech.answer_from_audio(service, "clear.ogg", audio("clear_answer.ogg"))
    assert clear.flagged == [] and 130 <= clear.words_per_minute <= 170
    _, fillers = await speech.answer_from_audio(service, "fillers.ogg", audio("filler_answer.ogg"))
    assert {"fillers", "pauses", "duration"} <= set(fillers.flagged)
    assert any(2.0 < p.seconds < 4.0 for p in fillers.long_pauses)  # the 3 s break in the script
    result = await speech.rehearse_speech(clear)
    assert result.flagged == []
