"""Candidate person names: two to four capitalised words ("Claes-Urban Boström").

Hyphenated and double names stay whole. A candidate is kept when its first word is a known
first name (``resources/first_names.txt``) or when the text around it marks it as a person
(a title, a party in parentheses, "säger"). Words that are capitalised for other reasons
(sentence-initial words, organisations, months) are listed in ``resources/not_names.txt``.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.resources import read_lines

SPAN_KEY = "person"
_UP = "A-ZÅÄÖÉÜÆØ"
_LOW = "a-zåäöéüèáíóúæøß"
_PART = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_PARTICLE = r"(?:von|af|de|van|der|den|la)"
NAME_RE = re.compile(rf"(?<![{_UP}{_LOW}\-])({_PART}(?: {_PARTICLE})?(?: {_PART}){{1,3}})(?![{_UP}{_LOW}])")
_CONTEXT_AFTER = re.compile(r"^\s*(?:\([A-ZÅÄÖa-zåäö]{1,3}\)|,\s*[a-zåäö])")
_CONTEXT_BEFORE = re.compile(
    r"(?:säger|sa|menar|berättar|enligt|av|och|chef(?:en)?|råd(?:et)?|ordförande|direktör(?:en)?|polis(?:en)?|samordnare(?:n)?)\s*$"
)


@cache
def first_names() -> frozenset[str]:
    try:
        return frozenset(read_lines("first_names.txt"))
    except FileNotFoundError:
        return frozenset()


@cache
def not_names() -> frozenset[str]:
    return frozenset(w.casefold() for w in read_lines("not_names.txt"))


def _trim(parts: list[str]) -> list[str]:
    """Drop leading/trailing words that cannot be part of a name."""
    stop = not_names()
    while parts and parts[0].casefold() in stop:
        parts = parts[1:]
    while parts and parts[-1].casefold() in stop:
        parts = parts[:-1]
    return parts


def find_names(text: str) -> list[tuple[int, int]]:
    """Character offsets of probable person names in ``text``."""
    found = []
    names = first_names()
    stop = not_names()
    for match in NAME_RE.finditer(text):
        raw = match.group(1)
        parts = raw.split(" ")
        trimmed = _trim(parts)
        if len(trimmed) < 2 or any(p.casefold() in stop for p in trimmed):
            continue
        offset = raw.index(trimmed[0])
        start = match.start(1) + offset
        end = start + len(" ".join(trimmed))
        first = trimmed[0].split("-")[0]
        known = first in names or trimmed[0] in names
        before = text[max(0, start - 40) : start]
        after = text[end : end + 40]
        in_context = bool(_CONTEXT_AFTER.match(after) or _CONTEXT_BEFORE.search(before))
        if known or (in_context and not names):
            found.append((start, end))
    return found


class PersonNames:
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for start, end in find_names(doc.text):
            span = doc.char_span(start, end, label="PER", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


@Language.factory("mbl_person_names")
def make_person_names(nlp: Language, name: str) -> PersonNames:
    return PersonNames()
