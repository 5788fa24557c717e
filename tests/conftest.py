"""Shared fixtures: the pipeline (built once), the shared corpus (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp.build import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def analyse_text(nlp):
    """Run the whole pipeline on a text (optionally with a URL) and return the Doc."""

    def run(text: str, url: str | None = None):
        from pipeline.text.clean import clean_text

        doc = nlp.make_doc(clean_text(text))
        doc._.url = url
        return nlp(doc)

    return run


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "corpus.jsonl").exists():
        pytest.skip("../shared/corpus is not available")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_output(corpus_dir, tmp_path_factory) -> Path:
    """The pipeline's tables for the whole development corpus (computed once per session)."""
    from pipeline.batch import extract_to_dir

    out = tmp_path_factory.mktemp("corpus_out")
    extract_to_dir([corpus_dir / "corpus.jsonl"], out)
    return out


@pytest.fixture(scope="session")
def seed_tables(tmp_path_factory) -> Path:
    """The pipeline's tables for the embedded seed releases (data/raw/), computed once per session."""
    from pipeline.batch import extract_to_dir

    out = tmp_path_factory.mktemp("seed_tables")
    extract_to_dir([RAW], out)
    return out
