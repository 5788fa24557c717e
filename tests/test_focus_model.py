"""Focus-area model: annotations, the rule/model combination, persistence, the shipped artifact and its CV.

Sentences are our own. The shipped meta.json must show cross-validated scores at the issue's
targets, so a retrain that loses quality fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.models.combine import FOCUS_DECISIONS, combine_focus
from pipeline.models.focus_data import DEFAULT_FOCUS_ANNOTATIONS, GoldDocument, SentenceInput
from pipeline.models.focus_evaluation import best_focus_decision, focus_scores
from pipeline.models.focus_model import FocusConfig, FocusModel

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / DEFAULT_FOCUS_ANNOTATIONS
MODEL_DIR = ROOT / "pipeline" / "resources" / "models" / "focus"
LABELS = {
    "narkotika", "trafik", "unga", "skadegorelse", "offentlig_miljo", "dialog", "samverkan",
    "vald", "organiserad", "inbrott_stold", "bedrageri", "annat",
}  # fmt: skip
REASONS = {"lead", "statement", "item", "heading"}


def _rows() -> list[dict]:
    return [json.loads(line) for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _own_inputs() -> tuple[list[SentenceInput], list[frozenset[str]]]:
    """Our sentences as model inputs; lemmas are the lowercased words (no pipeline needed)."""
    rows = [r for r in _rows() if "text" in r]
    inputs = [SentenceInput(r["text"], r["text"].lower(), r.get("reason", "statement")) for r in rows]
    return inputs, [frozenset(r["labels"]) for r in rows]


def test_annotations_are_well_formed():
    rows = _rows()
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert set(r["labels"]) <= LABELS
        assert r.get("reason", "statement") in REASONS
        assert ("text" in r) != ("doc" in r)  # a sentence we wrote, or a reference into the corpus
        if "doc" in r:
            assert 0 <= r["start"] < r["end"]
    assert {label for r in rows for label in r["labels"]} == LABELS  # every label has examples


# (rule scores, model probabilities, decision, labels kept)
COMBINE_CASES = [
    ({"trafik": 0.5}, {"trafik": 0.2, "unga": 0.9}, "rules", {"trafik"}),
    ({"trafik": 0.5}, {"trafik": 0.2, "unga": 0.9}, "model", {"unga"}),
    ({"trafik": 0.5}, {"trafik": 0.2, "unga": 0.9}, "union", {"trafik", "unga"}),
    ({"trafik": 0.5}, {"trafik": 0.2, "unga": 0.9}, "agree", set()),
    ({"trafik": 0.5}, {"trafik": 0.6, "unga": 0.9}, "agree", {"trafik"}),
    ({"trafik": 0.5}, {"unga": 0.9}, "rule_first", {"trafik"}),
    ({}, {"unga": 0.9}, "rule_first", {"unga"}),
    ({"trafik": 0.35}, {"trafik": 0.7, "unga": 0.9}, "mean", {"trafik"}),  # model alone never reaches 0.5
    ({"trafik": 0.35}, {"trafik": 0.6, "unga": 0.9}, "mean", set()),
    ({"trafik": 0.35}, {"trafik": 0.2}, "mean", set()),
]


@pytest.mark.parametrize(("rule", "model", "decision", "kept"), COMBINE_CASES)
def test_combine_focus(rule, model, decision, kept):
    assert set(combine_focus(rule, model, decision)) == kept


def test_combine_focus_says_who_found_each_label():
    kept = combine_focus({"trafik": 0.5, "vald": 0.4}, {"trafik": 0.8, "unga": 0.7}, "union")
    assert {label: method for label, (_, method) in kept.items()} == {
        "trafik": "both",
        "vald": "rule",
        "unga": "model",
    }
    assert all(0.0 <= score <= 1.0 for score, _ in kept.values())


def test_unknown_focus_decision_is_an_error():
    with pytest.raises(ValueError):
        combine_focus({}, {}, "vote")


def test_focus_scores_follow_the_official_metric():
    docs = [
        GoldDocument("a", frozenset({"trafik", "unga"}), frozenset({"dialog"})),
        GoldDocument("b", frozenset({"narkotika"}), frozenset()),
    ]
    scores = focus_scores(docs, {"a": {"trafik", "dialog", "vald"}, "b": set()})
    # tp: trafik; fp: vald (dialog is optional); fn: unga, narkotika
    assert scores["precision"] == pytest.approx(1 / 2)
    assert scores["recall"] == pytest.approx(1 / 3)
    assert scores["per_label"]["narkotika"] == (0.0, 0.0, 0.0, 1)


def test_model_round_trips_and_is_deterministic():
    inputs, labels = _own_inputs()
    config = FocusConfig(min_df=1)
    first = FocusModel(config).fit(inputs, labels)
    second = FocusModel(config).fit(list(inputs), list(labels))
    assert json.dumps(first.to_dict(), sort_keys=True) == json.dumps(second.to_dict(), sort_keys=True)
    loaded = FocusModel.from_dict(json.loads(json.dumps(first.to_dict())))
    assert (abs(loaded.predict_proba(inputs) - first.predict_proba(inputs)) < 1e-9).all()


def test_shipped_meta_documents_the_model_and_meets_the_targets():
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert set(meta["versions"]) >= {"python", "scikit-learn", "numpy", "scipy"}
    assert len(meta["training_data"]["sha256"]) == 64
    scores = meta["cross_validation"]["scores"]
    assert set(scores) == set(FOCUS_DECISIONS)
    assert meta["cross_validation"]["grouping"] == "document"
    assert meta["decision"] == best_focus_decision(scores)
    used = scores[meta["decision"]]
    assert used["f1"] >= 0.90
    assert used["min_supported_label_f1"] >= 0.75


# (sentence we wrote, label the shipped model must give, label it must not give)
SHIPPED_CASES = [
    ("Polisen ska stoppa narkotikaförsäljningen vid busstationen.", "narkotika", "trafik"),
    ("Vi lovar fler hastighetskontroller på Storgatan.", "trafik", "narkotika"),
    ("Insatser mot inbrott i fritidshus under sommaren.", "inbrott_stold", "trafik"),
    ("Fokus på att stoppa våldet i nära relationer.", "vald", "trafik"),
]


@pytest.mark.parametrize(("sentence", "wanted", "unwanted"), SHIPPED_CASES)
def test_shipped_model_labels_our_sentences(nlp, sentence, wanted, unwanted):
    from pipeline.models.artifact import load_focus_model
    from pipeline.models.focus_data import text_input

    model = load_focus_model(MODEL_DIR)
    proba = dict(zip(model.labels, model.predict_proba([text_input(nlp, sentence, "item")])[0], strict=True))
    assert proba[wanted] >= 0.5 > proba[unwanted]


def test_pipeline_gives_a_drug_statement_narkotika(analyse_text):
    text = (
        "Nytt medborgarlöfte i Åsby\n\nKommunen och polisen har skrivit under medborgarlöftet för 2026.\n\n"
        "Fokusområden:\n• Minska langningen av narkotika till unga i centrum."
    )
    labels = {f.label: f for f in analyse_text(text)._.focus}
    assert "narkotika" in labels
    assert labels["narkotika"].method in {"rule", "model", "both"}


def _tiny_corpus(folder: Path) -> Path:
    """Six short releases of our own, each listing two of our focus sentences, with gold labels."""
    rows = [r for r in _rows() if "text" in r and len(r["labels"]) == 1]
    (folder / "gold").mkdir(parents=True)
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(6):
            pair = rows[i * 7], rows[i * 7 + 3]
            text = f"Medborgarlöfte för Åsby 202{i}\n\nFokusområden:\n• {pair[0]['text']}\n• {pair[1]['text']}"
            fh.write(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n")
            gold = {"relevant": True, "focus_required": [*pair[0]["labels"], *pair[1]["labels"]], "focus_optional": []}
            (folder / "gold" / f"d{i}.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_train_focus_command_is_reproducible_and_reports(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    corpus = _tiny_corpus(tmp_path / "corpus")
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        args = ["train", "--corpus", str(corpus), "--model", "focus", "--out", str(out)]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        outputs.append(((out / "focus" / "model.json").read_bytes(), (out / "focus" / "meta.json").read_bytes()))
    assert outputs[0] == outputs[1]
    meta = json.loads(outputs[0][1])
    assert meta["cross_validation"]["scored_documents"] == 6
    report = CliRunner().invoke(app, ["train", "--report", "--out", str(tmp_path / "a")])
    assert "| focus areas (micro) |" in report.output


def test_train_rejects_an_unknown_model(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["train", "--corpus", str(tmp_path), "--model", "sentiment"])
    assert result.exit_code == 1


def test_readme_models_table_is_the_report():
    from pipeline.models.report import cv_markdown

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- models-table:start")[1].split("-->", 1)[1].split("<!-- models-table:end -->")[0]
    assert block.strip() == cv_markdown(ROOT / "pipeline" / "resources" / "models").strip()
