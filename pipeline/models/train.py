"""Train the models: build each training set, cross-validate against the rules, fit on everything, save.

One library call per model behind ``medborgarlofte train``. Deterministic: fixed folds and seeds, an
lbfgs solver, sorted files without timestamps, so the same data gives the same bytes.
"""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.models.artifact import MODEL_FILE, save_model
from pipeline.models.combine import THRESHOLD
from pipeline.models.evaluation import best_decision, cross_validate
from pipeline.models.examples import data_hash, load_annotations, load_corpus
from pipeline.models.focus_data import sentences_hash
from pipeline.models.linear import FORMAT, ModelConfig, RelevanceModel

if TYPE_CHECKING:
    from pipeline.models.focus_model import FocusConfig


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


def train_focus(
    corpus_dir: Path, annotations: Path, out_dir: Path, config: FocusConfig | None = None
) -> dict[str, Any]:
    """Cross-validate rules/model/combinations for focus areas, fit on all sentences, write model + meta."""
    from pipeline.models import focus_model
    from pipeline.models.combine import FOCUS_THRESHOLD
    from pipeline.models.focus_data import load_focus_annotations, load_gold_documents, merge_references, weak_sentences
    from pipeline.models.focus_evaluation import best_focus_decision, cross_validate_focus
    from pipeline.nlp.build import get_nlp

    config = config or focus_model.FocusConfig()
    if not (corpus_dir / "corpus.jsonl").exists():
        raise FileNotFoundError(f"no labelled documents in {corpus_dir} (expected corpus.jsonl and gold/)")
    nlp = get_nlp()
    documents = load_gold_documents(corpus_dir, nlp)
    if not documents:
        raise FileNotFoundError(f"no gold-relevant documents in {corpus_dir}")
    annotated = load_focus_annotations(annotations, nlp, corpus_dir)
    references = [s for s in annotated if s.source == "reference"]
    own = [s for s in annotated if s.source == "own"]
    cv = cross_validate_focus(documents, references, own, config)
    decision = best_focus_decision(cv["scores"])  # type: ignore[arg-type]
    everything = merge_references(weak_sentences(documents), references) + own
    model = focus_model.FocusModel(config).fit([s.input for s in everything], [s.labels for s in everything])
    meta = {
        "name": "focus",
        "model_file": MODEL_FILE,
        "format": focus_model.FORMAT,
        "decision": decision,
        "threshold": FOCUS_THRESHOLD,
        "config": model.to_dict()["config"],
        "labels": model.labels,
        "training_data": {
            "sha256": sentences_hash(everything),
            "gold_relevant_documents": len(documents),
            "sentences": len(everything),
            "weak_sentences": sum(s.source == "weak" for s in everything),
            "reference_sentences": len(references),
            "own_sentences": len(own),
            "labelled_sentences": sum(bool(s.labels) for s in everything),
        },
        "versions": _versions(),
        "cross_validation": cv,
    }
    save_model(model, meta, out_dir)
    return meta
