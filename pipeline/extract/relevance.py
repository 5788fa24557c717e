"""Is the document about a medborgarlöfte (its signing, content, preparation or follow-up)?

A scored rule for now: evidence of a specific promise (the word in the headline, a signing,
a stated period, listed focus areas) against general texts that only mention the concept.
"""

from __future__ import annotations

import math
import re

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.types import Relevance
from pipeline.nlp.extensions import register_extensions
from pipeline.nlp.spans import doc_text

_TERM = re.compile(r"medborgarlöft", re.IGNORECASE)
_SIGN = re.compile(r"skr[ie]v\w* under|underteckn|signer|tecknat", re.IGNORECASE)
_FOCUS = re.compile(r"fokusområ|lovar|prioriter", re.IGNORECASE)
THRESHOLD = 0.5


def relevance_features(doc: Doc) -> dict[str, float]:
    text = doc_text(doc)
    head = text[:300]
    return {
        "term_count": float(len(_TERM.findall(text))),
        "term_in_head": float(bool(_TERM.search(head))),
        "signing": float(bool(_SIGN.search(text))),
        "focus_cue": float(bool(_FOCUS.search(text))),
    }


def score_relevance(doc: Doc) -> Relevance:
    f = relevance_features(doc)
    z = -3.0 + 1.2 * min(f["term_count"], 4) + 1.0 * f["term_in_head"] + 0.8 * f["signing"] + 0.8 * f["focus_cue"]
    p = 1 / (1 + math.exp(-z))
    m = _TERM.search(doc_text(doc))
    evidence = None
    if m:
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        evidence = span.sent.text.strip() if span is not None else None
    return Relevance(relevant=p >= THRESHOLD, score=round(p, 4), evidence=evidence)


class RelevanceClassifier:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.relevance = score_relevance(doc)
        return doc


@Language.factory("mbl_relevance")
def make_relevance_classifier(nlp: Language, name: str) -> RelevanceClassifier:
    return RelevanceClassifier()
