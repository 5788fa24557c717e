"""Which municipality (or municipalities) the promise belongs to, and the police area.

Mentions come from the gazetteer; here they are weighed: a name followed by "kommun"/"stad",
or in the headline, counts more than a name in passing, and the page's web address settles
documents whose text never names the municipality.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from urllib.parse import unquote, urlparse

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.types import Place
from pipeline.nlp.components.municipality_gazetteer import SPAN_KEY
from pipeline.nlp.extensions import register_extensions
from pipeline.resources import read_lines
from pipeline.resources.municipalities import Municipality, all_municipalities

_SUFFIX = re.compile(r"^s?\s+(?:kommuns?|stads?|kommunerna|kommuner)\b", re.IGNORECASE)
_POLICE_AREA = re.compile(
    r"(?:lokalpolisområde(?:t|ts|na)?|LPO)\s+(?:i\s+)?(?P<area>[A-ZÅÄÖ][a-zåäöé]+(?:[ -][A-ZÅÄÖ][a-zåäöé]+)?)"
)


def fold(text: str) -> str:
    """ASCII-fold the way Swedish municipalities spell their domains (Kungsör → kungsor)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in text if not unicodedata.combining(c)))


def municipality_from_url(url: str | None) -> Municipality | None:
    """A municipality named by the host ("kungsor.se") or a path segment ("/medborgarloften/ale/")."""
    if not url:
        return None
    parsed = urlparse(url)
    folded = {fold(m.name): m for m in all_municipalities()}
    host = (parsed.hostname or "").removeprefix("www.")
    labels = host.split(".")[:-1]
    for label in labels:
        if fold(label) in folded:
            return folded[fold(label)]
    for segment in unquote(parsed.path).split("/"):
        pieces = segment.split("-")
        for n in range(len(pieces), 0, -1):
            for i in range(len(pieces) - n + 1):
                key = fold("".join(pieces[i : i + n]))
                if key in folded and len(key) > 2:
                    return folded[key]
    return None


def _ambiguous() -> frozenset[str]:
    return frozenset(read_lines("ambiguous_municipality_names.txt"))


def extract_place(doc: Doc) -> Place:
    codes = {m.code: m for m in all_municipalities()}
    ambiguous = _ambiguous()
    score: dict[str, float] = defaultdict(float)
    first_seen: dict[str, int] = {}
    evidence: dict[str, str] = {}
    head_end = doc.text.find("\n", 1) if "\n" in doc.text else len(doc.text)
    for span in doc.spans.get(SPAN_KEY, []):
        code = span.label_
        after = doc.text[span.end_char : span.end_char + 20]
        strong = bool(_SUFFIX.match(after))
        if codes[code].name in ambiguous and not strong:
            continue
        weight = 3.0 if strong else 1.0
        if span.start_char < max(head_end, 200):
            weight += 1.0
        score[code] += weight
        first_seen.setdefault(code, span.start_char)
        evidence.setdefault(code, span.sent.text.strip())
    url_m = municipality_from_url(doc._.url)
    if url_m is not None:
        score[url_m.code] += 2.0
        first_seen.setdefault(url_m.code, len(doc.text))
        evidence.setdefault(url_m.code, doc._.url)
    ranked = sorted(score, key=lambda c: (-score[c], first_seen[c]))
    chosen: list[Municipality] = []
    if ranked:
        top = score[ranked[0]]
        chosen = [codes[c] for c in ranked if score[c] >= 0.5 * top and score[c] >= 3.0] or [codes[ranked[0]]]
    area = None
    match = _POLICE_AREA.search(doc.text)
    if match:
        area = match.group("area")
    return Place(municipalities=chosen, police_area=area, evidence=evidence.get(chosen[0].code) if chosen else None)


class PlaceExtractor:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.place = extract_place(doc)
        return doc


@Language.factory("mbl_place")
def make_place_extractor(nlp: Language, name: str) -> PlaceExtractor:
    return PlaceExtractor()
