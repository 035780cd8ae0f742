"""``soapbot`` with a fixed clock, for the pseudo-terminal tests.

    python -m tests.terminal.pty_driver NOW ARGS...

NOW is an ISO instant (``2026-03-06T10:00:00-05:00``) or ``-`` for the real clock; ARGS are
``soapbot``'s. Every front end reads "now" from :func:`bot.core.companion.calendar.now_utc`
(the terminal's companion module imported it by name, so it is replaced there too).
"""

from __future__ import annotations

import datetime as dt
import sys


def main() -> None:
    now, args = sys.argv[1], sys.argv[2:]
    if now != "-":
        from bot.core.companion import calendar
        from bot.terminal import companion

        fixed = dt.datetime.fromisoformat(now).astimezone(dt.UTC)
        calendar.now_utc = lambda: fixed
        companion.now_utc = lambda: fixed  # type: ignore[attr-defined]
    sys.argv = ["soapbot", *args]
    from bot.terminal.cli import main as soapbot

    soapbot()


if __name__ == "__main__":
    main()
