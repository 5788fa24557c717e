"""Chart specifications (Vega-Lite, built with Altair) and the map's data.

Specs are plain JSON embedded in the page and drawn by the Vega libraries inlined beside
them, so the page works offline. The map is a template the page's script completes (year,
colour-by, zoom) rather than one spec per choice, so the outlines are embedded once.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from pipeline.dataset.schema import LABELS
from pipeline.report.data import ReportData
from pipeline.report.geometry import municipality_features

NO_DATA_GREY = "#d9d9d9"
NAMED_COLOURS = {"named": "#b2182b", "not named": "#fddbc7", "focus unknown": "#9e9ac8"}


def _split(value: object) -> list[str]:
    return [v for v in str(value).split(";") if v] if isinstance(value, str) else []


def label_frequency(data: ReportData) -> dict:
    """How many promises name each label (merged promises with focus areas are the base)."""
    merged = data.promises[(data.promises["status"] == "merged") & (data.promises["n_focus_areas"] > 0)]
    base = len(merged)
    counts = {label: 0 for label in LABELS}
    for areas in merged["focus_areas"]:
        for label in _split(areas):
            counts[label] += 1
    frame = pd.DataFrame(
        {
            "label": list(counts),
            "promises": list(counts.values()),
            "share": [round(n / base, 3) if base else None for n in counts.values()],
        }
    )
    chart = (
        alt.Chart(frame, title=f"Promises naming each focus area (of {base} with focus areas)")
        .mark_bar(color="#2166ac")
        .encode(
            x=alt.X("promises:Q", title="promises"),
            y=alt.Y("label:N", sort="-x", title=None),
            tooltip=["label", "promises", alt.Tooltip("share:Q", format=".0%")],
        )
        .properties(width=360, height=alt.Step(18))
    )
    return chart.to_dict()


def label_by_year(data: ReportData) -> dict:
    """Municipalities naming each label, per year (among those whose promise states focus areas)."""
    rows = data.focus_by_municipality_year
    focus = rows[rows["coverage"] == "focus"]
    if focus.empty:
        frame = pd.DataFrame({"year": [], "label": [], "named": [], "with_focus": []})
    else:
        frame = (
            focus.groupby(["year", "label"])
            .agg(named=("named", "sum"), with_focus=("named", "size"))
            .reset_index()
            .astype({"year": int, "named": int, "with_focus": int})
        )
    base = alt.Chart(frame, title="Municipalities naming each focus area, by year").encode(
        x=alt.X("year:O", title=None),
        y=alt.Y("label:N", sort=list(LABELS), title=None),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("named:Q", title="municipalities", scale=alt.Scale(scheme="blues")),
        tooltip=[
            "year:O",
            "label:N",
            alt.Tooltip("named:Q", title="naming it"),
            alt.Tooltip("with_focus:Q", title="with focus data"),
        ],
    )
    text = base.mark_text(fontSize=10).encode(text="named:Q")
    return alt.layer(cells, text).properties(width=alt.Step(34), height=alt.Step(18)).to_dict()


def county_heatmap(data: ReportData) -> dict:
    """Share of a county's municipalities (with focus data) naming each label, all years pooled."""
    rows = data.focus_by_county_year
    if rows.empty:
        frame = pd.DataFrame({"county": [], "label": [], "share": [], "n_named": [], "n_with_focus": []})
    else:
        frame = rows.groupby(["county", "label"]).agg(n_named=("n_named", "sum"), n_with_focus=("n_with_focus", "sum"))
        frame = frame.reset_index().astype({"n_named": int, "n_with_focus": int})
        frame["share"] = [
            round(n / d, 3) if d else None for n, d in zip(frame["n_named"], frame["n_with_focus"], strict=True)
        ]
        frame["cell"] = [f"{n}/{d}" if d else "" for n, d in zip(frame["n_named"], frame["n_with_focus"], strict=True)]
    base = alt.Chart(frame, title="County × focus area: share of municipality-years naming it (grey: no data)").encode(
        x=alt.X("label:N", sort=list(LABELS), title=None, axis=alt.Axis(labelAngle=-40)),
        y=alt.Y("county:N", title=None),
    )
    background = base.mark_rect(color=NO_DATA_GREY)  # every cell; coloured cells are drawn over it
    cells = base.mark_rect().encode(
        color=alt.Color("share:Q", title="share", scale=alt.Scale(scheme="oranges", domain=[0, 1])),
        tooltip=["county:N", "label:N", alt.Tooltip("share:Q", format=".0%"), "n_named:Q", "n_with_focus:Q"],
    )
    text = base.mark_text(fontSize=9).encode(text="cell:N") if "cell" in frame else None
    layers = [background, cells, text] if text is not None else [background, cells]
    return alt.layer(*layers).properties(width=alt.Step(44), height=alt.Step(16)).to_dict()


