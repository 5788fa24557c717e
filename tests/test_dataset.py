"""Output contract: schema-valid tables, atomic writes, byte-identical re-runs."""

from __future__ import annotations

import csv
import json
import os

import pyarrow.parquet as pq
import pytest

from pipeline.batch import extract_to_dir
from pipeline.dataset.schema import DOCUMENTS, FOCUS_AREAS, SIGNATORIES, TABLES, datapackage
from pipeline.dataset.validate import SchemaError, validate_dir
from pipeline.dataset.write import DatasetWriter

from .conftest import RAW

CONTRACT = {
    "documents": [
        "doc_id", "source", "title", "published", "relevant", "relevance_score", "municipality",
        "municipality_code", "county", "municipalities", "police_area", "year_start", "year_end",
        "focus_areas", "n_signatories", "status", "error", "content_sha256", "extractor_version",
    ],
    "signatories": ["doc_id", "name", "role", "organisation", "party", "signed", "evidence"],
    "focus_areas": ["doc_id", "label", "score", "method", "evidence"],
    "promises": ["promise_id", "status", "municipality", "municipality_code", "county", "county_code",
                 "year_start", "year_end", "n_documents", "doc_ids", "sources", "focus_areas", "focus_support"],
    "focus_by_municipality_year": ["municipality_code", "year", "label", "named", "coverage"],
    "focus_by_county_year": ["county_code", "year", "label", "share", "n_named", "n_with_focus"],
}  # fmt: skip


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_contract_columns_come_first_in_order(table):
    assert table.column_names[: len(CONTRACT[table.name])] == CONTRACT[table.name]


def test_every_table_carries_provenance():
    for table in (DOCUMENTS, SIGNATORIES, FOCUS_AREAS):
        assert {"source", "content_sha256", "extractor_version"} <= set(table.column_names)


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds")
    summary = extract_to_dir([RAW], out)
    return out, summary


def test_seed_run_writes_valid_tables_and_datapackage(seed_out):
    out, summary = seed_out
    assert summary.read == 5 and summary.errors == 0
    for table in TABLES:
        assert (out / f"{table.name}.csv").exists() and (out / f"{table.name}.parquet").exists()
    assert json.loads((out / "datapackage.json").read_text(encoding="utf-8")) == datapackage()
    validate_dir(out)


def test_csv_is_rfc4180_and_parquet_has_the_same_rows(seed_out):
    out, _ = seed_out
    raw = (out / "documents.csv").read_bytes()
    assert raw.count(b"\r\n") >= 6
    with (out / "documents.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    table = pq.read_table(out / "documents.parquet").to_pylist()
    assert [r["doc_id"] for r in rows] == [r["doc_id"] for r in table]
    assert all(r["municipality_code"] == "" or len(r["municipality_code"]) == 4 for r in rows)
    assert isinstance(table[0]["relevant"], bool)


def test_rerun_is_byte_identical(seed_out, tmp_path):
    out, _ = seed_out
    extract_to_dir([RAW], tmp_path)
    for name in ("documents.csv", "signatories.csv", "focus_areas.csv", "documents.parquet", "datapackage.json"):
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name


def _doc_row(doc_id: str, **extra) -> dict:
    row = dict.fromkeys(DOCUMENTS.column_names)
    row.update(doc_id=doc_id, source="x", relevant=False, n_signatories=0, n_officials=0, status="ok",
               content_sha256="0" * 64, extractor_version="t")  # fmt: skip
    row.update(extra)
    return row


def test_invalid_rows_are_rejected_and_previous_outputs_survive(tmp_path):
    with DatasetWriter(tmp_path) as writer:
        writer.add("documents", [_doc_row("a")])
    before = (tmp_path / "documents.csv").read_bytes()
    with pytest.raises(SchemaError), DatasetWriter(tmp_path) as writer:
        writer.add("documents", [_doc_row("b", municipality_code="123")])  # code must be 4 digits
    assert (tmp_path / "documents.csv").read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    "rows",
    [
        [_doc_row("a"), _doc_row("a")],  # duplicate primary key within one batch
        [_doc_row("a"), _doc_row("b", n_signatories=True)],  # a bool is not an integer, though True == 1
        [_doc_row("a", title=["not", "text"])],  # unhashable: still a schema error, not a crash
        [_doc_row("a", relevance_score=float("nan"))],
    ],
)
def test_batches_are_checked_value_by_value(tmp_path, rows):
    with pytest.raises(SchemaError), DatasetWriter(tmp_path) as writer:
        writer.add("documents", rows)


def test_interrupted_run_leaves_previous_outputs(tmp_path):
    with DatasetWriter(tmp_path) as writer:
        writer.add("documents", [_doc_row("a")])
    before = (tmp_path / "documents.csv").read_bytes()
    with pytest.raises(KeyboardInterrupt), DatasetWriter(tmp_path) as writer:
        writer.add("documents", [_doc_row("b")])
        raise KeyboardInterrupt
    assert (tmp_path / "documents.csv").read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_foreign_keys_are_checked(tmp_path):
    row = {c: None for c in FOCUS_AREAS.column_names}
    row.update(doc_id="ghost", label="trafik", score=1.0, method="rule", evidence="e", source="s",
               content_sha256="0" * 64, extractor_version="t")  # fmt: skip
    with pytest.raises(SchemaError), DatasetWriter(tmp_path) as writer:
        writer.add("documents", [_doc_row("a")])
        writer.add("focus_areas", [row])


def test_bad_inputs_become_error_rows_and_the_run_goes_on(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text((RAW / "002_e7857f9332bb4839.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 10)
    out = tmp_path / "out"
    summary = extract_to_dir([inputs, tmp_path / "missing.html"], out)
    assert summary.read == 4 and summary.errors == 3 and summary.relevant == 1
    with (out / "documents.csv").open(newline="", encoding="utf-8") as handle:
        rows = {r["doc_id"]: r for r in csv.DictReader(handle)}
    assert rows["good"]["status"] == "ok" and rows["good"]["municipality"] == "Köping"
    assert rows["empty"]["status"] == "error" and rows["empty"]["error"] == "empty file"
    assert rows["binary"]["status"] == "error" and "binary" in rows["binary"]["error"]
    assert rows["missing"]["error"] == "no such file or directory"
    validate_dir(out)


def test_duplicate_ids_do_not_collide(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(f"Text {sub} om medborgarlöfte.", encoding="utf-8")
    out = tmp_path / "out"
    extract_to_dir([tmp_path / "a", tmp_path / "b"], out)
    validate_dir(out)
    with (out / "documents.csv").open(newline="", encoding="utf-8") as handle:
        ids = [r["doc_id"] for r in csv.DictReader(handle)]
    assert ids[0] == "same" and ids[1].startswith("same~") and len(set(ids)) == 2


def test_published_files_get_ordinary_permissions_not_private_temp_ones(seed_out):
    out, _ = seed_out
    umask = os.umask(0)
    os.umask(umask)
    for path in out.iterdir():
        if path.is_file() and not path.name.startswith("."):
            assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path.name
