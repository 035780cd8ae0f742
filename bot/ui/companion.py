"""Embeds and buttons for the Match Week companion: timeline, reminders, contacts, profile, drafts.

Times are shown with Discord timestamps (``<t:UNIX:F>`` and ``<t:UNIX:R>``), which every student's
client renders in their own time zone; Eastern time is named where the rule depends on it.
The two buttons are persistent :class:`discord.ui.DynamicItem` s (they work after a restart):
"Check this draft" reads the draft back from the message it sits on, and "Remind me to send a
thank-you" carries the contact id.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections.abc import Sequence
from typing import Any

import discord

from bot.core.base.text import clip
from bot.core.companion.calendar import MatchWeek, Phase, current_phase, format_et
from bot.core.companion.contacts import Contact, Suggestion
from bot.core.companion.drafts import DraftResult
from bot.core.companion.profile import FIELDS
from bot.core.companion.reminders import DueReminder, Reminder
from bot.ui import limits
from bot.ui.critique import KIND_LABELS, critique_messages
from bot.ui.embeds import COLOUR_ANSWER, COLOUR_OK, COLOUR_WARNING, group_into_messages, pack_fields

log = logging.getLogger(__name__)

#: A draft too long to show in its embed is attached under this name (and checked from it).
DRAFT_FILENAME = "draft.txt"


def stamp(moment: dt.datetime, style: str = "F") -> str:
    """A Discord timestamp: each reader sees it in their own time zone."""
    return f"<t:{int(moment.timestamp())}:{style}>"


def both_stamps(moment: dt.datetime) -> str:
    return f"{stamp(moment, 'F')} ({stamp(moment, 'R')})"


# ----- timeline ---------------------------------------------------------------------------------


def timeline_embeds(
    week: MatchWeek, now: dt.datetime, *, phase: Phase | None = None, sources: bool = False
) -> list[discord.Embed]:
    """The week's milestones in the reader's local time, the phase and next milestone highlighted.

    "Now" shows ``phase`` (default: :func:`current_phase` at ``now``, without a server's
    overrides; pass :func:`~bot.core.companion.calendar.guild_phase` for a server): the phase
    every other command uses, whichever year is shown, as on the command line and in the console."""
    phase = phase or current_phase(now)
    upcoming = week.next_milestone(now)
    title = f"Match Week {week.year}" + ("" if week.confirmed else " (dates not confirmed by NRMP)")
    colour = COLOUR_ANSWER if week.confirmed else COLOUR_WARNING
    markers = {"current": "▶️", "next": "⏭️", "done": "✅", "ahead": "▫️"}
    lines = []
    for m in week.milestones:
        status = week.status_at(m, now)
        marker = markers[status]
        open_close = f" — open until {stamp(m.ends_at, 't')}" if status == "current" and m.ends_at else ""
        label = f"**{m.label}**" if marker in ("▶️", "⏭️") else m.label
        flag = " ✏️" if m.overridden else ""
        lines.append(f"{marker} {stamp(m.at, 'F')} ({stamp(m.at, 'R')}){open_close}\n{label}{flag}")
    description = f"**Now: {phase.label}**\n{phase.can_now}\n\n" + "\n".join(lines)
    embed = discord.Embed(title=clip(title, limits.EMBED_TITLE), colour=colour)
    embed.description = clip(description, limits.EMBED_DESCRIPTION)
    if upcoming is not None:
        embed.add_field(
            name="Next milestone",
            value=clip(
                f"{upcoming.label} — {both_stamps(upcoming.at)} ({format_et(upcoming.at)})", limits.EMBED_FIELD_VALUE
            ),
            inline=False,
        )
    notes = list(week.notices)
    notes += [f"{m.label.split(' (')[0]}: {m.note}" for m in week.milestones if m.note]
    if notes:
        pack_fields(embed, "Notes", [clip(n, limits.EMBED_FIELD_VALUE) for n in notes])
    embed.set_footer(
        text=clip(
            "Times are shown in your own time zone; the official schedule is Eastern time (ET). "
            "Confirm dates on nrmp.org.",
            limits.EMBED_FOOTER,
        )
    )
    embeds = [embed]
    if sources:
        src = discord.Embed(title=f"Sources for Match Week {week.year}", colour=colour)
        pack_fields(
            src, "Milestones", [clip(f"• {m.id}: {m.source}", limits.EMBED_FIELD_VALUE) for m in week.milestones]
        )
        embeds.append(src)
    return embeds


def phase_line(phase: Phase) -> str:
    return f"**{phase.label}** — {phase.can_now}"


# ----- reminders --------------------------------------------------------------------------------


def reminder_set_embed(reminder: Reminder, week: MatchWeek | None, dm_ok: bool | None) -> discord.Embed:
    lines = [f"I'll DM you {both_stamps(reminder.due_at)}: {reminder.describe()}."]
    if week is not None and not week.confirmed:
        lines.extend(week.notices)
    if dm_ok is False:
        lines.append(
            "⚠️ I couldn't send you a direct message. Allow DMs from this server's members "
            "(Privacy Settings), or the reminder can't reach you."
        )
    colour = COLOUR_WARNING if dm_ok is False else COLOUR_OK
    return discord.Embed(
        title="Reminder set", description=clip("\n".join(lines), limits.EMBED_DESCRIPTION), colour=colour
    )


def reminders_embed(reminders: Sequence[Reminder]) -> discord.Embed:
    if not reminders:
        return discord.Embed(
            title="Your reminders",
            description="No reminders waiting. Add one with `/reminders add`, e.g. 15 minutes before MyERAS opens.",
            colour=COLOUR_ANSWER,
        )
    embed = discord.Embed(title="Your reminders", colour=COLOUR_ANSWER)
    pack_fields(embed, "Waiting", [clip(f"#{r.id} · {stamp(r.due_at, 'f')} · {r.describe()}", 300) for r in reminders])
    return embed


def due_reminder_embed(due: DueReminder) -> discord.Embed:
    body = due.body
    if due.reminder.contact_id is None:
        body = f"{both_stamps(due.event_at)}\n\n" + body
    colour = COLOUR_WARNING if due.late else COLOUR_ANSWER
    embed = discord.Embed(
        title=clip(due.title, limits.EMBED_TITLE), description=clip(body, limits.EMBED_DESCRIPTION), colour=colour
    )
    embed.set_footer(text="You asked for this reminder. Manage reminders with /reminders list.")
    return embed


# ----- contacts ---------------------------------------------------------------------------------


def _contact_facts(c: Contact) -> str:
    return " · ".join(c.facts(lambda moment: stamp(moment, "f")))


def contact_field(c: Contact, suggestion: Suggestion) -> tuple[str, str]:
    name = clip(f"#{c.id} {c.title}", limits.EMBED_FIELD_NAME)
    value = f"{_contact_facts(c)}\n**Next:** {suggestion.action}\n_Why:_ {suggestion.why}"
    if suggestion.draft_kind:
        value += f"\n_Draft it:_ `/draft kind:{suggestion.draft_kind} program:{clip(c.program, 60)}`"
    return name, clip(value, limits.EMBED_FIELD_VALUE)


def contacts_messages(items: Sequence[tuple[Contact, Suggestion]], phase: Phase) -> list[list[discord.Embed]]:
    """The student's contacts with the next step for each, split across embeds and messages."""
    header = f"**{phase.label}**\n{phase.can_now}"
    if not items:
        embed = discord.Embed(
            title="Your contacts",
            description=clip(
                header + "\n\nNo contacts yet. Add one with `/contacts add` when a program reaches out.",
                limits.EMBED_DESCRIPTION,
            ),
            colour=COLOUR_ANSWER,
        )
        return [[embed]]
    embeds: list[discord.Embed] = []
    per_embed = min(limits.EMBED_FIELDS, 8)
    for start in range(0, len(items), per_embed):
        embed = discord.Embed(
            title="Your contacts" if not embeds else "Your contacts (cont.)",
            description=clip(header, limits.EMBED_DESCRIPTION) if not embeds else None,
            colour=COLOUR_ANSWER,
        )
        for contact, suggestion in items[start : start + per_embed]:
            name, value = contact_field(contact, suggestion)
            embed.add_field(name=name, value=value, inline=False)
        embeds.append(embed)
    embeds[-1].set_footer(text="Only you can see your contacts. Remove them any time with /contacts remove.")
    return group_into_messages(embeds)


