"""``medborgarlofte train --model names``: measure rules / model / union for names, decide, save.

The weights are shipped only when a model-based source wins in cross-validation (see
``names_decision``); otherwise the folder keeps only ``meta.json`` with the measured table and
the decision "rules", and any earlier weights are removed so that nothing stale ships.
"""

from __future__ import annotations

import json
import platform
import shutil
from importlib import metadata
from pathlib import Path
from typing import Any

from pipeline.models.artifact import META_FILE
from pipeline.models.names_data import (
    load_names_annotations,
    load_names_documents,
    sentences_hash,
    silver_sentences,
)
from pipeline.models.names_evaluation import cross_validate_names, names_decision
from pipeline.models.names_model import NamesConfig, config_dict, train_ner

MODEL_DIR = "model"


def _versions() -> dict[str, str]:
    libs = {name: metadata.version(name) for name in ("spacy", "thinc", "scikit-learn", "numpy")}
    return {"python": platform.python_version(), **libs}


def train_names(
    corpus_dir: Path, annotations: Path, out_dir: Path, config: NamesConfig | None = None
) -> dict[str, Any]:
    """Cross-validate the name sources, write ``meta.json`` (and the weights only if a model wins)."""
    from pipeline.nlp.build import get_nlp

    config = config or NamesConfig()
    if not (corpus_dir / "corpus.jsonl").exists():
        raise FileNotFoundError(f"no labelled documents in {corpus_dir} (expected corpus.jsonl and gold/)")
    documents = load_names_documents(corpus_dir, get_nlp())
    if not documents:
        raise FileNotFoundError(f"no gold-relevant documents in {corpus_dir}")
    own = load_names_annotations(annotations)
    cv = cross_validate_names(documents, own, config)
    decision = names_decision(cv["scores"])  # type: ignore[arg-type]
    everything = [s for d in documents for s in silver_sentences(d)] + own
    out_dir.mkdir(parents=True, exist_ok=True)
    weights = out_dir / MODEL_DIR
    if weights.exists():
        shutil.rmtree(weights)
    if decision != "rules":
        train_ner(everything, config).to_disk(weights)
    meta = {
        "name": "names",
        "label": "PER",
        "model_dir": MODEL_DIR if decision != "rules" else None,
        "decision": decision,
        "config": config_dict(config),
        "training_data": {
            "sha256": sentences_hash(everything),
            "gold_relevant_documents": len(documents),
            "silver_sentences": len(everything) - len(own),
            "silver_names": sum(len(s.names) for s in everything if s.source == "silver"),
            "own_sentences": len(own),
            "own_names": sum(len(s.names) for s in own),
        },
        "versions": _versions(),
        "cross_validation": cv,
    }
    text = json.dumps(meta, ensure_ascii=False, sort_keys=True, indent=2)
    (out_dir / META_FILE).write_text(text + "\n", encoding="utf-8")
    return meta
