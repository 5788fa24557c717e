"""Score output tables against gold annotations (format of GUIDELINES.md).

The definitions follow the project's reference scorer exactly (a test checks that both give
the same figures): names and labels compared after NFC, whitespace and case normalisation;
relevance as binary F1 over all documents; the other fields over gold-relevant documents.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path


def norm(value: object) -> str:
    text = unicodedata.normalize("NFC", str(value or "").strip())
    return " ".join(text.replace("\u2010", "-").replace("\u2011", "-").split()).casefold()


def truthy(value: object) -> bool:
    return str(value).strip().lower() in {"true", "1", "yes", "ja"}


def split_list(value: object) -> list[str]:
    return [x.strip() for x in str(value or "").replace("|", ";").split(";") if x.strip()]


def as_int(value: object) -> int | None:
    try:
        return int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_gold(gold_dir: str | Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(gold_dir).glob("*.json"))}


@dataclass
class Predictions:
    documents: dict[str, dict[str, str]]
    people: dict[str, list[dict[str, str]]]
    focus: dict[str, set[str]]

    @classmethod
    def from_dir(cls, out_dir: str | Path) -> Predictions:
        out = Path(out_dir)
        docs = {r.get("doc_id", ""): r for r in _read_csv(out / "documents.csv")}
        people: dict[str, list[dict[str, str]]] = defaultdict(list)
        for r in _read_csv(out / "signatories.csv"):
            people[r.get("doc_id", "")].append(r)
        focus: dict[str, set[str]] = defaultdict(set)
        for r in _read_csv(out / "focus_areas.csv"):
            focus[r.get("doc_id", "")].add(norm(r.get("label")))
        return cls(docs, dict(people), dict(focus))


def score(gold: dict[str, dict], pred: Predictions) -> dict[str, object]:
    """All metrics as a flat dict (plus ``focus_per_label``: label → (p, r, f1, support))."""
    m: dict[str, object] = {
        "docs_gold": len(gold),
        "docs_missing_in_output": sum(i not in pred.documents for i in gold),
    }
    rel_counts, tn = Counts(), 0
    for i, g in gold.items():
        p = truthy(pred.documents.get(i, {}).get("relevant", "false"))
        if g["relevant"] and p:
            rel_counts.tp += 1
        elif g["relevant"]:
            rel_counts.fn += 1
        elif p:
            rel_counts.fp += 1
        else:
            tn += 1
    m["relevance_p"], m["relevance_r"], m["relevance_f1"] = rel_counts.prf()
    m["relevance_acc"] = (rel_counts.tp + tn) / max(1, len(gold))

    rel = {i: g for i, g in gold.items() if g["relevant"]}
    ok_set = ok_primary = n = 0
    for i, g in rel.items():
        gm = {norm(x) for x in g["municipalities"]}
        if not gm:
            continue
        n += 1
        d = pred.documents.get(i, {})
        pm = {norm(x) for x in split_list(d.get("municipalities"))} or ({norm(d.get("municipality"))} - {""})
        ok_set += pm == gm
        ok_primary += norm(d.get("municipality")) in gm
    m["municipality_set_acc"] = ok_set / max(1, n)
    m["municipality_primary_acc"] = ok_primary / max(1, n)

    ok = n = 0
    for i, g in rel.items():
        if g.get("year_start") is None:
            continue
        n += 1
        d = pred.documents.get(i, {})
        ok += (as_int(d.get("year_start")), as_int(d.get("year_end"))) == (
            g["year_start"],
            g.get("year_end", g["year_start"]),
        )
    m["year_acc"] = ok / max(1, n)

    sig, everyone = Counts(), Counts()
    role_ok = role_n = party_ok = party_n = 0
    for i, g in rel.items():
        preds = pred.people.get(i, [])
        gs = {norm(p["name"]): p for p in g["signatories"]}
        ga = dict(gs)
        ga.update({norm(p["name"]): p for p in g.get("persons", [])})
        ps = {norm(p.get("name")): p for p in preds if truthy(p.get("signed", "true"))}
        pa = {norm(p.get("name")): p for p in preds}
        optional = {norm(x) for x in g.get("signatories_optional", [])}
        sig.tp += len(gs.keys() & ps.keys())
        sig.fp += len(ps.keys() - gs.keys() - optional)
        sig.fn += len(gs.keys() - ps.keys())
        everyone.tp += len(ga.keys() & pa.keys())
        everyone.fp += len(pa.keys() - ga.keys())
        everyone.fn += len(ga.keys() - pa.keys())
        for k in ga.keys() & pa.keys():
            if ga[k].get("role"):
                role_n += 1
                role_ok += norm(ga[k]["role"]) == norm(pa[k].get("role"))
            party_n += 1
            party_ok += norm(ga[k].get("party")) == norm(pa[k].get("party"))
    m["signatory_p"], m["signatory_r"], m["signatory_f1"] = sig.prf()
    m["official_p"], m["official_r"], m["official_f1"] = everyone.prf()
    m["role_acc"] = role_ok / max(1, role_n)
    m["party_acc"] = party_ok / max(1, party_n)

    total = Counts()
    per_label: dict[str, Counts] = defaultdict(Counts)
    support: dict[str, int] = defaultdict(int)
    for i, g in rel.items():
        req = {norm(x) for x in g["focus_required"]}
        opt = {norm(x) for x in g.get("focus_optional", [])}
        got = pred.focus.get(i)
        if got is None:
            got = {norm(x) for x in split_list(pred.documents.get(i, {}).get("focus_areas"))}
        for lab in req:
            support[lab] += 1
        for lab in got & req:
            per_label[lab].tp += 1
        for lab in got - req - opt:
            per_label[lab].fp += 1
        for lab in req - got:
            per_label[lab].fn += 1
        total.tp += len(got & req)
        total.fp += len(got - req - opt)
        total.fn += len(req - got)
    m["focus_p"], m["focus_r"], m["focus_f1"] = total.prf()
    m["focus_macro_f1"] = sum(c.prf()[2] for c in per_label.values()) / max(1, len(per_label))
    m["focus_per_label"] = {k: (*per_label[k].prf(), support.get(k, 0)) for k in sorted(per_label)}
    return m


def score_dirs(gold_dir: str | Path, out_dir: str | Path) -> dict[str, object]:
    return score(load_gold(gold_dir), Predictions.from_dir(out_dir))


def errors_by_document(gold: dict[str, dict], pred: Predictions) -> list[dict[str, object]]:
    """One line per gold document with what differs: the list to read when improving rules."""
    rows = []
    for i, g in gold.items():
        d = pred.documents.get(i, {})
        row: dict[str, object] = {"doc_id": i}
        if g["relevant"] != truthy(d.get("relevant", "false")):
            row["relevant"] = f"gold={g['relevant']} pred={d.get('relevant')}"
        if g["relevant"]:
            gm = [norm(x) for x in g["municipalities"]]
            pm = [norm(x) for x in split_list(d.get("municipalities"))]
            if gm and set(gm) != set(pm):
                row["municipalities"] = f"gold={gm} pred={pm}"
            if g.get("year_start") is not None:
                gy = (g["year_start"], g.get("year_end", g["year_start"]))
                py = (as_int(d.get("year_start")), as_int(d.get("year_end")))
                if gy != py:
                    row["years"] = f"gold={gy} pred={py}"
            gs = {norm(p["name"]) for p in g["signatories"]}
            ps = {norm(p.get("name")) for p in pred.people.get(i, []) if truthy(p.get("signed"))}
            opt = {norm(x) for x in g.get("signatories_optional", [])}
            if gs != ps and (ps - gs - opt or gs - ps):
                row["signatories"] = f"missing={sorted(gs - ps)} extra={sorted(ps - gs - opt)}"
            req = {norm(x) for x in g["focus_required"]}
            opt_f = {norm(x) for x in g.get("focus_optional", [])}
            got = pred.focus.get(i, set())
            if req - got or got - req - opt_f:
                row["focus"] = f"missing={sorted(req - got)} extra={sorted(got - req - opt_f)}"
        if len(row) > 1:
            rows.append(row)
    return rows
