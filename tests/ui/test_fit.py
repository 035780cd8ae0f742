"""Every embed the bot builds fits Discord, however long the text in it (worst cases, Unicode).

Each builder gets its fields at their maximum (or far beyond, for text with no limit such as
an LLM answer or an advisor's article title), in random mixes of accented letters, CJK,
emoji outside the Basic Multilingual Plane, combining marks, zero-width characters and
Markdown. What comes out is judged by the Discord emulator's own validation, the same code
that answers 400 to the bot in the cog tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import time
from collections.abc import Sequence

import discord
import pytest

from bot.core.base.guild_config import GuildConfig
from bot.core.community.cohort import CohortSummary, Ranked
from bot.core.community.guild_articles import GuildArticle
from bot.core.community.privacy import DESCRIPTIONS, REFERENCE_DESCRIPTIONS, StoredItem, retention_lines
from bot.core.community.reports import Report
from bot.core.companion.calendar import builtin_week
from bot.core.companion.contacts import Contact, Suggestion
from bot.core.companion.drafts import DraftResult
from bot.core.companion.profile import FIELDS
from bot.core.companion.reminders import DueReminder, Reminder
from bot.core.critique.model import CritiqueResult, Finding
from bot.core.interview.rubric import CriterionResult, RehearsalResult
from bot.core.interview.sessions import InterviewState, InterviewSummary, PracticePoint, Session
from bot.core.interview.speech import Measure, SpeechReport
from bot.core.knowledge.answers import Answer, Citation
from bot.ui import limits
from bot.ui.advisor import articles_messages, cohort_embed, settings_embed
from bot.ui.companion import (
    contact_saved_embed,
    contacts_messages,
    draft_message,
    due_reminder_embed,
    profile_embed,
    reminder_set_embed,
    reminders_embed,
    timeline_embeds,
)
from bot.ui.critique import critique_messages
from bot.ui.embeds import answer_messages, group_into_messages, notice_embed, paused_embeds, streaming_embed
from bot.ui.fit import CONTINUED, fit_embed, trim_embed
from bot.ui.interview import intro_embed, question_embed, summary_embed
from bot.ui.privacy import confirm_embed, deleted_embed, stored_embed
from bot.ui.rehearsal import rehearsal_messages
from bot.ui.share import report_message
from tests.support.discord_emulator import _FormErrors, _validate_embeds

SEEDS = range(6)
ALPHABET = [
    "a",
    "e",
    "é",
    "ß",
    "漢",
    "字",
    "🙂",
    "👩‍⚕️",
    "\u0301",
    "\u200b",
    "\u202e",
    " ",
    " ",
    " ",
    ".",
    "\n",
    "*",
    "`",
    "#",
]
NOW = dt.datetime(2026, 3, 16, 14, 0, tzinfo=dt.UTC)


def unicode(rng: random.Random, n: int) -> str:
    """``n`` characters (code points) of mixed scripts, emoji, marks and Markdown."""
    return "".join(rng.choice(ALPHABET) for _ in range(n))


def words(rng: random.Random, n: int) -> str:
    """``n`` characters of text with word and sentence breaks (what split_text can cut nicely)."""
    out = []
    while sum(map(len, out)) < n:
        out.append(unicode(rng, rng.randint(1, 12)) + rng.choice([" ", " ", ". ", "\n", "\n\n"]))
    return "".join(out)[:n]


def assert_fits(messages: Sequence[Sequence[discord.Embed]]) -> None:
    """Each message is one Discord would accept: the emulator's own embed validation."""
    assert messages, "nothing to send"
    for embeds in messages:
        assert 1 <= len(embeds) <= limits.EMBEDS_PER_MESSAGE
        errors = _FormErrors()
        _validate_embeds([e.to_dict() for e in embeds], errors, [])
        assert errors.tree == {}, errors.tree


def one(embed: discord.Embed) -> list[list[discord.Embed]]:
    return [[embed]]


