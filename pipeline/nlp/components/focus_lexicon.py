"""Mark every word that names a focus area of the taxonomy.

The lexicon is data (``resources/focus_lexicon.tsv``). A hit is only a cue: whether the
document states it as a focus, rather than mentioning it in passing, is decided in
``pipeline.extract.focus``. Each span's label is the taxonomy label.

Every pattern is ``Prefiltered``: it runs only on texts that contain the word it needs, which
skips most of the ~130 patterns for any one document or sentence (same matches, see
``pipeline.nlp.fastre``).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.fastre import PatternSet, Prefiltered, fold
from pipeline.nlp.spans import char_spans, doc_text
from pipeline.resources import read_tsv

SPAN_KEY = "focus_cue"
_WORD = r"A-Za-zÅÄÖåäöÉé"


@cache
def lexicon() -> tuple[tuple[str, Prefiltered], ...]:
    return tuple(
        (label, Prefiltered(rf"(?<![{_WORD}]){pattern}", re.IGNORECASE | re.MULTILINE))
        for label, pattern in read_tsv("focus_lexicon.tsv")
    )


@cache
def _lexicon_set() -> PatternSet:
    return PatternSet(pattern for _, pattern in lexicon())


def find_cues(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of every lexicon hit, overlapping hits of one label merged."""
    hits: dict[tuple[int, str], int] = {}
    rows = lexicon()
    for i in _lexicon_set().candidate_ids(fold(text)):
        label, pattern = rows[i]
        for m in pattern.regex.finditer(text):
            key = (m.start(), label)
            hits[key] = max(hits.get(key, 0), m.end())
    return sorted((start, end, label) for (start, label), end in hits.items())


class FocusLexicon:
    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SPAN_KEY] = char_spans(doc, find_cues(doc_text(doc)))
        return doc


@Language.factory("mbl_focus_lexicon")
def make_focus_lexicon(nlp: Language, name: str) -> FocusLexicon:
    return FocusLexicon()
