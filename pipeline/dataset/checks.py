"""Row checks compiled from the Table Schema, applied to every row as it streams to disk.

Frictionless validates a written CSV by re-reading and re-parsing it, which is fine for a few
hundred documents and slow for a nationwide corpus (it dominated the write time at 20,000
documents). These checks enforce the same rules as ``pipeline.dataset.schema.table_schema``
(type, required, pattern, enum, minimum/maximum, primary key, foreign key to ``documents``) on
the Python values before they are written, in time linear in the rows and without a second
read. The writer still runs Frictionless on small outputs, where it is cheap, as a second
opinion on the written files (see ``pipeline.dataset.write``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from types import NoneType

from pipeline.dataset.schema import Column, Table
from pipeline.dataset.validate import SchemaError

Check = Callable[[object], str | None]


#: Whether a Python value has a Table Schema type (``bool`` is not an integer; numbers are finite).
_HAS_TYPE: dict[str, Callable[[object], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v),  # type: ignore[arg-type]
    "boolean": lambda v: isinstance(v, bool),
}


#: Types whose values equal no value of another type but these (``True == 1 == 1.0``) and never None.
_PLAIN_TYPES = frozenset({str, int, float, bool})


def _distinct(values: list[object]) -> Iterable[tuple[type, object]]:
    """Each distinct value of a column once, with its type (``True == 1 == 1.0``: the type is
    part of what counts as distinct). A column of one plain type (and nulls), as nearly every
    column is, is deduplicated by value alone: no tuple built and hashed per value."""
    kinds = set(map(type, values)) - {NoneType}
    try:
        if len(kinds) <= 1 and kinds <= _PLAIN_TYPES:
            return [(type(v), v) for v in dict.fromkeys(values)]
        return dict.fromkeys(zip(map(type, values), values, strict=True))
    except TypeError:  # an unhashable value (never a valid one): check them all
        return [(type(v), v) for v in values]


def compile_column(column: Column) -> Check:
    """One function that returns an error message for a bad value of ``column``, else None."""
    has_type = _HAS_TYPE[column.type]
    pattern = re.compile(column.pattern) if column.pattern else None
    enum = frozenset(column.enum) if column.enum else None

    def check(value: object) -> str | None:
        if value is None or value == "":
            return "is required" if column.required else None
        if not has_type(value):
            return f"{value!r} is not of type {column.type}"
        if pattern is not None and not pattern.fullmatch(str(value)):
            return f"{value!r} does not match the pattern {column.pattern}"
        if enum is not None and value not in enum:
            return f"{value!r} is not one of {sorted(enum)}"
        if column.minimum is not None and value < column.minimum:  # type: ignore[operator]
            return f"{value!r} is below the minimum {column.minimum}"
        if column.maximum is not None and value > column.maximum:  # type: ignore[operator]
            return f"{value!r} is above the maximum {column.maximum}"
        if isinstance(value, str) and "\x00" in value:
            return "contains a NUL character"
        return None

    return check


class RowChecker:
    """Checks rows of one table; remembers primary keys to catch duplicates."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.names = tuple(table.column_names)
        self.known = frozenset(self.names)
        self.checks = tuple(compile_column(c) for c in table.columns)
        self.key_positions = tuple(self.names.index(k) for k in table.primary_key)
        self.foreign_position = self.names.index(table.foreign_key) if table.foreign_key else None
        self.keys: set[tuple[object, ...]] = set()
        self.referenced: set[object] = set()

    def check_columns(self, rows: list[dict[str, object]], columns: list[list[object]]) -> None:
        """Check a batch: ``rows`` as given, ``columns`` their values in ``self.names`` order.

        Each distinct value of a column is checked once. Why: the derived tables arrive as tens
        of thousands of rows at once (one per municipality × year × label) that repeat a few
        hundred codes, years and labels; a check depends only on the value and its type."""
        for row in rows:
            if not self.known.issuperset(row):
                raise SchemaError(f"{self.table.name}: unknown columns {sorted(set(row) - self.known)}")
        for name, check, values in zip(self.names, self.checks, columns, strict=True):
            for kind, value in _distinct(values):
                problem = check(value)
                if problem is not None:
                    at = next(i for i, v in enumerate(values) if v is value or (type(v) is kind and v == value))
                    row = rows[at]
                    raise SchemaError(f"{self.table.name}: column {name}: {problem} (row {row.get('doc_id')!r})")
        for key in zip(*(columns[i] for i in self.key_positions), strict=True):
            if key in self.keys:
                raise SchemaError(f"{self.table.name}: duplicate primary key {key!r}")
            self.keys.add(key)
        if self.foreign_position is not None:
            self.referenced.update(columns[self.foreign_position])


def check_foreign_keys(checkers: dict[str, RowChecker]) -> None:
    """Every ``doc_id`` a table refers to exists in ``documents``."""
    documents = {key[0] for key in checkers["documents"].keys}
    for name, checker in checkers.items():
        missing = checker.referenced - documents
        if missing:
            raise SchemaError(f"{name}: doc_id not in documents: {sorted(map(str, missing))[:5]}")
