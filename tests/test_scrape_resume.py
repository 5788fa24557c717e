"""Resumable and incremental: an interrupted crawl continues without fetching anything twice."""

from __future__ import annotations

import json

import pytest

from pipeline.ingest.scrape.crawl import crawl
from pipeline.ingest.scrape.options import ScrapeOptions
from pipeline.ingest.scrape.seeds import seed_from_url

from .scrape_site import Site

RELEASES = {
    "/nyheter/medborgarlofte-2024",
    "/nyheter/polis-429",
    "/nyheter/polis-500",
    "/nyheter/trygghetsvandring",
    "/nyheter/polis-borta",
    "/nyheter/polis-stor",
    "/nyheter/polis-stor-utan-langd",
    "/nyheter/medborgarlofte-arboga",
    "/nyheter/polis-tyst",
}


class Interrupted(Exception):
    """Stands for Ctrl-C or a killed process in the middle of a crawl."""


def keyword_scorer(doc) -> float:
    """A stand-in for the relevance model: the crawl must work with any scorer."""
    return 0.9 if "medborgarlöfte" in (doc.text or "").lower() else 0.1


def _options(tmp_path) -> ScrapeOptions:
    return ScrapeOptions(
        cache_dir=tmp_path / "cache", delay=0.02, timeout=0.2, retries=0, backoff=0.02, max_bytes=100_000
    )


def _page_requests(site) -> list[str]:
    return [h.path for h in site.state.hits if h.path in RELEASES]


def test_interrupted_crawl_resumes_without_refetching(tmp_path):
    with Site() as site:
        seeds = [seed_from_url(site.url("/nyheter"))]
        fetched_pages: list[str] = []

        def interrupt_after_two_pages(kind: str, url: str) -> None:
            path = url.removeprefix(site.base)
            if kind == "fetched" and path in RELEASES:
                fetched_pages.append(path)
                if len(fetched_pages) == 2:
                    raise Interrupted

        with pytest.raises(Interrupted):
            crawl(seeds, _options(tmp_path), scorer=keyword_scorer, on_event=interrupt_after_two_pages)
        first_run = _page_requests(site)
        assert len(fetched_pages) == 2 and len(set(first_run)) < len(RELEASES)  # stopped early

        with site.state.lock:
            site.state.hits.clear()
        second = crawl(seeds, _options(tmp_path), scorer=keyword_scorer)
        second_run = _page_requests(site)
        assert not set(fetched_pages) & set(second_run)  # what the first run stored is not asked again
        assert set(first_run) | set(second_run) == RELEASES  # and everything else is
        assert second.summary.cached == 2
        listing = [h for h in site.state.hits if h.path == "/nyheter"]
        assert listing[0].headers.get("If-None-Match") and listing[0].status == 304  # conditional request

        rows = [json.loads(x) for x in (tmp_path / "cache" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
        assert {r["url"].removeprefix(site.base) for r in rows} >= RELEASES
        kept = {p.url.removeprefix(site.base) for p in second.kept}
        assert kept == {"/nyheter/medborgarlofte-2024", "/nyheter/medborgarlofte-arboga"}

        with site.state.lock:
            site.state.hits.clear()
        third = crawl(seeds, _options(tmp_path), scorer=keyword_scorer)
        # Complete: only robots.txt, the revalidated listings and the page that timed out.
        assert {h.path for h in site.state.hits} == {
            "/robots.txt",
            "/nyheter",
            "/nyheter?page=2",
            "/nyheter/polis-tyst",
        }
        assert {h.status for h in site.state.hits if h.path.startswith("/nyheter?") or h.path == "/nyheter"} == {304}
        assert {p.url.removeprefix(site.base) for p in third.kept} == kept


def test_explicit_release_urls_are_kept_and_cached(tmp_path):
    with Site() as site:
        seeds = [seed_from_url(site.url("/nyheter/trygghetsvandring"), "1983")]
        first = crawl(seeds, _options(tmp_path), scorer=keyword_scorer)
        assert [(p.reason, p.kept) for p in first.pages] == [("given", True)]  # named by the user: kept
        crawl(seeds, _options(tmp_path), scorer=keyword_scorer)
        assert [h.path for h in site.state.hits].count("/nyheter/trygghetsvandring") == 1
