"""Cue features: a handful of yes/no signals a reader uses to tell one promise from talk about promises.

The bag-of-n-grams model sees words but not where they are; these cues add position (the term
in the headline, a signing verb next to the term). Patterns are data
(``resources/models/relevance/cues.tsv``) so that tuning them never means changing code.
Patterns are ``Prefiltered``: a cue whose required word is absent counts 0 without a scan.
Only whether a cue reaches its ``min_count`` matters, so scans stop at that many matches, and
a cue whose matches all begin with known words is tried only where those words occur
(``anchors.leading_literals``), in every scope: the head and the windows around the term are
slices of the text, and so are their folds. A cue that has no such words as a whole (an
alternative begins with a digit run or a capital letter) is searched for presence alternative
by alternative, each with its own prefilter and anchors (``anchors.top_level_alternatives``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice

import numpy as np

from pipeline.nlp.anchors import any_match_at, leading_literals, starts_of, top_level_alternatives
from pipeline.nlp.fastre import Prefiltered, finditer_at, fold
from pipeline.resources import read_tsv

CUES_RESOURCE = "models/relevance/cues.tsv"
HEAD_CHARS = 300
NEAR_CHARS = 200
_TERM = re.compile(r"medborgarlöft", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    name: str
    scope: str  # "text", "head" or "near_term"
    min_count: int
    pattern: Prefiltered
    #: ``leading_literals`` of the pattern (None: its matches may begin anywhere)
    starts: tuple[str, ...] | None = None
    #: what a presence search tries, one after another (``_searched``)
    searched: tuple[Searched, ...] = ()


@dataclass(frozen=True)
class Searched:
    """A pattern and ``leading_literals`` of it (None: its matches may begin anywhere)."""

    pattern: Prefiltered
    starts: tuple[str, ...] | None


def _searched(whole: Searched) -> tuple[Searched, ...]:
    """The pattern itself when its matches all begin with known words, else its top-level
    alternatives (the text has a match of the pattern exactly when it has one of them), so that
    the alternatives that do begin with known words are tried only there."""
    pieces = top_level_alternatives(whole.pattern.pattern, re.IGNORECASE)
    if whole.starts is not None or len(pieces) < 2:
        return (whole,)
    return tuple(Searched(Prefiltered(p, re.IGNORECASE), leading_literals(p, re.IGNORECASE)) for p in pieces)


def make_cue(name: str, scope: str, min_count: int, pattern: str) -> Cue:
    """A cue with its searches prepared once (as data, one row of ``cues.tsv``)."""
    if scope not in {"text", "head", "near_term"}:
        raise ValueError(f"cue {name}: unknown scope {scope!r}")
    whole = Searched(Prefiltered(pattern, re.IGNORECASE), leading_literals(pattern, re.IGNORECASE))
    return Cue(name, scope, min_count, whole.pattern, whole.starts, _searched(whole))


@cache
def load_cues() -> tuple[Cue, ...]:
    return tuple(
        make_cue(name, scope, int(min_count), pattern) for name, scope, min_count, pattern in read_tsv(CUES_RESOURCE)
    )


def cue_names() -> list[str]:
    return [cue.name for cue in load_cues()]


def _window_bounds(terms: list[re.Match[str]]) -> Iterator[tuple[int, int]]:
    """The ``near_term`` scope: text around each mention of the term."""
    return ((max(0, m.start() - NEAR_CHARS), m.end() + NEAR_CHARS) for m in terms)


def _at_least(regex: re.Pattern[str], text: str, count: int) -> bool:
    """``len(regex.findall(text)) >= count``, scanning only as far as the ``count``-th match.

    ``findall`` and ``finditer`` yield the same matches, and ``search`` finds the first of them.
    """
    if count == 1:
        return regex.search(text) is not None
    return sum(1 for _ in islice(regex.finditer(text), count)) == count


def _present(cue: Cue, text: str, folded: str | None, terms: list[re.Match[str]]) -> bool:
    """Does the cue reach its ``min_count`` in its scope? ``folded`` is ``fold(text)``, and the
    fold of a slice of the text is that slice of ``folded`` (``fold`` lowercases character by
    character). For ``near_term`` the count is the largest over the windows, so it reaches
    ``min_count`` when any one window does; a word absent from the text is absent from each."""
    if cue.min_count <= 0:  # every count reaches it
        return True
    if cue.scope == "text":
        return _reaches(cue, text, folded)
    if cue.scope == "head":
        return _reaches(cue, text[:HEAD_CHARS], None if folded is None else folded[:HEAD_CHARS])
    return cue.pattern.may_match(folded) and any(
        _reaches(cue, text[a:b], None if folded is None else folded[a:b]) for a, b in _window_bounds(terms)
    )


def _reaches(cue: Cue, text: str, folded: str | None) -> bool:
    """Has ``text`` (``folded``: its fold) at least ``cue.min_count`` matches of the cue?"""
    regex = cue.pattern.regex
    if folded is None:
        return _at_least(regex, text, cue.min_count)
    if cue.min_count == 1:
        return any(_found(searched, text, folded) for searched in cue.searched)
    if cue.starts is not None:
        matches = finditer_at(regex, text, starts_of(folded, cue.starts))
        return sum(1 for _ in islice(matches, cue.min_count)) == cue.min_count
    return cue.pattern.may_match(folded) and _at_least(regex, text, cue.min_count)


def _found(searched: Searched, text: str, folded: str) -> bool:
    """``searched.pattern.regex.search(text) is not None``. With starts, only the places where
    ``folded`` has one of them are tried, which also tells when every start is missing (so no
    ``may_match`` scan first)."""
    pattern = searched.pattern
    if searched.starts is not None:
        return any_match_at(pattern.regex, text, folded, searched.starts)
    return pattern.may_match(folded) and pattern.regex.search(text) is not None


def cue_values(text: str, folded: str | None, terms: list[re.Match[str]]) -> list[float]:
    """One 0/1 value per cue, in resource order; ``folded`` is ``fold(text)`` and ``terms`` are
    the matches of ``medborgarlöft`` in it, passed in because the relevance component needs
    them too."""
    return [float(_present(cue, text, folded, terms)) for cue in load_cues()]


def cue_vector(text: str) -> np.ndarray:
    """One 0/1 value per cue, in resource order."""
    return np.array(cue_values(text, fold(text), list(_TERM.finditer(text))))


def cue_matrix(texts: list[str]) -> np.ndarray:
    return np.vstack([cue_vector(t) for t in texts]) if texts else np.zeros((0, len(load_cues())))
