"""Numbers worked out for the student: hours between two moments of Match Week (from the
calendar) and the applications left under the cap."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.core.base.time_zones import EASTERN
from bot.core.companion.computed import APPLICATION_CAP, applications_left_note, hours_between_note

#: During the 2026 season: the 2026 calendar (confirmed dates) is the one read.
NOW = dt.datetime(2026, 2, 1, 12, tzinfo=EASTERN)


@pytest.mark.parametrize(
    ("question", "hours"),
    [
        ("unfilled list to first offers, how many hours?", "71 hours"),
        ("How long does SOAP last from start to end, in hours?", "83 hours"),
        ("how many hours between the end of SOAP and the match results on Friday", "15 hours"),
        ("hrs from the list coming out until programs can start contacting us?", "22 hours"),
    ],
)
def test_hours_between_two_moments_come_from_the_calendar(question: str, hours: str) -> None:
    note = hours_between_note(question, NOW)
    assert note is not None and hours in note and "2026" in note, note


@pytest.mark.parametrize(
    "question",
    [
        "how long does an offer stay open?",  # the guidance says: two hours
        "how long should my thank-you email be?",
        "what time does the list come out on Monday?",
    ],
)
def test_no_hours_note_without_two_moments_to_count_between(question: str) -> None:
    assert hours_between_note(question, NOW) is None


@pytest.mark.parametrize(
    ("question", "left"),
    [
        ("sent 28 apps on monday, how many more can i send?", 17),
        ("I applied to 19 internal medicine and 12 family medicine programs. How many I can still apply to?", 14),
        ("used 40 already, how many apps do i have left", 5),
        ("sent 25 apps monday and 6 more on wednesday, how many more can I send?", 14),
        ("applied to 20 so far and 3 programs have called me back; how many more applications can I send?", 25),
    ],
)
def test_applications_left_are_the_cap_less_those_sent(question: str, left: int) -> None:
    note = applications_left_note(question)
    assert note is not None and note.startswith(f"You can send {left} more"), note


@pytest.mark.parametrize(
    "question",
    [
        "how many programs can I apply to in SOAP?",  # the cap itself: the guidance answers
        "2 programs called me back, how many more rounds are left?",
        "I sent 30 apps, is that enough?",
        # the main Match's applications and interviews are not SOAP's
        "I applied to 60 programs in the main Match and interviewed at 4. How many SOAP applications do I have left?",
        "12 programs on my list so far, how many more can I add?",
    ],
)
def test_no_applications_note_without_a_count_and_a_question_about_what_is_left(question: str) -> None:
    assert applications_left_note(question) is None


def test_a_count_over_the_cap_is_questioned_not_subtracted() -> None:
    note = applications_left_note("I've applied to 30 IM and 25 FM programs, how many more can I add?")
    assert note is not None and "55" in note and "more than the 45" in note


def test_the_cap_is_the_guidances_own_figure() -> None:
    article = (Path(__file__).resolve().parents[3] / "knowledge" / "applications.md").read_text(encoding="utf-8")
    assert re.search(rf"\bat most {APPLICATION_CAP} applications\b", article)


@pytest.mark.parametrize(
    ("question", "hours", "given"),
    [
        ("it's wed 11pm eastern and i can't sleep. how long till offers start tmrw", "10 hours to go", "read as ET"),
        ("thursday 5pm pacific here, how long until SOAP ends?", "1 hour to go", "Pacific"),
    ],
)
def test_hours_from_the_moment_the_student_gives_to_the_one_asked_about(question: str, hours: str, given: str) -> None:
    note = hours_between_note(question, NOW)
    assert note is not None and hours in note and given in note, note


def test_a_moment_at_or_past_the_one_asked_about_says_no_time_is_left() -> None:
    for question in (
        "it's thursday 10pm, how long until round 1?",
        "it's thursday 6pm pacific, how long until SOAP ends?",
    ):
        note = hours_between_note(question, NOW)
        assert note is not None and note.startswith("No time left") and "lasts" not in note, note
