"""The Match Week companion: the calendar and phases, the contact tracker, reminders, drafts and
the student's profile.

May import ``bot.core.base`` and ``bot.core.critique`` (drafts are checked by it); other
features use it through the names below.
"""

from bot.core.companion.calendar import relative_day_note, stated_moment_note
from bot.core.companion.computed import applications_left_note, hours_between_note
from bot.core.companion.dates import ASKS_CLOCK_TIME, date_answer

__all__ = [
    "ASKS_CLOCK_TIME",
    "applications_left_note",
    "date_answer",
    "hours_between_note",
    "relative_day_note",
    "stated_moment_note",
]
