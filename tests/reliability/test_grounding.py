"""AI text that states facts is checked against what the model was given, through the real client
and the fake OpenAI server scripted with wrong claims: /ask answers (dropped sentences, the
offline fallback, the direct answer leading), critique rewrites and interview follow-ups."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.core.base import grounding
from bot.core.base.embeddings import LocalMiniLM
from bot.core.base.llm import LLMClient
from bot.core.critique.review import critique
from bot.core.interview.rubric import rehearse
from bot.core.services import Services, build_services
from tests.conftest import make_settings
from tests.support.fake_openai import FakeOpenAI

DEAN = "Can my dean call a program director for me on Tuesday?"
END = "When does SOAP end?"
APPLY = "How many programs can I apply to in SOAP?"
OFFERS = "How long do I have to accept a SOAP offer?"


@pytest.fixture
async def fake() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as server:
        yield server


@pytest.fixture
async def ai(data_dir: Path, embedder: LocalMiniLM, fake: FakeOpenAI) -> AsyncIterator[Services]:
    settings = make_settings(data_dir, openai_base_url=fake.base_url, openai_api_key="test-key", llm_max_retries=0)
    services = await build_services(settings, embedder=embedder)
    assert isinstance(services.llm, LLMClient)
    try:
        yield services
    finally:
        await services.close()


def scripted(fake: FakeOpenAI, *sentences: str) -> None:
    fake.reply = lambda _messages: " ".join(sentences)


async def ask(services: Services, question: str, stream: bool = False) -> Any:
    shown: list[str] = []

    async def on_delta(text: str) -> None:
        shown.append(text)

    answer = await services.answerer.ask(question, llm=services.llm, on_delta=on_delta if stream else None)
    return answer, shown


GOOD_END = "Keep your phone on until then [1]. Check the updated list after each round [1]."


@pytest.mark.parametrize(
    ("question", "wrong", "kind"),
    [
        (END, "SOAP closes at 8:00 p.m. ET on Thursday [1].", "event"),  # wrong time
        (END, "SOAP ends on Wednesday at 9 p.m. ET [1].", "time"),  # wrong weekday
        (APPLY, "You can send up to 60 applications in total [1].", "number"),  # wrong count
        (OFFERS, "Each offer stays open for four hours [1].", "duration"),  # wrong duration
        (END, "Round 1 offers go out on March 20th [1].", "date"),  # the date a real small model gave
        (DEAN, "Yes, your dean may call the program director for you on Tuesday [1].", "verdict"),  # reversed
    ],
)
async def test_a_wrong_claim_is_not_shown(ai: Services, fake: FakeOpenAI, question: str, wrong: str, kind: str) -> None:
    scripted(fake, wrong, GOOD_END, "Your dean's office can help you plan the week [1].")
    answer, _ = await ask(ai, question)
    assert answer.mode == "llm", answer.notice
    assert wrong.split(" [")[0] not in answer.text
    assert "Check the updated list after each round" in answer.text  # the rest stays
    assert answer.notice == grounding.DROPPED_NOTE
    assert answer.checked is not None and kind in answer.checked.by_kind


@pytest.mark.parametrize(
    ("question", "right"),
    [
        (END, "SOAP ends on Thursday at nine in the evening, Eastern time [1]."),
        (END, "The rule lasts until 21:00 ET on Thursday [1]."),
        (APPLY, "That is forty-five applications across every specialty together [1]."),
        (OFFERS, "You get a 2-hour window for each offer [1]."),
        (DEAN, "No, your dean cannot call a program until that program has contacted you [1]."),
        (DEAN, "After SOAP ends, your dean may call unfilled programs for you [1]."),
    ],
)
async def test_correct_claims_in_other_words_are_kept(
    ai: Services, fake: FakeOpenAI, question: str, right: str
) -> None:
    scripted(fake, right, GOOD_END)
    answer, _ = await ask(ai, question)
    assert answer.mode == "llm" and answer.notice is None, answer.checked
    assert right.split(" [")[0] in answer.text


async def test_the_direct_answer_leads_and_the_model_explains(ai: Services, fake: FakeOpenAI) -> None:
    scripted(fake, "Ask your dean to wait; once the program calls you, reply quickly [1].")
    answer, _ = await ask(ai, DEAN)
    lead, explanation = answer.text.split("\n\n")[:2]
    assert lead.startswith(
        "**Direct answer** (from the guidance): No: until a program has contacted you"
    ) and lead.endswith("[1]")
    assert "contacted you" in lead and explanation.startswith("Ask your dean to wait")
    # The direct answer went first in the prompt too, labelled as such.
    user = fake.last_messages()[-1]["content"]
    assert user.index("Direct answers") < user.index("Guidance passages") and "<answer>" in user


async def test_too_little_left_falls_back_to_the_offline_answer_with_a_note(ai: Services, fake: FakeOpenAI) -> None:
    scripted(
        fake,
        "Yes, your dean may call the program director on Tuesday [1].",
        "It is fine for advisors to email programs to vouch for you [1].",
        "Programs expect a call within 4 hours [1].",
    )
    answer, _ = await ask(ai, DEAN)
    assert answer.mode == "offline" and answer.notice == grounding.FALLBACK_NOTE
    assert "may call the program director" not in answer.text and "contacted you" in answer.text
    assert answer.to_json()["answer"].endswith(f"_{grounding.FALLBACK_NOTE}_")


async def test_streaming_shows_the_text_as_it_comes_but_the_answer_is_the_checked_one(
    ai: Services, fake: FakeOpenAI
) -> None:
    wrong = "SOAP ends on Wednesday at 9 p.m. ET [1]."
    scripted(fake, GOOD_END, wrong, "Rest when you can [1].")
    fake.stream_piece_chars = 12
    answer, shown = await ask(ai, END, stream=True)
    assert len(shown) > 2 and wrong in shown[-1]  # it streamed, unchecked
    assert shown[-1].startswith("**Direct answer**")
    assert wrong.split(" [")[0] not in answer.text and "Rest when you can" in answer.text


async def test_grounding_logs_counts_never_text(
    ai: Services, fake: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    scripted(fake, "SOAP ends on Wednesday at 9 p.m. ET [1].", GOOD_END)
    await ask(ai, END)
    records = [r for r in caplog.records if "grounding" in r.getMessage()]
    assert records and "dropped=1" in records[0].getMessage()
    for record in caplog.records:
        text = record.getMessage()
        assert "Wednesday" not in text and "Keep your phone" not in text and "SOAP end?" not in text


# ----- critique rewrites and interview follow-ups ---------------------------------------------------

DRAFT = """Subject: Re: SOAP interview - Larkspur Family Medicine

