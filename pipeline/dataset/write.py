"""Write the tables: CSV (RFC 4180, UTF-8) and Parquet, validated, atomically replaced.

Rows stream into temporary files beside the targets; only when every table has been written
and validated are they renamed into place, so an interrupted or invalid run leaves the
previous outputs untouched. Same rows in, same bytes out.

Validation happens on every write in two layers: each row is checked as it streams by checks
compiled from the Table Schema (``pipeline.dataset.checks``: linear, no second read), and
outputs up to ``FRICTIONLESS_MAX_ROWS`` rows are also re-read and validated by Frictionless.

Spreadsheet safety: a CSV string cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return would be run as a formula by Excel, LibreOffice or Google Sheets (CSV
injection); such cells get a leading ``'`` in the CSV (OWASP's advice). Parquet keeps the
raw value, and numbers and booleans are never touched.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from functools import cache
from itertools import repeat
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.dataset.checks import RowChecker, check_foreign_keys
from pipeline.dataset.schema import TABLES, Table, datapackage
from pipeline.dataset.validate import validate_package

_ARROW = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
_BATCH = 2000  # rows per Parquet row group write
_PENDING = 512  # rows checked and written together
#: Above this many rows in all tables, Frictionless's re-read is skipped (the streamed checks stay).
FRICTIONLESS_MAX_ROWS = 5000
#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters no output file can carry: NUL, and lone surrogates (undecodable file names, broken JSON escapes).
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")


def neutralise_formula(text: str) -> str:
    """``'`` before a cell a spreadsheet would evaluate; other text unchanged."""
    return "'" + text if text.startswith(FORMULA_START) else text


def writable(value: object) -> object:
    """A string every output format can store: NUL and lone surrogates become U+FFFD."""
    if isinstance(value, str) and _UNWRITABLE.search(value):
        return _UNWRITABLE.sub("\ufffd", value)
    return value


def _csv_cells(column_type: str, values: list[object]) -> list[str]:
    """CSV text of a column's (checked) values: empty for null, ``true``/``false``, floats to six
    decimals (``repr``, so the shortest text that reads back as the same number), strings with
    formulas neutralised and quoted when needed (numbers and booleans never need quotes). One
    comprehension per column instead of a call per cell."""
    if column_type == "string":
        return _quoted(_neutralised(["" if v is None else v for v in values]))  # type: ignore[arg-type]
    if column_type == "boolean":
        return ["" if v is None else "true" if v else "false" for v in values]
    if column_type == "number":
        return ["" if v is None else repr(round(v, 6)) if v.__class__ is float else str(v) for v in values]  # type: ignore[call-overload]
    return ["" if v is None else str(v) for v in values]


def _neutralised(cells: list[str]) -> list[str]:
    """``neutralise_formula`` on every cell, after one pass without a Python call per cell that
    tells whether any needs it (hardly a column does: a call per cell cost more than the rest)."""
    if any(map(str.startswith, cells, repeat(FORMULA_START))):
        return [neutralise_formula(c) for c in cells]
    return cells


def _needs_quotes(text: str) -> bool:
    """What makes ``csv.writer`` (``QUOTE_MINIMAL``, ``\\r\\n`` lines) quote a cell: the
    delimiter, the quote character or a line-break character."""
    return '"' in text or "," in text or "\n" in text or "\r" in text


def _quoted(cells: list[str]) -> list[str]:
    """Cells as ``csv.writer`` writes them (quotes doubled inside quotes), after one search of
    the column's text together: most columns (codes, labels, names) need no quotes at all."""
    if not _needs_quotes("".join(cells)):
        return cells
    return ['"' + c.replace('"', '""') + '"' if _needs_quotes(c) else c for c in cells]


def _csv_lines(columns: list[list[str]]) -> str:
    """CSV lines (``\\r\\n``-terminated) of columns of cell texts as ``_csv_cells`` makes them.

    Why not ``csv.writer``: it tests every character of every cell against the dialect, one at a
    time, which was half the writer's time on the long evidence sentences; the cells here are
    ready, and a column's quoting was decided by ``in`` searches, so only joins are left.
    Rows must have two cells or more (``csv.writer`` writes a row of one empty cell as ``""``).
    """
    return "".join([",".join(row) + "\r\n" for row in zip(*columns, strict=True)])


def _writable_column(values: list[object]) -> list[object]:
    """``writable`` on every value, after one look at the column's strings together (almost
    no column has a NUL or a lone surrogate, and one look costs less than a call per value)."""
    strings = [v for v in values if v.__class__ is str]
    if not strings or not _may_be_unwritable("".join(strings)):  # type: ignore[arg-type]
        return values
    return [writable(v) for v in values]


def _may_be_unwritable(text: str) -> bool:
    """Whether ``_UNWRITABLE`` finds something in ``text``, by C string work: a NUL by ``in``, a
    surrogate by UTF-8 refusing to encode it (the pattern tests every character on its own:
    ten times slower on the megabytes of evidence sentences a run writes)."""
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def arrow_schema(table: Table) -> pa.Schema:
    return pa.schema([pa.field(c.name, _ARROW[c.type]) for c in table.columns])


