"""The period extractor reads each mention's sentence by slicing the cached text
(``span_text``) instead of spaCy's token-by-token ``Span.text``: the same strings. Its cue
patterns are ``Prefiltered`` by the words they are written with, tested on the sentence sliced
from the folded document: they must find what the plain patterns (built below as they were)
found."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.period import _contexts, _cues, _has
from pipeline.nlp.components.year_mentions import SPAN_KEY
from pipeline.nlp.fastre import fold
from pipeline.resources import read_tsv
from tests.equivalence import corpus_texts, seed_texts


def _reference_cues() -> dict[str, re.Pattern[str]]:
    by_category: dict[str, list[str]] = {}
    for category, pattern in read_tsv("period_cues.tsv"):
        by_category.setdefault(category, []).append(pattern)
    return {
        category: re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")", re.IGNORECASE)
        for category, patterns in by_category.items()
    }


REFERENCE = _reference_cues()


def _assert_same_sentences(nlp, texts: list[str]) -> int:
    found = 0
    for text in texts:
        doc = nlp(text)
        expected = [span.sent.text for span in doc.spans[SPAN_KEY] if span._.year_mention is not None]
        assert [c.sentence for c in _contexts(doc)] == expected
        found += len(expected)
    return found


def test_seeds_give_the_same_sentences(nlp):
    assert _assert_same_sentences(nlp, seed_texts()) > 0


def test_corpus_gives_the_same_sentences(nlp):
    assert _assert_same_sentences(nlp, corpus_texts()) > 100


def _assert_same_cues(nlp, texts: list[str]) -> int:
    """Every category on the sentence of every year mention, as the extractor tests it."""
    found = 0
    for text in texts:
        for context in _contexts(nlp(text)):
            for category, pattern in REFERENCE.items():
                expected = pattern.search(context.sentence) is not None
                assert context.says(category) == expected, (category, context.sentence)
                found += expected
    return found


def test_seeds_give_the_same_cues(nlp):
    assert _assert_same_cues(nlp, seed_texts()) > 0


def test_corpus_gives_the_same_cues(nlp):
    assert _assert_same_cues(nlp, corpus_texts()) > 100


def test_the_categories_are_the_same():
    assert set(_cues()) == set(REFERENCE)
    assert all(_cues()[category].pattern == pattern.pattern for category, pattern in REFERENCE.items())


#: Cue words, words that hold a cue word without being one, and characters ``fold`` refuses.
WORDS = ["gäller", "Nästa", "sedan 2019", "kommer att", "tecknas", "i år", "till", "t.o.m.", "från"]
WORDS += ["förgäller", "åren", "ÅREN", "dialogen", "x", "2023", "İ", "ſedan", "K", "-"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join))
def test_generated_sentences_give_the_same_cues(sentence):
    for category, pattern in REFERENCE.items():
        expected = pattern.search(sentence) is not None
        assert _has(category, sentence, fold(sentence)) == expected, (category, sentence)
        assert _has(category, sentence) == expected, (category, sentence)
