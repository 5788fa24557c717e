"""Focus areas: taxonomy labels the document states as its focus, with the evidence sentence.

Two steps, each usable on its own (a trained sentence classifier can replace or join either):

1. ``focus_statements`` (``focus_statements.py``) picks the sentences that state the focus;
2. ``label_sentence`` names the taxonomy labels a sentence speaks of (lexicon, data file).

A label is kept when at least one focus statement carries it; its score grows with the number
of statements that do, and the first one is the evidence.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.focus_statements import Statement, focus_statements
from pipeline.extract.types import FocusArea
from pipeline.nlp.components.focus_lexicon import find_cues
from pipeline.nlp.extensions import register_extensions

#: How much one statement of each kind says that its labels are a focus.
_WEIGHT = {"statement": 0.5, "item": 0.4, "heading": 0.4, "lead": 0.35}

#: Labels for how promises are made (dialogues, collaboration): every lead says a promise was
#: made in dialogue and in collaboration, so only a stated promise counts for them.
_PROCESS_LABELS = frozenset({"dialog", "samverkan"})


def label_sentence(text: str) -> set[str]:
    """The taxonomy labels that ``text`` speaks of (whether or not it states them as focus)."""
    return {label for _, _, label in find_cues(text)}


def score_labels(statements: list[Statement]) -> dict[str, tuple[float, str]]:
    """label → (score in [0, 1], evidence sentence) from the statements that carry it."""
    evidence: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        for label in label_sentence(statement.text):
            if statement.reason == "lead" and label in _PROCESS_LABELS:
                continue
            evidence[label].append(statement)
    scored = {}
    for label, support in evidence.items():
        miss = 1.0
        for statement in support:
            miss *= 1.0 - _WEIGHT[statement.reason]
        scored[label] = (round(1.0 - miss, 3), support[0].text)
    return scored


def extract_focus(doc: Doc) -> list[FocusArea]:
    scored = score_labels(focus_statements(doc))
    return [
        FocusArea(label=label, score=score, method="rule", evidence=evidence)
        for label, (score, evidence) in sorted(scored.items())
    ]


class FocusExtractor:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.focus = extract_focus(doc)
        return doc


@Language.factory("mbl_focus")
def make_focus_extractor(nlp: Language, name: str) -> FocusExtractor:
    return FocusExtractor()
