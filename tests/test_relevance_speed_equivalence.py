"""The relevance component's fast paths give exactly what the plain computations give.

Each fast path is compared with a reference written the straightforward way (``findall`` per
cue, scikit-learn's transform and SciPy's sparse product, ``search`` per pattern), on the seed
texts, on awkward strings and on generated ones (mixed case, ``ſ``/``İ``/``K`` that defeat
case folding, every kind of whitespace).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import relevance
from pipeline.models import artifact, fast_tfidf
from pipeline.models import cues as cues_module
from pipeline.models.artifact import load_model, shipped_model
from pipeline.models.combine import DECISIONS, combine
from pipeline.models.cues import HEAD_CHARS, NEAR_CHARS, Cue, cue_values, load_cues, make_cue
from pipeline.nlp.anchors import any_match_at, leading_literals, top_level_alternatives
from pipeline.nlp.fastre import fold
from tests.equivalence import corpus_texts, seed_texts

SEEDS = sorted((Path(__file__).resolve().parents[1] / "data" / "raw").glob("*.txt"))
ODD = [
    "",
    " ",
    "Medborgarlöfte",
    "MEDBORGARLÖFTE 2024–2025: polisens löften till medborgarna i Bergsby kommun",
    "ſkrev under medborgarlöftet; İstanbul stad, 12 löften till dig",
    "a\u00a0b\u2003c\td\n\ne\x1c\x1df\x85g\u2028h\u3000i",
    "vallöfte medborgarlöfte löfte garanti brå, BRÅ-rapport, ombrå",
    "x" * 30,
]
TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS] + ODD
ALPHABET = [
    *"abdegiklmnoprstuvåäöABDEKLMÅÄÖ 0129-–.,:ſİK\u212a\t\n\u00a0\u2028\x85",
    "medborgarlöft",
    "löfte",
    " löften till ",
    "skrev under",
    "polisen i ",
    "kommun",
    "stad",
    "brå",
    "2024",
    "fokus på",
    "lokalpolisområde ",
    " nya löften",
    "Bergsby",
]
GENERATED = st.lists(st.sampled_from(ALPHABET), max_size=80).map("".join)


def _reference_present(cue: Cue, text: str) -> bool:
    """The cue counted with ``findall`` over its whole scope, as the cues are defined."""
    regex = re.compile(cue.pattern.pattern, re.IGNORECASE)
    if cue.scope == "head":
        count = len(regex.findall(text[:HEAD_CHARS]))
    elif cue.scope == "near_term":
        windows = [
            text[max(0, m.start() - NEAR_CHARS) : m.end() + NEAR_CHARS] for m in re.finditer("(?i)medborgarlöft", text)
        ]
        count = max((len(regex.findall(w)) for w in windows), default=0)
    else:
        count = len(regex.findall(text))
    return count >= cue.min_count


def _reference_cue_values(text: str) -> list[float]:
    return [float(_reference_present(cue, text)) for cue in load_cues()]


def _term_matches(text: str) -> list[re.Match[str]]:
    return list(re.finditer("(?i)medborgarlöft", text))


def _fast_cue_values(text: str) -> list[float]:
    return cue_values(text, fold(text), _term_matches(text))


@pytest.mark.parametrize("text", TEXTS)
def test_cue_values_match_findall_per_cue(text):
    assert _fast_cue_values(text) == _reference_cue_values(text)


@pytest.mark.parametrize("texts", [seed_texts, corpus_texts], ids=["seeds", "corpus"])
def test_cue_values_match_findall_on_real_texts(texts):
    for text in texts():
        assert _fast_cue_values(text) == _reference_cue_values(text)


@settings(max_examples=300, deadline=None)
@given(GENERATED)
def test_cue_values_match_findall_on_generated_texts(text):
    assert _fast_cue_values(text) == _reference_cue_values(text)


# Every scope and count for patterns with and without leading words (the shipped cues use only
# some of the combinations): each way ``_present`` can take.
OTHER_CUES = [
    make_cue(f"{scope}-{count}-{i}", scope, count, pattern)
    for scope in ("text", "head", "near_term")
    for count in (0, 1, 2, 3)
    for i, pattern in enumerate(
        [r"medborgarlöft", r"(?<!medborgar)löfte|garanti", r"(?:polisens|\d+) löften|\bstad\b", r"[a-zå]+ kommun"]
    )
]


@settings(max_examples=200, deadline=None)
@given(GENERATED)
def test_every_scope_and_count_matches_findall(text):
    folded, terms = fold(text), _term_matches(text)
    for cue in OTHER_CUES:
        assert cues_module._present(cue, text, folded, terms) is _reference_present(cue, text), cue.name


def test_every_scope_and_count_matches_findall_on_seeds():
    for text in seed_texts():
        folded, terms = fold(text), _term_matches(text)
        for cue in OTHER_CUES:
            assert cues_module._present(cue, text, folded, terms) is _reference_present(cue, text), cue.name


def test_cue_starts_are_the_words_a_match_begins_with():
    def match_starts(pattern: str) -> tuple[str, ...] | None:
        return leading_literals(pattern, re.IGNORECASE)

    assert match_starts(r"(?<!medborgar)löfte|garanti|Vallöfte") == ("garanti", "löfte", "vallöfte")
    assert match_starts(r"\bstad(?:en)?\b|(?:kommun|Län)s?") == ("kommun", "län", "stad")
    assert match_starts(r"(?:polisens|\d+) löften") is None  # a match may begin with any digit
    assert match_starts(r"(?:a|) b") == (" b", "a b")  # the group may match nothing
    assert match_starts(r"[a-z]+ kommun") is None
    assert match_starts(r"µ-värde") is None  # case folding of µ differs from re's


def test_cues_without_leading_words_are_searched_by_alternative():
    """The generated texts above then exercise the per-alternative search (digit- and
    capital-led alternatives next to anchored ones)."""
    searched = {cue.name: cue.searched for cue in load_cues()}
    assert [s.starts for s in searched["promise_to_citizens"]] == [None, ("löfte",)]
    assert [s.starts for s in searched["named_party"]] == [
        None,
        ("lokalpolisområde",),
        ("kommunpolis i ", "kommunpolisen i ", "polisen i "),
    ]
    assert all(len(s) == 1 for name, s in searched.items() if name not in {"promise_to_citizens", "named_party"})


def test_top_level_alternatives_cut_only_where_matches_stay_the_same():
    assert top_level_alternatives(r"(?:a|b)c|\d+ x|[|]y|z\|w") == ["(?:a|b)c", r"\d+ x", "[|]y", r"z\|w"]
    assert top_level_alternatives(r"[]|]|[^]|]") == ["[]|]", "[^]|]"]
    assert top_level_alternatives(r"(a)|b\1") == [r"(a)|b\1"]  # group numbers would change
    assert top_level_alternatives(r"(?i)a|b") == [r"(?i)a|b"]  # the flag is the whole pattern's
    assert top_level_alternatives("a # x|y\n|b", re.VERBOSE) == ["a # x|y\n|b"]  # a bar in a comment
    assert top_level_alternatives("abc") == ["abc"]


@settings(max_examples=300, deadline=None)
@given(GENERATED)
def test_any_match_at_is_search(text):
    folded = fold(text)
    for pattern in (r"(?<!medborgar)löfte|garanti", r"\bstad(?:en)?\b|kommun", r"polisen i (?-i:[A-ZÅÄÖ])"):
        regex = re.compile(pattern, re.IGNORECASE)
        starts = leading_literals(pattern, re.IGNORECASE)
        assert starts is not None
        if folded is not None:
            assert any_match_at(regex, text, folded, starts) == (regex.search(text) is not None)


def _both_probabilities(model, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(fast path, scikit-learn transform + SciPy product) on the same loaded model."""
    lean = model._lean
    fast = np.array([model.probability_of(t.lower().split(), _fast_cue_values(t)) for t in texts])
    try:
        model._lean = None
        slow = model.predict_proba(texts)
    finally:
        model._lean = lean
    return fast, slow