def contact_saved_embed(c: Contact, suggestion: Suggestion, verb: str = "Saved") -> discord.Embed:
    embed = discord.Embed(title=clip(f"{verb}: {c.title}", limits.EMBED_TITLE), colour=COLOUR_OK)
    name, value = contact_field(c, suggestion)
    embed.add_field(name=name, value=value, inline=False)
    embed.set_footer(text="Only you can see this.")
    return embed


# ----- profile ----------------------------------------------------------------------------------


def profile_embed(profile: dict[str, str], title: str = "Your profile") -> discord.Embed:
    lines = [f"**{label}:** {profile.get(key) or '—'}" for key, label in FIELDS.items()]
    embed = discord.Embed(title=title, description="\n".join(lines), colour=COLOUR_ANSWER)
    embed.set_footer(text="Only you can see this. Drafts are filled from it; /privacy delete-my-data removes it.")
    return embed


# ----- drafts and their check -------------------------------------------------------------------

_FENCE = re.compile(r"^```(?:text)?\n(.*)\n```$", re.DOTALL)


def draft_message(result: DraftResult) -> tuple[discord.Embed, discord.File | None]:
    """The draft in a code block, or, when the embed cannot hold all of it, attached as a file."""
    kind = KIND_LABELS.get(result.kind, result.kind)
    to = f" to {result.person}" if result.person else ""
    embed = discord.Embed(
        title=clip(f"Draft: {kind}{to} — {result.program}", limits.EMBED_TITLE),
        colour=COLOUR_WARNING if result.warning else COLOUR_ANSWER,
    )
    if result.warning:
        embed.add_field(
            name="⚠️ The SOAP contact rule", value=clip(result.warning, limits.EMBED_FIELD_VALUE), inline=False
        )
    if result.missing_profile:
        embed.add_field(
            name="Fill in your profile",
            value=clip(
                "Missing: " + ", ".join(result.missing_profile) + ". Set them with `/profile set` and draft again.",
                limits.EMBED_FIELD_VALUE,
            ),
            inline=False,
        )
    if result.notice:
        embed.add_field(name="Note", value=clip(result.notice, limits.EMBED_FIELD_VALUE), inline=False)
    if result.tips:
        embed.add_field(
            name="Before you send",
            value=clip("\n".join(f"• {t}" for t in result.tips), limits.EMBED_FIELD_VALUE),
            inline=False,
        )
    mode = "AI mode (LLM draft, checked by the rules)" if result.mode == "llm" else "Offline mode (template)"
    embed.set_footer(
        text=clip(
            f"{mode} · contact rule assumed: {result.phase}, program contacted you first: {result.contacted_first}",
            limits.EMBED_FOOTER,
        )
    )
    fenced = "```text\n" + result.text.replace("```", "'''") + "\n```"
    room = min(limits.EMBED_DESCRIPTION, limits.EMBEDS_TOTAL_PER_MESSAGE - len(embed))
    if len(fenced) <= room:
        embed.description = fenced
        return embed, None
    embed.description = clip(
        f"Your draft ({len(result.text):,} characters) is too long to show here in full, so it is attached "
        f"as **{DRAFT_FILENAME}**. *Check this draft* checks the whole text.",
        room,
    )
    return embed, discord.File(io.BytesIO(result.text.encode("utf-8")), filename=DRAFT_FILENAME)


