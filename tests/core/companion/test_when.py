"""Dates the student types mean the coming one (an interview) or the latest one (a message)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.companion.calendar import ET
from bot.core.companion.contacts import ContactError, WhenUnclear, parse_when


def et(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=ET)


FRIDAY_10AM = et("2026-03-06T10:00")


@pytest.mark.parametrize(
    ("text", "expect", "meant"),
    [
        ("wed 10am", "future", "2026-03-11T10:00"),  # next Wednesday, not the one just gone
        ("Wednesday 10:00", "future", "2026-03-11T10:00"),
        ("mon", "future", "2026-03-09T12:00"),  # a day alone means noon
        ("fri 11am", "future", "2026-03-06T11:00"),  # later today
        ("sat 9am", "future", "2026-03-07T09:00"),
        ("wed 10am", "past", "2026-03-04T10:00"),  # a message: the Wednesday just gone
        ("fri 9am", "past", "2026-03-06T09:00"),  # earlier today
        ("sat 9am", "past", "2026-02-28T09:00"),
        ("wed 10am", "nearest", "2026-03-04T10:00"),  # up to three days either way
        ("tomorrow 2pm", "future", "2026-03-07T14:00"),
        ("yesterday 4pm", "past", "2026-03-05T16:00"),
        ("today 2pm", "future", "2026-03-06T14:00"),
        ("3/6 9am", "future", "2026-03-06T09:00"),  # a written date is taken as written
        ("2026-03-04 10:00", "future", "2026-03-04T10:00"),
    ],
)
def test_weekdays_and_today_point_the_way_the_field_expects(text: str, expect: str, meant: str) -> None:
    assert parse_when(text, FRIDAY_10AM, expect=expect) == et(meant)  # type: ignore[arg-type]


def test_a_time_today_that_has_passed_is_asked_about() -> None:
    afternoon = et("2026-03-06T15:00")
    with pytest.raises(WhenUnclear) as caught:
        parse_when("today 2pm", afternoon, expect="future")
    assert caught.value.choices == [et("2026-03-06T14:00")]
    assert "has already passed" in str(caught.value) and "3/6 2:00pm" in str(caught.value)
    assert isinstance(caught.value, ContactError)  # front ends that cannot ask show the message
    # A weekday that is today: today's (already passed) or next week's.
    with pytest.raises(WhenUnclear) as caught:
        parse_when("fri 9am", FRIDAY_10AM, expect="future")
    assert caught.value.choices == [et("2026-03-06T09:00"), et("2026-03-13T09:00")]
    # For a message, a time still ahead today is the doubtful one.
    with pytest.raises(WhenUnclear) as caught:
        parse_when("today 5pm", FRIDAY_10AM, expect="past")
    assert "is still ahead" in str(caught.value)
    # Written as a date, it is what was meant.
    assert parse_when("3/6 2pm", afternoon, expect="future") == et("2026-03-06T14:00")
