"""Labelled examples for training: the development corpus (read at run time) plus our own.

The corpus texts are third-party publications, so they are never copied into the repository:
``load_corpus`` reads them from the folder given on the command line. Our own short examples
live in ``data/annotations/relevance.jsonl`` (format in ``data/annotations/README.md``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.text.clean import clean_text

DEFAULT_ANNOTATIONS = Path("data/annotations/relevance.jsonl")


@dataclass(frozen=True)
class Example:
    """One labelled text; ``source`` is "corpus" (scored in CV) or "annotation" (training only)."""

    id: str
    text: str
    relevant: bool
    source: str


def load_corpus(corpus_dir: Path) -> list[Example]:
    """The corpus documents with their gold ``relevant`` label, in file order."""
    gold_dir = corpus_dir / "gold"
    examples = []
    with (corpus_dir / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            gold_path = gold_dir / f"{row['id']}.json"
            if not gold_path.exists():
                continue
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            examples.append(Example(row["id"], clean_text(row["text"]), bool(gold["relevant"]), "corpus"))
    return examples


def load_annotations(path: Path) -> list[Example]:
    """Our own labelled examples (JSON lines with ``id``, ``relevant``, ``text``)."""
    examples = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                examples.append(Example(row["id"], clean_text(row["text"]), bool(row["relevant"]), "annotation"))
    return examples


def data_hash(examples: Iterable[Example]) -> str:
    """SHA-256 over ids, labels and texts: names the exact data a model was trained on."""
    digest = hashlib.sha256()
    for ex in examples:
        digest.update(json.dumps([ex.id, ex.relevant, ex.source, ex.text], ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
