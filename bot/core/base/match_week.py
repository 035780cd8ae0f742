"""When Match Week falls in a year, by the usual pattern: Match Day on the third Friday of March,
SOAP from the Monday of that week. The calendar (``bot.core.companion.calendar``) holds the
published schedules; this is the estimate it and the contact-rule check share."""

from __future__ import annotations

import datetime as dt

#: Days of Match Week by their first three letters, counted from its Monday.
DAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4}


def third_friday_of_march(year: int) -> dt.date:
    first = dt.date(year, 3, 1)
    offset = (4 - first.weekday()) % 7  # Friday is 4
    return first + dt.timedelta(days=offset + 14)


def estimated_soap_monday(year: int) -> dt.date:
    """Monday of Match Week in ``year`` by the usual pattern (Match Day on the third Friday of March)."""
    return third_friday_of_march(year) - dt.timedelta(days=4)
