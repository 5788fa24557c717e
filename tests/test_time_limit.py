"""A document that runs too long becomes its own error row; the run goes on."""

from __future__ import annotations

import csv
import re
import signal
import threading
import time

import pytest

from pipeline.time_limit import TimeLimitExceeded, time_limit


def test_a_python_loop_and_a_runaway_pattern_are_interrupted():
    started = time.perf_counter()
    with pytest.raises(TimeLimitExceeded, match=r"over the time limit of 0\.2 s"), time_limit(0.2):
        while True:
            pass
    with pytest.raises(TimeLimitExceeded), time_limit(0.2):
        re.match(r"(a+)+$", "a" * 40 + "b")  # catastrophic backtracking: minutes without the limit
    assert time.perf_counter() - started < 5


def test_the_previous_handler_and_timer_state_come_back():
    previous = signal.getsignal(signal.SIGALRM)
    with time_limit(5):
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with time_limit(None):  # no limit: nothing is armed
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_no_limit_outside_the_main_thread():
    """Signals reach only the main thread: elsewhere the code simply runs to its end."""
    finished = []

    def work() -> None:
        with time_limit(0.01):
            time.sleep(0.1)
        finished.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert finished == [True]


def _documents(out) -> dict[str, dict[str, str]]:
    with (out / "documents.csv").open(encoding="utf-8", newline="") as handle:
        return {row["doc_id"]: row for row in csv.DictReader(handle)}


def test_a_hanging_document_is_an_error_row_and_the_run_goes_on(tmp_path, monkeypatch):
    """One text that hangs in the NLP and one page that hangs in its parser (whose own
    ``except Exception`` must not swallow the limit); the others are extracted as usual."""
    import pipeline.batch
    import pipeline.ingest.readers
    from pipeline.batch import extract_to_dir

    clean, parse = pipeline.batch.clean_text, pipeline.ingest.readers.extract_html

    def hangs_on_marker(text: str) -> str:
        if "HÄNGER" in text:
            time.sleep(60)
        return clean(text)

    def hangs_on_page(html: str, url: str | None = None):
        if "HÄNGER" in html:
            time.sleep(60)
        return parse(html, url=url)

    monkeypatch.setattr(pipeline.batch, "clean_text", hangs_on_marker)
    monkeypatch.setattr(pipeline.ingest.readers, "extract_html", hangs_on_page)
    inputs = tmp_path / "in"
    inputs.mkdir()
    promise = "Sala kommun och polisen har skrivit under medborgarlöftet för 2024. Fokus är trafiksäkerhet."
    (inputs / "a.txt").write_text(promise, encoding="utf-8")
    (inputs / "b.txt").write_text("HÄNGER " + promise, encoding="utf-8")
    (inputs / "c.html").write_text(f"<html><body><p>HÄNGER {promise}</p></body></html>", encoding="utf-8")
    (inputs / "d.txt").write_text(promise.replace("Sala", "Eda"), encoding="utf-8")
    started = time.perf_counter()
    summary = extract_to_dir([inputs], tmp_path / "out", seconds=0.5)
    assert time.perf_counter() - started < 30
    rows = _documents(tmp_path / "out")
    assert (summary.read, summary.errors) == (4, 2)
    assert summary.error_kinds == {"over the time limit of 0.5 s per document": 2}
    for doc_id in ("b", "c"):
        assert (rows[doc_id]["status"], rows[doc_id]["error"]) == ("error", "over the time limit of 0.5 s per document")
    assert [rows[d]["municipality"] for d in ("a", "d")] == ["Sala", "Eda"]


def test_scraped_documents_have_the_same_limit(tmp_path, monkeypatch):
    import pipeline.batch
    from pipeline.batch import extract_documents
    from pipeline.ingest.document import RawDocument, sha256_hex

    clean = pipeline.batch.clean_text

    def hangs_on_marker(text: str) -> str:
        if "HÄNGER" in text:
            time.sleep(60)
        return clean(text)

    monkeypatch.setattr(pipeline.batch, "clean_text", hangs_on_marker)
    texts = {"ok": "Eda kommun och polisen har skrivit under medborgarlöftet.", "slow": "HÄNGER"}
    docs = [
        RawDocument(doc_id=k, source=f"https://x.se/{k}", text=v, content_sha256=sha256_hex(v.encode()))
        for k, v in texts.items()
    ]
    summary = extract_documents(docs, tmp_path, seconds=0.5)
    assert (summary.read, summary.errors) == (2, 1)
    assert _documents(tmp_path)["slow"]["error"] == "over the time limit of 0.5 s per document"
