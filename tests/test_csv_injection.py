"""CSV cells a spreadsheet would run as formulas are neutralised; Parquet keeps raw values."""

from __future__ import annotations

import csv

import pyarrow.parquet as pq
import pytest

from pipeline.dataset.schema import DOCUMENTS, SIGNATORIES
from pipeline.dataset.write import DatasetWriter, neutralise_formula


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+46 8 123", "'+46 8 123"),
        ("- Det känns bra, säger hon.", "'- Det känns bra, säger hon."),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Köpings kommun", "Köpings kommun"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise_formula(cell, safe):
    assert neutralise_formula(cell) == safe


def _doc(**extra):
    row = dict.fromkeys(DOCUMENTS.column_names)
    row.update(doc_id="d1", source="=cmd|' /C calc'!A0", relevant=True, n_signatories=1, n_officials=1,
               status="ok", content_sha256="a" * 64, extractor_version="t", year_start=2024,
               relevance_score=0.5, title="@titel")  # fmt: skip
    row.update(extra)
    return row


def test_csv_is_neutralised_parquet_is_raw_numbers_untouched(tmp_path):
    person = dict.fromkeys(SIGNATORIES.column_names)
    person.update(doc_id="d1", name="Anna Berg", signed=True, evidence="- Vi lovar mer, säger Anna Berg.",
                  source="x", content_sha256="a" * 64, extractor_version="t")  # fmt: skip
    with DatasetWriter(tmp_path) as writer:
        writer.add("documents", [_doc()])
        writer.add("signatories", [person])
    with (tmp_path / "documents.csv").open(newline="", encoding="utf-8") as handle:
        (doc,) = csv.DictReader(handle)
    assert doc["source"] == "'=cmd|' /C calc'!A0" and doc["title"] == "'@titel"
    assert doc["year_start"] == "2024" and doc["relevance_score"] == "0.5" and doc["relevant"] == "true"
    with (tmp_path / "signatories.csv").open(newline="", encoding="utf-8") as handle:
        (sig,) = csv.DictReader(handle)
    assert sig["evidence"] == "'- Vi lovar mer, säger Anna Berg." and sig["name"] == "Anna Berg"
    raw = pq.read_table(tmp_path / "signatories.parquet").to_pylist()[0]
    assert raw["evidence"] == "- Vi lovar mer, säger Anna Berg."
    assert pq.read_table(tmp_path / "documents.parquet").to_pylist()[0]["source"] == "=cmd|' /C calc'!A0"


def test_no_csv_string_cell_starts_with_a_formula_character(tmp_path):
    with DatasetWriter(tmp_path) as writer:
        writer.add("documents", [_doc(error="-1", url="+x", doc_id="-d")])
    with (tmp_path / "documents.csv").open(newline="", encoding="utf-8") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_unwritable_characters_do_not_fail_the_run(tmp_path):
    with DatasetWriter(tmp_path) as writer:
        writer.add("documents", [_doc(title="NUL\x00 och \ud800 surrogat")])
    assert "\ufffd" in (tmp_path / "documents.csv").read_text(encoding="utf-8")
