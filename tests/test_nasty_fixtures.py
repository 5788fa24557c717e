"""A corpus of nasty inputs with expected outcomes (``tests/fixtures/nasty/expected.json``).

Legacy and mixed encodings, a Word export, PDF-derived text with hyphenation and page headers,
a page that is nearly all navigation, a scanned PDF and a link pointing out of the input folder.
"""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from pipeline.batch import extract_to_dir
from pipeline.dataset.validate import validate_dir

from .conftest import ROOT
from .pdf_fixture import make_pdf

NASTY = ROOT / "tests" / "fixtures" / "nasty"
EXPECTED = {k: v for k, v in json.loads((NASTY / "expected.json").read_text(encoding="utf-8")).items() if k[0] != "_"}


@pytest.fixture(scope="module")
def nasty_out(tmp_path_factory):
    base = tmp_path_factory.mktemp("nasty")
    inputs = base / "in"
    shutil.copytree(NASTY, inputs)
    (inputs / "scan.pdf").write_bytes(make_pdf([]))
    secret = base / "secret.txt"
    secret.write_text("Hemligt: detta får inte läsas.", encoding="utf-8")
    (inputs / "outside_link.txt").symlink_to(secret)
    out = base / "out"
    summary = extract_to_dir([inputs], out)
    with (out / "documents.csv").open(newline="", encoding="utf-8") as handle:
        docs = {r["doc_id"]: r for r in csv.DictReader(handle)}
    with (out / "signatories.csv").open(newline="", encoding="utf-8") as handle:
        people = list(csv.DictReader(handle))
    return out, summary, docs, people


def test_every_fixture_is_one_row_and_the_output_is_valid(nasty_out):
    out, summary, docs, _ = nasty_out
    assert set(docs) == set(EXPECTED)
    assert summary.read == len(EXPECTED)
    validate_dir(out)


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_fixture_outcome(nasty_out, doc_id):
    _, _, docs, people = nasty_out
    expected, row = EXPECTED[doc_id], docs[doc_id]
    for column in ("status", "relevant", "municipality", "police_area", "year_start", "title"):
        if column in expected:
            assert row[column] == expected[column], column
    if "error_contains" in expected:
        assert expected["error_contains"] in row["error"]
    for label in expected.get("focus_contains", []):
        assert label in row["focus_areas"].split(";")
    signed = {p["name"] for p in people if p["doc_id"] == doc_id and p["signed"] == "true"}
    assert set(expected.get("signed", [])) <= signed


def test_the_secret_behind_the_link_is_not_read(nasty_out):
    out, *_ = nasty_out
    for name in ("documents.csv", "signatories.csv", "focus_areas.csv"):
        assert "Hemligt" not in (out / name).read_text(encoding="utf-8")
