"""Throughput and memory benchmark: builds a corpus of N documents, runs extraction, writes results.json.

    python bench/run.py --n 1000 --n 20000          # or: make bench

For each N it writes a text corpus and an HTML corpus (JSON Lines) made from the embedded seed
releases (``data/raw/``) and variants of them (other municipalities, years and paragraph
orders; HTML pages wrapped in navigation, cookie banner and footer). Every measurement runs
in a fresh subprocess so that its peak RSS is its own, three times (``--repeat``; the fastest
counts, all are recorded: the machine is shared). Figures:

- ``text_docs_per_s`` / ``html_docs_per_s``: ``extract_to_dir`` end to end (read, parse,
  clean, NLP, validate, write), single process, pipeline built and warmed (``batch.warm_up``:
  models, tables and compiled patterns loaded by one short release) before the clock starts;
- ``text_vs_tokenizer``: our text throughput / spaCy's blank Swedish tokenizer alone on the same
  texts, measured in the same subprocess (a ratio, so robust to a busy machine); our own
  tokenizer (spaCy's minus three whitespace special cases) is recorded beside it;
- ``html_vs_trafilatura``: our HTML throughput / ``trafilatura.extract`` alone on the same pages;
- ``jobs2_speedup``: ``--jobs 2`` throughput / single-process throughput;
- ``ms_per_doc_by_step``: the tokenizer and each pipeline step timed alone on 300 of the texts;
- ``peak_rss_mb``: the largest peak RSS of any run at that N;
- ``help_seconds``: wall time of ``medborgarlofte --help``.

When ``../shared/corpus`` is present, the same single-process text measurement is made on its
162 real documents (``development_corpus``): the variants repeat the seeds' sentences, which
flatters caches keyed by a word or a sentence; real releases repeat far less.

At N ≥ ``--full-max`` (default 5,000) only the scale run is made (text, ``--jobs 2``, peak RSS),
so that the 20,000-document run takes minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"
WORK = ROOT / "build" / "bench"
RESULTS = ROOT / "bench" / "results.json"
#: The development corpus (162 real documents), measured too when it is there: the benchmark's
#: variants repeat the seeds' sentences, which flatters every cache keyed by a word or sentence.
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "corpus.jsonl"
STEP_DOCS = 300  # documents timed step by step (after the end-to-end run, so caches are warm)
TARGETS = {
    "text_docs_per_s": (">=", 400),
    "text_vs_tokenizer": (">=", 1 / 3),
    "html_vs_trafilatura": (">=", 0.75),
    "jobs2_speedup": (">=", 1.7),
    "peak_rss_mb": ("<", 1024),
    "help_seconds": ("<", 1.0),
}
MUNICIPALITIES = ("Kungsör", "Arboga", "Köping", "Sala", "Eda", "Vingåker", "Surahammar", "Hallstahammar", "Ale")

NAV = "".join(f'<li><a href="/sida/{i}">Tjänster och information {i}</a></li>' for i in range(60))
PAGE = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:url" content="https://www.{host}.se/nyheter/{slug}"></head><body>
<div id="cookie">Vi använder kakor för att webbplatsen ska fungera. <button>Godkänn</button></div>
<header><nav><ul>{nav}</ul></nav></header><main><article><h1>{title}</h1>{body}</article></main>
<footer><p>Kommunen, Box 1, 123 45 Orten. Telefon 0123-456 78.</p><ul>{nav}</ul></footer></body></html>"""


def _variant(seed: str, rng: random.Random, n: int) -> str:
    """A seed release with another municipality and year, and its middle paragraphs shuffled."""
    town = rng.choice(MUNICIPALITIES)
    text = re.sub("|".join(MUNICIPALITIES), town, seed)
    text = re.sub(r"\b20(1\d|2[0-5])\b", lambda m: str(2016 + (int(m.group(1)) + n) % 10), text)
    paragraphs = text.split("\n\n")
    middle = paragraphs[2:-1]
    rng.shuffle(middle)
    return "\n\n".join([*paragraphs[:2], *middle, *paragraphs[-1:]])


