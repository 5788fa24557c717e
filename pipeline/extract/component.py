"""One spaCy component class for every field extractor.

Each extractor is a plain function ``Doc → value`` (easy to test and to reuse in training
code); the pipeline needs it as a registered component that stores the value on the Doc. This
wrapper is that component, so the factories stay one line and behave the same.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from pipeline.nlp.extensions import register_extensions


class FieldSetter:
    """Stores ``extract(doc)`` in ``doc._.<attr>``."""

    def __init__(self, attr: str, extract: Callable[[Doc], object]) -> None:
        register_extensions()
        self.attr = attr
        self.extract = extract

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(self.attr, self.extract(doc))
        return doc
