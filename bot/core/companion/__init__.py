"""The Match Week companion: the calendar and phases, the contact tracker, reminders, drafts and
the student's profile.

May import ``bot.core.base`` and ``bot.core.critique`` (drafts are checked by it); other
features use it through the names below.
"""

from bot.core.companion.calendar import relative_day_note

__all__ = ["relative_day_note"]
