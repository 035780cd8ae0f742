"""LLM faults through the real LLMClient and the fake OpenAI server: every one ends in a useful reply.

Timeouts, rate limits (429 with Retry-After), server errors, malformed replies, streams that
break off and a rejected key each give the student the offline answer or checklist with a
note saying why, within Discord's limits, after a bounded number of attempts. A burst of
requests never has more than LLM_MAX_CONCURRENCY completions in flight at the provider.
"""

from __future__ import annotations

import asyncio
import time

from bot.core.base.llm import FALLBACK_REASONS
from tests.cogs.test_critique import COLD_EMAIL
from tests.cogs.test_interview import ANSWER
from tests.reliability.actions import (
    World,
    answer_interview,
    ask,
    coach_reply,
    feedback_messages,
    open_and_submit,
    start,
)
from tests.support.discord_emulator import FakeInteraction

QUESTION = "How many programs can I apply to in SOAP?"


def answer_embed(ix: FakeInteraction) -> dict:  # type: ignore[type-arg]
    return ix.messages[0].embeds[0]


def note(ix: FakeInteraction) -> str:
    return "\n".join(
        f["value"] for m in ix.messages for e in m.embeds for f in e.get("fields", []) if f["name"] == "Note"
    )


def assert_offline_answer(ix: FakeInteraction, reason: str) -> None:
    """A complete, cited offline answer with a note saying why the AI was not used."""
    embed = answer_embed(ix)
    assert "45" in embed["description"] and "[1]" in embed["description"]
    assert embed["footer"]["text"].startswith("Offline mode")
    assert FALLBACK_REASONS[reason] in note(ix) and "answered offline" in note(ix)


def assert_discord_accepted_everything(world: World) -> None:
    refused = [r for r in world.emu.requests if r.status is not None and 400 <= r.status < 500 and r.status != 429]
    assert refused == [], [(r.method, r.path, r.response) for r in refused]
    assert not world.emu.unknown_routes


