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
