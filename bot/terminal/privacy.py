"""/privacy in the terminal console: what is stored for the local user, and deleting it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

from bot.core.community.privacy import delete_everything, retention_lines, stored_about
from bot.terminal.common import CONSOLE_USER_ID
from bot.terminal.files import console_files, delete_console_files

if TYPE_CHECKING:
    from bot.terminal.repl import ChatConsole


def register_console(chat: ChatConsole) -> None:
    async def privacy(arg: str) -> None:
        store, out = chat.services.store, chat.console
        data_dir = chat.services.settings.data_dir
        items = [i for i in await stored_about(store, CONSOLE_USER_ID) if i.count]
        files = console_files(data_dir)
        if arg.strip().lower() != "delete":
            out.print(f"[bold]Stored in[/] {escape(str(store.path))}")
            for item in items:
                out.print(f"  {item.count} × {escape(item.description)}")
            if not items:
                out.print("  Nothing is stored about you.")
            if files:
                out.print("[bold]Files the console wrote[/] (what you typed at its prompt, saved summaries):")
                for path in files:
                    out.print(f"  {escape(str(path))}")
            out.print("[bold]Kept for[/]: " + "; ".join(retention_lines()) + ".")
            out.print("[dim]/privacy delete removes all of it.[/]")
            return
        if not items and not files:
            out.print("Nothing to delete.")
            return
        total = sum(i.count for i in items)
        what = " and ".join(
            part for part in (f"{total} records" if total else "", f"{len(files)} files" if files else "") if part
        )
        answer = (await chat.read(f"Delete all {what} stored about you? \\[y/N] ")).strip()
        if answer.lower() not in ("y", "yes"):
            out.print("Nothing was deleted.")
            return
        records = await delete_everything(store, CONSOLE_USER_ID)
        removed = delete_console_files(data_dir)
        chat.reader.forget_history()
        out.print(f"Deleted {records} records and {len(removed)} files.")

    chat.register("privacy", "What is stored about you and for how long; /privacy delete removes it.", privacy)
