"""`soapbot rehearse` (typed and recorded answers) and `/rehearse` in `soapbot chat`."""

from __future__ import annotations

from pathlib import Path

from bot.core.interview.rubric import CRITERIA
from bot.core.services import Services
from tests.terminal.test_cli import one_json_object, soapbot
from tests.terminal.test_repl import ANSWER, make_console
from tests.voice import AUDIO, needs_voice

TYPED = "\n".join(ANSWER[:-1])


def test_typed_answer_json_contract_from_stdin(tmp_path: Path) -> None:
    result = soapbot(tmp_path, "rehearse", "-", "--json", stdin=TYPED)
    assert result.returncode == 0, result.stderr
    payload = one_json_object(result.stdout)
    assert {"question", "criteria", "spoken_seconds", "summary", "mode"} <= set(payload)
    assert payload["question"] == "Why didn't you match?" and payload["mode"] == "offline"
    assert [c["criterion"] for c in payload["criteria"]] == list(CRITERIA)
    for c in payload["criteria"]:
        assert set(c) == {"criterion", "status", "evidence", "advice"} and c["status"] in ("pass", "warn", "fail")
        assert c["criterion"] == "length" or c["evidence"] == "" or c["evidence"] in TYPED
    assert "speech" not in payload


def test_question_option_and_answer_file(tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(TYPED, encoding="utf-8")
    result = soapbot(tmp_path, "rehearse", str(answer), "--question", "Tell me about yourself.", "--json")
    payload = one_json_object(result.stdout)
    assert payload["question"] == "Tell me about yourself."
    assert "brief-acknowledgment" not in [c["criterion"] for c in payload["criteria"]]


def test_rich_output_is_a_table_with_length_and_summary(tmp_path: Path) -> None:
    result = soapbot(tmp_path, "rehearse", "-", stdin=TYPED)
    assert result.returncode == 0, result.stderr
    for expected in ("Criterion", "Status", "Evidence", "Advice", "Spoken length: about", "offline mode"):
        assert expected in result.stdout


def test_bad_input_is_one_clear_line(tmp_path: Path) -> None:
    nothing = soapbot(tmp_path, "rehearse", "--json")
    assert nothing.returncode == 2 and "--audio" in one_json_object(nothing.stdout)["error"]
    empty = soapbot(tmp_path, "rehearse", "-", "--json", stdin="  \n")
    assert empty.returncode == 2 and "no answer" in one_json_object(empty.stdout)["error"]
    missing = soapbot(tmp_path, "rehearse", "--audio", str(tmp_path / "nope.ogg"), "--json")
    assert missing.returncode == 2 and "no such file" in one_json_object(missing.stdout)["error"]
    for result in (nothing, empty, missing):
        assert "Traceback" not in result.stderr


@needs_voice
def test_recorded_answer_json_has_speech(tmp_path: Path) -> None:
    result = soapbot(tmp_path, "rehearse", "--audio", str(AUDIO / "filler_answer.ogg"), "--json")
    assert result.returncode == 0, result.stderr
    payload = one_json_object(result.stdout)
    assert [c["criterion"] for c in payload["criteria"]] == list(CRITERIA)
    speech = payload["speech"]
    assert "applied" in speech["transcript"] and speech["duration_seconds"] > 20
    assert {m["measure"]: m["status"] for m in speech["measures"]}["fillers"] != "pass"
    assert speech["long_pauses"] and speech["filler_count"] >= 5
    fillers = next(c for c in payload["criteria"] if c["criterion"] == "fillers")
    assert fillers["status"] != "pass"  # the rubric hears the same fillers in the transcript


@needs_voice
def test_recorded_answer_rich_output_shows_the_transcript_first(tmp_path: Path) -> None:
    result = soapbot(tmp_path, "rehearse", "--audio", str(AUDIO / "short_answer.ogg"))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("What I heard") < out.index("How you said it") < out.index("Criterion")
    assert "measured from your recording" in out


@needs_voice
def test_unreadable_recording_is_one_clear_line(tmp_path: Path) -> None:
    result = soapbot(tmp_path, "rehearse", "--audio", str(AUDIO / "not_audio.ogg"), "--json")
    assert result.returncode == 2 and "couldn't read that file as audio" in one_json_object(result.stdout)["error"]


async def test_console_rehearse_default_question(services: Services) -> None:
    chat, output = make_console(services, ["/rehearse", "", *ANSWER, "/quit"])
    await chat.run()
    text = output.getvalue()
    assert "Which question are you answering?" in text and "Why didn't you match?" in text
    assert "Criterion" in text and "Spoken length" in text and "offline mode" in text


async def test_console_rehearse_with_a_typed_question(services: Services) -> None:
    chat, output = make_console(services, ["/rehearse What are your weaknesses?", *ANSWER, "/quit"])
    await chat.run()
    text = output.getvalue()
    assert "What are your weaknesses?" in text and "brief-acknowledgment" not in text and "Criterion" in text
