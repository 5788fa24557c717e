"""Find official titles ("kommunstyrelsens ordförande", "lokalpolisområdeschefen").

The titles, their base forms and organisations are data (``resources/roles.tsv``). Each span's
label is the base-form role; ``role_org`` maps it to kommun/polis/annan. A row whose role is
``=`` names a family of titles ("socialnämndens ordförande", "barn- och utbildningsnämndens
ordförande"): the label is the written title, lowercased, from the pattern's ``base`` group
when it has one (the definite ending left out).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.anchors import Occurrences, leading_literals, required_runs
from pipeline.nlp.fastre import PatternSet, Prefiltered, finditer_at, fold_once
from pipeline.nlp.spans import doc_text
from pipeline.resources import read_tsv

SPAN_KEY = "role"
WRITTEN = "="
_WORD = r"A-Za-zÅÄÖåäöÉé"


@cache
def role_table() -> tuple[tuple[Prefiltered, str, str], ...]:
    """(pattern, role, org) rows; patterns are ``Prefiltered`` (skipped when their title word is absent)."""
    return tuple(
        (Prefiltered(rf"(?<![{_WORD}]){pattern}(?![{_WORD}])", re.IGNORECASE), role, org)
        for pattern, role, org in read_tsv("roles.tsv")
    )


@cache
def _role_set() -> PatternSet:
    return PatternSet(pattern for pattern, _, _ in role_table())


@cache
def role_org() -> dict[str, str]:
    return {role: org for _, role, org in role_table() if role != WRITTEN}


def org_of(role: str) -> str | None:
    """kommun/polis/annan for a role label, also for labels taken from the text (``=`` rows)."""
    if role in role_org():
        return role_org()[role]
    return next((org for pattern, r, org in role_table() if r == WRITTEN and pattern.fullmatch(role)), None)


def _label(match: re.Match[str], role: str) -> str:
    if role != WRITTEN:
        return role
    base = match.groupdict().get("base") or match.group(0)
    return " ".join(base.lower().split())


@cache
def _plan() -> tuple[tuple[str, ...] | None, ...]:
    """Per row, the lowercased texts its matches start with (``anchors.leading_literals``), or
    None when they start with no fixed text."""
    return tuple(leading_literals(pattern.pattern, re.IGNORECASE) for pattern, _, _ in role_table())


@cache
def _occurrences() -> Occurrences:
    return Occurrences(literal for starts in _plan() if starts for literal in starts)


@cache
def _required() -> tuple[tuple[str, ...], ...]:
    """Per row, every text its matches contain (``anchors.required_runs``)."""
    return tuple(required_runs(pattern.pattern, re.IGNORECASE) for pattern, _, _ in role_table())


def _matches(text: str, folded: str | None) -> Iterator[tuple[int, re.Match[str]]]:
    """(row, match) for every match of every row, row by row, as ``regex.finditer`` finds them.

    For a row whose matches start with known texts, ``str.find`` on the folded text lists the
    positions to try, instead of ``re`` trying every position (a text found nowhere rules the row
    out); a row without them is searched when the folded text holds all the texts it requires.
    """
    rows = role_table()
    if folded is None:  # a character ``fold`` cannot vouch for: search everywhere
        for i, (pattern, _, _) in enumerate(rows):
            for match in pattern.regex.finditer(text):
                yield i, match
        return
    found = _occurrences().find_all(folded)
    for i, starts in enumerate(_plan()):
        regex = rows[i][0].regex
        if starts is None:
            if all(run in folded for run in _required()[i]):
                for match in regex.finditer(text):
                    yield i, match
            continue
        at = found[starts[0]] if len(starts) == 1 else sorted({p for s in starts for p in found[s]})
        if at:
            for match in finditer_at(regex, text, at):
                yield i, match


class RoleMatcher:
    def __call__(self, doc: Doc) -> Doc:
        taken: list[tuple[int, int]] = []
        spans = []
        text = doc_text(doc)
        rows = role_table()
        for i, match in _matches(text, fold_once(text)):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            span = doc.char_span(start, end, label=_label(match, rows[i][1]), alignment_mode="expand")
            if span is not None:
                taken.append((start, end))
                spans.append(span)
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: s.start_char)
        return doc


@Language.factory("mbl_role_matcher")
def make_role_matcher(nlp: Language, name: str) -> RoleMatcher:
    return RoleMatcher()
