"""``find_years`` tries its patterns only near the years of a text; it must find exactly what the
plain whole-text search found. ``_reference_find_years`` is that search, kept as it was."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp.components import year_mentions as ym
from tests.equivalence import corpus_texts, seed_texts


def _reference_point(match: re.Match[str], p: str) -> tuple[int, int | None, int | None] | None:
    g = match.groupdict()

    def month_of(name: str | None) -> int | None:
        return ym.month_number(name) if name else None

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


def _reference_find_years(text: str) -> list[ym.YearMention]:
    """The implementation before the windows: each pattern searched over the whole text."""
    pats = {name: re.compile(source, re.IGNORECASE) for name, source in ym._sources().items()}
    found: list[ym.YearMention] = []

    def free(start: int, end: int) -> bool:
        return all(end <= m.start or start >= m.end for m in found)

    for m in pats["range"].finditer(text):
        if m.group("sy"):
            first = int(m.group("sy"))
            last = first // 100 * 100 + int(m.group("sb"))
        else:
            a, b = _reference_point(m, "a"), _reference_point(m, "b")
            if a is None or b is None:
                continue
            first, last = a[0], b[0]
        kind = "PAIR" if re.search(r"\d\s+(?:och|&)\s+\D*\d", m.group(0)) else "RANGE"
        if kind == "PAIR" and last != first + 1:
            continue
        if 0 <= last - first <= ym.MAX_SPAN_YEARS and free(*m.span()):
            found.append(ym.YearMention(m.start(), m.end(), kind, first, last))
    for m in pats["open"].finditer(text):
        year = int(m.group("oy") or m.group("gy"))
        if free(*m.span()):
            found.append(ym.YearMention(m.start(), m.end(), "OPEN", year, None))
    for m in pats["point"].finditer(text):
        point = _reference_point(m, "a")
        if point is None or not free(*m.span()):
            continue
        year, month, day = point
        kind = "DATE" if month is not None else "YEAR"
        found.append(ym.YearMention(m.start(), m.end(), kind, year, year, month, day))
    return sorted(found, key=lambda m: m.start)


def _matches(matches, group: str | int = 0) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(group), {k: v for k, v in m.groupdict().items() if k != "at"}) for m in matches]


def _assert_same(text: str) -> None:
    assert ym.find_years(text) == _reference_find_years(text), text
    years = [m.start() for m in ym._YEAR.finditer(text)]
    reverse = text[::-1]
    for name, regex in ym._patterns().items():
        windows = ym._windows(reverse, years, ym._WORDS_BEFORE[name])
        assert _matches(ym._finditer(name, text, windows), "at") == _matches(regex.finditer(text)), (name, text)


def test_seeds_give_the_same_mentions():
    for text in seed_texts():
        _assert_same(text)


def test_corpus_gives_the_same_mentions():
    texts = corpus_texts()
    for text in texts:
        _assert_same(text)
    assert sum(bool(ym.find_years(text)) for text in texts) > len(texts) // 2  # the texts do hold years


#: Words of time expressions by kind.
WORDS = {
    "year": ["2023", "2024", "1999", "2049", "2050", "1989", "20234", "12023", "2023-", "-2024", "202٣", "2019-05-14"],
    "day": ["1", "15", "31", "01", "0", "12", "3", "28", "07", "99", "100", "15:e", "1:e", "12,", "-21", "/18"],
    "month": ["januari", "December", "DEC", "dec.", "juni", "Jun", "mars", "may", "Sept", "okt.", "maj", "Omars"],
    "season": ["våren", "Hösten", "vintern", "försommaren", "sensommaren", "vårvintern", "sommaren", "hösten,"],
    "join": ["-", "–", "—", "/", "till", "och", "&", "till och med", "fram till", "den", "t.o.m.", "t o m", "T.O.M"],
    "start": ["gäller", "Gälla", "giltigt", "giltighetstid", "från", "fr.o.m.", "fr. o. m.", "från och med", "den"],
    "end": ["tills vidare", "tillsvidare", "framåt", "fortsättningsvis", "och"],
    "other": ["x", "ſ", "\u212a", ",", ".", ":", "(", ")", "pdf", "till\u00a0och", "2O23"],
}
SEPARATORS = [" "] * 8 + ["", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", ", "]
#: The slots of one generated expression, each left empty a quarter of the time: the longest
#: expressions ("gäller fr. o. m. den 1 januari 2024 – 31 dec. 2025") fill most of them.
TEMPLATE = ["other", "start", "start", "start", "day", "month", "season", "day", "year", "join", "join"]
TEMPLATE += ["start", "day", "month", "season", "year", "end", "other"]


def _slot(kind: str) -> st.SearchStrategy[str]:
    words = st.sampled_from(WORDS[kind])
    word = st.one_of(st.just(""), words, words, words)
    return st.tuples(word, st.sampled_from(SEPARATORS)).map("".join)


EXPRESSIONS = st.tuples(*map(_slot, TEMPLATE)).map("".join)
WORD = st.one_of([_slot(kind) for kind in WORDS])
TEXTS = st.lists(st.one_of(EXPRESSIONS, WORD), max_size=6).map("".join)


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
def test_generated_texts_give_the_same_mentions(text):
    _assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        "Löftet gäller fr. o. m. den 15 december 2024.",  # seven words before the year
        "giltigt från och med den 1 jan. 2024 och framåt",
        "x 15:e december, 2022 – 31:e dec. 2023",  # two words before the first year
        "december 15, 2022 till och med den 2023",
        "Omars 2022/23, 2019-05-14 och 2021 & 2022",
    ],
)
def test_the_longest_expressions_give_the_same_mentions(text):
    assert ym.find_years(text)
    _assert_same(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 -–/.,:ejanuridcmbovåäs\n\u00a0")), max_size=60))
def test_generated_characters_give_the_same_mentions(text):
    _assert_same(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0129٣x-\n ")), max_size=30))
def test_year_finder_equals_the_plain_pattern(text):
    plain = re.compile(rf"(?<!\d){ym._Y}(?!\d)")
    assert [m.span() for m in ym._YEAR.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize(
    ("text", "windows"),
    [
        ("Under 2021 kom många fler till 2022", [(0, 6), (21, 31)]),  # from "Under", from "fler"
        ("Under 2021 och 2022", [(0, 15)]),  # overlapping windows merge
        ("abc def x2020 2021", [(4, 14)]),  # a year inside a word: empty window, swallowed by the next
        ("ingen siffra", []),
    ],
)
def test_windows_reach_two_words_back_and_merge(text, windows):
    years = [m.start() for m in ym._YEAR.finditer(text)]
    assert ym._windows(text[::-1], years, 2) == windows
