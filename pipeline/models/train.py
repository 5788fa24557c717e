"""Train the relevance model: build the training set, cross-validate, fit on everything, save.

One library call behind ``medborgarlofte train``. Deterministic: fixed folds and seeds, an
lbfgs solver, sorted files without timestamps, so the same data gives the same bytes.
"""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from pipeline.models.artifact import MODEL_FILE, save_model
from pipeline.models.combine import THRESHOLD
from pipeline.models.evaluation import best_decision, cross_validate
from pipeline.models.examples import data_hash, load_annotations, load_corpus
from pipeline.models.linear import FORMAT, ModelConfig, RelevanceModel


def _versions() -> dict[str, str]:
    libs = {name: metadata.version(name) for name in ("scikit-learn", "numpy", "scipy")}
    return {"python": platform.python_version(), **libs}


def train_relevance(
    corpus_dir: Path, annotations: Path, out_dir: Path, config: ModelConfig | None = None
) -> dict[str, Any]:
    """Cross-validate rules/model/combined, fit the model on all examples, write model + meta; return meta."""
    from pipeline.extract.relevance import rule_probability

    config = config or ModelConfig()
    corpus = load_corpus(corpus_dir)
    if not corpus:
        raise FileNotFoundError(f"no labelled documents in {corpus_dir} (expected corpus.jsonl and gold/)")
    extra = load_annotations(annotations)
    cv = cross_validate(corpus, extra, rule_probability, config)
    decision = best_decision(cv["scores"])  # type: ignore[arg-type]
    everything = corpus + extra
    model = RelevanceModel(config).fit([ex.text for ex in everything], [ex.relevant for ex in everything])
    meta = {
        "name": "relevance",
        "model_file": MODEL_FILE,
        "format": FORMAT,
        "decision": decision,
        "threshold": THRESHOLD,
        "config": model.to_dict()["config"],
        "training_data": {
            "sha256": data_hash(everything),
            "corpus_documents": len(corpus),
            "corpus_relevant": sum(ex.relevant for ex in corpus),
            "own_examples": len(extra),
            "own_relevant": sum(ex.relevant for ex in extra),
        },
        "versions": _versions(),
        "cross_validation": cv,
    }
    save_model(model, meta, out_dir)
    return meta
