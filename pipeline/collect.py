"""Scrape, then extract: the library call behind ``medborgarlofte scrape``.

The crawl (``pipeline.ingest.scrape``) decides which pages to keep; this module hands the kept
pages, with their URLs, to the same extraction as ``extract`` and writes a small JSON report
of the crawl beside the manifest, so a run can be audited after the terminal is gone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.batch import RunSummary, extract_documents
from pipeline.ingest.scrape.crawl import CrawlResult, EventHook, crawl
from pipeline.ingest.scrape.focus import Scorer
from pipeline.ingest.scrape.options import ScrapeOptions
from pipeline.ingest.scrape.seeds import Seed

REPORT = "last_run.json"


@dataclass
class ScrapeReport:
    crawl: CrawlResult
    extraction: RunSummary | None = None


def write_crawl_report(result: CrawlResult, cache_dir: Path) -> Path:
    """The summary and one line per page read (kept or not, and why) as JSON."""
    path = Path(cache_dir) / REPORT
    data = {
        "summary": result.summary.as_dict(),
        "pages": [
            {
                "url": p.url,
                "final_url": p.final_url,
                "municipality_code": p.municipality_code,
                "kept": p.kept,
                "reason": p.reason,
                "score": p.score,
                "title": p.title,
                "published": p.published,
            }
            for p in result.pages
        ],
    }
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path


def scrape(
    seeds: Iterable[Seed],
    options: ScrapeOptions,
    *,
    extract_to: str | Path | None = None,
    scorer: Scorer | None = None,
    on_event: EventHook | None = None,
) -> ScrapeReport:
    """Crawl from ``seeds``; with ``extract_to``, extract the kept pages into that folder."""
    result = crawl(seeds, options, scorer=scorer, on_event=on_event)
    write_crawl_report(result, options.cache_dir)
    report = ScrapeReport(result)
    if extract_to is not None:
        docs = [p.document for p in result.kept if p.document is not None]
        report.extraction = extract_documents(docs, extract_to)
    return report