def _paragraph_html(paragraph: str) -> str:
    """A paragraph as a web page writes it: bullet lines as a list, other line breaks as ``<br>``
    (a bare newline inside ``<p>`` is a space in HTML, which would glue a list into one line)."""
    html, lines, items = [], [], []
    for line in paragraph.split("\n"):
        if line.startswith("•"):
            if lines:
                html.append("<p>" + "<br>".join(lines) + "</p>")
                lines = []
            items.append(f"<li>{line.lstrip('• ')}</li>")
        else:
            if items:
                html.append("<ul>" + "".join(items) + "</ul>")
                items = []
            lines.append(line)
    if lines:
        html.append("<p>" + "<br>".join(lines) + "</p>")
    if items:
        html.append("<ul>" + "".join(items) + "</ul>")
    return "".join(html)


def build_corpus(n: int) -> tuple[Path, Path]:
    """``text_N.jsonl`` and ``html_N.jsonl`` under build/bench (deterministic: seeded RNG)."""
    WORK.mkdir(parents=True, exist_ok=True)
    text_path, html_path = WORK / f"text_{n}.jsonl", WORK / f"html_{n}.jsonl"
    if text_path.exists() and html_path.exists():
        return text_path, html_path
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rng = random.Random(n)
    with text_path.open("w", encoding="utf-8") as texts, html_path.open("w", encoding="utf-8") as pages:
        for i in range(n):
            text = seeds[i % len(seeds)] if i < len(seeds) else _variant(seeds[i % len(seeds)], rng, i)
            texts.write(json.dumps({"id": f"t{i}", "text": text}, ensure_ascii=False) + "\n")
            paras = [p.strip() for p in text.split("\n\n") if p.strip()]
            body = "".join(_paragraph_html(p) for p in paras[1:])
            host = rng.choice(MUNICIPALITIES).lower().replace("ö", "o").replace("å", "a").replace("ä", "a")
            html = PAGE.format(title=paras[0][:120], host=host, slug=f"nyhet-{i}", nav=NAV, body=body)
            pages.write(json.dumps({"id": f"h{i}", "html": html}, ensure_ascii=False) + "\n")
    return text_path, html_path


def _child(kind: str, path: str, jobs: int) -> dict:
    """Runs in a subprocess: one measurement, printed as JSON."""
    import resource

    sys.path.insert(0, str(ROOT))
    from pipeline.batch import extract_to_dir, warm_up
    from pipeline.nlp.build import get_nlp

    with open(path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    warm_up()
    out = WORK / f"out-{kind}-{len(records)}-{jobs}"
    started = time.perf_counter()
    summary = extract_to_dir([path], out, jobs=jobs)
    seconds = time.perf_counter() - started
    result = {"docs": summary.read, "errors": summary.errors, "seconds": round(seconds, 3)}
    result["docs_per_s"] = round(summary.read / seconds, 1)
    if jobs == 1 and kind in ("text", "corpus"):
        import spacy

        from pipeline.text.clean import clean_text

        texts = [clean_text(r["text"]) for r in records]
        result["mean_chars"] = round(sum(map(len, texts)) / len(texts))
        # the floor is spaCy's own Swedish tokenizer; ours drops three whitespace special cases
        result["floor_docs_per_s"] = _tokenizer_docs_per_s(spacy.blank("sv").tokenizer, texts)
        result["own_tokenizer_docs_per_s"] = _tokenizer_docs_per_s(get_nlp().tokenizer, texts)
        result["ms_per_doc_by_step"] = _step_times(texts[:STEP_DOCS])
    if jobs == 1 and kind == "html":
        import trafilatura

        started = time.perf_counter()
        for r in records:
            trafilatura.extract(r["html"])
        result["floor_docs_per_s"] = round(len(records) / (time.perf_counter() - started), 1)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["peak_rss_mb"] = round(max(own, children) / 1024, 1)
    return result


def _tokenizer_docs_per_s(tokenizer: Callable[[str], object], texts: list[str]) -> float:
    """Documents/s of a tokenizer alone, on its second pass (its cache filled by the first, as
    ours is by the extraction run before)."""
    for text in texts:
        tokenizer(text)
    started = time.perf_counter()
    for text in texts:
        tokenizer(text)
    return round(len(texts) / (time.perf_counter() - started), 1)


def _step_times(texts: list[str]) -> dict[str, float]:
    """Milliseconds per document of the tokenizer and of each pipeline step (where the time goes)."""
    from pipeline.nlp.build import get_nlp
    from pipeline.nlp.spans import set_doc_text

    nlp = get_nlp()
    totals = dict.fromkeys(["tokenizer", *nlp.pipe_names], 0.0)
    for text in texts:
        started = time.perf_counter()
        doc = nlp.make_doc(text)
        set_doc_text(doc, text)
        totals["tokenizer"] += time.perf_counter() - started
        for name, step in nlp.pipeline:
            started = time.perf_counter()
            doc = step(doc)
            totals[name] += time.perf_counter() - started
    return {name: round(1000 * seconds / len(texts), 3) for name, seconds in totals.items()}


def _measure(kind: str, path: Path, jobs: int) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, str(path), str(jobs)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _help_seconds() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, check=True, cwd=ROOT)
    return round(time.perf_counter() - started, 3)


