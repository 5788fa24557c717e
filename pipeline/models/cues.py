"""Cue features: a handful of yes/no signals a reader uses to tell one promise from talk about promises.

The bag-of-n-grams model sees words but not where they are; these cues add position (the term
in the headline, a signing verb next to the term). Patterns are data
(``resources/models/relevance/cues.tsv``) so that tuning them never means changing code.
Patterns are ``Prefiltered``: a cue whose required word is absent counts 0 without a scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from pipeline.nlp.fastre import Prefiltered, fold
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


@cache
def load_cues() -> tuple[Cue, ...]:
    cues = []
    for name, scope, min_count, pattern in read_tsv(CUES_RESOURCE):
        if scope not in {"text", "head", "near_term"}:
            raise ValueError(f"cue {name}: unknown scope {scope!r}")
        cues.append(Cue(name, scope, int(min_count), Prefiltered(pattern, re.IGNORECASE)))
    return tuple(cues)


def cue_names() -> list[str]:
    return [cue.name for cue in load_cues()]


def _near_term(text: str) -> list[str]:
    return [text[max(0, m.start() - NEAR_CHARS) : m.end() + NEAR_CHARS] for m in _TERM.finditer(text)]


def _count(cue: Cue, text: str, windows: list[str], folded: str | None) -> int:
    """Matches in the cue's scope; ``folded`` is ``fold(text)`` (a word absent from the text is
    absent from every window of it)."""
    regex = cue.pattern.regex
    if cue.scope == "head":
        return len(regex.findall(text[:HEAD_CHARS]))
    if not cue.pattern.may_match(folded):
        return 0
    if cue.scope == "near_term":
        return max((len(regex.findall(w)) for w in windows), default=0)
    return len(regex.findall(text))


def cue_vector(text: str) -> np.ndarray:
    """One 0/1 value per cue, in resource order."""
    windows = _near_term(text)
    folded = fold(text)
    return np.array([float(_count(cue, text, windows, folded) >= cue.min_count) for cue in load_cues()])


def cue_matrix(texts: list[str]) -> np.ndarray:
    return np.vstack([cue_vector(t) for t in texts]) if texts else np.zeros((0, len(load_cues())))
