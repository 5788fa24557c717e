"""A small spaCy ``ner`` (one label, PER) on a blank Swedish pipeline, and how its names are used.

The model reads the same tokens as the rule pipeline (``spacy.blank("sv")``), so its entities map
onto the pipeline's ``Doc`` without re-alignment. Training is CPU-only and deterministic: the
random seed is fixed before the weights are initialised and the examples are shuffled with a
seeded generator. The name *sources* compared in cross-validation are built here:

- ``rules``: the rule spans (``doc.spans["person"]``, what the pipeline uses today);
- ``model``: the model's PER entities instead;
- ``union``: the rule spans plus every model entity that overlaps none of them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, minibatch

from pipeline.models.names_data import NameSentence
from pipeline.nlp.spans import doc_text

LABEL = "PER"
SOURCES = ("rules", "model", "union")


@dataclass(frozen=True)
class NamesConfig:
    """Training settings; small on purpose (minutes on two shared cores, not tens of minutes)."""

    epochs: int = 8
    dropout: float = 0.2
    seed: int = 0
    batch_start: float = 8.0
    batch_end: float = 32.0


def _example(nlp: Language, sentence: NameSentence) -> Example:
    doc = nlp.make_doc(sentence.text)
    spans = [doc.char_span(a, b, label=LABEL, alignment_mode="expand") for a, b in sentence.names]
    ents = spacy.util.filter_spans([s for s in spans if s is not None])
    return Example.from_dict(doc, {"entities": [(s.start_char, s.end_char, LABEL) for s in ents]})


def train_ner(sentences: Sequence[NameSentence], config: NamesConfig | None = None) -> Language:
    """A blank "sv" pipeline with a trained ``ner`` for PER."""
    config = config or NamesConfig()
    fix_random_seed(config.seed)
    nlp = spacy.blank("sv")
    ner = nlp.add_pipe("ner")
    ner.add_label(LABEL)
    examples = [_example(nlp, s) for s in sentences]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(config.seed)
    for _ in range(config.epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=compounding(config.batch_start, config.batch_end, 1.001)):
            nlp.update(batch, drop=config.dropout, sgd=optimizer)
    return nlp


def model_spans(ner: Language, doc: Doc) -> list[Span]:
    """The model's PER entities as spans of the pipeline's ``doc`` (same tokenizer).

    Only names of at least two words: GUIDELINES.md leaves out a person named by first or last
    name only, and the people extractor (like the rule name finder) expects first + last name.
    """
    predicted = ner(doc_text(doc))
    spans = []
    for ent in predicted.ents:
        span = doc.char_span(ent.start_char, ent.end_char, label=LABEL, alignment_mode="expand")
        if span is not None and len(span.text.split()) >= 2:
            spans.append(span)
    return spans


def union_spans(rules: Sequence[Span], model: Sequence[Span]) -> list[Span]:
    """Rule spans, plus model spans that overlap no rule span (the rules keep their boundaries)."""
    extra = [m for m in model if not any(m.start < r.end and r.start < m.end for r in rules)]
    return sorted([*rules, *extra], key=lambda s: (s.start, s.end))


def config_dict(config: NamesConfig) -> dict[str, object]:
    return asdict(config)
