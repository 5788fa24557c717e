"""The spaCy pipeline: every component is registered, listed, and survives save/load."""

from __future__ import annotations

import importlib.metadata

import spacy

from pipeline.nlp.build import PIPE_NAMES
from pipeline.text.clean import clean_text


def test_pipe_names_show_the_whole_pipeline(nlp):
    assert tuple(nlp.pipe_names) == PIPE_NAMES


def test_every_factory_is_an_entry_point_that_loads():
    eps = {ep.name: ep for ep in importlib.metadata.entry_points(group="spacy_factories")}
    ours = [n for n in PIPE_NAMES if n.startswith("mbl_")]
    assert set(ours) <= set(eps)
    for name in ours:
        assert callable(eps[name].load())


def test_pipeline_saves_and_reloads(nlp, tmp_path):
    nlp.to_disk(tmp_path / "model")
    reloaded = spacy.load(tmp_path / "model")
    assert reloaded.pipe_names == nlp.pipe_names
    text = "Köpings kommun och polisen har skrivit under medborgarlöftet för 2024."
    assert reloaded(text)._.place.municipalities[0].name == "Köping"


def test_lines_are_sentences(nlp):
    doc = nlp(clean_text("Fokusområden 2025\n• Trafiksäkerhet\n• Narkotika i centrum"))
    assert [s.text.strip() for s in doc.sents] == ["Fokusområden 2025", "• Trafiksäkerhet", "• Narkotika i centrum"]


def test_lookup_lemmatizer_is_active(nlp):
    doc = nlp("Polisen skrev under.")
    assert doc[1].lemma_ == "skriva"


def test_the_gate_stops_the_pipeline_after_an_irrelevant_verdict(nlp):
    from pipeline.nlp.build import run_gated

    news = "Biblioteket har nya öppettider i sommar. Välkommen in och låna böcker!"
    doc = run_gated(nlp, nlp.make_doc(news))
    assert doc._.relevance is not None and not doc._.relevance.relevant
    assert doc._.people is None and doc._.place is None and doc._.focus is None
    promise = "Köpings kommun och polisen har skrivit under medborgarlöftet för 2024. Fokus är trafiksäkerhet."
    doc = run_gated(nlp, nlp.make_doc(promise))
    assert doc._.relevance.relevant and doc._.place.municipalities[0].name == "Köping"


def test_the_gate_changes_no_row(corpus_dir, monkeypatch):
    """Rows with the gate are those of the whole pipeline, on every development document (a
    fifth of them are not relevant)."""
    import json

    import pipeline.nlp.build
    from pipeline.batch import analyse
    from pipeline.ingest.document import RawDocument, sha256_hex

    with (corpus_dir / "corpus.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    raws = [RawDocument(r["id"], "corpus", r["text"], sha256_hex(r["text"].encode()), r.get("url")) for r in records]
    gated = [analyse(raw) for raw in raws]
    monkeypatch.setattr(pipeline.nlp.build, "run_gated", lambda nlp, doc: nlp(doc))
    full = [analyse(raw) for raw in raws]
    assert sum(not r.document["relevant"] for r in full) > 10
    assert gated == full
