"""Helpers for turning regex matches over ``doc.text`` into spaCy spans."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

_TEXT_KEY = ("mbl", "text")


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc.

    spaCy rebuilds ``Doc.text`` from every token on each access (about a millisecond for a press
    release); the rules read it dozens of times per document, which made it the pipeline's
    largest cost. The text of a Doc never changes after tokenisation, so caching it is safe.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def set_doc_text(doc: Doc, text: str) -> None:
    """Prime the cache with the string the Doc was tokenised from (identical by construction)."""
    doc.user_data[_TEXT_KEY] = text


def span_text(span: Span) -> str:
    """``span.text`` without rebuilding it token by token: the same characters, sliced from the
    cached ``doc_text`` (a span's text runs from its first token's start to its last token's
    end, and ``Doc.text`` is the tokens' text with their whitespace)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def char_span(doc: Doc, start: int, end: int, label: str = "") -> Span | None:
    """A span covering the characters, widened to whole tokens (hyphenated names, suffixes)."""
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def char_spans(doc: Doc, found: Iterable[tuple[int, int, str]]) -> list[Span]:
    """Spans for (start, end, label) character ranges found by a rule over ``doc_text``; a range
    that no token boundary can widen to (inside a single token) is dropped."""
    spans = []
    for start, end, label in found:
        span = char_span(doc, start, end, label)
        if span is not None:
            spans.append(span)
    return spans
