"""The period extractor reads each mention's sentence by slicing the cached text
(``span_text``) instead of spaCy's token-by-token ``Span.text``: the same strings."""

from __future__ import annotations

from pipeline.extract.period import _contexts
from pipeline.nlp.components.year_mentions import SPAN_KEY
from tests.equivalence import corpus_texts, seed_texts


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
