"""Anchored scans find exactly what a full ``finditer`` finds."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import police_area
from pipeline.nlp.anchors import Anchored

PATTERNS = [police_area._AREA_KEYWORD, police_area._TITLE_KEYWORD, police_area._POLICE_KEYWORD]
PIECES = ["lokalpolis", "LOKALPOLIS", "områdeschef", "område ", "LPO ", "lpo", "Polisen ", "polisen", "i ", "Norra ",
          "Kungsör", "Västra Mälardalen", "ſ", "İ", "K", " ", "\n", "x", "-", "/", "Ål"]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


def _spans(matches) -> list[tuple[int, int, dict]]:
    return [(m.start(), m.end(), m.groupdict()) for m in matches]


def _assert_same(text: str) -> None:
    for anchored in PATTERNS:
        assert _spans(anchored.finditer(text)) == _spans(anchored.pattern.finditer(text))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_generated_texts(text):
    _assert_same(text)


def test_corpus_texts(corpus_dir):
    with (corpus_dir / "corpus.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            _assert_same(json.loads(line)["text"])


def test_overlapping_candidates_resume_after_a_match():
    anchored = Anchored(re.compile(r"(?i)abab|ab"), ("ab",))
    assert [m.group() for m in anchored.finditer("ABABAB ab")] == ["ABAB", "AB", "ab"]


def test_anchors_must_be_lowercase():
    with pytest.raises(ValueError):
        Anchored(re.compile("Polisen"), ("Polisen",))
