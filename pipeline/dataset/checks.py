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
from collections.abc import Callable

from pipeline.dataset.schema import Column, Table
from pipeline.dataset.validate import SchemaError

Check = Callable[[object], str | None]


def _type_check(column: Column) -> Check:
    def check(value: object) -> str | None:
        ok = {
            "string": isinstance(value, str),
            "integer": isinstance(value, int) and not isinstance(value, bool),
            "number": isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value),
            "boolean": isinstance(value, bool),
        }[column.type]
        return None if ok else f"{value!r} is not of type {column.type}"

    return check


def compile_column(column: Column) -> Check:
    """One function that returns an error message for a bad value of ``column``, else None."""
    is_type = _type_check(column)
    pattern = re.compile(column.pattern) if column.pattern else None
    enum = frozenset(column.enum) if column.enum else None

    def check(value: object) -> str | None:
        if value is None or value == "":
            return "is required" if column.required else None
        if (problem := is_type(value)) is not None:
            return problem
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
        self.keys: set[tuple[object, ...]] = set()
        self.referenced: set[object] = set()

    def check(self, row: dict[str, object]) -> None:
        if not self.known.issuperset(row):
            raise SchemaError(f"{self.table.name}: unknown columns {sorted(set(row) - self.known)}")
        for name, check in zip(self.names, self.checks, strict=True):
            problem = check(row.get(name))
            if problem is not None:
                raise SchemaError(f"{self.table.name}: column {name}: {problem} (row {row.get('doc_id')!r})")
        key = tuple(row.get(k) for k in self.table.primary_key)
        if key in self.keys:
            raise SchemaError(f"{self.table.name}: duplicate primary key {key!r}")
        self.keys.add(key)
        if self.table.foreign_key:
            self.referenced.add(row.get(self.table.foreign_key))


def check_foreign_keys(checkers: dict[str, RowChecker]) -> None:
    """Every ``doc_id`` a table refers to exists in ``documents``."""
    documents = {key[0] for key in checkers["documents"].keys}
    for name, checker in checkers.items():
        missing = checker.referenced - documents
        if missing:
            raise SchemaError(f"{name}: doc_id not in documents: {sorted(map(str, missing))[:5]}")
