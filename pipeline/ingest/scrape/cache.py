"""Page bodies on disk and the manifest that makes a crawl resumable.

Every fetch, successful or not, appends one JSON Lines row to ``manifest.jsonl`` (url,
final_url, status, fetched_at, content_sha256, etag, last_modified, error, ...). The body is
written first, atomically, under ``<host>/<hash of the URL>.html``, so a row never points at
a half-written file, and a crawl killed at any moment loses at most the page in flight.
Reading the manifest back (last row per URL wins) tells a new run what it already has.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline.dataset.write import publish
from pipeline.ingest.document import sha256_hex
from pipeline.ingest.scrape.fetch import Response
from pipeline.ingest.scrape.urls import host_key

MANIFEST = "manifest.jsonl"
#: Errors that a new run does not retry: the answer would be the same.
PERMANENT_ERRORS = frozenset({"http-400", "http-401", "http-403", "http-404", "http-410", "too-large"})


@dataclass
class ManifestRow:
    url: str
    final_url: str | None
    status: int | None
    fetched_at: str
    content_sha256: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    kind: str = "page"
    path: str | None = None
    content_type: str | None = None
    charset: str | None = None
    size: int | None = None
    attempts: int = 0
    redirects: list[str] = field(default_factory=list)

    @property
    def has_body(self) -> bool:
        return self.error is None and self.status in (200, 304) and self.path is not None

    @property
    def permanent_error(self) -> bool:
        return self.error in PERMANENT_ERRORS


def body_path(url: str) -> str:
    """Where a URL's body lives, relative to the cache folder."""
    safe_host = host_key(url).replace(":", "_") or "unknown-host"
    return f"{safe_host}/{sha256_hex(url.encode('utf-8'))[:24]}.html"


class PageCache:
    """The cache folder: bodies plus manifest; safe to use from several threads."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.manifest_path = self.root / MANIFEST
        self._lock = threading.Lock()
        self.rows: dict[str, ManifestRow] = self._load()

    def _load(self) -> dict[str, ManifestRow]:
        rows: dict[str, ManifestRow] = {}
        if not self.manifest_path.exists():
            return rows
        known = set(ManifestRow.__dataclass_fields__)
        with self.manifest_path.open(encoding="utf-8") as handle:
            for line in handle:
                try:
                    data = json.loads(line)
                    row = ManifestRow(**{k: v for k, v in data.items() if k in known})
                except (json.JSONDecodeError, TypeError):
                    continue  # a line cut short by an interruption
                rows[row.url] = row
        return rows

    def get(self, url: str) -> ManifestRow | None:
        row = self.rows.get(url)
        if row is not None and row.has_body and not (self.root / str(row.path)).exists():
            return None
        return row

    def read_body(self, row: ManifestRow) -> bytes:
        return (self.root / str(row.path)).read_bytes()

    def record(self, resp: Response, kind: str, previous: ManifestRow | None = None) -> ManifestRow:
        """Store the body (if any) and append the manifest row for ``resp``."""
        row = ManifestRow(
            url=resp.url,
            final_url=resp.final_url,
            status=resp.status,
            fetched_at=resp.fetched_at,
            etag=resp.headers.get("etag"),
            last_modified=resp.headers.get("last-modified"),
            error=resp.error,
            kind=kind,
            content_type=resp.content_type or None,
            charset=resp.charset,
            attempts=resp.attempts,
            redirects=list(resp.redirects),
        )
        if resp.ok and resp.body is not None:
            row.path = body_path(resp.url)
            row.content_sha256 = sha256_hex(resp.body)
            row.size = len(resp.body)
            self._write_body(row.path, resp.body)
        elif resp.not_modified and previous is not None and previous.has_body:
            row.path, row.content_sha256, row.size = previous.path, previous.content_sha256, previous.size
            row.charset = row.charset or previous.charset
            row.content_type = row.content_type or previous.content_type
            row.etag = row.etag or previous.etag
            row.last_modified = row.last_modified or previous.last_modified
        self.append(row)
        return row

    def append(self, row: ManifestRow) -> None:
        line = json.dumps(asdict(row), ensure_ascii=False, sort_keys=True) + "\n"
        with self._lock:
            with self.manifest_path.open("a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
            self.rows[row.url] = row

    def _write_body(self, rel: str, body: bytes) -> None:
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(body)
            publish(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
