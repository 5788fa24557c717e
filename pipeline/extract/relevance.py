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
from pipeline.models.combine import THRESHOLD, combine, uses_rule
from pipeline.models.cues import cue_values
from pipeline.nlp.anchors import Anchored
from pipeline.nlp.fastre import Prefiltered, fold_once
from pipeline.nlp.spans import doc_text, span_text

_TERM = re.compile(r"medborgarlöft", re.IGNORECASE)
# The term's matches found with ``str.find`` on the folded text: a case-insensitive pattern
# gets no fast literal search from ``re``, which then tries every position.
_TERMS = Anchored(_TERM, ("medborgarlöft",))
# Prefiltered: same matches, but a text without the words they need is not scanned at all.
_SIGN = Prefiltered(r"skr[ie]v\w* under|underteckn|signer|tecknat", re.IGNORECASE)
_FOCUS = Prefiltered(r"fokusområ|lovar|prioriter", re.IGNORECASE)
HEAD_CHARS = 300


def _rule_z(term_count: int, term_in_head: bool, signing: bool, focus_cue: bool) -> float:
    """Hand-weighted logit of the rule's evidence (weights set by reading, not fitted)."""
    return -3.0 + 1.2 * min(float(term_count), 4) + 1.0 * term_in_head + 0.8 * signing + 0.8 * focus_cue


def _rule_evidence(text: str, folded: str | None, terms: list[re.Match[str]]) -> tuple[int, bool, bool, bool]:
    """(mentions of the term, the term in the head, a signing, a focus cue); ``folded`` is
    ``fold(text)`` and ``terms`` the term's matches, passed in because the model needs them too."""
    return (
        len(terms),
        _TERM.search(text[:HEAD_CHARS]) is not None,
        _SIGN.search(text, folded) is not None,
        _FOCUS.search(text, folded) is not None,
    )


def rule_probability(text: str) -> float:
    """Logistic score of the rule's evidence."""
    return _rule_probability(text, fold_once(text), list(_TERM.finditer(text)))


def _rule_probability(text: str, folded: str | None, terms: list[re.Match[str]]) -> float:
    return _logistic(_rule_z(*_rule_evidence(text, folded, terms)))


def _logistic(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def _evidence(doc: Doc, first_term: re.Match[str] | None) -> str | None:
    """The sentence with the first mention of the term: what a reader would check first."""
    if first_term is None:
        return None
    span = doc.char_span(first_term.start(), first_term.end(), alignment_mode="expand")
    return span_text(span.sent).strip() if span is not None else None


def relevance_probability(text: str, terms: list[re.Match[str]]) -> float:
    """The shipped decision's score in [0, 1] (the rule's without a shipped model); ``terms``
    are the term's matches in ``text``. Rule and model share one pass per need: the term's
    mentions (count, head, cue windows), the case-folded text (prefilters, and the model's
    lowercased words). The rule's evidence is gathered only when the decision reads it."""
    from pipeline.models.artifact import shipped_model

    folded = fold_once(text)
    shipped = shipped_model()
    if shipped is None:
        p = _rule_probability(text, folded, terms)
    else:
        model, decision = shipped
        lowered = folded if folded is not None else text.lower()
        cues = cue_values(text, folded, terms)
        p_rule = _rule_probability(text, folded, terms) if uses_rule(decision) else math.nan
        p = float(combine(p_rule, model.probability_of(lowered.split(), cues), decision))
    return min(1.0, max(0.0, p))


def score_relevance(doc: Doc) -> Relevance:
    text = doc_text(doc)
    terms = list(_TERMS.finditer(text))
    p = relevance_probability(text, terms)
    return Relevance(relevant=p >= THRESHOLD, score=round(p, 4), evidence=_evidence(doc, terms[0] if terms else None))


@Language.factory("mbl_relevance")
def make_relevance_classifier(nlp: Language, name: str) -> FieldSetter:
    return FieldSetter("relevance", score_relevance)
