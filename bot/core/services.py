"""The services both front ends (terminal and Discord) share, built once from Settings."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from bot.config import Settings
from bot.core.base import resources
from bot.core.base.embeddings import Embedder, LocalMiniLM, build_embedder
from bot.core.base.guild_config import GuildConfigs
from bot.core.base.llm import LLMClient, build_llm
from bot.core.base.store import Store
from bot.core.community.reports import Reports
from bot.core.community.usage import UsageGate
from bot.core.companion.reminders import Reminders
from bot.core.interview.sessions import InterviewSessions
from bot.core.interview.transcription import TranscriptionService
from bot.core.knowledge.answers import Answerer
from bot.core.knowledge.articles import BUILTIN_SCOPE, chunks_of, load_articles
from bot.core.knowledge.index import KnowledgeIndex, ProgressCallback, SyncReport, guild_scope
from bot.core.knowledge.shipped import ShippedVectors
from bot.core.screen import DistressScreen

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    embedder: Embedder
    index: KnowledgeIndex
    answerer: Answerer
    store: Store
    configs: GuildConfigs
    usage: UsageGate
    reports: Reports
    interviews: InterviewSessions
    llm: LLMClient | None = None
    #: The distress screen that runs first on everything a student writes.
    screen: DistressScreen = field(default_factory=DistressScreen)
    #: Voice answers (speech to text); unavailable until built from settings.
    transcription: TranscriptionService = field(default_factory=TranscriptionService)
    #: Match Week reminders (DMs before milestones, thank-you nudges).
    reminders: Reminders | None = None

    @property
    def mode(self) -> str:
        return "llm" if self.llm is not None else "offline"

    def sync_builtin_knowledge(self, progress: ProgressCallback | None = None, rebuild: bool = False) -> SyncReport:
        """Index ``knowledge/`` incrementally (blocking; call from a thread in async code).

        Raises :class:`~bot.core.base.resources.GuidanceMissing` when the index then holds no
        built-in section: every answer would otherwise be "not covered"."""
        articles = load_articles(self.settings.knowledge_dir)
        report = self.index.sync_scope(BUILTIN_SCOPE, chunks_of(articles), progress=progress, rebuild=rebuild)
        if not self.index.scope_size(BUILTIN_SCOPE):
            raise resources.GuidanceMissing(resources.no_sections_message(self.settings.knowledge_dir))
        return report

    async def ensure_index(self, progress: ProgressCallback | None = None) -> SyncReport:
        """Bring the built-in index up to date (a no-op costing milliseconds when nothing changed)."""
        return await asyncio.to_thread(self.sync_builtin_knowledge, progress)

    async def scopes_for(self, user_id: int, guild_id: int | None) -> tuple[str, ...]:
        """Where a user's questions are searched: built-in guidance plus their server's own.

        In DMs the server is the one the user last used the bot in, if any.
        """
        if guild_id is None:
            guild_id = await self.store.last_guild(user_id)
        else:
            await self.store.remember_guild(user_id, guild_id)
        if guild_id is not None and self.index.scope_size(guild_scope(guild_id)):
            return (BUILTIN_SCOPE, guild_scope(guild_id))
        return (BUILTIN_SCOPE,)

    async def close(self) -> None:
        await self.store.close()
        await self.transcription.close()
        if self.llm is not None:
            await self.llm.close()


async def build_services(
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    llm: LLMClient | None = None,
) -> Services:
    """Raises :class:`~bot.core.base.resources.GuidanceMissing` (one line) when the built-in
    articles, calendar or prompt templates cannot be found."""
    resources.require_guidance(settings.knowledge_dir, settings.calendar_dir, settings.prompts_dir)
    embedder = embedder or build_embedder(settings)
    # The built-in guidance's vectors ship with the package: only new text is embedded.
    index = await asyncio.to_thread(KnowledgeIndex, settings, ShippedVectors(embedder))
    store = await Store(settings.db_path).open()
    llm = llm if llm is not None else build_llm(settings)
    configs = GuildConfigs(store)
    # The screen's classifier reads MiniLM vectors: share the retrieval model when it is MiniLM.
    minilm = embedder if isinstance(embedder, LocalMiniLM) else LocalMiniLM.shared()
    screen = DistressScreen.default(
        minilm,
        moderator=llm.moderate_self_harm if llm is not None else None,
        moderation_timeout=settings.moderation_timeout_seconds,
    )
    return Services(
        settings=settings,
        embedder=embedder,
        index=index,
        answerer=Answerer(index, embedder, prompt_token_budget=settings.ask_prompt_token_budget, screen=screen),
        store=store,
        configs=configs,
        usage=UsageGate(settings, store, configs, llm),
        reports=Reports(store),
        interviews=InterviewSessions(store, settings.interview_idle_minutes),
        llm=llm,
        screen=screen,
        transcription=TranscriptionService.from_settings(settings),
        reminders=Reminders(store),
    )
