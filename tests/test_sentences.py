"""Sentence starts and lemmas computed on arrays agree with spaCy's own components.

The reference is what the pipeline did before: spaCy's ``Sentencizer`` (default marks), then a
start after every token holding a line break, then spaCy's lookup ``Lemmatizer``."""

from __future__ import annotations

import json

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp.spans import set_doc_text
from pipeline.text.clean import clean_text

TEXTS = st.text(alphabet=st.sampled_from(list("ab Å\n\t.!?…-–•2\"')(")), max_size=80)


@pytest.fixture(scope="module")
def reference():
    """spaCy's sentencizer and lookup lemmatizer on a blank Swedish pipeline."""
    nlp = spacy.blank("sv")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def _reference_starts(reference, text: str) -> list[bool]:
    doc = reference(text)
    for t in doc[:-1]:
        if ("\n" in t.text or "\n" in t.whitespace_) and not doc[t.i + 1].is_space:
            doc[t.i + 1].is_sent_start = True
    return [bool(t.is_sent_start) for t in doc]


def _ours(nlp, text: str):
    doc = nlp.make_doc(text)
    set_doc_text(doc, text)
    with nlp.select_pipes(enable=["mbl_sentences", "mbl_lemmatizer"]):
        return nlp(doc)


def _assert_same(nlp, reference, text: str) -> None:
    ours = _ours(nlp, text)
    assert [bool(t.is_sent_start) for t in ours] == _reference_starts(reference, text)
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in reference(text)]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_generated_texts_split_and_lemmatise_like_spacy(nlp, reference, text):
    _assert_same(nlp, reference, text)


def test_seed_releases_split_and_lemmatise_like_spacy(nlp, reference):
    from tests.conftest import RAW

    for path in sorted(RAW.glob("*.txt")):
        _assert_same(nlp, reference, clean_text(path.read_text(encoding="utf-8")))


def test_corpus_splits_and_lemmatises_like_spacy(nlp, reference, corpus_dir):
    with (corpus_dir / "corpus.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            _assert_same(nlp, reference, clean_text(json.loads(line)["text"]))


def test_empty_and_punctuation_only_documents(nlp, reference):
    for text in ["", " ", "...", "!\n?", "\n\n"]:
        _assert_same(nlp, reference, text)
