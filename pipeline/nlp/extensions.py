"""Custom attributes on ``Doc``: the input context going in, the extracted fields coming out."""

from __future__ import annotations

from spacy.tokens import Doc

_DOC_ATTRS = ("url", "title", "place", "period", "people", "focus", "relevance")


def register_extensions() -> None:
    """Idempotent, so components can call it at construction time."""
    for name in _DOC_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
