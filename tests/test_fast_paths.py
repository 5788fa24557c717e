"""Shortcuts taken for speed give what the plain spaCy code gives: span texts sliced from the
cached document text (sentence starts and lemmas: ``test_sentences.py``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp.build import get_nlp
from pipeline.nlp.spans import set_doc_text, span_text

TEXTS = st.text(alphabet=st.sampled_from(list("ab Å\n\t.-–•2")), max_size=60)


def _doc(text: str):
    doc = get_nlp().make_doc(text)
    set_doc_text(doc, text)
    return doc


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_span_text_equals_spacy_span_text(text):
    doc = get_nlp()(_doc(text))
    for sent in doc.sents:
        assert span_text(sent) == sent.text
    for start in range(len(doc)):
        assert span_text(doc[start : start + 3]) == doc[start : start + 3].text
