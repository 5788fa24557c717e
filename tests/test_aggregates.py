"""Aggregates: counts and shares checked against small tables worked out by hand."""

from __future__ import annotations

import pytest

from pipeline.dataset.aggregates import focus_by_county_year, focus_by_municipality_year
from pipeline.dataset.promises import build_promises
from pipeline.dataset.schema import LABELS
from pipeline.resources.municipalities import all_municipalities

# A small country: Stockholms län (01) with three municipalities, Uppsala län (03) with two.
CODES = ("0180", "0181", "0182", "0380", "0381")


@pytest.fixture(scope="module")
def small_country():
    return [m for m in all_municipalities() if m.code in CODES]


def doc(doc_id, code, start, end=None):
    return {
        "doc_id": doc_id, "source": doc_id, "relevant": "true", "status": "ok", "municipality_code": code,
        "municipality_codes": code, "year_start": start, "year_end": start if end is None else end,
    }  # fmt: skip


DOCUMENTS = [
    doc("sthlm-23", "0180", 2023),  # Stockholm 2023: narkotika, trafik
    doc("sthlm-23-polis", "0180", 2023),  # same promise, names trafik only
    doc("sodertalje-23", "0181", 2023, 2024),  # Södertälje 2023–2024: unga
    doc("nacka-24", "0182", 2024),  # Nacka 2024: a signing notice without focus areas
    doc("uppsala-24", "0380", 2024),  # Uppsala 2024: narkotika
    # Enköping: no document at all
]
FOCUS = [
    {"doc_id": "sthlm-23", "label": "narkotika"},
    {"doc_id": "sthlm-23", "label": "trafik"},
    {"doc_id": "sthlm-23-polis", "label": "trafik"},
    {"doc_id": "sodertalje-23", "label": "unga"},
    {"doc_id": "uppsala-24", "label": "narkotika"},
]

# (code, year, label) → (named, coverage, n_documents, doc_ids), worked out by hand
EXPECTED_MUNICIPALITY = {
    ("0180", 2023, "narkotika"): (1, "focus", 1, "sthlm-23"),
    ("0180", 2023, "trafik"): (1, "focus", 2, "sthlm-23;sthlm-23-polis"),
    ("0180", 2023, "unga"): (0, "focus", 0, "sthlm-23;sthlm-23-polis"),
    ("0180", 2024, "trafik"): (None, "none", None, None),
    ("0181", 2023, "unga"): (1, "focus", 1, "sodertalje-23"),
    ("0181", 2024, "unga"): (1, "focus", 1, "sodertalje-23"),
    ("0181", 2024, "narkotika"): (0, "focus", 0, "sodertalje-23"),
    ("0182", 2024, "narkotika"): (None, "promise_only", None, "nacka-24"),
    ("0182", 2023, "narkotika"): (None, "none", None, None),
    ("0380", 2024, "narkotika"): (1, "focus", 1, "uppsala-24"),
    ("0381", 2023, "narkotika"): (None, "none", None, None),
    ("0381", 2024, "vald"): (None, "none", None, None),
}

# (county, year, label) → (share, n_named, n_with_focus, n_with_promise, n_municipalities)
EXPECTED_COUNTY = {
    ("01", 2023, "narkotika"): (0.5, 1, 2, 2, 3),  # Stockholm yes, Södertälje no
    ("01", 2023, "unga"): (0.5, 1, 2, 2, 3),
    ("01", 2023, "trafik"): (0.5, 1, 2, 2, 3),
    ("01", 2024, "unga"): (1.0, 1, 1, 2, 3),  # Södertälje only; Nacka has a promise but no focus
    ("01", 2024, "narkotika"): (0.0, 0, 1, 2, 3),
    ("03", 2023, "narkotika"): (None, 0, 0, 0, 2),  # no data at all: no share, not 0
    ("03", 2024, "narkotika"): (1.0, 1, 1, 1, 2),
    ("03", 2024, "vald"): (0.0, 0, 1, 1, 2),
}


@pytest.fixture(scope="module")
def tables(small_country):
    promises = build_promises(DOCUMENTS, FOCUS, [])
    by_municipality = focus_by_municipality_year(promises, small_country)
    return by_municipality, focus_by_county_year(by_municipality, small_country)


def test_every_municipality_year_label_is_present(tables):
    by_municipality, _ = tables
    keys = [(r["municipality_code"], r["year"], r["label"]) for r in by_municipality]
    assert len(keys) == len(set(keys)) == len(CODES) * 2 * len(LABELS)  # years 2023 and 2024
    assert {k[1] for k in keys} == {2023, 2024}


@pytest.mark.parametrize("key", EXPECTED_MUNICIPALITY, ids=str)
def test_municipality_flags_match_the_hand_table(tables, key):
    row = next(r for r in tables[0] if (r["municipality_code"], r["year"], r["label"]) == key)
    assert (row["named"], row["coverage"], row["n_documents"], row["doc_ids"]) == EXPECTED_MUNICIPALITY[key]


@pytest.mark.parametrize("key", EXPECTED_COUNTY, ids=str)
def test_county_shares_match_the_hand_table(tables, key):
    row = next(r for r in tables[1] if (r["county_code"], r["year"], r["label"]) == key)
    got = (row["share"], row["n_named"], row["n_with_focus"], row["n_with_promise"], row["n_municipalities"])
    assert got == EXPECTED_COUNTY[key]


def test_county_table_has_every_county_year_label(tables):
    _, by_county = tables
    assert len(by_county) == 2 * 2 * len(LABELS)
    assert {r["county"] for r in by_county} == {"Stockholms län", "Uppsala län"}


def test_whole_country_by_default_with_no_data_explicit():
    promises = build_promises([doc("d", "0380", 2024)], [{"doc_id": "d", "label": "trafik"}], [])
    rows = focus_by_municipality_year(promises)
    assert len({r["municipality_code"] for r in rows}) == 290
    unknown = [r for r in rows if r["municipality_code"] != "0380"]
    assert all(r["coverage"] == "none" and r["named"] is None for r in unknown)
    counties = focus_by_county_year(rows)
    assert len({r["county_code"] for r in counties}) == 21
    assert sum(r["n_municipalities"] for r in counties if r["label"] == "trafik") == 290


def test_no_promises_give_empty_tables():
    assert focus_by_municipality_year([]) == []
    assert focus_by_county_year([]) == []
