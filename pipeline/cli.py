"""Command line: thin commands that parse options, call one library function, and report.

Heavy libraries (spaCy, scikit-learn, pandas) are imported inside the commands, so
``medborgarlofte --help`` answers at once.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="medborgarlofte",
    help="Turn Swedish press releases about medborgarlöften into a validated dataset.",
    no_args_is_help=True,
    add_completion=False,
)

DEFAULT_RAW = Path("data/raw")
DEFAULT_OUT = Path("data/processed")

OutOption = Annotated[Path, typer.Option("--out", "-o", help="Folder for the output tables.")]


def _run_extract(paths: list[Path], out: Path, strict: bool, max_mb: float, quiet: bool) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from pipeline.batch import extract_to_dir
    from pipeline.ingest.readers import iter_paths

    console = Console(stderr=True, quiet=quiet)
    files = list(iter_paths(paths))
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=quiet,
    ) as progress:
        task = progress.add_task("extracting", total=None)
        summary = extract_to_dir(
            files, out, max_bytes=int(max_mb * 1024 * 1024), on_document=lambda _r: progress.advance(task)
        )
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
    max_mb: Annotated[float, typer.Option(help="Largest input file read, in MB.")] = 20.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
) -> None:
    """Extract documents into documents.csv, signatories.csv, focus_areas.csv (+ Parquet).

    Example: medborgarlofte extract data/raw/ releases.jsonl --out data/processed/
    """
    _run_extract(paths, out, strict, max_mb, quiet)


@app.command()
def run(
    out: OutOption = DEFAULT_OUT,
    strict: Annotated[bool, typer.Option(help="Exit 1 when any input is an error row.")] = False,
) -> None:
    """Extract the embedded default data (data/raw/) into data/processed/.

    Example: medborgarlofte run
    """
    _run_extract([DEFAULT_RAW], out, strict, 20.0, False)


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
    model: Annotated[
        list[str] | None, typer.Option("--model", "-m", help="Model to train: relevance, focus (default: both).")
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
    from pipeline.models.train import train_focus, train_relevance

    trainers = {
        "relevance": lambda: train_relevance(corpus, annotations, root / "relevance"),
        "focus": lambda: train_focus(corpus, focus_annotations, root / "focus"),
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
