"""Assemble output records from a raw document and its annotated ``Doc``.

Records are plain dicts keyed by the column names of ``pipeline.dataset.schema``; writing
them is the dataset layer's job. A document judged not relevant keeps its provenance but no
extracted fields, as the contract promises dashboards.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from pipeline import EXTRACTOR_VERSION
from pipeline.ingest.document import RawDocument
from pipeline.nlp.spans import doc_text

Row = dict[str, object]


@dataclass
class Records:
    document: Row
    signatories: list[Row] = field(default_factory=list)
    focus_areas: list[Row] = field(default_factory=list)


def _provenance(raw: RawDocument) -> Row:
    return {"source": raw.source, "content_sha256": raw.content_sha256, "extractor_version": EXTRACTOR_VERSION}


def _empty_document(raw: RawDocument) -> Row:
    return {
        "doc_id": raw.doc_id,
        "source": raw.source,
        "title": raw.title,
        "published": raw.published,
        "relevant": False,
        "relevance_score": None,
        "municipality": None,
        "municipality_code": None,
        "county": None,
        "municipalities": None,
        "police_area": None,
        "year_start": None,
        "year_end": None,
        "focus_areas": None,
        "n_signatories": 0,
        "status": "ok",
        "error": None,
        "content_sha256": raw.content_sha256,
        "extractor_version": EXTRACTOR_VERSION,
        "url": raw.url,
        "municipality_codes": None,
        "county_code": None,
        "n_officials": 0,
        "relevance_evidence": None,
        "municipality_evidence": None,
        "year_evidence": None,
    }


def error_records(raw: RawDocument, message: str | None = None) -> Records:
    row = _empty_document(raw)
    row["status"] = "error"
    row["error"] = message or raw.error or "unknown error"
    return Records(document=row)


def _title(raw: RawDocument, doc: Doc) -> str | None:
    if raw.title:
        return raw.title
    for line in doc_text(doc).split("\n"):
        line = line.strip()
        if len(line) > 15 and line.lower() not in {"publicerad", "sök"}:
            return line[:300]
    return None


def build_records(raw: RawDocument, doc: Doc) -> Records:
    row = _empty_document(raw)
    row["title"] = _title(raw, doc)
    rel = doc._.relevance
    row["relevance_score"] = rel.score
    row["relevance_evidence"] = rel.evidence
    row["relevant"] = rel.relevant
    if not rel.relevant:
        return Records(document=row)

    place, period = doc._.place, doc._.period
    if place.municipalities:
        main = place.municipalities[0]
        row.update(
            municipality=main.name,
            municipality_code=main.code,
            county=main.county,
            county_code=main.county_code,
            municipalities=";".join(m.name for m in place.municipalities),
            municipality_codes=";".join(m.code for m in place.municipalities),
            municipality_evidence=place.evidence,
        )
    row["police_area"] = place.police_area
    row.update(year_start=period.year_start, year_end=period.year_end, year_evidence=period.evidence)

    prov = _provenance(raw)
    signatories = [
        {
            "doc_id": raw.doc_id,
            "name": p.name,
            "role": p.role,
            "organisation": p.organisation,
            "party": p.party,
            "signed": p.signed,
            "evidence": p.evidence,
            **prov,
        }
        for p in doc._.people
    ]
    focus = [
        {"doc_id": raw.doc_id, "label": f.label, "score": f.score, "method": f.method, "evidence": f.evidence, **prov}
        for f in doc._.focus
    ]
    row["focus_areas"] = ";".join(f["label"] for f in focus) or None
    row["n_signatories"] = sum(1 for s in signatories if s["signed"])
    row["n_officials"] = len(signatories)
    return Records(document=row, signatories=signatories, focus_areas=focus)
