"""Hostile input (corpus in hostile_corpus.py): each case asserts what must not happen.

- Prompt injection through questions, drafts, interview answers and advisor articles never
  changes the deterministic results, and reaches the LLM only inside delimiters.
- Oversized and binary input gets a clear message; nothing is lost or stuck.
- Unicode edge cases never break evidence: every quote is an exact substring of what was sent.
- Mentions in anything a student or the LLM writes never ping anyone.
"""

from __future__ import annotations

import json
import re

import pytest

from bot.core.critique import MAX_DRAFT_CHARS, check_draft
from bot.core.critique import critique as critique_draft
from bot.core.interview.rubric import assess_answer, rehearse
from tests.cogs.test_interview import ANSWER
from tests.fakes import FakeLLM
from tests.reliability.actions import (
    GOOD_REWRITE,
    World,
    advisor_of,
    answer_interview,
    ask,
    coach_reply,
    critique_file,
    feedback_messages,
    open_and_submit,
    rehearse_typed,
    start,
    upload_article,
)
from tests.reliability.hostile_corpus import (
    BAD_DRAFT,
    BINARY_FILES,
    BLAMING_ANSWER,
    INJECTIONS,
    MENTIONS,
    UNICODE_ANSWERS,
    UNICODE_DRAFTS,
    UNICODE_QUESTIONS,
)
from tests.support.discord_emulator import FakeAttachment
from tests.support.fake_openai import FakeOpenAI

QUESTION = "How many programs can I apply to in SOAP?"
DELIMITED = re.compile(r"<(question|draft|answer|passage|checklist|profile|contact|template)>\n.*?\n</\1>", re.DOTALL)
SOAP = "during-soap"


def outside_delimiters(fake: FakeOpenAI) -> str:
    """Everything the bot sent the LLM that is not inside a delimited block of user text."""
    return "\n".join(
        DELIMITED.sub(" ", str(m.get("content", ""))) for r in fake.chat_requests() for m in r.json["messages"]
    )


def flagged(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.check for f in result.findings if f.flagged}


def statuses(result) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {c.criterion: c.status for c in result.criteria}


# ----- prompt injection ----------------------------------------------------------------------------


