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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp.fastre import first_char_class, guarded
from pipeline.nlp.spans import doc_text
from pipeline.resources import read_tsv

SPAN_KEY = "year"
SPAN_ATTR = "year_mention"
#: Years a medborgarlöfte can plausibly be about (the concept dates from 2015).
_Y = r"(?:199\d|20[0-4]\d)"
_SEASONS = ("våren", "hösten", "vintern", "sommaren", "vårvintern", "försommaren", "sensommaren")
_SEASON = "(?:" + "|".join(_SEASONS) + ")"
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
def _sources() -> dict[str, str]:
    """The patterns as written, built once from the month list."""
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
        "range": rf"(?<![\d-]){point('a')}(?:{dash}|{pair}){point('b')}(?!-?\d)|"
        rf"(?<![\d-])(?P<sy>{_Y})\s*[-–/]\s*(?P<sb>\d\d)(?![\d-])",
        "open": rf"(?<![\d-])(?P<oy>{_Y}),?\s+(?:och\s+)?(?:tills?\s*vidare|framåt|fortsättningsvis)"
        rf"|\b(?:gäller|gälla|giltig\w*)\s+(?:från(?:\s+och\s+med)?|fr\.?\s?o\.?\s?m\.?)\s+"
        rf"(?:(?:den\s+)?\d{{1,2}}\s+)?(?:(?:{month}|{_SEASON})\s+)?(?P<gy>{_Y})(?![\d-])"
        r"(?!\s*(?:[-–—]|till\b|t\.?\s?o\.?\s?m))",
        "point": rf"(?<![\d-]){point('a')}(?!-?\d)",
    }


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The patterns compiled for a search over a whole text; ``guarded`` (a look-ahead for the
    characters a match can start with) because they are long alternations behind a look-behind."""
    return {name: guarded(source, re.IGNORECASE) for name, source in _sources().items()}


# Searching the whole text with the patterns above tries them at every digit and at every letter
# a month or season name starts with, which is most of a Swedish text. ``find_years`` only tries
# them where a match can start, derived from where the years are:
#
# - every match holds a year (each branch of each pattern has a ``_Y`` group), and the first of
#   them is a standalone four-digit number: the patterns never put a digit right before or right
#   after a ``_Y`` group. ``_YEAR`` finds these numbers; a text without one has no match at all.
# - before its first year a match holds at most ``_WORDS_BEFORE`` whitespace-separated words, each
#   followed by whitespace: "15:e december, 2022" and "december 15, 2022" hold two, "gäller fr. o.
#   m. den 1 januari 2024" seven. So a match starts in the window from that many words before a
#   year up to the year itself, found by ``_back`` reading the reversed text from the year.
#
# Windows are a cheap over-estimate: inside them the unchanged patterns decide, trying start
# positions in the order ``finditer`` would, so the matches are exactly those of ``finditer``.
#: ``(?<!\d){_Y}(?!\d)`` written to begin with a character set, so that ``re`` skips in C to the
#: next "1" or "2" instead of trying the look-behind at every position (``(?<!\d.)``, checked after
#: the first digit, looks at the character before it).
_YEAR = re.compile(r"(?:1(?<!\d.)99|2(?<!\d.)0[0-4])\d(?!\d)")
_WORDS_BEFORE = {"range": 2, "open": 7, "point": 2}
#: Start positions one ``_windowed`` call tries: ``_REACH`` + 1 (a window is ~20 characters).
_REACH = 23
_PAIR_JOIN = re.compile(r"\d\s+(?:och|&)\s+\D*\d")


@cache
def _back(words: int) -> re.Pattern[str]:
    """Up to ``words`` words, each with the whitespace after it, read backwards (reversed text)."""
    return re.compile(rf"(?:\s+\S+){{0,{words}}}")


def _starts() -> dict[str, str]:
    """A look-ahead per pattern for how its matches start, cheaper to fail than the pattern.

    A match of "range" or "point" starts with a digit (a year or a day) or with a month or
    season name, so with two letters that begin such a name; a match of "open" starts with one of
    the characters ``first_char_class`` reads from the pattern (a digit or "g"). The guard fails
    at once at most letters, where the pattern would try its ~40 names one after the other.
    """
    names = [*_months(), *_SEASONS]
    first, second = ("".join(sorted({re.escape(name[i]) for name in names})) for i in (0, 1))
    dated = rf"(?=\d|[{first}][{second}])"
    return {"range": dated, "open": f"(?={first_char_class(_sources()['open'], re.IGNORECASE)})", "point": dated}


@cache
def _windowed() -> dict[str, re.Pattern[str]]:
    """Each pattern behind a lazy prefix of up to ``_REACH`` characters, as group ``at``:
    ``match(text, pos)`` finds the match ``search`` would find starting within ``_REACH``
    characters of ``pos`` (the lazy prefix tries the nearest start first), and the look-behinds
    still see the text before ``pos``."""
    return {
        name: re.compile(rf"(?s:.{{0,{_REACH}}}?)(?P<at>{_starts()[name]}(?:{source}))", re.IGNORECASE)
        for name, source in _sources().items()
    }


Windows = list[tuple[int, int]]


def _windows(reverse: str, years: list[int], words: int) -> Windows:
    """Sorted, merged (first, last) ranges of the positions where a match can start, for the
    years at ``years`` in the text whose reversal is ``reverse``."""
    back = _back(words)
    size = len(reverse)
    windows: Windows = []
    for year in years:
        first = year - len(back.match(reverse, size - year)[0])
        # the window of a year written inside a word ("x2020") is the year alone, and the next
        # year's window may reach back past it: merge every window this one touches
        while windows and first <= windows[-1][1] + 1:
            first = min(first, windows.pop()[0])
        windows.append((first, year))
    return windows


def _finditer(name: str, text: str, windows: Windows) -> Iterator[re.Match[str]]:
    """``_patterns()[name].finditer(text)``, trying only the start positions in the windows
    (the matches carry the match in group ``at``). No match is empty, so each next search starts
    where the previous match ended, as in ``finditer``; a search that runs past its window
    finds the next match all the same, since no match starts between windows."""
    regex = _windowed()[name]
    pos = 0
    for first, last in windows:
        at = max(first, pos)
        while at <= last:
            m = regex.match(text, at)
            if m is None:
                at += _REACH + 1
                continue
            yield m
            pos = at = m.end()


def _point(match: re.Match[str], p: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of the point named ``p`` in ``match``."""
    group = match.group
    if year := group(f"{p}iy"):
        return int(year), int(group(f"{p}im")), int(group(f"{p}id"))
    if year := group(f"{p}y"):
        return int(year), _month_of(group(f"{p}m")), int(group(f"{p}d"))
    if year := group(f"{p}ey"):
        return int(year), _month_of(group(f"{p}em")), int(group(f"{p}ed"))
    if year := group(f"{p}my"):
        return int(year), _month_of(group(f"{p}mm")), None
    if year := group(f"{p}by"):
        return int(year), None, None
    return None


