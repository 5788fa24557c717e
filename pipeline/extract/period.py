"""The year(s) a promise covers.

A year written next to the promise ("medborgarlöftet för 2023", "2023 års medborgarlöfte",
"Medborgarlöfte 2022–2023", "gäller 1 januari 2023 – 31 december 2024") is the period; a year
mentioned in passing ("under 2021 och 2022 ...") is not.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.types import Period
from pipeline.nlp.components.year_mentions import find_years
from pipeline.nlp.extensions import register_extensions

_PROMISE = r"(?:medborgarlöfte\w*|löfte\w*)"
_YEAR = r"(?:19[9]\d|20[0-4]\d)"
_FOR_YEAR = re.compile(rf"{_PROMISE}\s+(?:för|under|gällande|som gäller|inför)?\s*(?:år\s+)?(?P<y>{_YEAR})(?!\d)", re.I)
_YEARS_PROMISE = re.compile(rf"(?P<y>{_YEAR})\s+års\s+{_PROMISE}", re.I)
_OPEN = re.compile(rf"(?P<y>{_YEAR})\s+(?:och\s+)?(?:tills vidare|framåt)", re.I)
_CUE = re.compile(r"medborgarlöfte|löfte|gäller|period|fokusområ|lovar", re.I)


def extract_period(doc: Doc) -> Period:
    text = doc.text
    for sent in doc.sents:
        if not _CUE.search(sent.text):
            continue
        for _s, _e, kind, a, b in find_years(sent.text):
            if kind == "RANGE":
                return Period(a, b, sent.text.strip())
    for pattern in (_FOR_YEAR, _YEARS_PROMISE):
        m = pattern.search(text)
        if m:
            y = int(m.group("y"))
            sent = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            open_m = _OPEN.search(text)
            end = None if open_m and int(open_m.group("y")) == y else y
            return Period(y, end, sent.sent.text.strip() if sent is not None else m.group(0))
    counts: Counter[int] = Counter()
    evidence: dict[int, str] = {}
    for sent in doc.sents:
        if _CUE.search(sent.text):
            for _s, _e, _kind, a, _b in find_years(sent.text):
                counts[a] += 1
                evidence.setdefault(a, sent.text.strip())
    if counts:
        year = max(counts, key=lambda y: (counts[y], y))
        return Period(year, year, evidence[year])
    return Period()


class PeriodExtractor:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.period = extract_period(doc)
        return doc


@Language.factory("mbl_period")
def make_period_extractor(nlp: Language, name: str) -> PeriodExtractor:
    return PeriodExtractor()