Dear Ms. Whitcomb,

Thank you for the invitation to interview. Tuesday at 2:00 p.m. works for me.

Best regards,
Nina Castellano
AAMC ID 15544321
"""


def rewrite_of(draft: str, old: str, new: str) -> dict[str, Any]:
    return {"findings": [], "rewrite": draft.replace(old, new)}


async def test_a_rewrite_that_invents_a_time_is_withheld(fake: FakeOpenAI, tmp_path: Path) -> None:
    llm = LLMClient(make_settings(tmp_path, openai_base_url=fake.base_url, openai_api_key="k", llm_max_retries=0))
    try:
        fake.reply = lambda _m: rewrite_of(DRAFT, "Tuesday at 2:00 p.m.", "Wednesday at 4:00 p.m.")
        result = await critique(DRAFT, "coordinator-email", "yes", llm=llm)
        assert result.mode == "llm" and result.rewrite is None and result.template
        assert result.notice and "date, time, number or rule that your draft does not give" in result.notice
        # The same time in other words is the student's own fact.
        fake.reply = lambda _m: rewrite_of(DRAFT, "Tuesday at 2:00 p.m.", "Tuesday at 2 pm")
        result = await critique(DRAFT, "coordinator-email", "yes", llm=llm)
        assert result.rewrite and "Tuesday at 2 pm" in result.rewrite
    finally:
        await llm.close()


ANSWER = (
    "I applied too narrowly, only to university programs in two cities, and that was my decision. "
    "Since Monday I have broadened my list with my advisor and done two mock interviews. "
    "Your program's community focus fits my clinic work, and I am ready to start on July first."
)


async def test_a_follow_up_that_states_what_the_answer_does_not_is_dropped(fake: FakeOpenAI, tmp_path: Path) -> None:
    llm = LLMClient(make_settings(tmp_path, openai_base_url=fake.base_url, openai_api_key="k", llm_max_retries=0))
    try:
        fake.reply = lambda _m: {"adjustments": [], "follow_up": "Why did you apply to only 5 programs last year?"}
        result = await rehearse(ANSWER, llm=llm)
        assert result.mode == "llm" and result.follow_up is None and result.notice == grounding.FOLLOW_UP_NOTE
        fake.reply = lambda _m: {"adjustments": [], "follow_up": "What did your 2 mock interviews teach you?"}
        result = await rehearse(ANSWER, llm=llm)
        assert result.follow_up == "What did your 2 mock interviews teach you?" and result.notice is None
    finally:
        await llm.close()


# ----- what each front end finally shows: the checked answer ----------------------------------------

WRONG_END = "SOAP ends on Wednesday at 9 p.m. ET [1]."
STREAMED = " ".join([GOOD_END, WRONG_END, *["Keep your phone and email on all day [1]."] * 20])


async def test_discord_ask_streams_then_edits_in_the_checked_answer(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    from tests.reliability.actions import ask as discord_ask

    fake_openai.reply = lambda _messages: STREAMED
    fake_openai.stream_chunk_delay = 0.01
    connect_llm()
    ix = await discord_ask(world, END)
    shown_while_streaming = [h for m in ix.messages for h in m.history if "Wednesday at 9 p.m." in str(h.get("embeds"))]
    assert shown_while_streaming  # the unchecked text was on screen while it streamed ...
    final = "\n".join(m.text for m in ix.messages)
    assert "Wednesday at 9 p.m." not in final  # ... and the final edit is the checked answer
    assert "Check the updated list after each round" in final and "Direct answer" in final
    assert grounding.DROPPED_NOTE in final and "AI mode" in final


async def test_console_ask_prints_the_checked_answer(data_dir: Path, embedder: LocalMiniLM, fake: FakeOpenAI) -> None:
    from tests.support.console import scripted_console

    fake.reply = lambda _messages: STREAMED
    settings = make_settings(data_dir, openai_base_url=fake.base_url, openai_api_key="test-key", llm_max_retries=0)
    services = await build_services(settings, embedder=embedder)
    chat, output = scripted_console(services, [END, "/quit"])
    try:
        await chat.run()
    finally:
        await services.close()
    text = " ".join(output.getvalue().split())
    assert any(r.json.get("stream") is True for r in fake.chat_requests())  # it streamed
    assert "Wednesday at 9 p.m." not in text and "Check the updated list after each round" in text
    assert grounding.DROPPED_NOTE in text and "AI mode" in text


async def test_command_line_json_is_the_checked_answer(data_dir: Path, fake: FakeOpenAI) -> None:
    import asyncio
    import json
    import os
    import sys

    fake.reply = lambda _messages: STREAMED
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DISCORD_"))}
    env.update(DATA_DIR=str(data_dir), OPENAI_BASE_URL=fake.base_url, OPENAI_API_KEY="test-key", LLM_MAX_RETRIES="0")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "ask", END, "--json", env=env, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    stdout, stderr = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, stderr.decode()[-2000:]
    payload = json.loads(stdout)
    assert payload["mode"] == "llm" and "Wednesday at 9 p.m." not in payload["answer"]
    assert "**Direct answer** (from the guidance)" in payload["answer"]
    assert payload["answer"].endswith(f"_{grounding.DROPPED_NOTE}_")
    assert "Wednesday" not in stderr.decode()  # nor in the logs
