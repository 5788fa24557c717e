"""How the scored rule and the model are combined into one relevance score.

Kept in one place so that cross-validation measures exactly what the pipeline runs.
"""

from __future__ import annotations

import numpy as np

#: Decisions compared in cross-validation; meta.json records the one the pipeline uses.
DECISIONS = ("rules", "model", "combined")
THRESHOLD = 0.5


def combine(p_rule: np.ndarray | float, p_model: np.ndarray | float, decision: str) -> np.ndarray | float:
    """The score a decision gives: the rule's, the model's, or their mean (equal weights, not tuned)."""
    if decision == "rules":
        return p_rule
    if decision == "model":
        return p_model
    if decision == "combined":
        return (
            (np.asarray(p_rule) + np.asarray(p_model)) / 2 if isinstance(p_rule, np.ndarray) else (p_rule + p_model) / 2
        )
    raise ValueError(f"unknown decision {decision!r}; expected one of {DECISIONS}")


def uses_rule(decision: str) -> bool:
    """Does ``combine`` read ``p_rule`` for this decision? The relevance component skips the
    rule's evidence (three scans of the text) when it does not."""
    return decision != "model"


#: Document-level focus decisions compared in cross-validation (see ``combine_focus``).
FOCUS_DECISIONS = ("rules", "model", "union", "rule_first", "mean", "agree")
FOCUS_THRESHOLD = 0.5


def _method(in_rule: bool, in_model: bool) -> str:
    return "both" if in_rule and in_model else ("rule" if in_rule else "model")


def combine_focus(rule: dict[str, float], model: dict[str, float], decision: str) -> dict[str, tuple[float, str]]:
    """label → (score, method) kept by a decision, from the rule's and the model's document scores.

    ``rule`` holds the labels the rule found (score in (0, 1]); ``model`` the model's probability
    for every label it knows. Decisions: the rule alone; the model alone (p ≥ 0.5); their
    ``union``; the model only where the rule finds nothing (``rule_first``); the ``mean`` of both
    scores ≥ 0.5 (a label the rule misses scores 0 there); labels both ``agree`` on.
    """
    if decision not in FOCUS_DECISIONS:
        raise ValueError(f"unknown decision {decision!r}; expected one of {FOCUS_DECISIONS}")
    by_model = {label for label, p in model.items() if p >= FOCUS_THRESHOLD}
    if decision == "rules" or (decision == "rule_first" and rule):
        kept = set(rule)
    elif decision in ("model", "rule_first"):
        kept = by_model
    elif decision == "union":
        kept = set(rule) | by_model
    elif decision == "agree":
        kept = set(rule) & by_model
    else:  # mean
        kept = {label for label in set(rule) | set(model) if (rule.get(label, 0.0) + model.get(label, 0.0)) / 2 >= 0.5}
    out = {}
    for label in sorted(kept):
        r, p = rule.get(label, 0.0), model.get(label, 0.0)
        score = (r + p) / 2 if decision == "mean" else max(r, p) if label in rule else p
        out[label] = (round(min(1.0, max(0.0, score)), 3), _method(label in rule, label in by_model))
    return out
