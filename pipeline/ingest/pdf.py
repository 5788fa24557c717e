"""Text layer of a PDF (many promises are published as PDF)."""

from __future__ import annotations

import io


class PdfError(ValueError):
    """The PDF cannot give us text."""


def extract_pdf(data: bytes) -> str:
    """Return the text of every page; a scan without a text layer is an error, not empty text."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise PdfError(f"unreadable PDF: {exc}") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise PdfError("PDF has no text layer (scanned image?)")
    return text
