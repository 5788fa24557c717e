"""Tidy aggregates for maps and dashboards, computed from the promises.

Both tables are "long" (one row per place × year × label) so a dashboard can filter and plot
them without reshaping. Every municipality appears for every year and label, including those
no document speaks of: a map must be able to tell "not about drugs" (``named`` = 0) from
"unknown" (``coverage`` = ``none``, ``named`` empty).

``coverage`` of a municipality in a year:

- ``focus``: at least one promise covers the year and states focus areas; ``named`` is 0 or 1.
- ``promise_only``: promises cover the year but none of their documents states a focus area
  (e.g. a signing notice); ``named`` stays empty rather than claiming 0.
- ``none``: no dated promise covers the year.

Years are those covered by any merged promise (the first year only for an open-ended one, as
in ``promises``); documents without municipality or year cannot be placed and are left out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from operator import itemgetter

from pipeline.dataset.promises import MERGED, Promise
from pipeline.dataset.schema import LABELS
from pipeline.resources.municipalities import Municipality, all_municipalities

Row = dict[str, object]

FOCUS = "focus"
PROMISE_ONLY = "promise_only"
NONE = "none"
COVERAGE = (FOCUS, PROMISE_ONLY, NONE)


def years_covered(promises: Iterable[Promise]) -> list[int]:
    return sorted({y for p in promises if p.status == MERGED for y in p.years})


def focus_by_municipality_year(
    promises: Sequence[Promise], municipalities: Sequence[Municipality] | None = None
) -> list[Row]:
    """One row per municipality × year × label: does that year's promise name the label?

    Most of the grid is years no promise of the municipality covers; their rows are copies of
    the municipality's ``none`` rows with the year set (the grid is rebuilt on every run, and
    working each of its tens of thousands of cells out from nothing was most of its cost)."""
    munis = all_municipalities() if municipalities is None else municipalities
    covering: dict[tuple[str, int], list[Promise]] = defaultdict(list)
    for p in promises:
        if p.status == MERGED and p.municipality is not None:
            for year in p.years:
                covering[(p.municipality.code, year)].append(p)
    years = years_covered(promises)
    rows: list[Row] = []
    for m in sorted(munis, key=lambda m: m.code):
        uncovered = _uncovered_rows(m)
        for year in years:
            ps = covering.get((m.code, year))
            rows += _covered_rows(uncovered, year, ps) if ps else [{**row, "year": year} for row in uncovered]
    return rows


def _uncovered_rows(m: Municipality) -> list[Row]:
    """The municipality's rows (one per label, year still to set) for a year no promise covers."""
    return [
        {
            "municipality_code": m.code,
            "year": None,
            "label": label,
            "named": None,
            "coverage": NONE,
            "municipality": m.name,
            "county_code": m.county_code,
            "county": m.county,
            "n_documents": None,
            "doc_ids": None,
            "promise_ids": None,
        }
        for label in LABELS
    ]


def _covered_rows(uncovered: list[Row], year: int, ps: list[Promise]) -> list[Row]:
    """The rows of a year the promises ``ps`` cover, from the ``none`` rows of the municipality."""
    all_ids = sorted({i for p in ps for i in p.doc_ids})
    focus = any(p.label_docs for p in ps)
    coverage = FOCUS if focus else PROMISE_ONLY
    promise_ids = ";".join(p.promise_id for p in ps)
    rows = []
    for label, row in zip(LABELS, uncovered, strict=True):
        named_ids = sorted({i for p in ps for i in p.label_docs.get(label, ())})
        rows.append(
            {
                **row,
                "year": year,
                "named": (1 if named_ids else 0) if focus else None,
                "coverage": coverage,
                "n_documents": len(named_ids) if focus else None,
                "doc_ids": ";".join((named_ids or all_ids) if focus else all_ids) or None,
                "promise_ids": promise_ids or None,
            }
        )
    return rows


def focus_by_county_year(
    municipality_rows: Iterable[Row], municipalities: Sequence[Municipality] | None = None
) -> list[Row]:
    """One row per county × year × label: the share of its municipalities with focus data naming it.

    The rows are first counted by everything the shares depend on (``Counter`` over one
    ``itemgetter`` per row, no Python code per row): tens of thousands of rows, a few thousand
    distinct keys."""
    munis = all_municipalities() if municipalities is None else municipalities
    county_name = {m.county_code: m.county for m in munis}
    size = Counter(m.county_code for m in munis)
    tally = Counter(map(itemgetter("county_code", "year", "label", "coverage", "named"), municipality_rows))
    counts: dict[tuple[str, int, str], dict[str, int]] = {}
    for (county_code, year, label, coverage, named), n in tally.items():
        c = counts.setdefault((county_code, year, label), {"promise": 0, "focus": 0, "named": 0})
        c["promise"] += n if coverage != NONE else 0
        c["focus"] += n if coverage == FOCUS else 0
        c["named"] += n if named == 1 else 0
    rows: list[Row] = []
    for (county_code, year, label), c in sorted(counts.items(), key=lambda kv: _order(kv[0])):
        rows.append(
            {
                "county_code": county_code,
                "year": year,
                "label": label,
                "share": round(c["named"] / c["focus"], 6) if c["focus"] else None,
                "n_named": c["named"],
                "n_with_focus": c["focus"],
                "n_with_promise": c["promise"],
                "n_municipalities": size[county_code],
                "county": county_name.get(county_code),
            }
        )
    return rows


def _order(key: tuple[str, int, str]) -> tuple[str, int, int]:
    county_code, year, label = key
    return county_code, year, LABELS.index(label)
