"""Is the document about a medborgarlöfte (its signing, content, preparation or follow-up)?

Two judges. A scored rule weighs evidence of a specific promise (the word, in the headline,
a signing, listed focus areas). A trained model (``pipeline.models``) also reads the wording
(character and word n-grams) and positional cues, which lets it tell a promise from a page
that only explains the concept. ``meta.json`` of the shipped model records which decision
(rules, model or their mean) won in cross-validation; this component applies that decision.
Without a shipped model it falls back to the rule.
"""

from __future__ import annotations

import math
import re

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.component import FieldSetter
from pipeline.extract.types import Relevance
from pipeline.models.combine import THRESHOLD, combine
from pipeline.nlp.spans import doc_text

_TERM = re.compile(r"medborgarlöft", re.IGNORECASE)
_SIGN = re.compile(r"skr[ie]v\w* under|underteckn|signer|tecknat", re.IGNORECASE)
_FOCUS = re.compile(r"fokusområ|lovar|prioriter", re.IGNORECASE)
HEAD_CHARS = 300


def relevance_features(text: str) -> dict[str, float]:
    """The rule's evidence, from the text alone."""
    return {
        "term_count": float(len(_TERM.findall(text))),
        "term_in_head": float(bool(_TERM.search(text[:HEAD_CHARS]))),
        "signing": float(bool(_SIGN.search(text))),
        "focus_cue": float(bool(_FOCUS.search(text))),
    }


def rule_probability(text: str) -> float:
    """Hand-weighted logistic score of the rule's evidence (weights set by reading, not fitted)."""
    f = relevance_features(text)
    z = -3.0 + 1.2 * min(f["term_count"], 4) + 1.0 * f["term_in_head"] + 0.8 * f["signing"] + 0.8 * f["focus_cue"]
    return 1 / (1 + math.exp(-z))


def _evidence(doc: Doc) -> str | None:
    """The sentence with the first mention of the term: what a reader would check first."""
    m = _TERM.search(doc_text(doc))
    if not m:
        return None
    span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
    return span.sent.text.strip() if span is not None else None


def score_relevance(doc: Doc) -> Relevance:
    from pipeline.models.artifact import shipped_model

    text = doc_text(doc)
    p = rule_probability(text)
    shipped = shipped_model()
    if shipped is not None:
        model, decision = shipped
        p = float(combine(p, float(model.predict_proba([text])[0]), decision))
    p = min(1.0, max(0.0, p))
    return Relevance(relevant=p >= THRESHOLD, score=round(p, 4), evidence=_evidence(doc))


@Language.factory("mbl_relevance")
def make_relevance_classifier(nlp: Language, name: str) -> FieldSetter:
    return FieldSetter("relevance", score_relevance)
