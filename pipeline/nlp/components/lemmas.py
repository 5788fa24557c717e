"""Lemmas from spaCy's Swedish lookup table, set for a whole document at once.

The lemmas are spaCy's own (``spacy-lookups-data``'s ``lemma_lookup`` table, the lemmatizer's
``lookup`` mode), but spaCy's ``Lemmatizer`` creates a Python ``Token`` for every token and
looks each one up by its text, which took longer than tokenising the document. This subclass
keeps the table, the configuration and the serialisation of spaCy's component and only
replaces the loop: the table is keyed by the same string hashes as the tokens' ``ORTH``
values, so a document's lemmas are one ``to_array``, one dictionary lookup per distinct word
(remembered across documents) and one ``from_array``. ``tests/test_sentences.py`` compares
the lemmas with spaCy's component on the development corpus.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

#: Distinct words whose lemma id is remembered (a few MB at most); cleared when full.
_CACHE_LIMIT = 200_000


class LookupLemmatizer(Lemmatizer):
    """spaCy's lookup-mode lemmatizer with an array-based ``__call__``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lemma_ids: dict[int, int] = {}

    def _lemma_id(self, orth: int) -> int:
        """The lemma's string id, as ``lookup_lemmatize`` would choose it (the word itself if the
        table has no entry; the first of several lemmas)."""
        strings = self.vocab.strings
        result = self.lookups.get_table("lemma_lookup", {}).get(orth)
        if result is None:
            return orth
        return strings.add(result if isinstance(result, str) else result[0])

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        if not self._validated:
            self._validate_tables()
        orths, existing = doc.to_array([ORTH, LEMMA]).T.tolist()
        cache = self._lemma_ids
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        lemmas = [cache.get(orth) for orth in orths]
        if None in lemmas:  # words not seen before
            for i, lemma in enumerate(lemmas):
                if lemma is None:
                    lemmas[i] = cache[orths[i]] = self._lemma_id(orths[i])
        if not self.overwrite and any(existing):  # like spaCy's component: a lemma set earlier stays
            lemmas = [old or new for old, new in zip(existing, lemmas, strict=True)]
        doc.from_array([LEMMA], np.asarray(lemmas, dtype=np.uint64).reshape(-1, 1))
        return doc


@Language.factory(
    "mbl_lemmatizer",
    assigns=["token.lemma"],
    default_config={"model": None, "overwrite": False},
)
def make_lookup_lemmatizer(nlp: Language, model: Any, name: str, overwrite: bool) -> LookupLemmatizer:
    return LookupLemmatizer(nlp.vocab, model, name, mode="lookup", overwrite=overwrite)
