"""Relevance: the cue features, the model's persistence and determinism, the shipped artifact, the component."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from pipeline.models.combine import DECISIONS, combine, uses_rule
from pipeline.models.cues import cue_names, cue_vector
from pipeline.models.examples import DEFAULT_ANNOTATIONS, data_hash, load_annotations
from pipeline.models.linear import ModelConfig, RelevanceModel

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / DEFAULT_ANNOTATIONS
MODEL_DIR = ROOT / "pipeline" / "resources" / "models" / "relevance"

# (text, relevant): new sentences, not in data/annotations, in the genre's usual shapes.
DOCUMENTS = [
    (
        "Polisen och Bergsby kommun undertecknar medborgarlöfte\n\nI går skrev kommunalrådet och "
        "lokalpolisområdeschefen under medborgarlöftet för 2026. Fokus ligger på trafiken vid skolorna.",
        True,
    ),
    (
        "Medborgarlöftet följs upp\n\nKommunen och polisen redovisar hur arbetet med förra årets "
        "medborgarlöfte har gått: fler kontroller av mopeder och ny belysning i gångtunneln.",
        True,
    ),
    (
        "Var med och påverka nästa medborgarlöfte\n\nPolisen och kommunen vill veta var du känner dig "
        "otrygg. Svara på enkäten senast den 15 oktober, så blir dina svar underlag till medborgarlöftet.",
        True,
    ),
    (
        "Simhallen stänger för renovering\n\nSimhallen håller stängt från den 1 juni till den 20 augusti "
        "medan bassängen renoveras. Kommunen hänvisar till utomhusbaden under sommaren.",
        False,
    ),
    (
        "Kommunen antar ny översiktsplan\n\nKommunfullmäktige har antagit en ny översiktsplan som "
        "pekar ut var nya bostäder och verksamheter ska byggas fram till 2040.",
        False,
    ),
    (
        "Kommunens budget för 2026 är klar\n\nKommunfullmäktige har fastställt budgeten för nästa år. Skatten "
        "är oförändrad, och mer pengar går till äldreomsorgen och till underhåll av vägar och skolor.",
        False,
    ),
    (
        "Polisen utreder brand i skola\n\nEn brand i ett förråd vid skolan under natten utreds som "
        "mordbrand. Ingen person skadades. Polisen vill komma i kontakt med vittnen.",
        False,
    ),
]

# (text, cue, expected value)
CUES = [
    ("Nytt medborgarlöfte klart\n\nText om annat.", "term_head", 1.0),
    ("Nyheter\n\n" + "Text om annat. " * 30 + "Medborgarlöftet nämns sist.", "term_head", 0.0),
    ("Medborgarlöftet skrevs under i dag av båda parter.", "signing_near_term", 1.0),
    ("Avtalet skrevs under i dag." + " Annat." * 60 + " Ett medborgarlöfte nämns.", "signing_near_term", 0.0),
    ("Medborgarlöfte, medborgarlöftet och medborgarlöftena.", "term_repeated", 1.0),
    ("Ett medborgarlöfte.", "term_repeated", 0.0),
    ("Polisens löften till medborgarna gäller hela året.", "promise_to_citizens", 1.0),
    ("Löftet gäller för 2025.", "period", 1.0),
    ("Kommunen har ett servicelöfte.", "other_promise", 1.0),
    ("Medborgarlöftet gäller i år.", "other_promise", 0.0),
    ("Åsby kommun och polisen samarbetar.", "named_party", 1.0),
    ("Kommunpolisen i Åsby svarar på frågor.", "named_party", 1.0),
    ("Kommuner och polis kan samarbeta på olika sätt.", "named_party", 0.0),
]


def _examples() -> list:
    return load_annotations(ANNOTATIONS)


@pytest.mark.parametrize(("text", "cue", "expected"), CUES)
def test_cue(text, cue, expected):
    assert cue_vector(text)[cue_names().index(cue)] == expected


@pytest.mark.parametrize(("text", "relevant"), DOCUMENTS)
def test_pipeline_decides_relevance(analyse_text, text, relevant):
    result = analyse_text(text)._.relevance
    assert result.relevant is relevant
    assert 0.0 <= result.score <= 1.0


def test_evidence_is_the_sentence_with_the_term(analyse_text):
    text = "Rubrik\n\nKommunen bygger en väg. I dag skrevs medborgarlöftet under av polisen och kommunen."
    assert "medborgarlöftet" in analyse_text(text)._.relevance.evidence


def test_annotations_are_well_formed():
    rows = [json.loads(line) for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(isinstance(r["relevant"], bool) and r["text"].strip() and r["kind"] for r in rows)
    assert {r["relevant"] for r in rows} == {True, False}


def test_model_round_trips_through_json():
    examples = _examples()
    texts, labels = [e.text for e in examples], [e.relevant for e in examples]
    model = RelevanceModel(ModelConfig(C=1.0)).fit(texts, labels)
    data = json.loads(json.dumps(model.to_dict()))
    assert np.allclose(RelevanceModel.from_dict(data).predict_proba(texts), model.predict_proba(texts))


def test_fitting_is_deterministic():
    examples = _examples()
    texts, labels = [e.text for e in examples], [e.relevant for e in examples]
    first = RelevanceModel().fit(texts, labels).to_dict()
    second = RelevanceModel().fit(list(texts), list(labels)).to_dict()
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


def test_model_learns_the_annotations():
    examples = _examples()
    texts, labels = [e.text for e in examples], np.array([e.relevant for e in examples])
    proba = RelevanceModel().fit(texts, list(labels)).predict_proba(texts)
    assert ((proba >= 0.5) == labels).mean() >= 0.95


@pytest.mark.parametrize("decision", DECISIONS)
def test_combined_score_stays_in_unit_interval(decision):
    for p_rule, p_model in [(0.0, 1.0), (1.0, 1.0), (0.2, 0.4)]:
        assert 0.0 <= combine(p_rule, p_model, decision) <= 1.0


@pytest.mark.parametrize("decision", DECISIONS)
def test_uses_rule_says_whether_combine_reads_the_rule(decision):
    assert math.isnan(combine(math.nan, 0.3, decision)) is uses_rule(decision)


def test_unknown_decision_is_an_error():
    with pytest.raises(ValueError):
        combine(0.5, 0.5, "vote")


def test_shipped_meta_documents_the_model():
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert set(meta["versions"]) >= {"python", "scikit-learn", "numpy", "scipy"}
    assert len(meta["training_data"]["sha256"]) == 64
    scores = meta["cross_validation"]["scores"]
    assert set(scores) == set(DECISIONS)
    assert meta["decision"] == max(DECISIONS, key=lambda d: (scores[d]["f1"], -DECISIONS.index(d)))
    assert scores[meta["decision"]]["f1"] >= 0.97


def test_shipped_model_loads_without_network():
    from pipeline.models.artifact import load_model

    model = load_model(MODEL_DIR)
    proba = model.predict_proba(["Medborgarlöfte undertecknat för 2025.", "Ny gata byggs i centrum."])
    assert proba[0] > 0.5 > proba[1]


def _tiny_corpus(folder: Path) -> Path:
    """A corpus in the shared format, made of our own annotations."""
    (folder / "gold").mkdir(parents=True)
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as fh:
        for ex in _examples():
            fh.write(json.dumps({"id": ex.id, "url": None, "text": ex.text}, ensure_ascii=False) + "\n")
            (folder / "gold" / f"{ex.id}.json").write_text(json.dumps({"relevant": ex.relevant}), encoding="utf-8")
    return folder


def test_train_command_writes_reproducible_files(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    corpus = _tiny_corpus(tmp_path / "corpus")
    extra = tmp_path / "extra.jsonl"
    extra.write_text(ANNOTATIONS.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        result = CliRunner().invoke(
            app,
            ["train", "--corpus", str(corpus), "--annotations", str(extra), "--model", "relevance", "--out", str(out)],
        )
        assert result.exit_code == 0, result.output
        folder = out / "relevance"
        outputs.append(((folder / "model.json").read_bytes(), (folder / "meta.json").read_bytes()))
    assert outputs[0] == outputs[1]
    meta = json.loads(outputs[0][1])
    assert meta["training_data"]["own_examples"] == 1
    assert meta["cross_validation"]["scored_documents"] == len(_examples())
    assert meta["training_data"]["sha256"] != data_hash(_examples())  # the extra example counts too


def test_train_command_reports_a_missing_corpus(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["train", "--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "m")])
    assert result.exit_code == 1
