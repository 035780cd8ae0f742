"""Clock times as people write them, with a.m./p.m. or with the part of the day instead."""

from __future__ import annotations

import pytest

from bot.core.base.clock_times import clock_readings


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [
        ("sending this at 8:35 p.m.", 20, 35),
        ("It's ten past two on Friday morning here in Nairobi", 2, 10),
        ("half past nine in the evening", 21, 30),
        ("a quarter to eight on Thursday night", 19, 45),
        ("eleven o'clock tonight", 23, 0),
        ("Writing this Thursday afternoon at 4:40", 16, 40),
        ("seven thirty this morning", 7, 30),
        ("it's around 2 at night and I can't sleep", 2, 0),
    ],
)
def test_the_part_of_the_day_says_morning_or_evening(text: str, hour: int, minute: int) -> None:
    [reading] = clock_readings(text)
    assert (reading.hour, reading.minute) == (hour, minute)


@pytest.mark.parametrize(
    "text",
    [
        "I'll call at 10:20",  # no a.m./p.m. and no part of the day: ambiguous
        "round 2 this afternoon went badly",  # a round, not two o'clock
        "I sent 5 applications this morning",
        "we have 3 interviews tomorrow evening",
    ],
)
def test_numbers_that_are_not_a_clock_time_are_not_read(text: str) -> None:
    assert clock_readings(text) == []


def test_the_zone_is_read_after_the_part_of_the_day() -> None:
    text = "I am writing at 6:05 on Friday morning, Singapore time."
    [reading] = clock_readings(text)
    assert text[reading.after :].lstrip(", ").startswith("Singapore time")
