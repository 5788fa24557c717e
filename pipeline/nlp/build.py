"""The spaCy pipeline: a blank Swedish pipeline plus the project's own components.

``nlp.pipe_names`` shows every step, and ``nlp.to_disk`` / ``spacy.load`` round-trip it: the
components are registered factories (entry points ``spacy_factories``) whose data ship in the
package, so loading never downloads anything.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.extensions import register_extensions

#: Sentences and the relevance gate first, then structure (lemmas, gazetteers, matchers), then
#: the field extractors.
PIPE_NAMES = (
    "mbl_sentences",
    "mbl_relevance",
    "mbl_lemmatizer",
    "mbl_municipality_gazetteer",
    "mbl_role_matcher",
    "mbl_person_names",
    "mbl_year_mentions",
    "mbl_focus_lexicon",
    "mbl_place",
    "mbl_period",
    "mbl_people",
    "mbl_focus",
)
#: The component whose verdict decides whether the rest of the pipeline runs (``run_gated``).
GATE = "mbl_relevance"


def register_components() -> None:
    """Import every module that registers a factory (also done by spaCy via entry points)."""
    from pipeline.extract import focus, people, period, place, relevance  # noqa: F401
    from pipeline.nlp.components import (  # noqa: F401
        focus_lexicon,
        lemmas,
        municipality_gazetteer,
        person_names,
        role_matcher,
        sentences,
        year_mentions,
    )


def drop_whitespace_special_cases(nlp: Language) -> None:
    """Remove the tokenizer's special cases that are a whitespace text kept as it is (``"\\n"``,
    ``"\\t"``, ``" "``; not ``"\\xa0"``, which sets a norm): they give the very tokens the plain
    rules give, but spaCy's tokenizer stops caching a document's chunks once it has met a special
    case in it, so a text with a line break near its top was tokenised word by word without the
    cache (4 ms instead of 0.1 ms for a release with single line breaks).
    ``tests/test_tokenizer.py`` checks that the tokens are those of spaCy's Swedish tokenizer."""
    rules = dict(nlp.tokenizer.rules or {})
    kept = {text: tokens for text, tokens in rules.items() if not (text.isspace() and tokens == [{ORTH: text}])}
    if len(kept) != len(rules):
        nlp.tokenizer.rules = kept


def build_nlp() -> Language:
    """A fresh, initialised pipeline."""
    register_extensions()
    register_components()
    nlp = spacy.blank("sv")
    drop_whitespace_special_cases(nlp)
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    nlp.initialize()
    return nlp


def run_gated(nlp: Language, doc: Doc) -> Doc:
    """Run the pipeline on a tokenised Doc, stopping after the relevance gate when the document
    is not about a medborgarlöfte.

    Nothing after the gate is written for such a document (its row keeps only the title and the
    relevance verdict), and on a scraped site most pages are ordinary news: a fifth of the
    development corpus, most of a site's news list. Relevance reads only the text and the
    sentences, so it runs second. ``nlp(doc)`` still runs every component.
    """
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == GATE and not doc._.relevance.relevant:
            break
    return doc


@cache
def get_nlp() -> Language:
    """The shared pipeline for a process (building it loads lookup tables and models)."""
    return build_nlp()
