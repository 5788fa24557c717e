"""The README's "rules only / model only / combined" table, read from the shipped meta.json files.

Every figure comes from the cross-validation that ``medborgarlofte train`` ran and recorded,
so the table cannot drift from the models: ``medborgarlofte train --report`` prints it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

COMBINATIONS = {
    "relevance": ("combined",),
    "focus": ("union", "rule_first", "mean", "agree"),
    "names": ("union",),
}


def _meta(models_dir: Path, name: str) -> dict[str, Any] | None:
    path = models_dir / name / "meta.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _best_combination(scores: dict[str, dict[str, Any]], names: tuple[str, ...]) -> str:
    return max(names, key=lambda d: (scores[d]["f1"], -names.index(d)))


def _row(field: str, scores: dict[str, dict[str, Any]], combos: tuple[str, ...], used: str) -> str:
    combo = _best_combination(scores, combos)
    cells = [f"{scores[d]['f1']:.3f}" for d in ("rules", "model")]
    cells.append(f"{scores[combo]['f1']:.3f} ({combo})")
    return f"| {field} | " + " | ".join(cells) + f" | {used} |"


def cv_markdown(models_dir: Path) -> str:
    """Markdown: one row per field with the F1 of rules, model and the best combination, and what is used."""
    lines = [
        "| field (cross-validated F1) | rules only | model only | combined (best) | used |",
        "|---|---:|---:|---:|---|",
    ]
    notes = []
    relevance = _meta(models_dir, "relevance")
    if relevance:
        scores = relevance["cross_validation"]["scores"]
        lines.append(_row("relevance", scores, COMBINATIONS["relevance"], relevance["decision"]))
    focus = _meta(models_dir, "focus")
    if focus:
        scores = focus["cross_validation"]["scores"]
        lines.append(_row("focus areas (micro)", scores, COMBINATIONS["focus"], focus["decision"]))
        weakest = {d: s["min_supported_label_f1"] for d, s in scores.items()}
        notes.append(
            "Focus, lowest F1 of a label with ≥ 5 gold occurrences: "
            + ", ".join(f"{d} {v:.3f}" for d, v in weakest.items() if v is not None)
            + "."
        )
    names = _meta(models_dir, "names")
    if names:
        scores = names["cross_validation"]["scores"]
        signatories = {source: s["signatories"] for source, s in scores.items()}
        lines.append(_row("named officials (names)", scores, COMBINATIONS["names"], names["decision"]))
        lines.append(_row("signatories (names)", signatories, COMBINATIONS["names"], names["decision"]))
        notes.append(
            "Names, false officials added (precision errors) per source: "
            + ", ".join(f"{d} {s['false_positives']}" for d, s in scores.items())
            + "; missed: "
            + ", ".join(f"{d} {s['false_negatives']}" for d, s in scores.items())
            + "."
        )
    for note in notes:
        lines += ["", note]
    return "\n".join(lines)