class TableSink:
    """One table being written to temporary CSV and Parquet files."""

    def __init__(self, table: Table, out_dir: Path) -> None:
        self.table = table
        self.out_dir = out_dir
        self.count = 0
        fd, tmp = tempfile.mkstemp(prefix=f".{table.name}.", suffix=".csv.tmp", dir=out_dir)
        self.csv_tmp = Path(tmp)
        self._csv_file = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self._csv_file.write(_csv_lines([_quoted([name]) for name in table.column_names]))
        fd2, tmp2 = tempfile.mkstemp(prefix=f".{table.name}.", suffix=".parquet.tmp", dir=out_dir)
        os.close(fd2)
        self.parquet_tmp = Path(tmp2)
        self._schema = arrow_schema(table)
        self._parquet = pq.ParquetWriter(self.parquet_tmp, self._schema, compression="zstd")
        self._buffer: list[list[object]] = [[] for _ in table.column_names]  # Parquet rows, by column
        self._pending: list[dict[str, object]] = []
        self.checker = RowChecker(table)

    def add_rows(self, rows: Iterable[dict[str, object]]) -> None:
        """Queue rows; they are checked and written ``_PENDING`` at a time (``finish`` writes the
        rest), because the column-by-column work has a cost per batch that one document's few
        rows would pay again and again."""
        self._pending.extend(rows)
        if len(self._pending) >= _PENDING:
            self.finish()

    def finish(self) -> None:
        """Check and write the queued rows (a ``SchemaError`` here means nothing is published)."""
        batch, self._pending = self._pending, []
        if batch:
            self._write(batch)

    def _write(self, batch: list[dict[str, object]]) -> None:
        """Check, then write, a batch of rows, handled column by column."""
        columns = [_writable_column([row.get(name) for row in batch]) for name in self.table.column_names]
        self.checker.check_columns(batch, columns)
        cells = [_csv_cells(c.type, values) for c, values in zip(self.table.columns, columns, strict=True)]
        self._csv_file.write(_csv_lines(cells))
        for buffered, values in zip(self._buffer, columns, strict=True):
            buffered.extend(values)
        self.count += len(batch)
        if len(self._buffer[0]) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self._buffer[0]:
            return
        data = dict(zip(self.table.column_names, self._buffer, strict=True))
        self._parquet.write_table(pa.table(data, schema=self._schema))
        self._buffer = [[] for _ in self.table.column_names]

    def close(self) -> None:
        self._flush()
        self._csv_file.close()
        self._parquet.close()

    def discard(self) -> None:
        for path in (self.csv_tmp, self.parquet_tmp):
            path.unlink(missing_ok=True)

    def commit(self) -> None:
        publish(self.csv_tmp, self.out_dir / f"{self.table.name}.csv")
        publish(self.parquet_tmp, self.out_dir / f"{self.table.name}.parquet")


class DatasetWriter:
    """Context manager: ``add_*`` rows, and on a clean exit validate and publish all tables."""

    def __init__(self, out_dir: str | Path, validate: bool = True) -> None:
        self.out_dir = Path(out_dir)
        self.validate = validate
        self.sinks: dict[str, TableSink] = {}

    def __enter__(self) -> DatasetWriter:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.sinks = {t.name: TableSink(t, self.out_dir) for t in TABLES}
        return self

    def add(self, table: str, rows: Iterable[dict[str, object]]) -> None:
        self.sinks[table].add_rows(rows)

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                for sink in self.sinks.values():
                    sink.finish()
            except Exception:
                for sink in self.sinks.values():
                    sink.close()
                    sink.discard()
                raise
        for sink in self.sinks.values():
            sink.close()
        if exc_type is not None:
            for sink in self.sinks.values():
                sink.discard()
            return
        try:
            if self.validate:
                check_foreign_keys({name: s.checker for name, s in self.sinks.items()})
                if sum(s.count for s in self.sinks.values()) <= FRICTIONLESS_MAX_ROWS:
                    validate_package(datapackage(), {name: s.csv_tmp for name, s in self.sinks.items()})
        except Exception:
            for sink in self.sinks.values():
                sink.discard()
            raise
        for sink in self.sinks.values():
            sink.commit()
        write_text_atomic(
            self.out_dir / "datapackage.json", json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n"
        )


@cache
def _file_mode() -> int:
    """The mode a plainly created file gets (0o666 less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def publish(tmp: str | Path, target: Path) -> None:
    """Rename a finished temporary file into place, with ordinary permissions: ``mkstemp`` makes
    files private (0600), but the tables are meant to be read by dashboards and colleagues."""
    os.chmod(tmp, _file_mode())
    os.replace(tmp, target)


def write_text_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    publish(tmp, path)
