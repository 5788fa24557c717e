"""Cross-validation of name sources (rules / model / union) inside the same people extractor.

A name alone is not an official: the extractor (``pipeline.extract.people``) keeps a person
only with a role, a party or a signing. So each name source replaces ``doc.spans["person"]``
of the analysed document and the unchanged extractor decides who is an official; the result
is scored like ``medborgarlofte evaluate`` scores ``signatories.csv`` (sets of normalised
names per document: all officials, and signatories with ``signatories_optional`` forgiven).

Folds are grouped by document (each document is its own group, ``KFold`` with a fixed seed),
so no document is in both the training and the test part of a fold. The rule spans of the
training documents are the model's silver labels; our own sentences are added to every
training part and never scored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sklearn.model_selection import KFold
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.evaluate.metrics import Counts, norm
from pipeline.extract.people import extract_people
from pipeline.models.names_data import NamesDocument, NameSentence, silver_sentences
from pipeline.models.names_model import SOURCES, NamesConfig, model_spans, train_ner, union_spans
from pipeline.nlp.components import person_names

Trainer = Callable[[Sequence[NameSentence], NamesConfig], Language]


@dataclass
class SourceCounts:
    """Officials and signatories counted over the scored documents, plus where they went wrong."""

    officials: Counts = field(default_factory=Counts)
    signatories: Counts = field(default_factory=Counts)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def people_with(doc: Doc, spans: Sequence[Span]) -> tuple[set[str], set[str]]:
    """(official names, signatory names) the extractor reports when ``spans`` are the names."""
    saved = list(doc.spans.get(person_names.SPAN_KEY, []))
    doc.spans[person_names.SPAN_KEY] = list(spans)
    try:
        people = extract_people(doc)
    finally:
        doc.spans[person_names.SPAN_KEY] = saved
    return {norm(p.name) for p in people}, {norm(p.name) for p in people if p.signed}


def source_spans(doc: Doc, ner: Language) -> dict[str, list[Span]]:
    rules = list(doc.spans.get(person_names.SPAN_KEY, []))
    model = model_spans(ner, doc)
    return {"rules": rules, "model": model, "union": union_spans(rules, model)}


def score_document(document: NamesDocument, spans: Sequence[Span], counts: SourceCounts) -> None:
    officials, signed = people_with(document.doc, spans)
    gold, gold_signed = document.officials, document.signatories
    counts.officials.tp += len(officials & gold)
    counts.officials.fp += len(officials - gold)
    counts.officials.fn += len(gold - officials)
    counts.signatories.tp += len(signed & gold_signed)
    counts.signatories.fp += len(signed - gold_signed - document.optional_signatories)
    counts.signatories.fn += len(gold_signed - signed)
    if gold - officials:
        counts.missed.append(document.id)
    if officials - gold:
        counts.extra.append(document.id)


def _table(counts: Counts) -> dict[str, float | int]:
    p, r, f = counts.prf()
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "false_positives": counts.fp,
        "false_negatives": counts.fn,
    }


def cross_validate_names(
    documents: Sequence[NamesDocument],
    own: Sequence[NameSentence],
    config: NamesConfig,
    n_splits: int = 5,
    trainer: Trainer = train_ner,
) -> dict[str, object]:
    """CV table: per name source, officials P/R/F1 (top level) and signatories P/R/F1."""
    counts = {source: SourceCounts() for source in SOURCES}
    added = 0  # model spans the union adds to the rule spans (whether or not they become officials)
    folds = KFold(n_splits=n_splits, shuffle=True, random_state=config.seed)
    for train_idx, test_idx in folds.split(list(documents)):
        train = [s for i in train_idx for s in silver_sentences(documents[i])] + list(own)
        ner = trainer(train, config)
        for i in test_idx:
            spans_by_source = source_spans(documents[i].doc, ner)
            added += len(spans_by_source["union"]) - len(spans_by_source["rules"])
            for source, spans in spans_by_source.items():
                score_document(documents[i], spans, counts[source])
    scores = {source: {**_table(c.officials), "signatories": _table(c.signatories)} for source, c in counts.items()}
    return {
        "folds": n_splits,
        "seed": config.seed,
        "grouping": "document",
        "scored_documents": len(documents),
        "metric": "sets of normalised official names per gold-relevant document (as `evaluate`)",
        "scores": scores,
        "union_added_name_spans": added,
        "errors": {s: {"missed_in": sorted(c.missed), "extra_in": sorted(c.extra)} for s, c in counts.items()},
    }


def names_decision(scores: dict[str, dict]) -> str:
    """``rules`` unless a source beats them on officials F1 without adding false names.

    "Without adding false names": no more false officials and no more false signatories than
    the rules, and no lower signatory F1. Ties go to the rules (nothing to load, nothing to ship).
    """
    rules = scores["rules"]
    best = "rules"
    for source in ("model", "union"):
        s = scores[source]
        wins = (
            s["f1"] > scores[best]["f1"]
            and s["false_positives"] <= rules["false_positives"]
            and s["signatories"]["false_positives"] <= rules["signatories"]["false_positives"]
            and s["signatories"]["f1"] >= rules["signatories"]["f1"]
        )
        if wins:
            best = source
    return best
