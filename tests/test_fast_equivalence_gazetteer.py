"""The gazetteer's alternation of ~700 names is grouped by first characters
(``anchors.ordered_alternation``); it must match exactly what the plain alternation matched."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp.anchors import ordered_alternation
from pipeline.nlp.components import municipality_gazetteer as mg
from tests.equivalence import corpus_texts, seed_texts


def _reference_pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(f) for f in sorted(mg.surface_forms(), key=len, reverse=True))
    return re.compile(rf"(?<![{mg._WORD}-])(?P<name>{alternatives})(?:bo(?:rna|r|n)?)?(?![{mg._WORD}])")


def _mentions(regex: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group("name")) for m in regex.finditer(text)]


def _assert_same(texts: list[str]) -> int:
    reference, fast = _reference_pattern(), mg._pattern()
    found = 0
    for text in texts:
        expected = _mentions(reference, text)
        assert _mentions(fast, text) == expected, text[:200]
        found += len(expected)
    return found


def test_seeds_give_the_same_mentions():
    assert _assert_same(seed_texts()) > 0


def test_corpus_gives_the_same_mentions():
    assert _assert_same(corpus_texts()) > 100


NAMES = sorted(mg.surface_forms())
PIECES = ["bo", "borna", "bor", "s", " kommun", "-", "x", "Å", "é", " ", ", ", "\n", "Väst", "Upplands", "Lund"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(PIECES)), max_size=12).map("".join))
def test_generated_texts_give_the_same_mentions(text):
    _assert_same([text])


@pytest.mark.parametrize(
    "words",
    [
        ["Alingsås", "Ale", "Arboga", "Borås", "Bor", "Al"],
        ["abc", "ab", "a", "b"],  # prefixes of one another, longest first
        ["ab", "a", "ac"],  # "a" ends inside the grouped characters before "ac": left ungrouped
        ["a.b", "a+", "(x)"],  # special characters stay escaped
    ],
)
def test_ordered_alternation_matches_like_the_plain_one(words):
    plain = re.compile("|".join(map(re.escape, words)))
    grouped = re.compile(ordered_alternation(words))
    text = " ".join(words) + " " + "".join(words) + " abcab a+b (x) a.bc"
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for word in words:
        assert plain.match(word)[0] == grouped.match(word)[0]
