"""Find every mention of one of the 290 municipalities.

Forms recognised for each official name: the name ("Köping"), the genitive ("Köpings
kommun"), and the inhabitants ("Arbogaborna", "Köpingsbor"). Matching is case-sensitive on
purpose: "Vara", "Mark", "Ale" and "Lund" are also ordinary words or surnames, and the
extractor decides, from the context, which mentions count. Districts and towns that are not
municipalities ("Angered", "Märsta") come from ``resources/place_aliases.tsv``.
Each span's label is the municipality code.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.anchors import ordered_alternation
from pipeline.nlp.fastre import guarded
from pipeline.nlp.spans import char_spans, doc_text
from pipeline.resources import read_tsv
from pipeline.resources.municipalities import all_municipalities, by_name

SPAN_KEY = "municipality"
_WORD = r"A-Za-zÅÄÖåäöÉéÜü"


def genitive(name: str) -> str:
    return name if name[-1] in "sxz" else name + "s"


@cache
def surface_forms() -> dict[str, str]:
    """Surface form → municipality code (official names, genitives and listed aliases)."""
    forms: dict[str, str] = {}
    for m in all_municipalities():
        forms[m.name] = m.code
        forms[genitive(m.name)] = m.code
        if " " in m.name:
            forms[m.name.replace(" ", "-")] = m.code
    names = by_name()
    for alias, canonical in read_tsv("place_aliases.tsv"):
        m = names.get(canonical.casefold())
        if m is not None:
            forms.setdefault(alias, m.code)
            forms.setdefault(genitive(alias), m.code)
    return forms


@cache
def _pattern() -> re.Pattern[str]:
    """One alternation of every surface form, longest first; ``guarded`` by the capitals the names
    start with, so that the ~700 alternatives are only tried where a name can begin."""
    return guarded(rf"(?<![{_WORD}-])(?P<name>{_alternatives()})(?:bo(?:rna|r|n)?)?(?![{_WORD}])")


def _alternatives() -> str:
    """The surface forms, longest first, grouped by their first three characters
    (``ordered_alternation``: the same matches as the plain alternation, without trying ~700 words
    at every capital; three levels fail faster than one at the many capitals that begin no name)."""
    return ordered_alternation(sorted(surface_forms(), key=len, reverse=True), 3)


class MunicipalityGazetteer:
    def __call__(self, doc: Doc) -> Doc:
        forms = surface_forms()
        found = ((m.start(), m.end(), forms[m.group("name")]) for m in _pattern().finditer(doc_text(doc)))
        doc.spans[SPAN_KEY] = char_spans(doc, found)
        return doc


@Language.factory("mbl_municipality_gazetteer")
def make_municipality_gazetteer(nlp: Language, name: str) -> MunicipalityGazetteer:
    return MunicipalityGazetteer()


__all__ = ["SPAN_KEY", "MunicipalityGazetteer"]
