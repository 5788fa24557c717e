"""``Prefiltered`` patterns find exactly what the plain patterns find (they only skip texts that
cannot match), and the case-folding claims they rest on hold for every Unicode character."""

from __future__ import annotations

import _sre
import re
import sys
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp.components.focus_lexicon import lexicon
from pipeline.nlp.components.role_matcher import role_table
from pipeline.nlp.fastre import SAFE_RANGES, PatternSet, Prefiltered, first_char_class, fold, guarded, required_literals
from pipeline.resources import read_tsv

_casefix = pytest.importorskip("re._casefix")  # Python ≥ 3.11: re's extra case equivalences


def _equivalence_classes() -> set[int]:
    """Code points that ``re.IGNORECASE`` treats as equal to a character of another lowercase."""
    members: set[int] = set()
    for key, others in _casefix._EXTRA_CASES.items():
        members.add(key)
        members.update(others)
    return members - {ord("i"), ord("s")}


def test_safe_characters_fold_like_re_ignorecase():
    """For every character ``fold`` accepts, ``str.lower`` is one character and equals the simple
    lowercase ``re`` compares, and it has no extra ``re`` equivalent; every other character
    that breaks this is outside the safe ranges."""
    safe = re.compile(f"[{SAFE_RANGES}]")
    extra = _equivalence_classes()
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        lower = ch.lower()
        simple = _sre.unicode_tolower(cp)
        consistent = len(lower) == 1 and ord(lower) == simple and simple not in extra
        if safe.match(ch):
            assert consistent, hex(cp)


def test_fold_refuses_texts_with_unsafe_characters():
    assert fold("Polisen och KOMMUNEN") == "polisen och kommunen"
    assert fold("Åsa – ”Trygghet” 2024 €") == "åsa – ”trygghet” 2024 €"
    for odd in ("poliſ", "POLİS", "polıs", "µ", "Σ", "Straße in 東京"):
        assert fold(odd) is None


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"(?<![A-Za-z])narkotik\w*", ("narkotik",)),
        (r"\bsatsa[rs]?\b(?: \w+)? på\b", ("satsa",)),
        (r"^(?:öka|minska)\b", ("minska", "öka")),
        (r"\w+skol(?:a|an|or|orna)\b", ("skol",)),
        (r"(?:ab|\d+)", ()),  # an alternative without a literal: no requirement
        (r"(?:ab|\d+)x", ("x",)),
        (r"(?:ab)?cd", ("cd",)),  # an optional group is not required
        (r"(?-i:Ab)cd", ("cd",)),  # a group with its own flags is not descended into
        (r"\d{4}", ()),
    ],
)
def test_required_literals(pattern, literals):
    assert required_literals(pattern, re.IGNORECASE) == literals


TEXTS = [
    "Narkotikan och DROGERNA i centrum. Trafiksäkerhet!",
    "Kommunstyrelsens ordförande Anna Berg och lokalpolisområdeschef Per Ek skrev under.",
    "poliſen, POLİS, narkotıka, KNARK, Ungdomar, skolorna, barn- och utbildningsnämndens ordförande",
    "",
]


def _all_patterns() -> list[Prefiltered]:
    return [p for _, p in lexicon()] + [p for p, _, _ in role_table()]


@pytest.mark.parametrize("text", TEXTS)
def test_prefiltered_matches_equal_plain_matches(text):
    folded = fold(text)
    for pattern in _all_patterns():
        plain = [m.span() for m in pattern.regex.finditer(text)]
        assert [m.span() for m in pattern.finditer(text, folded)] == plain, pattern.pattern


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("narkotidsgbuå ÅÄÖ-ſİıKΣ.\nNARKOTIKA")), max_size=40))
def test_prefiltered_never_misses_a_match(text):
    folded = fold(text)
    for pattern in _all_patterns():
        assert bool(pattern.search(text, folded)) == bool(pattern.regex.search(text)), pattern.pattern


def test_pattern_set_candidates_keep_order_and_skip_only_impossible_patterns():
    patterns = PatternSet(Prefiltered(p, re.IGNORECASE) for p in (r"\bdialog", r"polis\w*", r"\d+", r"dialog\w* med"))
    assert [p.pattern for p in patterns.candidates(fold("Polisen 2024"))] == [r"polis\w*", r"\d+"]
    assert len(patterns.candidates(None)) == 4
    assert patterns.any_search("en DIALOG med", fold("en DIALOG med"))
    assert not patterns.any_search("inget här", fold("inget här"))


def _needle_reference(patterns: PatternSet, folded: str) -> list[int]:
    """``candidate_ids`` as one containment test per pattern and needle."""
    return [i for i, p in enumerate(patterns) if not p.needles or any(n in folded for n in p.needles)]


@cache
def _statement_cue_set() -> PatternSet:
    return PatternSet(Prefiltered(pattern, re.IGNORECASE) for _kind, pattern in read_tsv("focus_statements.tsv"))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["dialog", "medborgar", "lova", "löfte", "t", "r ", " ", "ska", ":", "i "]), max_size=60)
)
def test_pattern_set_candidates_by_scan_and_by_containment_agree(pieces):
    """Short texts are scanned once for every needle, long ones tested needle by needle: both
    give the patterns whose needles the text contains (needles inside and around others)."""
    folded = fold("".join(pieces))
    for patterns in (_statement_cue_set(), PatternSet(p for p, _, _ in role_table())):
        assert patterns.candidate_ids(folded) == _needle_reference(patterns, folded)


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        (r"(?<![\d-])(?:20\d\d|januari)", "[2j]"),
        (r"\b(?:a|b)?c", "[abc]"),
        (r"x*", None),  # can match empty: no guard
        (r".x", None),
        (r"[^a]x", None),
    ],
)
def test_first_char_class(pattern, first):
    assert first_char_class(pattern, re.IGNORECASE) == first


def test_guarded_year_patterns_find_the_same_matches():
    from pipeline.nlp.components.year_mentions import _patterns

    text = (
        "Löftet gäller 2023–2024, från 1 januari 2023 till 31 dec. 2024 och tills vidare; 2019-21. JUNI 2022 2025-02-28"
    )
    for pattern in _patterns().values():
        plain = re.compile(
            pattern.pattern.split("(?:", 1)[1][:-1] if pattern.pattern.startswith("(?=") else pattern.pattern,
            pattern.flags,
        )
        assert [m.groupdict() | {"span": m.span()} for m in pattern.finditer(text)] == [
            m.groupdict() | {"span": m.span()} for m in plain.finditer(text)
        ]
        assert guarded(plain.pattern, plain.flags).pattern == pattern.pattern


@pytest.mark.parametrize(
    ("pattern", "flags", "kept"),
    [
        (r"^(?:medborgar)?löfte", re.IGNORECASE, True),  # tried at the start only, as written
        (r"\Aab", 0, True),
        (r"^(?:öka|minska)\b", re.IGNORECASE | re.MULTILINE, False),  # every line start: guarded
        (r"\bfokus", re.IGNORECASE, False),
    ],
)
def test_guarded_leaves_patterns_anchored_at_the_start_as_written(pattern, flags, kept):
    regex = guarded(pattern, flags)
    assert (regex.pattern == pattern) is kept
    text = "Öka tryggheten.\nMinska brotten; medborgarlöfte ab fokus"
    assert [m.span() for m in regex.finditer(text)] == [m.span() for m in re.finditer(pattern, text, flags)]
