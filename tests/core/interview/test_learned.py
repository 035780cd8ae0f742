"""The rubric's learned layer: problems in new words are flagged with the sentence quoted; a bare
statement of what everyone does in SOAP week is not taken for growth."""

from __future__ import annotations

import pytest

from bot.core.interview import rubric
from bot.core.interview.rubric import assess_answer

OPENING = "I didn't match in internal medicine because I applied to too few programs, which was my decision. "
CLOSING = " I'm ready to start intern year at your program."

NEW_WORDINGS = [
    ("self-deprecation", "I guess I'm just not as sharp as the people who matched."),
    ("self-deprecation", "Truthfully I've always been a mediocre student."),
    ("oversharing", "I was also going through a miscarriage that fall, so I wasn't myself."),
    ("oversharing", "My dad's drinking got really bad that year and I was the one handling it."),
]


@pytest.mark.parametrize(("criterion", "sentence"), NEW_WORDINGS, ids=[c for c, _ in NEW_WORDINGS])
def test_problems_in_new_words_are_flagged_and_quoted(criterion: str, sentence: str) -> None:
    text = OPENING + sentence + CLOSING
    result = assess_answer(text).get(criterion)
    assert result.status == "warn"
    assert result.evidence and result.evidence in text


@pytest.mark.parametrize(("criterion", "sentence"), NEW_WORDINGS, ids=[c for c, _ in NEW_WORDINGS])
def test_the_patterns_alone_miss_them(criterion: str, sentence: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rubric, "_with_learned_signs", lambda results, doc, kind=None: results)
    assert assess_answer(OPENING + sentence + CLOSING).get(criterion).status == "pass"


def test_a_plain_answer_keeps_its_verdicts() -> None:
    text = (
        OPENING + "Since then I've done a sub-internship in hospital medicine and asked my attendings for "
        "weekly feedback, which raised my evaluations." + CLOSING
    )
    result = assess_answer(text)
    for criterion in ("blame", "self-deprecation", "oversharing", "growth"):
        assert result.get(criterion).status == "pass", criterion
