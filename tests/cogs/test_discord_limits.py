"""Discord's real rules through the emulator (issue "Discord, held to Discord's real rules").

Each test reproduces one way the bot used to break a rule Discord enforces (an embed over
6,000 characters, a form or button nobody answers, an expired interaction token, a member
who left a server) and checks what the student or advisor sees instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import discord
import pytest

from bot.client import SoapBot
from bot.core.base.llm import LLMClient
from bot.core.community.privacy import purge_expired
from bot.core.companion.calendar import ET
from bot.core.companion.drafts import DraftResult
from bot.core.interview.transcription import TranscriptionService
from bot.ui.share import share_view
from tests.cogs.conftest import World
from tests.conftest import make_settings
from tests.fakes import FakeLLM
from tests.support.discord_emulator import FakeAttachment, FakeInteraction, FakeUser, Perm
from tests.support.fake_openai import FakeOpenAI
from tests.voice import FakeBackend


def advisor_of(world: World, name: str = "advisor") -> FakeUser:
    return world.emu.add_member(world.guild.id, username=name, permissions=Perm.MANAGE_GUILD)


async def run(
    world: World, user: FakeUser, command: str, options: dict[str, Any] | None = None, **kw: Any
) -> FakeInteraction:
    ix = await world.emu.slash(user, command, options or {}, guild=kw.pop("guild", world.guild), **kw)
    await ix.wait_done(timeout=60)
    return ix


def accepted(ix: FakeInteraction) -> bool:
    """Discord refused nothing the bot sent for this interaction, and no error reply was needed."""
    return ix.rejected == [] and "went wrong" not in ix.text


# ----- embeds over 6,000 characters --------------------------------------------------------------


async def test_knowledge_list_shows_all_fifty_articles(world: World) -> None:
    now = time.time()
    await world.services.store.executemany(
        "INSERT INTO guild_articles (guild_id, slug, title, body, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                world.guild.id,
                f"soap-interview-tips-for-our-cohort-part-{i}",
                f"SOAP interview tips for our cohort, part {i}",
                "## Tips\nPractise out loud.",
                10**18 + i,
                now,
            )
            for i in range(1, 51)
        ],
    )
    ix = await run(world, advisor_of(world), "advisor knowledge list")
    await world.emu.wait_for(lambda: "part 50**" in ix.text or ix.rejected, message=ix.describe())
    assert accepted(ix), ix.describe()
    assert all(f"part {i}**" in ix.text for i in range(1, 51))
    assert "50 of 50 articles" in ix.text


#: Titles and headings of uploaded articles have no length limit; these are long but ordinary.
LONG_TITLE = (
    "Our cohort's complete guide to the SOAP war room at Lakeside: where we meet, when, who runs it, "
    "what to bring, how the advisors review your application list, how the deans' office helps, and "
    "what happens on each day of Match Week from Monday to Thursday, with the rooms, the times, the "
    "people to ask and the phone numbers of the student affairs office"
)
ANSWER = (
    "During Match Week the SOAP war room meets in the Kessler Library, room 214, at 7 a.m. every day. "
    "Dr. Alvarez reviews your application list with you there, and the deans' office joins on Tuesday. " * 17
).strip()


def long_article() -> bytes:
    sections = "\n\n".join(
        f"## Where the SOAP war room meets during Match Week, day {i}, and who you will find there: "
        "Dr. Alvarez, the deans' office, the career advisors and last year's peer mentors\n\n"
        f"On day {i} of Match Week our cohort's SOAP war room meets in the Kessler Library, room 214, "
        "at 7 a.m. Dr. Alvarez reviews your application list with you there."
        for i in range(1, 9)
    )
    return f'---\ntitle: "{LONG_TITLE}"\n---\n\n{sections}\n'.encode()


async def test_an_ai_answer_citing_eight_long_sources_fits(world: World) -> None:
    ix = await run(
        world,
        advisor_of(world),
        "advisor knowledge add",
        attachments={"file": FakeAttachment("war-room.md", long_article())},
    )
    assert "Added" in ix.text, ix.text
    world.services.llm = world.services.usage.llm = FakeLLM(ANSWER + " " + " ".join(f"[{i}]" for i in range(1, 9)))
    ix = await run(world, world.student, "ask", {"question": "Where does the SOAP war room meet during Match Week?"})
    await world.emu.wait_for(lambda: "AI mode" in ix.text, message=ix.describe())
    assert accepted(ix), ix.describe()
    sources = "".join(f["value"] for m in ix.messages for e in m.embeds for f in e.get("fields", []))
    assert sources.count("Our cohort's complete guide") >= 4, sources  # several long sources, all shown
    for message in ix.messages:
        assert sum(len(e.get("title", "")) + len(e.get("description", "")) for e in message.embeds) <= 6000


@pytest.mark.parametrize("reply", ["   ", "[99]", "See [42] and [7]."])
async def test_an_empty_ai_answer_gets_a_reply_not_an_error(world: World, reply: str) -> None:
    world.services.llm = world.services.usage.llm = FakeLLM(reply)
    ix = await run(world, world.student, "ask", {"question": "How many programs can I apply to in SOAP?"})
    await world.emu.wait_for(lambda: "AI mode" in ix.text or "went wrong" in ix.text, message=ix.describe())
    assert accepted(ix), ix.describe()
    if reply == "See [42] and [7].":
        assert "See" in ix.text
    else:  # nothing from the model: the direct answer from the guidance, which opens AI answers, stands alone
        assert "Direct answer" in ix.text or "came back empty" in ix.text


async def test_contacts_list_with_eight_contacts_at_full_length(world: World) -> None:
    from tests.cogs.test_companion import soap_now_overrides

    # During SOAP, with an interview today and messages both ways, each contact's next step is long.
    await world.services.configs.update(world.guild.id, None, calendar_overrides=soap_now_overrides())
    now = dt.datetime.now(ET)
    for i in range(8):
        ix = await run(
            world,
            world.student,
            "contacts add",
            {
                "program": (f"P{i} " + "Cedar Ridge Family Medicine Residency Program at Lakeside " * 3)[:120],
                "person": (f"Dr. {i} " + "Ana María Ibarra-Montgomery " * 3)[:80],
                "role": "program-director",
                "origin": "program-reached-out",
                "interview": (now - dt.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
                "last_received": (now - dt.timedelta(days=5)).strftime("%Y-%m-%d %H:%M"),
                "last_sent": (now - dt.timedelta(days=4)).strftime("%Y-%m-%d %H:%M"),
                "notes": "Asked about my research in rural health and my Step 2 score. " * 8,
            },
        )
        assert accepted(ix), ix.describe()
    ix = await run(world, world.student, "contacts list")
    await world.emu.wait_for(lambda: "P7 Cedar Ridge" in ix.text or ix.rejected, message=ix.describe())
    assert accepted(ix), ix.describe()
    assert all(f"P{i} Cedar Ridge" in ix.text for i in range(8))


DRAFT = (
    "Subject: Thank you - Jane Doe (AAMC ID 12345678)\n\nDear Dr. Ibarra,\n\n"
    + "Thank you for speaking with me about the Cedar Ridge program and its rural training track. " * 43
    + "\n\nSincerely,\nJane Doe\nTHE-VERY-END"
)


async def test_a_long_draft_is_attached_and_checked_whole(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    assert 3_950 < len(DRAFT) < 4_100  # a draft near 4,000 characters, and long notes

    async def long_draft(*_args: Any, **_kwargs: Any) -> DraftResult:
        return DraftResult(
            "thank-you",
            "Cedar Ridge Family Medicine",
            "Dr. Ibarra",
            DRAFT,
            "llm",
            "reply",
            "after-soap",
            "yes",
            warning="During SOAP, write to a program only after it has contacted you. " * 16,
            notice="Written by the AI model from your profile; check every detail before you send it. " * 12,
            tips=["Send it within a day of the interview, and keep it short."] * 4,
        )

    monkeypatch.setattr(sys.modules["bot.cogs.draft"], "make_draft", long_draft)
    checked: list[str] = []
    import bot.core.critique as critique_module

    real = critique_module.critique

    async def spy(text: str, *args: Any, **kwargs: Any) -> Any:
        checked.append(text)
        return await real(text, *args, **kwargs)

    monkeypatch.setattr(critique_module, "critique", spy)
    ix = await run(world, world.student, "draft", {"kind": "thank-you", "program": "Cedar Ridge Family Medicine"})
    assert accepted(ix), ix.describe()
    [message] = ix.messages
    assert [a.filename for a in message.attachments] == ["draft.txt"]
    assert message.attachments[0].content.decode("utf-8") == DRAFT
    assert "attached" in message.text
    check = await world.emu.click(world.student, message, label="Check this draft")
    await check.wait_done(timeout=30)
    assert accepted(check) and "Draft check" in check.text
    assert checked == [DRAFT]  # the whole draft, not a truncated one


# ----- forms and buttons that always answer ------------------------------------------------------

COLD_EMAIL = """Subject: Interest in your program