# ----- the fitting itself ----------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_any_embed_is_split_visibly_into_embeds_that_fit(seed: int) -> None:
    rng = random.Random(seed)
    embed = discord.Embed(title=unicode(rng, 400), description=words(rng, 9000), colour=discord.Colour.blue())
    for _ in range(40):
        embed.add_field(name=unicode(rng, rng.choice([0, 10, 300])), value=words(rng, rng.choice([0, 50, 3000])))
    embed.set_footer(text=unicode(rng, 2500))
    embed.set_author(name=unicode(rng, 300))
    pieces = fit_embed(embed)
    assert_fits(group_into_messages([embed]))
    assert len(pieces) > 1 and all(len(p) <= limits.EMBEDS_TOTAL_PER_MESSAGE for p in pieces)
    assert all(p.title and p.title.endswith(CONTINUED) for p in pieces[1:])  # says so
    assert pieces[0].title and pieces[0].title.endswith("…")  # the long title was shortened visibly
    assert pieces[-1].footer.text and pieces[-1].footer.text.endswith("…")
    # Nothing of the description or the fields was dropped.
    original = "".join((embed.description or "").split()) + "".join("".join(f.value.split()) for f in embed.fields)
    kept = "".join("".join((p.description or "").split()) for p in pieces)
    kept += "".join("".join(f.value.split()) for p in pieces for f in p.fields if f.value != "\u200b")
    assert kept == original


def test_an_embed_that_fits_is_left_alone() -> None:
    embed = discord.Embed(title="Sources", description="x" * 4000)
    assert fit_embed(embed) == [embed] and fit_embed(embed)[0] is embed


@pytest.mark.parametrize("seed", SEEDS)
def test_trimming_keeps_one_embed_and_says_what_was_left_out(seed: int) -> None:
    rng = random.Random(seed)
    embed = discord.Embed(title=unicode(rng, 300), description=words(rng, 8000))
    for _ in range(30):
        embed.add_field(name=unicode(rng, 200), value=words(rng, 1500))
    embed.set_footer(text=unicode(rng, 3000))
    trimmed = trim_embed(embed, more="in the attached file")
    assert_fits(one(trimmed))
    assert trimmed.fields[-1].name == "…" and "in the attached file" in (trimmed.fields[-1].value or "")


# ----- every builder, at its worst -------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_answers_with_long_sources_notices_and_check_ins(seed: int) -> None:
    rng = random.Random(seed)
    citations = [Citation(unicode(rng, 60), unicode(rng, 2000), unicode(rng, 2000)) for _ in range(8)]
    answer = Answer(
        words(rng, 12000), citations, "llm", notice=unicode(rng, 3000), care=words(rng, 5000), kind="answer"
    )
    messages = answer_messages(answer, unicode(rng, 1000), 2026)
    assert_fits(messages)
    assert "[8]" in "".join(f.value or "" for m in messages for e in m for f in e.fields)


@pytest.mark.parametrize("text", ["", "   \n\n  ", "\u200b"])
def test_an_empty_answer_still_gets_a_reply(text: str) -> None:
    answer = Answer(text, [Citation("a", "A title", "A section")], "llm")
    messages = answer_messages(answer, "Can I call a program?", 2026)
    assert_fits(messages)
    assert "empty" in (messages[0][0].description or "")
    assert_fits(answer_messages(Answer(text, [], "llm"), "Can I call a program?"))


@pytest.mark.parametrize("seed", SEEDS)
def test_critique_with_many_long_findings(seed: int) -> None:
    rng = random.Random(seed)
    severities = ["error", "warning", "info"]
    findings = [Finding(f"check-{i}", severities[i % 3], words(rng, 3000), words(rng, 2000)) for i in range(60)]
    result = CritiqueResult(
        "coordinator-email",
        findings,
        [f"passed-{i}" for i in range(40)],
        words(rng, 6000),
        "llm",
        notice=words(rng, 3000),
    )
    assert_fits(critique_messages(result, "during-soap"))


