"""The lean TF-IDF transform gives bit-identical features and probabilities to scikit-learn's, for
the shipped models, on our texts and on arbitrary ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.models.artifact import load_focus_model, load_model
from pipeline.models.fast_tfidf import LeanTfidf
from pipeline.models.focus_data import SentenceInput
from pipeline.models.tfidf import make_vectoriser, vectoriser_block, vectoriser_from_block

SEEDS = sorted((Path(__file__).resolve().parents[1] / "data" / "raw").glob("*.txt"))
ODD = ["", " ", "a", "ab", "İstanbul ǅ ß", "a\u00a0b\u2003c\td\n\ne", "x" * 30, "2024-2025 o.s.v. – ”citat”"]


def _both(model, compute):
    """(lean result, scikit-learn result) of ``compute()`` on the same loaded model."""
    lean = model._lean
    try:
        fast = compute()
        model._lean = None
        slow = compute()
    finally:
        model._lean = lean
    return fast, slow


def _same_matrix(a, b) -> None:
    assert a.shape == b.shape
    assert np.array_equal(a.indptr, b.indptr)
    assert a.indices.tobytes() == b.indices.tobytes()
    assert a.data.tobytes() == b.data.tobytes()


def test_relevance_features_and_probabilities_are_bit_identical():
    model = load_model()
    texts = [p.read_text(encoding="utf-8") for p in SEEDS] + ODD
    _same_matrix(*_both(model, lambda: model._features(texts, fit=False)))
    fast, slow = _both(model, lambda: model.predict_proba(texts))
    assert fast.tobytes() == slow.tobytes()


def test_focus_model_probabilities_are_bit_identical():
    model = load_focus_model()
    lines = [line for p in SEEDS for line in p.read_text(encoding="utf-8").splitlines() if line.strip()] + ODD
    inputs = [SentenceInput(text=t, lemmas=t.lower(), reason="item") for t in lines]
    fast, slow = _both(model, lambda: model.predict_proba(inputs))
    assert fast.tobytes() == slow.tobytes()


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdeåäöÅÄÖ trygghet polis \t\n\u00a0-.,0123É")), max_size=200))
def test_arbitrary_texts_are_bit_identical(text):
    model = load_model()
    _same_matrix(*_both(model, lambda: model._features([text, text[::-1]], fit=False)))


WORD_PIECES = ["polis ", "trygg ", "ab", "a ", "–", "2024-25 ", "\n", "x"]
WORD_TEXTS = st.lists(st.sampled_from(WORD_PIECES), max_size=20).map("".join)


@pytest.mark.parametrize("ngrams", [(1, 1), (1, 2), (2, 2), (1, 3), (2, 4)])
@settings(max_examples=30, deadline=None)
@given(st.lists(WORD_TEXTS, min_size=1, max_size=4))
def test_word_ngram_tables_match_scikit_learn_for_every_ngram_range(ngrams, texts):
    """The token-id tables (unigrams, bigrams) and the tuple lookup (longer n-grams), also for
    tokens outside the vocabulary between known ones, against scikit-learn fitted on a corpus."""
    vec = make_vectoriser("word", ngrams, 500, 1)
    corpus = [p.read_text(encoding="utf-8") for p in SEEDS] + ["polis trygg ab", "2024-25 polis"]
    vec.fit(corpus)
    block = vectoriser_block("word", vec)
    lean, slow = LeanTfidf(block), vectoriser_from_block(block)
    for text in [*texts, *corpus[:3]]:
        indices, data = lean.transform_one(text)
        row = slow.transform([text])
        assert indices.tolist() == row.indices.tolist()
        assert data.tobytes() == row.data.tobytes()
