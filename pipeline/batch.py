"""Run the whole flow over many inputs: ingest → clean → NLP → records → validated tables.

One bad document never stops the batch: it becomes an error row and is counted in the
summary. Inputs are processed in a deterministic order and results are written in that order
whatever the engine, so the same inputs give the same bytes out with ``jobs=1``, ``jobs=N`` or
a Dask cluster.

The main process only locates inputs and reads their bytes (``iter_sources``); parsing and
extraction (``process``) run where the engine puts them, in chunks, with a bounded number of
chunks in flight, so memory stays flat however large the corpus is.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from pipeline.dataset.derived import DerivedTables
from pipeline.dataset.write import DatasetWriter
from pipeline.extract.record import Records, build_records, error_records
from pipeline.ingest.document import RawDocument
from pipeline.ingest.readers import DEFAULT_MAX_BYTES, Source, iter_sources, load, read_inputs
from pipeline.text.clean import clean_text
from pipeline.time_limit import DEFAULT_SECONDS, TimeLimitExceeded, time_limit

log = logging.getLogger(__name__)

DEFAULT_MAX_CHARS = 1_000_000
CHUNK = 32  # documents per task sent to a worker
ENGINES = ("local", "dask")


@dataclass
class RunSummary:
    read: int = 0
    ok: int = 0
    errors: int = 0
    relevant: int = 0
    with_municipality: int = 0
    with_year: int = 0
    signatories: int = 0
    focus_areas: int = 0
    reused: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)

    def add(self, records: Records) -> None:
        row = records.document
        self.read += 1
        if row["status"] == "error":
            self.errors += 1
            kind = str(row["error"]).split(":")[0][:60]
            self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1
            return
        self.ok += 1
        if row["relevant"]:
            self.relevant += 1
            self.with_municipality += bool(row["municipality"])
            self.with_year += row["year_start"] is not None
            self.signatories += int(row["n_signatories"] or 0)
            self.focus_areas += len(records.focus_areas)


def analyse(raw: RawDocument, max_chars: int = DEFAULT_MAX_CHARS) -> Records:
    """Records for one document; any failure becomes an error row for that document only."""
    if not raw.ok:
        return error_records(raw)
    try:
        text = clean_text(raw.text or "")
        if not text:
            return error_records(raw, "no text after cleaning")
        if len(text) > max_chars:
            return error_records(raw, f"text is {len(text)} characters, over the limit of {max_chars}")
        from pipeline.nlp.build import get_nlp, run_gated
        from pipeline.nlp.spans import set_doc_text

        nlp = get_nlp()
        doc = nlp.make_doc(text)
        set_doc_text(doc, text)
        doc._.url = raw.url
        doc._.title = raw.title
        doc = run_gated(nlp, doc)
        return build_records(raw, doc)
    except RecursionError:
        return error_records(raw, "extraction failed: structure nested too deeply")
    except Exception as exc:
        log.exception("extraction failed for %s", raw.doc_id)
        return error_records(raw, f"extraction failed: {type(exc).__name__}: {exc}"[:500])


def process(src: Source, max_chars: int = DEFAULT_MAX_CHARS, seconds: float | None = DEFAULT_SECONDS) -> Records:
    """Parse and extract one source (the unit of work an engine runs), within ``seconds``."""
    return _within(seconds, src, lambda: analyse(load(src), max_chars=max_chars))


def _within(seconds: float | None, item: Source | RawDocument, work: Callable[[], Records]) -> Records:
    """``work()``, or the error row of ``item`` when it runs out of time (whatever it had read is
    dropped). Returned, never yielded, from inside the limit: the timer must not run on in the
    caller's code."""
    try:
        with time_limit(seconds):
            return work()
    except TimeLimitExceeded as exc:
        raw = RawDocument(doc_id=item.doc_id, source=item.source, text=None, content_sha256=item.content_sha256)
        return error_records(raw, str(exc))


def process_chunk(
    chunk: list[Source], max_chars: int = DEFAULT_MAX_CHARS, seconds: float | None = DEFAULT_SECONDS
) -> list[Records]:
    """A worker's task: a few documents at once, to keep scheduling overhead small."""
    return [process(src, max_chars, seconds) for src in chunk]


def _with_id(records: Records, doc_id: str) -> Records:
    records.document["doc_id"] = doc_id
    for row in (*records.signatories, *records.focus_areas):
        row["doc_id"] = doc_id
    return records


def unique_ids(results: Iterable[Records]) -> Iterator[Records]:
    """Two inputs with the same id (same file stem in two folders) must not collide."""
    seen: set[str] = set()
    for records in results:
        base = str(records.document["doc_id"])
        doc_id = base
        if doc_id in seen:
            sha = str(records.document["content_sha256"])[:8]
            doc_id, n = f"{base}~{sha}", 2
            while doc_id in seen:
                doc_id, n = f"{base}~{sha}-{n}", n + 1
            records = _with_id(records, doc_id)
        seen.add(doc_id)
        yield records


