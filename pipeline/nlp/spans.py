"""Helpers for turning regex matches over ``doc.text`` into spaCy spans."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span


def char_span(doc: Doc, start: int, end: int, label: str = "") -> Span | None:
    """A span covering the characters, widened to whole tokens (hyphenated names, suffixes)."""
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def regex_spans(doc: Doc, pattern: re.Pattern[str], label: str = "", group: int | str = 0) -> Iterable[Span]:
    for match in pattern.finditer(doc.text):
        start, end = match.span(group)
        if start < 0 or start == end:
            continue
        span = char_span(doc, start, end, label)
        if span is not None:
            yield span


def sentence_text(span: Span) -> str:
    """The sentence (or line) a span sits in, trimmed: this is what we show as evidence."""
    return span.sent.text.strip()
