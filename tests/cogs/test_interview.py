"""Mock interviews through the Discord emulator: guild command -> DM -> answers -> feedback -> summary."""

from __future__ import annotations

from bot.client import SoapBot
from tests.cogs.conftest import World
from tests.support.discord_emulator import FakeMessage

ANSWER = (
    "I applied to too few programs, only eighteen, almost all university programs in one city. That was my "
    "decision and the wrong one for my application. Since Monday I have worked with my advisor on a broader "
    "list and done two mock interviews with faculty. Your program's focus on underserved care matches my "
    "three years at a student-run clinic, and I am ready to start on July first."
)


def question_messages(messages: list[FakeMessage]) -> list[FakeMessage]:
    return [m for m in messages if any((e.get("title") or "").startswith(("Question", "Follow-up")) for e in m.embeds)]


async def start(world: World, length: str = "short") -> None:
    ix = await world.emu.slash(world.student, "interview start", {"length": length}, guild=world.guild)
    await ix.wait_done()
    assert ix.ephemeral and "DMs" in ix.messages[0].text


async def test_full_flow_from_guild_command_to_summary(world: World) -> None:
    emu, student = world.emu, world.student
    await start(world)
    dms = await emu.wait_for(lambda: question_messages(emu.dm_messages(student)))
    first = dms[0]
    assert "Question 1 of 4" in first.text
    assert {b["label"] for b in first.buttons} == {"Skip question", "Repeat question", "End interview"}

    await emu.send_dm(student, ANSWER)
    await emu.wait_for(lambda: len(question_messages(emu.dm_messages(student))) == 2)
    feedback = [m for m in emu.dm_messages(student) if "Feedback" in m.text]
    assert feedback and "Spoken length" in feedback[0].text
    second = question_messages(emu.dm_messages(student))[-1]
    assert "Question 2 of 4" in second.text

    click = await emu.click(student, second, label="Skip question")
    await click.wait_ack()
    await emu.wait_for(lambda: any("Question 3 of 4" in m.text for m in emu.dm_messages(student)))
    third = question_messages(emu.dm_messages(student))[-1]
    click = await emu.click(student, third, label="End interview")
    await click.wait_ack()
    summary = await emu.wait_for(lambda: [m for m in emu.dm_messages(student) if "Interview ended" in m.text])
    message = summary[0]
    assert "answered 1 of 4" in message.text and message.attachments
    assert message.attachments[0].filename == "soap-interview-summary.txt"
    assert ANSWER[:40] in message.attachments[0].content.decode("utf-8")  # the student's own file
    assert any(b["label"] == "Share with my advisor" for b in message.buttons)
    # Nothing about the interview appeared in the server.
    assert all(m.ephemeral for m in emu.channel_messages(world.guild.general))
    assert not emu.everyone_pings()


async def test_closed_dms_get_an_ephemeral_explanation(world: World) -> None:
    shy = world.emu.add_member(world.guild.id, username="shy", dms_closed=True)
    ix = await world.emu.slash(shy, "interview start", {}, guild=world.guild)
    await ix.wait_done()
    assert ix.ephemeral and "Privacy Settings" in ix.messages[-1].text
    assert await world.services.interviews.active(shy.id) is None


async def test_second_start_points_to_the_running_interview(world: World) -> None:
    await start(world)
    ix = await world.emu.slash(world.student, "interview start", {}, guild=world.guild)
    await ix.wait_done()
    assert "already have a mock interview" in ix.messages[-1].text


async def test_interview_resumes_after_a_restart(world: World) -> None:
    emu, student = world.emu, world.student
    await start(world)
    await emu.wait_for(lambda: question_messages(emu.dm_messages(student)))
    await world.bot.close()  # the bot goes down mid-interview
    # The student answers while the bot is down; the gateway will not replay it.
    await emu.send_dm(student, ANSWER)
    async with emu.run_bot(SoapBot(world.services, guild_ready_timeout=0.05)):
        await emu.wait_for(lambda: any("Question 2 of 4" in m.text for m in emu.dm_messages(student)), timeout=20)
        session = await world.services.interviews.active(student.id)
        assert session is not None and session.number == 2 and session.state.turns[0].answer == ANSWER


async def test_stop_command_sends_the_summary(world: World) -> None:
    await start(world)
    ix = await world.emu.slash(world.student, "interview stop", {}, guild=world.guild)
    await ix.wait_done()
    assert "summary is in our DMs" in ix.messages[-1].text
    assert any("Interview ended" in m.text for m in world.emu.dm_messages(world.student))


async def test_distress_in_an_answer_gets_crisis_resources_before_feedback(world: World) -> None:
    emu, student = world.emu, world.student
    await start(world)
    await emu.wait_for(lambda: question_messages(emu.dm_messages(student)))
    await emu.send_dm(student, "Honestly I feel hopeless and worthless. I didn't match and I can't do this anymore.")
    await emu.wait_for(lambda: len(question_messages(emu.dm_messages(student))) == 2)
    texts = [m.text for m in emu.dm_messages(student)]
    crisis = next(i for i, t in enumerate(texts) if "988" in t)
    feedback = next(i for i, t in enumerate(texts) if "Feedback" in t)
    assert crisis < feedback
