"""Turn paths (files, folders, JSON Lines) into ``RawDocument``s.

Every input yields at least one document. Anything that goes wrong while reading one file
becomes that document's ``error`` so the batch goes on and the failure is visible in the output.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.ingest.decode import DecodeError, decode_bytes
from pipeline.ingest.document import RawDocument, sha256_hex
from pipeline.ingest.html import extract_html
from pipeline.ingest.pdf import PdfError, extract_pdf

SUPPORTED_SUFFIXES = {".txt", ".text", ".html", ".htm", ".jsonl", ".pdf"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, folders expanded to their supported files, in a stable (sorted) order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES and not child.name.startswith("."):
                    yield child
        else:
            yield path


def _doc_from_text(doc_id: str, source: str, data: bytes, text: str, url: str | None = None) -> RawDocument:
    return RawDocument(doc_id=doc_id, source=source, text=text, content_sha256=sha256_hex(data), url=url)


def _doc_from_html(doc_id: str, source: str, data: bytes, html: str, url: str | None) -> RawDocument:
    content = extract_html(html, url=url)
    if not content.text.strip():
        return _error(doc_id, source, data, "HTML page has no readable text", url=url)
    return RawDocument(
        doc_id=doc_id,
        source=source,
        text=content.text,
        content_sha256=sha256_hex(data),
        url=content.url or url,
        title=content.title,
        published=content.published,
    )


def _error(doc_id: str, source: str, data: bytes, message: str, url: str | None = None) -> RawDocument:
    return RawDocument(doc_id=doc_id, source=source, text=None, content_sha256=sha256_hex(data), url=url, error=message)


def _url_id(url: str) -> str:
    return "url-" + sha256_hex(url.encode("utf-8"))[:16]


def read_record(record: object, source: str, fallback_id: str, max_bytes: int) -> RawDocument:
    """One JSON Lines object (``text`` or ``html``, optional ``url``, ``id``) → document."""
    raw = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    if not isinstance(record, dict):
        return _error(fallback_id, source, raw, "JSON Lines record is not an object")
    url = record.get("url") or None
    url = url if isinstance(url, str) else None
    rid = record.get("id")
    doc_id = str(rid) if rid not in (None, "") else (_url_id(url) if url else fallback_id)
    text, html = record.get("text"), record.get("html")
    if len(raw) > max_bytes:
        return _error(doc_id, source, raw, f"record larger than the limit of {max_bytes} bytes", url=url)
    if isinstance(html, str) and html.strip():
        return _doc_from_html(doc_id, source, raw, html, url)
    if isinstance(text, str) and text.strip():
        return _doc_from_text(doc_id, source, raw, text, url=url)
    return _error(doc_id, source, raw, "record has no 'text' or 'html'", url=url)


def read_jsonl(path: Path, max_bytes: int) -> Iterator[RawDocument]:
    with path.open("rb") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            source = f"{path}#L{lineno}"
            fallback_id = f"{path.stem}-{lineno}"
            try:
                record = json.loads(decode_bytes(line))
            except (json.JSONDecodeError, DecodeError) as exc:
                yield _error(fallback_id, source, line, f"invalid JSON on line {lineno}: {exc}")
                continue
            yield read_record(record, source, fallback_id, max_bytes)


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument]:
    """Read one file; unreadable files become a single error document."""
    source = str(path)
    doc_id = path.stem
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield _error(doc_id, source, b"", f"cannot read file: {exc.strerror or exc}")
        return
    if suffix == ".jsonl":
        yield from read_jsonl(path, max_bytes)
        return
    if size > max_bytes:
        yield _error(doc_id, source, b"", f"file is {size} bytes, over the limit of {max_bytes}")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield _error(doc_id, source, b"", f"cannot read file: {exc.strerror or exc}")
        return
    if not data.strip():
        yield _error(doc_id, source, data, "empty file")
        return
    try:
        if suffix == ".pdf":
            yield _doc_from_text(doc_id, source, data, extract_pdf(data))
        elif suffix in {".html", ".htm"}:
            yield _doc_from_html(doc_id, source, data, decode_bytes(data), None)
        elif suffix in {".txt", ".text"}:
            yield _doc_from_text(doc_id, source, data, decode_bytes(data))
        else:
            yield _error(doc_id, source, data, f"unsupported file type '{suffix or path.name}'")
    except (DecodeError, PdfError) as exc:
        yield _error(doc_id, source, data, str(exc))


def read_inputs(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument]:
    """All documents behind ``paths`` (files and folders), in a deterministic order."""
    for path in iter_paths(paths):
        if not path.exists():
            yield _error(path.stem or str(path), str(path), b"", "no such file or directory")
            continue
        yield from read_file(path, max_bytes=max_bytes)