def map_rows(data: ReportData) -> list[dict]:
    """One row per municipality and year with data, plus a ``latest`` row per municipality.

    Each row carries every colour-by value (``n_areas`` and one field per label) and what the
    tooltip shows, so changing the colour or the year needs no new data.
    """
    rows = data.focus_by_municipality_year
    rows = rows[rows["coverage"] != "none"]
    promises = data.promises.set_index("promise_id")
    out: list[dict] = []
    for (code, year), group in rows.groupby(["municipality_code", "year"], sort=True):
        first = group.iloc[0]
        has_focus = first["coverage"] == "focus"
        named = [lb for lb, n in zip(group["label"], group["named"], strict=True) if pd.notna(n) and n == 1]
        ids = _split(first["promise_ids"])
        people = sorted({p for i in ids if i in promises.index for p in _split(promises.at[i, "signatories"])})
        docs = sorted({d for i in ids if i in promises.index for d in _split(promises.at[i, "doc_ids"])})
        row = {
            "code": code,
            "year": str(int(year)),
            "municipality": first["municipality"],
            "county": first["county"],
            "n_areas": len(named) if has_focus else None,
            "areas": ", ".join(named) if has_focus else "not stated",
            "signatories": ", ".join(people) or "none named",
            "documents": ", ".join(docs),
        }
        for label in LABELS:
            row[label] = "focus unknown" if not has_focus else "named" if label in named else "not named"
        out.append(row)
    latest: dict[str, dict] = {}
    for row in out:  # rows are in year order: a later year with focus data wins
        current = latest.get(row["code"])
        if current is None or row["n_areas"] is not None or current["n_areas"] is None:
            latest[row["code"]] = row
    out += [{**row, "year": "latest", "shown_year": row["year"]} for row in latest.values()]
    return out


def map_template(data: ReportData) -> dict:
    """The choropleth as a Vega-Lite spec; the page sets year, colour and zoom before drawing."""
    features = [{**f, "id": f["properties"]["code"]} for f in municipality_features()]
    tooltip = [
        {"field": "municipality", "type": "nominal"},
        {"field": "county", "type": "nominal"},
        {"field": "year", "type": "nominal"},
        {"field": "areas", "type": "nominal", "title": "focus areas"},
        {"field": "signatories", "type": "nominal"},
        {"field": "documents", "type": "nominal"},
    ]
    return {
        "$schema": alt.SCHEMA_URL,
        "width": 360,
        "height": 620,
        "datasets": {"sweden": features, "rows": map_rows(data)},
        "projection": {"type": "mercator"},
        "layer": [
            {
                "data": {"name": "sweden"},
                "transform": [{"calculate": "'no data'", "as": "focus areas"}],
                "mark": {"type": "geoshape", "fill": NO_DATA_GREY, "stroke": "white", "strokeWidth": 0.3},
                "encoding": {
                    "tooltip": [
                        {"field": "properties.name", "type": "nominal", "title": "municipality"},
                        {"field": "focus areas", "type": "nominal"},
                    ]
                },
            },
            {
                "data": {"name": "rows"},
                "transform": [
                    {"filter": "datum.year === 'latest'"},
                    {
                        "lookup": "code",
                        "from": {"data": {"name": "sweden"}, "key": "id", "fields": ["geometry", "type"]},
                    },
                ],
                "mark": {"type": "geoshape", "stroke": "#444444", "strokeWidth": 0.5},
                "encoding": {"color": {}, "tooltip": tooltip},
            },
        ],
        "config": {"view": {"stroke": None}},
    }


def map_colours() -> dict:
    """Colour encodings the page chooses from: the number of areas, or one label."""
    by_label = {
        label: {
            "field": label,
            "type": "nominal",
            "title": label,
            "scale": {"domain": list(NAMED_COLOURS), "range": list(NAMED_COLOURS.values())},
            "legend": {"symbolType": "square"},
        }
        for label in LABELS
    }
    n_areas = {
        "field": "n_areas",
        "type": "ordinal",
        "title": "focus areas",
        "scale": {"scheme": "blues"},
        "legend": {"symbolType": "square"},
    }
    return {"n_areas": n_areas, **by_label}
