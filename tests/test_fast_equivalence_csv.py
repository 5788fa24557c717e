"""The tables' CSV is made by joining cells that are ready (quoting decided per column, see
``pipeline.dataset.write._csv_lines``) instead of by ``csv.writer``; the bytes must be those
``csv.writer`` wrote. ``_reference_csv`` is that writer, kept as it was, fed with the raw values
the Parquet file holds."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dataset.schema import DOCUMENTS, TABLES, Column, Table
from pipeline.dataset.write import DatasetWriter, _writable_column, neutralise_formula, writable


def _reference_cell(column: Column, value: object) -> object:
    if value is None:
        return ""
    if column.type == "string":
        return neutralise_formula(value)  # type: ignore[arg-type]
    if column.type == "boolean":
        return "true" if value else "false"
    if column.type == "number" and isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def _reference_csv(table: Table, rows: list[dict[str, object]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.column_names)
    writer.writerows([_reference_cell(c, row[c.name]) for c in table.columns] for row in rows)
    return out.getvalue().encode("utf-8")


def _assert_csv_writer_bytes(out_dir: Path) -> None:
    for table in TABLES:
        rows = pq.read_table(out_dir / f"{table.name}.parquet").to_pylist()
        assert (out_dir / f"{table.name}.csv").read_bytes() == _reference_csv(table, rows), table.name


def test_seed_tables_are_what_csv_writer_wrote(seed_tables):
    _assert_csv_writer_bytes(seed_tables)


def test_corpus_tables_are_what_csv_writer_wrote(corpus_output):
    _assert_csv_writer_bytes(corpus_output)


#: Characters that change how a cell is written: quoting, doubled quotes, formulas, unwritable ones.
_AWKWARD = st.text(st.sampled_from([*",\"\r\n\t=+-@' ;", "a", "ö", "\x00", "\ud800", "\u2028", "\x85"]), max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_AWKWARD, _AWKWARD | st.none(), st.text(max_size=20)), min_size=1, max_size=6))
def test_awkward_cells_are_what_csv_writer_wrote(cells):
    rows = []
    for n, (title, error, url) in enumerate(cells):
        row = dict.fromkeys(DOCUMENTS.column_names)
        row.update(doc_id=f"d{n}", source=title or "s", title=title, error=error, url=url, relevant=n % 2 == 0,
                   relevance_score=n / 7, n_signatories=n, n_officials=0, status="ok",
                   content_sha256="0" * 64, extractor_version="t")  # fmt: skip
        rows.append(row)
    with tempfile.TemporaryDirectory() as out:
        with DatasetWriter(out, validate=False) as writer:
            writer.add("documents", rows)
        _assert_csv_writer_bytes(Path(out))


@given(st.lists(st.none() | st.integers(0, 3) | _AWKWARD | st.text(max_size=5)))
def test_columns_are_made_writable_like_value_by_value(values):
    assert _writable_column(values) == [writable(v) for v in values]
