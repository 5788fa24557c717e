"""The lean TF-IDF transform gives bit-identical features and probabilities to scikit-learn's, for
the shipped models, on our texts and on arbitrary ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.models.artifact import load_focus_model, load_model
from pipeline.models.focus_data import SentenceInput

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
