"""Command line: thin commands that parse options, call one library function, and report.

Heavy libraries (spaCy, scikit-learn, pandas) are imported inside the commands, so
``medborgarlofte --help`` answers at once.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from pipeline.time_limit import DEFAULT_SECONDS

app = typer.Typer(
    name="medborgarlofte",
    help="Turn Swedish press releases about medborgarlöften into a validated dataset.",
    no_args_is_help=True,
    add_completion=False,
)

DEFAULT_RAW = Path("data/raw")
DEFAULT_OUT = Path("data/processed")
DEFAULT_CACHE = Path("data/raw/html")

OutOption = Annotated[Path, typer.Option("--out", "-o", help="Folder for the output tables.")]


def _run_extract(paths: list[Path], out: Path, strict: bool, quiet: bool, **options) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from pipeline.batch import extract_to_dir

    console = Console(stderr=True, quiet=quiet)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description} {task.completed} documents"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=quiet,
    ) as progress:
        task = progress.add_task("extracting", total=None)
        try:
            summary = extract_to_dir(paths, out, on_document=lambda _r: progress.advance(task), **options)
        except ValueError as exc:
            console.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(code=2) from exc
    _print_summary(console, summary, out)
    if strict and summary.errors:
        raise typer.Exit(code=1)


def _print_summary(console, summary, out: Path) -> None:
    from rich.table import Table

    table = Table(title=f"Run summary → {out}", show_header=False)
    for label, value in (
        ("documents read", summary.read),
        ("relevant", summary.relevant),
        ("with municipality", summary.with_municipality),
        ("with year", summary.with_year),
        ("signatories", summary.signatories),
        ("focus areas", summary.focus_areas),
        ("errors", summary.errors),
        ("reused from an earlier run (--resume)", summary.reused),
    ):
        table.add_row(label, str(value))
    for kind, n in sorted(summary.error_kinds.items()):
        table.add_row(f"  error: {kind}", str(n))
    console.print(table)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt .html .htm .jsonl .pdf) or folders.")],
    out: OutOption = DEFAULT_OUT,
    strict: Annotated[bool, typer.Option(help="Exit 1 when any input is an error row.")] = False,
    max_mb: Annotated[float, typer.Option(help="Largest input file (or JSON Lines record) read, in MB.")] = 20.0,
    max_chars: Annotated[int, typer.Option(help="Longest text analysed, in characters (after cleaning).")] = 1_000_000,
    time_limit: Annotated[
        float, typer.Option(help="Longest time spent on one document, in seconds (0: no limit).")
    ] = DEFAULT_SECONDS,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (local engine).")] = 1,
    resume: Annotated[
        bool, typer.Option(help="Reuse rows in --out of documents whose content was already extracted.")
    ] = False,
    engine: Annotated[str, typer.Option(help="`local` (this machine) or `dask` (a Dask cluster).")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
) -> None:
    """Extract documents into documents.csv, signatories.csv, focus_areas.csv (+ Parquet).

    Example: medborgarlofte extract data/raw/ releases.jsonl --out data/processed/ --jobs 2
    """
    _run_extract(
        paths, out, strict, quiet, max_bytes=int(max_mb * 1024 * 1024), max_chars=max_chars,
        seconds=time_limit or None, jobs=jobs, resume=resume, engine=engine, scheduler=scheduler,
    )  # fmt: skip


@app.command()
def run(
    out: OutOption = DEFAULT_OUT,
    strict: Annotated[bool, typer.Option(help="Exit 1 when any input is an error row.")] = False,
) -> None:
    """Extract the embedded default data (the files directly in data/raw/) into data/processed/.

    Subfolders such as the scrape cache (data/raw/html/) are not read.

    Example: medborgarlofte run
    """
    from pipeline.batch import top_level_inputs

    _run_extract(top_level_inputs(DEFAULT_RAW), out, strict, False)


@app.command()
def scrape(
    urls: Annotated[
        list[str] | None, typer.Argument(help="Release pages, news listings, sitemaps, feeds or home pages.")
    ] = None,
    sites: Annotated[Path | None, typer.Option(help="CSV with columns municipality_code,start_url.")] = None,
    cache: Annotated[Path, typer.Option(help="Folder for fetched pages and manifest.jsonl.")] = DEFAULT_CACHE,
    delay: Annotated[
        float, typer.Option(help="Seconds between requests to one host (robots Crawl-delay may raise it).")
    ] = 1.0,
    workers: Annotated[int, typer.Option(help="Hosts crawled at once (one request per host at a time).")] = 4,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a connection or the next bytes.")] = 20.0,
    retries: Annotated[int, typer.Option(help="Retries after timeouts, 429 and 5xx (never after 404/410).")] = 3,
    max_mb: Annotated[float, typer.Option(help="Largest page read, in MB; larger ones are recorded as errors.")] = 5.0,
    max_pages: Annotated[int, typer.Option(help="Release pages fetched per site at most.")] = 500,
    since: Annotated[str | None, typer.Option(help="Skip items dated before this day (YYYY-MM-DD).")] = None,
    focus: Annotated[
        bool, typer.Option(help="Keep only candidate releases (URL/title words + relevance model).")
    ] = True,
    min_relevance: Annotated[float, typer.Option(help="Relevance score a discovered page needs to be kept.")] = 0.5,
    refresh: Annotated[bool, typer.Option(help="Revalidate cached release pages (conditional requests).")] = False,
    contact: Annotated[str | None, typer.Option(help="E-mail or URL added to the User-Agent for site owners.")] = None,
    extract: Annotated[bool, typer.Option("--extract", help="Extract the kept pages into --out.")] = False,
    out: OutOption = DEFAULT_OUT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
) -> None:
    """Collect press releases politely (robots.txt, per-host delay, cache) and optionally extract them.

    A re-run skips what the cache has and continues an interrupted crawl.

    Example: medborgarlofte scrape https://www.koping.se/nyheter --since 2023-01-01 --extract --out data/processed/
    """
    from datetime import date

    from rich.console import Console

    from pipeline.collect import scrape as run_scrape
    from pipeline.ingest.scrape.options import USER_AGENT, ScrapeOptions
    from pipeline.ingest.scrape.seeds import SeedError, collect_seeds

    try:
        seeds = collect_seeds(urls or [], sites)
        since_day = date.fromisoformat(since) if since else None
    except (SeedError, ValueError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    options = ScrapeOptions(
        cache_dir=cache,
        delay=delay,
        workers=workers,
        timeout=timeout,
        max_time=max(60.0, timeout * 3),
        retries=retries,
        max_bytes=int(max_mb * 1024 * 1024),
        max_pages=max_pages,
        since=since_day,
        focus=focus,
        min_relevance=min_relevance,
        refresh=refresh,
        user_agent=USER_AGENT if not contact else f"{USER_AGENT[:-1]}; {contact})",
    )
    console = Console(stderr=True, quiet=quiet)
    counts: dict[str, int] = {}

    def on_event(kind: str, url: str) -> None:
        counts[kind] = counts.get(kind, 0) + 1
        status.update(f"fetched {counts.get('fetched', 0)} · cached {counts.get('cached', 0)} · "
                      f"kept {counts.get('kept', 0)} · errors {counts.get('error', 0)} · {url[-70:]}")  # fmt: skip

    with console.status("scraping…") as status:
        report = run_scrape(seeds, options, extract_to=out if extract else None, on_event=on_event)
    _print_scrape_summary(console, report, cache)
    if report.extraction is not None:
        _print_summary(console, report.extraction, out)


def _print_scrape_summary(console, report, cache: Path) -> None:
    from rich.table import Table

    s = report.crawl.summary
    table = Table(title=f"Scrape summary (cache {cache})", show_header=False)
    for label, value in (
        ("hosts", s.hosts),
        ("pages seen", s.seen),
        ("not fetched: URL/title filter", s.filtered),
        ("not kept: before --since", s.too_old),
        ("not fetched: over --max-pages", s.over_budget),
        ("pages fetched", s.fetched),
        ("pages from cache", s.cached),
        ("listings, feeds, sitemaps", s.sources),
        ("kept", s.kept),
        ("HTTP requests", s.requests),
        ("errors", sum(s.errors.values())),
    ):
        table.add_row(label, str(value))
    for kind, n in sorted(s.errors.items()):
        table.add_row(f"  error: {kind}", str(n))
    console.print(table)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder of gold JSON files (GUIDELINES.md format).")],
    pred: Annotated[Path, typer.Option(help="Folder with the output tables to score.")] = DEFAULT_OUT,
    errors: Annotated[bool, typer.Option(help="Also list what differs, document by document.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    markdown: Annotated[bool, typer.Option(help="Print Markdown tables (as in the README).")] = False,
) -> None:
    """Score output tables against gold annotations: per-field precision, recall, F1.

    Example: medborgarlofte evaluate --gold ../shared/corpus/gold --pred out/
    """
    import json

    from rich.console import Console
    from rich.table import Table

    from pipeline.evaluate.metrics import Predictions, errors_by_document, load_gold, score

    gold_docs = load_gold(gold)
    predictions = Predictions.from_dir(pred)
    metrics = score(gold_docs, predictions)
    if as_json:
        typer.echo(json.dumps(metrics, ensure_ascii=False))
        return
    if markdown:
        from pipeline.evaluate.tables import metrics_markdown

        typer.echo(metrics_markdown(metrics))
        return
    console = Console()
    table = Table(title="Scores")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in metrics.items():
        if key != "focus_per_label":
            table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    console.print(table)
    labels = Table(title="Focus areas per label")
    for col in ("label", "precision", "recall", "F1", "gold support"):
        labels.add_column(col, justify="right" if col != "label" else "left")
    for label, (p, r, f, n) in metrics["focus_per_label"].items():  # type: ignore[union-attr]
        labels.add_row(label, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(n))
    console.print(labels)
    if errors:
        for row in errors_by_document(gold_docs, predictions):
            console.print(row)


@app.command()
def validate(out: Annotated[Path, typer.Argument(help="Folder with the output tables.")] = DEFAULT_OUT) -> None:
    """Check published tables against the schema (datapackage.json).

    Example: medborgarlofte validate data/processed/
    """
    from pipeline.dataset.validate import SchemaError, validate_dir

    try:
        validate_dir(out)
    except (SchemaError, FileNotFoundError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=1) from exc
    typer.echo(f"{out}: valid")


@app.command()
def schema(markdown: Annotated[bool, typer.Option(help="Data dictionary as Markdown.")] = False) -> None:
    """Print the output schema (datapackage.json), or the data dictionary as Markdown.

    Example: medborgarlofte schema --markdown
    """
    import json

    from pipeline.dataset.schema import data_dictionary_markdown, datapackage

    typer.echo(data_dictionary_markdown() if markdown else json.dumps(datapackage(), ensure_ascii=False, indent=2))


@app.command()
def train(
    corpus: Annotated[
        Path | None, typer.Option(help="Corpus folder with corpus.jsonl and gold/ (read, never copied).")
    ] = None,
    annotations: Annotated[Path, typer.Option(help="Our own labelled relevance examples (JSON lines).")] = Path(
        "data/annotations/relevance.jsonl"
    ),
    focus_annotations: Annotated[
        Path, typer.Option(help="Our own focus sentences and corpus references (JSON lines).")
    ] = Path("data/annotations/focus.jsonl"),
    names_annotations: Annotated[Path, typer.Option(help="Our own sentences with person names (JSON lines).")] = Path(
        "data/annotations/names.jsonl"
    ),
    model: Annotated[
        list[str] | None,
        typer.Option("--model", "-m", help="Model to train: relevance, focus, names (default: all)."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Models folder (one sub-folder per model); default: shipped.")
    ] = None,
    report: Annotated[bool, typer.Option(help="Only print the README's CV table from the meta.json files.")] = False,
) -> None:
    """Train the models: cross-validate rules/model/combined, fit, write NAME/model.json + meta.json.

    Example: medborgarlofte train --corpus ../shared/corpus   (then: medborgarlofte train --report)
    """
    import json

    from pipeline.models.artifact import models_root
    from pipeline.models.report import cv_markdown

    root = out or models_root()
    if report:
        typer.echo(cv_markdown(root))
        return
    if corpus is None:
        typer.echo("--corpus is required to train", err=True)
        raise typer.Exit(code=1)
    from pipeline.models.names_train import train_names
    from pipeline.models.train import train_focus, train_relevance

    trainers = {
        "relevance": lambda: train_relevance(corpus, annotations, root / "relevance"),
        "focus": lambda: train_focus(corpus, focus_annotations, root / "focus"),
        "names": lambda: train_names(corpus, names_annotations, root / "names"),
    }
    chosen = model or list(trainers)
    unknown = sorted(set(chosen) - set(trainers))
    if unknown:
        typer.echo(f"unknown model(s) {unknown}; expected {sorted(trainers)}", err=True)
        raise typer.Exit(code=1)
    summary = {}
    for name in chosen:
        try:
            meta = trainers[name]()
        except (FileNotFoundError, ValueError) as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(code=1) from exc
        scores = meta["cross_validation"]["scores"]
        summary[name] = {"decision": meta["decision"], "cv_f1": {d: s["f1"] for d, s in scores.items()}}
    typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for index.html.")] = Path("report"),
    data: Annotated[Path, typer.Option(help="Folder with the output tables.")] = DEFAULT_OUT,
) -> None:
    """Write a self-contained HTML report (counts, charts, map, documents) that opens offline.

    Example: medborgarlofte report --data data/processed/ --out report/
    """
    from pipeline.report import write_report
    from pipeline.report.data import MissingTables

    try:
        page = write_report(data, out)
    except MissingTables as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=1) from exc
    typer.echo(f"wrote {page}")


@app.command()
def pipe() -> None:
    """List the spaCy pipeline's components in order.

    Example: medborgarlofte pipe
    """
    from pipeline.nlp.build import build_nlp

    for name in build_nlp().pipe_names:
        typer.echo(name)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()
