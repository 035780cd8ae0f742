"""/advisor: server setup, server guidance, cohort view; registers the persistent share buttons.

Who may use it is checked when each command runs: members with Manage Server, or with the
advisor role chosen in ``/advisor setup``. The commands carry no ``default_permissions``, so an
advisor who only has the role still sees them; a server admin can narrow who sees them in
Server Settings → Integrations.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.base.guild_config import GuildConfig
from bot.core.base.text import clip
from bot.core.community.cohort import cohort_summary
from bot.core.community.guild_articles import ServerGuidance, check_upload
from bot.core.companion.calendar import CalendarError
from bot.core.knowledge.answers import DEFAULT_SOAP_YEAR
from bot.core.knowledge.articles import ArticleError
from bot.ui import limits
from bot.ui.advisor import article_added_embed, articles_messages, cohort_embed, settings_embed
from bot.ui.companion import advisor_calendar, override_choices
from bot.ui.embeds import COLOUR_OK, group_into_messages, notice_embed
from bot.ui.errors import UserError
from bot.ui.reply import reply_messages
from bot.ui.share import ShareButton

if TYPE_CHECKING:
    from bot.client import SoapBot

log = logging.getLogger(__name__)

RESETTABLE = {
    "advisor role": ("advisor_role_id", None),
    "report channel": ("report_channel_id", None),
    "SOAP year": ("soap_year", None),
    "ask private": ("ask_private", False),
    "daily token budget": ("daily_token_budget", None),
    "hourly limit": ("user_hourly_limit", None),
}


class NotAdvisor(app_commands.CheckFailure):
    pass


def member_role_ids(member: discord.abc.User) -> set[int]:
    """Role ids from the interaction's member payload (the member cache is not populated)."""
    ids = {int(r) for r in getattr(member, "_roles", ())}
    ids.update(r.id for r in getattr(member, "roles", ()))
    return ids


#: Settings that decide who sees students' reports: only Manage Server may change them.
ACCESS_SETTINGS = ("advisor_role_id", "report_channel_id")


def manages_server(interaction: discord.Interaction) -> bool:
    permissions = interaction.permissions
    return bool(interaction.guild_id is not None and (permissions.manage_guild or permissions.administrator))


def is_advisor(interaction: discord.Interaction, config: GuildConfig | None) -> bool:
    """Manage Server (or Administrator) in this server, or the configured advisor role."""
    if interaction.guild_id is None:
        return False
    permissions = interaction.permissions
    if permissions.manage_guild or permissions.administrator:
        return True
    role_id = config.advisor_role_id if config else None
    return bool(role_id and role_id in member_role_ids(interaction.user))


