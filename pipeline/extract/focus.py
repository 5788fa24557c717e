"""Focus areas: taxonomy labels the document states as its focus, with the evidence sentence.

Two steps, each usable on its own (a trained sentence classifier can replace or join either):

1. ``focus_statements`` (``focus_statements.py``) picks the sentences that state the focus;
2. ``label_sentence`` names the taxonomy labels a sentence speaks of (lexicon, data file).

A label is kept when at least one focus statement carries it; its score grows with the number
of statements that do, and the first one is the evidence.

A trained sentence model (``pipeline.models.focus_model``) scores the same statements; the
decision that won in cross-validation (``resources/models/focus/meta.json``: rules alone, the
model alone, or a combination) is applied here, and ``method`` says who found each label.
While the rules win, the model is not even loaded.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.component import FieldSetter
from pipeline.extract.focus_statements import Statement, focus_statements
from pipeline.extract.types import FocusArea
from pipeline.nlp.components.focus_lexicon import find_cues, labels_between
from pipeline.nlp.spans import span_text

if TYPE_CHECKING:
    from pipeline.models.focus_model import FocusModel

#: How much one statement of each kind says that its labels are a focus.
_WEIGHT = {"statement": 0.5, "item": 0.4, "heading": 0.4, "lead": 0.35}

#: Labels for how promises are made (dialogues, collaboration): every lead says a promise was
#: made in dialogue and in collaboration, so only a stated promise counts for them.
_PROCESS_LABELS = frozenset({"dialog", "samverkan"})


def label_sentence(text: str) -> set[str]:
    """The taxonomy labels that ``text`` speaks of (whether or not it states them as focus)."""
    return {label for _, _, label in find_cues(text)}


def _statement_labels(statement: Statement) -> set[str]:
    """``label_sentence(statement.text)``, answered from the document's lexicon scan: the text is
    the sentence's span stripped, so it is the document text between the stripped bounds."""
    sent = statement.sent
    raw = span_text(sent)
    start = sent.start_char + len(raw) - len(raw.lstrip())
    return labels_between(sent.doc, start, start + len(raw.strip()))


def score_labels(statements: list[Statement]) -> dict[str, tuple[float, str]]:
    """label → (score in [0, 1], evidence sentence) from the statements that carry it."""
    evidence: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        for label in _statement_labels(statement):
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
    from pipeline.models.artifact import shipped_focus_model

    statements = focus_statements(doc)
    scored = score_labels(statements)
    shipped = shipped_focus_model()
    if shipped is None or shipped[1] == "rules" or not statements:
        return [
            FocusArea(label=label, score=score, method="rule", evidence=evidence)
            for label, (score, evidence) in sorted(scored.items())
        ]
    return _combined(statements, scored, *shipped)


def _combined(
    statements: list[Statement], scored: dict[str, tuple[float, str]], model: FocusModel, decision: str
) -> list[FocusArea]:
    """Labels kept by ``decision``; evidence is the rule's sentence, else the model's best one."""
    from pipeline.models.combine import combine_focus
    from pipeline.models.focus_data import sentence_input
    from pipeline.models.focus_evaluation import document_probabilities

    best = document_probabilities(model, [(sentence_input(s.sent, s.reason), 0, 0) for s in statements])
    kept = combine_focus({k: v[0] for k, v in scored.items()}, {k: p for k, (p, _) in best.items()}, decision)
    return [
        FocusArea(
            label=label,
            score=score,
            method=method,
            evidence=scored[label][1] if label in scored else statements[best[label][1]].text,
        )
        for label, (score, method) in kept.items()
    ]


@Language.factory("mbl_focus")
def make_focus_extractor(nlp: Language, name: str) -> FieldSetter:
    return FieldSetter("focus", extract_focus)
