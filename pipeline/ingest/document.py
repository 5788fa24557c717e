"""The unit that flows from ingest to extraction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


def sha256_hex(data: bytes) -> str:
    """Content hash used for provenance and for byte-identical re-runs."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class RawDocument:
    """One input document, read but not yet analysed.

    A document that could not be read still exists (``error`` set, ``text`` None) so that
    it becomes an error row in the output instead of silently disappearing.
    """

    doc_id: str
    source: str
    text: str | None
    content_sha256: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.text is not None
