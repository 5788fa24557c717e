"""``people._is_contact`` searches the lines above a name for a contact heading only when the
folded text above holds a heading word, and looks at the line below only for a short line; it must decide exactly
what the plain version below (kept as it was) decided. Words are counted only as far as the
limit (``_at_most_words``): the same answer as counting them all."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import people
from tests.equivalence import corpus_texts, seed_texts


def _reference_is_contact(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if people._CONTACT_LINE.search(line):
        return True
    below = text[line_end + 1 : line_end + 120].split("\n")[0] if line_end >= 0 else ""
    if len(line.split()) <= 4 and not line.rstrip().endswith(".") and people._PHONE_OR_MAIL.search(below):
        return True
    line_start = text.rfind("\n", 0, start)
    above = [a for a in text[max(0, line_start - 200) : max(0, line_start)].split("\n") if a.strip()][-4:]
    return any(len(a.split()) <= 6 and people._CONTACT_HEADING.search(a) for a in above)


#: Where the names are: the capitalised word pairs of a text (a superset of what the name finder keeps).
_NAME = re.compile(r"[A-ZÅÄÖ]\w+ [A-ZÅÄÖ]\w+")


def _assert_same(texts: list[str]) -> tuple[int, int]:
    names = contacts = 0
    for text in texts:
        for match in _NAME.finditer(text):
            expected = _reference_is_contact(text, match.start(), match.end())
            assert people._is_contact(text, match.start(), match.end()) == expected, (match.group(), text[:200])
            names += 1
            contacts += expected
    return names, contacts


def test_seeds_give_the_same_contacts():
    names, contacts = _assert_same(seed_texts())
    assert names > 0
    assert contacts > 0


def test_corpus_gives_the_same_contacts():
    names, contacts = _assert_same(corpus_texts())
    assert names > 500
    assert contacts > 10


LINES = [
    "Anna Berg",
    "Anna Berg, kommunpolis",
    "Kontakt",
    "Kontakt:",
    "För frågor kontakta:",
    "Mer information",
    "Presskontakt Anna Berg",
    "Tel: 010-123 45 67",
    "anna.berg@polisen.se",
    "Polisen lovar att synas mer.",
    "Kontakta oss gärna om du har frågor om arbetet i kommunen",
    "",
    "   ",
    "x" * 130,
    "KONTAKT:",
    "Mer ınformation",  # a dotless i: the text is not folded, the search decides
    "ſtatistik",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=10).map("\n".join))
def test_generated_texts_give_the_same_contacts(text):
    _assert_same([text])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kontakt\nAnna Berg\n", True),
        ("Kontakta oss gärna om du har frågor om arbetet här\nAnna Berg", False),
        ("Anna Berg\n010-123 45 67", True),
        ("Anna Berg säger att det går bra.\n010-123 45 67", False),
    ],
)
def test_contact_heading_and_number_below(text, expected):
    start = text.index("Anna Berg")
    assert people._is_contact(text, start, start + len("Anna Berg")) is expected


PIECES = ["Anna", "x", " ", "  ", "\t", "\n", "\xa0", "\u2003", ".", "-"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join), st.integers(min_value=0, max_value=7))
def test_counting_words_stops_where_the_plain_count_decides(text, n):
    assert people._at_most_words(text, n) == (len(text.split()) <= n)
