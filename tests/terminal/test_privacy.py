"""/privacy in the terminal console."""

from __future__ import annotations

from bot.core.services import Services
from bot.terminal.common import CONSOLE_USER_ID
from tests.core.community.test_privacy import fill
from tests.terminal.test_repl import make_console


async def test_privacy_shows_and_deletes_after_confirmation(services: Services) -> None:
    await fill(services, CONSOLE_USER_ID)
    chat, output = make_console(
        services, ["/privacy", "/privacy delete", "n", "/privacy delete", "y", "/privacy", "/quit"]
    )
    await chat.run()
    text = output.getvalue()
    assert "soapbot.sqlite3" in text and "1 × Mock interview sessions" in text and "AI usage rows: 30 days" in text
    assert "Nothing was deleted." in text and "Deleted " in text
    assert text.rstrip().count("Nothing is stored about you.") == 1
    assert sum((await services.store.user_data_counts(CONSOLE_USER_ID)).values()) == 0
