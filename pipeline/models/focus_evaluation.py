"""Cross-validation of focus areas: rules, model and their combinations, at document level.

Scored with the official focus metric (``pipeline.evaluate.metrics``: a required label found is
a true positive, an optional one is neither, anything else a false positive, a required label
missed a false negative), micro-averaged over gold-relevant corpus documents. Folds are over
documents: a document's weak sentences and references are in the training part or in the test
part of a fold, never both; our own sentences are in every training part and never scored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from sklearn.model_selection import KFold

from pipeline.models.combine import FOCUS_DECISIONS, combine_focus
from pipeline.models.focus_data import GoldDocument, Sentence, merge_references, weak_sentences
from pipeline.models.focus_model import FocusConfig, FocusModel

#: The issue's floor for a label: F1 below 0.75 counts only with this much gold support.
MIN_SUPPORT = 5


def document_probabilities(model: FocusModel, statements: Sequence) -> dict[str, tuple[float, int]]:
    """label → (highest probability over the statements, index of that statement)."""
    if not statements:
        return {}
    proba = model.predict_proba([inp for inp, _, _ in statements])
    best = proba.argmax(axis=0)
    return {label: (float(proba[best[j], j]), int(best[j])) for j, label in enumerate(model.labels)}


def focus_scores(documents: Sequence[GoldDocument], predicted: dict[str, set[str]]) -> dict[str, object]:
    """Micro P/R/F1 and per-label (P, R, F1, support) under the official focus metric."""
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    for doc in documents:
        got = predicted.get(doc.id, set())
        for label in got & doc.required:
            tp[label] += 1
        for label in got - doc.required - doc.optional:
            fp[label] += 1
        for label in doc.required - got:
            fn[label] += 1

    def prf(t: int, f_p: int, f_n: int) -> tuple[float, float, float]:
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    labels = sorted(set(tp) | set(fp) | set(fn))
    p, r, f = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    per_label = {lab: (*prf(tp[lab], fp[lab], fn[lab]), tp[lab] + fn[lab]) for lab in labels}
    return {"precision": p, "recall": r, "f1": f, "per_label": per_label}


def _train_sentences(train_docs: list[GoldDocument], references: list[Sentence], own: list[Sentence]) -> list[Sentence]:
    ids = {d.id for d in train_docs}
    return merge_references(weak_sentences(train_docs), [r for r in references if r.group in ids]) + own


def out_of_fold(
    documents: list[GoldDocument],
    references: list[Sentence],
    own: list[Sentence],
    config: FocusConfig,
    n_splits: int,
    seed: int,
) -> dict[str, dict[str, float]]:
    """doc id → label → model probability, from a model that never saw the document."""
    result: dict[str, dict[str, float]] = {}
    folds = KFold(n_splits=n_splits, shuffle=True, random_state=seed)
    for train_idx, test_idx in folds.split(np.zeros(len(documents))):
        train = _train_sentences([documents[i] for i in train_idx], references, own)
        model = FocusModel(config).fit([s.input for s in train], [s.labels for s in train])
        for i in test_idx:
            doc = documents[i]
            result[doc.id] = {k: p for k, (p, _) in document_probabilities(model, doc.statements).items()}
    return result


def _summary(runs: list[dict[str, object]]) -> dict[str, object]:
    """Mean over repeats of micro P/R/F1 and of each label's F1; the weakest well-supported label."""
    per_label: dict[str, list[float]] = defaultdict(list)
    support: dict[str, int] = {}
    for run in runs:
        for label, (_, _, f, n) in run["per_label"].items():  # type: ignore[attr-defined]
            per_label[label].append(f)
            support[label] = n
    label_f1 = {label: round(float(np.mean(v)), 4) for label, v in sorted(per_label.items())}
    supported = {label: f for label, f in label_f1.items() if support[label] >= MIN_SUPPORT}
    return {
        "precision": round(float(np.mean([r["precision"] for r in runs])), 4),
        "recall": round(float(np.mean([r["recall"] for r in runs])), 4),
        "f1": round(float(np.mean([r["f1"] for r in runs])), 4),
        "f1_per_repeat": [round(float(r["f1"]), 4) for r in runs],  # type: ignore[arg-type]
        "label_f1": label_f1,
        "label_support": dict(sorted(support.items())),
        "min_supported_label_f1": min(supported.values()) if supported else None,
    }


def cross_validate_focus(
    documents: list[GoldDocument],
    references: list[Sentence],
    own: list[Sentence],
    config: FocusConfig,
    n_splits: int = 5,
    seeds: tuple[int, ...] = (0, 1, 2),
) -> dict[str, object]:
    """CV table: per decision, scores averaged over repeated document folds."""
    runs: dict[str, list[dict[str, object]]] = {d: [] for d in FOCUS_DECISIONS}
    for seed in seeds:
        oof = out_of_fold(documents, references, own, config, n_splits, seed)
        for decision in FOCUS_DECISIONS:
            predicted = {
                doc.id: set(combine_focus({k: s for k, (s, _) in doc.rule_scores.items()}, oof[doc.id], decision))
                for doc in documents
            }
            runs[decision].append(focus_scores(documents, predicted))
    return {
        "folds": n_splits,
        "repeats": list(seeds),
        "grouping": "document",
        "scored_documents": len(documents),
        "scores": {decision: _summary(r) for decision, r in runs.items()},
    }


def best_focus_decision(table: dict[str, dict[str, float]]) -> str:
    """Highest mean micro F1; on a tie the simpler decision (the order of FOCUS_DECISIONS)."""
    return max(FOCUS_DECISIONS, key=lambda d: (table[d]["f1"], -FOCUS_DECISIONS.index(d)))
