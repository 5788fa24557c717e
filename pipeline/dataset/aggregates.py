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

from collections import defaultdict
from collections.abc import Iterable, Sequence

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
    """One row per municipality × year × label: does that year's promise name the label?"""
    munis = all_municipalities() if municipalities is None else municipalities
    covering: dict[tuple[str, int], list[Promise]] = defaultdict(list)
    for p in promises:
        if p.status == MERGED and p.municipality is not None:
            for year in p.years:
                covering[(p.municipality.code, year)].append(p)
    rows: list[Row] = []
    for m in sorted(munis, key=lambda m: m.code):
        for year in years_covered(promises):
            ps = covering.get((m.code, year), [])
            all_ids = sorted({i for p in ps for i in p.doc_ids})
            has_focus = any(p.label_docs for p in ps)
            coverage = FOCUS if has_focus else PROMISE_ONLY if ps else NONE
            for label in LABELS:
                named_ids = sorted({i for p in ps for i in p.label_docs.get(label, ())})
                if coverage == FOCUS:
                    named: int | None = 1 if named_ids else 0
                    ids = named_ids or all_ids
                else:
                    named = None
                    ids = all_ids
                rows.append(
                    {
                        "municipality_code": m.code,
                        "year": year,
                        "label": label,
                        "named": named,
                        "coverage": coverage,
                        "municipality": m.name,
                        "county_code": m.county_code,
                        "county": m.county,
                        "n_documents": len(named_ids) if coverage == FOCUS else None,
                        "doc_ids": ";".join(ids) or None,
                        "promise_ids": ";".join(p.promise_id for p in ps) or None,
                    }
                )
    return rows


def focus_by_county_year(
    municipality_rows: Iterable[Row], municipalities: Sequence[Municipality] | None = None
) -> list[Row]:
    """One row per county × year × label: the share of its municipalities with focus data naming it."""
    munis = all_municipalities() if municipalities is None else municipalities
    county_name = {m.county_code: m.county for m in munis}
    size: dict[str, int] = defaultdict(int)
    for m in munis:
        size[m.county_code] += 1
    counts: dict[tuple[str, int, str], dict[str, int]] = {}
    for row in municipality_rows:
        key = (str(row["county_code"]), int(row["year"]), str(row["label"]))  # type: ignore[call-overload]
        c = counts.setdefault(key, {"promise": 0, "focus": 0, "named": 0})
        c["promise"] += row["coverage"] != NONE
        c["focus"] += row["coverage"] == FOCUS
        c["named"] += row["named"] == 1
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
