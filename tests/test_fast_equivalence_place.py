"""The place step's shortcuts must decide exactly what the plain code decided: ``_PREV_WORD`` only
starts its search at the beginning of a word, and the towns named by a police area are looked up
by their folded name instead of folding every municipality."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import place
from pipeline.nlp.components import municipality_gazetteer as mg
from pipeline.resources.municipalities import all_municipalities
from tests.equivalence import corpus_texts, seed_texts

REFERENCE_PREV_WORD = re.compile(r"([\w-]+)\s+(?:(?:i|för|inom)\s+)?$")


def _reference_police_towns(area_names: set[str]) -> set[str]:
    folded = {m.code: place.fold(m.name) for m in all_municipalities()}
    return {code for code, name in folded.items() if name in area_names}


def _previous_word(regex: re.Pattern[str], window: str) -> str | None:
    found = regex.search(window)
    return found.group(1) if found else None


def _assert_same_previous_words(texts: list[str]) -> int:
    """Compares the two patterns on the window before every mention of a municipality."""
    windows = 0
    for text in texts:
        for match in mg._pattern().finditer(text):
            for end in (match.start(), match.end()):
                window = text[max(0, end - 40) : end]
                assert _previous_word(place._PREV_WORD, window) == _previous_word(REFERENCE_PREV_WORD, window), window
                windows += 1
    return windows


def test_seeds_give_the_same_previous_words():
    assert _assert_same_previous_words(seed_texts()) > 0


def test_corpus_gives_the_same_previous_words():
    assert _assert_same_previous_words(corpus_texts()) > 1000


WORDS = ["i", "för", "inom", "lokalpolisområde", "Nacka-", "x", "-", "å", "ab-c", "2", "för-", "ii"]
GAPS = [" ", "  ", "\n", "", ", ", ".", "\t", "\xa0"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)).map("".join), max_size=8).map("".join))
def test_generated_windows_give_the_same_previous_word(window):
    assert _previous_word(place._PREV_WORD, window) == _previous_word(REFERENCE_PREV_WORD, window)


FOLDED_NAMES = sorted({place.fold(m.name) for m in all_municipalities()})


def test_every_name_gives_the_same_police_towns():
    for name in FOLDED_NAMES:
        assert place._police_towns({name}) == _reference_police_towns({name})
    assert place._police_towns({"habo"}) == {"0305", "0643"}  # Håbo and Habo fold alike


@settings(max_examples=300, deadline=None)
@given(st.sets(st.one_of(st.sampled_from(FOLDED_NAMES), st.sampled_from(["", "norra", "x", "stad"])), max_size=5))
def test_generated_area_words_give_the_same_police_towns(area_names):
    assert place._police_towns(area_names) == _reference_police_towns(area_names)