async def test_a_timeout_falls_back_at_the_deadline_without_resending(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    connect_llm(llm_timeout_seconds=0.5, llm_max_retries=2)
    for _ in range(3):
        fake_openai.enqueue_fault("timeout", delay=5)
    started = time.perf_counter()
    ix = await ask(world, QUESTION)
    assert_offline_answer(ix, "timeout")
    # LLM_TIMEOUT_SECONDS bounds the whole call, and a slow server is not sent the same prompt again.
    assert len(fake_openai.chat_requests()) == 1
    assert time.perf_counter() - started < 5
    assert_discord_accepted_everything(world)


async def test_a_short_retry_after_is_honoured_and_the_answer_arrives(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    fake_openai.reply = coach_reply
    connect_llm()
    fake_openai.enqueue_fault("429", retry_after=0.2)
    ix = await ask(world, QUESTION)
    embed = answer_embed(ix)
    assert embed["footer"]["text"].startswith("AI mode") and "45 programs" in embed["description"]
    assert [r.status for r in fake_openai.chat_requests()] == [429, 200]


async def test_a_retry_after_beyond_the_cap_is_not_waited_for(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    llm = connect_llm(llm_max_retries=3)
    fake_openai.enqueue_fault("429", retry_after=10 * llm.MAX_RETRY_WAIT_S)
    ix = await ask(world, QUESTION)  # waits at most 30 s, far less than the Retry-After
    assert_offline_answer(ix, "rate_limited")
    assert len(fake_openai.chat_requests()) == 1  # gave up at once instead of waiting


async def test_server_errors_leave_the_critique_checklist_intact(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    offline = await open_and_submit(world, COLD_EMAIL, "coordinator-email", "no", phase="during-soap")
    connect_llm(llm_max_retries=1)
    for _ in range(2):
        fake_openai.enqueue_fault("500")
    failed = await open_and_submit(world, COLD_EMAIL, "coordinator-email", "no", phase="during-soap")
    assert len(fake_openai.chat_requests()) == 2
    main = failed.messages[0]
    assert main.embeds[0]["footer"]["text"].startswith("Offline mode")
    assert f"AI review unavailable ({FALLBACK_REASONS['server']})" in main.text
    fields = {f["name"]: f["value"] for f in main.embeds[0]["fields"] if f["name"] != "Note"}
    assert fields == {f["name"]: f["value"] for f in offline.messages[0].embeds[0]["fields"] if f["name"] != "Note"}
    assert main.find_component(label="Show a template") is not None  # still a way forward
    assert_discord_accepted_everything(world)


async def test_malformed_replies_fall_back_without_retrying(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    connect_llm()
    fake_openai.enqueue_fault("malformed")  # not JSON at all (HTTP level)
    broken = await open_and_submit(world, COLD_EMAIL, "coordinator-email", "no", phase="during-soap")
    assert FALLBACK_REASONS["malformed"] in broken.messages[0].text
    assert "Would break the SOAP contact rule" in broken.messages[0].text
    assert len(fake_openai.chat_requests()) == 1
    # A well-formed completion whose content is not the JSON asked for.
    fake_openai.reply = "Sure! Here is my review: looks great."
    await start(world)
    await answer_interview(world, ANSWER)
    feedback = feedback_messages(world)[-1]
    assert "AI review unavailable" in feedback.text and "Offline mode" in feedback.text
    assert_discord_accepted_everything(world)


async def test_a_stream_that_breaks_off_ends_as_a_complete_offline_answer(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    half = "HALFANSWER " * 30
    fake_openai.reply = half + "and the rest never arrives [1]."
    fake_openai.stream_chunk_delay = 0.01
    fake_openai.enqueue_fault("truncated_stream", chunks=12)
    connect_llm()
    ix = await ask(world, QUESTION)
    assert_offline_answer(ix, "connection")
    final = ix.messages
    assert all("HALFANSWER" not in m.text and "Writing…" not in m.text for m in final)
    shown_while_streaming = [h for m in final for h in m.history if "HALFANSWER" in str(h.get("embeds"))]
    assert shown_while_streaming  # the half answer was on screen, and was replaced
    assert_discord_accepted_everything(world)


async def test_a_rejected_key_gives_offline_replies_everywhere(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    connect_llm(llm_max_retries=3)
    fake_openai.api_key = "sk-a-different-key"  # the configured one is now invalid (401)
    ix = await ask(world, QUESTION)
    assert_offline_answer(ix, "auth")
    draft = await open_and_submit(world, COLD_EMAIL, "coordinator-email", "no", phase="during-soap")
    assert FALLBACK_REASONS["auth"] in draft.messages[0].text
    await start(world)
    await answer_interview(world, ANSWER)
    assert FALLBACK_REASONS["auth"] in feedback_messages(world)[-1].text
    assert [r.status for r in fake_openai.chat_requests()] == [401, 401, 401]  # never retried
    assert_discord_accepted_everything(world)


async def test_a_burst_never_exceeds_the_concurrency_cap(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    cap = 2
    fake_openai.reply = coach_reply
    fake_openai.latency = (0.05, 0.15)
    fake_openai.stream_chunk_delay = 0.005
    connect_llm(llm_max_concurrency=cap)
    students = [world.emu.add_member(world.guild.id, username=f"burst{i}") for i in range(3 * cap + 2)]
    asks = [world.emu.slash(s, "ask", {"question": QUESTION}, guild=world.guild) for s in students[: 2 * cap]]
    drafts = [world.emu.slash(s, "critique", {"phase": "during-soap"}, guild=world.guild) for s in students[2 * cap :]]
    asked = await asyncio.gather(*asks)
    opened = await asyncio.gather(*drafts)
    await asyncio.gather(*(ix.wait_ack() for ix in opened))
    submitted = await asyncio.gather(
        *(
            world.emu.submit_modal(
                s,
                ix,
                {
                    "What kind of message is it?": ["thank-you"],
                    "Did the program contact you first?": ["yes"],
                    "Your draft": COLD_EMAIL,
                },
            )
            for s, ix in zip(students[2 * cap :], opened, strict=True)
        )
    )
    for ix in [*asked, *submitted]:
        await ix.wait_done(timeout=60)
    await world.emu.wait_for(lambda: all("Writing…" not in ix.text for ix in asked), 60)
    assert all("AI mode" in ix.text for ix in [*asked, *submitted])  # nobody was turned away
    assert len(fake_openai.chat_requests()) == len(students)
    assert fake_openai.max_in_flight == cap  # the cap was reached, never exceeded


# ----- what real servers (llama.cpp, Ollama, vLLM) do ----------------------------------------------


def assert_ai_answer(ix: FakeInteraction) -> dict:  # type: ignore[type-arg]
    embed = answer_embed(ix)
    assert embed["footer"]["text"].startswith("AI mode"), (embed["footer"], note(ix))
    return embed


async def test_a_small_context_gets_an_ai_answer_from_fewer_passages(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    fake_openai.reply = coach_reply
    fake_openai.context_window = 1100  # far below ASK_PROMPT_TOKEN_BUDGET's prompt
    llm = connect_llm()
    ix = await ask(world, QUESTION)
    assert "45 programs" in assert_ai_answer(ix)["description"]
    first, second = fake_openai.chat_requests()
    assert (first.status, second.status) == (400, 200)  # context_length_exceeded, then fitted
    assert len(str(second.json["messages"])) < len(str(first.json["messages"]))  # fewer passages
    assert llm.context_window == 1100
    ix = await ask(world, "What should I do if a program emails me during SOAP?")
    assert_ai_answer(ix)
    assert [r.status for r in fake_openai.chat_requests()][2:] == [200]  # fitted before it was sent


async def test_a_cut_off_answer_is_not_shown_as_complete(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    fake_openai.reply = coach_reply
    fake_openai.enqueue_fault("length", chunks=6)
    connect_llm()
    ix = await ask(world, QUESTION)
    assert_offline_answer(ix, "truncated")
    assert_discord_accepted_everything(world)


async def test_a_cut_off_review_is_asked_for_again_shorter(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    fake_openai.reply = coach_reply
    fake_openai.enqueue_fault("length", chunks=5)  # cut-off JSON
    connect_llm()
    sub = await open_and_submit(world, COLD_EMAIL, "thank-you", "yes", phase="during-soap")
    main = sub.messages[0]
    assert main.embeds[0]["footer"]["text"].startswith("AI mode")
    assert FALLBACK_REASONS["malformed"] not in main.text
    first, second = fake_openai.chat_requests()
    assert "cut off" in second.json["messages"][0]["content"]
    assert "cut off" not in first.json["messages"][0]["content"]


async def test_a_review_cut_off_twice_falls_back_with_a_clear_notice(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    fake_openai.reply = coach_reply
    fake_openai.enqueue_fault("length")
    fake_openai.enqueue_fault("length")
    connect_llm()
    sub = await open_and_submit(world, COLD_EMAIL, "coordinator-email", "no", phase="during-soap")
    text = sub.messages[0].text
    assert FALLBACK_REASONS["truncated"] in text and FALLBACK_REASONS["malformed"] not in text
    assert "Would break the SOAP contact rule" in text


async def test_prompt_tags_never_reach_the_student(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    fake_openai.reply = coach_reply
    fake_openai.stream_piece_chars = 3  # "<pa" "ssa" "ge>": tags split across stream chunks
    fake_openai.enqueue_fault("prompt_tags")
    connect_llm()
    ix = await ask(world, QUESTION)
    embed = assert_ai_answer(ix)
    shown = [str(h.get("embeds")) for m in ix.messages for h in m.history] + [embed["description"]]
    assert not any(tag in text for text in shown for tag in ("<passage", "<section", "</template", "passage>"))


async def test_streams_without_usage_are_metered_as_estimates(world, connect_llm, fake_openai, caplog) -> None:  # type: ignore[no-untyped-def]
    fake_openai.reply = coach_reply
    fake_openai.stream_usage = False  # as llama.cpp
    connect_llm()
    with caplog.at_level("INFO", logger="bot.core.base.llm"):
        ix = await ask(world, QUESTION)
    assert_ai_answer(ix)
    assert "purpose=ask" in caplog.text and "usage=estimated" in caplog.text
    assert await world.services.usage.tokens_used_today(world.guild.id) > 0
    rows = await world.services.store.fetchall("SELECT purpose FROM usage")
    assert [tuple(r) for r in rows] == [("ask:estimated",)]


async def test_a_model_the_server_does_not_have_gives_a_clear_notice(world, connect_llm, fake_openai) -> None:  # type: ignore[no-untyped-def]
    fake_openai.strict_models = True
    connect_llm(chat_model="llama3.1")
    ix = await ask(world, QUESTION)
    assert_offline_answer(ix, "not_found")
    assert len(fake_openai.chat_requests()) == 1
