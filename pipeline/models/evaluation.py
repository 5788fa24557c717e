"""Cross-validation of rules, model and their combination on the same corpus documents.

Folds are grouped by document (``StratifiedGroupKFold``) and stratified by label; our own
annotated examples are added to every training fold but never scored, so the three decisions
are compared on exactly the same held-out corpus documents. The rule has no trained
parameters, so its held-out score is its score on each test fold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold

from pipeline.models.combine import DECISIONS, THRESHOLD, combine
from pipeline.models.examples import Example
from pipeline.models.linear import ModelConfig, RelevanceModel


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    false_positives: int
    false_negatives: int


def prf(labels: np.ndarray, scores: np.ndarray, threshold: float = THRESHOLD) -> Scores:
    pred = scores >= threshold
    gold = labels.astype(bool)
    tp, fp, fn = int((pred & gold).sum()), int((pred & ~gold).sum()), int((~pred & gold).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(round(p, 4), round(r, 4), round(f, 4), fp, fn)


def out_of_fold(
    corpus: list[Example], extra: list[Example], config: ModelConfig, n_splits: int, seed: int
) -> np.ndarray:
    """Model probabilities for each corpus document from a model that never saw it."""
    labels = np.array([ex.relevant for ex in corpus], dtype=int)
    groups = [ex.id for ex in corpus]
    oof = np.zeros(len(corpus))
    folds = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    for train_idx, test_idx in folds.split(np.zeros(len(corpus)), labels, groups=groups):
        train = [corpus[i] for i in train_idx] + extra
        model = RelevanceModel(config).fit([ex.text for ex in train], [ex.relevant for ex in train])
        oof[test_idx] = model.predict_proba([corpus[i].text for i in test_idx])
    return oof


def cross_validate(
    corpus: list[Example],
    extra: list[Example],
    rule: Callable[[str], float],
    config: ModelConfig,
    n_splits: int = 5,
    seeds: tuple[int, ...] = (0, 1, 2),
) -> dict[str, object]:
    """CV table: per decision, P/R/F1 averaged over repeated splits, plus the errors of the first split."""
    labels = np.array([ex.relevant for ex in corpus], dtype=int)
    p_rule = np.array([rule(ex.text) for ex in corpus])
    runs: dict[str, list[Scores]] = {d: [] for d in DECISIONS}
    errors: dict[str, list[str]] = {}
    for seed in seeds:
        p_model = out_of_fold(corpus, extra, config, n_splits, seed)
        for decision in DECISIONS:
            scores = np.asarray(combine(p_rule, p_model, decision))
            runs[decision].append(prf(labels, scores))
            if seed == seeds[0]:
                wrong = (scores >= THRESHOLD) != labels.astype(bool)
                errors[decision] = [corpus[i].id for i in np.flatnonzero(wrong)]
    table = {
        decision: {
            "precision": round(float(np.mean([s.precision for s in scores])), 4),
            "recall": round(float(np.mean([s.recall for s in scores])), 4),
            "f1": round(float(np.mean([s.f1 for s in scores])), 4),
            "f1_per_repeat": [s.f1 for s in scores],
        }
        for decision, scores in runs.items()
    }
    return {
        "folds": n_splits,
        "repeats": list(seeds),
        "grouping": "document",
        "scored_documents": len(corpus),
        "scores": table,
        "errors_first_repeat": errors,
    }


def best_decision(table: dict[str, dict[str, float]]) -> str:
    """Highest mean F1; on a tie the simpler decision (rules, then model, then combined)."""
    return max(DECISIONS, key=lambda d: (table[d]["f1"], -DECISIONS.index(d)))
