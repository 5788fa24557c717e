"""Labelled examples for training: the development corpus (read at run time) plus our own.

The corpus texts are third-party publications, so they are never copied into the repository:
``load_corpus`` reads them from the folder given on the command line. Our own short examples
live in ``data/annotations/relevance.jsonl`` (format in ``data/annotations/README.md``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
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


def read_jsonl(path: Path) -> Iterator[dict]:
    """The objects of a JSON Lines file, blank lines skipped."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def corpus_with_gold(corpus_dir: Path) -> Iterator[tuple[dict, dict]]:
    """(record, gold annotation) for every corpus document that has a gold file, in file order.

    Every model's training set starts here; the texts are read at run time, never copied.
    """
    for row in read_jsonl(corpus_dir / "corpus.jsonl"):
        gold_path = corpus_dir / "gold" / f"{row['id']}.json"
        if gold_path.exists():
            yield row, json.loads(gold_path.read_text(encoding="utf-8"))


def rows_hash(rows: Iterable[list]) -> str:
    """SHA-256 over JSON-serialised rows, one per line: names the exact data a model was trained on."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps(row, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def load_corpus(corpus_dir: Path) -> list[Example]:
    """The corpus documents with their gold ``relevant`` label, in file order."""
    return [
        Example(row["id"], clean_text(row["text"]), bool(gold["relevant"]), "corpus")
        for row, gold in corpus_with_gold(corpus_dir)
    ]


def load_annotations(path: Path) -> list[Example]:
    """Our own labelled examples (JSON lines with ``id``, ``relevant``, ``text``)."""
    return [
        Example(row["id"], clean_text(row["text"]), bool(row["relevant"]), "annotation") for row in read_jsonl(path)
    ]


def data_hash(examples: Iterable[Example]) -> str:
    """SHA-256 over ids, labels and texts: names the exact data a model was trained on."""
    return rows_hash([ex.id, ex.relevant, ex.source, ex.text] for ex in examples)
