"""Sentence-level training data for the focus-area model.

Gold annotations (GUIDELINES.md) label documents, not sentences, so sentences get labels in
three ways, each recorded in ``Sentence.source``:

- ``weak``: every focus statement (``pipeline.extract.focus_statements``) of a gold-relevant
  corpus document, labelled with those lexicon labels it carries that the document's gold
  accepts (required or optional). A lexicon hit the gold rejects becomes a negative, so the
  model learns where a topic word is *not* a focus.
- ``reference``: our own labels for a corpus sentence, given by document id and character
  offsets in ``data/annotations/focus.jsonl`` (the text is read from the corpus at training
  time, never copied). It replaces the weak labels of the statement it overlaps.
- ``own``: sentences we wrote, with their labels, in the same file.

``group`` is the corpus document a sentence comes from (own sentences: their id), so that
cross-validation never trains and tests on the same document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Span

from pipeline.models.examples import corpus_with_gold, read_jsonl, rows_hash
from pipeline.text.clean import clean_text

DEFAULT_FOCUS_ANNOTATIONS = Path("data/annotations/focus.jsonl")
#: Pipeline steps the statement finder needs (sentences at line breaks, lemmas).
STRUCTURE_PIPES = ("mbl_sentences", "mbl_lemmatizer")


@dataclass(frozen=True)
class SentenceInput:
    """What the model reads of a sentence: its text, its lemmas, and why it was chosen."""

    text: str
    lemmas: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    group: str
    input: SentenceInput
    labels: frozenset[str]
    source: str  # "weak", "reference" or "own"
    start: int = -1
    end: int = -1


@dataclass
class GoldDocument:
    """A gold-relevant corpus document with its focus statements (inputs and rule labels)."""

    id: str
    required: frozenset[str]
    optional: frozenset[str]
    statements: list[tuple[SentenceInput, int, int]] = field(default_factory=list)
    rule_scores: dict[str, tuple[float, str]] = field(default_factory=dict)


def sentence_input(span: Span, reason: str) -> SentenceInput:
    """The model's view of a statement span (lemmas lowercased; the lookup table is case-sensitive)."""
    lemmas = " ".join(t.lemma_.lower() or t.lower_ for t in span if not t.is_space)
    return SentenceInput(span.text.strip(), lemmas, reason)


def text_input(nlp: Language, text: str, reason: str = "statement") -> SentenceInput:
    """The model's view of a sentence given as text (own annotations, tests)."""
    with nlp.select_pipes(enable=list(STRUCTURE_PIPES)):
        doc = nlp(clean_text(text))
    return sentence_input(doc[:], reason)


def load_gold_documents(corpus_dir: Path, nlp: Language) -> list[GoldDocument]:
    """Gold-relevant corpus documents with their statements and the rule's document labels."""
    from pipeline.extract.focus import score_labels
    from pipeline.extract.focus_statements import focus_statements

    documents = []
    with nlp.select_pipes(enable=list(STRUCTURE_PIPES)):
        for row, gold in corpus_with_gold(corpus_dir):
            if not gold.get("relevant"):
                continue
            statements = focus_statements(nlp(clean_text(row["text"])))
            documents.append(
                GoldDocument(
                    id=row["id"],
                    required=frozenset(gold.get("focus_required", [])),
                    optional=frozenset(gold.get("focus_optional", [])),
                    statements=[
                        (sentence_input(s.sent, s.reason), s.sent.start_char, s.sent.end_char) for s in statements
                    ],
                    rule_scores=score_labels(statements),
                )
            )
    return documents


def weak_sentences(documents: Iterable[GoldDocument]) -> list[Sentence]:
    """Each statement labelled with its lexicon labels that the document's gold accepts."""
    from pipeline.extract.focus import label_sentence

    sentences = []
    for doc in documents:
        accepted = doc.required | doc.optional
        for inp, start, end in doc.statements:
            labels = frozenset(label_sentence(inp.text) & accepted)
            sentences.append(Sentence(doc.id, inp, labels, "weak", start, end))
    return sentences


def load_focus_annotations(path: Path, nlp: Language, corpus_dir: Path | None) -> list[Sentence]:
    """Our own sentences and references into the corpus (format: data/annotations/README.md).

    References are skipped when no corpus is given (they only make sense next to it).
    """
    texts: dict[str, str] = {}
    if corpus_dir is not None and (corpus_dir / "corpus.jsonl").exists():
        texts = {row["id"]: row["text"] for row in read_jsonl(corpus_dir / "corpus.jsonl")}
    sentences = []
    for row in read_jsonl(path):
        labels = frozenset(row["labels"])
        reason = row.get("reason", "statement")
        if "doc" in row:
            if row["doc"] not in texts:
                continue
            with nlp.select_pipes(enable=list(STRUCTURE_PIPES)):
                doc = nlp(clean_text(texts[row["doc"]]))
            span = doc.char_span(row["start"], row["end"], alignment_mode="expand")
            if span is None:
                raise ValueError(f"{row['id']}: offsets {row['start']}-{row['end']} do not fall in {row['doc']}")
            sentences.append(
                Sentence(row["doc"], sentence_input(span, reason), labels, "reference", row["start"], row["end"])
            )
        else:
            sentences.append(Sentence(row["id"], text_input(nlp, row["text"], reason), labels, "own"))
    return sentences


def merge_references(weak: list[Sentence], references: list[Sentence]) -> list[Sentence]:
    """Weak sentences, with any that overlap a reference of the same document replaced by it."""
    by_doc: dict[str, list[Sentence]] = {}
    for ref in references:
        by_doc.setdefault(ref.group, []).append(ref)
    kept = [s for s in weak if not any(r.start < s.end and s.start < r.end for r in by_doc.get(s.group, []))]
    return kept + references


def sentences_hash(sentences: Iterable[Sentence]) -> str:
    """SHA-256 over groups, labels and inputs: names the exact data a model was trained on."""
    return rows_hash(
        [s.group, sorted(s.labels), s.source, s.input.text, s.input.lemmas, s.input.reason] for s in sentences
    )