@pytest.mark.parametrize("seed", SEEDS)
def test_rehearsal_feedback_on_a_long_recorded_answer(seed: int) -> None:
    rng = random.Random(seed)
    criteria = [
        CriterionResult(f"criterion-{i}", ["fail", "warn", "pass"][i % 3], words(rng, 2000), words(rng, 2000))
        for i in range(30)
    ]
    result = RehearsalResult(
        unicode(rng, 1000), criteria, 95.0, 240, 3.0, words(rng, 6000), "llm", words(rng, 2000), words(rng, 2000)
    )
    measures = [Measure(m, "warn", unicode(rng, 500), words(rng, 2000)) for m in ("pace", "fillers", "pauses")]
    speech = SpeechReport(words(rng, 15000), 170.0, 160.0, 400, 150.0, 12, 3.0, [], measures=measures)
    assert_fits(rehearsal_messages(result, speech))
    assert_fits(rehearsal_messages(result, None))


@pytest.mark.parametrize("seed", SEEDS)
def test_shared_reports_with_long_summaries_and_transcripts(seed: int) -> None:
    rng = random.Random(seed)
    report = Report("a" * 32, 1, 2, "interview", words(rng, 12000), words(rng, 40000), time.time(), None)
    embeds, _file = report_message(report, unicode(rng, 32), with_transcript=True)
    assert_fits([embeds])


@pytest.mark.parametrize("seed", SEEDS)
def test_fifty_articles_with_long_titles(seed: int) -> None:
    rng = random.Random(seed)
    articles = [
        GuildArticle(f"article-{i}-" + "x" * 48, unicode(rng, 3000), 100_000, 2**63 - 1, time.time()) for i in range(50)
    ]
    messages = articles_messages(articles)
    assert_fits(messages)
    listed = "".join(f.value or "" for m in messages for e in m for f in e.fields)
    assert all(f"article-{i}-" in listed for i in range(50))


@pytest.mark.parametrize("seed", SEEDS)
def test_settings_and_cohort(seed: int) -> None:
    rng = random.Random(seed)
    config = GuildConfig(1, 2**63 - 1, 2**63 - 1, 2100, True, 100_000_000, 1000)
    embed = settings_embed(
        config,
        default_year=2026,
        default_budget=10**9,
        default_hourly=1000,
        tokens_today=10**12,
        ai_enabled=False,
        changed=["a"],
        warnings=[words(rng, 2000) for _ in range(3)],
    )
    assert_fits(group_into_messages([embed]))
    ranked = [Ranked(f"id-{i}", unicode(rng, 500), 10**6) for i in range(40)]
    summary = CohortSummary(1, 90, 10**6, 10**6, {f"kind-{i}": 10**6 for i in range(30)}, ranked, 10**6, ranked, 10**6)
    assert_fits(group_into_messages([cohort_embed(summary)]))
    withheld = dataclasses.replace(summary, withheld=[words(rng, 3000) for _ in range(5)])
    assert_fits(group_into_messages([cohort_embed(withheld)]))


