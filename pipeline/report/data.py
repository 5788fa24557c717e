"""Read a published output folder into what the report shows.

The report reads the published CSV files (the contract), not the pipeline's internals, so it
can be rebuilt from any output folder, also one made by an older run or another machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.dataset.schema import TABLES


class MissingTables(FileNotFoundError):
    """The folder lacks tables the report needs (e.g. written before the derived tables existed)."""


@dataclass
class ReportData:
    documents: pd.DataFrame
    signatories: pd.DataFrame
    focus_areas: pd.DataFrame
    promises: pd.DataFrame
    focus_by_municipality_year: pd.DataFrame
    focus_by_county_year: pd.DataFrame


_INTEGERS = {"year", "year_start", "year_end", "named", "n_documents", "n_focus_areas", "n_signatories"}
_INTEGERS |= {"n_named", "n_with_focus", "n_with_promise", "n_municipalities"}


def _read(path: Path) -> pd.DataFrame:
    """All columns as text (codes keep their leading zeros); counts and years as nullable integers."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    frame = frame.astype(object).where(frame.notna(), None)
    for column in frame.columns:
        if column in _INTEGERS:
            frame[column] = pd.array(frame[column], dtype="Int64")
        elif column == "share":
            frame[column] = pd.to_numeric(frame[column])
    return frame


def load(data_dir: str | Path) -> ReportData:
    folder = Path(data_dir)
    missing = [t.name for t in TABLES if not (folder / f"{t.name}.csv").exists()]
    if missing:
        raise MissingTables(
            f"{folder}: missing {', '.join(f'{m}.csv' for m in missing)}; run `medborgarlofte extract` first"
        )
    return ReportData(**{t.name: _read(folder / f"{t.name}.csv") for t in TABLES})
