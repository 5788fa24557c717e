"""Promises: documents announcing the same promise are merged; disagreements are kept visible."""

from __future__ import annotations

import pytest

from pipeline.dataset.promises import build_promises

# Real municipality codes: 0180 Stockholm, 0380 Uppsala, 0381 Enköping (both in Uppsala län).


def doc(doc_id: str, codes: str | None, start: int | None, end: int | None, **extra) -> dict:
    row = {
        "doc_id": doc_id,
        "source": f"in/{doc_id}.txt",
        "relevant": True,
        "status": "ok",
        "municipality_code": codes.split(";")[0] if codes else None,
        "municipality_codes": codes,
        "year_start": start,
        "year_end": end,
        "police_area": None,
    }
    row.update(extra)
    return row


def focus(doc_id: str, *labels: str) -> list[dict]:
    return [{"doc_id": doc_id, "label": label} for label in labels]


def signed(doc_id: str, name: str, role: str | None = None, party: str | None = None) -> dict:
    return {"doc_id": doc_id, "name": name, "role": role, "organisation": "kommun", "party": party, "signed": True}


def rows(documents, focus_rows=(), signatories=()):
    return {p["promise_id"]: p for p in (x.to_row() for x in build_promises(documents, focus_rows, signatories))}


def test_release_and_police_page_for_one_year_are_one_promise():
    docs = [doc("kommunen", "0380", 2023, 2023), doc("polisen", "0380", 2023, 2023)]
    focus_rows = focus("kommunen", "trafik", "unga") + focus("polisen", "trafik", "narkotika")
    people = [
        signed("kommunen", "Karin Berg", "kommunstyrelsens ordförande", "S"),
        signed("polisen", "Karin Berg", "kommunstyrelsens ordförande"),
        signed("polisen", "Olof Strand", "lokalpolisområdeschef"),
    ]
    out = rows(docs, focus_rows, people)
    assert list(out) == ["0380-2023-2023"]
    p = out["0380-2023-2023"]
    assert (p["status"], p["municipality"], p["county"], p["n_documents"]) == ("merged", "Uppsala", "Uppsala län", 2)
    assert p["doc_ids"] == "kommunen;polisen"
    assert p["sources"] == "in/kommunen.txt;in/polisen.txt"
    # union in taxonomy order, with how many documents name each
    assert p["focus_areas"] == "narkotika;trafik;unga"
    assert p["focus_support"] == "narkotika:1;trafik:2;unga:1"
    assert p["n_focus_areas"] == 3
    assert p["signatories"] == "Karin Berg;Olof Strand"
    assert p["signatory_roles"] == "kommunstyrelsens ordförande;lokalpolisområdeschef"
    assert p["conflict"] is None  # a party written in one document only is no disagreement


def test_overlapping_but_different_periods_merge_with_a_conflict():
    docs = [
        doc("release", "0380", 2022, 2023),
        doc("police", "0380", 2022, 2023),
        doc("follow-up", "0380", 2022, 2022),
    ]
    out = rows(docs)
    assert list(out) == ["0380-2022-2023"]  # the period most documents give
    p = out["0380-2022-2023"]
    assert (p["year_start"], p["year_end"], p["n_documents"]) == (2022, 2023, 3)
    assert p["conflict"] == "period: 2022 (follow-up) vs 2022–2023 (police, release)"


def test_separate_years_are_separate_promises():
    out = rows([doc("a", "0380", 2022, 2022), doc("b", "0380", 2023, 2023), doc("c", "0380", 2021, 2021)])
    assert list(out) == ["0380-2021-2021", "0380-2022-2022", "0380-2023-2023"]
    assert all(p["conflict"] is None for p in out.values())


def test_open_ended_promise_does_not_swallow_later_years():
    out = rows([doc("a", "0380", 2020, None), doc("b", "0380", 2021, 2021)])
    assert list(out) == ["0380-2020-open", "0380-2021-2021"]
    assert out["0380-2020-open"]["year_end"] is None


def test_joint_promise_counts_for_each_municipality():
    out = rows([doc("joint", "0380;0381", 2024, 2024)], focus("joint", "vald"))
    assert set(out) == {"0380-2024-2024", "0381-2024-2024"}
    assert out["0380-2024-2024"]["partners"] == "Enköping"
    assert out["0381-2024-2024"]["partners"] == "Uppsala"
    assert out["0381-2024-2024"]["focus_areas"] == "vald"


def test_undated_and_unplaced_documents_stay_unmerged_and_counted():
    docs = [
        doc("no-year-1", "0180", None, None),
        doc("no-year-2", "0180", None, None),
        doc("nowhere", None, 2023, 2023),
        doc("dated", "0180", 2023, 2023),
    ]
    out = rows(docs)
    statuses = {pid: p["status"] for pid, p in out.items()}
    assert statuses == {
        "0180-2023-2023": "merged",
        "0180-unknown-no-year-1": "no_year",
        "0180-unknown-no-year-2": "no_year",
        "unknown-nowhere": "no_municipality",
    }
    assert out["unknown-nowhere"]["municipality_code"] is None and out["unknown-nowhere"]["year_start"] == 2023


def test_irrelevant_and_unreadable_documents_are_not_promises():
    docs = [
        doc("news", "0380", 2023, 2023, relevant=False),
        doc("broken", "0380", 2023, 2023, status="error"),
        doc("promise", "0380", 2023, 2023),
    ]
    assert rows(docs)["0380-2023-2023"]["doc_ids"] == "promise"


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (("kommunalråd", "C"), ("kommunalråd", "C"), None),
        (("kommunalråd", None), ("kommundirektör", None), "role of Eva Ek: kommunalråd (a) vs kommundirektör (b)"),
        (("kommunalråd", "C"), ("kommunalråd", "M"), "party of Eva Ek: C (a) vs M (b)"),
    ],
)
def test_signatory_disagreements_are_conflicts(first, second, expected):
    docs = [doc("a", "0380", 2023, 2023), doc("b", "0380", 2023, 2023)]
    people = [signed("a", "Eva Ek", *first), signed("b", "Eva Ek", *second)]
    assert rows(docs, (), people)["0380-2023-2023"]["conflict"] == expected


def test_police_area_disagreement_is_a_conflict():
    docs = [
        doc("a", "0380", 2023, 2023, police_area="Uppsala"),
        doc("b", "0380", 2023, 2023, police_area="Uppland"),
    ]
    p = rows(docs)["0380-2023-2023"]
    assert p["police_area"] == "Uppland;Uppsala"
    assert p["conflict"] == "police_area: Uppland (b) vs Uppsala (a)"


def test_rows_read_back_from_csv_strings_give_the_same_promises():
    typed = [doc("a", "0380", 2023, 2024), doc("b", "0380", 2024, 2024)]
    as_text = [
        {k: ("" if v is None else str(v).lower() if isinstance(v, bool) else str(v)) for k, v in d.items()}
        for d in typed
    ]
    people = [signed("a", "Eva Ek", "kommunalråd")]
    people_text = [{**p, "signed": "true", "party": ""} for p in people]
    assert rows(typed, focus("a", "trafik"), people) == rows(as_text, focus("a", "trafik"), people_text)
