"""Tests for the SOAP question bank (data) and interview plans."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from bot.core.interview import question_bank as qb
from bot.core.interview.question_bank import (
    KINDS,
    SPECIALTIES,
    Question,
    QuestionBankError,
    classify_question,
    get_question,
    load_bank,
    normalize_specialty,
    plan_interview,
)
from bot.core.interview.rubric import is_why_didnt_you_match


@pytest.fixture(scope="module")
def bank() -> list[Question]:
    return load_bank()


# ---------------------------------------------------------------------------------------------
# The bank itself


def test_bank_loads_and_validates(bank: list[Question]) -> None:
    assert len(bank) >= 35
    ids = [q.id for q in bank]
    assert len(ids) == len(set(ids))
    for q in bank:
        assert q.kind in KINDS
        assert q.text.strip() and q.text[-1] in "?."
        assert q.specialties == ("any",) or set(q.specialties) <= set(SPECIALTIES)
        assert set(q.tags) <= set(qb.AUDIENCE_TAGS)
        assert 1 <= len(q.good_answer.splitlines()) <= 3
        assert len(q.follow_ups) <= 2


def test_every_kind_has_questions(bank: list[Question]) -> None:
    counts = Counter(q.kind for q in bank)
    assert set(counts) == set(KINDS)
    assert counts["why-didnt-you-match"] >= 3  # several phrasings


def test_bank_covers_common_soap_topics(bank: list[Question]) -> None:
    texts = " ".join(q.text.lower() for q in bank)
    for topic in (
        "yourself",
        "match",
        "our program",
        "july 1",
        "visa",
        "weakness",
        "strengths",
        "questions",
        "gap",
        "step",
    ):
        assert topic in texts, topic
    assert any("switching" in q.tags for q in bank)
    assert any(q.kind == "prelim-ty" for q in bank)


def test_bank_prepares_for_improper_questions(bank: list[Question]) -> None:
    """Programs may not ask for a commitment or where else you applied (NRMP); the bank rehearses it."""
    q = get_question("program-will-you-accept")
    assert "will you accept" in q.text and "Where else have you applied?" in q.follow_ups
    assert "without promising" in q.good_answer and "decline" in q.good_answer
    # no good-answer note tells students to name where they applied
    assert not any("where you applied" in other.good_answer for other in bank)


def test_why_didnt_you_match_questions_are_recognised(bank: list[Question]) -> None:
    for q in bank:
        assert is_why_didnt_you_match(q.text) == (q.kind == "why-didnt-you-match"), q.id


def test_classifier_agrees_with_the_bank_without_the_lookup(bank: list[Question]) -> None:
    """The patterns alone (no exact-text lookup) classify almost all bank questions."""
    agree = 0
    for q in bank:
        kinds = [k for k, p in qb._KIND_PATTERNS if p.search(q.text)]
        agree += bool(kinds) and kinds[0] == q.kind
    assert agree / len(bank) >= 0.9


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Walk me through your background.", "opening"),
        ("Why do you think you went unmatched?", "why-didnt-you-match"),
        ("Why family medicine?", "specialty"),
        ("What do you know about our program?", "program"),
        ("Tell us about your Step 1 failure.", "red-flag"),
        ("Are you ready to start on July 1?", "readiness"),
        ("Will you stay after your preliminary year?", "prelim-ty"),
        ("Do you need visa sponsorship?", "visa"),
        ("What is your greatest weakness?", "weaknesses"),
        ("Tell me about a difficult patient.", "clinical"),
        ("Describe a conflict on your team.", "teamwork"),
        ("What do you do for fun?", "personal"),
        ("Do you have any questions for us?", "closing"),
    ],
)
def test_classify_question(question: str, kind: str) -> None:
    assert classify_question(question) == kind


def test_get_question() -> None:
    q = get_question("wdym-direct")
    assert q.kind == "why-didnt-you-match" and q.text == "Why didn't you match?"
    with pytest.raises(KeyError, match="no-such-question"):
        get_question("no-such-question")


def test_normalize_specialty() -> None:
    assert normalize_specialty("Internal Medicine") == "internal-medicine"
    assert normalize_specialty("peds") == "pediatrics"
    assert normalize_specialty("OB/GYN") == "ob-gyn"
    assert normalize_specialty(None) is None and normalize_specialty("any") is None
    with pytest.raises(ValueError, match="Choose one of"):
        normalize_specialty("dermatology")


# ---------------------------------------------------------------------------------------------
# Bad bank files


GOOD_ENTRY = """
[[question]]
id = "q-one"
kind = "opening"
text = "Tell me about yourself."
good_answer = ["A short story."]
"""


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bank.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_minimal_custom_bank_loads(tmp_path: Path) -> None:
    [q] = load_bank(write(tmp_path, GOOD_ENTRY))
    assert q.specialties == ("any",) and q.tags == () and q.follow_ups == ()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("this is = = not toml", "not valid TOML"),
        ("title = 'no questions'", "no [[question]]"),
        (GOOD_ENTRY.replace('kind = "opening"', 'kind = "smalltalk"'), "unknown kind 'smalltalk'"),
        (GOOD_ENTRY + GOOD_ENTRY, "duplicate question id 'q-one'"),
        (GOOD_ENTRY.replace('good_answer = ["A short story."]', ""), "missing 'good_answer'"),
        (GOOD_ENTRY.replace('id = "q-one"', 'id = "Q One"'), "id must be"),
        (GOOD_ENTRY + 'specialties = ["dermatology"]\n', "unknown specialty dermatology"),
        (GOOD_ENTRY + 'tags = ["vip"]\n', "unknown tag vip"),
        (GOOD_ENTRY + 'follow_ups = ["a?", "b?", "c?"]\n', "follow_ups"),
        (GOOD_ENTRY + 'colour = "blue"\n', "unknown field"),
    ],
)
def test_a_bad_bank_gives_a_clear_error(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(QuestionBankError) as exc:
        load_bank(write(tmp_path, body))
    assert message in str(exc.value)
    assert "bank.toml" in str(exc.value) or "not found" in str(exc.value)


def test_a_missing_bank_file(tmp_path: Path) -> None:
    with pytest.raises(QuestionBankError, match="not found"):
        load_bank(tmp_path / "nope.toml")


# ---------------------------------------------------------------------------------------------
# Interview plans


@pytest.mark.parametrize("length", [4, 8])
@pytest.mark.parametrize("specialty", [None, *SPECIALTIES])
def test_plan_sequence_rules(length: int, specialty: str | None) -> None:
    for seed in range(15):
        plan = plan_interview(specialty, length, rng=random.Random(seed))
        kinds = [q.kind for q in plan]
        assert len(plan) == length
        assert len({q.id for q in plan}) == length, "no duplicates"
        assert kinds[0] == "opening"
        assert kinds[1] == "why-didnt-you-match"
        assert kinds[-1] == "closing"
        assert kinds.count("closing") == 1 and kinds.count("opening") == 1
        assert "visa" not in kinds
        fit = kinds[2:4] if length == 8 else kinds[2:3]
        assert set(fit) <= {"specialty", "program"}
        if length == 8:
            assert sorted(fit) == ["program", "specialty"]
        for q in plan:
            assert q.fits(specialty), (q.id, specialty)
            assert not q.tags, "audience-tagged questions need the matching flag"


def test_plans_vary_between_sessions() -> None:
    plans = {tuple(q.id for q in plan_interview("internal-medicine", 8, rng=random.Random(seed))) for seed in range(20)}
    assert len(plans) >= 10
    openings = {plan_interview(None, 8, rng=random.Random(seed))[1].id for seed in range(30)}
    assert len(openings) >= 3  # several phrasings of "why didn't you match?"


def test_same_seed_same_plan() -> None:
    a = [q.id for q in plan_interview("pediatrics", 8, rng=random.Random(7))]
    b = [q.id for q in plan_interview("pediatrics", 8, rng=random.Random(7))]
    assert a == b


def test_every_kind_appears_across_plans() -> None:
    seen: set[str] = set()
    for seed in range(60):
        for spec in (None, "preliminary", "pediatrics"):
            seen |= {q.kind for q in plan_interview(spec, 8, rng=random.Random(seed), img=seed % 2 == 0)}
    assert seen == set(KINDS)


def test_specialty_specific_questions_are_preferred() -> None:
    specific = generic = 0
    for seed in range(40):
        plan = plan_interview("pediatrics", 8, rng=random.Random(seed))
        spec_q = next(q for q in plan if q.kind == "specialty")
        if "pediatrics" in spec_q.specialties:
            specific += 1
        else:
            generic += 1
    assert specific > 2 * generic
    # questions for other specialties never appear
    for seed in range(40):
        for q in plan_interview("psychiatry", 8, rng=random.Random(seed)):
            assert q.generic or "psychiatry" in q.specialties


def test_no_specialty_means_generic_questions_only() -> None:
    for seed in range(30):
        assert all(q.generic for q in plan_interview(None, 8, rng=random.Random(seed)))


def test_visa_only_for_img_students() -> None:
    for seed in range(30):
        assert "visa" not in {q.kind for q in plan_interview("internal-medicine", 8, rng=random.Random(seed))}
        img_plan = plan_interview("internal-medicine", 8, rng=random.Random(seed), img=True)
        assert "visa" in {q.kind for q in img_plan}
        assert [q.kind for q in img_plan][-1] == "closing"
    img_tagged = [q for q in load_bank() if "img" in q.tags]
    assert img_tagged
    for seed in range(30):
        ids = {q.id for q in plan_interview(None, 8, rng=random.Random(seed))}
        assert not ids & {q.id for q in img_tagged}


def test_tagged_questions_only_for_students_they_fit() -> None:
    for seed in range(30):
        for q in plan_interview("family-medicine", 8, rng=random.Random(seed)):
            assert not q.tags
    switching = [plan_interview("family-medicine", 8, rng=random.Random(s), switching=True)[2] for s in range(30)]
    assert any("switching" in q.tags for q in switching)
    red = [plan_interview(None, 8, rng=random.Random(s), red_flag=True) for s in range(20)]
    assert all("red-flag" in {q.kind for q in plan} for plan in red)


def test_prelim_students_get_a_stay_or_reapply_question() -> None:
    for seed in range(20):
        kinds = [q.kind for q in plan_interview("preliminary", 8, rng=random.Random(seed))]
        assert "prelim-ty" in kinds


@pytest.mark.parametrize("length", [0, 3, 13, "8"])
def test_bad_lengths_are_refused(length: object) -> None:
    with pytest.raises(ValueError, match="length"):
        plan_interview(None, length)  # type: ignore[arg-type]


def test_unknown_specialty_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown specialty"):
        plan_interview("dermatology", 8)