def test_single_text_probability_is_bit_identical_to_sparse_product():
    fast, slow = _both_probabilities(load_model(), TEXTS)
    assert fast.tobytes() == slow.tobytes()


@settings(max_examples=60, deadline=None)
@given(GENERATED)
def test_single_text_probability_is_bit_identical_on_generated_texts(text):
    fast, slow = _both_probabilities(load_model(), [text, text.upper(), text[::-1]])
    assert fast.tobytes() == slow.tobytes()


def test_results_do_not_depend_on_the_word_caches(monkeypatch):
    """Clearing the caches every few words (as a long run does) changes no value."""
    model = load_model()
    warm = [model.probability_of(t.lower().split(), _fast_cue_values(t)) for t in TEXTS]
    monkeypatch.setattr(fast_tfidf, "_CACHE_LIMIT", 3)
    cold = load_model()
    assert [cold.probability_of(t.lower().split(), _fast_cue_values(t)) for t in TEXTS * 2] == warm * 2


def _reference_rule(text: str) -> float:
    term = re.compile("medborgarlöft", re.IGNORECASE)
    z = (
        -3.0
        + 1.2 * min(float(len(term.findall(text))), 4)
        + 1.0 * float(bool(term.search(text[:HEAD_CHARS])))
        + 0.8 * float(bool(re.search(r"skr[ie]v\w* under|underteckn|signer|tecknat", text, re.IGNORECASE)))
        + 0.8 * float(bool(re.search(r"fokusområ|lovar|prioriter", text, re.IGNORECASE)))
    )
    return 1 / (1 + math.exp(-z))