@pytest.mark.parametrize("seed", SEEDS)
def test_timeline_reminders_contacts_profile(seed: int) -> None:
    rng = random.Random(seed)
    week = builtin_week(2026)
    long_week = dataclasses.replace(
        week,
        milestones=tuple(
            dataclasses.replace(m, note=words(rng, 3000), source=words(rng, 3000), label=unicode(rng, 300))
            for m in week.milestones
        ),
    )
    for now in (NOW, NOW - dt.timedelta(days=30), NOW + dt.timedelta(days=30)):
        assert_fits(group_into_messages(timeline_embeds(long_week, now, sources=True)))
    reminders = [
        Reminder(i, 1, 2026, week.milestones[i % len(week.milestones)].id, 15, NOW, "pending") for i in range(120)
    ]
    assert_fits(group_into_messages([reminders_embed(reminders)]))
    assert_fits(one(reminder_set_embed(reminders[0], long_week, dm_ok=False)))
    due = DueReminder(reminders[0], True, unicode(rng, 1000), words(rng, 10000), NOW)
    assert_fits(one(due_reminder_embed(due)))

    def contact(i: int) -> Contact:
        return Contact(
            i,
            1,
            unicode(rng, 120),
            unicode(rng, 80),
            "program-director",
            "program-reached-out",
            NOW,
            NOW,
            NOW,
            9,
            True,
            unicode(rng, 500),
        )

    suggestion = Suggestion("follow-up", words(rng, 1500), words(rng, 2500), "follow-up", NOW)
    phase = week.phase_at(NOW)
    assert_fits(contacts_messages([(contact(i), suggestion) for i in range(40)], phase))
    assert_fits(one(contact_saved_embed(contact(1), suggestion)))
    profile = {key: unicode(rng, 160) for key in FIELDS}
    assert_fits(one(profile_embed(profile, "Profile saved")))


@pytest.mark.parametrize("length", [3900, 4000, 12_000])
def test_long_drafts_are_attached_not_cut(length: int) -> None:
    rng = random.Random(length)
    text = words(rng, length)
    result = DraftResult(
        "thank-you",
        unicode(rng, 120),
        unicode(rng, 80),
        text,
        "llm",
        "outreach",
        "during-soap",
        "no",
        warning=words(rng, 2000),
        notice=words(rng, 2000),
        tips=[words(rng, 300) for _ in range(8)],
        missing_profile=list(FIELDS.values()),
    )
    embed, file = draft_message(result)
    assert_fits(one(embed))
    assert file is not None and file.filename == "draft.txt"
    assert file.fp.read().decode("utf-8") == text  # the whole draft, byte for byte
    assert "attached" in (embed.description or "")


def test_a_short_draft_is_shown_in_full() -> None:
    result = DraftResult(
        "thank-you",
        "Cedar Ridge",
        "Dr. Ibarra",
        "Dear Dr. Ibarra,\n\nThank you.",
        "template",
        "reply",
        "after-soap",
        "yes",
    )
    embed, file = draft_message(result)
    assert file is None and "Thank you." in (embed.description or "")


@pytest.mark.parametrize("seed", SEEDS)
def test_privacy_interview_and_notices(seed: int) -> None:
    rng = random.Random(seed)
    descriptions = {**DESCRIPTIONS, **REFERENCE_DESCRIPTIONS}  # what /privacy show can list: fixed texts
    items = [StoredItem(table, 10**12, text) for table, text in descriptions.items()]
    assert_fits(one(stored_embed(items, retention_lines())))
    assert_fits(one(confirm_embed(10**9, 10**9)))
    assert_fits(one(deleted_embed(10**9, 10**9, 10**9)))
    state = InterviewState(plan=["q"] * 8, specialty=unicode(rng, 60), follow_up=words(rng, 5000))
    session = Session("s", 1, None, "active", state, time.time(), time.time())
    assert_fits(one(question_embed(session, words(rng, 5000), follow_up=True)))
    assert_fits(one(intro_embed(session)))
    points = [PracticePoint(f"c{i}", unicode(rng, 200), 2, words(rng, 1500), [words(rng, 500)] * 5) for i in range(10)]
    summary = InterviewSummary("finished", None, None, 8, 8, 0, [words(rng, 1500) for _ in range(20)], points, 61.0, [])
    trimmed = summary_embed(summary)
    assert_fits(one(trimmed))
    assert_fits(one(notice_embed(unicode(rng, 400), words(rng, 10000))))
    assert_fits([paused_embeds()])
    assert_fits(one(streaming_embed(unicode(rng, 1000), words(rng, 10000))))
