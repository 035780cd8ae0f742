"""The critique's learned tone layer: new wordings the phrase patterns do not know are caught,
quoted from the draft, and ordinary sentences stay clean."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bot.core.critique import check_draft, learned
from bot.core.screen import load_classifier
from tests.core.critique.known_gaps import with_known_gaps
from tests.core.critique.test_trial import flagged, reply

ROOT = Path(__file__).resolve().parents[3]

#: Tone problems in words no phrase pattern lists: only the learned layer can catch them.
NEW_WORDINGS = [
    ("commitment", "My partner and I have already started looking at apartments near your hospital for July."),
    ("commitment", "I've let my other programs know that yours is the only one I'm considering now."),
    ("desperation", "I have refreshed my inbox every few minutes since Monday hoping to see your name."),
    ("oversharing", "The antidepressants I started in the fall finally let me focus on studying again."),
    ("self-deprecation", "Honestly I'm not sure why anyone would pick me over the others."),
    ("not-personalized", "Your program's outstanding reputation and commitment to excellence really stand out to me."),
    ("pushy", "Other things are moving fast for me, so I will need to know where I stand with you before 4 today."),
]

PLAIN = [
    "I'm free all day Wednesday and can join by video or phone.",
    "I will accept your offer to interview and have blocked the whole morning.",
    "Could you tell me who will be on the interview panel?",
    "I enjoyed hearing about the night-float structure from your chief resident.",
    "My Step 2 CK score was released last week and is in MyERAS.",
    "I emailed you earlier today with my availability for the interview.",
    "I'd be glad to send anything else you need before our call tomorrow.",
    # context offered as "not an excuse" is framing, not running oneself down
    "None of this is meant as an excuse; I only wanted you to know why my scores dipped in third year.",
    # asking whether positions are still open is a question for the contact rule, not desperation
    "Are any of the preliminary medicine spots still open after this morning's round?",
]


def draft(sentence: str) -> str:
    return reply("Thank you for inviting me to interview on Wednesday. " + sentence)


#: Known gaps (none since the retrain with sentences-4: the inbox-refreshing sentence, once just
#: under the desperation threshold, is caught again).
KNOWN_MISSES: set[tuple[str, str]] = set()


@pytest.mark.parametrize(
    ("check", "sentence"),
    with_known_gaps(NEW_WORDINGS, KNOWN_MISSES, "just under the threshold"),
    ids=[c for c, _ in NEW_WORDINGS],
)
def test_new_wordings_are_caught_and_quoted(check: str, sentence: str) -> None:
    result = check_draft(draft(sentence), "coordinator-email", "yes", "during-soap")
    found = [f for f in result.findings if f.check == check]
    assert found and found[0].severity == "warning"
    assert found[0].evidence in draft(sentence) and found[0].evidence.strip()


@pytest.mark.parametrize(("check", "sentence"), NEW_WORDINGS, ids=[c for c, _ in NEW_WORDINGS])
def test_without_the_classifier_only_patterns_judge(check: str, sentence: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "tone_classifier", lambda: None)
    assert check not in flagged(check_draft(draft(sentence), "coordinator-email", "yes", "during-soap"))


@pytest.mark.parametrize("sentence", PLAIN)
def test_ordinary_sentences_stay_clean(sentence: str) -> None:
    result = check_draft(draft(sentence), "coordinator-email", "yes", "during-soap")
    assert not {c for c, _ in NEW_WORDINGS} & flagged(result)


def _trainer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("train_classifiers", ROOT / "scripts" / "train_classifiers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_classifiers", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("weights", "package", "tuning"),
    [
        ("bot/core/critique/data/tone.json", "critique", "drafts"),
        ("bot/core/interview/data/answer_signs.json", "interview", "answers"),
    ],
)
def test_committed_weights_were_trained_on_the_committed_data(weights: str, package: str, tuning: str) -> None:
    """Editing a training file without re-running scripts/train_classifiers.py fails here."""
    trainer = _trainer()
    classifier = load_classifier(ROOT / weights)
    expected = trainer.digest(*trainer.sentence_training(package), *trainer.half_paths(tuning, "tune"))
    assert classifier.info["data"] == expected


async def test_an_ai_review_cannot_remove_a_learned_finding() -> None:
    from bot.core.critique import critique
    from tests.core.critique.test_critique import ScriptedLLM

    check, sentence = NEW_WORDINGS[0]
    text = draft(sentence)
    llm = ScriptedLLM(
        {"findings": [{"check": check, "severity": "info", "evidence": "", "advice": "Fine."}], "rewrite": text}
    )
    result = await critique(text, "coordinator-email", "yes", "during-soap", llm=llm)
    assert [f.severity for f in result.findings if f.check == check] == ["warning"]
    assert check not in result.passed


def test_every_learned_tone_check_has_its_own_advice() -> None:
    """A learned check whose advice text is missing would break the whole check (the pushy classifier
    sat unused for rounds because of exactly that)."""
    from bot.core.critique.lexicon import messages

    classifier = learned.tone_classifier()
    assert classifier is not None
    missing = [label for label in classifier.labels if f"learned-{label}" not in messages()["advice"]]
    assert not missing
