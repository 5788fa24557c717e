"""A whole crawl of the test municipality site on 127.0.0.1, checked on what the server saw.

The crawl runs once (module fixture) from nothing but the site's home page, with
small delays so the suite stays fast; every check reads the server's own request log or the
manifest, never the test's wall time.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from pipeline.collect import ScrapeReport, scrape
from pipeline.ingest.scrape.options import ScrapeOptions
from pipeline.ingest.scrape.seeds import seed_from_url

from .scrape_site import Site

DELAY = 0.05
BACKOFF = 0.1
OPTIONS = {
    "delay": DELAY,
    "timeout": 0.3,
    "max_time": 5.0,
    "retries": 1,
    "backoff": BACKOFF,
    "max_bytes": 100_000,
    "since": date(2020, 1, 1),
}


@dataclass
class Crawled:
    site: Site
    report: ScrapeReport
    cache: Path
    out: Path

    def manifest(self) -> dict[str, dict]:
        rows = [json.loads(line) for line in (self.cache / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
        return {row["url"].removeprefix(self.site.base): row for row in rows}

    def hits(self, path: str | None = None):
        hits = sorted(self.site.state.hits, key=lambda h: h.start)
        return [h for h in hits if path is None or h.path == path]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory, nlp) -> Crawled:
    tmp = tmp_path_factory.mktemp("scrape")
    with Site() as site:
        options = ScrapeOptions(cache_dir=tmp / "cache", **OPTIONS)
        seeds = [seed_from_url(site.url("/"), "1983")]  # the site's start URL is enough
        report = scrape(seeds, options, extract_to=tmp / "out")
    return Crawled(site, report, tmp / "cache", tmp / "out")


def test_robots_txt_is_read_first_and_once(crawled):
    paths = [h.path for h in crawled.hits()]
    assert paths[0] == "/robots.txt" and paths.count("/robots.txt") == 1


def test_nothing_disallowed_is_fetched(crawled):
    assert not [h.path for h in crawled.hits() if h.path.startswith("/intern/")]
    row = crawled.manifest()["/intern/medborgarlofte-utkast"]
    assert row["error"] == "robots" and row["status"] is None


def test_user_agent_names_the_project(crawled):
    agents = {h.headers.get("User-Agent", "") for h in crawled.hits()}
    assert len(agents) == 1 and agents.pop().startswith("medborgarlofte/")


def test_per_host_delay_between_all_requests(crawled):
    starts = [h.start for h in crawled.hits()]
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(gaps) > 15 and min(gaps) >= DELAY - 0.005


def test_never_two_requests_to_the_host_at_once(crawled):
    # Where the client gave up (timeout, size cap) the server thread may still be busy writing.
    abandoned = {"/nyheter/polis-tyst", "/nyheter/polis-stor", "/nyheter/polis-stor-utan-langd"}
    hits = [h for h in crawled.hits() if h.path not in abandoned]
    for before, after in itertools.pairwise(hits):
        assert after.start >= before.end, (before.path, after.path)


def test_retry_after_is_honoured(crawled):
    first, second = crawled.hits("/nyheter/polis-429")
    assert first.status == 429 and second.status == 200
    assert second.start - first.end >= 1.0  # the server asked for one second


def test_server_error_is_retried_after_a_backoff(crawled):
    first, second = crawled.hits("/nyheter/polis-500")
    assert (first.status, second.status) == (500, 200)
    assert second.start - first.end >= BACKOFF - 0.005


def test_timeout_is_retried_then_recorded(crawled):
    assert len(crawled.hits("/nyheter/polis-tyst")) == 2  # one retry


def test_404_is_not_retried(crawled):
    assert len(crawled.hits("/nyheter/polis-borta")) == 1


@pytest.mark.parametrize(
    ("path", "status", "error", "kind"),
    [
        ("/", 200, None, "listing"),
        ("/sitemap.xml", 200, None, "sitemap"),
        ("/rss.xml", 200, None, "feed"),
        ("/nyheter", 200, None, "listing"),
        ("/nyheter?page=2", 200, None, "listing"),
        ("/nyheter/medborgarlofte-2024", 200, None, "page"),
        ("/nyheter/medborgarlofte-arboga", 200, None, "page"),
        ("/gammal/medborgarlofte", 200, None, "page"),
        ("/nyheter/polis-429", 200, None, "page"),
        ("/nyheter/polis-500", 200, None, "page"),
        ("/nyheter/trygghetsvandring", 200, None, "page"),
        ("/nyheter/polis-tyst", None, "timeout", "page"),
        ("/nyheter/polis-stor", 200, "too-large", "page"),
        ("/nyheter/polis-stor-utan-langd", 200, "too-large", "page"),
        ("/nyheter/polis-borta", 404, "http-404", "page"),
        ("/intern/medborgarlofte-utkast", None, "robots", "page"),
    ],
)
def test_every_url_ends_as_a_manifest_row(crawled, path, status, error, kind):
    row = crawled.manifest()[path]
    assert (row["status"], row["error"], row["kind"]) == (status, error, kind)
    for key in ("url", "final_url", "status", "fetched_at", "content_sha256", "etag", "last_modified", "error"):
        assert key in row


def test_manifest_has_no_rows_for_what_was_never_fetched(crawled):
    rows = crawled.manifest()
    assert "/nyheter/ny-forskola" not in rows  # URL/title filter
    assert "/nyheter/gammalt-medborgarlofte-2019" not in rows  # --since, from the sitemap's lastmod
    requested = {h.path for h in crawled.hits()}
    assert "/nyheter/ny-forskola" not in requested and "/nyheter/gammalt-medborgarlofte-2019" not in requested


def test_redirect_chain_is_followed_and_recorded(crawled):
    row = crawled.manifest()["/gammal/medborgarlofte"]
    assert row["final_url"] == crawled.site.url("/nyheter/medborgarlofte-2023")
    assert [u.removeprefix(crawled.site.base) for u in row["redirects"]] == [
        "/arkiv/medborgarlofte",
        "/nyheter/medborgarlofte-2023",
    ]


def test_cached_bodies_match_their_hashes(crawled):
    for row in crawled.manifest().values():
        if row["path"]:
            body = (crawled.cache / row["path"]).read_bytes()
            assert hashlib.sha256(body).hexdigest() == row["content_sha256"]
    assert crawled.manifest()["/nyheter/medborgarlofte-arboga"]["charset"] == "windows-1252"


def test_summary_counts(crawled):
    s = crawled.report.crawl.summary
    assert s.hosts == 1 and s.kept == 3 and s.filtered >= 1 and s.too_old == 1
    assert s.errors == {"robots": 1, "timeout": 1, "too-large": 2, "http-404": 1}
    assert s.requests == len(crawled.hits())


def test_focus_keeps_only_releases(crawled):
    kept = {p.url.removeprefix(crawled.site.base): p for p in crawled.report.crawl.kept}
    assert set(kept) == {"/nyheter/medborgarlofte-2024", "/nyheter/medborgarlofte-arboga", "/gammal/medborgarlofte"}
    assert all(p.reason == "relevant" and p.municipality_code == "1983" for p in kept.values())
    dropped = {p.url.removeprefix(crawled.site.base) for p in crawled.report.crawl.pages if not p.kept}
    assert "/nyheter/trygghetsvandring" in dropped


def test_windows_1252_release_is_decoded(crawled):
    (page,) = [p for p in crawled.report.crawl.kept if p.url.endswith("medborgarlofte-arboga")]
    assert "Göran Öström" in page.document.text and "skadegörelse" in page.document.text


def test_kept_releases_extract_correctly(crawled):
    with (crawled.out / "documents.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["url"].removeprefix(crawled.site.base): row for row in csv.DictReader(handle)}
    expected = {
        "/nyheter/medborgarlofte-2024": ("Köping", "2024"),
        "/nyheter/medborgarlofte-arboga": ("Arboga", "2023"),
        "/nyheter/medborgarlofte-2023": ("Kungsör", "2023"),  # the URL after the redirects
    }
    assert set(rows) == set(expected)
    for path, (municipality, year) in expected.items():
        row = rows[path]
        assert (row["status"], row["relevant"], row["municipality"], row["year_start"]) == (
            "ok",
            "true",
            municipality,
            year,
        )
    assert crawled.report.extraction.relevant == 3


def test_crawl_report_is_written_beside_the_manifest(crawled):
    report = json.loads((crawled.cache / "last_run.json").read_text(encoding="utf-8"))
    assert report["summary"]["kept"] == 3
    assert {p["reason"] for p in report["pages"]} >= {"relevant", "not-relevant"}
