"""The aggregates copy a municipality's ``none`` rows for the years no promise covers, and the
county table counts the municipality rows by key before summing; both must give exactly the
rows the plain versions gave. ``_reference_*`` are those, kept as they were."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dataset.aggregates import (
    FOCUS,
    NONE,
    PROMISE_ONLY,
    _order,
    focus_by_county_year,
    focus_by_municipality_year,
    years_covered,
)
from pipeline.dataset.promises import MERGED, Promise, build_promises
from pipeline.dataset.schema import LABELS
from pipeline.resources.municipalities import Municipality, all_municipalities

Row = dict[str, object]


def _reference_by_municipality(promises: Sequence[Promise], munis: Sequence[Municipality]) -> list[Row]:
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


def _reference_by_county(municipality_rows: Iterable[Row], munis: Sequence[Municipality]) -> list[Row]:
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
    return [
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
        for (county_code, year, label), c in sorted(counts.items(), key=lambda kv: _order(kv[0]))
    ]


def _assert_same_aggregates(promises: list[Promise], munis: Sequence[Municipality]) -> None:
    by_municipality = focus_by_municipality_year(promises, munis)
    assert by_municipality == _reference_by_municipality(promises, munis)
    assert focus_by_county_year(by_municipality, munis) == _reference_by_county(by_municipality, munis)


def _promises_of(out_dir: Path) -> list[Promise]:
    def read(name: str) -> list[dict[str, str]]:
        with (out_dir / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    return build_promises(read("documents"), read("focus_areas"), read("signatories"))


def test_seed_aggregates_are_the_plain_ones(seed_tables):
    _assert_same_aggregates(_promises_of(seed_tables), all_municipalities())


def test_corpus_aggregates_are_the_plain_ones(corpus_output):
    promises = _promises_of(corpus_output)
    assert any(p.label_docs for p in promises)
    _assert_same_aggregates(promises, all_municipalities())


# Stockholm, Södertälje, Nacka (Stockholms län), Uppsala, Enköping (Uppsala län), and a code no
# municipality has.
_CODES = ("0180", "0181", "0182", "0380", "0381", "9999")
_DOCUMENT = st.tuples(
    st.lists(st.sampled_from(_CODES), max_size=2, unique=True),
    st.none() | st.integers(2019, 2024),
    st.sampled_from([None, 0, 1, 2, -1]),  # end: open, same year, later, before the start
    st.sets(st.sampled_from(LABELS[:4]), max_size=3),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(_DOCUMENT, max_size=8))
def test_generated_aggregates_are_the_plain_ones(documents):
    rows, focus = [], []
    for n, (codes, start, span, labels) in enumerate(documents):
        end = None if start is None or span is None else start + span
        rows.append({"doc_id": f"d{n}", "source": f"d{n}", "relevant": True, "status": "ok",
                     "municipality_codes": ";".join(codes), "year_start": start, "year_end": end})  # fmt: skip
        focus += [{"doc_id": f"d{n}", "label": label} for label in sorted(labels)]
    munis = [m for m in all_municipalities() if m.code in _CODES]
    _assert_same_aggregates(build_promises(rows, focus, []), munis)
