"""Focus areas: taxonomy labels the document states as its focus, with the evidence sentence.

Lexicon hits count only in sentences that state focus areas: the headline, list items,
and sentences that speak of "fokus", "prioritera", "lovar" or the promise itself.
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.types import FocusArea
from pipeline.nlp.components.focus_lexicon import SPAN_KEY
from pipeline.nlp.extensions import register_extensions

_FOCUS_SENT = re.compile(
    r"fokus|prioriter|lova[rt]?\b|löfte|insats|åtgärd|satsning|områden|handlar om|inriktning|arbeta (?:med|mot)",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^(?:•|\d{1,2}[.)])\s")


def extract_focus(doc: Doc) -> list[FocusArea]:
    first_sent = next(iter(doc.sents), None)
    hits: dict[str, list[str]] = defaultdict(list)
    for span in doc.spans.get(SPAN_KEY, []):
        sent = span.sent
        text = sent.text.strip()
        if (
            (first_sent is not None and sent.start == first_sent.start)
            or _LIST_ITEM.match(text)
            or _FOCUS_SENT.search(text)
        ):
            hits[span.label_].append(text)
    areas = []
    for label, sentences in sorted(hits.items()):
        score = min(1.0, 0.4 + 0.2 * len(sentences))
        areas.append(FocusArea(label=label, score=round(score, 3), method="rule", evidence=sentences[0]))
    return areas


class FocusExtractor:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.focus = extract_focus(doc)
        return doc


@Language.factory("mbl_focus")
def make_focus_extractor(nlp: Language, name: str) -> FocusExtractor:
    return FocusExtractor()
