"""Ingest: every input becomes exactly one document (or one per JSON Lines record)."""

from __future__ import annotations

import json

import pytest

from pipeline.ingest.decode import DecodeError, decode_bytes
from pipeline.ingest.readers import read_inputs

SWEDISH = "Köpings kommun och polisen har undertecknat medborgarlöften för 2024. Åtgärder i centrum."


def _one(path):
    docs = list(read_inputs([path]))
    assert len(docs) == 1
    return docs[0]


def test_utf8_text_file(tmp_path):
    p = tmp_path / "koping-2024.txt"
    p.write_text(SWEDISH, encoding="utf-8")
    doc = _one(p)
    assert doc.ok and doc.text == SWEDISH and doc.doc_id == "koping-2024" and len(doc.content_sha256) == 64


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_legacy_encodings_are_detected_not_mangled(tmp_path, encoding):
    p = tmp_path / "legacy.txt"
    p.write_bytes(SWEDISH.encode(encoding))
    assert _one(p).text == SWEDISH


def test_binary_is_an_error_not_text():
    with pytest.raises(DecodeError):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
        ("notes.docx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_bad_files_become_error_documents(tmp_path, name, content, message):
    p = tmp_path / name
    p.write_bytes(content)
    doc = _one(p)
    assert not doc.ok and message in doc.error


def test_missing_path_is_an_error_document(tmp_path):
    doc = _one(tmp_path / "nope.txt")
    assert doc.error == "no such file or directory"


def test_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("a" * 2000, encoding="utf-8")
    (doc,) = read_inputs([p], max_bytes=1000)
    assert "over the limit" in doc.error


def test_html_main_text_title_and_url(tmp_path):
    html = """<html><head><title>Nytt medborgarlöfte i Arboga</title>
    <meta property="og:url" content="https://www.arboga.se/nyheter/medborgarlofte"/></head>
    <body><nav>Hem | Kontakt | Sök</nav><article><h1>Nytt medborgarlöfte i Arboga</h1>
    <p>Arboga kommun och polisen har undertecknat ett nytt medborgarlöfte för 2023.</p>
    <p>Fokus ligger på narkotika i centrum och trafiksäkerhet.</p></article></body></html>"""
    p = tmp_path / "arboga.html"
    p.write_text(html, encoding="utf-8")
    doc = _one(p)
    assert doc.ok
    assert "undertecknat ett nytt medborgarlöfte" in doc.text
    assert doc.title == "Nytt medborgarlöfte i Arboga"


def test_html_publication_date_comes_from_markup_not_from_the_text():
    from pipeline.ingest.html import extract_html

    body = (
        "<article><h1>Medborgarlöfte</h1>"
        "<p>Löftet undertecknades den 3 mars 2021 av Sala kommun och polisen.</p></article>"
    )
    dated = extract_html(
        '<html><head><meta property="article:published_time" content="2021-03-04T10:00:00+01:00">'
        '<link rel="canonical" href="https://www.sala.se/nyheter/lofte"></head><body>' + body + "</body></html>"
    )
    assert (dated.published, dated.url) == ("2021-03-04", "https://www.sala.se/nyheter/lofte")
    json_ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-11-30"}</script>'
    assert extract_html(f"<html><head>{json_ld}</head><body>{body}</body></html>").published == "2020-11-30"
    undated = extract_html(f"<html><body>{body}</body></html>", url="https://www.sala.se/nyheter/x")
    assert undated.published is None  # a date in the text is not taken for the publication date
    assert undated.url == "https://www.sala.se/nyheter/x"
    iso_in_text = body.replace("den 3 mars 2021", "2021-03-03")
    assert extract_html(f"<html><body>{iso_in_text}</body></html>").published is None
    timed = '<p>Publicerad <time datetime="2021-03-05">5 mars</time></p>'
    assert extract_html(f"<html><body>{body}{timed}</body></html>").published == "2021-03-05"
    named = '<p class="publish-date">2021-03-06</p>'
    assert extract_html(f"<html><body>{body}{named}</body></html>").published == "2021-03-06"


def test_markup_date_is_find_dates_answer_where_the_markup_has_one():
    """The markup steps are htmldate's own, in its order: where find_date's answer comes from
    markup, ours is the same."""
    from htmldate import find_date
    from trafilatura.utils import load_html

    from pipeline.ingest.html import _markup_date

    pages = [
        '<html><head><meta name="date" content="2019-05-02"></head><body><p>x</p></body></html>',
        '<html><head><link rel="canonical" href="https://a.se/2018/04/03/nyhet"></head><body></body></html>',
        '<html><body><div class="date">12 januari 2020</div><p>Text 2021-01-01</p></body></html>',
        '<html><body><abbr class="published" title="2017-08-09">9 aug</abbr></body></html>',
        '<html><body><time datetime="2016-02-03T10:00">3 feb</time><p>2015-01-01</p></body></html>',
    ]
    for page in pages:
        tree = load_html(page)
        expected = find_date(load_html(page), extensive_search=False, original_date=True)
        assert expected is not None
        assert _markup_date(tree, None) == expected


def test_cp1252_html_with_meta_charset(tmp_path):
    html = '<html><head><meta charset="windows-1252"><title>Trygghet</title></head><body><p>{}</p></body></html>'
    p = tmp_path / "legacy.html"
    p.write_bytes(html.format(SWEDISH * 3).encode("cp1252"))
    assert "Köpings kommun" in _one(p).text


def test_broken_html_still_reads(tmp_path):
    p = tmp_path / "broken.html"
    p.write_text("<html><body><div><p>Polisen och Eda kommun lovar <b>mer närvaro i centrum", encoding="utf-8")
    doc = _one(p)
    assert doc.ok and "närvaro i centrum" in doc.text


def test_jsonl_records_ids_and_errors(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": SWEDISH, "url": "https://koping.se/x"}),
        json.dumps({"url": "https://arboga.se/nyhet", "html": "<p>" + SWEDISH + "</p>"}),
        "{not json",
        json.dumps({"id": "c"}),
        json.dumps(["not", "an", "object"]),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = list(read_inputs([p]))
    assert [d.doc_id for d in docs][:1] == ["a"]
    assert docs[0].url == "https://koping.se/x"
    assert docs[1].doc_id.startswith("url-") and docs[1].ok
    assert "invalid JSON on line 3" in docs[2].error
    assert docs[3].error == "record has no 'text' or 'html'"
    assert "not an object" in docs[4].error


def test_folder_is_expanded_in_sorted_order(tmp_path):
    (tmp_path / "b.txt").write_text(SWEDISH, encoding="utf-8")
    (tmp_path / "a.txt").write_text(SWEDISH, encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    assert [d.doc_id for d in read_inputs([tmp_path])] == ["a", "b"]


def test_pdf_text_layer_is_read(tmp_path):
    from .pdf_fixture import make_pdf

    p = tmp_path / "lofte.pdf"
    p.write_bytes(make_pdf(["Medborgarlöfte för Eslövs kommun 2025", "Polisen och kommunen lovar att"]))
    doc = _one(p)
    assert doc.ok and "Medborgarlöfte för Eslövs kommun 2025" in doc.text


def test_pdf_without_text_layer_is_an_error(tmp_path):
    from .pdf_fixture import make_pdf

    p = tmp_path / "scan.pdf"
    p.write_bytes(make_pdf([]))
    assert "no text layer" in _one(p).error


def test_corrupt_pdf_is_an_error(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    assert "PDF" in _one(p).error