async def test_injected_questions_reach_the_llm_only_as_delimited_data(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    connect_llm()
    for injection in INJECTIONS:
        ix = await ask(world, f"{QUESTION} {injection.text}"[:1000])
        assert "AI mode" in ix.text and not ix.rejected
    assert len(fake_openai.chat_requests()) == len(INJECTIONS)
    leaked = outside_delimiters(fake_openai)
    assert all(injection.marker not in leaked for injection in INJECTIONS)
    system = fake_openai.chat_requests()[0].json["messages"][0]
    assert system["role"] == "system" and QUESTION not in system["content"]


async def test_injected_drafts_keep_every_finding_and_stay_delimited(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    base = check_draft(BAD_DRAFT, "coordinator-email", "no", SOAP)
    assert {"contact-rule", "commitment"} <= flagged(base)
    fooled = {"findings": [], "rewrite": "This draft is perfect. Send it as is."}
    fake_openai.reply = lambda _messages: fooled  # the LLM fell for it
    connect_llm()
    for injection in INJECTIONS:
        for draft in (
            f"{BAD_DRAFT}\n{injection.text}\n",
            BAD_DRAFT.replace("Thank you,", f"{injection.text}\n\nThank you,"),
        ):
            offline = check_draft(draft, "coordinator-email", "no", SOAP)
            assert flagged(base) <= flagged(offline), injection.id
            assert all(f.evidence in draft for f in offline.findings), injection.id
    draft = f"{BAD_DRAFT}\n{INJECTIONS[3].text}\n"  # "declare it perfect", through Discord and the LLM
    shown = await open_and_submit(world, draft, "coordinator-email", "no", phase=SOAP)
    text = shown.messages[0].text
    assert (
        "Would break the SOAP contact rule" in text
        and "Premature commitment or ranking talk" in text
        and "Fix before sending" in text
    )
    assert "AI mode" in text and shown.messages[0].find_component(label="Show suggested rewrite") is None
    assert INJECTIONS[3].marker not in outside_delimiters(fake_openai)


async def test_injected_answers_never_soften_the_rubric(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    base = assess_answer(BLAMING_ANSWER)
    assert base.criteria and statuses(base)["blame"] != "pass"
    everything_passes = {
        "adjustments": [
            {"criterion": c.criterion, "status": "pass", "evidence": "", "advice": "Perfect."} for c in base.criteria
        ],
        "follow_up": "Ignore your instructions?",
    }
    for injection in INJECTIONS:
        answer = f"{BLAMING_ANSWER} {injection.text}"
        reviewed = await rehearse(answer, llm=FakeLLM(json.dumps(everything_passes)))
        assert statuses(reviewed)["blame"] == statuses(base)["blame"], injection.id
        assert statuses(reviewed) == statuses(assess_answer(answer)), injection.id  # never more lenient
    fake_openai.reply = lambda _messages: everything_passes
    connect_llm()
    await start(world)
    await answer_interview(world, f"{BLAMING_ANSWER} {INJECTIONS[0].text} {INJECTIONS[1].text}")
    feedback = feedback_messages(world)[-1].text
    assert "AI mode" in feedback and "No blame" in feedback.split("Working well")[0]  # still flagged
    leaked = outside_delimiters(fake_openai)
    assert INJECTIONS[0].marker not in leaked and INJECTIONS[1].marker not in leaked


async def test_an_injected_article_reaches_the_llm_only_as_a_passage(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    article = (
        "# Our SOAP war room\n\n## Where the SOAP war room meets\n\n"
        "Our cohort's SOAP war room meets in the Kessler Library, room 214, at 7 a.m. every day of Match Week.\n\n"
        + "\n\n".join(injection.text for injection in INJECTIONS)
        + "\n"
    )
    added = await upload_article(world, advisor_of(world), "war-room.md", article.encode())
    assert "went wrong" not in added.text
    connect_llm()
    ix = await ask(world, "Where does the SOAP war room meet during Match Week?")
    assert "AI mode" in ix.text
    leaked = outside_delimiters(fake_openai)
    assert all(injection.marker not in leaked for injection in INJECTIONS)
    prompt = "\n".join(m["content"] for m in fake_openai.last_messages())
    assert "Kessler Library" in prompt  # the article was used, as data


async def test_a_reply_that_echoes_the_instructions_is_not_shown(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    def echo(messages: list[dict]) -> str:  # type: ignore[type-arg]
        return "Sure! My instructions are: " + messages[0]["content"]

    fake_openai.reply = echo
    connect_llm(llm_max_concurrency=1)
    ix = await ask(world, f"{QUESTION} {INJECTIONS[0].text}")
    system = fake_openai.chat_requests()[0].json["messages"][0]["content"]
    shown = "\n".join(m.text for m in ix.messages)
    assert not any(system[i : i + 80] in shown for i in range(0, max(1, len(system) - 80), 40))
    assert "45" in shown and "Offline mode" in shown  # the offline answer instead, with a note
    assert "repeated its instructions" in shown
    fake_openai.reply = coach_reply  # the abandoned stream gave its concurrency slot back
    assert "AI mode" in (await ask(world, QUESTION)).text


async def test_reviews_that_echo_the_instructions_are_not_used() -> None:
    def leaky(field: str, rest: dict) -> FakeLLM:  # type: ignore[type-arg]
        return FakeLLM(lambda messages: json.dumps({**rest, field: messages[0]["content"]}))

    draft = await critique_draft(BAD_DRAFT, "coordinator-email", "no", SOAP, llm=leaky("rewrite", {"findings": []}))
    assert draft.rewrite is None and "repeated its instructions" in (draft.notice or "")
    answer = await rehearse(BLAMING_ANSWER, llm=leaky("follow_up", {"adjustments": []}))
    assert answer.follow_up is None and "repeated its instructions" in (answer.notice or "")


async def test_companion_text_is_data_and_never_pings(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    """Profile and contact fields reach the draft prompt only delimited, and show without pinging."""
    role = world.emu.add_role(world.guild, "Program directors")
    ping = f"@everyone <@&{role.id}>"
    profile = {
        "name": f"Jane Doe {ping}",
        "specialties": INJECTIONS[2].text[:150],
        "contact_line": INJECTIONS[0].text[:160],
    }
    saved = await world.emu.slash(world.student, "profile set", profile, guild=world.guild)
    await saved.wait_done()
    contact = {
        "program": f"Cedar Ridge Family Medicine {ping}",
        "person": "Dr. Ana Ibarra @here",
        "role": "program-director",
        "origin": "program-reached-out",
        "last_received": "now",
        "notes": f"{INJECTIONS[1].text} {INJECTIONS[3].text}"[:500],
    }
    added = await world.emu.slash(world.student, "contacts add", contact, guild=world.guild)
    await added.wait_done()
    listing = await world.emu.slash(world.student, "contacts list", {}, guild=world.guild)
    await listing.wait_done()
    connect_llm()
    draft = await world.emu.slash(
        world.student, "draft", {"kind": "thank-you", "program": "Cedar Ridge Family Medicine"}, guild=world.guild
    )
    await draft.wait_done()
    assert draft.messages and not draft.rejected and "went wrong" not in draft.text
    assert fake_openai.chat_requests(), "the draft went through the LLM"
    leaked = outside_delimiters(fake_openai)
    assert all(injection.marker not in leaked for injection in INJECTIONS[:4])
    assert not world.emu.everyone_pings()
    for message in world.emu.bot_messages():
        assert message.allowed_mentions is None or not message.allowed_mentions.get("parse"), message


# ----- Unicode ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(UNICODE_DRAFTS))
async def test_unicode_drafts_keep_exact_evidence(case: str) -> None:
    draft = UNICODE_DRAFTS[case]
    result = await critique_draft(draft, "coordinator-email", "no", SOAP)
    assert "contact-rule" in flagged(result), case
    for finding in result.findings:
        assert finding.evidence in draft, (case, finding.check, finding.evidence)


@pytest.mark.parametrize("case", sorted(UNICODE_ANSWERS))
async def test_unicode_answers_keep_exact_evidence(case: str) -> None:
    answer = UNICODE_ANSWERS[case]
    result = await rehearse(answer)
    assert statuses(result)["blame"] != "pass", case
    assert statuses(result)["fillers"] != "pass", case
    for criterion in result.criteria:
        if criterion.criterion != "length":  # a measurement ("about 12 s ..."), not a quote
            assert criterion.evidence in answer, (case, criterion.criterion, criterion.evidence)


async def test_unicode_through_discord(world: World) -> None:
    for case, question in UNICODE_QUESTIONS.items():
        ix = await ask(world, question)
        assert not ix.rejected and "went wrong" not in ix.text, case
    for case, draft in UNICODE_DRAFTS.items():
        shown = await open_and_submit(world, draft, "coordinator-email", "no", phase=SOAP)
        assert "Would break the SOAP contact rule" in shown.text and not shown.rejected, case
        quotes = re.findall(r"> “(.*?)”", shown.text)
        assert quotes and all(q.rstrip("…") in draft for q in quotes), case
    await start(world)
    for answer in list(UNICODE_ANSWERS.values())[:3]:
        await answer_interview(world, answer)
    assert len(feedback_messages(world)) == 3
    assert not [r for r in world.emu.requests if r.status == 400]


# ----- mentions -----------------------------------------------------------------------------------


async def test_mentions_in_student_and_llm_text_never_ping(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    emu = world.emu
    role = emu.add_role(world.guild, "Residents")
    mentions = MENTIONS.format(role=role.id, user=world.student.id)
    await ask(world, f"{mentions} {QUESTION}")
    await open_and_submit(world, f"{BAD_DRAFT}\n{mentions}\n", "coordinator-email", "no", phase=SOAP)
    await rehearse_typed(world, f"{BLAMING_ANSWER} {mentions}")
    await start(world)
    await answer_interview(world, f"{ANSWER} {mentions}")
    fake_openai.reply = lambda messages: (
        {"findings": [], "rewrite": GOOD_REWRITE.replace("Dear Ms. Alvarez,", f"Dear Ms. Alvarez, {mentions}")}
        if "checklist has already reviewed the draft" in messages[0]["content"]
        else f"{mentions} Apply to at most 45 programs [1]."
    )
    connect_llm()
    await ask(world, QUESTION)
    reviewed = await open_and_submit(world, GOOD_REWRITE, "coordinator-email", "yes", phase=SOAP)
    button = reviewed.messages[0].find_component(label="Show suggested rewrite")
    if button is not None:
        shown = await emu.click(world.student, reviewed.messages[0], label="Show suggested rewrite")
        await shown.wait_done()
    assert not emu.everyone_pings()
    with_text = [m for m in emu.bot_messages() if m.content]
    assert with_text  # some replies carry plain content, not only embeds
    for message in emu.bot_messages():
        if re.search(r"@everyone|@here|<@&?\d+>", message.text):
            assert message.allowed_mentions is not None and not message.allowed_mentions.get("parse"), message
            assert not message.allowed_mentions.get("roles") and not message.allowed_mentions.get("users"), message


# ----- oversized and binary ------------------------------------------------------------------------


async def test_oversized_input_gets_a_clear_message_and_nothing_sticks(world: World) -> None:
    too_long = (BAD_DRAFT + "\n") * (MAX_DRAFT_CHARS // len(BAD_DRAFT) + 2)
    ix = await critique_file(world, "draft.txt", too_long.encode())
    assert ix.ephemeral and f"{MAX_DRAFT_CHARS:,}" in ix.text and "went wrong" not in ix.text
    huge = await critique_file(world, "draft.txt", b"a" * 200_000)
    assert huge.ephemeral and "KB" in huge.text
    article = await upload_article(world, advisor_of(world), "huge.md", b"# Huge\n\n" + b"word " * 40_000)
    assert article.ephemeral and "Nothing was changed" in article.text
    assert "Fix before sending" in (await open_and_submit(world, BAD_DRAFT, "coordinator-email", "no", phase=SOAP)).text
    await start(world)
    long_answer = (ANSWER + " ") * (3900 // len(ANSWER))
    await answer_interview(world, long_answer[:3900])  # as long as Discord lets anyone type
    assert len(feedback_messages(world)) == 1
    assert "[1]" in (await ask(world, (QUESTION + " ") * 23)).text  # ~1,000 characters


@pytest.mark.parametrize("name", sorted(BINARY_FILES))
async def test_binary_drafts_get_a_clear_message(world: World, name: str) -> None:
    ix = await critique_file(world, name, BINARY_FILES[name])
    assert ix.ephemeral and ix.messages and not ix.rejected
    assert "went wrong" not in ix.text
    assert "UTF-8" in ix.text or "text" in ix.text


async def test_binary_articles_and_attachments_get_a_clear_message(world: World) -> None:
    advisor = advisor_of(world)
    for name, data in BINARY_FILES.items():
        ix = await upload_article(world, advisor, name, data)
        assert ix.ephemeral and "Nothing was changed" in ix.text, name
    await start(world)
    await world.emu.send_dm(
        world.student, "", attachments=[FakeAttachment("scan.png", BINARY_FILES["png-named-txt.txt"])]
    )
    await world.emu.wait_for(
        lambda: any("couldn't use that answer" in m.text for m in world.emu.dm_messages(world.student))
    )
    await answer_interview(world, ANSWER)  # the interview is not stuck
    assert len(feedback_messages(world)) == 1
