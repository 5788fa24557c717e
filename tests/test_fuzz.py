"""Property-based tests: hostile input never kills the run and never loses a document."""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.batch import analyse, extract_to_dir
from pipeline.dataset.validate import validate_dir
from pipeline.ingest.readers import read_inputs

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

#: Text with the characters that break naive code: NUL, RTL marks, combining marks, surrogates
#: via JSON escapes, line separators, and Swedish words so that the extractors have work to do.
NASTY_CHARS = st.sampled_from(["\x00", "\u200f", "\u202e", "\u0301", "\u2028", "\ufeff", "\r", "\t", "\u00ad", "-"])
WORDS = st.sampled_from(["medborgarlöfte", "Köpings kommun", "Polisen", "2024", "undertecknade", "Anna Berg", "\n"])
TEXT = st.lists(st.one_of(st.text(max_size=20), NASTY_CHARS, WORDS), max_size=60).map(" ".join)
SUFFIXES = st.sampled_from([".txt", ".html", ".htm", ".jsonl", ".pdf"])


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl", ".pdf"])
def test_an_empty_file_is_one_error_row(tmp_path, suffix):
    p = tmp_path / f"empty{suffix}"
    p.write_bytes(b"")
    (doc,) = read_inputs([p])
    assert doc.error


@FUZZ
@given(data=st.binary(max_size=3000), suffix=SUFFIXES)
def test_arbitrary_bytes_never_raise_and_give_documents(tmp_path_factory, data, suffix):
    p = tmp_path_factory.mktemp("bytes") / f"input{suffix}"
    p.write_bytes(data)
    docs = list(read_inputs([p]))
    assert docs, "every file yields at least one document"
    if suffix != ".jsonl":
        assert len(docs) == 1
    for doc in docs:
        assert doc.ok or doc.error
        assert len(analyse(doc).document) > 0


@FUZZ
@given(text=TEXT)
def test_arbitrary_text_gives_one_schema_shaped_row(text):
    from pipeline.ingest.document import RawDocument

    raw = RawDocument(doc_id="x", source="x.txt", text=text, content_sha256="0" * 64)
    records = analyse(raw)
    assert records.document["status"] in {"ok", "error"}
    assert records.document["status"] == "ok" or records.document["error"]


@FUZZ
@given(texts=st.lists(TEXT, min_size=1, max_size=4), htmls=st.lists(TEXT, max_size=3))
def test_batches_of_hostile_records_stay_schema_valid(tmp_path_factory, texts, htmls):
    base = tmp_path_factory.mktemp("batch")
    lines = [json.dumps({"id": f"t{i}", "text": t}) for i, t in enumerate(texts)]
    lines += [json.dumps({"id": f"h{i}", "html": f"<p>{t}</p>"}) for i, t in enumerate(htmls)]
    lines.append('{"id": "broken", "text": "\\ud800 ensam surrogat"}')
    (base / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = extract_to_dir([base / "in.jsonl"], base / "out")
    assert summary.read == len(lines)
    validate_dir(base / "out")


_ENTITIES = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
BILLION_LAUGHS = (
    f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{_ENTITIES}]>'
    "<html><body><p>&lol9;</p><p>Medborgarlöfte i Eda kommun.</p></body></html>"
)


def _nested_html(depth: int) -> str:
    return "<html><body>" + "<div><span>" * depth + "Medborgarlöfte i Eda kommun 2024" + "</span></div>" * depth


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("deep.html", _nested_html(20_000)),
        ("truncated.html", "<html><head><title>Medborgarlöfte</title></head><body><p>Eda kommun och polisen lov"),
        ("huge_line.txt", "Medborgarlöfte för Eda kommun 2024 " * 30_000),
        ("billion_laughs.html", BILLION_LAUGHS),
    ],
)  # fmt: skip
def test_hostile_structures_finish_quickly_with_one_row(tmp_path, name, content):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    summary = extract_to_dir([p], tmp_path / "out")
    assert summary.read == 1
    out = (tmp_path / "out" / "documents.csv").read_text(encoding="utf-8")
    assert "lollollollollollollollollollollollollollollollollollollollollol" not in out
    validate_dir(tmp_path / "out")


def test_text_over_the_character_limit_is_an_error(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text("Medborgarlöfte. " * 1000, encoding="utf-8")
    summary = extract_to_dir([p], tmp_path / "out", max_chars=5000)
    with (tmp_path / "out" / "documents.csv").open(newline="", encoding="utf-8") as handle:
        (row,) = csv.DictReader(handle)
    assert summary.errors == 1 and row["status"] == "error" and "over the limit of 5000" in row["error"]
