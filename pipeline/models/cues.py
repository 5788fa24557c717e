"""Cue features: a handful of yes/no signals a reader uses to tell one promise from talk about promises.

The bag-of-n-grams model sees words but not where they are; these cues add position (the term
in the headline, a signing verb next to the term). Patterns are data
(``resources/models/relevance/cues.tsv``) so that tuning them never means changing code.
Patterns are ``Prefiltered``: a cue whose required word is absent counts 0 without a scan.
Only whether a cue reaches its ``min_count`` matters, so scans stop at that many matches, and
a cue whose matches all begin with known words is tried only where those words occur
(``match_starts``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any

import numpy as np

from pipeline.nlp.fastre import SAFE_RANGES, Prefiltered, fold, sre_c, sre_parse
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
    starts: tuple[str, ...] | None = None  # ``match_starts(pattern)``


_ZERO_WIDTH = (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT)
_SAFE = re.compile(f"[{SAFE_RANGES}]*")


def _starts(items: list[tuple[Any, Any]]) -> list[str] | None:
    """Literal strings one of which every match of the parsed sequence begins with, or None."""
    run: list[str] = []
    for op, av in items:
        if op is sre_c.LITERAL:
            run.append(chr(av))
        elif run:  # the literal run so far begins every match
            break
        elif op in _ZERO_WIDTH:  # consumes nothing: the match still begins with what follows
            continue
        elif op is sre_c.SUBPATTERN:
            return _starts(list(av[3]))
        elif op is sre_c.BRANCH:
            found: list[str] = []
            for branch in av[1]:
                sub = _starts(list(branch))
                if sub is None:
                    return None
                found.extend(sub)
            return found
        else:  # a class, repeat, back-reference...: no literal to look for
            return None
    return ["".join(run)] if run else None


def match_starts(pattern: str) -> tuple[str, ...] | None:
    """Lowercased literals one of which every (case-insensitive) match of ``pattern`` begins
    with, or None when there are none usable.

    Why: a case-insensitive search tries every position of the text; most cues are alternations
    of words, so the only places a match can begin are where ``fold(text)`` contains one of
    their first words, which ``str.find`` locates far faster. Like ``Prefiltered``, this relies
    on ``str.lower`` agreeing with ``re.IGNORECASE`` for the characters ``fold`` accepts, which
    are also the ones whose lowercase is one character (so positions in ``fold(text)`` are
    positions in the text); literals with other characters are not used.
    """
    found = _starts(list(sre_parse.parse(pattern, re.IGNORECASE)))
    if not found or not all(lit and _SAFE.fullmatch(lit) for lit in found):
        return None
    return tuple(sorted({lit.lower() for lit in found}))


@cache
def load_cues() -> tuple[Cue, ...]:
    cues = []
    for name, scope, min_count, pattern in read_tsv(CUES_RESOURCE):
        if scope not in {"text", "head", "near_term"}:
            raise ValueError(f"cue {name}: unknown scope {scope!r}")
        cues.append(Cue(name, scope, int(min_count), Prefiltered(pattern, re.IGNORECASE), match_starts(pattern)))
    return tuple(cues)


def cue_names() -> list[str]:
    return [cue.name for cue in load_cues()]


def term_windows(text: str, terms: Iterable[re.Match[str]] | None = None) -> list[str]:
    """The ``near_term`` scope: text around each mention of the term (``terms``: those mentions,
    if the caller already found them with the same pattern)."""
    if terms is None:
        terms = _TERM.finditer(text)
    return [text[max(0, m.start() - NEAR_CHARS) : m.end() + NEAR_CHARS] for m in terms]


def _at_least(regex: re.Pattern[str], text: str, count: int) -> bool:
    """``len(regex.findall(text)) >= count``, scanning only as far as the ``count``-th match.

    ``findall`` and ``finditer`` yield the same matches, and ``search`` finds the first of them.
    """
    if count == 1:
        return regex.search(text) is not None
    return sum(1 for _ in islice(regex.finditer(text), count)) == count


def _present(cue: Cue, text: str, windows: list[str], folded: str | None) -> bool:
    """Does the cue reach its ``min_count`` in its scope? ``folded`` is ``fold(text)`` (a word
    absent from the text is absent from every window of it). For ``near_term`` the count is
    the largest over the windows, so it reaches ``min_count`` when any one window does."""
    if cue.min_count <= 0:  # every count reaches it
        return True
    regex = cue.pattern.regex
    if cue.scope == "head":
        return _at_least(regex, text[:HEAD_CHARS], cue.min_count)
    if not cue.pattern.may_match(folded):
        return False
    if cue.scope == "near_term":
        return any(_at_least(regex, w, cue.min_count) for w in windows)
    if cue.min_count == 1 and cue.starts is not None and folded is not None:
        return _match_at_any(regex, text, folded, cue.starts)
    return _at_least(regex, text, cue.min_count)


def _match_at_any(regex: re.Pattern[str], text: str, folded: str, starts: tuple[str, ...]) -> bool:
    """``regex.search(text) is not None`` when every match begins with one of ``starts``.

    ``search`` tries ``match`` at one position after another, and ``match(text, i)`` sees the
    whole string (look-behinds and ``\\b`` read the characters before ``i``), so trying only the
    positions where ``folded`` has one of ``starts`` gives the same answer.
    """
    match = regex.match
    for literal in starts:
        i = folded.find(literal)
        while i >= 0:
            if match(text, i) is not None:
                return True
            i = folded.find(literal, i + 1)
    return False


def cue_values(text: str, folded: str | None, windows: list[str]) -> list[float]:
    """One 0/1 value per cue, in resource order; ``folded`` is ``fold(text)`` and ``windows``
    is ``term_windows(text)``, passed in because the relevance component needs them too."""
    return [float(_present(cue, text, windows, folded)) for cue in load_cues()]


def cue_vector(text: str) -> np.ndarray:
    """One 0/1 value per cue, in resource order."""
    return np.array(cue_values(text, fold(text), term_windows(text)))


def cue_matrix(texts: list[str]) -> np.ndarray:
    return np.vstack([cue_vector(t) for t in texts]) if texts else np.zeros((0, len(load_cues())))
