"""One phase: :func:`current_phase` decides where Match Week stands, for every front end.

Pinned at instants through Match Week 2026 and outside it, with and without a server's
overrides; the default clock is :func:`now_utc`, which the front ends read too.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.companion import calendar
from bot.core.companion.calendar import ET, current_phase


def et(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=ET)


@pytest.mark.parametrize(
    ("instant", "phase_id", "critique_phase", "year"),
    [
        ("2026-01-15T12:00", "before-match-week", "before-soap", 2026),
        ("2026-03-15T23:59", "before-match-week", "before-soap", 2026),  # Sunday night before
        ("2026-03-16T00:00", "match-week-before-soap", "during-soap", 2026),  # Monday, before 10 a.m.
        ("2026-03-16T10:00", "soap-applications", "during-soap", 2026),  # SOAP opens
        ("2026-03-17T08:00", "soap-interviews", "during-soap", 2026),  # programs may contact
        ("2026-03-19T09:00", "soap-offers", "during-soap", 2026),  # round 1
        ("2026-03-19T11:30", "soap-offers", "during-soap", 2026),  # between rounds
        ("2026-03-19T20:59", "soap-offers", "during-soap", 2026),
        ("2026-03-19T21:00", "after-soap", "after-soap", 2026),  # SOAP ends
        ("2026-03-20T12:00", "after-match-day", "after-soap", 2026),  # Match Day
        ("2026-05-01T12:00", "after-match-day", "after-soap", 2026),  # still shown for 60 days
        ("2026-07-01T12:00", "before-match-week", "before-soap", 2027),  # then the next year's week
    ],
)
def test_current_phase_at_instants_of_match_week_and_outside_it(
    instant: str, phase_id: str, critique_phase: str, year: int
) -> None:
    phase = current_phase(et(instant))
    assert (phase.id, phase.critique_phase, phase.year) == (phase_id, critique_phase, year)


def test_a_servers_overrides_move_the_phase() -> None:
    moved = {"2026:monday": "2026-03-23"}  # the whole week a week later
    tuesday = et("2026-03-17T12:00")
    assert current_phase(tuesday).id == "soap-interviews"
    assert current_phase(tuesday, moved).id == "before-match-week"
    assert current_phase(et("2026-03-24T12:00"), moved).id == "soap-interviews"


def test_the_default_instant_is_the_shared_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calendar, "now_utc", lambda: et("2026-03-18T12:00").astimezone(dt.UTC))
    assert current_phase().id == "soap-interviews"
    monkeypatch.setattr(calendar, "now_utc", lambda: et("2026-03-19T22:00").astimezone(dt.UTC))
    assert current_phase().id == "after-soap"