Dear Program Coordinator,

I am a fourth-year student applying in SOAP and I am very interested in your internal medicine program.
Could we set up a call this week to discuss whether I could interview?

Best regards,
Priya Natarajan
"""
CRITIQUE_FIELDS = {"What kind of message is it?": ["coordinator-email"], "Did the program contact you first?": ["no"]}


@pytest.fixture
async def fake_llm(world: World) -> AsyncIterator[FakeOpenAI]:
    """A real LLM client against the fake OpenAI server (usage is metered as in production)."""
    async with FakeOpenAI() as fake:
        fake.reply = lambda _messages: "Apply to at most 45 programs in SOAP [1]."
        settings = make_settings(world.services.settings.data_dir, openai_base_url=fake.base_url, llm_max_retries=0)
        llm = LLMClient(settings)
        world.services.llm = world.services.usage.llm = llm
        try:
            yield fake
        finally:
            await llm.close()


@pytest.fixture
async def restart(world: World) -> AsyncIterator[Callable[[], Awaitable[SoapBot]]]:
    """``await restart()``: the bot process dies and a new one starts on the same data and emulator."""
    async with contextlib.AsyncExitStack() as stack:

        async def again() -> SoapBot:
            await world.bot.close()
            bot = SoapBot(world.services, guild_ready_timeout=0.05)
            await stack.enter_async_context(world.emu.run_bot(bot))
            world.bot = bot
            return bot

        yield again


async def open_critique(world: World, **options: str) -> FakeInteraction:
    ix = await world.emu.slash(world.student, "critique", options, guild=world.guild)
    await ix.wait_ack()
    assert ix.modal is not None
    return ix


async def test_a_critique_form_submitted_after_a_restart_is_checked(
    world: World, restart: Callable[[], Awaitable[SoapBot]]
) -> None:
    form = await open_critique(world, phase="during-soap")
    await restart()
    submit = await world.emu.submit_modal(world.student, form, {**CRITIQUE_FIELDS, "Your draft": COLD_EMAIL})
    await submit.wait_done(timeout=30)
    assert accepted(submit), submit.describe()
    assert "Would break the SOAP contact rule" in submit.text and "checked as during SOAP" in submit.text


async def test_a_critique_form_submitted_after_its_view_timed_out_is_checked(world: World) -> None:
    form = await open_critique(world, phase="during-soap")
    world.bot._connection._view_store._modals.clear()  # what a timed-out modal leaves: nothing to dispatch to
    submit = await world.emu.submit_modal(world.student, form, {**CRITIQUE_FIELDS, "Your draft": COLD_EMAIL})
    await submit.wait_done(timeout=30)
    assert "Would break the SOAP contact rule" in submit.text


async def test_a_rehearse_answer_form_after_a_restart_is_scored_for_its_question(
    world: World, restart: Callable[[], Awaitable[SoapBot]]
) -> None:
    form = await world.emu.slash(world.student, "rehearse", {"question": "Tell me about yourself."}, guild=world.guild)
    await form.wait_ack()
    await restart()
    answer = "I grew up in a farming town and worked as a medical assistant before medical school. " * 3
    submit = await world.emu.submit_modal(world.student, form, {"Your answer, as you would say it": answer})
    await world.emu.wait_for(lambda: "Feedback" in submit.text, message=submit.describe())
    assert "Feedback: Tell me about yourself." in submit.text and accepted(submit)


async def test_a_form_the_bot_no_longer_knows_gives_the_text_back(world: World) -> None:
    form = await open_critique(world)
    assert form.modal is not None
    form.modal["custom_id"] = "4f1e0c9a2b7d4e6f8a1b2c3d4e5f6a7b"  # a form opened by an older version of the bot
    submit = await world.emu.submit_modal(world.student, form, {**CRITIQUE_FIELDS, "Your draft": COLD_EMAIL})
    await submit.wait_done()
    assert submit.ephemeral and "couldn't process that form" in submit.text
    assert "could we set up a call this week" in submit.text.lower()  # nothing they typed is lost


async def test_a_form_that_fails_gives_the_text_back(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("internal detail")

    monkeypatch.setattr(sys.modules["bot.cogs.critique"], "critique", broken)
    form = await open_critique(world, phase="during-soap")
    long_draft = COLD_EMAIL + "\n" + "I have attached my CV and my personal statement for your review. " * 60
    submit = await world.emu.submit_modal(world.student, form, {**CRITIQUE_FIELDS, "Your draft": long_draft[:4000]})
    await world.emu.wait_for(lambda: "went wrong" in submit.text, message=submit.describe())
    [message] = submit.messages
    assert message.ephemeral and "internal detail" not in message.text
    assert message.attachments and message.attachments[0].content.decode("utf-8") == long_draft[:4000]


async def test_the_template_button_works_after_a_restart(
    world: World, restart: Callable[[], Awaitable[SoapBot]]
) -> None:
    form = await open_critique(world, phase="during-soap")
    submit = await world.emu.submit_modal(world.student, form, {**CRITIQUE_FIELDS, "Your draft": COLD_EMAIL})
    await submit.wait_done(timeout=30)
    message = submit.messages[0]
    assert "Show a template" in [b["label"] for b in message.buttons]
    await restart()
    click = await world.emu.click(world.student, message, label="Show a template")
    await click.wait_done()
    assert "A template for this kind of message" in click.text and click.ephemeral


async def test_the_privacy_confirmation_works_after_a_restart(
    world: World, restart: Callable[[], Awaitable[SoapBot]]
) -> None:
    await world.services.store.remember_guild(world.student.id, world.guild.id)
    ix = await run(world, world.student, "privacy delete-my-data")
    await restart()
    done = await world.emu.click(world.student, ix.messages[0], label="Delete everything")
    await done.wait_ack()
    await world.emu.wait_for(lambda: "Your data was deleted" in ix.messages[0].text, message=done.describe())
    assert await world.services.store.guilds_of(world.student.id) == []


async def test_an_expired_privacy_confirmation_says_so(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    await world.services.store.remember_guild(world.student.id, world.guild.id)
    ix = await run(world, world.student, "privacy delete-my-data")
    monkeypatch.setattr(sys.modules["bot.ui.privacy"], "CONFIRM_TIMEOUT_SECONDS", -1)
    done = await world.emu.click(world.student, ix.messages[0], label="Delete everything")
    await done.wait_done()
    assert "expired" in ix.messages[0].text and await world.services.store.guilds_of(world.student.id)


async def test_a_button_nothing_handles_gets_a_reply(world: World, restart: Callable[[], Awaitable[SoapBot]]) -> None:
    view = discord.ui.View(timeout=60)
    view.add_item(discord.ui.Button(label="Show suggested rewrite", custom_id="0d9b6c1e3f2a4b5c8d7e6f5a4b3c2d1e"))
    dm = await world.bot.create_dm(discord.Object(world.student.id))
    await dm.send("An old result", view=view)
    await restart()
    click = await world.emu.click(
        world.student, world.emu.dm_messages(world.student)[-1], label="Show suggested rewrite"
    )
    await click.wait_done()
    assert click.ephemeral and "no longer works" in click.text


# ----- interaction tokens and the transcription queue --------------------------------------------


async def test_a_voice_answer_that_outlives_the_token_arrives_by_dm(world: World) -> None:
    backend = FakeBackend(hold=True, slots=1)
    world.services.transcription = TranscriptionService(backend)
    recording = FakeAttachment("answer.ogg", b"OggS fake audio", "audio/ogg")
    ix = await world.emu.slash(world.student, "rehearse", {}, guild=world.guild, attachments={"audio": recording})
    await world.emu.wait_for(lambda: backend.calls and "Transcribing" in ix.text, message=ix.describe())
    world.emu.expire_token(ix)  # the recording waited in line past Discord's 15 minutes
    backend.release.set()
    await world.emu.wait_for(
        lambda: any("Feedback" in m.text for m in world.emu.dm_messages(world.student)), message=ix.describe()
    )
    dms = world.emu.dm_messages(world.student)
    assert "longer than Discord keeps a reply open" in dms[0].text
    assert any(b["label"] == "Share with my advisor" for m in dms for b in m.buttons)  # nothing is missing


async def test_the_transcription_queue_has_a_bound(world: World) -> None:
    backend = FakeBackend(hold=True, slots=1)
    world.services.transcription = TranscriptionService(backend)
    world.services.transcription.queue.max_waiting = 1
    recording = FakeAttachment("answer.ogg", b"OggS fake audio", "audio/ogg")
    students = [world.student] + [world.emu.add_member(world.guild.id, username=f"s{n}") for n in range(2)]
    started = []
    for student in students:
        ix = await world.emu.slash(student, "rehearse", {}, guild=world.guild, attachments={"audio": recording})
        await ix.wait_ack()
        started.append(ix)
        await world.emu.wait_for(lambda ix=ix: "Transcribing" in ix.text or "waiting" in ix.text)
    await world.emu.wait_for(lambda: "Lots of recordings are waiting" in started[2].text, message=started[2].describe())
    assert "type your answer" in started[2].text and "Feedback" not in started[2].text
    backend.release.set()
    for ix in started[:2]:
        await world.emu.wait_for(lambda ix=ix: "Feedback" in ix.text, message=ix.describe())


# ----- membership and sharing --------------------------------------------------------------------

WAR_ROOM = b"""# Kessler war room

