"""Find years, year ranges and dated periods ("2023–2024", "1 januari 2023 – 31 december 2024").

Each span is labelled ``YEAR`` or ``RANGE``; which of them is the promise's period is decided
in ``pipeline.extract.period`` from the words around them.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

SPAN_KEY = "year"
_Y = r"(?:19[9]\d|20[0-4]\d)"
_MONTH = (
    r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
)
_DATE = rf"(?:\d{{1,2}} {_MONTH} ?(?P<{{g}}>{_Y})|(?P<{{g}}_iso>{_Y})-\d\d-\d\d)"
_DASH = r"\s*(?:[-–—/]|till|t\.o\.m\.?|tom|–)\s*"


def _date(group: str) -> str:
    return _DATE.replace("{g}", group)


RANGE_RE = re.compile(
    rf"(?<!\d)(?:{_date('a')}|(?P<a_y>{_Y})){_DASH}(?:{_date('b')}|(?P<b_y>{_Y}))(?!\d)",
    re.IGNORECASE,
)
YEAR_RE = re.compile(rf"(?<![\d-]){_Y}(?![\d])")


def _first(match: re.Match[str], *names: str) -> int | None:
    for name in names:
        value = match.group(name)
        if value:
            return int(value)
    return None


def find_years(text: str) -> list[tuple[int, int, str, int, int]]:
    """(start, end, kind, first year, last year) for every range and every lone year."""
    found: list[tuple[int, int, str, int, int]] = []
    covered: list[tuple[int, int]] = []
    for m in RANGE_RE.finditer(text):
        a = _first(m, "a", "a_iso", "a_y")
        b = _first(m, "b", "b_iso", "b_y")
        if a is None or b is None or not (0 <= b - a <= 6):
            continue
        found.append((m.start(), m.end(), "RANGE", a, b))
        covered.append(m.span())
    for m in YEAR_RE.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        year = int(m.group(0))
        found.append((m.start(), m.end(), "YEAR", year, year))
    return sorted(found)


class YearMentions:
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for start, end, kind, _a, _b in find_years(doc.text):
            span = doc.char_span(start, end, label=kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


@Language.factory("mbl_year_mentions")
def make_year_mentions(nlp: Language, name: str) -> YearMentions:
    return YearMentions()
