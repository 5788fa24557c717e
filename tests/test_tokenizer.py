"""Our tokenizer gives spaCy's Swedish tokens: only whitespace special cases were dropped."""

from __future__ import annotations

import json

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.clean import clean_text

PIECES = ["\n", "\n\n", " ", "  ", "\t", "\u00a0", "\r\n", "t.ex.", "bl.a.", "Kungsör", "2024–2025", "(S)",
          "•", "-", ".", ",", ":e", "kl.", "nr", "ca", "\u2003", "a\nb", "!", "?"]  # fmt: skip


@pytest.fixture(scope="module")
def stock():
    return spacy.blank("sv").tokenizer


def _tokens(tokenizer, text: str) -> list[tuple[str, str, int, str, bool]]:
    return [(t.text, t.whitespace_, t.idx, t.norm_, t.is_space) for t in tokenizer(text)]


def test_only_whitespace_special_cases_are_dropped(nlp, stock):
    ours, theirs = set(nlp.tokenizer.rules), set(stock.rules)
    assert ours < theirs
    assert theirs - ours == {"\n", "\t", " "}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_generated_texts_tokenise_like_spacy(nlp, stock, text):
    assert _tokens(nlp.tokenizer, text) == _tokens(stock, text)


def test_corpus_and_seeds_tokenise_like_spacy(nlp, stock, corpus_dir):
    from tests.conftest import RAW

    texts = [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))]
    with (corpus_dir / "corpus.jsonl").open(encoding="utf-8") as handle:
        texts += [json.loads(line)["text"] for line in handle]
    for text in texts:
        for variant in (text, clean_text(text)):
            assert _tokens(nlp.tokenizer, variant) == _tokens(stock, variant)
