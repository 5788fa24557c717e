"""Tables derived from the extracted rows: promises and the focus-area aggregates.

The batch hands every document's records to a :class:`DerivedTables` as it goes; at the end
of the run the derived tables are added to the same ``DatasetWriter``, so they are validated
and published atomically with the extracted tables and can never describe another run.
Only the few columns the derivations need are kept in memory (no evidence sentences).
"""

from __future__ import annotations

from pipeline.dataset.aggregates import focus_by_county_year, focus_by_municipality_year
from pipeline.dataset.promises import build_promises

Row = dict[str, object]

_DOCUMENT_COLUMNS = (
    "doc_id", "source", "relevant", "status", "municipality_code", "municipality_codes",
    "year_start", "year_end", "police_area",
)  # fmt: skip
_SIGNATORY_COLUMNS = ("doc_id", "name", "role", "organisation", "party", "signed")


class DerivedTables:
    """Collects what the derived tables need, then computes them in one call."""

    def __init__(self) -> None:
        self.documents: list[Row] = []
        self.focus_areas: list[Row] = []
        self.signatories: list[Row] = []

    def add(self, document: Row, signatories: list[Row], focus_areas: list[Row]) -> None:
        self.documents.append({k: document.get(k) for k in _DOCUMENT_COLUMNS})
        self.signatories += [{k: s.get(k) for k in _SIGNATORY_COLUMNS} for s in signatories if s.get("signed")]
        self.focus_areas += [{"doc_id": f["doc_id"], "label": f["label"]} for f in focus_areas]

    def tables(self) -> dict[str, list[Row]]:
        """Table name → rows, in the order the writer should add them."""
        return derive(self.documents, self.focus_areas, self.signatories)


def derive(documents: list[Row], focus_areas: list[Row], signatories: list[Row]) -> dict[str, list[Row]]:
    promises = build_promises(documents, focus_areas, signatories)
    by_municipality = focus_by_municipality_year(promises)
    return {
        "promises": [p.to_row() for p in promises],
        "focus_by_municipality_year": by_municipality,
        "focus_by_county_year": focus_by_county_year(by_municipality),
    }