@pytest.mark.parametrize("text", TEXTS)
def test_rule_probability_is_unchanged(text):
    assert relevance.rule_probability(text) == _reference_rule(text)


def _reference_relevance(text: str) -> float:
    """The component's score as it was: the rule's evidence always gathered, the model's
    probability from ``predict_proba``, combined by the shipped decision."""
    shipped = shipped_model()
    assert shipped is not None
    model, decision = shipped
    p = float(combine(_reference_rule(text), model.predict_proba([text])[0], decision))
    return min(1.0, max(0.0, p))


def _fast_relevance(text: str) -> tuple[list[tuple[int, int]], float]:
    """(the term's spans, the score) as ``score_relevance`` computes them."""
    terms = list(relevance._TERMS.finditer(text))
    return [m.span() for m in terms], relevance.relevance_probability(text, terms)


def _reference_relevance_with_terms(text: str) -> tuple[list[tuple[int, int]], float]:
    spans = [m.span() for m in re.finditer("(?i)medborgarlöft", text)]
    return spans, _reference_relevance(text)


@pytest.mark.parametrize("texts", [seed_texts, corpus_texts, lambda: TEXTS], ids=["seeds", "corpus", "odd"])
def test_component_score_and_terms_are_unchanged(texts):
    for text in texts():
        assert _fast_relevance(text) == _reference_relevance_with_terms(text)


@settings(max_examples=200, deadline=None)
@given(GENERATED)
def test_component_score_and_terms_are_unchanged_on_generated_texts(text):
    assert _fast_relevance(text) == _reference_relevance_with_terms(text)


@pytest.mark.parametrize("decision", [*DECISIONS, None])
def test_component_score_for_every_decision_and_without_a_model(monkeypatch, decision):
    """The rule's evidence is skipped only where the decision does not read it."""
    model = load_model()
    shipped = None if decision is None else (model, decision)
    monkeypatch.setattr(artifact, "shipped_model", lambda: shipped)
    for text in TEXTS:
        p_rule = _reference_rule(text)
        p = p_rule if decision is None else float(combine(p_rule, model.predict_proba([text])[0], decision))
        assert _fast_relevance(text)[1] == min(1.0, max(0.0, p))