class AdvisorCog(commands.Cog):
    advisor = app_commands.Group(
        name="advisor",
        description="For advisors: server settings, server guidance and the cohort view.",
        guild_only=True,
        allowed_contexts=app_commands.AppCommandContext(guild=True),
    )
    knowledge = app_commands.Group(name="knowledge", description="Your server's own guidance articles.", parent=advisor)

    def __init__(self, bot: SoapBot) -> None:
        self.bot = bot
        self.services = bot.services
        self.guidance = ServerGuidance(self.services.store, self.services.index)

    async def cog_load(self) -> None:
        # The table is the source of truth: rebuild server articles in the index if it was lost.
        try:
            await self.guidance.resync_all()
        except Exception:
            log.exception("server articles could not be re-indexed at start")

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        config = await self.services.configs.get(interaction.guild_id)
        if is_advisor(interaction, config):
            return True
        log.info("advisor command refused interaction=%s user=%s", interaction.id, interaction.user.id)
        who = "Manage Server permission or this server's advisor role"
        raise NotAdvisor(f"Only members with the {who} can use /advisor commands.")

    # ----- setup -------------------------------------------------------------------------------

    @advisor.command(name="setup", description="Show or change this server's SOAP Coach settings.")
    @app_commands.describe(
        advisor_role="Members with this role may use /advisor (as well as Manage Server). Manage Server only.",
        report_channel="Where reports students choose to share are posted. Manage Server only.",
        soap_year="The Match year whose dates answers describe.",
        ask_private="Whether /ask answers are private (only the asker sees them) by default.",
        daily_token_budget="AI tokens the whole server may use per day; then the bot answers offline.",
        hourly_limit="AI requests each student may make per hour; then the bot answers offline.",
        reset="Put one setting back to its default.",
    )
    @app_commands.choices(reset=[app_commands.Choice(name=name, value=name) for name in RESETTABLE])
    async def setup_command(
        self,
        interaction: discord.Interaction,
        advisor_role: discord.Role | None = None,
        report_channel: discord.TextChannel | None = None,
        soap_year: app_commands.Range[int, 2020, 2100] | None = None,
        ask_private: bool | None = None,
        daily_token_budget: app_commands.Range[int, 0, 100_000_000] | None = None,
        hourly_limit: app_commands.Range[int, 0, 1000] | None = None,
        reset: app_commands.Choice[str] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        changes: dict[str, object] = {}
        warnings: list[str] = []
        access = advisor_role is not None or report_channel is not None
        access = access or (reset is not None and RESETTABLE[reset.value][0] in ACCESS_SETTINGS)
        if access and not manages_server(interaction):
            # The advisor role must not be able to hand itself on, or send students' reports elsewhere.
            log.info("advisor setup refused interaction=%s reason=access-setting", interaction.id)
            raise UserError(
                "Only members with Manage Server can change the advisor role or the report channel. "
                "Nothing was changed."
            )
        if advisor_role is not None:
            if advisor_role.is_default():
                raise UserError("Choose a role other than @everyone as the advisor role.")
            changes["advisor_role_id"] = advisor_role.id
        if report_channel is not None:
            changes["report_channel_id"] = report_channel.id
            if report_channel.permissions_for(report_channel.guild.default_role).view_channel:
                warnings.append(
                    f"Everyone in this server can see {report_channel.mention}, so everyone would see the reports "
                    "students share there. A channel only advisors can see is better."
                )
            me = report_channel.guild.me
            if me is not None:
                can = report_channel.permissions_for(me)
                if not (can.view_channel and can.send_messages and can.embed_links):
                    warnings.append(
                        f"I may not be able to post in {report_channel.mention}: give me View Channel, "
                        "Send Messages and Embed Links there."
                    )
        if soap_year is not None:
            changes["soap_year"] = soap_year
        if ask_private is not None:
            changes["ask_private"] = ask_private
        if daily_token_budget is not None:
            changes["daily_token_budget"] = daily_token_budget
        if hourly_limit is not None:
            changes["user_hourly_limit"] = hourly_limit
        if reset is not None:
            field, default = RESETTABLE[reset.value]
            if field in changes:
                raise UserError(f"You both set and reset the {reset.value}; choose one.")
            changes[field] = default
        configs = self.services.configs
        config: GuildConfig | None
        if changes:
            config = await configs.update(interaction.guild_id, interaction.user.id, **changes)
            log.info("advisor setup guild=%s changed=%s", interaction.guild_id, ",".join(sorted(changes)))
        else:
            config = await configs.get(interaction.guild_id)
        assert config is not None
        settings = self.services.settings
        embed = settings_embed(
            config,
            default_year=DEFAULT_SOAP_YEAR,
            default_budget=settings.default_guild_daily_token_budget,
            default_hourly=settings.default_user_hourly_llm_limit,
            tokens_today=await self.services.usage.tokens_used_today(interaction.guild_id),
            ai_enabled=self.services.llm is not None,
            changed=sorted(changes),
            warnings=warnings,
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    # ----- server guidance -----------------------------------------------------------------------

    @knowledge.command(name="add", description="Add a guidance article (.md or .txt) for students in this server.")
    @app_commands.describe(
        file="A Markdown or plain-text file (UTF-8, up to 100 KB); front matter is optional.",
        title="The title answers cite (default: the front matter title, the first heading, or the file name).",
    )
    async def knowledge_add(
        self,
        interaction: discord.Interaction,
        file: discord.Attachment,
        title: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        try:
            check_upload(file.filename, file.size)
        except ArticleError as exc:
            raise UserError(f"I couldn't add {file.filename}: {exc} Nothing was changed.") from None
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            data = await file.read()
        except discord.HTTPException:
            raise UserError("I couldn't download that file from Discord. Please try again.") from None
        try:
            result = await self.guidance.add(interaction.guild_id, file.filename, data, interaction.user.id, title)
        except ArticleError as exc:
            message = str(exc)
            if not message.endswith("."):
                message += "."
            raise UserError(f"I couldn't add {file.filename}: {message} Nothing was changed.") from None
        await interaction.followup.send(embed=article_added_embed(result), ephemeral=True)

    @knowledge.command(name="list", description="List this server's guidance articles.")
    async def knowledge_list(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        articles = await self.guidance.list_articles(interaction.guild_id)
        await reply_messages(interaction, articles_messages(articles))

    @knowledge.command(name="remove", description="Remove one of this server's guidance articles.")
    @app_commands.describe(article="The article to remove.")
    async def knowledge_remove(self, interaction: discord.Interaction, article: str) -> None:
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        removed = await self.guidance.remove(interaction.guild_id, article)
        if removed is None:
            raise UserError("There is no server article by that name. `/advisor knowledge list` shows them.")
        embed = notice_embed(
            "Server guidance", f"Removed **{removed.title}**. Answers no longer use it.", colour=COLOUR_OK
        )
        await interaction.followup.send(embed=embed, ephemeral=True)

    @knowledge_remove.autocomplete("article")
    async def _article_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        config = await self.services.configs.get(interaction.guild_id)
        if interaction.guild_id is None or not is_advisor(interaction, config):
            return []
        needle = current.lower()
        articles = await self.guidance.list_articles(interaction.guild_id)
        return [
            app_commands.Choice(name=clip(a.title, limits.CHOICE_NAME), value=a.slug)
            for a in articles
            if needle in a.title.lower() or needle in a.slug
        ][: limits.AUTOCOMPLETE_CHOICES]

    # ----- Match Week calendar -------------------------------------------------------------------

    @advisor.command(name="calendar", description="Show or change this server's Match Week dates (Eastern time).")
    @app_commands.describe(
        milestone="The milestone to move ('monday' moves the whole week).",
        when="New date and time in ET, e.g. '2027-03-15 10:00' (for 'monday': the Monday's date).",
        year="Match year (default: the coming or current one).",
        reset="Undo the change to this milestone (without a milestone: every change for the year).",
    )
    @app_commands.choices(milestone=[app_commands.Choice(name=name, value=key) for key, name in override_choices()])
    async def calendar_command(
        self,
        interaction: discord.Interaction,
        milestone: app_commands.Choice[str] | None = None,
        when: app_commands.Range[str, 1, 40] | None = None,
        year: app_commands.Range[int, 2024, 2100] | None = None,
        reset: bool = False,
    ) -> None:
        assert interaction.guild_id is not None
        key = milestone.value if milestone else None
        guild_id, user_id = interaction.guild_id, interaction.user.id
        try:
            embeds = await advisor_calendar(self.services, guild_id, user_id, key, when, year, reset)
        except CalendarError as exc:
            raise UserError(f"{exc} Nothing was changed.") from None
        await reply_messages(interaction, group_into_messages(embeds))

    # ----- cohort ------------------------------------------------------------------------------

    @advisor.command(name="cohort", description="Anonymous figures for this server: practice, sessions, common issues.")
    @app_commands.describe(days="The period to count (default: the last 7 days).")
    async def cohort(self, interaction: discord.Interaction, days: app_commands.Range[int, 1, 90] = 7) -> None:
        assert interaction.guild_id is not None
        summary = await cohort_summary(self.services.store, interaction.guild_id, days=days)
        await reply_messages(interaction, group_into_messages([cohort_embed(summary)]))


async def setup(bot: SoapBot) -> None:
    bot.add_dynamic_items(ShareButton)
    await bot.add_cog(AdvisorCog(bot))