def _month_of(name: str | None) -> int | None:
    return month_number(name) if name else None


def _plausible(first: int, last: int) -> bool:
    return 0 <= last - first <= MAX_SPAN_YEARS


def find_years(text: str) -> list[YearMention]:
    """Every time expression in ``text``, ranges first, then open periods, dates and years."""
    years = [m.start() for m in _YEAR.finditer(text)]
    if not years:  # every expression holds a year
        return []
    reverse = text[::-1]
    windows = {words: _windows(reverse, years, words) for words in set(_WORDS_BEFORE.values())}
    found: list[YearMention] = []

    def free(start: int, end: int) -> bool:
        return all(end <= m.start or start >= m.end for m in found)

    for m in _finditer("range", text, windows[_WORDS_BEFORE["range"]]):
        start, end = m.span("at")
        if sy := m.group("sy"):
            first = int(sy)
            last = first // 100 * 100 + int(m.group("sb"))
        else:
            a, b = _point(m, "a"), _point(m, "b")
            if a is None or b is None:
                continue
            first, last = a[0], b[0]
        kind = "PAIR" if _PAIR_JOIN.search(text, start, end) else "RANGE"
        if kind == "PAIR" and last != first + 1:
            continue  # "2019 och 2022" lists two years, it is not a period
        if _plausible(first, last) and free(start, end):
            found.append(YearMention(start, end, kind, first, last))
    for m in _finditer("open", text, windows[_WORDS_BEFORE["open"]]):
        start, end = m.span("at")
        year = int(m.group("oy") or m.group("gy"))
        if free(start, end):
            found.append(YearMention(start, end, "OPEN", year, None))
    for m in _finditer("point", text, windows[_WORDS_BEFORE["point"]]):
        start, end = m.span("at")
        point = _point(m, "a")
        if point is None or not free(start, end):
            continue
        year, month, day = point
        kind = "DATE" if month is not None else "YEAR"
        found.append(YearMention(start, end, kind, year, year, month, day))
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
