"""``soapbot doctor``: check the set-up and say what to fix, one line per finding."""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from bot.config import Settings


@dataclass
class Check:
    name: str
    status: str  # ok | warn | fail
    detail: str


#: The reply room ``/ask`` asks for (bot/core/knowledge/answers.py), for the context check.
ASK_REPLY_TOKENS = 500

_LLM_HINTS = {
    "auth": "Check OPENAI_API_KEY.",
    "connection": "Check OPENAI_BASE_URL and that the server is running.",
    "timeout": "Check OPENAI_BASE_URL and that the server is running.",
    "malformed": "Check CHAT_MODEL and OPENAI_BASE_URL.",
}


async def _api_below(settings: Settings) -> str | None:
    """``OPENAI_BASE_URL`` + ``/v1`` when that (and not the URL itself) is an OpenAI-compatible API."""
    from bot.core.base.llm import LLMClient, LLMError

    base = (settings.openai_base_url or "").rstrip("/")
    if not base or base.endswith("/v1"):
        return None
    candidate = f"{base}/v1"
    client = LLMClient(
        settings.model_copy(update={"openai_base_url": candidate, "llm_max_retries": 0, "llm_timeout_seconds": 10})
    )
    try:
        await client.list_models()
        return candidate
    except LLMError:
        return None
    finally:
        await client.close()


async def _check_llm(settings: Settings) -> list[Check]:
    """The server answers, serves CHAT_MODEL (``GET /models``), and holds the default prompt."""
    if not settings.llm_configured:
        return [Check("LLM", "warn", "No OPENAI_API_KEY or OPENAI_BASE_URL: running in offline mode (that's fine).")]
    from bot.core.base.llm import LLMClient, LLMError, context_window_of

    where = settings.openai_base_url or "the OpenAI API"
    model = settings.chat_model
    client = LLMClient(settings.model_copy(update={"llm_max_retries": 0, "llm_timeout_seconds": 10}))
    try:
        models: list[dict[str, object]] | None = None
        try:
            models = await client.list_models()
        except LLMError as exc:
            if exc.kind in ("auth", "connection", "timeout"):
                return [Check("LLM", "fail", f"Not usable: {exc.notice}. {_LLM_HINTS[exc.kind]}")]
            if exc.status == 404 and (fixed := await _api_below(settings)):
                return [
                    Check(
                        "LLM",
                        "fail",
                        f"{where} is not the API itself (HTTP 404), but {fixed} is: set OPENAI_BASE_URL={fixed}.",
                    )
                ]
            # Some gateways do not list their models: the completion below still tells.
        ids = [str(m.get("id")) for m in models or []]
        if ids and model not in ids:
            shown = ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "")
            return [
                Check(
                    "LLM",
                    "fail",
                    f"CHAT_MODEL {model} is not served at {where}; it serves: {shown}. Set CHAT_MODEL to one of them.",
                )
            ]
        try:
            await client.complete(
                [{"role": "user", "content": "Reply with the word ok."}],
                purpose="doctor",
                max_tokens=5,
                allow_truncated=True,
            )
        except LLMError as exc:
            if exc.status == 404 and models is None:
                detail = (
                    f"Nothing OpenAI-compatible answers at {where} (HTTP 404 for /models and /chat/completions). "
                    "Check OPENAI_BASE_URL; it usually ends in /v1."
                )
            elif exc.status == 404:
                detail = f"{where} lists {model} but answered HTTP 404 for it. Check CHAT_MODEL."
            else:
                hint = _LLM_HINTS.get(exc.kind, "Try again later; the bot falls back to offline mode meanwhile.")
                detail = f"Not usable: {exc.notice}. {hint}"
            return [Check("LLM", "fail", detail)]
        unlisted = "" if models is not None else " (the server does not list its models)"
        checks = [Check("LLM", "ok", f"{model} answered at {where}.{unlisted}")]
        checks.append(await _check_context(settings, context_window_of(models or [], model)))
        return checks
    finally:
        await client.close()


