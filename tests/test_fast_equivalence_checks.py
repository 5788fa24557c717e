"""``RowChecker`` checks each distinct value of a column once (by value alone when the column
holds one plain type); it must report what checking every value in order reported: the first
bad value of the first column that has one. ``_reference_problem`` is that plain check."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dataset.checks import RowChecker, compile_column
from pipeline.dataset.schema import DOCUMENTS, TABLES, Table
from pipeline.dataset.validate import SchemaError

Row = dict[str, object]


def _reference_problem(table: Table, rows: list[Row]) -> str | None:
    for column in table.columns:
        check = compile_column(column)
        for row in rows:
            problem = check(row.get(column.name))
            if problem is not None:
                return f"{table.name}: column {column.name}: {problem} (row {row.get('doc_id')!r})"
    return None


def _problem(table: Table, rows: list[Row]) -> str | None:
    columns = [[row.get(name) for row in rows] for name in table.column_names]
    try:
        RowChecker(table).check_columns(rows, columns)
    except SchemaError as exc:
        return str(exc)
    return None


def _assert_tables_pass_both(out_dir: Path) -> None:
    for table in TABLES:
        rows = pq.read_table(out_dir / f"{table.name}.parquet").to_pylist()
        assert _problem(table, rows) is None and _reference_problem(table, rows) is None, table.name


def test_seed_tables_pass_both_checks(seed_tables):
    _assert_tables_pass_both(seed_tables)


def test_corpus_tables_pass_both_checks(corpus_output):
    _assert_tables_pass_both(corpus_output)


#: Per column: mostly right values, and some that are wrong there or equal a right one across types
#: (``True == 1 == 1.0``), so that a batch often gets past the first columns.
_POOLS = {
    "title": ["x", None, "", "a\x00b", [1]],
    "relevant": [True, False, 1, 0],
    "relevance_score": [0.5, 1.0, 1, 0, True, False, None, float("nan"), 2.0],
    "municipality_code": [None, "0180", "x", 180],
    "year_start": [None, 2024, 2023, 2024.0, 1900],
    "n_signatories": [0, 1, 2, True, False, 1.0, -1],
    "status": ["ok", "error", "x"],
}
_BATCHES = st.lists(st.fixed_dictionaries({k: st.sampled_from(v) for k, v in _POOLS.items()}), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(_BATCHES)
def test_generated_batches_get_the_plain_verdict(batch):
    rows = []
    for n, values in enumerate(batch):
        row = dict.fromkeys(DOCUMENTS.column_names)
        row.update(doc_id=f"d{n}", source="s", relevant=False, n_signatories=0, n_officials=0, status="ok",
                   content_sha256="0" * 64, extractor_version="t")  # fmt: skip
        row.update(values)
        rows.append(row)
    assert _problem(DOCUMENTS, rows) == _reference_problem(DOCUMENTS, rows)