def draft_from_message(message: discord.Message | None) -> str | None:
    """The draft text inside a draft message's code block."""
    if message is None or not message.embeds:
        return None
    description = message.embeds[0].description or ""
    m = _FENCE.match(description.strip())
    return m.group(1) if m else None


async def draft_text(message: discord.Message | None) -> str | None:
    """The draft a draft message holds: in its code block, or in its attached file."""
    text = draft_from_message(message)
    if text or message is None:
        return text
    for attachment in message.attachments:
        if attachment.filename == DRAFT_FILENAME:
            data = await attachment.read()
            return data.decode("utf-8", errors="replace")
    return None


class CheckDraftButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"draft:check:(?P<kind>[a-z-]+):(?P<cf>yes|no|unknown):(?P<phase>[a-z-]{1,24})(?::(?P<applied>yes|no|unknown))?",
):
    """Runs the critique on the draft in the message this button sits on.

    Its custom id carries what the critique needs besides the text: the kind, whether the program
    contacted the student first, the phase, and whether the student applied to the program
    (buttons made before that was carried have no such part: "unknown")."""

    def __init__(self, kind: str, contacted_first: str, phase: str, applied: str = "unknown") -> None:
        super().__init__(
            discord.ui.Button(
                label="Check this draft",
                style=discord.ButtonStyle.primary,
                custom_id=f"draft:check:{kind}:{contacted_first}:{phase}:{applied}",
                emoji="🔎",
            )
        )
        self.kind, self.contacted_first, self.phase, self.applied = kind, contacted_first, phase, applied

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> CheckDraftButton:
        return cls(match["kind"], match["cf"], match["phase"], match["applied"] or "unknown")

    async def callback(self, interaction: discord.Interaction) -> None:
        from bot.core.companion.profile import get_profile
        from bot.core.critique import DraftError, critique

        services = interaction.client.services  # type: ignore[attr-defined]
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
            text = await draft_text(interaction.message)
            if not text:
                messages = [
                    [discord.Embed(description="I couldn't find the draft on that message.", colour=COLOUR_WARNING)]
                ]
            else:
                user_id = interaction.user.id
                llm, unavailable = await services.usage.llm_for(user_id, interaction.guild_id)
                profile = await get_profile(services.store, user_id)
                result = await critique(
                    text, self.kind, self.contacted_first, self.phase, llm=llm, profile=profile, applied=self.applied
                )
                if unavailable is not None and result.notice is None:
                    result.notice = f"AI review unavailable ({unavailable.notice}); checked offline."
                messages = critique_messages(result, self.phase)
                log.info("draft checked interaction=%s flagged=%d", interaction.id, len(result.flagged))
        except DraftError as exc:
            messages = [[discord.Embed(description=str(exc), colour=COLOUR_WARNING)]]
        except Exception:  # noqa: BLE001 - the tree's handler never sees component callbacks
            log.exception("draft check failed interaction=%s", interaction.id)
            messages = [
                [discord.Embed(description="Sorry, I couldn't check that draft just now.", colour=COLOUR_WARNING)]
            ]
        for embeds in messages:
            try:
                await interaction.followup.send(embeds=embeds, ephemeral=True)
            except discord.HTTPException as exc:
                log.info("draft check reply not delivered interaction=%s status=%s", interaction.id, exc.status)
                break


class ThankYouReminderButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"contacts:thanks:(?P<id>\d{1,12})"
):
    """Schedules a DM reminding the student to thank one contact after their interview."""

    def __init__(self, contact_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Remind me to send a thank-you",
                style=discord.ButtonStyle.secondary,
                custom_id=f"contacts:thanks:{contact_id}",
                emoji="⏰",
            )
        )
        self.contact_id = contact_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ThankYouReminderButton:
        return cls(int(match["id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        from bot.core.companion.contacts import ContactError, get_contact
        from bot.core.companion.reminders import ReminderError

        services = interaction.client.services  # type: ignore[attr-defined]
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
            contact = await get_contact(services.store, interaction.user.id, self.contact_id)
            reminder = await services.reminders.add_thank_you(interaction.user.id, contact)
            dm_ok = await confirm_dm(interaction.user, "Thank-you reminders for your contacts will arrive here.")
            embed = reminder_set_embed(reminder, None, dm_ok)
        except (ContactError, ReminderError) as exc:
            embed = discord.Embed(description=str(exc), colour=COLOUR_WARNING)
        except Exception:  # noqa: BLE001 - the tree's handler never sees component callbacks
            log.exception("thank-you reminder failed interaction=%s", interaction.id)
            embed = discord.Embed(description="Sorry, I couldn't set that reminder just now.", colour=COLOUR_WARNING)
        try:
            await interaction.followup.send(embed=embed, ephemeral=True)
        except discord.HTTPException as exc:
            log.info("reminder reply not delivered interaction=%s status=%s", interaction.id, exc.status)


def draft_view(result: DraftResult, applied: str = "unknown") -> discord.ui.View:
    """The "Check this draft" button; ``applied``: whether the student applied to the program, as
    far as their contacts tell (:func:`~bot.core.companion.contacts.applied_for`)."""
    view = discord.ui.View(timeout=None)
    view.add_item(CheckDraftButton(result.kind, result.contacted_first, result.phase, applied))
    return view


def thank_you_view(contact: Contact) -> discord.ui.View | None:
    """The reminder button, when the contact has an interview whose thank-you is still ahead."""
    if contact.interview_at is None or contact.thank_you_sent:
        return None
    if dt.datetime.now(dt.UTC) >= contact.interview_at + dt.timedelta(days=1):
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(ThankYouReminderButton(contact.id))
    return view


async def confirm_dm(user: discord.User | discord.Member, text: str) -> bool:
    """Send a short DM; False when the student's DMs are closed to the bot."""
    try:
        await user.send(text)
    except discord.Forbidden:
        return False
    except discord.HTTPException as exc:
        log.info("confirmation DM not delivered status=%s", exc.status)
        return False
    return True


# ----- /advisor calendar ---------------------------------------------------------------------------


def override_choices() -> list[tuple[str, str]]:
    """(value, name) pairs for the advisor's milestone option."""
    from bot.core.companion.calendar import override_keys

    return [(key, clip(f"{key}: {label}", limits.CHOICE_NAME)) for key, label in override_keys()]


async def advisor_calendar(
    services: Any,
    guild_id: int,
    user_id: int,
    milestone: str | None,
    when: str | None,
    year: int | None,
    reset: bool,
) -> list[discord.Embed]:
    """Show or change a server's Match Week dates; raises CalendarError with a message for the advisor."""
    from bot.core.companion.calendar import (
        CalendarError,
        clear_calendar_overrides,
        default_year,
        guild_phase,
        guild_week,
        now_utc,
        set_calendar_override,
    )

    year = year or default_year()
    configs = services.configs
    change = None
    if reset and milestone is None:
        removed = await clear_calendar_overrides(configs, guild_id, year, updated_by=user_id)
        change = f"Removed {removed} change{'s' if removed != 1 else ''} to {year}: the built-in dates apply."
    elif milestone is not None and (reset or when):
        await set_calendar_override(configs, guild_id, year, milestone, None if reset else when, updated_by=user_id)
        change = f"{'Reset' if reset else 'Moved'} {milestone} for {year}. Students in this server now see these dates."
    elif milestone is not None:
        raise CalendarError("Give the new date and time in `when` (Eastern), or set `reset` to undo a change.")
    week = await guild_week(configs, guild_id, year)
    now = now_utc()
    embeds = timeline_embeds(week, now, phase=await guild_phase(configs, guild_id, now), sources=True)
    if change:
        embeds.insert(0, discord.Embed(title="Match Week calendar", description=change, colour=COLOUR_OK))
    log.info("advisor calendar guild=%s year=%d changed=%s", guild_id, year, change is not None)
    return embeds
