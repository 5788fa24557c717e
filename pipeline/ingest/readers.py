"""Turn paths (files, folders, JSON Lines) into ``RawDocument``s.

Reading happens in two steps so that the expensive one can run in worker processes:

1. ``iter_sources`` locates inputs and reads their bytes (cheap, in input order, one process):
   each document becomes a small picklable ``Source`` with its content hash.
2. ``load`` parses one ``Source`` (decoding, HTML main text, PDF text layer) into a
   ``RawDocument``. It never raises: anything that goes wrong becomes the document's ``error``.

Every input yields at least one document, so nothing disappears silently: an unreadable file,
an empty JSON Lines file or a link pointing out of an input folder is an error row.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.decode import DecodeError, decode_bytes
from pipeline.ingest.document import RawDocument, sha256_hex
from pipeline.ingest.html import extract_html
from pipeline.ingest.pdf import PdfError, extract_pdf

SUPPORTED_SUFFIXES = {".txt", ".text", ".html", ".htm", ".jsonl", ".pdf"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}


@dataclass(frozen=True)
class Source:
    """One input document, located and read but not parsed (cheap to make, cheap to pickle)."""

    doc_id: str
    source: str
    kind: str  # text | html | pdf | record | error
    data: bytes = b""
    content_sha256: str = ""
    record: object = None
    error: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        """What the extraction depends on: the content and how it is read (for ``--resume``)."""
        return self.content_sha256, self.kind


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _walk(root: Path) -> Iterator[tuple[Path, str | None]]:
    """Supported files under ``root`` in sorted order, each with an error when it must not be read.

    Links are not followed into folders, and a file link that points outside ``root`` is not read
    (a folder of downloads must not be a way to read ``/etc/passwd``): it becomes an error row.
    """
    real_root = root.resolve()
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            found.append(Path(folder) / name)
    for path in sorted(found):
        if path.is_symlink() and not _inside(path, real_root):
            yield path, "link points outside the input folder (not read)"
        else:
            yield path, None


def _iter_located(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str | None]]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path, None


def _error_source(doc_id: str, source: str, data: bytes, message: str) -> Source:
    return Source(doc_id, source, "error", data, sha256_hex(data), error=message)


def _url_id(url: str) -> str:
    return "url-" + sha256_hex(url.encode("utf-8", "surrogatepass"))[:16]


def _record_source(record: object, source: str, fallback_id: str) -> Source:
    raw = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")
    if not isinstance(record, dict):
        return _error_source(fallback_id, source, raw, "JSON Lines record is not an object")
    url = record.get("url") or None
    url = url if isinstance(url, str) else None
    rid = record.get("id")
    doc_id = str(rid) if rid not in (None, "") else (_url_id(url) if url else fallback_id)
    return Source(doc_id, source, "record", raw, sha256_hex(raw), record=record)


def _jsonl_sources(path: Path, max_bytes: int) -> Iterator[Source]:
    n = 0
    with path.open("rb") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            n += 1
            source, fallback_id = f"{path}#L{lineno}", f"{path.stem}-{lineno}"
            if len(line) > max_bytes:
                yield _error_source(fallback_id, source, line, f"record larger than the limit of {max_bytes} bytes")
                continue
            try:
                record = json.loads(decode_bytes(line))
            except (ValueError, DecodeError, RecursionError) as exc:
                yield _error_source(fallback_id, source, line, f"invalid JSON on line {lineno}: {exc}")
                continue
            yield _record_source(record, source, fallback_id)
    if n == 0:
        yield _error_source(path.stem, str(path), b"", "JSON Lines file has no records")


def _file_sources(path: Path, max_bytes: int) -> Iterator[Source]:
    source, doc_id, suffix = str(path), path.stem or path.name, path.suffix.lower()
    if not path.exists():
        yield _error_source(doc_id or source, source, b"", "no such file or directory")
        return
    try:
        size = path.stat().st_size
        if not path.is_file():
            yield _error_source(doc_id, source, b"", "not a regular file")
            return
        if suffix == ".jsonl":
            yield from _jsonl_sources(path, max_bytes)
            return
        if size > max_bytes:
            yield _error_source(doc_id, source, b"", f"file is {size} bytes, over the limit of {max_bytes}")
            return
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # a file that grew since stat() is still capped
    except OSError as exc:
        yield _error_source(doc_id, source, b"", f"cannot read file: {exc.strerror or exc}")
        return
    if len(data) > max_bytes:
        yield _error_source(doc_id, source, b"", f"file is over the limit of {max_bytes} bytes")
    elif not data.strip():
        yield _error_source(doc_id, source, data, "empty file")
    elif suffix not in _KINDS:
        yield _error_source(doc_id, source, data, f"unsupported file type '{suffix or path.name}'")
    else:
        yield Source(doc_id, source, _KINDS[suffix], data, sha256_hex(data))


def iter_sources(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Source]:
    """Every document behind ``paths``, read but not parsed, in a deterministic order."""
    for path, error in _iter_located(paths):
        if error is not None:
            yield _error_source(path.stem, str(path), b"", error)
        else:
            yield from _file_sources(path, max_bytes)


def _raw(src: Source, **fields: object) -> RawDocument:
    return RawDocument(doc_id=src.doc_id, source=src.source, content_sha256=src.content_sha256, **fields)  # type: ignore[arg-type]


def _from_html(src: Source, html: str, url: str | None) -> RawDocument:
    content = extract_html(html, url=url)
    if not content.text.strip():
        return _raw(src, text=None, url=url, error="HTML page has no readable text")
    return _raw(src, text=content.text, url=content.url or url, title=content.title, published=content.published)


def _load(src: Source) -> RawDocument:
    if src.kind == "error":
        return _raw(src, text=None, error=src.error)
    if src.kind == "text":
        return _raw(src, text=decode_bytes(src.data))
    if src.kind == "html":
        return _from_html(src, decode_bytes(src.data), None)
    if src.kind == "pdf":
        return _raw(src, text=extract_pdf(src.data))
    record: dict = src.record  # type: ignore[assignment]
    url = record.get("url") or None
    url = url if isinstance(url, str) else None
    text, html = record.get("text"), record.get("html")
    if isinstance(html, str) and html.strip():
        return _from_html(src, html, url)
    if isinstance(text, str) and text.strip():
        return _raw(src, text=text, url=url)
    return _raw(src, text=None, url=url, error="record has no 'text' or 'html'")


def load(src: Source) -> RawDocument:
    """Parse one source into a document; never raises (a failure is the document's error)."""
    try:
        return _load(src)
    except (DecodeError, PdfError) as exc:
        return _raw(src, text=None, error=str(exc))
    except RecursionError:
        return _raw(src, text=None, error="could not parse: structure nested too deeply")
    except MemoryError:
        return _raw(src, text=None, error="could not parse: out of memory")
    except Exception as exc:  # a third-party parser failing on hostile input must not stop the batch
        return _raw(src, text=None, error=f"could not parse: {type(exc).__name__}: {exc}"[:500])


def read_inputs(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument]:
    """All documents behind ``paths`` (files and folders), in a deterministic order."""
    for src in iter_sources(paths, max_bytes=max_bytes):
        yield load(src)


def read_record(record: object, source: str, fallback_id: str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """One object shaped like a JSON Lines record (``text`` or ``html``, optional ``url``, ``id``),
    e.g. a scraped page, as a document."""
    src = _record_source(record, source, fallback_id)
    if len(src.data) > max_bytes:
        src = _error_source(src.doc_id, source, src.data, f"record larger than the limit of {max_bytes} bytes")
    return load(src)
