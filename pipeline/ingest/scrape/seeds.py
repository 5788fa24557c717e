"""Where a crawl starts: URLs given on the command line, or a CSV of sites.

The CSV has a header with ``municipality_code`` and ``start_url`` (comma or semicolon
separated, as spreadsheets save it); other columns are ignored. The code travels with every
page found from that start URL, into the crawl report.
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.decode import decode_bytes
from pipeline.ingest.scrape.urls import canonical_url

_CODE = re.compile(r"^\d{4}$")


class SeedError(ValueError):
    """A start URL or a sites file that cannot be used."""


@dataclass(frozen=True)
class Seed:
    url: str
    municipality_code: str | None = None


def seed_from_url(url: str, municipality_code: str | None = None) -> Seed:
    canon = canonical_url(url)
    if canon is None:
        raise SeedError(f"not an http(s) URL: {url!r}")
    return Seed(canon, municipality_code)


def read_sites_csv(path: str | Path) -> list[Seed]:
    """Seeds from a ``municipality_code, start_url`` CSV."""
    text = decode_bytes(Path(path).read_bytes())
    dialect = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",;\t")
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    fields = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    if "start_url" not in fields:
        raise SeedError(f"{path}: needs a header with 'municipality_code' and 'start_url'")
    seeds = []
    for lineno, row in enumerate(reader, start=2):
        url = (row.get(fields["start_url"]) or "").strip()
        if not url:
            continue
        code = (row.get(fields.get("municipality_code", ""), "") or "").strip() or None
        if code is not None:
            code = code.zfill(4)
            if not _CODE.match(code):
                raise SeedError(f"{path}:{lineno}: municipality_code {code!r} is not 4 digits")
        try:
            seeds.append(seed_from_url(url, code))
        except SeedError as exc:
            raise SeedError(f"{path}:{lineno}: {exc}") from exc
    return seeds


def collect_seeds(urls: Iterable[str] = (), sites: str | Path | None = None) -> list[Seed]:
    seeds = [seed_from_url(u) for u in urls]
    if sites is not None:
        seeds.extend(read_sites_csv(sites))
    if not seeds:
        raise SeedError("nothing to scrape: give URLs or --sites FILE")
    return seeds
