"""Texts for the tests that pin a faster implementation to the one it replaced: the seeds and
the shared corpus, each as stored and as cleaned for the pipeline."""

from __future__ import annotations

import json

import pytest

from pipeline.text.clean import clean_text
from tests.conftest import CORPUS, RAW


def _with_cleaned(texts: list[str]) -> list[str]:
    return texts + [clean_text(text) for text in texts]


def seed_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt"))]
    assert texts, f"no seeds in {RAW}"
    return _with_cleaned(texts)


def corpus_texts() -> list[str]:
    """The shared corpus; skips the calling test when it is absent."""
    corpus = CORPUS / "corpus.jsonl"
    if not corpus.exists():
        pytest.skip("../shared/corpus is not available")
    with corpus.open(encoding="utf-8") as lines:
        return _with_cleaned([json.loads(line)["text"] for line in lines if line.strip()])
