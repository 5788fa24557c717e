"""The person-name measurement: name sources inside the people extractor, the decision, meta.json, README.

Toy documents are our own Swedish sentences. The "model" in most tests is a blank Swedish pipeline
with an entity ruler, so that the measurement code is tested in milliseconds and with a known
answer; one test trains the real ``ner`` for a couple of epochs on a handful of sentences.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from pipeline.models.names_data import (
    NameSentence,
    analyse,
    gold_document,
    load_names_annotations,
    silver_sentences,
)
from pipeline.models.names_evaluation import cross_validate_names, names_decision, people_with, source_spans
from pipeline.models.names_model import NamesConfig, model_spans, train_ner
from pipeline.models.report import cv_markdown
from pipeline.nlp.build import get_nlp

ROOT = Path(__file__).resolve().parents[1]
NAMES_DIR = ROOT / "pipeline" / "resources" / "models" / "names"
ANNOTATIONS = ROOT / "data" / "annotations" / "names.jsonl"

#: "Iwa" is in no first-name list, so the rules miss "Iwa Strömgren"; both people signed.
SIGNING = "Medborgarlöfte för Kalix 2024\nLöftet skrevs under av Iwa Strömgren och Amanda Lindell i stadshuset."
QUOTE = "Trygghet i centrum\n– Vi ses på Stora Torget i vår, säger kommunpolis Johan Sand."


def _ruler(patterns: Sequence[str]) -> Language:
    """A stand-in for a trained model: PER for exactly these strings."""
    nlp = spacy.blank("sv")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": p} for p in patterns])
    return nlp


def _documents():
    nlp = get_nlp()
    return [
        gold_document(
            "signing",
            analyse(nlp, SIGNING),
            {"signatories": [{"name": "Iwa Strömgren"}, {"name": "Amanda Lindell"}], "persons": []},
        ),
        gold_document("quote", analyse(nlp, QUOTE), {"signatories": [], "persons": [{"name": "Johan Sand"}]}),
    ]


def test_the_rules_miss_an_unknown_first_name_that_a_model_source_recovers():
    signing = _documents()[0]
    spans = source_spans(signing.doc, _ruler(["Iwa Strömgren"]))
    assert [s.text for s in spans["rules"]] == ["Amanda Lindell"]
    assert [s.text for s in spans["union"]] == ["Iwa Strömgren", "Amanda Lindell"]
    officials, signed = people_with(signing.doc, spans["union"])
    assert officials == signed == {"iwa strömgren", "amanda lindell"}
    # The document's own spans are restored after scoring another source.
    assert [s.text for s in signing.doc.spans["person"]] == ["Amanda Lindell"]


def test_a_capitalised_place_needs_a_role_party_or_signing_to_become_an_official():
    quote = _documents()[1]
    spans = model_spans(_ruler(["Stora Torget", "Johan Sand"]), quote.doc)
    assert [s.text for s in spans] == ["Stora Torget", "Johan Sand"]
    assert people_with(quote.doc, spans) == ({"johan sand"}, set())


def _fake_trainer(patterns: Sequence[str]):
    def trainer(sentences: Sequence[NameSentence], config: NamesConfig) -> Language:
        return _ruler(patterns)

    return trainer


def test_cross_validation_scores_each_source_on_held_out_documents():
    documents = _documents()
    cv = cross_validate_names(documents, [], NamesConfig(), n_splits=2, trainer=_fake_trainer(["Iwa Strömgren"]))
    scores = cv["scores"]
    assert scores["rules"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores["rules"]["signatories"]["false_negatives"] == 1
    assert scores["union"]["recall"] == scores["union"]["precision"] == 1.0
    assert scores["model"]["false_negatives"] == 2  # the ruler knows only one of the three names
    assert cv["errors"]["rules"] == {"missed_in": ["signing"], "extra_in": []}
    assert names_decision(scores) == "union"


def test_a_source_that_adds_a_false_official_does_not_win_even_with_a_higher_f1():
    # A model that also takes "Löftet skrevs" for a name: it sits in a signing sentence, so the
    # extractor reports it as a signatory — a false name the rules never produce.
    trainer = _fake_trainer(["Iwa Strömgren", "Löftet skrevs"])
    scores = cross_validate_names(_documents(), [], NamesConfig(), n_splits=2, trainer=trainer)["scores"]
    assert scores["union"]["recall"] == 1.0 and scores["union"]["false_positives"] == 1
    assert scores["union"]["f1"] > scores["rules"]["f1"]
    assert names_decision(scores) == "rules"


def test_ties_go_to_the_rules():
    same = {"f1": 0.9, "false_positives": 0, "signatories": {"f1": 1.0, "false_positives": 0}}
    assert names_decision({"rules": same, "model": same, "union": same}) == "rules"


def test_silver_sentences_carry_the_rule_spans_of_their_sentence():
    quote = _documents()[1]
    silver = silver_sentences(quote)
    labelled = [s for s in silver if s.names]
    assert [[s.text[a:b] for a, b in s.names] for s in labelled] == [["Johan Sand"]]
    assert all(s.group == "quote" and s.source == "silver" for s in silver)


def test_own_annotations_parse_and_every_name_is_in_its_sentence():
    sentences = load_names_annotations(ANNOTATIONS)
    assert len({s.group for s in sentences}) == len(sentences) >= 30
    assert any(not s.names for s in sentences) and any(s.names for s in sentences)


def test_an_annotated_name_missing_from_its_sentence_is_an_error(tmp_path: Path):
    path = tmp_path / "names.jsonl"
    row = {"id": "x", "text": "Kommunalrådet Ola Berg (S) skrev under.", "names": ["Ola Bergh"]}
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="Ola Bergh"):
        load_names_annotations(path)


def test_a_tiny_real_training_run_learns_the_label_and_is_deterministic():
    sentences = load_names_annotations(ANNOTATIONS)[:12]
    config = NamesConfig(epochs=2)
    first, second = train_ner(sentences, config), train_ner(sentences, config)
    assert first.pipe_names == ["ner"] and first.get_pipe("ner").labels == ("PER",)
    text = "Kommunpolis Dragan Petrović och Ilir Berisha skrev under löftet i Gamla Stan."
    assert [e.text for e in first(text).ents] == [e.text for e in second(text).ents]


def _names_meta() -> dict:
    path = NAMES_DIR / "meta.json"
    if not path.exists():
        pytest.skip("no names meta.json yet (run medborgarlofte train --model names)")
    return json.loads(path.read_text(encoding="utf-8"))


def test_meta_decision_is_consistent_with_its_own_table_and_the_shipped_files():
    meta = _names_meta()
    assert meta["decision"] == names_decision(meta["cross_validation"]["scores"])
    assert meta["cross_validation"]["grouping"] == "document"
    weights = NAMES_DIR / "model"
    if meta["decision"] == "rules":
        assert meta["model_dir"] is None and not weights.exists()
    else:
        assert meta["model_dir"] == "model" and (weights / "config.cfg").exists()


def test_readme_rows_match_the_names_meta():
    meta = _names_meta()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in cv_markdown(NAMES_DIR.parent).splitlines() if "(names)" in line]
    assert len(rows) == 2 and all(row in readme for row in rows)
    rules = meta["cross_validation"]["scores"]["rules"]
    assert f"| named officials (names) | {rules['f1']:.3f} |" in readme
    assert rows[0].endswith(f"| {meta['decision']} |")
