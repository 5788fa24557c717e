"""Metrics as Markdown tables, for the README and for pasting into reviews."""

from __future__ import annotations

#: (metric key, what it measures) in the order the README shows them.
FIELDS = (
    ("relevance_f1", "relevance F1 (all documents)"),
    ("municipality_set_acc", "municipality: exact set of municipalities"),
    ("municipality_primary_acc", "municipality: main one"),
    ("year_acc", "years: (year_start, year_end) exact"),
    ("signatory_p", "signatories precision"),
    ("signatory_r", "signatories recall"),
    ("signatory_f1", "signatories F1"),
    ("official_f1", "all named officials F1"),
    ("role_acc", "role of matched officials"),
    ("party_acc", "party of matched officials"),
    ("focus_p", "focus areas precision (micro)"),
    ("focus_r", "focus areas recall (micro)"),
    ("focus_f1", "focus areas F1 (micro)"),
    ("focus_macro_f1", "focus areas F1 (macro over labels)"),
)


def metrics_markdown(metrics: dict[str, object]) -> str:
    lines = ["| field | score |", "|---|---:|"]
    lines += [f"| {label} | {metrics[key]:.3f} |" for key, label in FIELDS]
    lines += ["", "| focus label | precision | recall | F1 | gold support |", "|---|---:|---:|---:|---:|"]
    for label, (p, r, f, n) in metrics["focus_per_label"].items():  # type: ignore[union-attr]
        lines.append(f"| {label} | {p:.3f} | {r:.3f} | {f:.3f} | {n} |")
    return "\n".join(lines)
