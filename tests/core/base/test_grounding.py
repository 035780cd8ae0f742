"""The grounding check on its own: claims found, normalised, and supported (or not) by sources."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.core.base.grounding import Grounds, Report, Rule, Verdict, check, extract_facts, extract_verdicts, supported

TIMELINE = (
    "Thursday: four offer rounds, 9:00 to 11:00 a.m., 12:00 to 2:00 p.m., 3:00 to 5:00 p.m. and 6:00 to "
    "8:00 p.m. ET, each offer open for two hours.\n\n"
    "Thursday 9:00 p.m. ET: SOAP ends. Friday 12:00 p.m. ET: Match Day. You can send 45 applications in total; "
    "a fee of $99 applies if you did not use ResidencyCAS before (2025)."
)
CONTACT_CARD = Rule(
    "No — not until the program has contacted you. During SOAP you (and anyone acting for you) may reply, "
    "interview and answer questions only after a program reaches out; after SOAP ends you may contact unfilled "
    "programs freely.",
    "Can my dean, advisor or mentor contact a program for me?",
)
GROUNDS = Grounds(facts=[TIMELINE, CONTACT_CARD.text], rules=[CONTACT_CARD])


def kept(text: str, grounds: Grounds = GROUNDS) -> bool:
    return supported(text, grounds)


@pytest.mark.parametrize(
    "text",
    [
        "SOAP ends on Thursday at 9 pm.",
        "SOAP ends Thursday at 9:00 p.m. ET.",
        "SOAP ends on Thursday at nine in the evening.",
        "SOAP ends at 21:00 on Thursday.",
        "The last round runs from 6 to 8 p.m.",
        "Match Day is Friday at noon.",
        "Each offer stays open for 2 hours.",
        "You get a two-hour window for each offer.",
        "Each offer is open for 120 minutes.",
        "There are four rounds on Thursday.",
        "You have forty-five applications.",
        "The fee is $99.",
        "That was the rule in 2025.",
    ],
)
def test_correct_claims_in_other_words_are_kept(text: str) -> None:
    assert kept(text), text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("SOAP ends on Thursday at 8 pm.", "event"),  # wrong time for the end (8 p.m. is a round's end)
        ("Round 1 offers go out at 10 a.m.", "time"),  # a time the guidance never gives
        ("SOAP ends at 9 p.m. PT on Thursday.", "time"),  # another time zone is another time
        ("SOAP ends on Wednesday at 9 p.m. ET.", "time"),  # wrong weekday for that time
        ("Offers go out on Monday.", "event"),  # wrong weekday for the offers
        ("You can send 60 applications in total.", "number"),  # wrong count
        ("Each offer stays open for four hours.", "duration"),
        ("Round 1 offers go out on March 20th.", "date"),  # the example
        ("The fee is $150.", "money"),
        ("That was the rule in 2019.", "year"),
    ],
)
def test_unsupported_facts_are_caught(text: str, kind: str) -> None:
    result = check(text, GROUNDS)
    assert result.text == "" and result.report.dropped == 1
    assert kind in result.report.by_kind, result.report.by_kind


@pytest.mark.parametrize(
    "text",
    [
        "Your dean may call the program director for you.",  # the reversed verdict a real model wrote
        "Yes, your advisor can reach out to the program on your behalf.",
        "It is fine to email the coordinator to express interest.",
        "Email the coordinator on Tuesday to introduce yourself.",
        "You cannot contact unfilled programs after SOAP ends.",
        "You can contact programs during SOAP.",
    ],
)
def test_verdicts_the_direct_answer_does_not_give_are_caught(text: str) -> None:
    result = check(text, GROUNDS)
    assert result.text == "" and "verdict" in result.report.by_kind, text


@pytest.mark.parametrize(
    "text",
    [
        "No, your dean cannot call a program until it has contacted you.",
        "Nobody acting for you may contact a program first.",
        "Once a program contacts you, you may reply.",
        "Replying is fine once they reach out.",
        "After SOAP ends, your dean may call unfilled programs.",
        "You may contact programs freely, but only after SOAP ends.",
        "Don't email programs first.",
    ],
)
def test_verdicts_that_agree_with_the_direct_answer_are_kept(text: str) -> None:
    assert kept(text), text


def test_a_yes_or_no_must_agree_with_the_direct_answer() -> None:
    assert not kept("Yes. Talk it over with your dean's office.")
    assert kept("No. Talk it over with your dean's office.")
    result = check("Talk it over with your dean's office. So the answer is yes, go ahead.", GROUNDS)
    assert result.text == "Talk it over with your dean's office."
    assert kept("No second phone line is needed.")  # a "no" that answers nothing


def test_more_ways_of_saying_a_verdict() -> None:
    lup = Rule(
        "No — copying, posting, screenshotting or forwarding the List of Unfilled Programs breaks the NRMP's "
        "Match Participation Agreement.",
        "Can I share the LUP with a friend?",
    )
    grounds = Grounds(facts=[lup.text], rules=[lup, CONTACT_CARD])
    assert not supported("The list is in R3 and you can share it with your cousin.", grounds)
    assert supported("You may not forward the LUP to anyone.", grounds)
    assert supported("You can share your worries with a friend.", grounds)  # not about the list
    assert not supported("You can start emailing programs yourself.", grounds)
    assert supported("Call your advisor today.", grounds)  # not a program


def test_only_the_unsupported_sentences_go_and_the_shape_stays() -> None:
    text = (
        "Offers come on Thursday [1]. Each is open for three hours [1].\n\n"
        "- Round 1 runs 9 to 11 a.m. [1]\n- Round 5 runs at 10 p.m. [1]\n- Keep your phone on."
    )
    result = check(text, GROUNDS)
    assert result.text == "Offers come on Thursday [1].\n\n- Round 1 runs 9 to 11 a.m. [1]\n- Keep your phone on."
    assert (result.report.sentences, result.report.dropped) == (5, 2)
    assert not result.too_little()
    assert check("Each is open for three hours. Round 5 is at 10 p.m. Keep your phone on.", GROUNDS).too_little()


def test_labels_and_citations_are_not_counts() -> None:
    for text in ("Paragraph 15: R3, PGY-1, J-1 and H-1B visas, Step 2 CK, round 4 [2][3].", "Help is there 24/7."):
        assert [f for f in extract_facts(text)] == [], text


def test_reversed_condition_is_read() -> None:
    assert extract_verdicts("You may apply only between rounds.") == [
        Verdict("apply", "applicant", True, "between-rounds")
    ]
    assert extract_verdicts("Programs may call you from Tuesday.") == [Verdict("contact", "program", True)]
    assert extract_verdicts("Can I email a program?") == []  # a question states no verdict


def test_the_report_holds_counts_only() -> None:
    report = check("SOAP ends on Wednesday at 9 p.m. Keep your phone on.", GROUNDS).report
    for item in dataclasses.fields(Report):
        value = getattr(report, item.name)
        assert isinstance(value, int) or all(isinstance(k, str) and len(k) < 12 for k in value), item.name
    assert "Wednesday" not in report.summary


#: A direct answer whose permission takes its condition from the sentence before ("After that,
#: ... may contact unfilled programs freely"): read one sentence at a time, as the checker reads a
#: model, it is an unconditional permission, which is never supported.
ANAPHORIC = {("match-week-timeline", "Thursday 9:00 p.m. ET: when SOAP ends")}


def test_every_direct_answer_of_the_guidance_is_supported_by_its_own_section() -> None:
    """The checker reads the guidance as it reads a model: nothing curated is dropped."""
    from bot.core.knowledge.articles import chunks_of, load_articles

    root = Path(__file__).resolve().parents[3] / "knowledge"
    for chunk in chunks_of(load_articles(root)):
        if chunk.answer:
            grounds = Grounds(facts=[chunk.passage], rules=[Rule(chunk.answer, chunk.section)])
            report = check(chunk.answer, grounds).report
            if (chunk.article, chunk.section) in ANAPHORIC:
                assert set(report.by_kind) == {"verdict"} and report.unsupported == 1
            else:
                assert report.unsupported == 0, (chunk.article, chunk.section, report.summary)