def _chunks(items: Iterable[Source], size: int) -> Iterator[list[Source]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _bounded(
    submit: Callable[[list[Source]], object],
    result: Callable[[object], list[Records]],
    chunks: Iterable[list[Source]],
    window: int,
) -> Iterator[Records]:
    """Submit chunks with at most ``window`` in flight; yield results in submission order."""
    pending: deque[object] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


_WARM_UP_TEXT = (
    "Kommunen och Polisen har skrivit under medborgarlöftet för 2024.\n\n"
    "Kommunstyrelsens ordförande Anna Andersson och lokalpolisområdeschef Per Persson lovar att "
    "arbeta mot narkotika och för trafiksäkerhet i centrum under 2024–2025."
)


def warm_up() -> None:
    """Build the pipeline and run one short release through it, so that everything loaded on first
    use (models, lookup tables, caches) is in memory before the real work starts."""
    analyse(RawDocument(doc_id="warm-up", source="", text=_WARM_UP_TEXT, content_sha256=""))


def _init_worker() -> None:
    """Make a worker ready before its first task (a no-op for a worker forked from a warm parent)."""
    warm_up()


def _start_method() -> str:
    """``fork`` on Linux: workers inherit the parent's warm pipeline at once and share its memory,
    instead of each spending seconds loading spaCy's lookup tables (the largest start-up cost,
    which made ``--jobs 2`` slower than one process on a thousand documents). Elsewhere (macOS,
    where forking is unsafe; Windows) a fresh interpreter per worker."""
    import multiprocessing as mp
    import sys

    methods = mp.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def run_local(
    sources: Iterable[Source], jobs: int, max_chars: int, seconds: float | None = DEFAULT_SECONDS
) -> Iterator[Records]:
    """``jobs`` worker processes (or this process when 1), results in input order."""
    if jobs <= 1:
        for n, src in enumerate(sources):
            if n == 0:
                warm_up()  # the first document's time limit must not pay for building the pipeline
            yield process(src, max_chars, seconds)
        return
    import multiprocessing as mp
    from functools import partial

    method = _start_method()
    if method == "fork":
        warm_up()
    ctx = mp.get_context(method)
    task = partial(process_chunk, max_chars=max_chars, seconds=seconds)
    with ctx.Pool(jobs, initializer=_init_worker) as pool:
        yield from _bounded(
            lambda c: pool.apply_async(task, (c,)), lambda r: r.get(), _chunks(sources, CHUNK), 4 * jobs
        )


def run_dask(
    sources: Iterable[Source], scheduler: str | object, max_chars: int, seconds: float | None = DEFAULT_SECONDS
) -> Iterator[Records]:
    """The same chunks on a Dask cluster: ``scheduler`` is an address or a ``distributed.Client``.

    Workers import this package (install it on every worker) and build the pipeline once per
    process; results come back in input order, so the tables are byte-identical to a local run.
    Tasks run in worker threads, where no time limit can be set (``pipeline.time_limit``).
    """
    from distributed import Client

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        workers = max(1, sum(client.nthreads().values()))
        yield from _bounded(
            lambda c: client.submit(process_chunk, c, max_chars, seconds, pure=False),
            lambda f: f.result(),
            _chunks(sources, CHUNK),
            4 * workers,
        )
    finally:
        if client is not scheduler:
            client.close()


def previous_results(out_dir: Path) -> dict[tuple[str, str], Records]:
    """Records of an earlier run in ``out_dir`` keyed by (content hash, input kind), for ``--resume``.

    Read from Parquet, which keeps raw values (the CSV neutralises formula-like cells). Only
    ``ok`` rows of the current extractor version are reused; errors are retried.
    """
    import pyarrow.parquet as pq

    from pipeline import EXTRACTOR_VERSION

    paths = {name: out_dir / f"{name}.parquet" for name in ("documents", "signatories", "focus_areas")}
    if not all(p.exists() for p in paths.values()):
        return {}
    docs = pq.read_table(paths["documents"]).to_pylist()
    children: dict[str, dict[str, list[dict]]] = {"signatories": {}, "focus_areas": {}}
    for name, by_doc in children.items():
        for row in pq.read_table(paths[name]).to_pylist():
            by_doc.setdefault(row["doc_id"], []).append(row)
    found: dict[tuple[str, str], Records] = {}
    for row in docs:
        if row["status"] != "ok" or row["extractor_version"] != EXTRACTOR_VERSION:
            continue
        kind = _kind_of_source(str(row["source"]))
        found[(row["content_sha256"], kind)] = Records(
            document=row,
            signatories=children["signatories"].get(row["doc_id"], []),
            focus_areas=children["focus_areas"].get(row["doc_id"], []),
        )
    return found


def _kind_of_source(source: str) -> str:
    if "#L" in source and source.rsplit("#L", 1)[1].isdigit():
        return "record"
    suffix = Path(source).suffix.lower()
    return {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}.get(suffix, "")


def _reuse(records: Records, src: Source) -> Records:
    """An earlier run's rows for the same content, re-labelled with this input's id and path."""
    document = {**records.document, "doc_id": src.doc_id, "source": src.source}
    children = [
        [{**row, "doc_id": src.doc_id, "source": src.source} for row in rows]
        for rows in (records.signatories, records.focus_areas)
    ]
    return Records(document=document, signatories=children[0], focus_areas=children[1])


def extract_records(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    seconds: float | None = DEFAULT_SECONDS,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | object | None = None,
    previous: dict[tuple[str, str], Records] | None = None,
    summary: RunSummary | None = None,
) -> Iterator[Records]:
    """Records for every document behind ``paths``, in input order, with unique ids."""
    previous = previous or {}
    reused: dict[int, Records] = {}

    def fresh() -> Iterator[Source]:
        for n, src in enumerate(iter_sources(paths, max_bytes=max_bytes)):
            if src.kind != "error" and src.key in previous:
                reused[n] = _reuse(previous[src.key], src)
                if summary is not None:
                    summary.reused += 1
                continue
            yield src

    if engine == "dask":
        if scheduler is None:
            raise ValueError("--engine dask needs --scheduler ADDRESS")
        computed = run_dask(fresh(), scheduler, max_chars, seconds)
    elif engine == "local":
        computed = run_local(fresh(), jobs, max_chars, seconds)
    else:
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")

    def merged() -> Iterator[Records]:
        """Computed and reused records back in input order (reused ones are known by then)."""
        n = 0
        for records in computed:
            while n in reused:
                yield reused.pop(n)
                n += 1
            yield records
            n += 1
        yield from (reused[k] for k in sorted(reused))

    yield from unique_ids(merged())


def write_records(
    records_iter: Iterable[Records],
    out_dir: str | Path,
    summary: RunSummary,
    on_document: Callable[[Records], None] | None = None,
) -> RunSummary:
    """Stream records into the tables, then the derived tables (promises, aggregates) built from
    the same records; all are published together in one validated, atomic write."""
    derived = DerivedTables()
    with DatasetWriter(Path(out_dir)) as writer:
        for records in records_iter:
            writer.add("documents", [records.document])
            writer.add("signatories", records.signatories)
            writer.add("focus_areas", records.focus_areas)
            derived.add(records.document, records.signatories, records.focus_areas)
            summary.add(records)
            if on_document is not None:
                on_document(records)
        for table, rows in derived.tables().items():
            writer.add(table, rows)
    return summary


def extract_to_dir(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    seconds: float | None = DEFAULT_SECONDS,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | object | None = None,
    resume: bool = False,
    on_document: Callable[[Records], None] | None = None,
) -> RunSummary:
    """Extract every document behind ``paths`` into the tables in ``out_dir``.

    ``resume`` reuses the rows of documents whose content an earlier run in ``out_dir`` already
    extracted (same content hash and input kind, same extractor version), so a rerun after an
    interruption or on a grown corpus only analyses what is new; the tables come out the same.
    """
    out = Path(out_dir)
    previous = previous_results(out) if resume else {}
    summary = RunSummary()
    records_iter = extract_records(
        paths, max_bytes=max_bytes, max_chars=max_chars, seconds=seconds, jobs=jobs, engine=engine,
        scheduler=scheduler, previous=previous, summary=summary,
    )  # fmt: skip
    return write_records(records_iter, out, summary, on_document)


def extract_documents(
    docs: Iterable[RawDocument],
    out_dir: str | Path,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    seconds: float | None = DEFAULT_SECONDS,
    on_document: Callable[[Records], None] | None = None,
) -> RunSummary:
    """Extract documents that are already read (scraped pages) into the tables in ``out_dir``."""

    def analysed() -> Iterator[Records]:
        for n, raw in enumerate(docs):
            if n == 0:
                warm_up()  # as in ``run_local``: not within the first document's time limit
            yield _within(seconds, raw, lambda: analyse(raw, max_chars=max_chars))  # noqa: B023 (called at once)

    return write_records(unique_ids(analysed()), out_dir, RunSummary(), on_document)


def top_level_inputs(folder: str | Path) -> list[Path]:
    """Supported files directly inside ``folder``, not in its subfolders.

    ``make run`` extracts the seed releases in ``data/raw/``; the scrape cache lives below it
    (``data/raw/html/``) and must not change what the default run reads.
    """
    from pipeline.ingest.readers import SUPPORTED_SUFFIXES

    root = Path(folder)
    return sorted(
        p
        for p in root.iterdir()
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith(".")
    )


__all__ = [
    "RawDocument",
    "analyse",
    "extract_documents",
    "extract_records",
    "extract_to_dir",
    "process",
    "read_inputs",
    "top_level_inputs",
]