## Where the SOAP war room meets

Our cohort's SOAP war room meets in the Kessler Library, room 214, at 7 a.m. every day of
Match Week. Dr. Alvarez reviews your application list with you there.
"""


async def report_channel(world: World, guild: Any = None, name: str = "advisor-reports") -> Any:
    guild = guild or world.guild
    channel = world.emu.add_channel(guild, name)
    admin = world.emu.add_member(guild.id, username=f"admin-{guild.id}", permissions=Perm.MANAGE_GUILD)
    ix = await run(world, admin, "advisor setup", {"report_channel": channel}, guild=guild)
    assert accepted(ix), ix.describe()
    return channel


async def dm_report(world: World) -> Any:
    """A rehearsal made in DMs, with the share buttons as the bot sends them."""
    ix = await world.emu.slash(world.student, "rehearse", {})
    await ix.wait_ack()
    submit = await world.emu.submit_modal(
        world.student, ix, {"Your answer, as you would say it": "I learned a lot. " * 20}
    )
    await world.emu.wait_for(lambda: "Feedback" in submit.text, message=submit.describe())
    return next(m for m in submit.messages if m.buttons)


async def test_a_student_who_left_cannot_share_from_dms(world: World) -> None:
    channel = await report_channel(world)
    await run(world, world.student, "ask", {"question": "When does SOAP start?"})  # the server becomes known
    message = await dm_report(world)
    world.emu.remove_member(world.guild, world.student, ban=True)
    share = await world.emu.click(world.student, message, label=message.buttons[0]["label"])
    await share.wait_done()
    assert "not a member of that server" in share.text
    assert world.emu.channel_messages(channel) == []


async def test_dm_questions_stop_searching_a_server_the_student_left(world: World) -> None:
    ix = await run(
        world, advisor_of(world), "advisor knowledge add", attachments={"file": FakeAttachment("war.md", WAR_ROOM)}
    )
    assert "Added" in ix.text
    question = {"question": "Where does the SOAP war room meet during Match Week?"}
    assert "room 214" in (await run(world, world.student, "ask", question)).text  # in the server: found
    world.emu.remove_member(world.guild, world.student)
    ix = await run(world, world.student, "ask", question, guild=None)
    assert "room 214" not in ix.text and "Kessler war room" not in ix.text


async def test_a_dm_report_lets_the_student_choose_the_server(world: World) -> None:
    first_channel = await report_channel(world)
    other = world.emu.add_guild(name="Lakeside Advising")
    world.emu.add_member(other.id, user=world.student)
    other_channel = await report_channel(world, other)
    await run(world, world.student, "ask", {"question": "When does SOAP start?"}, guild=other)
    await run(world, world.student, "ask", {"question": "When does SOAP start?"})  # most recent: the first server
    message = await dm_report(world)
    labels = [b["label"] for b in message.buttons]
    assert "Share with my advisor in SOAP Cohort 2026" in labels
    assert "Share with my advisor in Lakeside Advising" in labels
    share = await world.emu.click(world.student, message, label="Share with my advisor in Lakeside Advising")
    await share.wait_done()
    assert "Lakeside Advising" in share.text
    assert len(world.emu.channel_messages(other_channel)) == 1 and world.emu.channel_messages(first_channel) == []


async def test_only_manage_server_changes_the_advisor_role_and_report_channel(world: World) -> None:
    advisors = world.emu.add_role(world.guild, "advisors")
    admin = advisor_of(world, "admin")
    assert accepted(await run(world, admin, "advisor setup", {"advisor_role": advisors}))
    helper = world.emu.add_member(world.guild.id, username="helper", roles=[advisors])
    everyone_sees = world.emu.add_channel(world.guild, "general-chat")
    other_role = world.emu.add_role(world.guild, "students")
    for options in ({"advisor_role": other_role}, {"report_channel": everyone_sees}, {"reset": "advisor role"}):
        ix = await run(world, helper, "advisor setup", options)
        assert "Only members with Manage Server" in ix.text and ix.ephemeral, options
    config = await world.services.configs.get(world.guild.id)
    assert config is not None and config.advisor_role_id == advisors.id and config.report_channel_id is None
    ix = await run(world, helper, "advisor setup", {"soap_year": 2027})  # the rest is theirs to change
    assert "Server settings updated" in ix.text
    ix = await run(world, admin, "advisor setup", {"report_channel": everyone_sees})
    assert "Everyone in this server can see" in ix.text  # and a public channel is pointed out


async def test_deleting_ones_data_does_not_reset_the_ai_limits(world: World, fake_llm: FakeOpenAI) -> None:
    await run(world, advisor_of(world), "advisor setup", {"hourly_limit": 1, "daily_token_budget": 100_000})
    question = {"question": "How many programs can I apply to in SOAP?", "private": True}
    first = await run(world, world.student, "ask", question)
    await world.emu.wait_for(lambda: "AI mode" in first.text, message=first.describe())
    used = await world.services.usage.tokens_used_today(world.guild.id)
    assert used > 0
    ix = await run(world, world.student, "privacy delete-my-data")
    done = await world.emu.click(world.student, ix.messages[0], label="Delete everything")
    await done.wait_ack()
    await world.emu.wait_for(lambda: "Your data was deleted" in ix.messages[0].text)
    assert await world.services.store.fetchone("SELECT 1 FROM usage WHERE user_id = ?", (world.student.id,)) is None
    second = await run(world, world.student, "ask", question)
    assert "Offline mode" in second.text and "hourly" in second.text.lower(), second.text  # still at the limit
    assert await world.services.usage.tokens_used_today(world.guild.id) == used  # the server's count stands
    assert len(fake_llm.chat_requests()) == 1


async def test_deleting_ones_data_removes_a_shared_post_whose_report_expired(world: World) -> None:
    channel = await report_channel(world)
    report = await world.services.reports.save(world.student.id, world.guild.id, "interview", "Summary", "answers")
    dm = await world.bot.create_dm(discord.Object(world.student.id))
    await dm.send(content="Your report", view=share_view(world.services, report))
    share = await world.emu.click(
        world.student, world.emu.dm_messages(world.student)[-1], label="Share with my advisor"
    )
    await share.wait_done()
    assert len(world.emu.channel_messages(channel)) == 1
    await world.services.store.execute("UPDATE reports SET created_at = created_at - 100 * 86400")
    await purge_expired(world.services.store)  # the report is past its 90 days
    assert await world.services.store.fetchone("SELECT 1 FROM reports") is None
    ix = await run(world, world.student, "privacy delete-my-data")
    assert "1 report(s) you shared" in ix.text
    done = await world.emu.click(world.student, ix.messages[0], label="Delete everything")
    await done.wait_ack()
    await world.emu.wait_for(lambda: "Your data was deleted" in ix.messages[0].text)
    assert world.emu.channel_messages(channel) == []  # the post is gone too


# ----- the 3-second window under load ------------------------------------------------------------


async def test_a_slow_screen_never_costs_the_acknowledgement_nor_privacy(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.core.screen import ScreenResult

    monkeypatch.setattr(sys.modules["bot.cogs.ask"], "SCREEN_WAIT_SECONDS", 0.05)

    def slow_check(_text: str) -> ScreenResult:
        time.sleep(0.5)  # a burst of questions: the screen's threads are busy
        return ScreenResult("distress", ("phrases",))

    monkeypatch.setattr(world.services.screen, "check", slow_check)
    ix = await world.emu.slash(
        world.student, "ask", {"question": "How many programs can I apply to in SOAP?"}, guild=world.guild
    )
    await ix.wait_ack()
    assert ix.ack_ms is not None and ix.ack_ms < 400  # acknowledged without waiting for the screen
    await world.emu.wait_for(lambda: ix.messages and all(m.ephemeral for m in ix.messages), message=ix.describe())
    await world.emu.wait_for(lambda: "How are you doing?" in ix.text, message=ix.describe())
    assert all(m.ephemeral for m in ix.messages)  # the check-in and answer stay private
    assert accepted(ix)
