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
from typing import NamedTuple

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


def _candidates(text: str) -> dict[str, list[re.Pattern[str]]]:
    """kind → the patterns of that kind that may match ``text``."""
    patterns, kinds = _cues()
    found: dict[str, list[re.Pattern[str]]] = {}
    for i in patterns.candidate_ids(fold(text)):
        found.setdefault(kinds[i], []).append(patterns.patterns[i].regex)
    return found


def _kinds(text: str) -> frozenset[str]:
    """The kinds with a pattern that matches ``text`` (patterns that need a word absent from
    ``text`` are skipped). All kinds at once: the rules ask about nearly all of them anyway."""
    return frozenset(kind for kind, found in _candidates(text).items() if any(p.search(text) for p in found))


def is_list_item(text: str) -> bool:
    return bool(_LIST_ITEM.match(text))


def is_heading(text: str) -> bool:
    """A line of its own without a full stop: a heading (or a caption, or a fragment)."""
    return not _ENDS_SENTENCE.search(text) and 0 < len(text.split()) <= _HEADING_MAX_WORDS


class _Facts(NamedTuple):
    """What the rules ask of every stripped sentence, all of it decided by the text
    alone; see the public functions below for each."""

    background: bool
    statement: bool
    opens: str | None
    closes: bool
    list_item: bool
    heading: bool
    quote: bool
    content: bool  # three words or more: may be part of the lead
    promise: bool  # mentions the promise: the lead is around the first such sentence


@lru_cache(maxsize=4096)
def _facts(text: str) -> _Facts:
    """The facts of ``text``, remembered: press releases repeat whole sentences (boilerplate
    about what promises are, contact lines), and a hit costs one dictionary look-up where the
    rules would otherwise run a dozen functions and regular expressions."""
    kinds = _kinds(text)
    background = "background" in kinds
    heading = is_heading(text)
    opens = None
    if "section_end" not in kinds:
        opens = "lead_in" if "lead_in" in kinds else "section" if "section" in kinds else None
    return _Facts(
        background=background,
        statement="statement" in kinds and not background,
        opens=opens,
        closes="section_end" in kinds and (heading or text.endswith(":")),
        list_item=is_list_item(text),
        heading=heading,
        quote=bool(_QUOTE.match(text)),
        content=len(text.split()) >= 3,
        promise=bool(_PROMISE.search(text)),
    )


def is_background(text: str) -> bool:
    return _facts(text).background


def is_statement(text: str) -> bool:
    """A sentence that by its wording states a focus ("I fokus står ...", "lovar att ...")."""
    return _facts(text).statement


def opens_section(text: str) -> str | None:
    """ "lead_in" or "section" when ``text`` opens a promise section (see the TSV), else None."""
    return _facts(text).opens


def closes_section(text: str) -> bool:
    return _facts(text).closes


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
    marked = np.flatnonzero(arr[1:, 0] == 1) + 1
    starts = [0, *marked.tolist()]
    ends = [*starts[1:], len(arr)]
    # Only the first tokens' characters are read (converting every token's costs more).
    chars = [int(arr[0, 1]), *arr[marked, 1].tolist(), len(doc_text(doc))]
    return list(zip(starts, ends, chars[:-1], chars[1:], strict=True))


def _lead(facts: list[_Facts]) -> set[int]:
    """Indices of the headline and ingress: the first lines, and the lines around the first
    mention of the promise (pages often start with navigation and contact blocks)."""
    content = [i for i, fact in enumerate(facts) if fact.content]
    lead = set(content[:2])
    first = next((n for n, i in enumerate(content) if facts[i].promise), None)
    if first is not None:
        lead.update(content[max(0, first - 1) : first + _LEAD_SIZE])
    return lead


@lru_cache(maxsize=1024)
def _announces(text: str) -> bool:
    """A statement that announces what follows ("... följande:", "... på två punkter."). Asked
    only of the sentence before another (a search to the end of the text, not worth making for
    every sentence), and remembered, like ``_facts``."""
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


def _reason(
    facts: _Facts, at: tuple[str, int], section: str | None, previous: tuple[str, str] | None, in_lead: bool
) -> str | None:
    """Why the sentence with ``facts`` states a focus, or None (``at`` is the document text and
    the sentence's start). ``section`` is the promise section it sits in and ``previous`` the
    text and reason of the statement right before it (None when the sentence before was not one)."""
    if section is not None and facts.list_item:
        return "item"
    if section is not None and facts.heading and not facts.background:
        return "heading"
    if facts.statement or (previous is not None and _announces(previous[0])):
        return "statement"
    if facts.background:
        return None
    continues_item = previous is not None and previous[1] == "item" and not _starts_paragraph(*at)
    own_line = section == "lead_in" and _starts_line(*at) and not facts.quote
    if continues_item or own_line:
        return "item"
    return "lead" if in_lead else None


def focus_statements(doc: Doc) -> list[Statement]:
    """The sentences of ``doc`` that state focus areas, in document order."""
    text = doc_text(doc)
    sents = []
    for first, end, start, stop in _sentences(doc):
        stripped = text[start:stop].strip()
        if stripped:
            sents.append((first, end, start, stripped, _facts(stripped)))
    lead = _lead([facts for *_, facts in sents])
    found: list[Statement] = []
    section: str | None = None  # the kind of promise section we are in, if any
    previous: tuple[str, str] | None = None  # the statement just before, when it is the last one
    for i, (first, end, start, stripped, facts) in enumerate(sents):
        if facts.closes:
            section = previous = None
            continue
        reason = _reason(facts, (text, start), section, previous, i in lead)
        previous = (stripped, reason) if reason else None
        if reason:
            found.append(Statement(Span(doc, first, end), reason))
        section = facts.opens or section
    return found
