"""Run the whole flow over many inputs: ingest → clean → NLP → records → validated tables.

One bad document never stops the batch: it becomes an error row and is counted in the
summary. Inputs are processed in a deterministic order, so the same inputs give the same
bytes out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.dataset.write import DatasetWriter
from pipeline.extract.record import Records, build_records, error_records
from pipeline.ingest.document import RawDocument
from pipeline.ingest.readers import DEFAULT_MAX_BYTES, read_inputs
from pipeline.text.clean import clean_text

log = logging.getLogger(__name__)

DEFAULT_MAX_CHARS = 1_000_000


@dataclass
class RunSummary:
    read: int = 0
    ok: int = 0
    errors: int = 0
    relevant: int = 0
    with_municipality: int = 0
    with_year: int = 0
    signatories: int = 0
    focus_areas: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)

    def add(self, records: Records) -> None:
        row = records.document
        self.read += 1
        if row["status"] == "error":
            self.errors += 1
            kind = str(row["error"]).split(":")[0][:60]
            self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1
            return
        self.ok += 1
        if row["relevant"]:
            self.relevant += 1
            self.with_municipality += bool(row["municipality"])
            self.with_year += row["year_start"] is not None
            self.signatories += int(row["n_signatories"] or 0)
            self.focus_areas += len(records.focus_areas)


def analyse(raw: RawDocument, max_chars: int = DEFAULT_MAX_CHARS) -> Records:
    """Records for one document; any failure becomes an error row for that document only."""
    if not raw.ok:
        return error_records(raw)
    text = clean_text(raw.text or "")
    if not text:
        return error_records(raw, "no text after cleaning")
    if len(text) > max_chars:
        return error_records(raw, f"text is {len(text)} characters, over the limit of {max_chars}")
    from pipeline.nlp.build import get_nlp
    from pipeline.nlp.spans import set_doc_text

    nlp = get_nlp()
    try:
        doc = nlp.make_doc(text)
        set_doc_text(doc, text)
        doc._.url = raw.url
        doc._.title = raw.title
        doc = nlp(doc)
        return build_records(raw, doc)
    except Exception as exc:
        log.exception("extraction failed for %s", raw.doc_id)
        return error_records(raw, f"extraction failed: {type(exc).__name__}: {exc}")


def _unique_ids(docs: Iterable[RawDocument]) -> Iterable[RawDocument]:
    """Two inputs with the same id (same file stem in two folders) must not collide."""
    from dataclasses import replace

    seen: set[str] = set()
    for raw in docs:
        doc_id = raw.doc_id
        if doc_id in seen:
            doc_id = f"{raw.doc_id}~{raw.content_sha256[:8]}"
            n = 2
            while doc_id in seen:
                doc_id = f"{raw.doc_id}~{raw.content_sha256[:8]}-{n}"
                n += 1
            raw = replace(raw, doc_id=doc_id)
        seen.add(doc_id)
        yield raw


def extract_to_dir(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    on_document: Callable[[Records], None] | None = None,
) -> RunSummary:
    """Extract every document behind ``paths`` into the tables in ``out_dir``."""
    summary = RunSummary()
    with DatasetWriter(out_dir) as writer:
        for raw in _unique_ids(read_inputs(paths, max_bytes=max_bytes)):
            records = analyse(raw, max_chars=max_chars)
            writer.add("documents", [records.document])
            writer.add("signatories", records.signatories)
            writer.add("focus_areas", records.focus_areas)
            summary.add(records)
            if on_document is not None:
                on_document(records)
    return summary
