"""The Match Week companion in the terminal: ``soapbot timeline|contacts|profile|draft`` and the
``/timeline``, ``/contacts``, ``/profile`` and ``/draft`` commands of ``soapbot chat``.

A thin front end over the same core as the Discord cogs. The terminal user's data is stored
under ``CONSOLE_USER_ID``; times are shown in this machine's time zone and in Eastern time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.core.companion.calendar import (
    ET,
    CalendarError,
    MatchWeek,
    Phase,
    as_eastern,
    current_phase,
    format_et,
    format_local,
    load_calendar,
    now_utc,
)
from bot.core.companion.contacts import (
    MAX_CONTACTS,
    ORIGINS,
    ROLES,
    Contact,
    ContactError,
    Expect,
    Suggestion,
    WhenUnclear,
    clean_text,
    parse_when,
)
from bot.core.companion.drafts import DraftResult
from bot.core.companion.profile import FIELDS, ProfileError, clean_field
from bot.core.critique import KINDS, DraftError
from bot.terminal.common import (
    CONSOLE_USER_ID,
    JSON_OPTION,
    care_json,
    cli_settings,
    emit_json,
    fail,
    out,
    render_care,
    screen_text,
    with_store,
)
from bot.terminal.critique import check_draft_for, render_critique

if TYPE_CHECKING:
    from bot.core.base.store import Store
    from bot.terminal.repl import ChatConsole


# ----- renderers ---------------------------------------------------------------------------------


def render_timeline(
    console: Console, week: MatchWeek, now: dt.datetime, tz: dt.tzinfo | None = None, phase: Phase | None = None
) -> None:
    """The week's milestones; "Now" shows ``phase`` (default: :func:`current_phase` at ``now``,
    the phase every other command uses, whichever year is shown)."""
    phase = phase or current_phase(now)
    title = f"Match Week {week.year}" + ("" if week.confirmed else " — dates NOT confirmed by NRMP")
    zone = dt.datetime.now(tz).astimezone(tz).tzname() or "local"
    table = Table(title=title, show_lines=False)
    table.add_column("")
    table.add_column(f"Your time ({zone})")
    table.add_column("Eastern (ET)")
    table.add_column("Milestone", overflow="fold")
    styles = {
        "current": ("▶ now", "bold green"),
        "next": ("next", "bold cyan"),
        "done": ("done", "dim"),
        "ahead": ("", ""),
    }
    for m in week.milestones:
        marker, style = styles[week.status_at(m, now)]
        label = escape(m.label) + (" (set by your advisors)" if m.overridden else "")
        row = [marker, format_local(m.at, tz), format_local(m.at, ET), label]
        table.add_row(*(f"[{style}]{c}[/]" if style else c for c in row))
    console.print(Panel(f"[bold]{phase.label}[/]\n{phase.can_now}", title="Now", border_style="cyan"))
    console.print(table)
    for note in week.notices:
        console.print(f"[yellow]{note}[/]")
    for m in week.milestones:
        if m.note:
            console.print(f"[dim]{m.label.split(' (')[0]}: {m.note}[/]")
    console.print("[dim]Official times are Eastern. Confirm the schedule on nrmp.org.[/]")


def both_times(moment: dt.datetime, tz: dt.tzinfo | None = None) -> str:
    """Eastern time, and this machine's time when it is another zone."""
    et = format_et(moment)
    local = moment.astimezone(tz)
    if local.utcoffset() == as_eastern(moment).utcoffset():
        return et
    return f"{et} ({format_local(moment, tz)})"


def _contact_lines(c: Contact) -> str:
    return "; ".join(c.facts(both_times))


def render_contacts(console: Console, items: Sequence[tuple[Contact, Suggestion]], phase: Phase) -> None:
    console.print(Panel(f"[bold]{phase.label}[/]\n{phase.can_now}", title="Now", border_style="cyan"))
    if not items:
        console.print("No contacts yet. Add one with /contacts add when a program reaches out.")
        return
    for c, s in items:
        console.print(f"[bold]#{c.id} {escape(c.title)}[/]")
        console.print(f"  [dim]{escape(_contact_lines(c))}[/]")
        console.print(f"  [green]Next:[/] {escape(s.action)}")
        console.print(f"  [dim]Why: {escape(s.why)}[/]")
        if s.draft_kind:
            console.print(f"  [dim]Draft it: /draft {s.draft_kind} {escape(c.program)}[/]")


