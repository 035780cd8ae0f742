"""/interview: private mock interviews in DMs, one question at a time, with feedback on every answer."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.core.interview.question_bank import SPECIALTIES
from bot.core.interview.rubric import AnswerError
from bot.core.interview.sessions import InterviewError, InterviewSummary, Session, Turn
from bot.ui.embeds import COLOUR_CARE, COLOUR_OK, care_embed, crisis_embed, notice_embed
from bot.ui.errors import UserError
from bot.ui.interview import (
    DMS_CLOSED,
    InterviewButton,
    controls,
    intro_embed,
    question_embed,
    summary_embed,
    summary_file,
)
from bot.ui.rehearsal import answer_from_message, rehearsal_messages

if TYPE_CHECKING:
    from bot.client import SoapBot

log = logging.getLogger(__name__)

CANNOT_DM = 50007
#: Messages sent while the bot was down are picked up from the DM history at start-up.
CATCH_UP_LIMIT = 5


class InterviewCog(commands.Cog):
    interview = app_commands.Group(name="interview", description="Private mock SOAP interviews in DMs.")

    def __init__(self, bot: SoapBot) -> None:
        self.bot = bot
        self.services = bot.services
        self.sessions = self.services.interviews

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(InterviewButton)
        self.idle_check.start()

    async def cog_unload(self) -> None:
        self.idle_check.cancel()

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        # At start-up, and again whenever Discord had to start a new session: DMs sent while
        # the bot was down or between sessions are not replayed by the gateway.
        await self.catch_up()

    # ----- slash commands ------------------------------------------------------------------------

    @interview.command(name="start", description="Start a private mock SOAP interview in your DMs.")
    @app_commands.describe(
        specialty="The specialty you're interviewing for (default: any).",
        length="Short (4 questions) or full (8 questions).",
        img="Include the questions international medical graduates get (visa, ECFMG).",
    )
    @app_commands.choices(
        specialty=[app_commands.Choice(name=s.replace("-", " "), value=s) for s in SPECIALTIES],
        length=[
            app_commands.Choice(name="short (4 questions)", value="short"),
            app_commands.Choice(name="full (8 questions)", value="full"),
        ],
    )
    async def start(
        self,
        interaction: discord.Interaction,
        specialty: str | None = None,
        length: str = "full",
        img: bool = False,
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        user = interaction.user
        try:
            session, created = await self.sessions.start(
                user.id, interaction.guild_id, specialty=specialty, length=length, img=img
            )
        except InterviewError as exc:
            raise UserError(str(exc)) from None
        if not created:
            await interaction.followup.send(
                embed=notice_embed(
                    "You already have a mock interview running",
                    f"You're on question {session.number} of {session.total}. Answer it in our DMs, "
                    "or end it with /interview stop.",
                ),
                ephemeral=True,
            )
            return
        try:
            channel = await user.create_dm()
            await channel.send(embed=intro_embed(session))
            await channel.send(embed=question_embed(session), view=controls())
        except discord.Forbidden as exc:
            await self.sessions.discard(session)
            log.info("interview not started user=%s reason=dms-closed code=%s", user.id, exc.code)
            raise UserError(DMS_CLOSED) from None
        await self.sessions.set_channel(session, channel.id)
        if interaction.guild_id is None:
            text = "Your first question is below. Good luck!"
        else:
            text = f"I've sent your first question in our DMs: {channel.jump_url}"
        await interaction.followup.send(embed=notice_embed("Mock interview started", text, COLOUR_OK), ephemeral=True)

    @interview.command(name="stop", description="End your mock interview and get the summary.")
    async def stop(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            summary = await self.sessions.stop(interaction.user.id)
        except InterviewError as exc:
            raise UserError(str(exc)) from None
        where = await self.send_summary(interaction.user, summary, fallback=interaction.followup)
        await interaction.followup.send(
            embed=notice_embed("Mock interview ended", f"Your summary is in {where}.", COLOUR_OK), ephemeral=True
        )

    # ----- buttons -------------------------------------------------------------------------------

    async def handle_button(self, interaction: discord.Interaction, action: str) -> None:
        user_id = interaction.user.id
        session = await self.sessions.active(user_id)
        if session is None:
            await interaction.response.send_message(
                "This interview has ended. Start a new one with /interview start.", ephemeral=True
            )
            return
        await interaction.response.defer()
        try:
            if action == "repeat":
                session = await self.sessions.repeat(user_id)
                await interaction.followup.send(embed=question_embed(session), view=controls())
            elif action == "skip":
                turn = await self.sessions.skip(user_id)
                await self.continue_after(interaction.followup, interaction.user, turn)
            else:
                summary = await self.sessions.stop(user_id)
                await self.send_summary(interaction.user, summary, destination=interaction.followup)
        except InterviewError as exc:
            await interaction.followup.send(str(exc))

    # ----- answers -------------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.guild is not None:
            return
        if not message.content.strip() and not message.attachments:
            return
        session = await self.sessions.active(message.author.id)
        if session is None:
            return
        await self.handle_answer(message, session)

    async def handle_answer(self, message: discord.Message, session: Session) -> None:
        user = message.author
        channel = message.channel
        try:
            text, speech = await answer_from_message(self.services, message)
            care = await self.services.screen.screen(text)
            if care.crisis:
                await self.pause_for_care(channel, user.id, message.id)
                return
            llm, _reason = await self.services.usage.llm_for(user.id, session.guild_id)
            turn = await self.sessions.answer(user.id, text, llm=llm, message_id=message.id, speech=speech)
        except (AnswerError, InterviewError) as exc:
            await self._send(channel, embed=notice_embed("I couldn't use that answer", str(exc)))
            return
        if turn.duplicate:
            return
        check_in = care_embed(care)
        if check_in is not None:
            await self._send(channel, embed=check_in)
        assert turn.feedback is not None
        for embeds in rehearsal_messages(turn.feedback, speech):
            await self._send(channel, embeds=embeds)
        await self.continue_after(channel, user, turn)
        log.info(
            "interview answer session=%s number=%d flagged=%d mode=%s",
            session.id,
            session.number,
            len(turn.feedback.flagged),
            turn.feedback.mode,
        )

    async def pause_for_care(self, channel: Any, user_id: int, message_id: int) -> None:
        """A crisis in an answer: the crisis reply; the interview waits, unscored, until the
        student is ready (their next answer resumes it, or End interview closes it)."""
        await self.sessions.pause(user_id, message_id=message_id)
        await self._send(channel, embed=crisis_embed())
        await self._send(
            channel,
            embed=notice_embed(
                "Your mock interview is paused",
                "That answer was not scored or saved. Take all the time you need — when you're ready, answer "
                "the question again or press Repeat question; End interview closes it with a summary.",
                COLOUR_CARE,
            ),
            view=controls(),
        )

    async def continue_after(self, destination: Any, user: discord.User | discord.Member, turn: Turn) -> None:
        """Ask the next question, or send the summary when the interview is over."""
        if turn.summary is not None:
            await self.send_summary(user, turn.summary, destination=destination)
        elif turn.next_prompt:
            embed = question_embed(turn.session, turn.next_prompt, turn.next_is_follow_up)
            await self._send(destination, embed=embed, view=controls())

    async def send_summary(
        self,
        user: discord.User | discord.Member,
        summary: InterviewSummary,
        destination: Any = None,
        *,
        fallback: discord.Webhook | None = None,
    ) -> str:
        """Post the summary (with its text file and the share buttons); returns where it went.

        When the student's DMs are closed it goes privately to ``fallback`` (an interaction's
        followup), so the summary of their answers is not lost.
        """
        # An interview started in DMs has no server: its share buttons let the student choose one.
        report = await self.services.reports.save(
            user.id,
            summary.guild_id,
            "interview",
            summary=summary.report_text(include_answers=False),
            transcript=summary.report_text(include_answers=True),
        )
        from bot.ui.share import share_view_for

        destination = destination or await user.create_dm()
        view = await share_view_for(self.bot, report)
        try:
            await destination.send(embed=summary_embed(summary), file=summary_file(summary), view=view)
        except discord.Forbidden:
            if fallback is None:
                return "a DM I couldn't deliver (your DMs are closed)"
            await fallback.send(embed=summary_embed(summary), file=summary_file(summary), view=view, ephemeral=True)
            return "the message above, shown only to you (your DMs are closed)"
        return "our DMs"

    @staticmethod
    async def _send(destination: Any, **kwargs: Any) -> None:
        try:
            await destination.send(**kwargs)
        except discord.Forbidden as exc:
            log.info("interview message not delivered code=%s", exc.code)

    # ----- background work -------------------------------------------------------------------------

    @tasks.loop(minutes=1)
    async def idle_check(self) -> None:
        nudge, expire = await self.sessions.idle_sessions()
        for session in nudge:
            await self.sessions.mark_nudged(session)
            await self._dm(
                session.user_id,
                embed=notice_embed(
                    "Still there?",
                    "Your mock interview is paused. Take your time — reply with your answer whenever you're "
                    "ready, or press End interview to get your summary.",
                ),
            )
        for session in expire:
            summary = await self.sessions.expire(session)
            if summary is not None:
                user = await self._user(session.user_id)
                if user is not None:
                    await self.send_summary(user, summary)

    @idle_check.before_loop
    async def _before_idle_check(self) -> None:
        await self.bot.wait_until_ready()

    async def catch_up(self) -> None:
        """Answer DMs that arrived while the bot was down (the gateway does not replay them)."""
        rows = await self.services.store.fetchall("SELECT user_id FROM interview_sessions WHERE status = 'active'")
        for row in rows:
            session = await self.sessions.active(row["user_id"])
            if session is None or not session.state.dm_channel_id:
                continue
            try:
                channel = self.bot.get_channel(session.state.dm_channel_id) or await self.bot.fetch_channel(
                    session.state.dm_channel_id
                )
                last = session.state.last_message_id or discord.utils.time_snowflake(
                    datetime.fromtimestamp(session.last_activity_at, UTC)
                )
                after = discord.Object(id=last)
                missed = [
                    m
                    async for m in channel.history(limit=CATCH_UP_LIMIT, after=after, oldest_first=True)  # type: ignore[union-attr]
                    if m.author.id == session.user_id and (m.content.strip() or m.attachments)
                ]
            except discord.HTTPException as exc:
                log.info("interview catch-up skipped session=%s status=%s", session.id, exc.status)
                continue
            handled = session.state.last_message_id
            if missed and (handled is None or missed[-1].id > handled):
                # Answer only the latest message the student sent while we were away.
                await self.handle_answer(missed[-1], session)
            else:
                await self._ask_again_if_unasked(channel, session)

    async def _ask_again_if_unasked(self, channel: Any, session: Session) -> None:
        """The bot went down after saving an answer but before replying: send the feedback and the
        current question, so the student is not left waiting for a question that never comes."""
        embed = question_embed(session, follow_up=session.state.follow_up is not None)
        try:
            newest = [m async for m in channel.history(limit=1)]
        except discord.HTTPException as exc:
            log.info("interview catch-up skipped session=%s status=%s", session.id, exc.status)
            return
        me = self.bot.user.id if self.bot.user else None
        if newest and newest[0].author.id == me and any(e.title == embed.title for e in newest[0].embeds):
            return  # the current question is the last thing said: nothing is pending
        turns = session.state.turns
        last_answer = turns[-1].rehearsal() if turns else None
        if newest and newest[0].id == session.state.last_message_id and last_answer is not None:
            for embeds in rehearsal_messages(last_answer, None):
                await self._send(channel, embeds=embeds)
        await self._send(channel, embed=embed, view=controls())
        log.info("interview resumed session=%s number=%d", session.id, session.number)

    async def _user(self, user_id: int) -> discord.User | None:
        try:
            return self.bot.get_user(user_id) or await self.bot.fetch_user(user_id)
        except discord.HTTPException:
            return None

    async def _dm(self, user_id: int, **kwargs: Any) -> None:
        user = await self._user(user_id)
        if user is not None:
            try:
                await user.send(**kwargs)
            except discord.HTTPException as exc:
                log.info("interview DM not delivered user=%s status=%s", user_id, exc.status)


async def setup(bot: SoapBot) -> None:
    await bot.add_cog(InterviewCog(bot))
