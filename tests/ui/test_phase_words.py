"""The phase as Discord names it: the critique's footer says which phase a draft was checked as,
and the timeline's "Now" is :func:`current_phase`, whichever year's dates are shown."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.companion.calendar import ET, builtin_week, current_phase
from bot.core.critique import check_draft
from bot.ui.companion import timeline_embeds
from bot.ui.critique import critique_messages

DRAFT = "Dear Ms. Lee,\n\nThank you for the interview today. I enjoyed meeting the residents.\n\nBest,\nJane Doe\n"


@pytest.mark.parametrize(
    ("phase", "words"),
    [("before-soap", "before Match Week"), ("during-soap", "during SOAP"), ("after-soap", "after SOAP")],
)
def test_the_critique_footer_names_each_phase(phase: str, words: str) -> None:
    result = check_draft(DRAFT, "thank-you", "yes", phase)
    footer = critique_messages(result, phase)[0][0].footer.text or ""
    assert footer.endswith(f"· checked as {words}")


@pytest.mark.parametrize(
    "instant", ["2026-03-06T10:00", "2026-03-16T09:00", "2026-03-18T12:00", "2026-03-19T22:00", "2026-06-01T12:00"]
)
@pytest.mark.parametrize("year", [2026, 2027])
def test_timeline_now_is_current_phase_whichever_year_is_shown(instant: str, year: int) -> None:
    now = dt.datetime.fromisoformat(instant).replace(tzinfo=ET).astimezone(dt.UTC)
    phase = current_phase(now)
    [embed] = timeline_embeds(builtin_week(year), now)
    assert (embed.description or "").startswith(f"**Now: {phase.label}**\n{phase.can_now}\n")