def render_profile(console: Console, profile: dict[str, str]) -> None:
    table = Table(show_header=False, box=None)
    for key, label in FIELDS.items():
        table.add_row(f"[bold]{label}[/]", escape(profile.get(key) or "") or "[dim]—[/]")
    console.print(table)


def render_draft(console: Console, result: DraftResult) -> None:
    to = f" to {result.person}" if result.person else ""
    console.print(
        Panel(Text(result.text), title=escape(f"Draft {result.kind}{to} — {result.program}"), border_style="cyan")
    )
    if result.warning:
        console.print(f"[red]The SOAP contact rule:[/] {escape(result.warning)}")
    if result.missing_profile:
        console.print(f"[yellow]Fill in your profile (/profile set): {', '.join(result.missing_profile)}.[/]")
    if result.notice:
        console.print(f"[yellow]{escape(result.notice)}[/]")
    for tip in result.tips:
        console.print(f"[dim]• {tip}[/]")
    mode = "AI mode (LLM draft, checked by the rules)" if result.mode == "llm" else "offline mode (template)"
    console.print(
        f"[dim]{mode}; contact rule assumed: {result.phase}, program contacted you first: {result.contacted_first}[/]"
    )


# ----- soapbot chat ------------------------------------------------------------------------------


class CompanionConsole:
    """The companion's /commands inside :class:`bot.terminal.repl.ChatConsole`."""

    def __init__(self, chat: ChatConsole) -> None:
        self.chat = chat

    @property
    def store(self) -> Store:
        return self.chat.services.store

    @property
    def out(self) -> Console:
        return self.chat.console

    async def _optional(self, prompt: str, default: str = "") -> str:
        return (await self.chat.read(f"{prompt} [dim](Enter to skip)[/] ", default=default)).strip()

    async def _text(self, prompt: str, field: str, *, required: bool = False) -> str:
        """A text field, checked as it is typed and asked again (with what was typed) when wrong."""
        typed = ""
        while True:
            typed = (await self.chat.read(prompt, default=typed)).strip()
            try:
                return clean_text(typed, field, required=required)
            except ContactError as exc:
                self.out.print(f"[yellow]{escape(str(exc))}[/]")
                if not self.chat.reader.multiline:
                    typed = ""

    async def _when(self, prompt: str, expect: Expect) -> dt.datetime | None:
        """A date and time (Eastern), asked again until it reads; echoed back in ET and local time.

        ``expect="future"`` (an interview): a weekday is the coming one, and a time today that
        has passed is checked with the student; ``"past"`` (a message) the other way round."""
        example = "'wed 10am', 'tomorrow 2pm'" if expect == "future" else "'yesterday 4pm', 'mon 9:30'"
        typed = ""
        while True:
            typed = await self._optional(f"{prompt} — Eastern time, e.g. {example}:", default=typed)
            try:
                moment = parse_when(typed, now_utc(), expect=expect)
            except WhenUnclear as unclear:
                moment = await self._settle(unclear)
                if moment is None:
                    continue
            except ContactError as exc:
                self.out.print(f"[yellow]{escape(str(exc))}[/]")
                if not self.chat.reader.multiline:
                    typed = ""
                continue
            if moment is not None:
                self.out.print(f"  [green]→ {escape(both_times(moment))}[/]")
            return moment

    async def _settle(self, unclear: WhenUnclear) -> dt.datetime | None:
        """Ask which reading of an unclear time was meant (None: type it again)."""
        self.out.print(f"[yellow]{escape(str(unclear))}[/]")
        options = [(str(i), both_times(m)) for i, m in enumerate(unclear.choices)]
        options.append(("again", "Neither: let me type it again"))
        picked = await self.chat.choose("Which do you mean?", options, "again")
        return None if picked == "again" else unclear.choices[int(picked)]

    async def timeline(self, arg: str) -> None:
        year = int(arg) if arg.strip().isdigit() else None
        now = now_utc()
        try:
            week = load_calendar(year)
        except CalendarError as exc:
            self.out.print(f"[yellow]{escape(str(exc))}[/]")
            return
        render_timeline(self.out, week, now, phase=current_phase(now))

    async def contacts(self, arg: str) -> None:
        from bot.core.companion import contacts as book

        action, _, rest = arg.strip().partition(" ")
        action = action.lower() or "list"
        phase = current_phase()
        try:
            if action == "list":
                render_contacts(
                    self.out, book.next_steps(await book.list_contacts(self.store, CONSOLE_USER_ID), phase), phase
                )
            elif action == "add":
                await self._add(phase)
            elif action == "update":
                await self._update(rest, phase)
            elif action == "remove":
                contact = await book.get_contact(self.store, CONSOLE_USER_ID, self._id(rest))
                await book.remove_contact(self.store, CONSOLE_USER_ID, contact.id)
                self.out.print(f"Removed #{contact.id} {contact.title}.")
            else:
                self.out.print("Use /contacts, /contacts add, /contacts update ID or /contacts remove ID.")
        except ContactError as exc:
            self.out.print(f"[yellow]{exc}[/]")

    @staticmethod
    def _id(text: str) -> int:
        digits = text.strip().lstrip("#")
        if not digits.isdigit():
            raise ContactError("Give the contact's number, e.g. /contacts update 3 (see /contacts).")
        return int(digits)

    async def _add(self, phase: Phase) -> None:
        from bot.core.companion import contacts as book

        if len(await book.list_contacts(self.store, CONSOLE_USER_ID)) >= MAX_CONTACTS:
            raise ContactError(f"You can track up to {MAX_CONTACTS} contacts; remove some you no longer need.")
        program = await self._text("Program: ", "program", required=True)
        person = await self._text("Person (e.g. Dr. Ana Ibarra): ", "person", required=True)
        role = await self.chat.choose("Their role?", list(ROLES.items()), "coordinator")
        origin = await self.chat.choose("How did the contact start?", list(ORIGINS.items()), "program-reached-out")
        interview = await self._when("Interview", "future")
        received = await self._when("When they last wrote to you", "past")
        sent = await self._when("When you last wrote to them", "past")
        notes = await self._text("Notes: [dim](Enter to skip)[/] ", "notes")
        if notes:
            await self.chat.care_first(notes)
        contact = await book.add_contact(
            self.store,
            CONSOLE_USER_ID,
            program=program,
            person=person,
            role=role,
            origin=origin,
            interview_at=interview,
            last_received_at=received,
            last_sent_at=sent,
            notes=notes,
        )
        self.out.print(f"[green]Saved #{contact.id}.[/]")
        render_contacts(self.out, [(contact, book.suggest(contact, phase))], phase)

    async def _update(self, rest: str, phase: Phase) -> None:
        from bot.core.companion import contacts as book

        contact = await book.get_contact(self.store, CONSOLE_USER_ID, self._id(rest))
        what = await self.chat.choose(
            f"What happened with {contact.person}?",
            [
                ("thank-you", "I sent a thank-you"),
                ("follow-up", "I sent a follow-up"),
                ("message", "I sent another message"),
                ("received", "They wrote to me"),
                ("interview", "An interview was set or changed"),
            ],
        )
        if what in ("thank-you", "follow-up", "message"):
            contact = await book.record_sent(self.store, CONSOLE_USER_ID, contact.id, what)
        elif what == "received":
            contact = await book.update_contact(self.store, CONSOLE_USER_ID, contact.id, last_received_at=now_utc())
        else:
            contact = await book.update_contact(
                self.store, CONSOLE_USER_ID, contact.id, interview_at=await self._when("Interview", "future")
            )
        render_contacts(self.out, [(contact, book.suggest(contact, phase))], phase)

    async def profile(self, arg: str) -> None:
        from bot.core.companion.profile import clear_profile, get_profile, update_profile

        action = arg.strip().lower() or "show"
        if action == "set":
            current = await get_profile(self.store, CONSOLE_USER_ID)
            self.out.print("[dim]Enter keeps a field as it is; '-' clears it. Ctrl-C stops without saving.[/]")
            changes: dict[str, str] = {}
            for key, label in FIELDS.items():
                shown = f" [dim](now: {escape(current[key])})[/]" if current.get(key) else ""
                typed = ""
                while True:  # each field is checked as it is typed; a bad value is asked again
                    typed = await self._optional(f"{label}{shown}:", default=typed)
                    if not typed:
                        break
                    if typed == "-":
                        changes[key] = ""
                        break
                    try:
                        changes[key] = clean_field(key, typed)
                        break
                    except ProfileError as exc:
                        self.out.print(f"[yellow]{escape(str(exc))}[/]")
                        if not self.chat.reader.multiline:
                            typed = ""
            written = " ".join(v for k, v in changes.items() if v and k not in ("aamc_id", "graduation_year"))
            if written:
                await self.chat.care_first(written)
            try:
                profile = await update_profile(self.store, CONSOLE_USER_ID, **changes)
            except ProfileError as exc:
                self.out.print(f"[yellow]{escape(str(exc))}[/]")
                return
            self.out.print("[green]Profile saved.[/]")
            render_profile(self.out, profile)
        elif action == "clear":
            await clear_profile(self.store, CONSOLE_USER_ID)
            self.out.print("Your profile is deleted.")
        else:
            render_profile(self.out, await get_profile(self.store, CONSOLE_USER_ID))

    async def draft(self, arg: str) -> None:
        from bot.core.companion.drafts import make_draft

        words = arg.split(maxsplit=1)
        if words and words[0] in KINDS:
            kind, program = words[0], (words[1] if len(words) > 1 else "")
        else:
            kind = await self.chat.choose(
                "What kind of message?", [(k, k.replace("-", " ")) for k in KINDS], "thank-you"
            )
            program = arg
        while not program.strip():  # the program is required: asked until given
            program = await self.chat.read("Program: ")
        program = program.strip()
        person = await self._optional("To whom (default: your contact there):")
        try:
            with self.out.status("Drafting…"):
                result = await make_draft(
                    self.store,
                    CONSOLE_USER_ID,
                    kind,
                    program,
                    person or None,
                    phase=current_phase(),
                    llm=self.chat.services.llm,
                )
        except DraftError as exc:
            self.out.print(f"[yellow]{exc}[/]")
            return
        render_draft(self.out, result)
        answer = (await self.chat.read("Check this draft now? \\[Y/n] ")).strip().lower()
        if answer in ("", "y", "yes"):
            with self.out.status("Checking your draft…"):
                checked, _ = await check_draft_for(
                    self.chat.services, result.text, result.kind, result.contacted_first, result.phase
                )
            render_critique(self.out, replace(checked, template=None), result.phase)


