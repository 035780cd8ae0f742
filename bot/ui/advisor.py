"""Embeds for /advisor: the server's settings, its guidance articles, and the cohort view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import discord

from bot.core.base.guild_config import GuildConfig
from bot.core.base.text import clip
from bot.core.community.cohort import KIND_LABELS, CohortSummary, Ranked
from bot.core.community.guild_articles import MAX_ARTICLES_PER_GUILD, AddResult, GuildArticle
from bot.ui import limits
from bot.ui.embeds import COLOUR_ANSWER, COLOUR_OK, group_into_messages, pack_fields

#: An article's title in the list (the whole title is in the article itself).
ARTICLE_TITLE_ROOM = 200


def settings_embed(
    config: GuildConfig,
    *,
    default_year: int,
    default_budget: int,
    default_hourly: int,
    tokens_today: int,
    ai_enabled: bool,
    changed: Sequence[str] = (),
    warnings: Sequence[str] = (),
) -> discord.Embed:
    """The server's settings as an advisor sees them; defaults say so."""
    title = "Server settings updated" if changed else "Server settings"
    embed = discord.Embed(title=title, colour=COLOUR_OK if changed else COLOUR_ANSWER)
    role = f"<@&{config.advisor_role_id}>" if config.advisor_role_id else "not set (members with Manage Server only)"
    channel = (
        f"<#{config.report_channel_id}>" if config.report_channel_id else "not set (students can't share reports yet)"
    )
    year = str(config.soap_year) if config.soap_year else f"{default_year} (default)"
    budget = (
        f"{config.daily_token_budget:,} tokens"
        if config.daily_token_budget is not None
        else f"{default_budget:,} tokens (default)"
    )
    hourly = (
        f"{config.user_hourly_limit} requests"
        if config.user_hourly_limit is not None
        else f"{default_hourly} requests (default)"
    )
    rows = [
        ("Advisor role", role),
        ("Report channel", channel),
        ("SOAP year in answers", year),
        ("/ask answers", "private by default" if config.ask_private else "public by default"),
        ("Daily AI budget (server)", f"{budget} · {tokens_today:,} used in the last 24 h"),
        ("AI limit per student per hour", hourly),
    ]
    for name, value in rows:
        embed.add_field(name=name, value=clip(value, limits.EMBED_FIELD_VALUE), inline=False)
    notes = list(warnings)
    if not ai_enabled:
        notes.append("The bot runs in offline mode (no AI model configured), so the AI limits are not used.")
    if notes:
        embed.add_field(name="Note", value=clip("\n".join(notes), limits.EMBED_FIELD_VALUE), inline=False)
    embed.set_footer(text="Change a setting: /advisor setup <option> · reset one: /advisor setup reset:<setting>")
    return embed


def _date(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%d")


def article_added_embed(result: AddResult) -> discord.Embed:
    verb = "Replaced" if result.replaced else "Added"
    sections = len(result.article.sections)
    description = (
        f"{verb} **{result.article.title}** ({sections} section{'s' if sections != 1 else ''}). "
        "Students' /ask questions in this server now search it alongside the built-in guidance, "
        "and answers cite it by title."
    )
    return discord.Embed(
        title="Server guidance", description=clip(description, limits.EMBED_DESCRIPTION), colour=COLOUR_OK
    )


def articles_messages(articles: Sequence[GuildArticle]) -> list[list[discord.Embed]]:
    """The server's articles, one line each, over as many embeds and messages as they need."""
    embed = discord.Embed(title="Server guidance", colour=COLOUR_ANSWER)
    if not articles:
        embed.description = "No server articles yet. Add one with `/advisor knowledge add` (a .md or .txt file)."
        return [[embed]]
    embed.description = (
        f"{len(articles)} of {MAX_ARTICLES_PER_GUILD} articles. Remove one with `/advisor knowledge remove`."
    )
    lines = [
        clip(
            f"**{clip(a.title, ARTICLE_TITLE_ROOM)}** · `{a.slug}` · {max(1, round(a.size / 1000))} KB · "
            f"added {_date(a.created_at)}" + (f" by <@{a.uploaded_by}>" if a.uploaded_by else ""),
            limits.EMBED_FIELD_VALUE,
        )
        for a in articles
    ]
    pack_fields(embed, "Articles", lines)
    return group_into_messages([embed])


def _ranked_lines(items: Sequence[Ranked], total: int, unit: str) -> list[str]:
    return [f"{i}. {item.label} — {item.count} of {total} {unit}" for i, item in enumerate(items, 1)]


def cohort_embed(summary: CohortSummary) -> discord.Embed:
    """Counts only — no names, no text."""
    period = "the last 7 days" if summary.days == 7 else f"the last {summary.days} days"
    embed = discord.Embed(title=f"Cohort — {period}", colour=COLOUR_ANSWER)
    if summary.suppressed:
        embed.description = "\n".join(summary.withheld)
    else:
        embed.description = (
            f"**{summary.students}** students used SOAP Coach; **{summary.practised}** practised "
            "(mock interview, rehearsal or message critique)."
        )
        sessions = [f"{KIND_LABELS.get(kind, kind)}: {n}" for kind, n in sorted(summary.sessions.items())]
        pack_fields(embed, "Sessions", sessions or ["None"])
        if summary.findings:
            pack_fields(
                embed,
                "Most common critique findings",
                _ranked_lines(summary.findings, summary.findings_total, "critiques"),
            )
        if summary.weaknesses:
            pack_fields(
                embed,
                "Most common answer weaknesses",
                _ranked_lines(summary.weaknesses, summary.weaknesses_total, "rehearsals and interviews"),
            )
        if summary.withheld:
            pack_fields(embed, "Not shown", summary.withheld)
    embed.set_footer(
        text="Anonymous counts only: no names and no text. Practice in DMs counts toward the student's server."
    )
    return embed
