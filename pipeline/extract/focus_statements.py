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


def _lead(sents: list[Span]) -> set[int]:
    """Indices of the headline and ingress: the first lines, and the lines around the first
    mention of the promise (pages often start with navigation and contact blocks)."""
    content = [i for i, s in enumerate(sents) if len(span_text(s).split()) >= 3]
    lead = set(content[:2])
    first = next((n for n, i in enumerate(content) if _PROMISE.search(span_text(sents[i]))), None)
    if first is not None:
        lead.update(content[max(0, first - 1) : first + _LEAD_SIZE])
    return lead


def _announces(text: str) -> bool:
    """A statement that announces what follows ("... följande:", "... på två punkter.")."""
    return bool(_ANNOUNCES.search(text))


def _before(sent: Span) -> tuple[str, int]:
    """The document text and the end of what precedes ``sent`` once spaces and tabs are
    stripped (``text[:end]`` is ``text[:start].rstrip(" \t")`` without copying the prefix)."""
    text = doc_text(sent.doc)
    end = sent.start_char
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    return text, end


def _starts_paragraph(sent: Span) -> bool:
    """True when a blank line (or the start of the text) comes before the sentence."""
    text, end = _before(sent)
    return end == 0 or text[max(0, end - 2) : end] == "\n\n"


def _starts_line(sent: Span) -> bool:
    text, end = _before(sent)
    return end == 0 or text[end - 1] == "\n"


def _reason(sent: Span, section: str | None, previous: Statement | None, in_lead: bool) -> str | None:
    """Why ``sent`` states a focus, or None. ``section`` is the promise section it sits in and
    ``previous`` the statement right before it (None when the sentence before was not one)."""
    text = span_text(sent).strip()
    background = is_background(text)
    if section is not None and is_list_item(text):
        return "item"
    if section is not None and is_heading(text) and not background:
        return "heading"
    if is_statement(text) or (previous is not None and _announces(previous.text)):
        return "statement"
    if background:
        return None
    continues_item = previous is not None and previous.reason == "item" and not _starts_paragraph(sent)
    own_line = section == "lead_in" and _starts_line(sent) and not _QUOTE.match(text)
    if continues_item or own_line:
        return "item"
    return "lead" if in_lead else None


def focus_statements(doc: Doc) -> list[Statement]:
    """The sentences of ``doc`` that state focus areas, in document order."""
    sents = [s for s in doc.sents if span_text(s).strip()]
    lead = _lead(sents)
    found: list[Statement] = []
    section: str | None = None  # the kind of promise section we are in, if any
    previous: Statement | None = None  # the statement just before, when it is the last one
    for i, sent in enumerate(sents):
        text = span_text(sent).strip()
        if closes_section(text):
            section = previous = None
            continue
        reason = _reason(sent, section, previous, i in lead)
        previous = Statement(sent, reason) if reason else None
        if previous is not None:
            found.append(previous)
        section = opens_section(text) or section
    return found
