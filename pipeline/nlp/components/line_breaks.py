"""Sentence starts at line breaks.

Press releases put headings, list items and photo captions on lines of their own, without a
full stop; the punctuation-based sentencizer would glue them to the next sentence.

The token after a token holding a line break (in its text or trailing whitespace) starts a
sentence, unless it is whitespace itself. Found from the newline offsets and the token start
offsets (``doc.to_array``) rather than by creating a Python object for every token.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IDX, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.spans import doc_text

_NEWLINE = re.compile("\n")


def tokens_after_line_breaks(doc: Doc) -> list[int]:
    """Indices of the tokens that follow a token containing (or followed by) a newline."""
    text = doc_text(doc)
    if len(doc) < 2 or "\n" not in text:
        return []
    newlines = np.fromiter((m.start() for m in _NEWLINE.finditer(text)), dtype=np.int64)
    arr = doc.to_array([IDX, IS_SPACE])
    # a token's text and trailing whitespace run from its start to the next token's start
    holders = np.unique(np.searchsorted(arr[:, 0].astype(np.int64), newlines, side="right") - 1)
    following = holders[holders < len(doc) - 1] + 1
    return [int(i) for i in following if not arr[i, 1]]


class LineBreaks:
    def __call__(self, doc: Doc) -> Doc:
        for i in tokens_after_line_breaks(doc):
            doc[i].is_sent_start = True
        return doc


@Language.factory("mbl_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks()
