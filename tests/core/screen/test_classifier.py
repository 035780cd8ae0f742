"""The learned layer's weights file: what the bot computes from it, without scikit-learn."""

from __future__ import annotations

import numpy as np

from bot.core.screen.classifier import Lexicon, LinearClassifier


def test_character_ngrams_are_read_within_padded_words() -> None:
    lexicon = Lexicon({}, np.zeros(0, dtype=np.float32), chars=(3, 5))
    # A word shorter than n is counted once, whole; longer ones give every window.
    assert lexicon.terms("Hi  YOU") == [" hi", "hi ", " hi ", " yo", "you", "ou ", " you", "you ", " you "]


def _classifier() -> LinearClassifier:
    words = Lexicon({"goodbye": 0, "goodbye note": 1}, np.array([1.5, 2.0], dtype=np.float32))
    chars = Lexicon({" pil": 0, "ills": 1}, np.array([1.2, 1.1], dtype=np.float32), chars=(3, 5))
    return LinearClassifier(
        name="test",
        model_id="m",
        labels=("crisis",),
        weights=np.zeros((1, 2), dtype=np.float32),
        bias=np.array([-2.0], dtype=np.float32),
        thresholds={"crisis": 0.5},
        lexical_weights=np.array([[1.0, 3.0]], dtype=np.float32),
        lexicon=words,
        char_weights=np.array([[2.0, 2.0]], dtype=np.float32),
        char_lexicon=chars,
    )


def test_a_misspelt_word_still_scores_through_its_character_ngrams() -> None:
    classifier = _classifier()
    vectors = np.zeros((3, 2), dtype=np.float32)
    low, misspelt, worded = classifier.scores(["see you", "all my pils", "wrote a goodbye note"], vectors)[:, 0]
    assert low < 0.5 <= misspelt and worded >= 0.5


def test_weights_survive_the_json_file_unchanged() -> None:
    classifier = _classifier()
    again = LinearClassifier.from_json(classifier.to_json())
    texts = ["see you", "all my pils", "wrote a goodbye note"]
    vectors = np.zeros((3, 2), dtype=np.float32)
    assert np.allclose(classifier.scores(texts, vectors), again.scores(texts, vectors), atol=1e-4)
    assert again.char_lexicon is not None and again.char_lexicon.chars == (3, 5)


def test_committed_distress_weights_were_trained_on_the_committed_data() -> None:
    """Adding or editing a file the screen learns from (its distress training and tuning files,
    and the everyday drafts, answers and questions it learns are ordinary) without re-running
    `scripts/train_classifiers.py distress` fails here (as for the critique's and rubric's weights)."""
    from bot.core.screen import distress, load_classifier
    from tests.core.critique.test_learned import _trainer

    trainer = _trainer()
    expected = trainer.digest(*trainer.digested_distress_files())
    assert load_classifier(distress.CLASSIFIER_PATH).info["data"] == expected


def test_training_reuses_vectors_from_earlier_runs_and_they_equal_the_models(tmp_path, monkeypatch) -> None:
    """A retrain embeds only texts it has not seen: the second run reads the first run's vectors
    from disk without calling the model, and they are the model's own."""
    from bot.core.base.embeddings import LocalMiniLM
    from tests.core.critique.test_learned import _trainer

    trainer = _trainer()
    texts = ["i can't keep doing this", "Dear Dr. Reyes, thank you for the interview.", "i can't keep doing this"]
    first = np.asarray(trainer.CachedMiniLM(tmp_path / "vectors.sqlite").embed(texts))
    assert np.allclose(first, np.asarray(LocalMiniLM().embed(texts)), atol=1e-6)

    def no_model(self, texts):  # type: ignore[no-untyped-def]
        raise AssertionError("the model was called for a cached text")

    monkeypatch.setattr(LocalMiniLM, "_embed", no_model)
    again = np.asarray(trainer.CachedMiniLM(tmp_path / "vectors.sqlite").embed(texts[::-1]))
    assert np.array_equal(again, first[::-1])
