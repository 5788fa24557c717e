"""Find the time expressions a promise's period is read from.

Each expression becomes a span in ``doc.spans["year"]`` labelled by its kind, with the parsed
years on ``span._.year_mention``:

- ``RANGE``: two points joined by a dash, "/" or "till" ("2023–2024", "2020-21",
  "1 januari 2023 – 31 december 2024", "februari 2018 till januari 2019");
- ``PAIR``: two consecutive years joined by "och" ("för 2017 och 2018"), a period only when the
  words around say so ("rapporteringen under 2021 och 2022" is not);
- ``OPEN``: a start without an end ("2024 och tills vidare", "gäller från våren 2017");
- ``DATE``: a point with a month ("15 december 2022", "2020-02-28", "juni 2022"), which may be a
  signing or publication date;
- ``YEAR``: any other year.

Which of them is the promise's period is decided in ``pipeline.extract.period`` from the words
around them; this component only reads the expressions, so that its output is easy to test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp.fastre import guarded
from pipeline.nlp.spans import doc_text
from pipeline.resources import read_tsv

SPAN_KEY = "year"
SPAN_ATTR = "year_mention"
#: Years a medborgarlöfte can plausibly be about (the concept dates from 2015).
_Y = r"(?:199\d|20[0-4]\d)"
_SEASON = r"(?:våren|hösten|vintern|sommaren|vårvintern|försommaren|sensommaren)"
#: The longest period a promise (or a combined set of promises) is written for.
MAX_SPAN_YEARS = 6


@dataclass(frozen=True)
class YearMention:
    """One time expression; ``last`` is None for an open-ended period."""

    start: int
    end: int
    kind: str
    first: int
    last: int | None
    month: int | None = None
    day: int | None = None


@cache
def _months() -> dict[str, int]:
    return {name.lower(): int(month) for name, month in read_tsv("months.tsv")}


def month_pattern() -> str:
    """A regular expression for any month name (longest names first)."""
    return "(?:" + "|".join(sorted(map(re.escape, _months()), key=len, reverse=True)) + r")\.?"


def month_number(name: str) -> int | None:
    return _months().get(name.lower().rstrip("."))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The regular expressions, built once from the month list; ``guarded`` (a look-ahead for the
    characters a match can start with) because they are long alternations behind a look-behind."""
    month = month_pattern()

    def point(p: str) -> str:
        """A year, optionally dated: ISO, day-month-year, month-day-year, month or season-year."""
        return (
            rf"(?:(?P<{p}iy>{_Y})-(?P<{p}im>[01]\d)-(?P<{p}id>[0-3]\d)"
            rf"|(?P<{p}d>\d{{1,2}})(?::e)?\s+(?P<{p}m>{month}),?\s+(?P<{p}y>{_Y})"
            rf"|(?P<{p}em>{month})\s+(?P<{p}ed>\d{{1,2}}),\s+(?P<{p}ey>{_Y})"
            rf"|(?:(?P<{p}mm>{month})|{_SEASON})\s+(?P<{p}my>{_Y})"
            rf"|(?P<{p}by>{_Y}))"
        )

    dash = r"\s*(?:[-–—/]|till\s+och\s+med|t\.?\s?o\.?\s?m\.?|fram\s+till|till)\s*(?:den\s+)?"
    pair = r"\s+(?:och|&)\s+"
    return {
        "range": guarded(
            rf"(?<![\d-]){point('a')}(?:{dash}|{pair}){point('b')}(?!-?\d)|"
            rf"(?<![\d-])(?P<sy>{_Y})\s*[-–/]\s*(?P<sb>\d\d)(?![\d-])",
            re.IGNORECASE,
        ),
        "open": guarded(
            rf"(?<![\d-])(?P<oy>{_Y}),?\s+(?:och\s+)?(?:tills?\s*vidare|framåt|fortsättningsvis)"
            rf"|\b(?:gäller|gälla|giltig\w*)\s+(?:från(?:\s+och\s+med)?|fr\.?\s?o\.?\s?m\.?)\s+"
            rf"(?:(?:den\s+)?\d{{1,2}}\s+)?(?:(?:{month}|{_SEASON})\s+)?(?P<gy>{_Y})(?![\d-])"
            r"(?!\s*(?:[-–—]|till\b|t\.?\s?o\.?\s?m))",
            re.IGNORECASE,
        ),
        "point": guarded(rf"(?<![\d-]){point('a')}(?!-?\d)", re.IGNORECASE),
    }


def _point(match: re.Match[str], p: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of the point named ``p`` in ``match``."""
    g = match.groupdict()

    def month_of(name: str | None) -> int | None:
        return month_number(name) if name else None

    if g.get(f"{p}iy"):
        return int(g[f"{p}iy"]), int(g[f"{p}im"]), int(g[f"{p}id"])
    if g.get(f"{p}y"):
        return int(g[f"{p}y"]), month_of(g[f"{p}m"]), int(g[f"{p}d"])
    if g.get(f"{p}ey"):
        return int(g[f"{p}ey"]), month_of(g[f"{p}em"]), int(g[f"{p}ed"])
    if g.get(f"{p}my"):
        return int(g[f"{p}my"]), month_of(g[f"{p}mm"]), None
    if g.get(f"{p}by"):
        return int(g[f"{p}by"]), None, None
    return None


def _plausible(first: int, last: int) -> bool:
    return 0 <= last - first <= MAX_SPAN_YEARS


def find_years(text: str) -> list[YearMention]:
    """Every time expression in ``text``, ranges first, then open periods, dates and years."""
    pats = _patterns()
    found: list[YearMention] = []

    def free(start: int, end: int) -> bool:
        return all(end <= m.start or start >= m.end for m in found)

    for m in pats["range"].finditer(text):
        if m.group("sy"):
            first = int(m.group("sy"))
            last = first // 100 * 100 + int(m.group("sb"))
        else:
            a, b = _point(m, "a"), _point(m, "b")
            if a is None or b is None:
                continue
            first, last = a[0], b[0]
        kind = "PAIR" if re.search(r"\d\s+(?:och|&)\s+\D*\d", m.group(0)) else "RANGE"
        if kind == "PAIR" and last != first + 1:
            continue  # "2019 och 2022" lists two years, it is not a period
        if _plausible(first, last) and free(*m.span()):
            found.append(YearMention(m.start(), m.end(), kind, first, last))
    for m in pats["open"].finditer(text):
        year = int(m.group("oy") or m.group("gy"))
        if free(*m.span()):
            found.append(YearMention(m.start(), m.end(), "OPEN", year, None))
    for m in pats["point"].finditer(text):
        point = _point(m, "a")
        if point is None or not free(*m.span()):
            continue
        year, month, day = point
        kind = "DATE" if month is not None else "YEAR"
        found.append(YearMention(m.start(), m.end(), kind, year, year, month, day))
    return sorted(found, key=lambda m: m.start)


class YearMentions:
    """Marks every time expression as a span carrying its parsed years."""

    def __init__(self) -> None:
        if not Span.has_extension(SPAN_ATTR):
            Span.set_extension(SPAN_ATTR, default=None)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for mention in find_years(doc_text(doc)):
            span = doc.char_span(mention.start, mention.end, label=mention.kind, alignment_mode="expand")
            if span is not None:
                span._.set(SPAN_ATTR, mention)
                spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


@Language.factory("mbl_year_mentions")
def make_year_mentions(nlp: Language, name: str) -> YearMentions:
    return YearMentions()