def _filler(tokens_wanted: int) -> str:
    from bot.core.base.tokens import count_tokens

    sentence = "During SOAP, programs contact applicants first, and applicants reply to them. "
    return sentence * max(1, tokens_wanted // count_tokens(sentence))


async def _check_context(settings: Settings, window: int | None) -> Check:
    """Whether the server's context holds the default ask prompt and its reply: from what
    ``/models`` said, or measured once with a prompt of that size (a self-hosted server)."""
    from bot.core.base.llm import LLMClient, LLMError
    from bot.core.base.tokens import count_tokens

    budget = settings.ask_prompt_token_budget
    ratio = LLMClient.ESTIMATE_FACTOR
    measured = ""
    if window is None:
        if not settings.openai_base_url:
            return Check("LLM context", "ok", "OpenAI's models hold the default prompt.")
        probe = LLMClient(settings.model_copy(update={"llm_max_retries": 0}))
        filler = _filler(budget)
        started = time.perf_counter()
        try:
            result = await probe.complete(
                [{"role": "system", "content": filler}, {"role": "user", "content": "Reply with the word ok."}],
                purpose="doctor",
                max_tokens=8,
                allow_truncated=True,
            )
            seconds = time.perf_counter() - started
            if not result.usage_estimated:
                ratio = max(1.0, result.prompt_tokens / (count_tokens(filler) + 20))
            measured = f" A prompt of the default size took {seconds:.1f} s."
            if seconds > settings.llm_timeout_seconds / 2:
                return Check(
                    "LLM context",
                    "warn",
                    f"A prompt of the default size (ASK_PROMPT_TOKEN_BUDGET={budget}) took {seconds:.1f} s of the "
                    f"{settings.llm_timeout_seconds:g} s LLM_TIMEOUT_SECONDS allows a whole call: answers may time "
                    "out. Raise LLM_TIMEOUT_SECONDS or lower ASK_PROMPT_TOKEN_BUDGET.",
                )
        except LLMError as exc:
            if exc.kind == "timeout":
                return Check(
                    "LLM context",
                    "warn",
                    f"A prompt of the default size (ASK_PROMPT_TOKEN_BUDGET={budget}) got no answer within "
                    f"LLM_TIMEOUT_SECONDS ({settings.llm_timeout_seconds:g} s): answers would fall back to offline. "
                    "Raise LLM_TIMEOUT_SECONDS or lower ASK_PROMPT_TOKEN_BUDGET.",
                )
            if exc.kind != "context" or probe.context_window is None:
                return Check("LLM context", "warn", f"Could not measure the server's context ({exc.notice}).")
            window, ratio = probe.context_window, probe.token_ratio
        finally:
            await probe.close()
    if window is None:
        return Check("LLM context", "ok", f"The server holds a prompt of the default size.{measured}")
    need = int(budget * ratio) + ASK_REPLY_TOKENS + LLMClient.CONTEXT_MARGIN
    if window < need:
        fits = max(0, int((window - ASK_REPLY_TOKENS - LLMClient.CONTEXT_MARGIN) / ratio))
        return Check(
            "LLM context",
            "warn",
            f"The server's context holds {window} tokens; the default ask prompt and its reply need about {need}. "
            "Answers will quote fewer passages. Give the server a larger context (llama.cpp: --n_ctx 4096; "
            f"Ollama: num_ctx) or set ASK_PROMPT_TOKEN_BUDGET={fits}.",
        )
    return Check(
        "LLM context", "ok", f"The server's context ({window} tokens) holds the default prompt and reply.{measured}"
    )


async def _check_embeddings(settings: Settings) -> Check | None:
    """With EMBEDDING_PROVIDER=openai: the endpoint returns one sound vector per text."""
    if settings.embedding_provider != "openai":
        return None
    from bot.core.base.embeddings import EmbeddingError, OpenAIEmbedder

    embedder = OpenAIEmbedder(settings.model_copy(update={"llm_max_retries": 0, "llm_timeout_seconds": 10}))
    try:
        vectors = await asyncio.to_thread(embedder.embed, ["How does SOAP work?", "Programs contact applicants first."])
    except EmbeddingError as exc:
        return Check("Embeddings", "fail", str(exc))
    where = settings.openai_base_url or "the OpenAI API"
    return Check(
        "Embeddings",
        "ok",
        f"{settings.embedding_model} at {where} returns one {len(vectors[0])}-number vector per text.",
    )


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


def _check_guidance(settings: Settings) -> Check:
    """Where the built-in articles, calendar and prompt templates come from (they were found)."""
    from bot.core.base import resources

    articles = [p for p in settings.knowledge_dir.glob("*.md") if p.name.lower() != "readme.md"]
    years = sorted(int(p.stem) for p in settings.calendar_dir.glob("*.toml") if p.stem.isdigit())
    where = "built in" if settings.knowledge_dir == resources.builtin("knowledge") else str(settings.knowledge_dir)
    return Check(
        "Guidance",
        "ok",
        f"{len(articles)} articles ({where}), calendars {years[0]}-{years[-1]}, "
        f"{len(list(settings.prompts_dir.glob('*.md')))} prompt templates.",
    )


async def run_doctor(settings: Settings, console: Console) -> int:
    from bot.core.base import resources

    # Without the built-in guidance nothing else matters: one line, like every other command.
    problem = resources.guidance_problem(settings.knowledge_dir, settings.calendar_dir, settings.prompts_dir)
    if problem is not None:
        from bot.terminal.common import fail

        fail(problem)
    checks = [
        _check_guidance(settings),
        _check_data_dir(settings),
        await asyncio.to_thread(_check_index, settings),
        *await _check_llm(settings),
        await _check_discord(settings),
    ]
    embeddings = await _check_embeddings(settings)
    if embeddings is not None:
        checks.insert(3, embeddings)
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
