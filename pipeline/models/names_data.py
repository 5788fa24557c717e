"""Training and scoring data for the person-name model.

Gold annotations (GUIDELINES.md) list the *official names* of a document, not every mention of
every person, so token-level training labels come from elsewhere:

- ``silver``: the rule name finder's spans (``mbl_person_names``, which already uses the
  first-name gazetteer built from names-dataset) in every sentence of a training document.
  The model can only generalise from them, so our own sentences teach it what the rules miss.
- ``own``: sentences we wrote in ``data/annotations/names.jsonl`` (format in
  ``data/annotations/README.md``): names without a known first name, foreign names, names
  without a title nearby, and capitalised words that are not names.

Scoring is at the level of the official metric: the set of gold official names per document
(``signatories`` + ``persons``), so documents keep their gold sets and their pipeline ``Doc``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.evaluate.metrics import norm
from pipeline.models.examples import corpus_with_gold, read_jsonl, rows_hash
from pipeline.nlp.components import person_names
from pipeline.nlp.spans import doc_text, set_doc_text
from pipeline.text.clean import clean_text

DEFAULT_NAMES_ANNOTATIONS = Path("data/annotations/names.jsonl")
#: A sentence worth training on: it has a capitalised word (all others are trivially "no name").
_CAPITALISED = re.compile(r"(?<!\w)[A-ZÅÄÖÉÜÆØ][a-zåäöéüèáíóúæøß]")

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class NameSentence:
    """One training sentence: its text and the character offsets of the person names in it."""

    group: str
    text: str
    names: Spans
    source: str  # "silver" or "own"


@dataclass
class NamesDocument:
    """A gold-relevant corpus document: its analysed ``Doc`` and the gold name sets."""

    id: str
    doc: Doc
    officials: frozenset[str]
    signatories: frozenset[str]
    optional_signatories: frozenset[str]


def gold_document(doc_id: str, doc: Doc, gold: dict) -> NamesDocument:
    """The normalised gold sets of a document (the evaluation's ``norm``: case, whitespace, NFC)."""
    signatories = frozenset(norm(p["name"]) for p in gold.get("signatories", []))
    persons = frozenset(norm(p["name"]) for p in gold.get("persons", []))
    optional = frozenset(norm(n) for n in gold.get("signatories_optional", []))
    return NamesDocument(doc_id, doc, signatories | persons, signatories, optional)


def analyse(nlp: Language, text: str) -> Doc:
    """The full rule pipeline on a cleaned text, as ``pipeline.batch.analyse`` runs it."""
    text = clean_text(text)
    doc = nlp.make_doc(text)
    set_doc_text(doc, text)
    return nlp(doc)


def load_names_documents(corpus_dir: Path, nlp: Language) -> list[NamesDocument]:
    """Gold-relevant corpus documents in file order (read at run time, never copied)."""
    return [
        gold_document(row["id"], analyse(nlp, row["text"]), gold)
        for row, gold in corpus_with_gold(corpus_dir)
        if gold.get("relevant")
    ]


def silver_sentences(document: NamesDocument) -> list[NameSentence]:
    """The document's sentences with a capitalised word, labelled with the rule name spans."""
    doc = document.doc
    text = doc_text(doc)
    spans = [(s.start_char, s.end_char) for s in doc.spans.get(person_names.SPAN_KEY, [])]
    sentences = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        if not _CAPITALISED.search(text[start:end]):
            continue
        inside = tuple((a - start, b - start) for a, b in spans if a >= start and b <= end)
        sentences.append(NameSentence(document.id, text[start:end], inside, "silver"))
    return sentences


def _occurrences(text: str, names: Iterable[str]) -> Spans:
    found = []
    for name in names:
        hits = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
        if not hits:
            raise ValueError(f"name {name!r} not found in its sentence: {text!r}")
        found.extend(hits)
    return tuple(sorted(found))


def load_names_annotations(path: Path) -> list[NameSentence]:
    """Our own sentences: JSON lines with ``id``, ``text`` and ``names`` (each name as written)."""
    sentences = []
    for row in read_jsonl(path):
        text = clean_text(row["text"])
        sentences.append(NameSentence(row["id"], text, _occurrences(text, row["names"]), "own"))
    return sentences


def sentences_hash(sentences: Iterable[NameSentence]) -> str:
    """SHA-256 over groups, texts and name offsets: names the exact data a model was trained on."""
    return rows_hash([s.group, s.source, s.text, s.names] for s in sentences)
