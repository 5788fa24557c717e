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
        paths, out, strict, quiet, max_bytes=int(max_mb * 1024 * 1024), max_chars=max_chars, jobs=jobs,
        resume=resume, engine=engine, scheduler=scheduler,
    )  # fmt: skip


@app.command()
def run(
    out: OutOption = DEFAULT_OUT,
    strict: Annotated[bool, typer.Option(help="Exit 1 when any input is an error row.")] = False,
) -> None:
    """Extract the embedded default data (data/raw/) into data/processed/.

    Example: medborgarlofte run
    """
    _run_extract([DEFAULT_RAW], out, strict, False)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder of gold JSON files (GUIDELINES.md format).")],
    pred: Annotated[Path, typer.Option(help="Folder with the output tables to score.")] = DEFAULT_OUT,
    errors: Annotated[bool, typer.Option(help="Also list what differs, document by document.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
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
