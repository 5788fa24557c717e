"""Find official titles ("kommunstyrelsens ordförande", "lokalpolisområdeschefen").

The titles, their base forms and organisations are data (``resources/roles.tsv``). Each span's
label is the base-form role; ``ROLE_ORG`` maps it to kommun/polis/annan.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.resources import read_tsv

SPAN_KEY = "role"
_WORD = r"A-Za-zÅÄÖåäöÉé"


@cache
def role_table() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    return tuple(
        (re.compile(rf"(?<![{_WORD}]){pattern}(?![{_WORD}])", re.IGNORECASE), role, org)
        for pattern, role, org in read_tsv("roles.tsv")
    )


@cache
def role_org() -> dict[str, str]:
    return {role: org for _, role, org in role_table()}


class RoleMatcher:
    def __call__(self, doc: Doc) -> Doc:
        taken: list[tuple[int, int]] = []
        spans = []
        for pattern, role, _org in role_table():
            for match in pattern.finditer(doc.text):
                start, end = match.span()
                if any(start < e and s < end for s, e in taken):
                    continue
                span = doc.char_span(start, end, label=role, alignment_mode="expand")
                if span is not None:
                    taken.append((start, end))
                    spans.append(span)
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: s.start_char)
        return doc


@Language.factory("mbl_role_matcher")
def make_role_matcher(nlp: Language, name: str) -> RoleMatcher:
    return RoleMatcher()
