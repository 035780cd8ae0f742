"""Discord's real rules through the emulator (issue "Discord, held to Discord's real rules").

Each test reproduces one way the bot used to break a rule Discord enforces (an embed over
6,000 characters, a form or button nobody answers, an expired interaction token, a member
who left a server) and checks what the student or advisor sees instead.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import pytest

from bot.core.companion.drafts import DraftResult
from tests.cogs.conftest import World
from tests.fakes import FakeLLM
from tests.support.discord_emulator import FakeAttachment, FakeInteraction, FakeUser, Perm


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
    "what happens on each day of Match Week from Monday to Thursday"
)
ANSWER = (
    "During Match Week the SOAP war room meets in the Kessler Library, room 214, at 7 a.m. every day. "
    "Dr. Alvarez reviews your application list with you there, and the deans' office joins on Tuesday. " * 17
).strip()


def long_article() -> bytes:
    sections = "\n\n".join(
        f"## Where the SOAP war room meets during Match Week, day {i}, and who you will find there\n\n"
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
    else:
        assert "came back empty" in ix.text


async def test_contacts_list_with_eight_contacts_at_full_length(world: World) -> None:
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
                "interview": "today 2pm",
                "last_received": "today 9am",
                "notes": "Asked about my research in rural health and my Step 2 score. " * 8,
            },
        )
        assert accepted(ix), ix.describe()
    ix = await run(world, world.student, "contacts list")
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
