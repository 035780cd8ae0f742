"""A reason given without private details is never quoted as oversharing by the learned checks."""

from __future__ import annotations

import pytest

from bot.core.base.disclosure import REASON_WITHOUT_DETAIL
from bot.core.critique import check_draft
from bot.core.interview.rubric import assess_answer


@pytest.mark.parametrize(
    "sentence",
    [
        "I stepped away for a semester for a personal health matter and came back to honor surgery.",
        "A family medical emergency meant two months of leave in my third year.",
        "I helped my grandmother through her recovery after surgery last spring.",
    ],
)
def test_a_leave_or_a_familys_care_named_plainly_is_a_reason(sentence: str) -> None:
    assert REASON_WITHOUT_DETAIL.search(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "I took a leave for depression and my psychiatrist started me on sertraline.",
        "I cared for my father through his chemotherapy for colon cancer.",
        "My leave was for a family matter: my divorce and the custody hearing.",
    ],
)
def test_a_diagnosis_medicine_or_family_trouble_named_is_not(sentence: str) -> None:
    assert not REASON_WITHOUT_DETAIL.search(sentence)


def test_a_thank_you_that_names_a_leave_plainly_is_not_oversharing_but_one_that_names_the_medicine_is() -> None:
    note = (
        "Subject: Thank you\n\nDear Dr. Ames,\n\nThank you for speaking with me today about the rural track. "
        "I mentioned that I took a leave of absence for a family health matter; I returned and finished every "
        "clerkship on time. I enjoyed hearing about your continuity clinic.\n\nSincerely,\nJordan Lee\n"
        "AAMC ID 12345678\n"
    )
    assert "oversharing" not in check_draft(note, "thank-you", "yes", "during-soap").flagged
    detailed = note.replace(
        "for a family health matter", "for major depression, and I still take 150 mg of sertraline every morning"
    )
    assert "oversharing" in check_draft(detailed, "thank-you", "yes", "during-soap").flagged


def test_an_answer_that_names_caring_for_a_parent_plainly_is_not_oversharing() -> None:
    answer = (
        "I didn't match because I applied to only fifteen programs, all in one city. That was my decision. "
        "That fall I was the person who stayed with my mother through her surgery and recovery, and I would do "
        "it again. Since March I have worked as a scribe in an urgent care, forty hours a week, and I passed "
        "Step 3 in October. At your program I would bring that pace to the clinic and the wards."
    )
    result = assess_answer(answer, "Why didn't you match?")
    assert not next(c for c in result.criteria if c.criterion == "oversharing").flagged
