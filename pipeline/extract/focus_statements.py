"""Find the sentences where a press release states what its medborgarlöfte is about.

Topic words are everywhere in these pages: in the background ("utifrån medborgardialoger"),
in boilerplate about what promises are, in quotes. Only some sentences *state* the focus:

- the lead: the headline and ingress around the first mention of the promise;
- statement sentences: "I fokus står ...", "lovar att ...", "prioriteras", "satsa på ...";
- promise sections: the list items and short headings after a lead-in such as
  "Fokusområden", "Det här lovar vi" or a line ending in a colon, until a heading such as
  "Bakgrund" or "Uppföljning" closes the section.

Background sentences (how the promise was made, what promises are) are never statements, except
as list items of a promise section. The cues are data (``resources/focus_statements.tsv``).

``focus_statements`` returns each statement with the reason it was chosen, so that a trained
sentence classifier can reuse it (as candidates or as a feature) and be compared with the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc, Span

from pipeline.nlp.fastre import PatternSet, Prefiltered, fold
from pipeline.nlp.spans import doc_text, span_text
from pipeline.resources import read_tsv

_LIST_ITEM = re.compile(r"^(?:•|\d{1,2}[.)])\s*\S")
_ENDS_SENTENCE = re.compile(r"[.!?]\W*$")
_LEAD_SIZE = 3
_HEADING_MAX_WORDS = 12
_PROMISE = re.compile(r"löfte", re.IGNORECASE)
_ANNOUNCES = re.compile(r"(?::|\b(?:följande|punkter|områden|områdena|delar|saker))\W*$", re.IGNORECASE)
_QUOTE = re.compile(r"^[-–—”\"]")


@dataclass(frozen=True)
class Statement:
    """A sentence that states a focus; ``reason`` is "lead", "statement", "item" or "heading"."""

    sent: Span
    reason: str

    @property
    def text(self) -> str:
        return span_text(self.sent).strip()


@cache
def _cues() -> tuple[PatternSet, tuple[str, ...]]:
    """All cue patterns in one ``PatternSet`` (each literal tested once per sentence), and their kinds."""
    rows = [(kind, Prefiltered(pattern, re.IGNORECASE)) for kind, pattern in read_tsv("focus_statements.tsv")]
    return PatternSet(p for _, p in rows), tuple(kind for kind, _ in rows)


@lru_cache(maxsize=256)
def _candidates(text: str) -> dict[str, list[re.Pattern[str]]]:
    """kind → the patterns of that kind that may match ``text``; remembered because the same
    sentence is asked about several kinds in a row."""
    patterns, kinds = _cues()
    found: dict[str, list[re.Pattern[str]]] = {}
    for i in patterns.candidate_ids(fold(text)):
        found.setdefault(kinds[i], []).append(patterns.patterns[i].regex)
    return found


@lru_cache(maxsize=1024)
def _has(kind: str, text: str) -> bool:
    """Does any pattern of ``kind`` match? (Patterns that need a word absent from ``text`` are skipped.)"""
    return any(p.search(text) for p in _candidates(text).get(kind, ()))


def is_list_item(text: str) -> bool:
    return bool(_LIST_ITEM.match(text))


def is_heading(text: str) -> bool:
    """A line of its own without a full stop: a heading (or a caption, or a fragment)."""
    return not _ENDS_SENTENCE.search(text) and 0 < len(text.split()) <= _HEADING_MAX_WORDS


def is_background(text: str) -> bool:
    return _has("background", text)


def is_statement(text: str) -> bool:
    """A sentence that by its wording states a focus ("I fokus står ...", "lovar att ...")."""
    return _has("statement", text) and not is_background(text)


def opens_section(text: str) -> str | None:
    """ "lead_in" or "section" when ``text`` opens a promise section (see the TSV), else None."""
    if _has("section_end", text):
        return None
    if _has("lead_in", text):
        return "lead_in"
    return "section" if _has("section", text) else None


def closes_section(text: str) -> bool:
    return _has("section_end", text) and (is_heading(text) or text.endswith(":"))


def _sentences(doc: Doc) -> list[tuple[int, int, int, int]]:
    """(first token, end token, start char, end char) of each sentence of ``doc.sents``, read
    from token arrays (a Span per sentence costs more than all the rules on it). The end char
    is the next sentence's start, so the text also holds the last token's trailing space: the
    rules strip or split it, or search it for a word, which that space cannot change."""
    if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        return [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]  # (raises like doc.sents)
    arr = doc.to_array([SENT_START, IDX])
    # ``doc.sents``: a sentence starts at the first token and at every token marked as a start.
    if not len(arr):
        return []
    starts = [0, *(np.flatnonzero(arr[1:, 0] == 1) + 1).tolist()]
    ends = [*starts[1:], len(arr)]
    idx = arr[:, 1].tolist()
    text_end = len(doc_text(doc))
    return [(s, e, idx[s], idx[e] if e < len(idx) else text_end) for s, e in zip(starts, ends, strict=True)]


def _lead(texts: list[str]) -> set[int]:
    """Indices of the headline and ingress: the first lines, and the lines around the first
    mention of the promise (pages often start with navigation and contact blocks)."""
    content = [i for i, text in enumerate(texts) if len(text.split()) >= 3]
    lead = set(content[:2])
    first = next((n for n, i in enumerate(content) if _PROMISE.search(texts[i])), None)
    if first is not None:
        lead.update(content[max(0, first - 1) : first + _LEAD_SIZE])
    return lead


def _announces(text: str) -> bool:
    """A statement that announces what follows ("... följande:", "... på två punkter.")."""
    return bool(_ANNOUNCES.search(text))


def _before(text: str, start: int) -> int:
    """The end of what precedes ``start`` in ``text`` once spaces and tabs are stripped
    (``text[:end]`` is ``text[:start].rstrip(" \t")`` without copying the prefix)."""
    end = start
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    return end


def _starts_paragraph(text: str, start: int) -> bool:
    """True when a blank line (or the start of the text) comes before the sentence at ``start``."""
    end = _before(text, start)
    return end == 0 or text[max(0, end - 2) : end] == "\n\n"


def _starts_line(text: str, start: int) -> bool:
    end = _before(text, start)
    return end == 0 or text[end - 1] == "\n"


@dataclass(frozen=True)
class _Found:
    """A statement while the document is read: its stripped text and reason (``Statement``
    needs a Span, made only for the sentences that are kept)."""

    text: str
    reason: str


def _reason(text: str, at: tuple[str, int], section: str | None, previous: _Found | None, in_lead: bool) -> str | None:
    """Why the sentence ``text`` (stripped; ``at`` is the document text and the sentence's start)
    states a focus, or None. ``section`` is the promise section it sits in and ``previous`` the
    statement right before it (None when the sentence before was not one)."""
    background = is_background(text)
    if section is not None and is_list_item(text):
        return "item"
    if section is not None and is_heading(text) and not background:
        return "heading"
    if is_statement(text) or (previous is not None and _announces(previous.text)):
        return "statement"
    if background:
        return None
    continues_item = previous is not None and previous.reason == "item" and not _starts_paragraph(*at)
    own_line = section == "lead_in" and _starts_line(*at) and not _QUOTE.match(text)
    if continues_item or own_line:
        return "item"
    return "lead" if in_lead else None


def focus_statements(doc: Doc) -> list[Statement]:
    """The sentences of ``doc`` that state focus areas, in document order."""
    text = doc_text(doc)
    sents = [(s, e, a, text[a:b]) for s, e, a, b in _sentences(doc) if text[a:b].strip()]
    lead = _lead([raw for *_, raw in sents])
    found: list[Statement] = []
    section: str | None = None  # the kind of promise section we are in, if any
    previous: _Found | None = None  # the statement just before, when it is the last one
    for i, (first, end, start_char, raw) in enumerate(sents):
        stripped = raw.strip()
        if closes_section(stripped):
            section = previous = None
            continue
        reason = _reason(stripped, (text, start_char), section, previous, i in lead)
        previous = _Found(stripped, reason) if reason else None
        if reason:
            found.append(Statement(Span(doc, first, end), reason))
        section = opens_section(stripped) or section
    return found
