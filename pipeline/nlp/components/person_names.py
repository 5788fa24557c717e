"""Candidate person names: two to four capitalised words ("Claes-Urban Boström").

Hyphenated and double names stay whole ("Ewa Öberg Öström", "David Schanzer-Larsen"). A
candidate is kept when a word of it is a known first name (``resources/first_names.txt``,
built from names-dataset) followed by at least one more capitalised word; words before that
first name ("Kommunchef Ralf Hedin", "Från vänster Carina Moberg") are not part of the name.
A candidate whose first name is unknown ("Ior Berglund") is kept only when the text around
it marks it as an official: a party in parentheses, a title right before or right after a
comma, or "säger" before it. Capitalised words that are never names (sentence-initial
function words, organisations, months) are listed in ``resources/not_names.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.components import role_matcher
from pipeline.nlp.spans import char_spans, doc_text
from pipeline.resources import read_lines

SPAN_KEY = "person"
_UP = "A-ZÅÄÖÉÜÆØ"
_LOW = "a-zåäöéüèáíóúæøßćčšžłń"
_PART = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_PARTICLE = r"(?:von|af|de|van|der|den|la|di|da)"
#: ``(?<![{_UP}{_LOW}\-]){_PART}`` with the look-behind moved after the capital (``(?<!X.)`` then
#: tests the character before it): a pattern that begins with a character set lets ``re`` skip
#: to the next capital in C instead of trying the look-behind at every position.
_FIRST_PART = rf"[{_UP}](?<![{_UP}{_LOW}\-].)[{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
NAME_RE = re.compile(rf"({_FIRST_PART}(?: {_PART}| {_PARTICLE} {_PART}){{1,4}})(?![{_UP}{_LOW}\-])")
#: After an unknown name: a party "(M)", "(SD)", "(Mp)" (not an acronym such as "(TUM)").
_PARTY_AFTER = re.compile(r"^\s*\((?:[A-ZÅÄÖ]{1,2}|[A-ZÅÄÖ][a-zåäö])\)")
_SPEECH_BEFORE = re.compile(r"(?:säger|sa|menar|berättar|förklarar|konstaterar|enligt)\s+$")


@cache
def first_names() -> frozenset[str]:
    try:
        return frozenset(read_lines("first_names.txt"))
    except FileNotFoundError:
        return frozenset()


@cache
def not_names() -> frozenset[str]:
    return frozenset(w.casefold() for w in read_lines("not_names.txt"))


@lru_cache(maxsize=8192)
def _is_title(word: str) -> bool:
    """A capitalised title ("Kommunchef", "Lokalpolisområdeschef") is never part of a name.
    (Remembered per word: it runs every role pattern, and the same words recur.)"""
    return any(pattern.fullmatch(word) for pattern, _, _ in role_matcher.role_table())


def _is_first_name(word: str) -> bool:
    names = first_names()
    return word in names or word.split("-")[0] in names


def _name_parts(parts: list[str]) -> tuple[int, list[str], bool]:
    """(index of the first name word, the name's words, whether the first name is known)."""
    stop = not_names()

    def excluded(word: str) -> bool:
        return word.casefold() in stop or _is_title(word)

    for i, word in enumerate(parts[:-1]):
        if _is_first_name(word) and not excluded(word):
            rest = parts[i:]
            end = next((j for j, w in enumerate(rest) if j > 0 and excluded(w)), len(rest))
            if end >= 2:
                return i, rest[:end], True
    start = 0
    while start < len(parts) and excluded(parts[start]):
        start += 1
    rest = parts[start:]
    end = next((j for j, w in enumerate(rest) if excluded(w)), len(rest))
    return start, rest[:end], False


def _marked_as_official(text: str, start: int, end: int, role_spans: Iterable[tuple[int, int]]) -> bool:
    """Whether the text right around an unknown name says it is an official's name."""
    after = text[end : end + 60]
    if _PARTY_AFTER.match(after) or _SPEECH_BEFORE.search(text[max(0, start - 30) : start]):
        return True
    for role_start, role_end in role_spans:
        if role_end <= start and not text[role_end:start].strip():
            return True
        if role_start >= end and re.fullmatch(r"\s*,\s*", text[end:role_start]):
            return True
    return False


@lru_cache(maxsize=8192)
def _name_in(candidate: str) -> tuple[int, int, bool] | None:
    """(offset of the name in a ``NAME_RE`` candidate, the name's length, whether its first name
    is known), or None when the candidate holds no name. Remembered: it depends on the words
    alone, and the same candidates (names, "Polisen Ale") recur within and across texts."""
    parts = candidate.split(" ")
    first, name_parts, known = _name_parts(parts)
    if len(name_parts) < 2 or all(p.islower() for p in name_parts[1:]):
        return None
    offset = len(" ".join(parts[:first])) + (1 if first else 0)
    return offset, len(" ".join(name_parts)), known


def find_names(text: str, role_spans: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Character offsets of probable person names in ``text``.

    ``role_spans`` (character offsets of titles) lets an unknown first name through when a
    title is written next to it.
    """
    roles = list(role_spans)
    found = []
    for match in NAME_RE.finditer(text):
        name = _name_in(match.group(1))
        if name is None:
            continue
        offset, length, known = name
        start = match.start(1) + offset
        end = start + length
        if known or _marked_as_official(text, start, end, roles):
            found.append((start, end))
    return found


class PersonNames:
    def __call__(self, doc: Doc) -> Doc:
        roles = [(s.start_char, s.end_char) for s in doc.spans.get(role_matcher.SPAN_KEY, [])]
        found = ((start, end, "PER") for start, end in find_names(doc_text(doc), roles))
        doc.spans[SPAN_KEY] = char_spans(doc, found)
        return doc


@Language.factory("mbl_person_names")
def make_person_names(nlp: Language, name: str) -> PersonNames:
    return PersonNames()
