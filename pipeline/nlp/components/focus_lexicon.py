"""Mark every word that names a focus area of the taxonomy.

The lexicon is data (``resources/focus_lexicon.tsv``). A hit is only a cue: whether the
document states it as a focus, rather than mentioning it in passing, is decided in
``pipeline.extract.focus``. Each span's label is the taxonomy label.

The patterns form one ``AnchoredSet``: one scan of the document finds where a lexicon word can
start, and only those places are tried (same matches as running every pattern over the text,
see ``pipeline.nlp.fastre``). The scan is kept on the Doc, so that the focus extractor can ask
which labels a sentence carries without scanning it again (``labels_between``).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.fastre import AnchoredSet, AnchorScan, Prefiltered
from pipeline.nlp.spans import char_spans, doc_text
from pipeline.resources import read_tsv

SPAN_KEY = "focus_cue"
_WORD = r"A-Za-zÅÄÖåäöÉé"
_SCAN_KEY = ("mbl", "focus_cue_scan")


@cache
def lexicon() -> tuple[tuple[str, Prefiltered], ...]:
    return tuple(
        (label, Prefiltered(rf"(?<![{_WORD}]){pattern}", re.IGNORECASE | re.MULTILINE))
        for label, pattern in read_tsv("focus_lexicon.tsv")
    )


@cache
def _lexicon_set() -> AnchoredSet:
    return AnchoredSet(pattern for _, pattern in lexicon())


def _cues(text: str, scan: AnchorScan | None) -> list[tuple[int, int, str]]:
    hits: dict[tuple[int, str], int] = {}
    rows = lexicon()
    for i, m in _lexicon_set().finditer(text, scan):
        key = (m.start(), rows[i][0])
        hits[key] = max(hits.get(key, 0), m.end())
    return sorted((start, end, label) for (start, label), end in hits.items())


def find_cues(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of every lexicon hit; of hits of one label at one start, the longest."""
    return _cues(text, None)


def doc_scan(doc: Doc) -> AnchorScan | None:
    """The lexicon's scan of the document text, made once per Doc (None: see ``AnchoredSet.scan``).

    Kept in ``user_data`` as plain lists and strings, which a serialised Doc can carry.
    """
    text = doc_text(doc)
    kept = doc.user_data.get(_SCAN_KEY)
    if kept is None:
        scan = _lexicon_set().scan(text)
        doc.user_data[_SCAN_KEY] = kept = () if scan is None else (scan.folded, scan.positions, scan.prefixes)
    return AnchorScan(text, *kept) if kept else None


#: Labels of sentences seen before, by text (see ``labels_between``); emptied when full.
_LABELS: dict[str, frozenset[str]] = {}
_LABELS_MAX = 4096


def labels_between(doc: Doc, start: int, end: int) -> set[str]:
    """The labels of ``find_cues(doc_text(doc)[start:end])``, from the document's scan.

    They depend on that text alone, so they are remembered by it: press releases repeat whole
    sentences (boilerplate about what promises are), and the focus extractor asks about each
    statement. Only a text not seen before is looked up in the scan (the scan is of this
    document; the answer is the same for any document holding the text).
    """
    sub = doc_text(doc)[start:end]
    labels = _LABELS.get(sub)
    if labels is None:
        if len(_LABELS) >= _LABELS_MAX:
            _LABELS.clear()
        rows = lexicon()
        labels = _LABELS[sub] = frozenset(rows[i][0] for i in _lexicon_set().matching(doc_scan(doc), start, end, sub))
    return set(labels)


class FocusLexicon:
    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SPAN_KEY] = char_spans(doc, _cues(doc_text(doc), doc_scan(doc)))
        return doc


@Language.factory("mbl_focus_lexicon")
def make_focus_lexicon(nlp: Language, name: str) -> FocusLexicon:
    return FocusLexicon()