def register_console(chat: ChatConsole) -> None:
    companion = CompanionConsole(chat)
    chat.register("timeline", "Match Week milestones in your time and ET, and what you can do now.", companion.timeline)
    chat.register(
        "contacts",
        "Your contacts and next steps; also /contacts add, /contacts update ID, /contacts remove ID.",
        companion.contacts,
    )
    chat.register(
        "profile",
        "Your details for drafts; /profile set to change them, /profile clear to delete them.",
        companion.profile,
    )
    chat.register(
        "draft", "A starting draft from your profile and contacts, e.g. /draft thank-you Cedar Ridge.", companion.draft
    )


# ----- one-shot CLI commands ---------------------------------------------------------------------


def register_cli(app: typer.Typer) -> None:
    """Add ``timeline``, ``contacts``, ``profile`` and ``draft`` to the ``soapbot`` CLI."""

    @app.command()
    def timeline(
        year: int = typer.Option(
            None, "--year", min=2000, max=2100, help="Match year (default: the coming or current one)."
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Match Week milestones in your time zone and in ET, the current phase and what you can do now."""
        now = now_utc()
        try:
            week = load_calendar(year)
        except CalendarError as exc:
            fail(str(exc), 2, as_json)
            return
        phase = current_phase(now)
        if as_json:
            emit_json({**week.to_json(now), "phase": phase.to_json()})
            return
        render_timeline(out, week, now, phase=phase)

    contacts_app = typer.Typer(
        rich_markup_mode=None, help="Your private tracker of people at programs, with next steps.", no_args_is_help=True
    )
    app.add_typer(contacts_app, name="contacts")

    def when(text: str | None, expect: Expect) -> dt.datetime | None:
        return parse_when(text, now_utc(), expect=expect)

    def contact_payload(contact: Contact, phase: Phase) -> dict[str, Any]:
        from bot.core.companion.contacts import suggest

        return {**contact.to_json(), "suggestion": suggest(contact, phase).to_json()}

    @contacts_app.command("list")
    def contacts_list(as_json: bool = JSON_OPTION) -> None:
        """Your contacts and the next step for each."""
        from bot.core.companion.contacts import list_contacts, next_steps

        phase = current_phase()
        contacts = with_store(cli_settings(), lambda store: list_contacts(store, CONSOLE_USER_ID))
        if as_json:
            emit_json({"phase": phase.to_json(), "contacts": [contact_payload(c, phase) for c in contacts]})
            return
        render_contacts(out, next_steps(contacts, phase), phase)

    @contacts_app.command("add")
    def contacts_add(
        program: str = typer.Argument(..., metavar="PROGRAM", help="The program, e.g. 'Cedar Ridge Family Medicine'."),
        person: str = typer.Option(..., "--person", help="Their name, e.g. 'Dr. Ana Ibarra'."),
        role: str = typer.Option(..., "--role", help=" | ".join(ROLES)),
        origin: str = typer.Option(..., "--origin", help=" | ".join(ORIGINS)),
        interview: str = typer.Option(None, "--interview", help="Interview time (Eastern), e.g. '2026-03-17 14:00'."),
        last_received: str = typer.Option(None, "--last-received", help="When they last wrote to you (Eastern)."),
        last_sent: str = typer.Option(None, "--last-sent", help="When you last wrote to them (Eastern)."),
        notes: str = typer.Option("", "--notes", help="Private notes."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Record someone at a program."""
        from bot.core.companion.contacts import add_contact

        try:
            fields = {
                "interview_at": when(interview, "future"),
                "last_received_at": when(last_received, "past"),
                "last_sent_at": when(last_sent, "past"),
            }
            contact = with_store(
                cli_settings(),
                lambda store: add_contact(
                    store,
                    CONSOLE_USER_ID,
                    program=program,
                    person=person,
                    role=role,
                    origin=origin,
                    notes=notes,
                    **fields,
                ),
            )
        except ContactError as exc:
            fail(str(exc), 2, as_json)
            return
        show_contact(contact, as_json, notes)

    def show_contact(contact: Contact, as_json: bool, notes: str | None = None) -> None:
        """The saved contact, after the distress screen's reply when the notes call for one."""
        from bot.core.companion.contacts import suggest

        phase = current_phase()
        care = screen_text(cli_settings(), notes or "")
        if as_json:
            emit_json({"contact": contact_payload(contact, phase), "care": care_json(care)})
            return
        render_care(out, care)
        render_contacts(out, [(contact, suggest(contact, phase))], phase)

    @contacts_app.command("update")
    def contacts_update(
        contact_id: int = typer.Argument(..., metavar="ID", help="The contact's number (see `soapbot contacts list`)."),
        sent: str = typer.Option(None, "--sent", help="Record that you just sent: thank-you | follow-up | message."),
        interview: str = typer.Option(None, "--interview", help="Interview time (Eastern)."),
        last_received: str = typer.Option(None, "--last-received", help="When they last wrote to you (Eastern)."),
        last_sent: str = typer.Option(None, "--last-sent", help="When you last wrote to them (Eastern)."),
        person: str = typer.Option(None, "--person"),
        program: str = typer.Option(None, "--program"),
        role: str = typer.Option(None, "--role"),
        origin: str = typer.Option(None, "--origin"),
        notes: str = typer.Option(None, "--notes"),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Change a contact, or record a message or interview."""
        from bot.core.companion.contacts import record_sent, update_contact

        if sent is not None and sent not in ("thank-you", "follow-up", "message"):
            fail("--sent must be thank-you, follow-up or message.", 2, as_json)
            return

        async def work(store: Store) -> Contact:
            contact = await update_contact(
                store,
                CONSOLE_USER_ID,
                contact_id,
                interview_at=when(interview, "future"),
                last_received_at=when(last_received, "past"),
                last_sent_at=when(last_sent, "past"),
                person=person,
                program=program,
                role=role,
                origin=origin,
                notes=notes,
            )
            if sent is not None:
                contact = await record_sent(store, CONSOLE_USER_ID, contact_id, sent)
            return contact

        try:
            contact = with_store(cli_settings(), work)
        except ContactError as exc:
            fail(str(exc), 2, as_json)
            return
        show_contact(contact, as_json, notes)

    @contacts_app.command("remove")
    def contacts_remove(
        contact_id: int = typer.Argument(..., metavar="ID", help="The contact's number (see `soapbot contacts list`)."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Delete a contact."""
        from bot.core.companion.contacts import remove_contact

        removed = with_store(cli_settings(), lambda store: remove_contact(store, CONSOLE_USER_ID, contact_id))
        if not removed:
            fail(f"You have no contact #{contact_id}.", 1, as_json)
            return
        if as_json:
            emit_json({"removed": contact_id})
        else:
            out.print(f"Removed contact #{contact_id}.")

    profile_app = typer.Typer(
        rich_markup_mode=None,
        help="Your details for drafts (name, school, degree, AAMC ID, ...).",
        no_args_is_help=True,
    )
    app.add_typer(profile_app, name="profile")

    @profile_app.command("show")
    def profile_show(as_json: bool = JSON_OPTION) -> None:
        """Show your saved details."""
        from bot.core.companion.profile import get_profile

        profile = with_store(cli_settings(), lambda store: get_profile(store, CONSOLE_USER_ID))
        if as_json:
            emit_json({"profile": profile})
            return
        render_profile(out, profile)

    @profile_app.command("set")
    def profile_set(
        name: str = typer.Option(None, "--name"),
        school: str = typer.Option(None, "--school"),
        degree: str = typer.Option(None, "--degree", help="MD, DO, MBBS, ..."),
        graduation_year: str = typer.Option(None, "--graduation-year"),
        aamc_id: str = typer.Option(None, "--aamc-id"),
        specialties: str = typer.Option(None, "--specialties"),
        contact_line: str = typer.Option(None, "--contact-line", help="e.g. 'jane@example.org | 555-123-4567'."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Save details for your drafts (options left out are kept; '' clears one)."""
        from bot.core.companion.profile import update_profile

        changes = {
            "name": name,
            "school": school,
            "degree": degree,
            "graduation_year": graduation_year,
            "aamc_id": aamc_id,
            "specialties": specialties,
            "contact_line": contact_line,
        }
        try:
            profile = with_store(cli_settings(), lambda store: update_profile(store, CONSOLE_USER_ID, **changes))
        except ProfileError as exc:
            fail(str(exc), 2, as_json)
            return
        written = " ".join(v for v in (name, school, degree, specialties, contact_line) if v)
        care = screen_text(cli_settings(), written)
        if as_json:
            emit_json({"profile": profile, "care": care_json(care)})
            return
        render_care(out, care)
        render_profile(out, profile)

    @profile_app.command("clear")
    def profile_clear(as_json: bool = JSON_OPTION) -> None:
        """Delete your saved details."""
        from bot.core.companion.profile import clear_profile

        removed = with_store(cli_settings(), lambda store: clear_profile(store, CONSOLE_USER_ID))
        if as_json:
            emit_json({"cleared": removed})
        else:
            out.print("Your profile is deleted." if removed else "You had no saved profile.")

    @app.command()
    def draft(
        kind: str = typer.Argument(..., metavar="KIND", help=" | ".join(KINDS)),
        program: str = typer.Argument(..., metavar="PROGRAM", help="The program (matched against your contacts)."),
        person: str = typer.Option(None, "--person", help="Who it is for (default: your contact there)."),
        check: bool = typer.Option(True, "--check/--no-check", help="Also run the draft critique on it."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """A starting draft from your profile and contacts (LLM when configured), checked by the critique."""
        from bot.core.base.llm import build_llm
        from bot.core.companion.drafts import make_draft

        if kind not in KINDS:
            fail(f"KIND must be one of: {', '.join(KINDS)}.", 2, as_json)
            return
        settings = cli_settings()

        async def work(store: Store) -> tuple[DraftResult, Any]:
            from bot.core.companion.profile import get_profile
            from bot.core.critique import critique

            llm = build_llm(settings)
            try:
                result = await make_draft(store, CONSOLE_USER_ID, kind, program, person, phase=current_phase(), llm=llm)
                checked = None
                if check:
                    profile = await get_profile(store, CONSOLE_USER_ID)
                    checked = await critique(
                        result.text, result.kind, result.contacted_first, result.phase, llm=llm, profile=profile
                    )
                return result, checked
            finally:
                if llm is not None:
                    await llm.close()

        try:
            result, checked = with_store(settings, work)
        except DraftError as exc:
            fail(str(exc), 2, as_json)
            return
        if as_json:
            payload = result.to_json()
            payload["critique"] = checked.to_json() if checked is not None else None
            emit_json(payload)
            return
        render_draft(out, result)
        if checked is not None:
            render_critique(out, replace(checked, template=None), result.phase)
