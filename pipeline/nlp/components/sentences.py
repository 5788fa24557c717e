"""Sentence starts: after sentence-final punctuation, and at line breaks.

Press releases put headings, list items and photo captions on lines of their own, without a
full stop; a punctuation-based splitter alone would glue them to the next sentence. So a token
starts a sentence when

- it is the document's first token;
- it is a word (neither punctuation nor a sentence-final mark) and a sentence-final mark
  (``.``, ``!``, ``?`` and the other marks of spaCy's ``Sentencizer``) came after the previous
  sentence start: the rule of spaCy's ``Sentencizer`` with its default marks;
- or it follows a token holding a line break (in its text or its trailing whitespace), unless
  it is whitespace itself.

Why not spaCy's ``sentencizer`` + a line-break component: both create a Python ``Token`` for
every token of every document, which cost more than the tokenizer itself. Here everything is
computed on ``doc.to_array`` columns (plain integers) and written back with one
``doc.from_array``.
``tests/test_sentences.py`` checks the result against spaCy's ``Sentencizer`` followed by the
line-break rule, on the development corpus and on generated texts.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from pipeline.nlp.spans import doc_text

_NEWLINE = re.compile("\n")


def punctuation_starts(orth: list[int], is_punct: list[int], final_marks: frozenset[int]) -> list[int]:
    """Token indices where the sentence-final-mark rule starts a sentence (always includes 0)."""
    starts = [0]
    seen_mark = False
    for i, (word, punct) in enumerate(zip(orth, is_punct, strict=True)):
        if word in final_marks:
            seen_mark = True
        elif seen_mark and not punct:
            starts.append(i)
            seen_mark = False
    return starts


def line_break_starts(text: str, idx: list[int], is_space: list[int]) -> list[int]:
    """Indices of the non-space tokens that follow a token containing (or followed by) a newline.

    A token's text and trailing whitespace run from its start offset to the next token's
    start, so the token holding a newline is found by a binary search of its offset."""
    if len(idx) < 2 or "\n" not in text:
        return []
    following = {bisect_right(idx, m.start()) for m in _NEWLINE.finditer(text)}
    return [i for i in following if i < len(idx) and not is_space[i]]


class Sentences:
    """Writes ``SENT_START`` for every token (1 starts a sentence, -1 does not)."""

    def __init__(self, nlp: Language) -> None:
        self.final_marks = frozenset(nlp.vocab.strings.add(c) for c in Sentencizer.default_punct_chars)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        orth, is_punct, idx, is_space = doc.to_array([ORTH, IS_PUNCT, IDX, IS_SPACE]).T.tolist()
        flags = np.full((len(doc), 1), -1, dtype=np.int64)
        flags[punctuation_starts(orth, is_punct, self.final_marks), 0] = 1
        flags[line_break_starts(doc_text(doc), idx, is_space), 0] = 1
        doc.from_array([SENT_START], flags.astype(np.uint64))
        return doc


@Language.factory("mbl_sentences")
def make_sentences(nlp: Language, name: str) -> Sentences:
    return Sentences(nlp)
