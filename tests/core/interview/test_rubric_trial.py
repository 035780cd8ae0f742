"""Regression tests for the rubric problems found in a newcomer's trial: length advice that
fits the question, desperate endings, promises to accept or rank, oversharing advice that
claims nothing, and no praise for a fragment.

Every answer here was written for these tests; none comes from the shared devset.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from bot.core.base.store import Store
from bot.core.interview.rubric import WHY_DIDNT_YOU_MATCH, CriterionResult, assess_answer
from bot.core.interview.sessions import InterviewSessions

W = WHY_DIDNT_YOU_MATCH


def crit(text: str, criterion: str, question: str = W, **kw: object) -> CriterionResult:
    found = assess_answer(text, question, **kw).get(criterion)  # type: ignore[arg-type]
    assert found is not None
    return found


def words(n: int, seed: str = "I spent my sub-internship on a busy inpatient service") -> str:
    """A neutral answer of exactly ``n`` words (150 words per minute: 75 words = 30 s)."""
    pool = (seed + " and learned to present patients clearly ").split()
    return " ".join(pool[i % len(pool)] for i in range(n)) + "."


OWNED = (
    "I didn't match because I applied to only twelve programs, all in one city, and that was my "
    "decision. Since Monday I've widened my list to three states and practised with two faculty "
    "mock interviews. "
)


WDYM_CONTENT = re.compile(r"the cause|what you(?:'ve)? changed|why this program", re.I)
OLD_WORDING = re.compile(r"1-2 minutes|two-minute|2-minute", re.I)


# ---- 1 and 6: length advice fits the question ------------------------------------------------

ABOUT_YOU = ["Tell me about yourself.", "What should we know about you that isn't in your application?"]
QUESTIONS_FOR_US = [
    "What questions do you have for us?",
    "Do you have any questions for me?",
    "Anything you'd like to ask us before we wrap up?",
]


@pytest.mark.parametrize("question", ABOUT_YOU)
def test_introduction_length_advice_is_about_a_minute_on_who_you_are(question: str) -> None:
    short = crit("I'm a DO student from Maine who loves rural medicine.", "length", question)
    assert short.status == "fail"
    assert "about a minute" in short.advice
    assert "residency" in short.advice and "who you are" in short.advice
    assert not WDYM_CONTENT.search(short.advice) and not OLD_WORDING.search(short.advice)
    for n in (60, 330, 400):  # warn short, warn long, fail long
        advice = crit(words(n), "length", question).advice
        assert "about a minute" in advice, (n, advice)
        assert not WDYM_CONTENT.search(advice)


@pytest.mark.parametrize("question", QUESTIONS_FOR_US)
def test_questions_for_us_length_advice_is_prepared_questions_in_half_a_minute(question: str) -> None:
    short = crit("No, I think you covered it all.", "length", question)
    assert short.status == "fail"
    assert "half a minute" in short.advice and "questions" in short.advice
    assert not WDYM_CONTENT.search(short.advice) and not OLD_WORDING.search(short.advice)
    long = crit(words(340), "length", question)
    assert long.status == "warn" and "half a minute" in long.advice


def test_anything_else_to_add_is_half_a_minute_on_interest_and_readiness() -> None:
    advice = crit("No, I think that's all.", "length", "Is there anything else you would like us to know?").advice
    assert "half a minute" in advice and "ready to start" in advice
    assert not OLD_WORDING.search(advice)


def test_why_didnt_you_match_length_advice_is_cause_then_pivot_under_90_seconds() -> None:
    short = crit("I applied too narrowly. That's on me.", "length")
    assert short.status == "fail"
    assert "30-45 seconds" in short.advice and "90 seconds" in short.advice
    assert not OLD_WORDING.search(short.advice)
    for n in (190, 260, 320, 400):  # pass but long, pass, warn long, fail long
        advice = crit(words(n), "length").advice
        assert not OLD_WORDING.search(advice), (n, advice)
    assert "90 seconds" in crit(words(260), "length").advice  # 104 s passes, with a nudge
    assert "90 seconds" in crit(words(320), "length").advice  # 128 s is flagged above 120 s


@pytest.mark.parametrize(
    "question", ["What is your greatest weakness?", "Tell me about a patient who changed how you practise."]
)
def test_other_questions_get_45_to_90_seconds(question: str) -> None:
    for n in (20, 60, 320, 400):
        advice = crit(words(n), "length", question).advice
        assert "45-90 seconds" in advice or "90 seconds" in advice, (n, advice)
        assert not WDYM_CONTENT.search(advice) and not OLD_WORDING.search(advice)


@pytest.mark.parametrize("question", [W, "Tell me about yourself.", "What questions do you have for us?"])
@pytest.mark.parametrize(("n", "expected"), [(45, "fail"), (55, "warn"), (80, "pass"), (290, "pass"), (310, "warn")])
def test_flagging_thresholds_are_the_same_for_every_question(question: str, n: int, expected: str) -> None:
    # 150 words per minute: under 20 s fails, under 30 s or over 120 s is flagged
    assert crit(words(n), "length", question).status == expected


def test_summary_names_the_length_target_for_the_question() -> None:
    ending = " Your program's continuity clinic is exactly what I want, and I'm ready to start on July 1."
    intro = assess_answer(words(320) + ending, "Tell me about yourself.")
    assert [c.criterion for c in intro.to_practise()] == ["length"]
    assert "about a minute" in intro.summary and "45-90" not in intro.summary
    wdym = assess_answer(OWNED + words(300) + ending)
    assert [c.criterion for c in wdym.to_practise()] == ["length"]
    assert "45-90 seconds" in wdym.summary and "30-45" in wdym.summary


# ---- 2: a desperate or fallback ending is not forward-looking --------------------------------


@pytest.mark.parametrize(
    "ending",
    [
        "Your program's teaching clinic appeals to me. Honestly, I'll take anything at this point.",
        "I like that your residents run a free clinic. At this point I'd go anywhere.",
        "Your ICU rotations sound great. Any program would be fine for me right now.",
        "I'm ready to start on July 1. I'm just desperate to match somewhere.",
        "I think I'd fit in here. I'd be grateful for any position, really.",
        "Your program's size appeals to me. This is my last chance, so please just give me a chance.",
    ],
)
def test_desperate_last_line_fails_with_fallback_advice(ending: str) -> None:
    result = crit(OWNED + ending, "future-focus")
    assert result.status == "fail"
    assert "last line" in result.advice and "draws you to this program" in result.advice
    assert "move" not in result.advice.lower()
    assert result.evidence and result.evidence in OWNED + ending


def test_desperation_elsewhere_still_fails_as_a_fallback() -> None:
    text = (
        "Honestly I don't care which program takes me. " + OWNED + "Your continuity clinic is exactly "
        "what I want, and I'm ready to start on July 1."
    )
    result = crit(text, "future-focus")
    assert result.status == "fail" and "fallback" in result.advice


@pytest.mark.parametrize(
    "ending",
    [
        "I'm not saying I'd take anything; your program's rural track is exactly what I want.",
        "A classmate told me she'd go anywhere, but I applied here for your addiction medicine clinic.",
        "I'm ready to take on anything intern year throws at me on your wards.",
        "I'd go anywhere your residents go on outreach days, because that is the medicine I want to practise.",
        "I'm happy to take any call schedule, and I'm ready to start on July 1.",
    ],
)
def test_flexible_or_negated_lines_are_not_desperation(ending: str) -> None:
    assert crit(OWNED + ending, "future-focus").status == "pass"


def test_move_it_to_the_end_only_when_the_forward_sentence_is_genuinely_earlier() -> None:
    earlier = (
        OWNED + "Your program's hospitalist track is what I want. I passed Step 2 CK in January. "
        "My school's dean also wrote me a strong letter."
    )
    result = crit(earlier, "future-focus")
    assert result.status == "warn"
    assert "move it" in result.advice and "hospitalist track" in result.advice
    # an ending that already looks ahead, just generally, isn't told to move anything
    general = (
        OWNED + "Your program's hospitalist track is what I want. I passed Step 2 CK in January. "
        "I can't wait to become a resident next year."
    )
    result = crit(general, "future-focus")
    assert result.status == "warn"
    assert "move" not in result.advice.lower() and "this program" in result.advice
    # closing thanks after the forward-looking sentence are not "the end"
    thanks = (
        OWNED + "Your program's hospitalist track is what I want, and I'm ready for July 1. Thank you "
        "for your time. I really appreciate it."
    )
    assert crit(thanks, "future-focus").status == "pass"


# ---- 3: oversharing advice never claims the problem is resolved -----------------------------

OVERSHARE = [
    "In my third year I was diagnosed with major depression and generalized anxiety, and I started "
    "sertraline and weekly therapy. I still have bad weeks and I'm still in therapy. It affected my "
    "Step 2 score. Since then I've scheduled study blocks with my school's learning specialist.",
    "My divorce was finalised during my away rotations and my ex took the car, so I was sleeping at a "
    "friend's place. I was also in credit card debt and working weekends to pay rent. I applied late "
    "because of all of it. Since then I've submitted twenty new applications with my advisor.",
    "I had a seizure disorder diagnosed in second year, then surgery, then months of medication changes. "
    "My neurologist and I are still adjusting doses. I took a leave of absence. I've since finished my "
    "clerkships with strong evaluations.",
]


@pytest.mark.parametrize("text", OVERSHARE)
def test_oversharing_advice_never_asks_to_claim_it_is_resolved(text: str) -> None:
    result = crit(text, "oversharing")
    assert result.status in ("warn", "fail")
    assert "resolved" not in result.advice.lower()
    assert "true" in result.advice  # only what is true for the student
    assert "one neutral" in result.advice


def test_health_oversharing_suggests_the_neutral_health_sentence() -> None:
    advice = crit(OVERSHARE[0], "oversharing").advice
    assert "a health issue I've addressed with my school's support" in advice
    assert "leave the health details out" in advice


# ---- 4: no strengths for a fragment -----------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("Tell me about yourself.", "I'm a fourth-year from Ohio, I like medicine."),
        (W, "Bad luck, probably. Not sure."),
        ("What questions do you have for us?", "None really."),
        (W, OWNED.strip()),  # a complete little answer, but about 14 seconds
    ],
)
def test_far_too_short_answers_get_no_strengths_and_a_say_more_summary(question: str, text: str) -> None:
    result = assess_answer(text, question)
    assert result.get("length").status == "fail"  # type: ignore[union-attr]
    assert result.strengths() == []
    assert "say more" in result.summary.lower()
    assert "tone" not in result.summary and "fillers" not in result.summary


def test_short_recording_with_long_pauses_still_gets_no_praise() -> None:
    result = assess_answer("Um, I guess I applied late. Yeah.", W, measured_seconds=24.0)
    assert result.strengths() == []


def test_a_fragment_summary_still_names_a_tone_problem() -> None:
    result = assess_answer("The programs were unfair to me. Not my fault.")
    assert result.strengths() == []
    assert "blame" in result.summary


def test_full_length_answers_keep_their_strengths() -> None:
    text = OWNED + (
        "I also asked my sub-internship attending for feedback on how I present patients, and I now "
        "practise a one-minute summary every morning. Your program's continuity clinic and the way your "
        "residents teach students are exactly what I'm looking for, and I'm ready to start on July 1."
    )
    result = assess_answer(text)
    assert result.get("length").status == "pass"  # type: ignore[union-attr]
    assert "keeps a positive, professional tone" in result.strengths()


# ---- 5: promises to accept or rank ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "If you offer me a position I will accept immediately.",
        "If you offered me a spot, I would take it without hesitation.",
        "If I'm offered a position here, I'll say yes on the spot.",
        "I'd accept your offer in a heartbeat.",
        "I will definitely rank your program first.",
        "Honestly, you're my number one choice.",
        "Your program is my top pick.",
        "I'll withdraw my other applications if that helps.",
    ],
)
def test_promises_to_accept_or_rank_warn(line: str) -> None:
    text = OWNED + "Your program's night-float teaching fits how I learn, and I'm ready for July 1. " + line
    result = crit(text, "future-focus")
    assert result.status == "warn"
    assert "promise" in result.advice and result.evidence in text


@pytest.mark.parametrize(
    "line",
    [
        "I know I can't promise to accept an offer, and you can't ask me to.",
        "I would never promise a program that I'd accept before an offer is made.",
        "I won't say you're my number one choice, because there's no rank list in SOAP.",
        "Some applicants tell programs they'll rank them first, but that isn't how SOAP works.",
        "My advisor told me to say you're my first choice, but I'd rather tell you why I fit.",
        "Other students might say they'd accept any offer; I want to explain why I fit here.",
        "Your residents rank the program highly for teaching.",
        "If you offer me a position, I will work hard from the first day.",
        "Family medicine was always my first choice of specialty.",
        "I'll take every opportunity your program offers to learn ultrasound.",
    ],
)
def test_negated_reported_or_other_people_promises_do_not_warn(line: str) -> None:
    text = OWNED + line + " Your program's night-float teaching fits how I learn, and I'm ready for July 1."
    assert crit(text, "future-focus").status == "pass", line


async def test_a_mock_interview_of_fragments_reports_no_strengths(tmp_path: Path) -> None:
    store = await Store(tmp_path / "db.sqlite3").open()
    try:
        sessions = InterviewSessions(store)
        session, _ = await sessions.start(7, 1, length="short", rng=random.Random(3))
        turn = None
        for fragment in ["Fourth-year student, from Ohio.", "Not sure, honestly.", "Yes.", "None, thanks."]:
            turn = await sessions.answer(7, fragment)
        assert turn is not None and turn.summary is not None
        assert turn.summary.strengths == []
        assert "keeps a positive, professional tone" not in turn.summary.report_text()
    finally:
        await store.close()
