"""What students (and advisors) do in the reliability tests, and what the fake LLM answers.

More actions live with the feature tests in tests/cogs and are re-exported here:
``open_and_submit`` (/critique form), ``start`` (/interview start), ``rehearse_typed``.
"""

from __future__ import annotations

from typing import Any

from tests.cogs.conftest import World
from tests.cogs.test_critique import open_and_submit
from tests.cogs.test_interview import question_messages, start
from tests.cogs.test_rehearse import rehearse_typed
from tests.support.discord_emulator import FakeAttachment, FakeInteraction, FakeMessage, FakeUser, Perm

__all__ = ["open_and_submit", "question_messages", "rehearse_typed", "start"]


async def ask(world: World, question: str, user: FakeUser | None = None, **options: Any) -> FakeInteraction:
    """/ask; returns once the final answer replaced any streamed draft ("Writing…")."""
    ix = await world.emu.slash(user or world.student, "ask", {"question": question, **options}, guild=world.guild)
    await ix.wait_done(timeout=30)
    await world.emu.wait_for(lambda: not any("Writing…" in m.text for m in ix.messages), 30, ix.describe())
    return ix


async def critique_file(
    world: World, name: str, data: bytes, kind: str = "coordinator-email", user: FakeUser | None = None
) -> FakeInteraction:
    ix = await world.emu.slash(
        user or world.student,
        "critique",
        {"kind": kind, "contacted_first": "no", "phase": "during-soap"},
        guild=world.guild,
        attachments={"file": FakeAttachment(name, data, content_type="text/plain")},
    )
    await ix.wait_done(timeout=30)
    return ix


def feedback_messages(world: World, user: FakeUser | None = None) -> list[FakeMessage]:
    """The bot's feedback on interview answers, in the student's DMs."""
    return [m for m in world.emu.dm_messages(user or world.student) if "Feedback" in m.text]


async def answer_interview(world: World, text: str, user: FakeUser | None = None) -> FakeMessage:
    """Send an answer in DMs and wait for the bot's next question (or the summary)."""
    student = user or world.student
    before = len(question_messages(world.emu.dm_messages(student)))
    sent = await world.emu.send_dm(student, text)
    await world.emu.wait_for(
        lambda: (
            len(question_messages(world.emu.dm_messages(student))) > before
            or any("Interview ended" in m.text for m in world.emu.dm_messages(student))
        ),
        timeout=30,
    )
    return sent


def advisor_of(world: World, name: str = "advisor") -> FakeUser:
    return world.emu.add_member(world.guild.id, username=name, permissions=Perm.MANAGE_GUILD)


async def upload_article(world: World, advisor: FakeUser, name: str, data: bytes) -> FakeInteraction:
    ix = await world.emu.slash(
        advisor, "advisor knowledge add", {}, guild=world.guild, attachments={"file": FakeAttachment(name, data)}
    )
    await ix.wait_done(timeout=60)
    return ix


# ----- what the fake LLM answers -----------------------------------------------------------------

GOOD_REWRITE = """Subject: Re: SOAP interview invitation - Priya Natarajan (AAMC ID 12345678)

Dear Ms. Alvarez,

Thank you for inviting me to interview with the Lakeside Internal Medicine Residency. The Wednesday 2:00 p.m.
Eastern slot works well for me, and I will test the video link beforehand.

Kind regards,
Priya Natarajan, MD
AAMC ID 12345678
"""


def coach_reply(messages: list[dict[str, Any]]) -> str | dict[str, Any]:
    """A plausible reply for each prompt the bot sends: critique review, rehearsal review or an answer."""
    system = str(messages[0].get("content", "")) if messages else ""
    if "checklist has already reviewed the draft" in system:
        return {"findings": [], "rewrite": GOOD_REWRITE}
    if '"adjustments"' in " ".join(str(m.get("content", "")) for m in messages):
        return {"adjustments": [], "follow_up": "What did you do differently this year?"}
    return "Rank every program you would truly attend, and apply to no more than 45 programs [1]."
