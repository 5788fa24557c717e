"""Validate written tables against the Frictionless data package before they are published."""

from __future__ import annotations

import copy
from pathlib import Path


class SchemaError(ValueError):
    """Output does not match the published schema: a bug, never shipped to users."""


def validate_package(descriptor: dict, paths: dict[str, Path]) -> None:
    """Validate the CSV files in ``paths`` (table name → file) as the package ``descriptor``.

    Checks types, constraints, primary keys and the foreign keys to ``documents``.
    """
    from frictionless import Package, system

    desc = copy.deepcopy(descriptor)
    base = None
    for resource in desc["resources"]:
        path = Path(paths[resource["name"]]).resolve()
        base = str(path.parent)
        resource["path"] = path.name
    with system.use_context(trusted=True):
        package = Package(desc, basepath=base)
        report = package.validate()
    if not report.valid:
        problems = []
        for task in report.tasks:
            for error in task.errors[:5]:
                problems.append(f"{task.name}: {error.message}")
        raise SchemaError("output failed schema validation:\n" + "\n".join(problems))


def validate_dir(out_dir: str | Path) -> None:
    """Validate published tables in ``out_dir`` (used by tests and ``medborgarlofte validate``)."""
    from pipeline.dataset.schema import TABLES, datapackage

    out = Path(out_dir)
    validate_package(datapackage(), {t.name: out / f"{t.name}.csv" for t in TABLES})
