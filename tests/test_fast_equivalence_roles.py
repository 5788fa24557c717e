"""The role matcher tries each title only where ``str.find`` on the folded text says it can start;
it must find exactly the matches of the whole-text search it replaced, which is kept here as
``_reference_matches`` (``PatternSet`` needle test, then ``finditer`` over the text)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp.anchors import Occurrences, leading_literals, required_runs
from pipeline.nlp.components import role_matcher as rm
from pipeline.nlp.fastre import finditer_at, fold
from tests.equivalence import corpus_texts, seed_texts


def _reference_matches(text: str) -> list[tuple[int, tuple[int, int], dict[str, str | None]]]:
    rows = rm.role_table()
    return [
        (i, m.span(), m.groupdict())
        for i in rm._role_set().candidate_ids(fold(text))
        for m in rows[i][0].regex.finditer(text)
    ]


def _fast_matches(text: str) -> list[tuple[int, tuple[int, int], dict[str, str | None]]]:
    return [(i, m.span(), m.groupdict()) for i, m in rm._matches(text, fold(text))]


def _reference_roles(doc) -> list[tuple[int, int, str]]:
    """The component before: spans for the matches, longer titles first, no overlaps."""
    taken: list[tuple[int, int]] = []
    spans = []
    text = doc.text
    rows = rm.role_table()
    for i in rm._role_set().candidate_ids(fold(text)):
        pattern, role, _org = rows[i]
        for match in pattern.regex.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            span = doc.char_span(start, end, label=rm._label(match, role), alignment_mode="expand")
            if span is not None:
                taken.append((start, end))
                spans.append(span)
    return sorted((s.start, s.end, s.label_) for s in spans)


def _assert_same_roles(nlp, texts: list[str]) -> int:
    """Compare the component on ``texts``; returns how many roles were found."""
    found = 0
    for text in texts:
        assert _fast_matches(text) == _reference_matches(text), text[:200]
        doc = nlp(text)
        roles = sorted((s.start, s.end, s.label_) for s in doc.spans[rm.SPAN_KEY])
        assert roles == _reference_roles(doc), text[:200]
        found += len(roles)
    return found


def test_seeds_give_the_same_roles(nlp):
    assert _assert_same_roles(nlp, seed_texts()) > 0


def test_corpus_gives_the_same_roles(nlp):
    assert _assert_same_roles(nlp, corpus_texts()) > 100


WORDS = [
    *["kommunchef", "Kommunchefen", "chef", "chefen", "för", "över", "i", "på", "lokalpolisområde", "LPO"],
    *["polisområdet", "ordförande", "Ordföranden", "kommunstyrelsen", "Kommunstyrelsens", "vice", "första"],
    *["förste", "andra", "socialnämndens", "Barn-", "och", "&", "KS-ordförande", "vd", "VD", "avd", "polis"],
    *["Lokalpolisområdeschef", "biträdande", "kommunpolisen", "regionråd", "kommunalrådet", "högsta"],
    *["tjänsteman", "kommunens", "stadens", "drog-", "brottsförebyggande", "samordnare", "Socialchefen"],
    *["individ-", "familjeomsorgschef", "gruppchef", "vid", "polisen", "kommunfullmäktige", "x", "-", ","],
    *["ſ", "İ", "\u212a", "ı", "É", "é", "Å", "(", ")", "2:e", "1:e", "nämndens", "skolchef"],
]
SEPARATORS = [" "] * 6 + ["", "\n", "-", ", ", "  "]
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)).map("".join), max_size=20).map("".join)


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_generated_texts_give_the_same_matches(text):
    assert _fast_matches(text) == _reference_matches(text)


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        (r"(?<![a-z])kommunchef(?:en)?", ("kommunchef",)),
        (r"\b(?:Kommunens|stadens) högsta", ("kommunens högsta", "stadens högsta")),
        (r"(?P<base>(?:social|kultur)chef)", ("kulturchef", "socialchef")),
        (r"(?:social|skol)chef", ("skolchef", "socialchef")),  # read through the alternatives
        (r"(?:ab)?cd", None),  # an optional start
        (r"(?:ab|)cd", ("abcd", "cd")),  # an empty alternative: what follows starts the match
        (r"[a-z]+nämndens", None),
        (r"(?i:ab)c", None),  # a group with its own flags
        (r"\u0130stanbul", None),  # "İ": its lowercase is two characters
    ],
)
def test_leading_literals(pattern, starts):
    assert leading_literals(pattern, re.IGNORECASE) == starts


def test_required_runs_are_every_literal_a_match_must_hold():
    assert required_runs(r"(?<![a-z])(?P<base>(?:[a-z]+-)?[a-z]+nämndens (?:vice )?Ordförande)", re.I) == (
        "nämndens ",
        "ordförande",
    )
    assert required_runs(r"a(?:b|c)d*e", re.I) == ("a", "e")


def test_occurrences_of_a_child_are_found_through_its_parent():
    index = Occurrences(["chef", "kommunchef", "polischef", "lokalpolischef"])
    folded = "chef. kommunchef, lokalpolischef och polischefen; kommunchef"
    found = index.find_all(folded)
    for literal in ("chef", "kommunchef", "polischef", "lokalpolischef"):
        assert found[literal] == [m.start() for m in re.finditer(f"(?={literal})", folded)]
    assert index.find_all("chef")["kommunchef"] == []  # a parent at the start: no negative offsets


def test_finditer_at_equals_finditer_when_every_start_is_listed():
    regex = re.compile(r"(?<![a-z])ab+", re.IGNORECASE)
    text = "abab ab xab ABbb"
    starts = [m.start() for m in re.finditer("(?=ab)", text.lower())]
    assert [m.span() for m in finditer_at(regex, text, starts)] == [m.span() for m in regex.finditer(text)]