def _best_of(kind: str, path: Path, jobs: int, repeat: int) -> dict:
    """The fastest of ``repeat`` measurements (a shared machine only ever makes a run slower, so
    the fastest is the closest to what the code costs; ``timeit`` reports the minimum for the
    same reason), with every run's documents/s kept beside it."""
    runs = [_measure(kind, path, jobs) for _ in range(repeat)]
    best = max(runs, key=lambda r: r["docs_per_s"])
    return {**best, "docs_per_s_all_runs": [r["docs_per_s"] for r in runs]}


def run(ns: list[int], full_max: int, repeat: int = 3) -> dict:
    results: dict[str, object] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "targets": {k: f"{op} {v:.3g}" for k, (op, v) in TARGETS.items()},
        "help_seconds": _help_seconds(),
        "runs": {},
    }
    for n in ns:
        text_path, html_path = build_corpus(n)
        run_n: dict[str, object] = {}
        if n < full_max:
            text1 = _best_of("text", text_path, 1, repeat)
            html1 = _best_of("html", html_path, 1, repeat)
            text2 = _best_of("text", text_path, 2, repeat)
            run_n.update(
                text=text1, html=html1, text_jobs2=text2,
                text_docs_per_s=text1["docs_per_s"], html_docs_per_s=html1["docs_per_s"],
                text_vs_tokenizer=round(text1["docs_per_s"] / text1["floor_docs_per_s"], 4),
                html_vs_trafilatura=round(html1["docs_per_s"] / html1["floor_docs_per_s"], 3),
                jobs2_speedup=round(text2["docs_per_s"] / text1["docs_per_s"], 3),
                peak_rss_mb=max(text1["peak_rss_mb"], html1["peak_rss_mb"], text2["peak_rss_mb"]),
            )  # fmt: skip
        else:
            text2 = _measure("text", text_path, 2)
            run_n.update(text_jobs2=text2, text_jobs2_docs_per_s=text2["docs_per_s"], peak_rss_mb=text2["peak_rss_mb"])
        run_n["met"] = {
            key: (run_n[key] >= bound if op == ">=" else run_n[key] < bound)
            for key, (op, bound) in TARGETS.items()
            if key in run_n
        }
        results["runs"][str(n)] = run_n  # type: ignore[index]
        print(json.dumps({n: run_n}, indent=1), file=sys.stderr)
    if DEV_CORPUS.exists():  # real documents: no repeated sentences, so caches help far less
        corpus = _best_of("corpus", DEV_CORPUS, 1, repeat)
        corpus["vs_tokenizer"] = round(corpus["docs_per_s"] / corpus["floor_docs_per_s"], 4)
        results["development_corpus"] = corpus
        print(json.dumps({"development_corpus": corpus}, indent=1), file=sys.stderr)
    bound = TARGETS["help_seconds"][1]
    results["help_met"] = results["help_seconds"] < bound  # type: ignore[operator]
    return results


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, action="append", help="corpus size (repeatable); default 1000 and 20000")
    parser.add_argument("--full-max", type=int, default=5000, help="from this N on, only the scale run is made")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (below --full-max)")
    args = parser.parse_args()
    results = run(args.n or [1000, 20000], args.full_max, args.repeat)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
