"""``soapbot doctor``: check the set-up and say what to fix, one line per finding."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from bot.config import Settings


@dataclass
class Check:
    name: str
    status: str  # ok | warn | fail
    detail: str


async def _check_llm(settings: Settings) -> Check:
    if not settings.llm_configured:
        return Check("LLM", "warn", "No OPENAI_API_KEY or OPENAI_BASE_URL: running in offline mode (that's fine).")
    from bot.core.base.llm import LLMClient, LLMError

    client = LLMClient(settings.model_copy(update={"llm_max_retries": 0, "llm_timeout_seconds": 10}))
    try:
        await client.complete([{"role": "user", "content": "Reply with the word ok."}], purpose="doctor", max_tokens=5)
        return Check("LLM", "ok", f"{settings.chat_model} answered at {settings.openai_base_url or 'the OpenAI API'}.")
    except LLMError as exc:
        hint = {
            "auth": "Check OPENAI_API_KEY.",
            "connection": "Check OPENAI_BASE_URL and that the server is running.",
            "malformed": f"Check CHAT_MODEL ({settings.chat_model}) exists on that server.",
        }.get(exc.kind, "Try again later; the bot falls back to offline mode meanwhile.")
        return Check("LLM", "fail", f"Not usable: {exc.notice}. {hint}")
    finally:
        await client.close()


def _check_index(settings: Settings) -> Check:
    from bot.core.base.embeddings import build_embedder
    from bot.core.knowledge.articles import BUILTIN_SCOPE, ArticleError, chunks_of, load_articles
    from bot.core.knowledge.index import KnowledgeIndex

    try:
        articles = load_articles(settings.knowledge_dir)
    except ArticleError as exc:
        return Check("Knowledge", "fail", f"{exc}. Fix the article, then run `soapbot index`.")
    index = KnowledgeIndex(settings, build_embedder(settings))
    wanted = {c.id for c in chunks_of(articles)}
    served = {c.id for c in index.chunks(BUILTIN_SCOPE)}
    if not served:
        return Check("Index", "warn", "No index yet. It builds on first use, or run `soapbot index` now.")
    if wanted != served:
        return Check(
            "Index", "warn", f"{len(wanted ^ served)} sections changed since the last index. Run `soapbot index`."
        )
    return Check(
        "Index", "ok", f"{len(articles)} articles, {len(served)} sections indexed ({index.embedder.model_id})."
    )


def _check_data_dir(settings: Settings) -> Check:
    path = settings.data_dir
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        return Check("Data directory", "fail", f"{path} is not writable ({exc.strerror}). Set DATA_DIR.")
    return Check("Data directory", "ok", f"{path.resolve()}")


DISCORD_API = "https://discord.com/api/v10"


async def _check_discord(settings: Settings) -> Check:
    """The token's shape, then whether Discord accepts it (GET /users/@me)."""
    if settings.discord_token is None:
        return Check("Discord", "warn", "No DISCORD_TOKEN: only the terminal console will run (`soapbot chat`).")
    token = settings.discord_token.get_secret_value()
    shape = "" if token.count(".") == 2 else " It does not look like a bot token (three dot-separated parts)."
    import aiohttp

    base = (settings.discord_api_base_url or DISCORD_API).rstrip("/")
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=8)) as session,
            session.get(f"{base}/users/@me", headers={"Authorization": f"Bot {token}"}) as response,
        ):
            if response.status == 401:
                return Check(
                    "Discord", "fail", f"Discord rejected DISCORD_TOKEN.{shape} Copy it again from the Bot tab."
                )
            if response.status != 200:
                return Check("Discord", "warn", f"Discord answered HTTP {response.status}; try again shortly.")
            name = (await response.json(content_type=None)).get("username", "the bot")
    except (aiohttp.ClientError, TimeoutError) as exc:
        return Check("Discord", "fail", f"Could not reach Discord ({type(exc).__name__}). Check the network.{shape}")
    scope = f"guild {settings.dev_guild_id}" if settings.dev_guild_id else "globally (can take up to an hour to appear)"
    return Check("Discord", "ok", f"Logged in as {name}; slash commands will sync {scope}.")


async def run_doctor(settings: Settings, console: Console) -> int:
    checks = [
        _check_data_dir(settings),
        await asyncio.to_thread(_check_index, settings),
        await _check_llm(settings),
        await _check_discord(settings),
    ]
    if settings.chroma_host:
        checks.append(Check("Chroma", "ok", f"Server mode: {settings.chroma_host}:{settings.chroma_port}"))
    if not os.path.exists(".env"):
        checks.append(
            Check(".env", "warn", "No .env file here; settings come from the environment (see .env.example).")
        )
    table = Table(show_header=True)
    table.add_column("Check")
    table.add_column("Status")
    table.add_column("Detail")
    colours = {"ok": "green", "warn": "yellow", "fail": "red"}
    for check in checks:
        table.add_row(check.name, f"[{colours[check.status]}]{check.status}[/]", check.detail)
    console.print(table)
    failed = [c for c in checks if c.status == "fail"]
    console.print("[red]Fix the failures above.[/]" if failed else "[green]Ready.[/]")
    return 1 if failed else 0
